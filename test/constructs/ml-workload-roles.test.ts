import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { MlWorkloadRoles, SageMakerGuardrails } from '../../index';
import { logicalId, mlScope } from '../helpers/ml-scope';

type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

describe('MlWorkloadRoles', () => {
  const stack = new Stack(new App(), 'S');
  const scope = mlScope(stack);
  const guardrails = new SageMakerGuardrails(stack, 'Guardrails', { subnets: scope.subnets, securityGroups: [scope.securityGroup], volumeKeys: [scope.dataKey], outputKeys: [scope.modelsKey] });
  const roles = new MlWorkloadRoles(stack, 'Roles', { ...scope, guardrails });
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources;
  const policyOf = (role: iam.Role): Statement[] => {
    const ref = { Ref: logicalId(stack, role) };
    return Object.values(resources as Record<string, { Type: string; Properties: { Roles?: unknown[]; PolicyDocument: { Statement: Statement[] } } }>)
      .filter((r) => r.Type === 'AWS::IAM::ManagedPolicy' && r.Properties.Roles?.some((x) => JSON.stringify(x) === JSON.stringify(ref)))
      .flatMap((r) => r.Properties.PolicyDocument.Statement)
      .filter((st) => !/^Deny(Without|Other|Notebook|Enabling|NetworkIsolation|TrafficEncryption)/.test(st.Sid ?? ''));
  };
  const arnOf = (c: { node: { defaultChild?: unknown } }) => ({ 'Fn::GetAtt': [logicalId(stack, c), 'Arn'] });
  const objectsOf = (c: { node: { defaultChild?: unknown } }) => ({ 'Fn::Join': ['', [arnOf(c), '/*']] });
  const all = [roles.training, roles.modelBuild, roles.inference, roles.monitoring];

  test('four roles, assumed only by SageMaker, with customer-managed policies and no inline policy', () => {
    for (const role of all) {
      expect(resources[logicalId(stack, role)].Properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' } },
      ]);
      expect(resources[logicalId(stack, role)].Properties.Policies).toBeUndefined();
    }
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('the training role reads training data and features and writes data and artifacts, with the environment\'s keys', () => {
    const statements = policyOf(roles.training);
    const resourcesFor = (action: string) => statements.filter((s) => list(s.Action).includes(action)).flatMap((s) => list(s.Resource));
    // The model artifacts too: a build's evaluation step scores the model it trained, as this role.
    expect(resourcesFor('s3:GetObject')).toEqual([objectsOf(scope.trainingDataBucket), objectsOf(scope.featureStoreBucket!), objectsOf(scope.modelArtifactsBucket)]);
    expect(resourcesFor('s3:PutObject')).toEqual([objectsOf(scope.trainingDataBucket), objectsOf(scope.modelArtifactsBucket)]);
    expect(resourcesFor('kms:Decrypt')).toEqual([arnOf(scope.dataKey), arnOf(scope.modelsKey)]);
    expect(statements.flatMap((s) => list(s.Action)).filter((a) => /Delete|\*/.test(a))).toEqual(['ec2:DeleteNetworkInterface', 'ec2:DeleteNetworkInterfacePermission']);
  });

  test('network interfaces are created only in the environment\'s subnets with its security group', () => {
    const [create] = policyOf(roles.inference).filter((s) => s.Sid === 'CreateWorkloadNetworkInterfaces');
    const subnetArn = (id: unknown) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':subnet/', id]] });
    expect(list(create.Resource)).toEqual(expect.arrayContaining(scope.subnets.map((s) => subnetArn(stack.resolve(s.subnetId)))));
    expect(list(create.Resource)).toHaveLength(scope.subnets.length + 2);
  });

  test('the inference role only reads model artifacts', () => {
    const statements = policyOf(roles.inference);
    const s3 = statements.flatMap((s) => list(s.Action)).filter((a) => a.startsWith('s3:'));
    expect(s3.sort()).toEqual(['s3:GetBucketLocation', 's3:GetObject', 's3:GetObjectTagging', 's3:GetObjectVersion', 's3:ListBucket']);
    expect(statements.filter((s) => list(s.Action).includes('s3:GetObject')).flatMap((s) => list(s.Resource))).toEqual([objectsOf(scope.modelArtifactsBucket)]);
  });

  test('the model build role registers model versions only as PendingManualApproval, changes no approval status, passes only the job, model and monitoring roles, and has the guardrails', () => {
    const statements = policyOf(roles.modelBuild);
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Action: 'sagemaker:CreateModelPackage', Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' } } }));
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 'sagemaker:CreateModelPackage', Condition: { StringNotEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' } } }));
    // It may record metadata on versions (the model signature), never name an approval status.
    expect(statements.filter((s) => list(s.Action).includes('sagemaker:UpdateModelPackage'))).toEqual([expect.objectContaining({
      Effect: 'Allow', Action: 'sagemaker:UpdateModelPackage', Condition: { Null: { 'sagemaker:ModelApprovalStatus': 'true' } },
    })]);
    expect(statements.filter((s) => list(s.Action).includes('iam:PassRole'))).toEqual([expect.objectContaining({
      Resource: [arnOf(roles.training), arnOf(roles.inference), arnOf(roles.monitoring)],
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    })]);
    for (const policy of guardrails.policies) {
      expect(resources[logicalId(stack, policy)].Properties.Roles).toEqual([{ Ref: logicalId(stack, roles.modelBuild) }]);
    }
  });

  test('the monitoring role pulls only AWS\'s Model Monitor and Clarify images', () => {
    const [images] = policyOf(roles.monitoring).filter((s) => s.Sid === 'PullAwsMonitoringImages');
    expect(list(images.Resource).map((r) => JSON.stringify(r))).toEqual([
      expect.stringContaining(':*:repository/sagemaker-model-monitor-analyzer'),
      expect.stringContaining(':*:repository/sagemaker-clarify-processing'),
    ]);
  });

  test('refuses a scope without subnets', () => {
    const s = new Stack(new App(), 'E');
    const sc = mlScope(s);
    expect(() => new MlWorkloadRoles(s, 'R', { ...sc, subnets: [] })).toThrow(/subnets is empty: pass the subnets SageMaker workloads run in/);
    expect(() => new MlWorkloadRoles(s, 'R2', { ...sc, environmentName: 'Prod' })).toThrow(/environmentName is "Prod"/);
  });
});
