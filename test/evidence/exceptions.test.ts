/*
 * evidence/exceptions.ts: one entry per acknowledgement (rule × construct), named by its plugin,
 * with the findings it covered, from acknowledgements, report and verdicts built in the test.
 */
import { buildExceptions, buildExceptionsRegister, ExceptionEntry, UNMATCHED_WARNING, unmatchedAcknowledgements } from '../../evidence/exceptions';
import { ExceptionOrigin } from '../../core/acknowledgements';
import { Acknowledgement, PluginReport, ReportedViolation, splitRuleId } from '../../evidence/inputs';
import { Severity } from '../../pack/rule';
import { bucketVerdicts, evidenceInputs, pluginReport, reportedViolation, verdictDocument } from './helpers';

const VERSIONING_REASON = 'Objects are copied nightly to the backup account.';
const CFN_REASON = 'The property is set by a custom resource at deploy time.';

function ack(id: string, at: string, reason: string): Acknowledgement {
  return { id, ...splitRuleId(id), reason, at };
}

/** A violation of the report that an acknowledgement covered. */
function acknowledged(id: string, at: string, reason: string, constructPaths: readonly string[]): ReportedViolation {
  return reportedViolation(splitRuleId(id).rule, constructPaths, { acknowledgedId: id, acknowledgedAt: at, reason });
}

function report(pluginName: string, suppressedViolations: readonly ReportedViolation[] = []): PluginReport {
  return pluginReport(pluginName, { suppressedViolations });
}

test('one entry per acknowledgement, with plugin, rule, id, place and reason', () => {
  const exceptions = buildExceptions(evidenceInputs({
    plugins: [{ name: 'Soc2Ml' }],
    acknowledgements: [ack('Soc2Ml::S3BucketVersioned', 'App/Raw', VERSIONING_REASON)],
  }));
  expect(exceptions).toEqual([{
    plugin: 'Soc2Ml', rule: 'S3BucketVersioned', id: 'Soc2Ml::S3BucketVersioned', acknowledgedAt: 'App/Raw', reason: VERSIONING_REASON, findings: [],
    criteria: ['A1.2', 'PI1.5'], origin: ExceptionOrigin.USER,
    // It covered nothing: a warning in the evidence and the summary.
    warning: UNMATCHED_WARNING,
  }]);
  expect(unmatchedAcknowledgements(exceptions)).toEqual(exceptions);
});

test('the same rule acknowledged on two constructs is two entries', () => {
  const exceptions = buildExceptions(evidenceInputs({
    acknowledgements: [ack('Soc2Ml::S3BucketVersioned', 'App/Raw', VERSIONING_REASON), ack('Soc2Ml::S3BucketVersioned', 'App/Curated', VERSIONING_REASON)],
  }));
  expect(exceptions.map((e) => e.acknowledgedAt)).toEqual(['App/Curated', 'App/Raw']);
});

describe('the plugin an entry names', () => {
  test('is the registered or reporting plugin whose namespace the id has', () => {
    const exceptions = buildExceptions(evidenceInputs({
      reports: [report('CloudFormation Validate')],
      acknowledgements: [ack('CloudFormation-Validate::E3012', 'App/Raw/Resource', CFN_REASON)],
    }));
    expect(exceptions.map((e) => [e.plugin, e.rule])).toEqual([['CloudFormation Validate', 'E3012']]);
  });

  test('of an unknown plugin, is the namespace with dashes read as spaces', () => {
    const exceptions = buildExceptions(evidenceInputs({ acknowledgements: [ack('My-Checks::NoPublicBuckets', 'App', 'Reviewed.')] }));
    expect(exceptions[0].plugin).toBe('My Checks');
  });

  test('of an id without a namespace, is the construct annotations\' plugin when it reported', () => {
    const annotation = ack('MyWarning', 'App/Raw', 'Known.');
    expect(buildExceptions(evidenceInputs({ acknowledgements: [annotation] }))[0].plugin).toBe('annotation');
    expect(buildExceptions(evidenceInputs({ reports: [report('Construct Annotations')], acknowledgements: [annotation] }))[0].plugin).toBe('Construct Annotations');
  });
});

