/*
 * evidence/html.ts: the page for people, from checks, a control matrix, an inventory and
 * exceptions written in the test; and its escaping and key wording.
 */
import { AccessVia } from '../../evidence/app-model';
import { ChecksDocument, Conclusion } from '../../evidence/checks';
import { ControlMatrix, CriterionStatus, ResourceOutcome } from '../../evidence/control-matrix';
import { buildExceptionsRegister, ExceptionEntry } from '../../evidence/exceptions';
import { esc, PageContent, renderHtml } from '../../evidence/html';
import { describeKey, Inventory } from '../../evidence/inventory';
import { StageKind } from '../../evidence/logical-diagram';
import { ExceptionOrigin } from '../../core/acknowledgements';
import { Severity } from '../../pack/rule';

const ZERO = { passed: 0, acknowledged: 0, failed: 0, warnings: 0, notApplicable: 0 };
const INJECTED = '<script>alert("x")</script> & more';

const CHECKS: ChecksDocument = {
  synthesis: Conclusion.FAILED,
  checks: [
    { plugin: 'AwsSolutions', ruleCount: 40, conclusion: Conclusion.PASSED, findings: { errors: 0, warnings: 0, other: 0, acknowledged: 2 } },
    { plugin: 'Soc2Ml', version: '1.2.3', ruleCount: 65, conclusion: Conclusion.FAILED, findings: { errors: 1, warnings: 2, other: 0, acknowledged: 1 } },
  ],
  packVerdicts: { plugin: 'Soc2Ml', passed: 120, failed: 1, warnings: 2, acknowledged: 1, notApplicable: 30 },
};

const MATRIX: ControlMatrix = {
  pack: { plugin: 'Soc2Ml', version: '1.2.3' },
  summary: {
    [CriterionStatus.ENFORCED_AT_DESIGN]: 0, [CriterionStatus.DESIGNED_AND_MONITORED]: 0, [CriterionStatus.OPERATING_EVIDENCE_REQUIRED]: 1,
    [CriterionStatus.OUTSIDE_INFRASTRUCTURE]: 0, [CriterionStatus.NOT_ADDRESSED]: 1,
  },
  criteria: [
    {
      criterion: 'CC6.1', title: 'Logical access security', status: CriterionStatus.NOT_ADDRESSED, basis: '1 unacknowledged finding.', counts: { ...ZERO, passed: 3, failed: 1, acknowledged: 1 },
      rulesExaminedNothing: ['IamNoAccessKeys'], controls: [{ name: 'AWS Config rules mirroring its rules', records: 'in AWS Config', resources: ['Baseline/Encryption'] }], controlsNotDeployed: [],
      runtimeRules: [
        { configRule: 'S3_DEFAULT_ENCRYPTION_KMS', stack: 'Baseline', constructPath: 'Baseline/Encryption', mirrors: ['S3BucketKmsEncryption'], conditional: false },
      ],
      rules: [{
        rule: 'S3BucketKmsEncryption', severity: Severity.ERROR, counts: { ...ZERO, passed: 3, failed: 1, acknowledged: 1 },
        resources: [
          { stack: 'App', constructPath: 'App/Curated/Resource', type: 'AWS::S3::Bucket', outcome: ResourceOutcome.PASSED },
          { stack: 'App', constructPath: 'App/Raw/Resource', type: 'AWS::S3::Bucket', outcome: ResourceOutcome.FAILED, detail: 'It sets no default encryption.' },
          { stack: 'App', constructPath: 'App/Old/Resource', type: 'AWS::S3::Bucket', outcome: ResourceOutcome.ACKNOWLEDGED, detail: 'SSE-S3.', reason: INJECTED, acknowledgedAt: 'App/Old' },
        ],
      }],
    },
    {
      criterion: 'CC7.3', title: 'Security events are evaluated', status: CriterionStatus.OPERATING_EVIDENCE_REQUIRED, basis: 'Only the operation shows it: GuardDuty detector.', counts: ZERO,
      rules: [], runtimeRules: [], rulesExaminedNothing: [], controls: [{ name: 'GuardDuty detector', records: 'findings in GuardDuty', resources: ['Baseline/Detector'] }], controlsNotDeployed: [],
    },
  ],
};

