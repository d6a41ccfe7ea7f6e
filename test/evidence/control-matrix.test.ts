/*
 * evidence/control-matrix.ts: criteria → rules → what they concluded on each resource, from a
 * verdict document and a model built in the test; the order of criteria; the Markdown.
 */
import { AppModel } from '../../evidence/app-model';
import {
  buildControlMatrix, compareCriteria, ControlMatrix, CriterionEvidence, CriterionStatus, renderControlMatrixMarkdown, ResourceOutcome, STATUS_ORDER, statusWords,
} from '../../evidence/control-matrix';
import { TRUST_SERVICES_CRITERIA, trustServicesCriterion } from '../../core/trust-services-criteria';
import { Severity } from '../../pack/rule';
import { bucketVerdicts, ruleSummary, stackInput, verdictDocument } from './helpers';

const ACK_REASON = 'Objects are copied nightly to the backup account.';

const RULES = [
  ruleSummary('S3BucketKmsEncryption', ['CC6.1', 'C1.1']),
  ruleSummary('S3BucketTlsOnly', ['CC6.1']),
  ruleSummary('S3BucketVersioned', ['A1.2']),
  ruleSummary('S3BucketRetained', ['PI1.5']),
  // Error in the verdicts below, but the rule is a warning.
  ruleSummary('S3BucketLifecycleWarning', ['C1.2'], Severity.WARNING),
  ruleSummary('S3BucketClassified', ['CC6.6']),
  ruleSummary('VendorReviewed', ['CC9.2']),
  ruleSummary('CitesAnUnknownCriterion', ['ZZ1.1']),
];

const VERDICTS = verdictDocument(RULES, [
  bucketVerdicts('Raw', {
    passed: ['S3BucketTlsOnly', 'S3BucketRetained'],
    notApplicable: ['S3BucketClassified'],
    failed: [
      { rule: 'S3BucketKmsEncryption', severity: Severity.ERROR, detail: 'It sets no default encryption.' },
      { rule: 'S3BucketVersioned', severity: Severity.ERROR, detail: 'Versioning is not enabled.', acknowledged: { reason: ACK_REASON, at: 'App' } },
      { rule: 'S3BucketLifecycleWarning', severity: Severity.ERROR, detail: 'No lifecycle | rule.\nNone at all.' },
      { rule: 'NotInTheDocument', severity: Severity.ERROR, detail: 'A rule the document does not list.' },
    ],
  }),
  bucketVerdicts('Curated', { passed: ['S3BucketKmsEncryption', 'S3BucketTlsOnly'], notApplicable: ['S3BucketClassified'] }),
]);

let matrix: ControlMatrix;
const criterion = (id: string, m: ControlMatrix = matrix): CriterionEvidence => m.criteria.find((c) => c.criterion === id)!;

beforeAll(() => {
  matrix = buildControlMatrix(new AppModel([]), VERDICTS);
});

