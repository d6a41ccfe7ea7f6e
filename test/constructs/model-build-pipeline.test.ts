import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BuildImage, ModelBuildPipeline, ModelBuildPipelineProps, ModelRegistry, SageMakerInstanceType, SecurityAlertTopic } from '../../index';
import { runPack } from '../pack/helpers';

function buildProps(stack: Stack): ModelBuildPipelineProps {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, subnetConfiguration: [{ name: 'Workload', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const role = (id: string) => new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  return {
    registry: new ModelRegistry(stack, 'Registry', { environmentName: 'prod', modelFamilies: ['churn'], alerts: new SecurityAlertTopic(stack, 'Alerts') }),
    family: 'churn',
    trainingDataBucket: new s3.Bucket(stack, 'Data'),
    subnets: vpc.isolatedSubnets,
    securityGroup: new ec2.SecurityGroup(stack, 'Workload', { vpc }),
    volumeKey: new kms.Key(stack, 'DataKey'),
    outputKey: new kms.Key(stack, 'ModelsKey'),
    pipelineRole: role('ModelBuild'),
    trainingRole: role('Training'),
    monitoringRole: role('Monitoring'),
  };
}

interface Step { Name: string; Type: string; DependsOn?: string[]; Arguments: Record<string, never> }

describe('ModelBuildPipeline', () => {
  const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
  const props = buildProps(stack);
  const build = new ModelBuildPipeline(stack, 'ChurnBuild', props);
  const template = Template.fromStack(stack);
  const steps = build.definition.Steps as Step[];
  const step = (name: string) => steps.find((s) => s.Name === name)!;

  test('is one retained pipeline named <environment>-<family>-build, run by the model build role, its body a JSON string', () => {
    template.hasResource('AWS::SageMaker::Pipeline', {
      Properties: {
        PipelineName: 'prod-churn-build',
        RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ModelBuild'), 'Arn'] },
        PipelineDefinition: { PipelineDefinitionBody: { 'Fn::Join': ['', Match.anyValue()] } },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('validates data, trains, evaluates, checks bias, then registers pending manual approval', () => {
    expect(steps.map((s) => `${s.Type}:${s.Name}`)).toEqual(['QualityCheck:ValidateData', 'Training:Train', 'Processing:Evaluate', 'Processing:CheckBias', 'RegisterModel:RegisterModel']);
    expect(step('ValidateData')).toEqual(expect.objectContaining({ CheckType: 'DATA_QUALITY', FailOnViolation: true, SkipCheck: false, SuppliedBaselineConstraints: { Get: 'Parameters.BaselineConstraints' } }));
    expect(step('Train').DependsOn).toEqual(['ValidateData']);
    const register = step('RegisterModel').Arguments as Record<string, unknown>;
    expect(register.ModelApprovalStatus).toBe('PendingManualApproval');
    expect(register.ModelMetrics).toEqual({
      ModelQuality: { Statistics: { ContentType: 'application/json', S3Uri: expect.objectContaining({ 'Std:Join': expect.objectContaining({ Values: expect.arrayContaining(['evaluation', 'evaluation.json']) }) }) } },
      Bias: { Report: { ContentType: 'application/json', S3Uri: expect.objectContaining({ 'Std:Join': expect.objectContaining({ Values: expect.arrayContaining(['bias', 'analysis.json']) }) }) } },
    });
  });

  test('runs every job isolated, in the workload subnets, with traffic encryption and the environment\'s keys, under the workload roles', () => {
    const resolve = (v: unknown) => stack.resolve(v);
    const train = step('Train').Arguments as Record<string, Record<string, unknown>>;
    expect(train.EnableNetworkIsolation).toBe(true);
    expect(train.EnableInterContainerTrafficEncryption).toBe(true);
    expect(resolve(train.ResourceConfig.VolumeKmsKeyId)).toEqual(resolve(props.volumeKey.keyArn));
    expect(resolve(train.OutputDataConfig.KmsKeyId)).toEqual(resolve(props.outputKey.keyArn));
    expect(resolve(train.RoleArn)).toEqual(resolve(props.trainingRole.roleArn));
    for (const name of ['ValidateData', 'Evaluate', 'CheckBias']) {
      const args = step(name).Arguments as Record<string, Record<string, unknown>>;
      expect({ name, network: resolve(args.NetworkConfig) }).toEqual({ name, network: {
        EnableNetworkIsolation: true,
        EnableInterContainerTrafficEncryption: true,
        VpcConfig: { Subnets: resolve(props.subnets.map((s) => s.subnetId)), SecurityGroupIds: [resolve(props.securityGroup.securityGroupId)] },
      } });
    }
    expect(resolve((step('CheckBias').Arguments as Record<string, unknown>).RoleArn)).toEqual(resolve(props.monitoringRole.roleArn));
  });

  test('uses SageMaker\'s images of the region, written out when the region is known', () => {
    expect((step('Train').Arguments as Record<string, Record<string, unknown>>).AlgorithmSpecification.TrainingImage).toBe('141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1');
    expect((step('CheckBias').Arguments as Record<string, Record<string, unknown>>).AppSpecification.ImageUri).toBe('131013547314.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-clarify-processing:1.0');
    expect((step('ValidateData').Arguments as Record<string, Record<string, unknown>>).AppSpecification.ImageUri).toBe('468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer');
  });

  test('passes the pack\'s pipeline rules, with the region unknown at synth (images from the per-region mapping)', () => {
    const run = runPack((app) => {
      const s = new Stack(app, 'Agnostic');
      new ModelBuildPipeline(s, 'Build', { ...buildProps(s), images: { training: BuildImage.fromRepository(new ecr.Repository(s, 'Images'), 'v1') } });
      expect(Template.fromStack(s).toJSON().Mappings).toEqual(expect.objectContaining({ Soc2MlXgboostImageRegistries: expect.anything(), Soc2MlClarifyImageRegistries: expect.anything() }));
    });
    for (const rule of ['SageMakerPipelineStepNetworkIsolation', 'SageMakerPipelineStepVpc', 'SageMakerPipelineStepKms', 'SageMakerPipelineStepTrafficEncryption']) {
      expect({ rule, verdict: run.verdict('Agnostic/Build/Resource', rule) }).toEqual({ rule, verdict: 'passed' });
    }
  });

  test('refuses a family the registry lacks, no subnets, an instance type with local storage and a number as a hyperparameter', () => {
    const s = new Stack(new App(), 'V');
    const p = buildProps(s);
    expect(() => new ModelBuildPipeline(s, 'A', { ...p, family: 'fraud' })).toThrow(/family is "fraud", which is not a model family of the registry \(churn\)/);
    expect(() => new ModelBuildPipeline(s, 'B', { ...p, subnets: [] })).toThrow(/subnets is empty/);
    expect(() => new ModelBuildPipeline(s, 'C', { ...p, instanceType: SageMakerInstanceType.ML_G4DN_XLARGE })).toThrow(/instanceType is ml.g4dn.xlarge, which has local NVMe storage/);
    expect(() => new ModelBuildPipeline(s, 'D', { ...p, hyperparameters: { num_round: 100 as never } })).toThrow(/hyperparameters.num_round is 100: SageMaker takes hyperparameters as strings/);
    expect(() => BuildImage.fromUri('xgboost')).toThrow(/pass an ECR image URI/);
    const mars = new Stack(new App(), 'R', { env: { account: '111111111111', region: 'mars-east-1' } });
    expect(() => new ModelBuildPipeline(mars, 'E', buildProps(mars))).toThrow(/No sagemaker-xgboost image is documented for region mars-east-1: pass the image of that region with BuildImage.fromUri/);
  });
});
