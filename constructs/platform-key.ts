import { ArnFormat, Aws, Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { validateEnvironmentName } from '../core/names';

/** What a platform key protects. Each purpose gets its own key, so access to one kind of data never implies another. */
export enum KeyPurpose {
  /** Training data, features and other data stores. */
  DATA = 'data',
  /** Model artifacts and model packages. */
  MODELS = 'models',
  /** CloudWatch Logs log groups (the key policy admits the regional CloudWatch Logs service for this account's log groups). */
  LOGS = 'logs',
  /** Alert topics (the key policy admits CloudWatch alarms, EventBridge and CodeStar notifications, through SNS). */
  ALERTS = 'alerts',
  /**
   * Signing model artifacts: an asymmetric `ECC_NIST_P256` key for `SIGN_VERIFY` (algorithm
   * `ECDSA_SHA_256`). KMS cannot rotate asymmetric keys, so it has no rotation (see `ModelSigningKey`).
   */
  MODEL_SIGNING = 'model-signing',
}

export interface PlatformKeyProps {
  /** What the key protects; decides the service statements in its key policy. */
  readonly purpose: KeyPurpose;

  /**
   * The environment the key belongs to (lowercase letters, digits and hyphens), used in the alias
   * `alias/soc2ml/<environment>/<purpose>`.
   *
   * @default - the alias is derived from the construct path: `alias/soc2ml/<unique id>`
   */
  readonly environmentName?: string;

  /**
   * A description shown in the KMS console.
   *
   * @default - names the purpose and the environment
   */
  readonly description?: string;
}

/** Amazon Macie's service-linked role, after `role/` in its ARN. */
const MACIE_SERVICE_LINKED_ROLE = 'aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie';

/**
 * A customer-managed KMS key for one purpose: rotation on (symmetric keys; a model-signing key is
 * asymmetric, which KMS cannot rotate), a 30-day deletion window, retained when its stack is
 * deleted, with an alias, and a key policy holding only
 * - the account-root statement CDK writes, so IAM policies in the account govern use;
 * - the statements the purpose's AWS services need, each narrowed by `kms:ViaService`,
 *   `aws:SourceAccount`/`aws:SourceArn` or encryption context;
 * - a `Deny kms:CreateGrant` unless the grant is for an AWS resource or made by an AWS service
 *   (AWS Control Tower CT.KMS.PR.3).
 */
export class PlatformKey extends Construct {
  /** The key. */
  public readonly key: kms.Key;
  /** The key's alias. */
  public readonly alias: kms.Alias;
  /** What the key protects. */
  public readonly purpose: KeyPurpose;

  constructor(scope: Construct, id: string, props: PlatformKeyProps) {
    super(scope, id);
    if (!Object.values(KeyPurpose).includes(props.purpose)) {
      throw new Error(`purpose is ${JSON.stringify(props.purpose)}: pass one of KeyPurpose.${Object.keys(KeyPurpose).join(', KeyPurpose.')}.`);
    }
    if (props.environmentName !== undefined) {
      validateEnvironmentName(props.environmentName, 'environmentName');
    }
    this.purpose = props.purpose;

    // An asymmetric key cannot rotate (CDK refuses enableKeyRotation on one); a new key and
    // re-signing is how a signing key is replaced.
    const keyType = props.purpose === KeyPurpose.MODEL_SIGNING
      ? { keySpec: kms.KeySpec.ECC_NIST_P256, keyUsage: kms.KeyUsage.SIGN_VERIFY }
      : { enableKeyRotation: true };
    this.key = new kms.Key(this, 'Resource', {
      description: props.description ?? `cdk-soc2-ml ${props.purpose} key${props.environmentName ? ` (${props.environmentName})` : ''}`,
      ...keyType,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const aliasName = props.environmentName
      ? `alias/soc2ml/${props.environmentName}/${props.purpose}`
      : `alias/soc2ml/${Names.uniqueResourceName(this, { maxLength: 200 })}`;
    this.alias = this.key.addAlias(aliasName);

    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenyGrantsNotForAwsResources',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: {
        BoolIfExists: {
          'kms:GrantIsForAWSResource': 'false',
          'aws:PrincipalIsAWSService': 'false',
        },
      },
    }));

    for (const statement of keyPolicyStatementsFor(this, props.purpose)) {
      this.key.addToResourcePolicy(statement);
    }
  }
}

/**
 * The key-policy statements the AWS services behind a purpose need, each narrowed to this
 * account and region. Used for new keys, and for keys callers pass in where CDK can edit them.
 * @internal
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
