import { Annotations, ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { KeyPurpose } from '../key-purpose';

/** Amazon Macie's service-linked role, after `role/` in its ARN. */
const MACIE_SERVICE_LINKED_ROLE = 'aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie';

/**
 * The key-policy statements the AWS services behind a purpose need, each narrowed to this
 * account and region. Used for new keys, and for keys callers pass in where CDK can edit them.
 */
export function keyPolicyStatementsFor(scope: Construct, purpose: KeyPurpose): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  switch (purpose) {
    case KeyPurpose.LOGS:
      return [new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForThisAccountsLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
          },
        },
      })];
    case KeyPurpose.ALERTS: {
      const viaSns = { StringEquals: { 'kms:ViaService': `sns.${Aws.REGION}.amazonaws.com` } };
      return [
        new iam.PolicyStatement({
          sid: 'AllowCloudWatchAlarmsOfThisAccount',
          principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          conditions: {
            StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
            ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
          },
        }),
        // EventBridge's and CodeStar Notifications' KMS requests carry no aws:SourceAccount or
        // aws:SourceArn, so they are narrowed to requests SNS makes for them.
        new iam.PolicyStatement({
          sid: 'AllowEventBridgeThroughSns',
          principals: [new iam.ServicePrincipal('events.amazonaws.com')],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          conditions: viaSns,
        }),
        new iam.PolicyStatement({
          sid: 'AllowCodeStarNotificationsThroughSns',
          principals: [new iam.ServicePrincipal('codestar-notifications.amazonaws.com')],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          conditions: viaSns,
        }),
      ];
    }
    case KeyPurpose.DATA:
      // Amazon Macie reads objects with its service-linked role, whose policy holds no KMS
      // permission: only the key policy can let it decrypt what personal-data discovery
      // classifies. The role exists only once Macie is enabled, and KMS refuses a key policy that
      // names a principal that does not exist, so the role is matched by aws:PrincipalArn, in
      // this account only, rather than named as the principal.
      return [new iam.PolicyStatement({
        sid: 'AllowMacieToClassifyObjectsOfThisAccount',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:CallerAccount': Aws.ACCOUNT_ID },
          ArnEquals: { 'aws:PrincipalArn': stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: MACIE_SERVICE_LINKED_ROLE }) },
        },
      })];
    default:
      // Model and model-signing keys are used by S3, SageMaker and friends on behalf of the
      // caller's IAM identity; no service principal needs a statement of its own.
      return [];
  }
}

/**
 * Add the statements a purpose needs to a key the caller brought. A key of the same app (a
 * `kms.Key`) gets them; an imported key's policy cannot be changed from here, so a warning on the
 * scope names the prop, the statements' sids and what fails without them.
 */
export function addServiceStatementsToGivenKey(scope: Construct, key: kms.IKey, purpose: KeyPurpose, prop: string, withoutThem: string, warningId = `${prop}KeyPolicy`): void {
  const statements = keyPolicyStatementsFor(scope, purpose);
  const missing = statements.filter((statement) => !key.addToResourcePolicy(statement, true).statementAdded);
  if (missing.length > 0) {
    Annotations.of(scope).addWarningV2(`cdk-soc2-ml:${warningId}`,
      `${prop} is imported, so CDK cannot add the key-policy statements ${missing.map((s) => s.sid).join(', ')} (the statements a key the platform creates for this purpose carries). Add them to the key policy yourself, or ${withoutThem}.`);
  }
}