describe('criterion status', () => {
  test('a design criterion a rule fails unacknowledged is not addressed, saying how many findings are open', () => {
    expect(criterion('C1.1')).toEqual(expect.objectContaining({ status: CriterionStatus.NOT_ADDRESSED, counts: expect.objectContaining({ failed: 1 }) }));
    expect(criterion('C1.1').basis).toMatch(/^1 unacknowledged finding /);
  });

  test('an acknowledged failure is counted apart and leaves the criterion enforced at design, pointing to the register', () => {
    expect(criterion('A1.2')).toEqual(expect.objectContaining({
      status: CriterionStatus.ENFORCED_AT_DESIGN,
      counts: { passed: 0, acknowledged: 1, failed: 0, warnings: 0, notApplicable: 0 },
    }));
    expect(criterion('A1.2').basis).toBe('1 rule examined 1 resource × rule pair; none fails unacknowledged (1 acknowledged, in the exceptions register). No deployed control re-checks it.');
  });

  test('only passing verdicts and nothing deployed to re-check: enforced at design', () => {
    expect(criterion('PI1.5').status).toBe(CriterionStatus.ENFORCED_AT_DESIGN);
  });

  test('a rule that examined nothing contributes nothing: the criterion is not addressed, and the rule is named apart', () => {
    expect(criterion('CC6.6')).toEqual(expect.objectContaining({
      status: CriterionStatus.NOT_ADDRESSED,
      rules: [],
      rulesExaminedNothing: ['S3BucketClassified'],
      counts: { passed: 0, acknowledged: 0, failed: 0, warnings: 0, notApplicable: 0 },
    }));
  });

  test('a design criterion no rule cites is not addressed', () => {
    expect(criterion('CC7.2')).toEqual(expect.objectContaining({ status: CriterionStatus.NOT_ADDRESSED, rules: [], basis: 'No rule of the pack examined a resource of this app for it.' }));
  });

  test('a criterion only operation shows is never enforced by rules: without a mechanism in the app it is not addressed', () => {
    // The warning rule cites C1.2 and examined a resource, yet disposal is shown only by operation.
    expect(criterion('C1.2')).toEqual(expect.objectContaining({ status: CriterionStatus.NOT_ADDRESSED, basis: 'The app deploys no mechanism for it.' }));
    expect(criterion('C1.2').counts.warnings).toBe(1);
  });

  test('an entity-level criterion is outside infrastructure, even when a rule cites it', () => {
    expect(criterion('CC9.2').status).toBe(CriterionStatus.OUTSIDE_INFRASTRUCTURE);
    expect(criterion('CC1.3')).toEqual(expect.objectContaining({ status: CriterionStatus.OUTSIDE_INFRASTRUCTURE, basis: expect.stringMatching(/board minutes/) }));
  });

  test('without verdicts the pack did not run: no design criterion is addressed, entity-level ones stay outside', () => {
    const unchecked = buildControlMatrix(new AppModel([]), undefined);
    expect(unchecked.pack).toBeUndefined();
    expect(criterion('CC6.1', unchecked)).toEqual(expect.objectContaining({ status: CriterionStatus.NOT_ADDRESSED, basis: 'The Soc2Ml pack did not run on this app: no resource was examined.' }));
    expect(criterion('CC1.1', unchecked).status).toBe(CriterionStatus.OUTSIDE_INFRASTRUCTURE);
  });

  test('the summary counts criteria by status, every criterion once', () => {
    expect(STATUS_ORDER.reduce((n, st) => n + matrix.summary[st], 0)).toBe(matrix.criteria.length);
    expect(matrix.summary[CriterionStatus.ENFORCED_AT_DESIGN]).toBe(2);
  });
});

describe('deployed controls', () => {
  let deployed: ControlMatrix;

  beforeAll(() => {
    const stack = stackInput('Baseline', {
      Versioning: { Type: 'AWS::Config::ConfigRule', Properties: { ConfigRuleName: 'bucket-versioning', Description: 'Mirrors S3BucketVersioned.', Source: { Owner: 'CUSTOM_LAMBDA' } } },
      Delivery: { Type: 'AWS::S3::Bucket', Properties: {} },
      Channel: { Type: 'AWS::Config::DeliveryChannel', Properties: { S3BucketName: { Ref: 'Delivery' } } },
      Plan: { Type: 'AWS::Backup::BackupPlan', Properties: {} },
    });
    deployed = buildControlMatrix(new AppModel([stack]), VERDICTS);
  });

  test('a design criterion whose rules an AWS Config rule mirrors is designed and monitored, naming where the evaluations land', () => {
    const a12 = criterion('A1.2', deployed);
    expect(a12.status).toBe(CriterionStatus.DESIGNED_AND_MONITORED);
    expect(a12.controls[0]).toEqual({
      name: 'AWS Config rules mirroring its rules',
      records: 'compliance evaluations in AWS Config, delivered by Baseline/Channel/Resource to the bucket Baseline/Delivery/Resource',
      resources: ['Baseline/Versioning/Resource'],
    });
  });

  test('a detective control the criterion names (a backup plan for A1.2) is listed with where its records land', () => {
    expect(criterion('A1.2', deployed).controls.map((c) => c.name)).toContain('AWS Backup plan and vault');
  });

  test('an operating criterion with a mechanism in the app needs operating evidence, naming the mechanism and where its records go', () => {
    const cc75 = criterion('CC7.5', deployed);
    expect(cc75.status).toBe(CriterionStatus.OPERATING_EVIDENCE_REQUIRED);
    expect(cc75.basis).toBe('Only the operation over the audit period of what the app deploys for it shows it: AWS Backup plan and vault.');
    expect(cc75.controls).toEqual([{ name: 'AWS Backup plan and vault', records: 'backup and restore jobs in AWS Backup, recovery points in the vault', resources: ['Baseline/Plan/Resource'] }]);
  });

  test('a Config rule mirroring a rule that examined nothing, or a failing criterion, proves nothing more', () => {
    expect(criterion('C1.1', deployed).status).toBe(CriterionStatus.NOT_ADDRESSED);
  });
});

