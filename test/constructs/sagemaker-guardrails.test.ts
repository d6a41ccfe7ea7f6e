import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { SageMakerGuardrails } from '../../index';

/*
 * The guardrails are judged the way IAM would judge them: each test builds the request context
 * SageMaker sends for an action (only the condition keys that action carries, per the IAM Service
 * Authorization Reference for SageMaker, written out below independently of the construct) and
 * evaluates the policy's Deny statements against it.
 */

type Context = Record<string, unknown>;
interface Statement { Sid: string; Effect: string; Action: string | string[]; Condition: Record<string, Record<string, unknown>> }

const stack = new Stack(new App(), 'S');
const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, subnetConfiguration: [{ name: 'w', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
const otherSubnet = new ec2.Subnet(stack, 'Other', { vpcId: vpc.vpcId, cidrBlock: '10.0.200.0/24', availabilityZone: 'a' });
const group = new ec2.SecurityGroup(stack, 'Sg', { vpc });
const dataKey = new kms.Key(stack, 'Data');
const modelsKey = new kms.Key(stack, 'Models');
const strangerKey = new kms.Key(stack, 'Stranger');
const guardrails = new SageMakerGuardrails(stack, 'Guardrails', {
  subnets: vpc.isolatedSubnets, securityGroups: [group], volumeKeys: [dataKey, modelsKey], outputKeys: [modelsKey],
});
const template = Template.fromStack(stack);
const statements = guardrails.policies
  .flatMap((p) => template.toJSON().Resources[stack.resolve((p.node.defaultChild as unknown as { logicalId: string }).logicalId)].Properties.PolicyDocument.Statement) as Statement[];

// What a compliant request carries.
const r = (v: unknown) => stack.resolve(v);
const GOOD: Context = {
  'sagemaker:VpcSubnets': vpc.isolatedSubnets.map((s) => r(s.subnetId)),
  'sagemaker:VpcSecurityGroupIds': [r(group.securityGroupId)],
  'sagemaker:NetworkIsolation': 'true',
  'sagemaker:InterContainerTrafficEncryption': 'true',
  'sagemaker:VolumeKmsKey': r(dataKey.keyArn),
  'sagemaker:VolumeKmsKeyArn': r(dataKey.keyArn),
  'sagemaker:OutputKmsKey': r(modelsKey.keyArn),
  'sagemaker:OutputKmsKeyArn': r(modelsKey.keyArn),
  'sagemaker:RootAccess': 'Disabled',
  'sagemaker:DirectInternetAccess': 'Disabled',
};
const BAD: Context = {
  'sagemaker:VpcSubnets': [r(vpc.isolatedSubnets[0].subnetId), r(otherSubnet.subnetId)],
  'sagemaker:VpcSecurityGroupIds': [r(group.securityGroupId), 'sg-0123456789abcdef0'],
  'sagemaker:NetworkIsolation': 'false',
  'sagemaker:InterContainerTrafficEncryption': 'false',
  'sagemaker:VolumeKmsKey': r(strangerKey.keyArn),
  'sagemaker:VolumeKmsKeyArn': r(strangerKey.keyArn),
  'sagemaker:OutputKmsKey': r(dataKey.keyArn),
  'sagemaker:OutputKmsKeyArn': r(dataKey.keyArn),
  'sagemaker:RootAccess': 'Enabled',
  'sagemaker:DirectInternetAccess': 'Enabled',
};

const VPC = ['sagemaker:VpcSubnets', 'sagemaker:VpcSecurityGroupIds'];
const VOLUME = ['sagemaker:VolumeKmsKey', 'sagemaker:VolumeKmsKeyArn'];
const OUTPUT = ['sagemaker:OutputKmsKey', 'sagemaker:OutputKmsKeyArn'];
const ISOLATION = 'sagemaker:NetworkIsolation';
const TRAFFIC = 'sagemaker:InterContainerTrafficEncryption';

/** The keys each action carries (Service Authorization Reference), and which of them it must send. */
const CARRIES: Record<string, { keys: string[]; required: string[] }> = {
  CreateTrainingJob: { keys: [...VPC, ISOLATION, TRAFFIC, ...VOLUME, ...OUTPUT], required: [...VPC, ISOLATION, TRAFFIC, 'volume', 'output'] },
  CreateProcessingJob: { keys: [...VPC, ISOLATION, TRAFFIC, ...VOLUME, ...OUTPUT], required: [...VPC, ISOLATION, TRAFFIC, 'volume', 'output'] },
  CreateHyperParameterTuningJob: { keys: [...VPC, ISOLATION, TRAFFIC, ...VOLUME, ...OUTPUT], required: [...VPC, ISOLATION, TRAFFIC, 'volume', 'output'] },
  CreateModel: { keys: [...VPC, ISOLATION], required: [...VPC, ISOLATION] },
  CreateNotebookInstance: { keys: [...VPC, ...VOLUME, 'sagemaker:RootAccess', 'sagemaker:DirectInternetAccess'], required: [...VPC, 'volume', 'sagemaker:RootAccess', 'sagemaker:DirectInternetAccess'] },
  UpdateNotebookInstance: { keys: ['sagemaker:RootAccess'], required: [] },
  CreateAutoMLJob: { keys: [...VPC, TRAFFIC, ...VOLUME, ...OUTPUT], required: [...VPC, TRAFFIC, 'volume', 'output'] },
  CreateAutoMLJobV2: { keys: [...VPC, TRAFFIC, ...VOLUME, ...OUTPUT], required: [...VPC, TRAFFIC, 'volume', 'output'] },
  CreateDataQualityJobDefinition: { keys: [...VPC, ISOLATION, TRAFFIC, ...VOLUME, ...OUTPUT], required: [...VPC, ISOLATION, TRAFFIC, 'volume', 'output'] },
  CreateModelQualityJobDefinition: { keys: [...VPC, ISOLATION, TRAFFIC, ...VOLUME, ...OUTPUT], required: [...VPC, ISOLATION, TRAFFIC, 'volume', 'output'] },
  CreateModelBiasJobDefinition: { keys: [...VPC, ISOLATION, TRAFFIC, ...VOLUME, ...OUTPUT], required: [...VPC, ISOLATION, TRAFFIC, 'volume', 'output'] },
  CreateModelExplainabilityJobDefinition: { keys: [...VPC, ISOLATION, TRAFFIC, ...VOLUME, ...OUTPUT], required: [...VPC, ISOLATION, TRAFFIC, 'volume', 'output'] },
  // A schedule that names a job definition sends none of these; one with an inline definition sends them.
  CreateMonitoringSchedule: { keys: [...VPC, ISOLATION, TRAFFIC, ...VOLUME, ...OUTPUT], required: [] },
  UpdateMonitoringSchedule: { keys: [...VPC, ISOLATION, TRAFFIC, ...VOLUME, ...OUTPUT], required: [] },
  CreateTransformJob: { keys: [...VOLUME, ...OUTPUT], required: ['volume', 'output'] },
  CreateLabelingJob: { keys: [...VOLUME, ...OUTPUT], required: ['volume', 'output'] },
  CreateEndpointConfig: { keys: [...VPC, ...VOLUME], required: ['volume'] },
  CreateDomain: { keys: [...VPC, ...VOLUME], required: [] },
  UpdateDomain: { keys: VPC, required: [] },
  CreateUserProfile: { keys: ['sagemaker:VpcSecurityGroupIds'], required: [] },
  UpdateUserProfile: { keys: ['sagemaker:VpcSecurityGroupIds'], required: [] },
  // No guardrail key at all: never refused by the guardrails.
  CreateEndpoint: { keys: [], required: [] },
  InvokeEndpoint: { keys: [], required: [] },
  CreateModelPackage: { keys: [], required: [] },
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const list = (v: unknown) => (Array.isArray(v) ? v : [v]);

function conditionHolds(operator: string, key: string, expected: unknown, context: Context): boolean {
  const present = key in context;
  const value = context[key];
  switch (operator) {
    case 'Null': return String(expected) === 'true' ? !present : present;
    case 'Bool': return present && String(value) === String(expected);
    case 'StringEquals': return present && list(expected).some((e) => same(e, value));
    case 'StringNotEquals':
    case 'ArnNotEquals': return !present || !list(expected).some((e) => same(e, value));
    case 'ForAnyValue:StringNotEquals': return present && list(value).some((v) => !list(expected).some((e) => same(e, v)));
    default: throw new Error(`The test's evaluator does not know ${operator}: teach it.`);
  }
}

/** The Sids of the Deny statements that refuse the action with this request context. */
function denials(action: string, context: Context): string[] {
  return statements
    .filter((s) => s.Effect === 'Deny' && list(s.Action).includes(`sagemaker:${action}`))
    .filter((s) => Object.entries(s.Condition).every(([op, keys]) => Object.entries(keys).every(([k, v]) => conditionHolds(op, k, v, context))))
    .map((s) => s.Sid);
}

const compliant = (action: string): Context => Object.fromEntries(CARRIES[action].keys.map((k) => [k, GOOD[k]]));

describe('SageMakerGuardrails, judged per action', () => {
  test.each(Object.keys(CARRIES))('%s with the environment\'s settings is not refused (no deny on a key it does not carry)', (action) => {
    expect(denials(action, compliant(action))).toEqual([]);
  });

  test.each(Object.keys(CARRIES).flatMap((action) => CARRIES[action].keys.map((key) => [action, key])))('%s with another %s is refused', (action, key) => {
    expect(denials(action, { ...compliant(action), [key]: BAD[key] }).length).toBeGreaterThan(0);
  });

  test.each(Object.keys(CARRIES).flatMap((action) => CARRIES[action].required.map((key) => [action, key])))('%s without %s is refused', (action, key) => {
    const context = compliant(action);
    for (const k of key === 'volume' ? VOLUME : key === 'output' ? OUTPUT : [key]) {
      delete context[k];
    }
    expect(denials(action, context).length).toBeGreaterThan(0);
  });

  test.each(Object.keys(CARRIES).flatMap((action) => CARRIES[action].keys.filter((k) => !CARRIES[action].required.includes(k) && !(VOLUME.includes(k) && CARRIES[action].required.includes('volume')) && !(OUTPUT.includes(k) && CARRIES[action].required.includes('output'))).map((key) => [action, key])))(
    '%s may leave out %s (it keeps what was approved, or the key is optional there)', (action, key) => {
      const context = compliant(action);
      delete context[key];
      expect(denials(action, context)).toEqual([]);
    });

  test('either name of a renamed KMS key is enough: the request is refused as unencrypted only without both', () => {
    const context = compliant('CreateTrainingJob');
    delete context['sagemaker:VolumeKmsKey'];
    expect(denials('CreateTrainingJob', context)).toEqual([]);
    delete context['sagemaker:VolumeKmsKeyArn'];
    expect(denials('CreateTrainingJob', context)).toEqual(['DenyWithoutVolumeKey']);
  });

  test('the output key must be one of outputKeys, not any environment key', () => {
    expect(denials('CreateTransformJob', { ...compliant('CreateTransformJob'), 'sagemaker:OutputKmsKeyArn': GOOD['sagemaker:VolumeKmsKey'] })).toEqual(['DenyOtherOutputKeyArn']);
  });

  test('notebooks: root access and direct internet access must be explicitly Disabled on creation; an update may not enable root access', () => {
    const create = compliant('CreateNotebookInstance');
    delete create['sagemaker:RootAccess'];
    expect(denials('CreateNotebookInstance', create)).toEqual(['DenyNotebookRootAccess']);
    expect(denials('UpdateNotebookInstance', { 'sagemaker:RootAccess': 'Enabled' })).toEqual(['DenyEnablingNotebookRootAccess']);
    expect(denials('CreateNotebookInstance', { ...compliant('CreateNotebookInstance'), 'sagemaker:DirectInternetAccess': 'Enabled' })).toEqual(['DenyNotebookDirectInternetAccess']);
  });

  test('is made of Deny statements only, split over managed policies that each stay under IAM\'s size limit', () => {
    expect(statements.every((s) => s.Effect === 'Deny')).toBe(true);
    expect(statements).toHaveLength(17);
    expect(guardrails.policies.map((p) => p.node.id)).toEqual(['Policy', 'Policy2']);
  });

  test('refuses empty subnets, security groups or keys', () => {
    const s = new Stack(new App(), 'E');
    expect(() => new SageMakerGuardrails(s, 'G', { subnets: [], securityGroups: [group], volumeKeys: [dataKey], outputKeys: [dataKey] }))
      .toThrow(/subnets is \[\]: pass at least one, or every request would be refused/);
  });
});