const INVENTORY: Inventory = {
  dataStores: [
    {
      stack: 'App', constructPath: 'App/Raw/Resource', logicalId: 'Raw', type: 'AWS::S3::Bucket', kind: 'S3 bucket', environment: 'dev', classification: 'confidential', personalData: true,
      encryption: [{ kind: 'customer-managed', key: 'App/Key/Resource', aliases: ['alias/ml/data'] }], retention: 'kept until deleted (no expiration rule)', versioning: 'versioning enabled, no Object Lock',
      retainedOnDelete: true, access: [{ role: 'App/Reader/Resource', persona: 'analyst', via: AccessVia.IAM_POLICY, actions: ['s3:GetObject'] }],
    },
    {
      stack: 'App', constructPath: 'App/Features/Resource', logicalId: 'Features', type: 'AWS::SageMaker::FeatureGroup', kind: 'Feature group',
      encryption: [{ kind: 'aws-managed', value: 'alias/aws/s3', part: 'offline store' }], retention: 'online store only', versioning: 'online store only', retainedOnDelete: false, access: [],
    },
  ],
  keys: [{
    stack: 'App', constructPath: 'App/Key/Resource', logicalId: 'Key', type: 'AWS::KMS::Key', aliases: ['alias/ml/data'], rotation: false, keySpec: 'SYMMETRIC_DEFAULT', retainedOnDelete: true,
    protects: [{ stack: 'App', constructPath: 'App/Raw/Resource', logicalId: 'Raw', type: 'AWS::S3::Bucket' }], access: [],
  }],
  network: [],
  humanRoles: [{
    stack: 'App', constructPath: 'App/Scientist/Resource', logicalId: 'Scientist', type: 'AWS::IAM::Role', persona: 'data-scientist', trustedBy: ['arn:aws:iam::111122223333:root'],
    mfaRequired: false, conditions: [], maxSessionSeconds: 14400, managedPolicies: [],
  }],
  modelEndpoints: [],
};

const EXCEPTIONS: ExceptionEntry[] = [
  {
    plugin: 'Soc2Ml', rule: 'S3BucketKmsEncryption', id: 'Soc2Ml::S3BucketKmsEncryption', acknowledgedAt: 'App/Old', reason: INJECTED, findings: ['App/Old/Resource'],
    criteria: ['CC6.1', 'C1.1'], origin: ExceptionOrigin.USER, owner: 'data-platform', reviewBy: '2026-01-31',
  },
  { plugin: 'CloudFormation Validate', rule: 'W3010', id: 'CloudFormation-Validate::W3010', acknowledgedAt: 'App', reason: 'Zones are fixed.', findings: [], criteria: [], origin: ExceptionOrigin.PLATFORM },
];
const REGISTER = buildExceptionsRegister(EXCEPTIONS, '2026-06-01');

const SVG = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- Generated by graphviz -->\n<svg width="10pt" height="10pt"><g id="node1" class="node store"><title>n1</title></g></svg>\n';