describe('the findings an entry covered', () => {
  test('are the report\'s acknowledged violations under its id and place, sorted', () => {
    const exceptions = buildExceptions(evidenceInputs({
      acknowledgements: [ack('Soc2Ml::S3BucketVersioned', 'App', VERSIONING_REASON)],
      reports: [report('Soc2Ml', [
        acknowledged('Soc2Ml::S3BucketVersioned', 'App', VERSIONING_REASON, ['App/Raw/Resource']),
        acknowledged('Soc2Ml::S3BucketVersioned', 'App', VERSIONING_REASON, ['App/Curated/Resource']),
      ])],
    }));
    expect(exceptions).toEqual([expect.objectContaining({ acknowledgedAt: 'App', findings: ['App/Curated/Resource', 'App/Raw/Resource'] })]);
  });

  test('a covered finding makes an entry even when the acknowledgement itself was not read, with the report\'s reason', () => {
    const exceptions = buildExceptions(evidenceInputs({
      reports: [report('Soc2Ml', [acknowledged('Soc2Ml::S3BucketVersioned', 'Prod', VERSIONING_REASON, ['Prod/Data/Raw/Resource'])])],
    }));
    expect(exceptions).toEqual([{
      plugin: 'Soc2Ml', rule: 'S3BucketVersioned', id: 'Soc2Ml::S3BucketVersioned', acknowledgedAt: 'Prod', reason: VERSIONING_REASON, findings: ['Prod/Data/Raw/Resource'],
      criteria: ['A1.2', 'PI1.5'], origin: ExceptionOrigin.USER,
    }]);
  });

  test('an acknowledged violation that does not say which acknowledgement covered it is left out', () => {
    const unplaced = { ...acknowledged('Soc2Ml::S3BucketVersioned', 'App', VERSIONING_REASON, ['App/Raw/Resource']), acknowledgedAt: undefined };
    expect(buildExceptions(evidenceInputs({ reports: [report('Soc2Ml', [unplaced])] }))).toEqual([]);
  });

  test('include the pack\'s acknowledged verdicts, when no report was written', () => {
    const verdicts = verdictDocument([], [
      bucketVerdicts('Raw', { failed: [{ rule: 'S3BucketVersioned', severity: Severity.ERROR, detail: 'Off.', acknowledged: { reason: VERSIONING_REASON, at: 'App' } }] }),
      bucketVerdicts('Curated', { failed: [{ rule: 'S3BucketVersioned', severity: Severity.ERROR, detail: 'Off.' }] }),
    ]);
    expect(buildExceptions(evidenceInputs({ verdicts, acknowledgements: [ack('Soc2Ml::S3BucketVersioned', 'App', VERSIONING_REASON)] }))).toEqual([
      expect.objectContaining({ id: 'Soc2Ml::S3BucketVersioned', acknowledgedAt: 'App', findings: ['App/Raw/Resource'] }),
    ]);
  });

  test('a finding in both the report and the verdicts is listed once', () => {
    const verdicts = verdictDocument([], [
      bucketVerdicts('Raw', { failed: [{ rule: 'S3BucketVersioned', severity: Severity.ERROR, detail: 'Off.', acknowledged: { reason: VERSIONING_REASON, at: 'App' } }] }),
    ]);
    const exceptions = buildExceptions(evidenceInputs({
      verdicts,
      reports: [report('Soc2Ml', [acknowledged('Soc2Ml::S3BucketVersioned', 'App', VERSIONING_REASON, ['App/Raw/Resource'])])],
    }));
    expect(exceptions.map((e) => e.findings)).toEqual([['App/Raw/Resource']]);
  });
});

test('entries are sorted by plugin, then rule, then place', () => {
  const exceptions = buildExceptions(evidenceInputs({
    plugins: [{ name: 'Soc2Ml' }, { name: 'AwsSolutions' }],
    acknowledgements: [
      ack('Soc2Ml::S3BucketVersioned', 'App/B', 'b'),
      ack('Soc2Ml::S3BucketClassified', 'App/Z', 'z'),
      ack('AwsSolutions::AwsSolutions-S1', 'App/Z', 'nag'),
      ack('Soc2Ml::S3BucketVersioned', 'App/A', 'a'),
    ],
  }));
  expect(exceptions.map((e) => `${e.plugin} ${e.rule} ${e.acknowledgedAt}`)).toEqual([
    'AwsSolutions AwsSolutions-S1 App/Z',
    'Soc2Ml S3BucketClassified App/Z',
    'Soc2Ml S3BucketVersioned App/A',
    'Soc2Ml S3BucketVersioned App/B',
  ]);
});