describe('what a criterion lists', () => {
  test('every Trust Services Criterion once, in order, titled; a criterion a rule cites that is not one comes last', () => {
    expect(matrix.criteria.map((c) => c.criterion)).toEqual([...TRUST_SERVICES_CRITERIA.map((c) => c.id), 'ZZ1.1']);
    expect(criterion('CC6.1').title).toBe(trustServicesCriterion('CC6.1')!.title);
    expect(criterion('ZZ1.1').title).toBe('');
  });

  test('the rules citing it that examined a resource, by id, with their severity; its counts are their sum', () => {
    const c = criterion('CC6.1');
    expect(c.rules.map((r) => [r.rule, r.severity])).toEqual([['S3BucketKmsEncryption', Severity.ERROR], ['S3BucketTlsOnly', Severity.ERROR]]);
    expect(c.counts).toEqual({ passed: 3, acknowledged: 0, failed: 1, warnings: 0, notApplicable: 0 });
  });

  test('each resource a rule examined, by stack and path, with its outcome; not-applicable ones left out', () => {
    const rule = criterion('CC6.1').rules.find((r) => r.rule === 'S3BucketKmsEncryption')!;
    expect(rule.resources).toEqual([
      { stack: 'App', constructPath: 'App/Curated/Resource', logicalId: 'Curated', type: 'AWS::S3::Bucket', outcome: ResourceOutcome.PASSED },
      { stack: 'App', constructPath: 'App/Raw/Resource', logicalId: 'Raw', type: 'AWS::S3::Bucket', outcome: ResourceOutcome.FAILED, detail: 'It sets no default encryption.' },
    ]);
  });

  test('an acknowledged resource carries the detail, the reason and where it was acknowledged', () => {
    expect(criterion('A1.2').rules[0].resources).toEqual([expect.objectContaining({
      constructPath: 'App/Raw/Resource', outcome: ResourceOutcome.ACKNOWLEDGED, detail: 'Versioning is not enabled.', reason: ACK_REASON, acknowledgedAt: 'App',
    })]);
  });

  test('a verdict of a rule the document does not list is ignored', () => {
    expect(matrix.criteria.flatMap((c) => c.rules.map((r) => r.rule))).not.toContain('NotInTheDocument');
  });

  test('the pack that judged the app', () => {
    expect(matrix.pack).toEqual({ plugin: 'Soc2Ml', version: '1.2.3' });
  });
});

describe('runtime AWS Config rules', () => {
  let runtime: ControlMatrix;

  beforeAll(() => {
    const stack = stackInput('Baseline', {
      Encryption: {
        Type: 'AWS::Config::ConfigRule',
        Condition: 'RuleAvailable',
        Properties: { Description: 'Mirrors S3BucketKmsEncryption after deploy.', Source: { Owner: 'AWS', SourceIdentifier: 'S3_DEFAULT_ENCRYPTION_KMS' } },
      },
      Versioning: {
        Type: 'AWS::Config::ConfigRule',
        Properties: { ConfigRuleName: 'bucket-versioning', Description: 'Mirrors S3BucketVersioned and S3BucketRetained.', Source: { Owner: 'CUSTOM_LAMBDA' } },
      },
      Unrelated: {
        Type: 'AWS::Config::ConfigRule',
        Properties: { Description: 'Checks something the pack does not.', Source: { Owner: 'AWS', SourceIdentifier: 'ROOT_ACCOUNT_MFA_ENABLED' } },
      },
    });
    runtime = buildControlMatrix(new AppModel([stack]), VERDICTS);
  });

  const runtimeOf = (id: string) => runtime.criteria.find((c) => c.criterion === id)!.runtimeRules;

  test('a Config rule whose description names a pack rule is listed under that rule\'s criteria, by its managed identifier', () => {
    const expected = { configRule: 'S3_DEFAULT_ENCRYPTION_KMS', stack: 'Baseline', constructPath: 'Baseline/Encryption/Resource', mirrors: ['S3BucketKmsEncryption'], conditional: true };
    expect(runtimeOf('CC6.1')).toEqual([expected]);
    expect(runtimeOf('C1.1')).toEqual([expected]);
    // CC6.6's rule examined nothing: a Config rule mirroring the pack adds nothing there.
    expect(runtimeOf('CC6.6')).toEqual([]);
  });

  test('a custom rule is known by its name, mirrors every pack rule it names, and is unconditional without a condition', () => {
    expect(runtimeOf('A1.2')).toEqual([expect.objectContaining({ configRule: 'bucket-versioning', mirrors: ['S3BucketRetained', 'S3BucketVersioned'], conditional: false })]);
    expect(runtimeOf('PI1.5').map((r) => r.configRule)).toEqual(['bucket-versioning']);
  });

  test('a Config rule naming no pack rule is not listed', () => {
    expect(runtime.criteria.flatMap((c) => c.runtimeRules.map((r) => r.configRule))).not.toContain('ROOT_ACCOUNT_MFA_ENABLED');
  });
});

