import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { PackRun, runPackOnStack } from '../../helpers';
import { parseBody, pipelineJobs } from '../../../../pack/rules/sagemaker/pipeline';
import { failedRules, Platform, platform } from './fixtures';

const ISOLATION = 'SageMakerPipelineStepNetworkIsolation';
const VPC = 'SageMakerPipelineStepVpc';
const KMS = 'SageMakerPipelineStepKms';
const TRAFFIC = 'SageMakerPipelineStepTrafficEncryption';
const RULES = [KMS, ISOLATION, TRAFFIC, VPC];

type Job = Record<string, unknown>;

/** A hardened training step's arguments. */
function training(p: Platform): Job {
  return {
    AlgorithmSpecification: { TrainingImage: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/train:1', TrainingInputMode: 'File' },
    RoleArn: p.role.roleArn,
    OutputDataConfig: { S3OutputPath: 's3://artifacts/model', KmsKeyId: p.key.keyArn },
    ResourceConfig: { InstanceCount: 2, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30, VolumeKmsKeyId: p.key.keyArn },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    VpcConfig: { Subnets: p.subnetIds, SecurityGroupIds: p.securityGroupIds },
    EnableNetworkIsolation: true,
    EnableInterContainerTrafficEncryption: true,
  };
}

/** A hardened processing step's arguments. */
function processing(p: Platform): Job {
  return {
    ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge', VolumeSizeInGB: 30, VolumeKmsKeyId: p.key.keyArn } },
    AppSpecification: { ImageUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/eval:1' },
    RoleArn: p.role.roleArn,
    ProcessingOutputConfig: { Outputs: [], KmsKeyId: p.key.keyArn },
    NetworkConfig: { EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true, VpcConfig: { Subnets: p.subnetIds, SecurityGroupIds: p.securityGroupIds } },
  };
}

/** A definition with a training step, a processing step and a processing step inside a Condition step; `change` breaks one. */
function definition(p: Platform, change: (steps: { train: Job; evaluate: Job; nested: Job }) => void = () => undefined): Job {
  const steps = { train: training(p), evaluate: processing(p), nested: processing(p) };
  change(steps);
  return {
    Version: '2020-12-01',
    Steps: [
      { Name: 'Train', Type: 'Training', Arguments: steps.train },
      { Name: 'Evaluate', Type: 'Processing', Arguments: steps.evaluate },
      { Name: 'Gate', Type: 'Condition', Arguments: { Conditions: [], IfSteps: [{ Name: 'Report', Type: 'QualityCheck', Arguments: steps.nested }], ElseSteps: [{ Name: 'Stop', Type: 'Fail', Arguments: { ErrorMessage: 'no' } }] } },
    ],
  };
}

const pipeline = (stack: Stack, id: string, p: Platform, body: unknown) =>
  new sagemaker.CfnPipeline(stack, id, { pipelineName: id.toLowerCase(), roleArn: p.role.roleArn, pipelineDefinition: { PipelineDefinitionBody: body } });

describe('SageMaker pipeline rules', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack) => {
      const p = platform(stack);
      const json = (d: Job) => stack.toJsonString(d);
      pipeline(stack, 'Hardened', p, json(definition(p)));
      pipeline(stack, 'NestedNotIsolated', p, json(definition(p, (s) => { (s.nested.NetworkConfig as Job).EnableNetworkIsolation = false; })));
      pipeline(stack, 'TrainingOutsideVpc', p, json(definition(p, (s) => { delete s.train.VpcConfig; })));
      pipeline(stack, 'VolumeWithoutKey', p, json(definition(p, (s) => { delete ((s.evaluate.ProcessingResources as Job).ClusterConfig as Job).VolumeKmsKeyId; })));
      pipeline(stack, 'OutputAwsKey', p, json(definition(p, (s) => { (s.train.OutputDataConfig as Job).KmsKeyId = 'alias/aws/s3'; })));
      pipeline(stack, 'KeyFromParameter', p, json(definition(p, (s) => { (s.train.OutputDataConfig as Job).KmsKeyId = { Get: 'Parameters.OutputKey' }; })));
      pipeline(stack, 'TrafficInClear', p, json(definition(p, (s) => { s.train.EnableInterContainerTrafficEncryption = false; })));
      // A number from a template parameter sits outside any JSON string: the body cannot be parsed.
      const count = new CfnParameter(stack, 'InstanceCount', { type: 'Number', default: 1 });
      pipeline(stack, 'Unparsable', p, json(definition(p, (s) => { (s.train.ResourceConfig as Job).InstanceCount = count.valueAsNumber; })));
      pipeline(stack, 'BodyFromParameter', p, new CfnParameter(stack, 'Body', { type: 'String' }).valueAsString);
      new sagemaker.CfnPipeline(stack, 'InS3', { pipelineName: 'ins3', roleArn: p.role.roleArn, pipelineDefinition: { PipelineDefinitionS3Location: { Bucket: 'definitions', Key: 'build.json' } } });
      pipeline(stack, 'OnlyFail', p, JSON.stringify({ Version: '2020-12-01', Steps: [{ Name: 'Stop', Type: 'Fail', Arguments: { ErrorMessage: 'no' } }] }));
    });
  });

  test('a hardened definition, written with Stack.toJsonString (an Fn::Join of references), passes every rule', () => {
    expect(failedRules(run, 'Test/Hardened')).toEqual([]);
    for (const rule of RULES) {
      expect({ rule, verdict: run.verdict('Test/Hardened', rule) }).toEqual({ rule, verdict: 'passed' });
    }
  });

  test.each([
    ['NestedNotIsolated', ISOLATION, /^step Report: its containers are not network-isolated \(NetworkConfig.EnableNetworkIsolation is not literally true\)\.$/],
    ['TrainingOutsideVpc', VPC, /^step Train: it does not run in the customer VPC: it sets no VpcConfig\.$/],
    ['VolumeWithoutKey', KMS, /^step Evaluate: its storage volumes are not encrypted with a customer-managed key \(ProcessingResources.ClusterConfig.VolumeKmsKeyId\): no key is set/],
    ['OutputAwsKey', KMS, /^step Train: its outputs are not encrypted with a customer-managed key \(OutputDataConfig.KmsKeyId\): it names the AWS-managed key alias\/aws\/s3\.$/],
    ['KeyFromParameter', KMS, /^step Train: its outputs key \(OutputDataConfig.KmsKeyId\) is decided at execution by a pipeline parameter/],
    ['TrafficInClear', TRAFFIC, /^step Train: traffic between its instances is not encrypted/],
  ])('%s fails %s only, naming the step', (id, rule, detail) => {
    expect(failedRules(run, `Test/${id}`)).toEqual([rule]);
    expect(run.detail(`Test/${id}`, rule)).toMatch(detail);
  });

  test('fails closed: a body it cannot parse, or cannot read at synth, fails every rule', () => {
    expect(failedRules(run, 'Test/Unparsable')).toEqual(RULES);
    expect(run.detail('Test/Unparsable', VPC)).toMatch(/^Its steps cannot be judged: its PipelineDefinitionBody does not parse as JSON once its references are set aside/);
    expect(failedRules(run, 'Test/BodyFromParameter')).toEqual(RULES);
    expect(run.detail('Test/BodyFromParameter', KMS)).toMatch(/is a value the pack cannot read at synth/);
  });

  test('a definition only in S3, or one that runs no job, is not applicable (the S3 one is reported as not judged)', () => {
    for (const rule of RULES) {
      expect([run.verdict('Test/InS3', rule), run.verdict('Test/OnlyFail', rule)]).toEqual(['not-applicable', 'not-applicable']);
    }
  });
});

