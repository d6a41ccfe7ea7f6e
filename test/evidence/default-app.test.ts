/*
 * The evidence of the default app, synthesized once with cdk.json's context through the
 * documented call (CloudFormation Validate off, as in every unit test), shared with the other
 * files that read it (test/helpers/default-app-evidence.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Validations } from 'aws-cdk-lib';
import { ChecksDocument, Conclusion } from '../../evidence/checks';
import { ControlMatrix, CriterionStatus, ResourceOutcome } from '../../evidence/control-matrix';
import { CriterionNature, criterionSpec } from '../../evidence/criteria';
import { ExceptionEntry, ExceptionsRegister } from '../../evidence/exceptions';
import { EvidenceManifest, sha256 } from '../../evidence/manifest';
import { TRUST_SERVICES_CRITERIA } from '../../core/trust-services-criteria';
import { ExceptionOrigin } from '../../core/acknowledgements';
import { Inventory } from '../../evidence/inventory';
import { dataFlowFiles, EVIDENCE_DIRECTORY, EVIDENCE_FILES } from '../../evidence/writer';
import { DEFAULT_ENVIRONMENTS } from '../../settings/platform-settings';
import { ALL_RULES } from '../../pack/rules';
import { VERDICTS_FILE } from '../../pack/verdicts';
import { REPO_ROOT } from '../helpers/app-context';
import { sharedDefaultAppEvidence } from '../helpers/default-app-evidence';
import { readEvidenceJson, readEvidenceText } from './fixtures';
import { parseDot, sarifSchemaErrors } from './helpers';

let outdir: string;

beforeAll(async () => {
  outdir = await sharedDefaultAppEvidence();
});

interface Template { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> }
const templates = (): [string, Template][] => fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json'))
  .map((f) => [f.replace('.template.json', ''), JSON.parse(fs.readFileSync(path.join(outdir, f), 'utf-8')) as Template]);
const resourcesOfType = (type: string) => templates().flatMap(([stack, t]) => Object.entries(t.Resources).filter(([, r]) => r.Type === type).map(([id, r]) => ({ stack, id, r })));
const environments = () => DEFAULT_ENVIRONMENTS;

test('writes every evidence file into soc2-evidence/ in the cloud assembly', () => {
  const flows = environments().flatMap((env) => Object.values(dataFlowFiles(env)));
  expect(fs.readdirSync(path.join(outdir, EVIDENCE_DIRECTORY)).sort()).toEqual([...Object.values(EVIDENCE_FILES), ...flows].sort());
});

describe('control matrix', () => {
  const matrix = () => readEvidenceJson<ControlMatrix>(outdir, EVIDENCE_FILES.CONTROL_MATRIX_JSON);

  test('lists every Trust Services Criterion once, in order, titled, with one of the five statuses and its basis', () => {
    expect(matrix().criteria.map((c) => c.criterion)).toEqual(TRUST_SERVICES_CRITERIA.map((c) => c.id));
    for (const c of matrix().criteria) {
      expect({ c: c.criterion, titled: c.title.length > 10, status: Object.values(CriterionStatus).includes(c.status), basis: c.basis.length > 10 })
        .toEqual({ c: c.criterion, titled: true, status: true, basis: true });
    }
  });

  test('no criterion is shown met that a synth cannot show: only design criteria are enforced, each by rules that examined resources', () => {
    const met = [CriterionStatus.ENFORCED_AT_DESIGN, CriterionStatus.DESIGNED_AND_MONITORED];
    for (const c of matrix().criteria.filter((x) => met.includes(x.status))) {
      expect({ c: c.criterion, nature: criterionSpec(c.criterion).nature, examined: c.rules.every((r) => r.resources.length > 0) && c.rules.length > 0 })
        .toEqual({ c: c.criterion, nature: CriterionNature.DESIGN, examined: true });
    }
    for (const id of ['CC1.3', 'CC3.1', 'CC3.2', 'CC4.2', 'CC7.3', 'CC7.4', 'CC8.1', 'C1.2', 'PI1.4']) {
      expect({ id, met: met.includes(matrix().criteria.find((c) => c.criterion === id)!.status) }).toEqual({ id, met: false });
    }
    expect(matrix().criteria.filter((c) => met.includes(c.status)).length).toBeGreaterThan(5);
  });

  test('a rule that examined nothing contributes nothing: IamNoAccessKeys is named apart under CC6.1, never among its rules', () => {
    const cc61 = matrix().criteria.find((c) => c.criterion === 'CC6.1')!;
    expect(cc61.rulesExaminedNothing).toContain('IamNoAccessKeys');
    expect(cc61.rules.map((r) => r.rule)).not.toContain('IamNoAccessKeys');
    for (const c of matrix().criteria) {
      expect([...c.rules.map((r) => r.rule), ...c.rulesExaminedNothing].sort()).toEqual(ALL_RULES.filter((r) => r.criteria.includes(c.criterion)).map((r) => r.rule.id).sort());
    }
  });

  test('criteria only operation shows name what the app deploys for them and where its records land', () => {
    const cc73 = matrix().criteria.find((c) => c.criterion === 'CC7.3')!;
    expect(cc73.status).toBe(CriterionStatus.OPERATING_EVIDENCE_REQUIRED);
    expect(cc73.controls.map((d) => d.name)).toContain('GuardDuty detector');
    expect(cc73.controls.every((d) => d.records.length > 10 && d.resources.length > 0)).toBe(true);
  });

  test('counts per criterion are the pack\'s resource × rule verdicts for the rules citing it', () => {
    const verdicts = JSON.parse(fs.readFileSync(path.join(outdir, VERDICTS_FILE), 'utf-8')) as { resources: { passed: string[]; failed: { rule: string; acknowledged?: unknown }[] }[] };
    for (const c of matrix().criteria) {
      const rules = new Set(c.rules.map((r) => r.rule));
      const passed = verdicts.resources.reduce((n, r) => n + r.passed.filter((id) => rules.has(id)).length, 0);
      const acknowledged = verdicts.resources.reduce((n, r) => n + r.failed.filter((f) => rules.has(f.rule) && f.acknowledged).length, 0);
      expect({ c: c.criterion, passed: c.counts.passed, acknowledged: c.counts.acknowledged }).toEqual({ c: c.criterion, passed, acknowledged });
      expect(c.counts.failed).toBe(0); // the default app passes every error-severity rule
    }
  });

  test('each environment\'s training-data bucket is examined for CC6.1 with stack, path, logical id and type', () => {
    const rule = matrix().criteria.find((c) => c.criterion === 'CC6.1')!.rules.find((r) => r.rule === 'S3BucketKmsEncryption')!;
    for (const env of environments()) {
      expect(rule.resources).toContainEqual(expect.objectContaining({
        stack: `soc2ml-${env}`, constructPath: `soc2ml-${env}/Platform/TrainingData/Bucket/Resource`, logicalId: expect.stringMatching(/^PlatformTrainingDataBucket/), type: 'AWS::S3::Bucket', outcome: ResourceOutcome.PASSED,
      }));
    }
  });

  test('lists the runtime AWS Config rules in the templates under each criterion whose contributing rules they mirror', () => {
    const ids = ALL_RULES.map((r) => r.rule.id);
    const configRules = resourcesOfType('AWS::Config::ConfigRule')
      .map(({ r }) => ({ identifier: (r.Properties?.Source as { SourceIdentifier: string }).SourceIdentifier, mirrors: ids.filter((id) => new RegExp(`\\b${id}\\b`).test(String(r.Properties?.Description))) }))
      .filter((r) => r.mirrors.length > 0);
    expect(configRules.length).toBeGreaterThan(0);
    for (const rule of configRules) {
      for (const c of matrix().criteria.filter((x) => x.rules.some((r) => rule.mirrors.includes(r.rule)))) {
        expect({ criterion: c.criterion, rule: rule.identifier, listed: c.runtimeRules.some((r) => r.configRule === rule.identifier) }).toEqual({ criterion: c.criterion, rule: rule.identifier, listed: true });
      }
    }
  });

  test('the Markdown has a row per criterion with its status, and a section per criterion that is not outside infrastructure', () => {
    const md = readEvidenceText(outdir, EVIDENCE_FILES.CONTROL_MATRIX_MD);
    for (const c of matrix().criteria) {
      expect(md).toMatch(new RegExp(`\\| \\[${c.criterion.replace('.', '\\.')}\\][^\\n]*\\| ${c.status.replace(/-/g, ' ')} \\|`));
      expect(md.includes(`\n## ${c.criterion}\n`)).toBe(c.status !== CriterionStatus.OUTSIDE_INFRASTRUCTURE);
    }
  });
});

describe('inventory', () => {
  const inventory = () => readEvidenceJson<Inventory>(outdir, EVIDENCE_FILES.INVENTORY);

  test('lists every bucket, log group, repository and feature group of the templates', () => {
    const types = ['AWS::S3::Bucket', 'AWS::Logs::LogGroup', 'AWS::ECR::Repository', 'AWS::SageMaker::FeatureGroup'];
    const expected = types.flatMap((t) => resourcesOfType(t)).map((x) => `${x.stack} ${x.id}`).sort();
    expect(inventory().dataStores.filter((d) => types.includes(d.type)).map((d) => `${d.stack} ${d.logicalId}`).sort()).toEqual(expected);
  });

  test('each environment\'s training data: confidential, its data key, versioned, kept, retained', () => {
    for (const env of environments()) {
      expect(inventory().dataStores).toContainEqual(expect.objectContaining({
        constructPath: `soc2ml-${env}/Platform/TrainingData/Bucket/Resource`,
        environment: env,
        classification: 'confidential',
        encryption: [expect.objectContaining({ kind: 'customer-managed', aliases: [`alias/soc2ml/${env}/data`] })],
        versioning: expect.stringMatching(/^versioning enabled/),
        retention: expect.stringContaining('noncurrent versions kept 365 days'),
        retainedOnDelete: true,
      }));
    }
  });

  test('each environment\'s data key rotates and protects its training data', () => {
    for (const env of environments()) {
      const key = inventory().keys.find((k) => k.aliases.includes(`alias/soc2ml/${env}/data`))!;
      expect(key.rotation).toBe(true);
      expect(key.protects.map((p) => p.constructPath)).toContain(`soc2ml-${env}/Platform/TrainingData/Bucket/Resource`);
    }
  });

  test('network per environment: the planned VPC range, isolated subnets, a full flow log and the SageMaker endpoints', () => {
    const plan: Record<string, string> = { dev: '10.10.0.0/16', staging: '10.20.0.0/16', prod: '10.30.0.0/16' };
    for (const env of environments()) {
      const segment = inventory().network.find((s) => s.stack === `soc2ml-${env}`)!;
      expect(segment.environment).toBe(env);
      expect(segment.vpcs).toHaveLength(1);
      const [vpc] = segment.vpcs;
      expect(vpc.cidr).toBe(plan[env]);
      expect(vpc.internetGateway).toBe(false);
      expect(vpc.subnets.every((s) => s.kind === 'isolated')).toBe(true);
      expect(vpc.flowLogs).toEqual([expect.objectContaining({ trafficType: 'ALL' })]);
      expect(vpc.endpoints.map((e) => `${e.service} ${e.endpointType}`)).toEqual(expect.arrayContaining([
        'com.amazonaws.<region>.sagemaker.api Interface', 'com.amazonaws.<region>.sagemaker.runtime Interface', 'com.amazonaws.<region>.s3 Gateway',
      ]));
    }
  });

  test('human roles are those with a persona or trusted by an account or user, each with its MFA condition', () => {
    const personaRoles = resourcesOfType('AWS::IAM::Role').filter(({ r }) => ((r.Properties?.Tags ?? []) as { Key: string }[]).some((t) => t.Key === 'Persona'));
    const listed = inventory().humanRoles;
    expect(listed.map((h) => h.logicalId)).toEqual(expect.arrayContaining(personaRoles.map((p) => p.id)));
    for (const h of listed) {
      expect(h.persona !== undefined || h.trustedBy.length > 0).toBe(true);
      // The pack requires MFA of every role people assume; the default app passes it.
      expect({ role: h.constructPath, mfa: h.mfaRequired }).toEqual({ role: h.constructPath, mfa: true });
    }
  });

  test('model endpoints list their variants', () => {
    expect(inventory().modelEndpoints.map((e) => e.logicalId).sort()).toEqual(resourcesOfType('AWS::SageMaker::Endpoint').map((x) => x.id).sort());
    for (const e of inventory().modelEndpoints) {
      expect(e.variants.length).toBeGreaterThan(0);
    }
  });
});

describe('exceptions', () => {
  const register = () => readEvidenceJson<ExceptionsRegister>(outdir, EVIDENCE_FILES.EXCEPTIONS);
  const exceptions = (): ExceptionEntry[] => register().groups.flatMap((g) => g.acknowledgements);

  test('every acknowledgement in the app is listed with its plugin, rule, place and reason', () => {
    const acks = acknowledgementsInAssembly(outdir);
    expect(acks.length).toBeGreaterThan(0);
    // Keyed once (a matcher per acknowledgement over the whole register is quadratic).
    const key = (id: string, at: string, reason: string) => JSON.stringify([id, at, reason]);
    const listed = exceptions();
    const keys = new Set(listed.map((e) => key(e.id, e.acknowledgedAt, e.reason)));
    expect(acks.filter((ack) => !keys.has(key(ack.id, ack.at, ack.reason)))).toEqual([]);
    expect(listed).toHaveLength(acks.length);
  });

  test('names plugins as the report does: ours, cdk-nag\'s and CloudFormation Validate\'s', () => {
    const plugins = new Set(exceptions().map((e) => e.plugin));
    expect([...plugins]).toEqual(expect.arrayContaining(['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321', 'CloudFormation Validate']));
    // CDK acknowledges its own W3010 on each environment stack (it reads the zones).
    for (const env of environments()) {
      expect(exceptions()).toContainEqual(expect.objectContaining({ plugin: 'CloudFormation Validate', rule: 'W3010', acknowledgedAt: `soc2ml-${env}` }));
    }
  });

  test('each acknowledgement lists the findings it covered in this synth, as the validation report has them', () => {
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf-8')) as { pluginReports: { suppressedViolations?: { acknowledgedId: string; acknowledgedAt: string; violatingConstructs: { constructPath: string }[] }[] }[] };
    const suppressed = report.pluginReports.flatMap((p) => p.suppressedViolations ?? []);
    expect(suppressed.length).toBeGreaterThan(0);
    const listed = exceptions();
    for (const s of suppressed) {
      const entry = listed.find((e) => e.id === s.acknowledgedId && e.acknowledgedAt === s.acknowledgedAt)!;
      expect(entry.findings).toEqual(expect.arrayContaining(s.violatingConstructs.map((c) => c.constructPath)));
    }
  });

  test('the register groups identical reasons, keeps the platform\'s own apart, and lists what matched no finding', () => {
    const r = register();
    expect(r.groups.length).toBe(new Set(exceptions().map((e) => `${e.origin}\u0000${e.reason}`)).size);
    expect(r.summary.distinctReasons).toBeLessThan(r.summary.acknowledgements / 5);
    // The default app's exceptions are the platform's own, but for the W3010 the AWS CDK makes when a stack reads its zones.
    expect(r.summary).toEqual(expect.objectContaining({ user: 0, awsCdk: environments().length, platform: r.summary.acknowledgements - environments().length, reviewOverdue: 0 }));
    expect(r.matchedNoFinding).toEqual(exceptions().filter((e) => e.findings.length === 0).sort((x, y) => (x.id + x.acknowledgedAt < y.id + y.acknowledgedAt ? -1 : 1)).map((e) => expect.objectContaining({ id: e.id, acknowledgedAt: e.acknowledgedAt })));
    expect(r.groups.every((g) => g.origin !== ExceptionOrigin.USER)).toBe(true);
  });

  test('an access-log bucket that the stack\'s buckets log into carries no exception for its own access log (cdk-nag finds none)', () => {
    const logBuckets = exceptions().filter((e) => e.acknowledgedAt.endsWith('AccessLogs/Bucket'));
    expect(logBuckets.length).toBeGreaterThan(0);
    expect(logBuckets.filter((e) => /S1$|S3BucketLoggingEnabled$/.test(e.rule))).toEqual([]);
    expect(register().matchedNoFinding.filter((e) => e.acknowledgedAt.endsWith('AccessLogs/Bucket'))).toEqual([]);
  });
});

describe('evidence-manifest.json', () => {
  const manifest = () => readEvidenceJson<EvidenceManifest>(outdir, EVIDENCE_FILES.MANIFEST);

  test('names the package, the checks with their versions and every stack with its account and region', () => {
    expect(manifest().generator).toEqual(expect.objectContaining({ package: 'cdk-soc2-ml', version: expect.stringMatching(/^\d+\.\d+\.\d+/), awsCdkLib: expect.stringMatching(/^2\./) }));
    expect(manifest().checks.map((c) => c.plugin)).toEqual(['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321', 'Soc2Ml']);
    expect(manifest().stacks.map((st) => [st.stack, st.account, st.region])).toEqual(
      ['soc2ml-baseline', ...environments().map((e) => `soc2ml-${e}`)].sort().map((st) => [st, 'environment-agnostic', 'environment-agnostic']));
    for (const st of manifest().stacks) {
      expect(st.templateSha256).toBe(sha256(fs.readFileSync(path.join(outdir, st.templateFile), 'utf-8')));
    }
  });

  test('the git commit the app was synthesized from (the tests run in the repository\'s work tree), never the clock', () => {
    expect(manifest().source).toEqual({ commit: expect.stringMatching(/^[0-9a-f]{40}$/), commitDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), uncommittedChanges: expect.any(Boolean) });
    expect(JSON.stringify(manifest())).not.toContain(new Date().toISOString().slice(0, 16));
  });

  test('the SHA-256 of every other evidence file', () => {
    const files = fs.readdirSync(path.join(outdir, EVIDENCE_DIRECTORY)).filter((f) => f !== EVIDENCE_FILES.MANIFEST).sort();
    expect(manifest().files.map((f) => f.file)).toEqual(files);
    for (const f of manifest().files) {
      expect(f.sha256).toBe(sha256(readEvidenceText(outdir, f.file)));
    }
  });
});

describe('checks that ran', () => {
  const checks = () => readEvidenceJson<ChecksDocument>(outdir, EVIDENCE_FILES.CHECKS);

  test('every plugin the app applies, with its version and conclusion; synth passed', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf-8')) as { version: string };
    const nag = JSON.parse(fs.readFileSync(require.resolve('cdk-nag/package.json'), 'utf-8')) as { version: string };
    expect(checks().synthesis).toBe(Conclusion.PASSED);
    expect(checks().checks).toContainEqual(expect.objectContaining({ plugin: 'Soc2Ml', version: pkg.version, ruleCount: ALL_RULES.length, conclusion: Conclusion.PASSED }));
    for (const pack of ['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
      expect(checks().checks).toContainEqual(expect.objectContaining({ plugin: pack, version: nag.version, conclusion: Conclusion.PASSED, findings: expect.objectContaining({ errors: 0 }) }));
    }
    // CloudFormation Validate is off in unit tests (CDK_VALIDATION=false), so it did not run.
    expect(checks().checks.map((c) => c.plugin)).not.toContain('CloudFormation Validate');
  });
});

describe('logical data flow per environment', () => {
  test('one diagram per environment, at most 25 nodes, the lifecycle\'s stages in order inside the account and VPC boundaries', () => {
    for (const env of environments()) {
      const dot = readEvidenceText(outdir, dataFlowFiles(env).dot);
      const nodes = [...dot.matchAll(/^\s+(\w+) \[label=/gm)].map((m) => m[1]);
      expect(nodes.length).toBeLessThanOrEqual(25);
      expect(nodes).toEqual(expect.arrayContaining(['sources', 'training_data', 'feature_store', 'training', 'artifacts', 'registry', 'gate']));
      for (const edge of ['sources -> training_data', 'training_data -> feature_store', 'feature_store -> training', 'training -> artifacts', 'artifacts -> registry', 'registry -> gate']) {
        expect(dot).toContain(`  ${edge};`);
      }
      expect(dot).toContain(`environment ${env} (soc2ml-${env})`);
      expect(dot).toMatch(/subgraph cluster_vpc \{ label="VPC 10\.\d+\.0\.0\/16"/);
      // Each store says its classification and key.
      expect(dot).toContain(`training_data [label="Training data\\nS3 bucket, confidential\\nkey alias/soc2ml/${env}/data"`);
      expect(readEvidenceText(outdir, dataFlowFiles(env).svg)).toContain('<svg');
    }
  });
});

describe('resource graph', () => {
  const dotText = () => readEvidenceText(outdir, EVIDENCE_FILES.RESOURCE_GRAPH_DOT);

  test('a boundary per stack, labelled with its environment, and a VPC boundary per environment', () => {
    for (const env of environments()) {
      expect(dotText()).toContain(`label="soc2ml-${env} (Environment: ${env})"`);
    }
    expect(dotText()).toContain('label="soc2ml-baseline (Environment: account-baseline)"');
    expect((dotText().match(/label="VPC boundary"/g) ?? []).length).toBe(environments().length);
  });

  test('each environment\'s data key protects its training data, which logs to the access-log bucket', () => {
    const d = parseDot(dotText());
    for (const env of environments()) {
      expect(d.edge(`alias/soc2ml/${env}/data`, 'Platform/TrainingData', 'protects')).toBe(true);
    }
    expect(d.edge('Platform/TrainingData', 'Platform/AccessLogs')).toBe(true);
  });

  test('the SVG has a node per DOT node and no script', () => {
    const svg = readEvidenceText(outdir, EVIDENCE_FILES.RESOURCE_GRAPH_SVG);
    expect((svg.match(/<g id="node\d+" class="/g) ?? []).length).toBe(parseDot(dotText()).labels.size);
    expect(svg).not.toMatch(/<script/i);
  });
});

describe('index.html', () => {
  const html = () => readEvidenceText(outdir, EVIDENCE_FILES.HTML);

  test('is self-contained: inline SVG and CSS, no script, nothing fetched', () => {
    expect(html()).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html()).toContain('<svg ');
    expect(html()).not.toMatch(/<script|<link |src=|url\(/i);
    // Only the SVG namespaces look like addresses.
    expect([...html().matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('http://www.w3.org/'))).toEqual([]);
    expect(html()).toContain('Content-Security-Policy');
  });

  test('has the control matrix, inventory and exceptions tables', () => {
    const matrix = readEvidenceJson<ControlMatrix>(outdir, EVIDENCE_FILES.CONTROL_MATRIX_JSON);
    expect((html().match(/<tr data-criterion="/g) ?? []).length).toBe(matrix.criteria.length);
    for (const id of ['checks-table', 'control-matrix-table', 'data-stores', 'keys', 'network', 'human-roles', 'model-endpoints', 'exceptions-table', 'unmatched-table']) {
      expect(html()).toContain(`<table id="${id}">`);
    }
    expect(html()).toContain('Platform/<wbr>TrainingData/<wbr>Bucket');
    expect(html()).not.toContain('listed in control-matrix.md');
  });
});

describe('findings.sarif', () => {
  interface SarifResult { ruleId: string; level: string; suppressions?: { justification: string }[]; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }
  const sarif = () => JSON.parse(readEvidenceText(outdir, EVIDENCE_FILES.SARIF)) as { runs: { tool: { driver: { name: string; version?: string; rules: { id: string }[] } }; results: SarifResult[] }[] };

  test('is valid SARIF 2.1.0', () => {
    expect(sarifSchemaErrors(sarif())).toEqual([]);
  });

  test('a run per plugin; ours documents every rule', () => {
    expect(sarif().runs.map((r) => r.tool.driver.name)).toEqual(['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321', 'Soc2Ml']);
    const ours = sarif().runs.find((r) => r.tool.driver.name === 'Soc2Ml')!;
    expect(ours.tool.driver.rules.map((r) => r.id).sort()).toEqual(ALL_RULES.map((r) => r.rule.id).sort());
  });

  test('every finding of the validation report is a result: violations by severity, acknowledged ones suppressed with their reason', () => {
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf-8')) as { pluginReports: { pluginName: string; violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[]; suppressedViolations?: { ruleName: string; reason: string; violatingConstructs: { constructPath: string }[] }[] }[] };
    for (const p of report.pluginReports) {
      const results = sarif().runs.find((r) => r.tool.driver.name === p.pluginName)!.results;
      const at = (r: SarifResult) => r.locations[0].logicalLocations[0].fullyQualifiedName;
      for (const v of p.violations) {
        for (const c of v.violatingConstructs) {
          expect(results).toContainEqual(expect.objectContaining({ ruleId: v.ruleName, level: v.severity === 'warning' ? 'warning' : 'error' }));
          expect(results.some((r) => r.ruleId === v.ruleName && at(r) === c.constructPath && !r.suppressions)).toBe(true);
        }
      }
      for (const s of p.suppressedViolations ?? []) {
        for (const c of s.violatingConstructs) {
          expect(results.some((r) => r.ruleId === s.ruleName && at(r) === c.constructPath && r.suppressions?.[0].justification === s.reason)).toBe(true);
        }
      }
    }
  });
});

/** Every acknowledgement CDK recorded in the assembly's stack metadata, read here on its own (not through the evidence's reader). */
function acknowledgementsInAssembly(dir: string): { id: string; reason: string; at: string }[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf-8')) as { artifacts: Record<string, { additionalMetadataFile?: string }> };
  const out: { id: string; reason: string; at: string }[] = [];
  for (const artifact of Object.values(manifest.artifacts)) {
    if (artifact.additionalMetadataFile === undefined) {
      continue;
    }
    const metadata = JSON.parse(fs.readFileSync(path.join(dir, artifact.additionalMetadataFile), 'utf-8')) as Record<string, { type: string; data?: unknown }[]>;
    for (const [constructPath, entries] of Object.entries(metadata)) {
      for (const m of entries.filter((e) => e.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)) {
        for (const [id, reason] of Object.entries(m.data as Record<string, string>)) {
          out.push({ id, reason, at: constructPath.replace(/^\//, '') });
        }
      }
    }
  }
  return out;
}