describe('compareCriteria', () => {
  test('CC before A before C before PI before P, numbers compared as numbers', () => {
    expect(['P1.1', 'PI1.2', 'C1.1', 'A1.2', 'CC6.10', 'CC6.9', 'CC10.1'].sort(compareCriteria)).toEqual(['CC6.9', 'CC6.10', 'CC10.1', 'A1.2', 'C1.1', 'PI1.2', 'P1.1']);
  });

  test('unknown categories come after the known ones, and what is not a criterion id last', () => {
    expect(['Other', 'X1.1', 'PI1.1'].sort(compareCriteria)).toEqual(['PI1.1', 'X1.1', 'Other']);
  });
});

test('statusWords says each of the five statuses in words', () => {
  expect(Object.values(CriterionStatus).map(statusWords)).toEqual([
    'enforced at design', 'designed and monitored', 'operating evidence required', 'outside infrastructure', 'not addressed',
  ]);
});

describe('renderControlMatrixMarkdown', () => {
  let text: string;

  beforeAll(() => {
    text = renderControlMatrixMarkdown(matrix);
  });

  test('names the pack, counts criteria by status and has a row per criterion with its status and basis', () => {
    expect(text).toContain('judged by Soc2Ml 1.2.3.');
    expect(text).toContain('| enforced at design | 2 | ');
    expect(text).toContain(`| [PI1.5](#pi15) | ${trustServicesCriterion('PI1.5')!.title} | enforced at design | 1 rule examined 1 resource × rule pair; none fails unacknowledged. No deployed control re-checks it. |`);
    expect(text.match(/^\| \[[A-Z]+\d+\.\d+\]/gm)).toHaveLength(matrix.criteria.length);
  });

  test('a section per criterion that is not outside infrastructure; rules that examined nothing are named as contributing nothing', () => {
    expect(text).toContain('## CC6.6');
    expect(text).not.toContain('## CC1.1');
    expect(text).toContain('Rules that cite it but examined no resource of this app (they contribute nothing): `S3BucketClassified`.');
  });

  test('failures and acknowledgements are listed with their detail or reason; a cell\'s pipes and line breaks are escaped', () => {
    expect(text).toContain('| `S3BucketKmsEncryption` | `App/Raw/Resource` | failed | It sets no default encryption. |');
    expect(text).toContain(`| \`S3BucketVersioned\` | \`App/Raw/Resource\` | acknowledged | ${ACK_REASON} (acknowledged at \`App\`) |`);
    expect(text).toContain('| failed | No lifecycle \\| rule. None at all. |');
  });

  test('passing resources are not listed; the JSON holds them', () => {
    expect(text).toContain('The passing verdicts, resource by resource, are in control-matrix.json.');
    expect(text).not.toContain('| `App/Curated/Resource` |');
  });

  test('without the pack, says nothing was examined', () => {
    expect(renderControlMatrixMarkdown(buildControlMatrix(new AppModel([]), undefined))).toContain('The Soc2Ml pack did not run on this app (no verdict file): no resource was examined.');
  });

  test('lists the deployed controls with where their records land', () => {
    const stack = stackInput('Baseline', { Plan: { Type: 'AWS::Backup::BackupPlan', Properties: {} } });
    expect(renderControlMatrixMarkdown(buildControlMatrix(new AppModel([stack]), VERDICTS)))
      .toContain('- AWS Backup plan and vault: backup and restore jobs in AWS Backup, recovery points in the vault (1 resource, e.g. `Baseline/Plan/Resource`)');
  });
});
