import { App, Stack, Tags } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Severity } from '../../../../pack/rule';
import { APP_RULES as PACK_APP_RULES } from '../../../../pack/rules/app';
import { PackRun, runPack } from '../../helpers';

const APP_RULES = ['AppHasAuditTrail', 'AppHasThreatDetection', 'AppHasFlowLoggedNetwork'];

/** The pieces of an app; each case leaves one out. */
const trail = (stack: Stack) => new cloudtrail.Trail(stack, 'Trail');
const detector = (stack: Stack) => new guardduty.CfnDetector(stack, 'Detector', { enable: true });
const network = (stack: Stack) => new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, flowLogs: { All: {} } });
const classifiedBucket = (stack: Stack) => Tags.of(new s3.Bucket(stack, 'Data')).add('DataClassification', 'confidential');
const sageMaker = (stack: Stack) => new sagemaker.CfnModelPackageGroup(stack, 'Models', { modelPackageGroupName: 'models' });

/** The app rules that failed on a stack. */
function failures(run: PackRun, stackPath: string): string[] {
  const entry = run.verdicts.find((v) => v.constructPath === stackPath && v.type === 'AWS::CloudFormation::Stack');
  if (!entry) {
    throw new Error(`No stack entry for ${stackPath}`);
  }
  return entry.failed.map((f) => f.rule).filter((r) => APP_RULES.includes(r)).sort();
}

let complete: PackRun;
let noTrail: PackRun;
let noDetector: PackRun;
let noFlowLog: PackRun;

// Each case is an app of its own (the rules judge the whole app), kept small to synthesize fast.
beforeAll(() => {
  complete = runPack((app: App) => {
    const baseline = new Stack(app, 'Baseline');
    trail(baseline);
    detector(baseline);
    network(new Stack(app, 'Network'));
    classifiedBucket(new Stack(app, 'Data'));
    sageMaker(new Stack(app, 'Ml'));
    new sns.Topic(new Stack(app, 'Other'), 'Topic');
  });
  noTrail = runPack((app: App) => {
    const data = new Stack(app, 'Data');
    classifiedBucket(data);
    detector(data);
    network(data);
  });
  noDetector = runPack((app: App) => {
    const baseline = new Stack(app, 'Baseline');
    trail(baseline);
    network(baseline);
    sageMaker(new Stack(app, 'Ml'));
  });
  noFlowLog = runPack((app: App) => {
    const baseline = new Stack(app, 'Baseline');
    trail(baseline);
    detector(baseline);
    const ml = new Stack(app, 'Ml');
    sageMaker(ml);
    classifiedBucket(ml);
    // A VPC without flow logs, and one logged only on a subnet, leave the network unrecorded.
    new ec2.Vpc(ml, 'Unlogged', { maxAzs: 1, natGateways: 0 });
    const partly = new ec2.Vpc(ml, 'SubnetLogged', { maxAzs: 1, natGateways: 0 });
    new ec2.FlowLog(ml, 'SubnetLog', { resourceType: ec2.FlowLogResourceType.fromSubnet(partly.publicSubnets[0]) });
  });
});

test('a stack with classified data or SageMaker passes when the app has a trail, a detector and a flow-logged VPC', () => {
  for (const stack of ['Data', 'Ml']) {
    expect(failures(complete, stack)).toEqual([]);
    for (const rule of APP_RULES) {
      expect(complete.verdict(stack, rule)).toBe('passed');
    }
  }
});

test('a stack with neither classified data nor SageMaker is not applicable', () => {
  for (const stack of ['Other', 'Baseline', 'Network']) {
    for (const rule of APP_RULES) {
      expect(complete.verdict(stack, rule)).toBe('not-applicable');
    }
  }
});

describe('AppHasAuditTrail', () => {
  test('fails, as a warning on the stack, when no stack of the app has a trail, and nothing else fails', () => {
    expect(failures(noTrail, 'Data')).toEqual(['AppHasAuditTrail']);
    expect(noTrail.detail('Data', 'AppHasAuditTrail')).toMatch(/classified data/);
    const v = noTrail.violations.find((x) => x.ruleName === 'AppHasAuditTrail');
    expect(v?.severity).toBe('warning');
    expect(v?.constructPaths).toEqual(['Data']);
  });
});

describe('AppHasThreatDetection', () => {
  test('fails when no stack of the app has a GuardDuty detector, and nothing else fails', () => {
    expect(failures(noDetector, 'Ml')).toEqual(['AppHasThreatDetection']);
    expect(noDetector.detail('Ml', 'AppHasThreatDetection')).toMatch(/SageMaker resources/);
  });
});

describe('AppHasFlowLoggedNetwork', () => {
  test('fails when no VPC of the app has a VPC flow log, and nothing else fails', () => {
    expect(failures(noFlowLog, 'Ml')).toEqual(['AppHasFlowLoggedNetwork']);
    expect(noFlowLog.detail('Ml', 'AppHasFlowLoggedNetwork')).toMatch(/SageMaker resources and classified data/);
  });
});

test('the app rules are stack rules with severity warning, which never fails synth', () => {
  expect(PACK_APP_RULES.map((r) => [r.rule.id, r.kind, r.severity])).toEqual(APP_RULES.map((id) => [id, 'stack', Severity.WARNING]));
  for (const run of [noTrail, noDetector, noFlowLog]) {
    expect(run.violations.filter((v) => APP_RULES.includes(v.ruleName)).map((v) => v.severity)).toEqual(['warning']);
  }
});
