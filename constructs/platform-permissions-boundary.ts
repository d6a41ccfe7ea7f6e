import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { validateEnvironmentName } from '../core/names';
import { awsSolutionsRuleId, complianceAcknowledgements } from '../core/nag-packs';
import { BOUNDARY_SERVICES } from './private/boundary-services';
import { acknowledgeForPlatform } from '../core/acknowledgements';

export interface PlatformPermissionsBoundaryProps {
  /**
   * The environment the boundary belongs to, used in its policy name
   * `soc2ml-<environment>-permissions-boundary` (the boundary names itself in its own statements).
   */
  readonly environmentName: string;
}


const REASON = 'A permissions boundary grants nothing: it is the ceiling the platform\'s roles can never exceed, whatever is attached to them. It allows only the services the ML platform uses and denies, for every role, changing or removing the boundary, creating roles without it, long-lived credentials, stopping audit logging and threat detection, destroying keys, bypassing Object Lock and weakening public-access blocks.';

/**
 * The permissions boundary of every role the platform creates: a managed policy that caps what any
 * role can do (only the platform's services) and denies, whatever else a role is given, the actions
 * that would undo the platform's controls. Apply it with `applyTo(scope)`, an aspect that reaches
 * every role in the scope, the roles of CDK's custom-resource providers included.
 */
export class PlatformPermissionsBoundary extends Construct {
  /** The boundary policy. */
  public readonly policy: iam.ManagedPolicy;
  /** The boundary's ARN (known before deployment: the policy name is derived from the environment). */
  public readonly policyArn: string;

  constructor(scope: Construct, id: string, props: PlatformPermissionsBoundaryProps) {
    super(scope, id);
    validateEnvironmentName(props.environmentName, 'environmentName');
    const name = `soc2ml-${props.environmentName}-permissions-boundary`;
    this.policyArn = Stack.of(this).formatArn({ service: 'iam', region: '', resource: 'policy', resourceName: name });

    this.policy = new iam.ManagedPolicy(this, 'Resource', {
      managedPolicyName: name,
      description: `cdk-soc2-ml permissions boundary of every role in the ${props.environmentName} environment`,
      statements: [
        new iam.PolicyStatement({
          sid: 'CeilingPlatformServices',
          actions: BOUNDARY_SERVICES.map((s) => `${s}:*`),
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'DenyChangingThisBoundary',
          effect: iam.Effect.DENY,
          actions: ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion'],
          resources: [this.policyArn],
        }),
        new iam.PolicyStatement({
          sid: 'DenyRemovingBoundaries',
          effect: iam.Effect.DENY,
          actions: ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'DenyPrincipalsWithoutThisBoundary',
          effect: iam.Effect.DENY,
          actions: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary', 'iam:CreateUser', 'iam:PutUserPermissionsBoundary'],
          resources: ['*'],
          conditions: { StringNotEquals: { 'iam:PermissionsBoundary': this.policyArn } },
        }),
        new iam.PolicyStatement({
          sid: 'DenyLongLivedCredentials',
          effect: iam.Effect.DENY,
          actions: ['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile', 'iam:CreateServiceSpecificCredential'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'DenyAuditAndDetectionTampering',
          effect: iam.Effect.DENY,
          actions: [
            'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors',
            'config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder', 'config:DeleteDeliveryChannel',
            'guardduty:DeleteDetector', 'guardduty:UpdateDetector', 'guardduty:DisassociateFromAdministratorAccount',
            'securityhub:DisableSecurityHub',
            'macie2:DisableMacie',
            'logs:DeleteLogGroup', 'logs:DisassociateKmsKey',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'DenyKeyDestruction',
          effect: iam.Effect.DENY,
          actions: ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy', 'kms:DeleteImportedKeyMaterial'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'DenyWeakeningStorageProtection',
          effect: iam.Effect.DENY,
          actions: ['s3:BypassGovernanceRetention', 's3:PutBucketPublicAccessBlock', 's3:PutAccountPublicAccessBlock', 's3:PutBucketObjectLockConfiguration', 's3:DeleteBucket', 'ecr:DeleteRepository', 'ecr:SetRepositoryPolicy', 'ecr:DeleteRepositoryPolicy'],
          resources: ['*'],
        }),
      ],
    });

    // The boundary's ceiling names whole services by design; the denials carry the weight.
    acknowledgeForPlatform(this.policy,
      ...BOUNDARY_SERVICES.map((s) => ({ id: awsSolutionsRuleId('IAM5', `Action::${s}:*`), reason: REASON })),
      { id: awsSolutionsRuleId('IAM5', 'Resource::*'), reason: REASON },
      ...complianceAcknowledgements('IAMPolicyNoStatementsWithFullAccess', REASON),
    );
  }

  /**
   * Set this boundary on every IAM role and user in `scope` (an aspect, so roles added later and
   * the roles of CDK's custom-resource providers get it too).
   */
  public applyTo(scope: IConstruct): void {
    iam.PermissionsBoundary.of(scope).apply(this.policy);
  }
}
