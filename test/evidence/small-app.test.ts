/*
 * The evidence of a small ML app written with plain CDK, with one acknowledged finding and one
 * failing one: synth fails, and every evidence file is still written and says so.
 */
import * as fs from 'fs';
import { App, CfnElement } from 'aws-cdk-lib';
import { ChecksDocument, Conclusion } from '../../evidence/checks';
import { ControlMatrix, CriterionStatus, ResourceOutcome } from '../../evidence/control-matrix';
import { ExceptionsRegister } from '../../evidence/exceptions';
import { ExceptionOrigin } from '../../core/acknowledgements';
import { readEvidenceInputs } from '../../evidence/inputs';
import { Inventory } from '../../evidence/inventory';
import { dataFlowFiles, EVIDENCE_FILES } from '../../evidence/writer';
import { Soc2MlChecks } from '../../pack/soc2-ml-checks';
import { synthWithEvidence } from '../../evidence/writer';
import { cdkJsonContext, tempOutdir } from '../helpers/app-context';
import { buildMlApp, evidenceDir, MlApp, MODEL_ACK_REASON, readEvidenceJson, readEvidenceText } from './fixtures';
import { parseDot, sarifSchemaErrors } from './helpers';

let app: App;
let built: MlApp;
let outdir: string;
let synthError: unknown;

beforeAll(async () => {
  outdir = tempOutdir('soc2ml-evidence-small-');
  app = new App({ outdir, context: cdkJsonContext() });
  built = buildMlApp(app);
  synthError = await synthWithEvidence(app).then(() => undefined, (e: unknown) => e);
});

const MODEL = 'ml-sandbox/Model';
const LOGS = 'ml-sandbox/MonitoringLogs/Resource';

describe('a failing synth', () => {
  test('fails on the one unacknowledged error, after writing every evidence file', () => {
    expect(String(synthError)).toMatch(/ml-sandbox\/MonitoringLogs\/Resource[\s\S]*Soc2Ml::LogGroupRetention/);
    expect(fs.readdirSync(evidenceDir(outdir)).sort()).toEqual([...Object.values(EVIDENCE_FILES), ...Object.values(dataFlowFiles('sandbox'))].sort());
  });

  test('checks.json says synth failed, on one error, with one acknowledgement and two warnings', () => {
    const checks = readEvidenceJson<ChecksDocument>(outdir, EVIDENCE_FILES.CHECKS);
    expect(checks.synthesis).toBe(Conclusion.FAILED);
    expect(checks.checks).toEqual([expect.objectContaining({
      plugin: 'Soc2Ml',
      conclusion: Conclusion.FAILED,
      ruleCount: new Soc2MlChecks().ruleIds.length,
      findings: { errors: 1, warnings: 2, other: 0, acknowledged: 1 },
    })]);
    expect(checks.packVerdicts).toEqual(expect.objectContaining({ failed: 1, warnings: 2, acknowledged: 1 }));
  });
});

describe('control matrix', () => {
  const matrix = () => readEvidenceJson<ControlMatrix>(outdir, EVIDENCE_FILES.CONTROL_MATRIX_JSON);
  const criterion = (id: string) => matrix().criteria.find((c) => c.criterion === id)!;

  test('the failing log group leaves each criterion of LogGroupRetention not addressed, with the detail', () => {
    for (const id of ['CC7.2']) {
      const c = criterion(id);
      expect(c.status).toBe(CriterionStatus.NOT_ADDRESSED);
      const rule = c.rules.find((r) => r.rule === 'LogGroupRetention')!;
      expect(rule.counts.failed).toBe(1);
      expect(rule.resources).toEqual([expect.objectContaining({
        stack: 'ml-sandbox', constructPath: LOGS, type: 'AWS::Logs::LogGroup', outcome: ResourceOutcome.FAILED, detail: expect.stringMatching(/30 days/),
      })]);
    }
  });

  test('the acknowledged model is counted as acknowledged under CC6.6, with the reason and where it was made', () => {
    const c = criterion('CC6.6');
    expect(c.counts.acknowledged).toBe(1);
    expect(c.rules.find((r) => r.rule === 'SageMakerModelNetworkIsolation')!.resources).toEqual([expect.objectContaining({
      constructPath: MODEL, logicalId: 'Model', outcome: ResourceOutcome.ACKNOWLEDGED, reason: MODEL_ACK_REASON, acknowledgedAt: MODEL,
    })]);
  });

  test('criteria with only passing verdicts are enforced at design, and the Markdown carries the same statuses', () => {
    expect([CriterionStatus.ENFORCED_AT_DESIGN, CriterionStatus.DESIGNED_AND_MONITORED]).toContain(criterion('C1.1').status);
    const md = readEvidenceText(outdir, EVIDENCE_FILES.CONTROL_MATRIX_MD);
    for (const c of matrix().criteria) {
      expect(md).toContain(`| [${c.criterion}](#${c.criterion.toLowerCase().replace('.', '')}) | ${c.title} | ${c.status.replace(/-/g, ' ')} |`);
    }
  });
});