describe('who made an exception, and its owner and review date', () => {
  test('the metadata recorded beside the acknowledgement: origin, owner, review date; a rule of another plugin cites no criterion', () => {
    const exceptions = buildExceptions(evidenceInputs({
      acknowledgements: [
        { ...ack('Soc2Ml::S3BucketVersioned', 'App/Raw', VERSIONING_REASON), origin: 'user', owner: 'data-platform', reviewBy: '2027-01-31' },
        { ...ack('AwsSolutions::AwsSolutions-S1', 'App/Logs', 'Log target.'), origin: 'platform' },
      ],
    }));
    expect(exceptions.map((e) => [e.id, e.origin, e.owner, e.reviewBy, e.criteria])).toEqual([
      ['AwsSolutions::AwsSolutions-S1', ExceptionOrigin.PLATFORM, undefined, undefined, []],
      ['Soc2Ml::S3BucketVersioned', ExceptionOrigin.USER, 'data-platform', '2027-01-31', ['A1.2', 'PI1.5']],
    ]);
  });

  test('an acknowledgement without a recorded origin is the user\'s, except the one the AWS CDK makes itself', () => {
    const exceptions = buildExceptions(evidenceInputs({
      acknowledgements: [
        ack('CloudFormation-Validate::W3010', 'Stack', 'Literal AZs in template are the result of accessing stack.availabilityZones, this is expected and safe.'),
        ack('CloudFormation-Validate::W3010', 'Other', 'We pinned the zones.'),
      ],
    }));
    expect(exceptions.map((e) => [e.acknowledgedAt, e.origin])).toEqual([['Other', ExceptionOrigin.USER], ['Stack', ExceptionOrigin.AWS_CDK]]);
  });
});

describe('buildExceptionsRegister', () => {
  const entry = (id: string, at: string, reason: string, extra: Partial<ExceptionEntry> = {}): ExceptionEntry => ({
    plugin: 'Soc2Ml', rule: splitRuleId(id).rule, id, acknowledgedAt: at, reason, findings: [`${at}/Resource`], criteria: [], origin: ExceptionOrigin.PLATFORM, ...extra,
  });
  const register = buildExceptionsRegister([
    entry('Soc2Ml::A', 'App/One', 'Shared reason.', { criteria: ['CC6.1'] }),
    entry('Soc2Ml::B', 'App/Two', 'Shared reason.', { criteria: ['A1.2'] }),
    entry('Soc2Ml::A', 'App/Three', 'Shared reason.', { findings: [] }),
    entry('Soc2Ml::C', 'App/Four', 'Ours.', { origin: ExceptionOrigin.USER, owner: 'team', reviewBy: '2026-05-31' }),
    entry('Soc2Ml::C', 'App/Five', 'Ours.', { origin: ExceptionOrigin.USER, owner: 'team', reviewBy: '2026-06-01' }),
  ], '2026-06-01');

  test('groups identical reasons (with one owner and review date), the user\'s first, with their rules, criteria and counts', () => {
    expect(register.groups.map((g) => [g.origin, g.reason, g.reviewBy, g.rules, g.criteria, g.acknowledgements.length, g.findings])).toEqual([
      [ExceptionOrigin.USER, 'Ours.', '2026-05-31', ['Soc2Ml::C'], [], 1, 1],
      [ExceptionOrigin.USER, 'Ours.', '2026-06-01', ['Soc2Ml::C'], [], 1, 1],
      [ExceptionOrigin.PLATFORM, 'Shared reason.', undefined, ['Soc2Ml::A', 'Soc2Ml::B'], ['A1.2', 'CC6.1'], 3, 2],
    ]);
  });

  test('flags review dates before the day of synth, not the day itself', () => {
    expect(register.groups.map((g) => g.reviewOverdue)).toEqual([true, false, false]);
    expect(register.summary.reviewOverdue).toBe(1);
  });

  test('lists the acknowledgements that matched no finding, and sums it all up', () => {
    expect(register.matchedNoFinding.map((e) => e.acknowledgedAt)).toEqual(['App/Three']);
    expect(register.summary).toEqual({ acknowledgements: 5, platform: 3, user: 2, awsCdk: 0, distinctReasons: 2, matchedNoFinding: 1, reviewOverdue: 1, findingsCovered: 4 });
    expect(register.asOf).toBe('2026-06-01');
  });

  test('compares review dates with the day of synth, which SOC2ML_SYNTH_DATE fixes', () => {
    process.env.SOC2ML_SYNTH_DATE = '2030-01-01';
    try {
      expect(buildExceptionsRegister([]).asOf).toBe('2030-01-01');
    } finally {
      delete process.env.SOC2ML_SYNTH_DATE;
    }
  });
});
