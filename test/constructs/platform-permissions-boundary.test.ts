import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PlatformPermissionsBoundary } from '../../index';
import { logicalId } from '../helpers/ml-scope';

type Statement = { Sid: string; Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

describe('PlatformPermissionsBoundary', () => {
  const stack = new Stack(new App(), 'S');
  const boundary = new PlatformPermissionsBoundary(stack, 'Boundary', { environmentName: 'prod' });
  new iam.Role(stack, 'Mine', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
  // A VPC with restrictDefaultSecurityGroup brings CDK's stack-level custom-resource provider and its role.
  new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, restrictDefaultSecurityGroup: true, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  boundary.applyTo(stack);
  const template = Template.fromStack(stack);
  const id = logicalId(stack, boundary.policy);
  const statements: Statement[] = template.toJSON().Resources[id].Properties.PolicyDocument.Statement;
  const byId = (sid: string) => statements.find((s) => s.Sid === sid)!;
  const ownArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':policy/soc2ml-prod-permissions-boundary']] };

  test('reaches every role in the scope, CDK\'s custom-resource provider role included', () => {
    const roles = template.toJSON().Resources as Record<string, { Type: string; Properties: { PermissionsBoundary?: unknown } }>;
    const roleIds = Object.entries(roles).filter(([, r]) => r.Type === 'AWS::IAM::Role');
    expect(roleIds.map(([k]) => k)).toEqual(expect.arrayContaining([expect.stringMatching(/^CustomVpcRestrictDefaultSGCustomResourceProviderRole/), expect.stringMatching(/^Mine/)]));
    for (const [, role] of roleIds) {
      expect(role.Properties.PermissionsBoundary).toEqual({ Ref: id });
    }
  });

  test('is a named managed policy whose ceiling is the platform\'s services, never every action', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', { ManagedPolicyName: 'soc2ml-prod-permissions-boundary' });
    const ceiling = byId('CeilingPlatformServices');
    expect(ceiling.Effect).toBe('Allow');
    expect(ceiling.Action).toEqual(expect.arrayContaining(['sagemaker:*', 's3:*', 'kms:*', 'ecr:*', 'iam:*', 'sts:*']));
    expect(ceiling.Action).not.toContain('*');
    expect(ceiling.Action).not.toContain('organizations:*');
    expect(statements.filter((s) => s.Effect === 'Allow')).toHaveLength(1);
  });

  test('denies changing or removing the boundary, and principals without it', () => {
    expect(byId('DenyChangingThisBoundary')).toMatchObject({ Effect: 'Deny', Resource: ownArn, Action: ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion'] });
    expect(byId('DenyRemovingBoundaries')).toMatchObject({ Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'] });
    expect(byId('DenyPrincipalsWithoutThisBoundary')).toMatchObject({
      Effect: 'Deny',
      Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary', 'iam:CreateUser', 'iam:PutUserPermissionsBoundary'],
      Condition: { StringNotEquals: { 'iam:PermissionsBoundary': ownArn } },
    });
    expect(boundary.policyArn).toBeDefined();
  });

  test('denies long-lived credentials, audit tampering, key destruction and Object Lock bypass to every role', () => {
    expect(byId('DenyLongLivedCredentials').Action).toEqual(expect.arrayContaining(['iam:CreateAccessKey', 'iam:CreateLoginProfile']));
    expect(byId('DenyAuditAndDetectionTampering').Action).toEqual(expect.arrayContaining(['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'config:StopConfigurationRecorder', 'guardduty:DeleteDetector', 'logs:DeleteLogGroup']));
    expect(byId('DenyKeyDestruction').Action).toEqual(expect.arrayContaining(['kms:ScheduleKeyDeletion', 'kms:DisableKey']));
    expect(byId('DenyWeakeningStorageProtection').Action).toEqual(expect.arrayContaining(['s3:BypassGovernanceRetention', 's3:PutBucketPublicAccessBlock']));
    for (const sid of ['DenyLongLivedCredentials', 'DenyAuditAndDetectionTampering', 'DenyKeyDestruction', 'DenyWeakeningStorageProtection']) {
      expect(byId(sid)).toMatchObject({ Effect: 'Deny', Resource: '*' });
    }
  });

  test('refuses a malformed environment name', () => {
    expect(() => new PlatformPermissionsBoundary(new Stack(), 'B', { environmentName: 'Prod!' })).toThrow(/environmentName is "Prod!"/);
  });
});