describe('inventory', () => {
  const inventory = () => readEvidenceJson<Inventory>(outdir, EVIDENCE_FILES.INVENTORY);
  const store = (path: string) => inventory().dataStores.find((d) => d.constructPath === path)!;

  test('data stores carry classification, personal data, key, retention, versioning and the roles that reach them', () => {
    const training = store('ml-sandbox/TrainingData/Bucket/Resource');
    expect(training).toEqual(expect.objectContaining({
      kind: 'S3 bucket', environment: 'sandbox', classification: 'confidential', personalData: true, retainedOnDelete: true,
      encryption: [{ kind: 'customer-managed', key: 'ml-sandbox/DataKey/Resource', aliases: ['alias/ml/data'] }],
      retention: 'noncurrent versions kept 365 days', versioning: 'versioning enabled, no Object Lock',
    }));
    expect(training.access).toEqual(expect.arrayContaining([
      expect.objectContaining({ role: 'ml-sandbox/DataScientist/Resource', persona: 'data-scientist', via: 'iam-policy', actions: expect.arrayContaining(['s3:GetObject*']) }),
      expect.objectContaining({ role: 'ml-sandbox/TrainingRole/Resource', actions: expect.arrayContaining(['s3:GetObject*']) }),
      expect.objectContaining({ role: 'ml-sandbox/IngestRole/Resource', actions: expect.arrayContaining(['s3:PutObject']) }),
    ]));
    // Roles with a persona come first.
    expect(training.access[0].persona).toBe('data-scientist');
    // A plain L2 bucket is read the same way.
    expect(store('ml-sandbox/CapturedData/Resource')).toEqual(expect.objectContaining({ classification: 'restricted', personalData: true, access: [expect.objectContaining({ role: 'ml-sandbox/MonitoringRole/Resource' })] }));
    expect(store('ml-sandbox/Features')).toEqual(expect.objectContaining({
      kind: 'Feature group', classification: 'confidential',
      encryption: [expect.objectContaining({ part: 'online store', aliases: ['alias/ml/data'] }), expect.objectContaining({ part: 'offline store', aliases: ['alias/ml/data'] })],
      retention: expect.stringContaining('offline store in s3://<TrainingData/Bucket>/features'),
    }));
    expect(store(LOGS)).toEqual(expect.objectContaining({ kind: 'Log group', retention: '30 days' }));
  });

  test('the key lists what it protects', () => {
    const key = inventory().keys.find((k) => k.aliases.includes('alias/ml/data'))!;
    expect(key.rotation).toBe(true);
    expect(key.protects.map((p) => p.constructPath)).toEqual(expect.arrayContaining([
      'ml-sandbox/TrainingData/Bucket/Resource', 'ml-sandbox/CapturedData/Resource', 'ml-sandbox/Features', 'ml-sandbox/EndpointConfig', LOGS, 'ml-sandbox/Alerts/Resource',
    ]));
    expect(key.protects.some((p) => /Policy$/.test(p.type))).toBe(false);
  });

  test('the network segment: the VPC, its isolated subnets, flow log and endpoint', () => {
    expect(inventory().network).toEqual([{
      stack: 'ml-sandbox',
      environment: 'sandbox',
      vpcs: [expect.objectContaining({
        vpc: 'ml-sandbox/Vpc/Resource', cidr: '10.90.0.0/16', internetGateway: false, natGateways: 0,
        subnets: [expect.objectContaining({ kind: 'isolated' }), expect.objectContaining({ kind: 'isolated' })],
        flowLogs: [{ trafficType: 'ALL', destination: expect.stringContaining('<MonitoringReports/Bucket>') }],
        endpoints: [expect.objectContaining({ service: 'com.amazonaws.<region>.s3', endpointType: 'Gateway' })],
      })],
    }]);
  });

  test('human roles: the persona, who may assume it and the MFA condition; service roles are not people', () => {
    expect(inventory().humanRoles).toEqual([expect.objectContaining({
      constructPath: 'ml-sandbox/DataScientist/Resource', persona: 'data-scientist', mfaRequired: true,
      trustedBy: ['arn:${AWS::Partition}:iam::${AWS::AccountId}:root'], conditions: ['Bool aws:MultiFactorAuthPresent = true'], maxSessionSeconds: 14400,
    })]);
  });

  test('the model endpoint: variants, data capture, rollback alarm, deployment and monitoring', () => {
    expect(inventory().modelEndpoints).toEqual([expect.objectContaining({
      constructPath: 'ml-sandbox/Endpoint',
      endpointConfig: 'ml-sandbox/EndpointConfig',
      variants: [{ name: 'primary', model: 'Model', instanceType: 'ml.m5.large', initialInstanceCount: 2, weight: 1, shadow: false }],
      dataCapture: { destination: 's3://<CapturedData>/capture', key: expect.objectContaining({ aliases: ['alias/ml/data'] }), samplingPercentage: 20 },
      rollbackAlarms: ['ml-sandbox/LatencyAlarm/Resource'],
      deployment: 'blue/green, canary traffic shifting',
      monitoring: ['ml-sandbox/DataQuality', 'ml-sandbox/Monitoring'],
    })]);
  });
});