describe('reading a pipeline definition body', () => {
  test('an Fn::Sub body: its references come back as Ref and Fn::GetAtt', () => {
    const parsed = parseBody({ 'Fn::Sub': JSON.stringify({ Steps: [{ Name: 'T', Type: 'Training', Arguments: { RoleArn: '${Role.Arn}', VpcConfig: { Subnets: ['${Subnet}'], SecurityGroupIds: ['sg-1'] } } }] }) });
    expect(parsed.kind).toBe('parsed');
    const [job] = parsed.kind === 'parsed' ? pipelineJobs(parsed.definition) : [];
    expect(job.job).toEqual({ RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] }, VpcConfig: { Subnets: [{ Ref: 'Subnet' }], SecurityGroupIds: ['sg-1'] } });
  });

  test('a string mixing text and a reference becomes an Fn::Join; each training job definition of a Tuning step is a job', () => {
    const parsed = parseBody({ 'Fn::Join': ['', ['{"Steps":[{"Name":"Tune","Type":"Tuning","Arguments":{"TrainingJobDefinitions":[{"OutputDataConfig":{"KmsKeyId":"arn:aws:kms:eu-west-1:', { Ref: 'AWS::AccountId' }, ':key/1"}},{}]}}]}']] });
    const jobs = parsed.kind === 'parsed' ? pipelineJobs(parsed.definition) : [];
    expect(jobs.map((j) => j.step)).toEqual(['Tune (training job definition 1)', 'Tune (training job definition 2)']);
    expect(jobs[0].job).toEqual({ OutputDataConfig: { KmsKeyId: { 'Fn::Join': ['', ['arn:aws:kms:eu-west-1:', { Ref: 'AWS::AccountId' }, ':key/1']] } } });
  });

  test('a reference under a key named __proto__ comes back as that key\'s value, not as a prototype', () => {
    const parsed = parseBody({ 'Fn::Join': ['', ['{"Steps":[],"__proto__":"', { Ref: 'Subnet' }, '"}']] });
    const definition = parsed.kind === 'parsed' ? parsed.definition : {};
    expect(Object.getOwnPropertyDescriptor(definition, '__proto__')?.value).toEqual({ Ref: 'Subnet' });
    expect(Object.getPrototypeOf(definition)).toBe(Object.prototype);
  });
});
