/*
 * The evidence of the default app, synthesized once with cdk.json's context through the
 * documented call (CloudFormation Validate off, as in every unit test), shared with the other
 * files that read it (test/helpers/default-app-evidence.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Validations } from 'aws-cdk-lib';
import { ChecksDocument, Conclusion } from '../../evidence/checks';
import { ControlMatrix, CriterionStatus, REQUIRED_CRITERIA, ResourceOutcome } from '../../evidence/control-matrix';
import { ExceptionEntry } from '../../evidence/exceptions';
import { Inventory } from '../../evidence/inventory';
import { EVIDENCE_DIRECTORY, EVIDENCE_FILES } from '../../evidence/writer';
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
  expect(fs.readdirSync(path.join(outdir, EVIDENCE_DIRECTORY)).sort()).toEqual(Object.values(EVIDENCE_FILES).sort());
});

describe('control matrix', () => {
  const matrix = () => readEvidenceJson<ControlMatrix>(outdir, EVIDENCE_FILES.CONTROL_MATRIX_JSON);

  test('lists every required criterion, titled, and every criterion a rule cites, in TSC order', () => {
    const ids = matrix().criteria.map((c) => c.criterion);
    expect(ids).toEqual(expect.arrayContaining([...REQUIRED_CRITERIA]));
    expect(ids).toEqual(expect.arrayContaining([...new Set(ALL_RULES.flatMap((r) => r.criteria))]));
    expect(ids.indexOf('CC6.1')).toBeLessThan(ids.indexOf('CC7.1'));
    expect(ids.indexOf('CC8.1')).toBeLessThan(ids.indexOf('A1.2'));
    expect(ids.indexOf('C1.2')).toBeLessThan(ids.indexOf('PI1.1'));
    for (const c of matrix().criteria) {
      expect({ c: c.criterion, titled: c.title.length > 10 }).toEqual({ c: c.criterion, titled: true });
    }
  });

  test('a criterion no rule evidences is marked so, with no rules and no counts: coverage is not invented', () => {
    const cited = new Set(ALL_RULES.flatMap((r) => r.criteria));
    for (const c of matrix().criteria) {
      if (!cited.has(c.criterion)) {
        expect(c).toEqual(expect.objectContaining({ status: CriterionStatus.NOT_EVIDENCED, rules: [], runtimeRules: [] }));
      } else {
        expect(c.status).not.toBe(CriterionStatus.NOT_EVIDENCED);
        expect(c.rules.map((r) => r.rule).sort()).toEqual(ALL_RULES.filter((r) => r.criteria.includes(c.criterion)).map((r) => r.rule.id).sort());
      }
    }
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

  test('lists the runtime AWS Config rules in the templates under each criterion of the pack rules they name', () => {
    const ids = ALL_RULES.map((r) => r.rule.id);
    const configRules = resourcesOfType('AWS::Config::ConfigRule')
      .map(({ r }) => ({ identifier: (r.Properties?.Source as { SourceIdentifier: string }).SourceIdentifier, mirrors: ids.filter((id) => new RegExp(`\\b${id}\\b`).test(String(r.Properties?.Description))) }))
      .filter((r) => r.mirrors.length > 0);
    expect(configRules.length).toBeGreaterThan(0);
    for (const rule of configRules) {
      for (const criterion of ALL_RULES.filter((r) => rule.mirrors.includes(r.rule.id)).flatMap((r) => r.criteria)) {
        const listed = matrix().criteria.find((c) => c.criterion === criterion)!.runtimeRules.map((r) => r.configRule);
        expect({ criterion, rule: rule.identifier, listed: listed.includes(rule.identifier) }).toEqual({ criterion, rule: rule.identifier, listed: true });
      }
    }
  });

  test('the Markdown has the summary table and a section per criterion', () => {
    const md = readEvidenceText(outdir, EVIDENCE_FILES.CONTROL_MATRIX_MD);
    for (const c of matrix().criteria) {
      expect(md).toContain(`\n## ${c.criterion}\n`);
      expect(md).toMatch(new RegExp(`\\| \\[${c.criterion.replace('.', '\\.')}\\][^\\n]*\\| ${c.counts.passed} \\| ${c.counts.acknowledged} \\| ${c.counts.failed} \\| ${c.counts.warnings} \\| ${c.rules.length} \\| ${c.runtimeRules.length} \\|`));
    }
    expect(md).toContain('No rule of the pack evidences this criterion yet.');
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
  const exceptions = () => readEvidenceJson<ExceptionEntry[]>(outdir, EVIDENCE_FILES.EXCEPTIONS);

  test('every acknowledgement in the app is listed with its plugin, rule, place and reason', () => {
    const acks = acknowledgementsInAssembly(outdir);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(exceptions()).toContainEqual(expect.objectContaining({ id: ack.id, acknowledgedAt: ack.at, reason: ack.reason }));
    }
    expect(exceptions()).toHaveLength(acks.length);
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
    for (const s of suppressed) {
      const entry = exceptions().find((e) => e.id === s.acknowledgedId && e.acknowledgedAt === s.acknowledgedAt)!;
      expect(entry.findings).toEqual(expect.arrayContaining(s.violatingConstructs.map((c) => c.constructPath)));
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

describe('data-flow diagram', () => {
  const dotText = () => readEvidenceText(outdir, EVIDENCE_FILES.DIAGRAM_DOT);

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
    const svg = readEvidenceText(outdir, EVIDENCE_FILES.DIAGRAM_SVG);
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
    for (const id of ['checks-table', 'control-matrix-table', 'data-stores', 'keys', 'network', 'human-roles', 'model-endpoints', 'exceptions-table']) {
      expect(html()).toContain(`<table id="${id}">`);
    }
    expect(html()).toContain('Platform/TrainingData/Bucket');
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