describe('exceptions', () => {
  test('every acknowledgement in the app, with rule, resource and reason; only ours covered a finding here', () => {
    const exceptions = readEvidenceJson<ExceptionsRegister>(outdir, EVIDENCE_FILES.EXCEPTIONS).groups.flatMap((g) => g.acknowledgements);
    expect(exceptions.filter((e) => e.findings.length > 0)).toEqual([{
      plugin: 'Soc2Ml', rule: 'SageMakerModelNetworkIsolation', id: 'Soc2Ml::SageMakerModelNetworkIsolation',
      acknowledgedAt: MODEL, reason: MODEL_ACK_REASON, findings: [MODEL], criteria: ['CC6.6', 'CC6.7'], origin: ExceptionOrigin.USER,
    }]);
    // AccessLogBucket acknowledges cdk-nag's rules itself (not the access log of its own, which
    // the app's buckets give it), and CDK acknowledges a CloudFormation Validate rule on the flow
    // log; neither plugin ran on this app.
    const others = exceptions.filter((e) => e.findings.length === 0);
    expect(others.filter((e) => e.acknowledgedAt === 'ml-sandbox/AccessLogs/Bucket').map((e) => e.rule).sort()).toEqual([
      'HIPAA.Security-S3DefaultEncryptionKMS', 'NIST.800.53.R5-S3DefaultEncryptionKMS', 'PCI.DSS.321-S3DefaultEncryptionKMS',
    ]);
    expect(others).toContainEqual(expect.objectContaining({ plugin: 'CloudFormation Validate', id: 'CloudFormation-Validate::F3002', acknowledgedAt: 'ml-sandbox/Vpc/all' }));
    for (const e of others) {
      expect(e.reason.length).toBeGreaterThan(20);
      expect(e.id).toMatch(new RegExp(`::${e.rule.replace(/[[\]().*+?^${}|\\]/g, '\\$&')}$`));
    }
  });

  test('the assembly alone yields the same acknowledgements as the app tree', () => {
    expect(readEvidenceInputs(outdir).acknowledgements).toEqual(readEvidenceInputs(outdir, { app }).acknowledgements);
  });
});

