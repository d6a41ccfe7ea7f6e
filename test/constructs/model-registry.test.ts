import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { DataClassification, ModelRegistry, ObjectLockMode, SecureBucket, SecurityAlertTopic } from '../../index';
import { logicalId } from '../helpers/ml-scope';

describe('ModelRegistry', () => {
  const stack = new Stack(new App(), 'S');
  const alerts = new SecurityAlertTopic(stack, 'Alerts');
  const artifacts = new SecureBucket(stack, 'Artifacts', { dataClassification: DataClassification.CONFIDENTIAL });
  const registry = new ModelRegistry(stack, 'Registry', { environmentName: 'prod', modelFamilies: ['churn', 'fraud-score'], alerts, artifactsBucket: artifacts });
  const approver = new iam.Role(stack, 'Approver', { assumedBy: new iam.AccountRootPrincipal() });
  const builder = new iam.Role(stack, 'Builder', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  const gate = new iam.Role(stack, 'Gate', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  registry.grantApprove(approver);
  registry.grantRegister(builder);
  registry.grantReject(gate);
  const template = Template.fromStack(stack);
  const statementsOf = (role: iam.Role) => Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(logicalId(stack, role)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
  const packages = (group: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:model-package/${group}/*`]] });

  test('a retained model package group per family, named <environment>-<family>', () => {
    for (const name of ['prod-churn', 'prod-fraud-score']) {
      template.hasResource('AWS::SageMaker::ModelPackageGroup', { Properties: { ModelPackageGroupName: name }, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
    expect(Object.keys(registry.modelPackageGroups)).toEqual(['churn', 'fraud-score']);
  });

  test('model package state changes of the environment go to the alert topic, written for a person', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.sagemaker'], 'detail-type': ['SageMaker Model Package State Change'], 'detail': { ModelPackageGroupName: [{ prefix: 'prod-' }] } },
      Targets: [{
        Arn: { Ref: logicalId(stack, alerts.topic) },
        Id: 'Target0',
        InputTransformer: Match.objectLike({
          InputTemplate: Match.stringLikeRegexp('Model package <detail-ModelPackageGroupName> version <detail-ModelPackageVersion> in prod is now <detail-ModelApprovalStatus>.*CloudTrail'),
        }),
      }],
    });
    // The target relies on the topic's own narrowed policy: no unconditioned statement is added.
    const topicPolicy = Object.values(template.findResources('AWS::SNS::TopicPolicy'))[0].Properties.PolicyDocument.Statement;
    expect(topicPolicy.filter((s: { Principal?: { Service?: string }; Condition?: unknown }) => s.Principal?.Service === 'events.amazonaws.com' && !s.Condition)).toEqual([]);
  });

  test('registration is allowed only as PendingManualApproval, and any other status is denied', () => {
    expect(statementsOf(builder)).toEqual(expect.arrayContaining([
      expect.objectContaining({ Effect: 'Allow', Action: 'sagemaker:CreateModelPackage', Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' } } }),
      expect.objectContaining({ Effect: 'Deny', Action: 'sagemaker:CreateModelPackage', Resource: '*', Condition: { StringNotEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' } } }),
    ]));
    expect(statementsOf(builder).flatMap((s) => [s.Action].flat())).not.toContain('sagemaker:UpdateModelPackage');
  });

  test('the approver may set Approved or Rejected on the groups\' versions; the gate only Rejected', () => {
    expect(statementsOf(approver)).toContainEqual(expect.objectContaining({
      Effect: 'Allow', Action: 'sagemaker:UpdateModelPackage', Resource: [packages('prod-churn'), packages('prod-fraud-score')],
      Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': ['Approved', 'Rejected'] } },
    }));
    expect(statementsOf(gate)).toContainEqual(expect.objectContaining({
      Effect: 'Allow', Action: 'sagemaker:UpdateModelPackage', Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': ['Rejected'] } },
    }));
  });

  test('reuses the artifacts bucket it is given', () => {
    expect(registry.artifactsBucket).toBe(artifacts);
    template.resourceCountIs('AWS::S3::Bucket', 2); // the artifacts bucket and the stack's access-log bucket
  });

  test('a new artifacts bucket can have Object Lock in governance mode', () => {
    const s = new Stack(new App(), 'L');
    new ModelRegistry(s, 'Registry', {
      environmentName: 'prod', modelFamilies: ['churn'], alerts: new SecurityAlertTopic(s, 'Alerts'),
      objectLock: { mode: ObjectLockMode.GOVERNANCE, defaultRetentionDays: 365 },
    });
    Template.fromStack(s).hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  test('refuses bad families, Object Lock on a given bucket, and grants without families', () => {
    const s = new Stack();
    const a = new SecurityAlertTopic(s, 'A');
    expect(() => new ModelRegistry(s, 'R1', { environmentName: 'prod', alerts: a, modelFamilies: ['Churn'] })).toThrow(/modelFamilies\[0\] is "Churn": use lowercase letters, digits and single hyphens/);
    expect(() => new ModelRegistry(s, 'R2', { environmentName: 'prod', alerts: a, modelFamilies: ['churn', 'churn'] })).toThrow(/modelFamilies names "churn" twice/);
    expect(() => new ModelRegistry(s, 'R3', { environmentName: 'prod', alerts: a, artifactsBucket: artifacts, objectLock: { mode: ObjectLockMode.GOVERNANCE, defaultRetentionDays: 1 } }))
      .toThrow(/objectLock is set but artifactsBucket is given/);
    const empty = new ModelRegistry(s, 'R4', { environmentName: 'prod', alerts: a });
    expect(() => empty.grantApprove(approver)).toThrow(/grantApprove on a registry without model families/);
  });
});