/** The rows of a table's body, each as its cells' text. */
function rows(html: string, id: string): string[][] {
  const table = new RegExp(`<table id="${id}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, '')));
}

describe('esc', () => {
  test('escapes the characters that make markup: & < > "', () => {
    expect(esc('a & b < c > d "e"')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot;');
  });

  test('leaves other text as it is', () => {
    expect(esc('Soc2Ml::S3BucketVersioned it\'s fine')).toBe('Soc2Ml::S3BucketVersioned it\'s fine');
  });
});

describe('describeKey', () => {
  test('a key of the app by its aliases, else its construct path; a key outside the app by its value', () => {
    expect(describeKey({ kind: 'customer-managed', key: 'App/Key/Resource', aliases: ['alias/a', 'alias/b'] })).toBe('alias/a, alias/b');
    expect(describeKey({ kind: 'customer-managed', key: 'App/Key/Resource', aliases: [] })).toBe('App/Key/Resource');
    expect(describeKey({ kind: 'customer-managed', value: 'arn:aws:kms:eu-west-1:111122223333:key/abcd' })).toBe('arn:aws:kms:eu-west-1:111122223333:key/abcd');
  });

  test('AWS-managed and AWS-owned keys say so, with what is known; no key is not encrypted', () => {
    expect(describeKey({ kind: 'aws-managed', value: 'alias/aws/s3' })).toBe('AWS-managed key (alias/aws/s3)');
    expect(describeKey({ kind: 'aws-owned' })).toBe('AWS-owned key');
    expect(describeKey({ kind: 'none' })).toBe('not encrypted');
  });
});

const CONTENT: PageContent = {
  checks: CHECKS, matrix: MATRIX, inventory: INVENTORY, register: REGISTER, stacks: 2, notJudged: 7, resourceGraph: true,
  source: { commit: '0123456789abcdef0123', commitDate: '2026-05-01T10:00:00+00:00', uncommittedChanges: false },
  dataFlows: [{
    diagram: { environment: 'prod', account: 'Account 111122223333', stacks: ['App'], nodes: [{ id: 'training_data', lines: ['Training data'], kind: StageKind.STORE, inVpc: false, constructPaths: [] }], edges: [] },
    svg: SVG, files: { dot: 'data-flow-prod.dot', svg: 'data-flow-prod.svg' },
  }],
};

describe('renderHtml', () => {
  let html: string;

  beforeAll(() => {
    html = renderHtml(CONTENT);
  });

  test('is one self-contained page: a Content-Security-Policy forbidding everything fetched, no script', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">');
    expect(html).not.toMatch(/<script|<link|src="http/i);
  });

  test('text from the app is escaped, so it cannot add markup', () => {
    expect(html).not.toContain(INJECTED);
    expect(html).toContain(esc(INJECTED));
  });

  test('the header ties the page to the commit, and says whether synthesis passed and which pack judged the app', () => {
    expect(html).toContain('2 stacks, commit <code>0123456789ab</code> of 2026-05-01T10:00:00+00:00. Synthesis <strong class="failed">FAILED a check</strong>; judged by Soc2Ml 1.2.3.');
    const passed = renderHtml({ ...CONTENT, source: undefined, checks: { synthesis: Conclusion.PASSED, checks: [] } });
    expect(passed).toContain('no git commit (the app is not in a git work tree). Synthesis <strong class="passed">passed every check</strong>');
  });

  test('the summary: criteria by status, a row per check that ran, exceptions and resources not judged', () => {
    expect(html).toContain('<div class="tile" data-status="not-addressed"');
    expect(rows(html, 'checks-table')).toEqual([
      ['AwsSolutions', 'not reported', '40', 'passed', '0', '0', '2'],
      ['Soc2Ml', '1.2.3', '65', 'failed', '1', '2', '1'],
    ]);
    expect(html).toMatch(/Exceptions: <strong>2<\/strong> acknowledgements \(1 the platform's, 1 the app's\), 2 distinct reasons, covering 1 findings; .*1 matched no finding.*1 past their review date.*Resources not judged \(types no rule reads\): <strong>7<\/strong>/);
  });

  test('each environment\'s diagram is its SVG inlined without prolog, doctype and comments; the resource graph is linked', () => {
    expect(html).toContain('<div class="diagram" data-environment="prod"><svg width="10pt" height="10pt">');
    expect(html).not.toMatch(/<\?xml|<!DOCTYPE svg|<!--/);
    expect(html).toContain('<a href="resource-graph.svg">resource-graph.svg</a>');
  });

  test('without an SVG, the page says the diagram could not be rendered', () => {
    const page = renderHtml({ ...CONTENT, resourceGraph: false, dataFlows: [{ ...CONTENT.dataFlows[0], svg: undefined }] });
    expect(page).toContain('The diagram could not be rendered; its Graphviz source is in data-flow-prod.dot.');
    expect(page).toContain('The resource graph could not be rendered; its Graphviz source is in resource-graph.dot.');
    expect(page).not.toContain('<div class="diagram"');
  });

  test('a criteria row per criterion: its status in words and its basis', () => {
    expect(rows(html, 'control-matrix-table')).toEqual([
      ['CC6.1', 'Logical access security', 'not addressed', '1 unacknowledged finding.'],
      ['CC7.3', 'Security events are evaluated', 'operating evidence required', 'Only the operation shows it: GuardDuty detector.'],
    ]);
    expect(html).toContain('<tr data-criterion="CC6.1" data-status="not-addressed"><td><a href="#criterion-cc61">CC6.1</a></td>');
  });

  test('a criterion\'s details, folded: its rules, what failed, what was acknowledged, what examined nothing, the controls deployed', () => {
    const details = /<details id="criteria-details">[\s\S]*?<\/details>/.exec(html)?.[0] ?? '';
    expect(details).toContain('<td><code>S3BucketKmsEncryption</code></td><td><code>App/<wbr>Raw/<wbr>Resource</code></td><td><span class="failed">failed</span></td><td>It sets no default encryption.</td>');
    expect(details).toContain(`<td>${esc(INJECTED)} (acknowledged at App/Old)</td>`);
    expect(details).not.toContain('App/<wbr>Curated');
    expect(details).toContain('Examined no resource of this app (contribute nothing): <code>IamNoAccessKeys</code>.');
    expect(details).toContain('<li>GuardDuty detector (1): findings in GuardDuty.</li>');
  });

  test('identifiers break only after a slash, never per character', () => {
    expect(html).not.toContain('break-all');
    expect(html).toContain('<code>App/<wbr>Key/<wbr>Resource</code>');
  });

  test('the data stores, with classification, personal data, key and roles; what is not tagged says so', () => {
    expect(rows(html, 'data-stores')).toEqual([
      ['App/Raw/Resource', 'S3 bucket', 'dev', 'confidential', 'yes', 'alias/ml/data', 'kept until deleted (no expiration rule)', 'versioning enabled, no Object Lock', 'yes', 'analyst: App/Reader/Resource (iam-policy)'],
      ['App/Features/Resource', 'Feature group', '', 'not classified', 'not tagged', 'offline store: AWS-managed key (alias/aws/s3)', 'online store only', 'online store only', 'no', ''],
    ]);
  });

  test('keys, with rotation off marked failed; human roles with MFA and session length', () => {
    expect(rows(html, 'keys')).toEqual([['App/Key/Resource', 'alias/ml/data', '', 'off', 'yes', 'App/Raw/Resource', '']]);
    expect(html).toContain('<span class="failed">off</span>');
    expect(rows(html, 'human-roles')).toEqual([['App/Scientist/Resource', 'data-scientist', '', 'arn:aws:iam::111122223333:root', 'no', '', '4 h', '']]);
  });

  test('an empty table says there is none in this app', () => {
    expect(rows(html, 'network')).toEqual([['none in this app']]);
    expect(rows(html, 'model-endpoints')).toEqual([['none in this app']]);
  });

  test('the register: a group per reason, the app\'s first, with owner, review date (overdue flagged), rules, criteria and counts', () => {
    expect(rows(html, 'exceptions-table')).toEqual([
      ['userowner: data-platformreview by 2026-01-31 (overdue)', esc(INJECTED), 'Soc2Ml::S3BucketKmsEncryption', 'C1.1, CC6.1', '1', '1'],
      ['platform', 'Zones are fixed.', 'CloudFormation-Validate::W3010', '', '1', '0'],
    ]);
    expect(rows(html, 'unmatched-table')).toEqual([['CloudFormation-Validate::W3010', 'App', 'platform', 'Zones are fixed.']]);
  });

  test('sections other modules contribute (an access matrix) come before the inventory, linked from the navigation', () => {
    const page = renderHtml({ ...CONTENT, extraSections: [{ id: 'access-matrix', title: 'Access matrix', html: ['<p>who reaches what</p>'] }] });
    expect(page).toMatch(/<section id="exceptions">[\s\S]*<section id="access-matrix">\n<h2>Access matrix<\/h2>\n<p>who reaches what<\/p>\n<\/section>\n<section id="inventory">/);
    expect(page).toContain('<a href="#access-matrix">Access matrix</a><a href="#inventory">Inventory</a></nav>');
  });
});
