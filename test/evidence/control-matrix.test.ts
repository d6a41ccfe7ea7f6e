/*
 * evidence/control-matrix.ts: criteria → rules → what they concluded on each resource, from a
 * verdict document and a model built in the test; the order of criteria; the Markdown.
 */
import { AppModel } from '../../evidence/app-model';
import {
  buildControlMatrix, compareCriteria, ControlMatrix, CRITERIA, CriterionEvidence, CriterionStatus, renderControlMatrixMarkdown, REQUIRED_CRITERIA,
  ResourceOutcome, statusWords,
} from '../../evidence/control-matrix';
import { Severity } from '../../pack/rule';
import { ALL_RULES } from '../../pack/rules';
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
const criterion = (id: string): CriterionEvidence => matrix.criteria.find((c) => c.criterion === id)!;

beforeAll(() => {
  matrix = buildControlMatrix(new AppModel([]), VERDICTS);
});

describe('criterion status', () => {
  test('a criterion is failing when an unacknowledged error cites it', () => {
    expect(criterion('C1.1')).toEqual(expect.objectContaining({ status: CriterionStatus.FAILING, counts: expect.objectContaining({ failed: 1 }) }));
  });

  test('an acknowledged failure is counted apart and leaves the criterion passing', () => {
    expect(criterion('A1.2')).toEqual(expect.objectContaining({
      status: CriterionStatus.PASSING,
      counts: { passed: 0, acknowledged: 1, failed: 0, warnings: 0, notApplicable: 0 },
    }));
  });

  test('an unacknowledged failure of a warning rule is a warning, whatever severity the verdict carries', () => {
    expect(criterion('C1.2')).toEqual(expect.objectContaining({
      status: CriterionStatus.WARNINGS,
      counts: expect.objectContaining({ failed: 0, warnings: 1 }),
    }));
  });

  test('a criterion whose rules found nothing to examine is not shown as met', () => {
    expect(criterion('CC6.6')).toEqual(expect.objectContaining({
      status: CriterionStatus.NO_RESOURCES_IN_SCOPE,
      counts: { passed: 0, acknowledged: 0, failed: 0, warnings: 0, notApplicable: 2 },
    }));
  });

  test('a required criterion no rule cites is not evidenced: no rules, no counts', () => {
    expect(criterion('CC7.2')).toEqual(expect.objectContaining({
      status: CriterionStatus.NOT_EVIDENCED,
      rules: [],
      counts: { passed: 0, acknowledged: 0, failed: 0, warnings: 0, notApplicable: 0 },
    }));
  });

  test('only passing verdicts: passing', () => {
    expect(criterion('PI1.5').status).toBe(CriterionStatus.PASSING);
  });

  test('without verdicts the pack did not run: no pack, and the criteria its rules cite are not checked', () => {
    const unchecked = buildControlMatrix(new AppModel([]), undefined);
    expect(unchecked.pack).toBeUndefined();
    const cited = new Set(ALL_RULES.flatMap((r) => r.criteria));
    for (const c of unchecked.criteria) {
      expect({ criterion: c.criterion, status: c.status })
        .toEqual({ criterion: c.criterion, status: cited.has(c.criterion) ? CriterionStatus.NOT_CHECKED : CriterionStatus.NOT_EVIDENCED });
    }
  });
});

describe('what a criterion lists', () => {
  test('every required criterion and every criterion a rule cites, in Trust Services order, titled', () => {
    expect(matrix.criteria.map((c) => c.criterion)).toEqual([...REQUIRED_CRITERIA, 'CC9.2'].sort(compareCriteria));
    expect(criterion('CC6.1').title).toBe(CRITERIA['CC6.1']);
  });

  test('a criterion the titles do not know is listed with an empty title', () => {
    expect(criterion('CC9.2')).toEqual(expect.objectContaining({ title: '', status: CriterionStatus.NO_RESOURCES_IN_SCOPE }));
  });

  test('the rules citing it, by id, with their severity; its counts are their sum', () => {
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
    expect(criterion('CC6.6').rules[0].resources).toEqual([]);
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

test('statusWords says each status in words, failing in capitals', () => {
  expect(Object.values(CriterionStatus).map(statusWords)).toEqual([
    'passing', 'passing, with warnings', 'FAILING', 'no resources in scope', 'not evidenced by any rule', 'not checked (the pack did not run)',
  ]);
});

describe('renderControlMatrixMarkdown', () => {
  let md: string;

  beforeAll(() => {
    md = renderControlMatrixMarkdown(matrix);
  });

  test('names the pack, and has a summary row per criterion with its status and counts', () => {
    expect(md).toContain('by Soc2Ml 1.2.3.');
    expect(md).toContain(`| [C1.1](#c11) | ${CRITERIA['C1.1']} | FAILING | 1 | 0 | 1 | 0 | 1 | 0 |`);
    expect(md.match(/^\| \[[A-Z]+\d+\.\d+\]/gm)).toHaveLength(matrix.criteria.length);
  });

  test('a section per criterion; one no rule evidences says so', () => {
    expect(md).toContain('## CC7.2');
    expect(md).toMatch(/## CC7\.2\n\n.*Status: \*\*not evidenced by any rule\*\*\.\n\nNo rule of the pack evidences this criterion yet\./);
  });

  test('failures and acknowledgements are listed with their detail or reason; a cell\'s pipes and line breaks are escaped', () => {
    expect(md).toContain('| `S3BucketKmsEncryption` | `App/Raw/Resource` | AWS::S3::Bucket | failed | It sets no default encryption. |');
    expect(md).toContain(`| \`S3BucketVersioned\` | \`App/Raw/Resource\` | AWS::S3::Bucket | acknowledged | ${ACK_REASON} (acknowledged at \`App\`) |`);
    expect(md).toContain('| failed | No lifecycle \\| rule. None at all. |');
  });

  test('passing resources are counted, not listed', () => {
    expect(md).toContain('3 passing verdicts, resource by resource, are in control-matrix.json.');
    expect(md).not.toContain('| `App/Curated/Resource` |');
  });

  test('without the pack, says nothing was examined', () => {
    expect(renderControlMatrixMarkdown(buildControlMatrix(new AppModel([]), undefined))).toContain('The Soc2Ml pack did not run on this app (no verdict file): no resource was examined.');
  });

  test('lists the runtime Config rules, saying which are conditional', () => {
    const stack = stackInput('Baseline', {
      Encryption: { Type: 'AWS::Config::ConfigRule', Condition: 'RuleAvailable', Properties: { Description: 'S3BucketKmsEncryption', Source: { SourceIdentifier: 'S3_DEFAULT_ENCRYPTION_KMS' } } },
    });
    expect(renderControlMatrixMarkdown(buildControlMatrix(new AppModel([stack]), VERDICTS)))
      .toContain('- `S3_DEFAULT_ENCRYPTION_KMS` (`S3BucketKmsEncryption`) in `Baseline/Encryption/Resource`, where the region offers it');
  });
});