describe('data-flow diagram', () => {
  const dot = () => parseDot(readEvidenceText(outdir, EVIDENCE_FILES.RESOURCE_GRAPH_DOT));

  test('follows the data: source → training data and features → training → registry → endpoint → captured data → monitoring → alerts', () => {
    const d = dot();
    // From references between resources.
    const flow: [string, string][] = [
      ['Ingest', 'TrainingData'], ['Features', 'TrainingData'], ['Registry', 'ModelVersion'], ['ModelArtifacts', 'ModelVersion'],
      ['ModelVersion', 'Model'], ['Model', 'Endpoint'], ['Endpoint', 'CapturedData'], ['Endpoint', 'DataQuality'],
      ['DataQuality', 'Monitoring'], ['DataQuality', 'MonitoringReports'], ['Monitoring', 'DriftAlarm'], ['DriftAlarm', 'Alerts'],
      ['LatencyAlarm', 'Endpoint'], ['LatencyAlarm', 'Alerts'],
    ];
    expect(flow.filter(([a, b]) => !d.edge(a, b, 'flow'))).toEqual([]);
    // From the roles' policies: what training reads and writes, what monitoring reads.
    const access: [string, string][] = [
      ['TrainingData', 'TrainingRole'], ['Features', 'TrainingRole'], ['TrainingRole', 'ModelArtifacts'], ['TrainingRole', 'Registry'],
      ['CapturedData', 'MonitoringRole'], ['MonitoringRole', 'MonitoringReports'],
    ];
    expect(access.filter(([a, b]) => !d.edge(a, b, 'access'))).toEqual([]);
    // People's roles are in the inventory, by persona, not in the flow.
    expect([...d.labels.values()]).not.toContain('DataScientist');
    const rollback = d.edges.find((e) => d.labels.get(e.from) === 'LatencyAlarm' && d.labels.get(e.to) === 'Endpoint')!;
    expect(rollback.label).toBe('rolls back');
  });

  test('shows the key protecting each store, the roles resources run as, and the VPC boundary', () => {
    const d = dot();
    for (const store of ['TrainingData', 'CapturedData', 'Features', 'ModelArtifacts', 'MonitoringLogs']) {
      expect({ store, protectedBy: d.edge('alias/ml/data', store, 'protects') }).toEqual({ store, protectedBy: true });
    }
    expect(d.edge('TrainingRole', 'Features', 'identity')).toBe(true);
    expect(d.edge('InferenceRole', 'Model', 'identity')).toBe(true);
    const inside = [...d.inVpc].map((id) => d.labels.get(id));
    expect(inside.sort()).toEqual(['DataQuality', 'Model', 'Vpc']);
  });

  test('the SVG is Graphviz\'s rendering of it, with a node per resource drawn', () => {
    const svg = readEvidenceText(outdir, EVIDENCE_FILES.RESOURCE_GRAPH_SVG);
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg /);
    expect((svg.match(/<g id="node\d+" class="/g) ?? []).length).toBe(dot().labels.size);
    expect(svg).toContain('CapturedData');
  });
});

describe('findings.sarif', () => {
  const sarif = () => JSON.parse(readEvidenceText(outdir, EVIDENCE_FILES.SARIF));

  test('is valid SARIF 2.1.0', () => {
    expect(sarifSchemaErrors(sarif())).toEqual([]);
    expect(sarif().version).toBe('2.1.0');
  });

  test('holds the failure as an error at its line in the template, the warnings, and the acknowledged finding as a suppression', () => {
    const [run] = sarif().runs;
    expect(run.tool.driver).toEqual(expect.objectContaining({ name: 'Soc2Ml', version: new Soc2MlChecks().version }));
    const results = run.results as { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } }; logicalLocations: { fullyQualifiedName: string }[] }[]; suppressions?: { kind: string; status: string; justification: string }[] }[];
    const failure = results.find((r) => r.ruleId === 'LogGroupRetention')!;
    expect(failure.level).toBe('error');
    expect(failure.suppressions).toBeUndefined();
    const location = failure.locations[0];
    expect(location.logicalLocations[0].fullyQualifiedName).toBe(LOGS);
    const template = fs.readFileSync(`${outdir}/${location.physicalLocation.artifactLocation.uri}`, 'utf-8').split('\n');
    const logicalId = built.stack.getLogicalId(built.monitoringLogs.node.defaultChild as CfnElement);
    expect(template[location.physicalLocation.region!.startLine - 1]).toBe(`  "${logicalId}": {`);
    expect(results.filter((r) => r.level === 'warning').map((r) => r.ruleId).sort()).toEqual(['AppHasAuditTrail', 'AppHasThreatDetection']);
    const acknowledged = results.find((r) => r.ruleId === 'SageMakerModelNetworkIsolation')!;
    expect(acknowledged.suppressions).toEqual([expect.objectContaining({ kind: 'inSource', status: 'accepted', justification: MODEL_ACK_REASON })]);
  });
});
