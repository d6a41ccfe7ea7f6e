import { Duration, Names, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { validateEnvironmentName } from '../core/names';
import { KeyPurpose } from './key-purpose';
import { keyPolicyStatementsFor } from './private/key-policy';
import { Soc2MlError } from '../core/errors';


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
      throw new Soc2MlError(`purpose is ${JSON.stringify(props.purpose)}: pass one of KeyPurpose.${Object.keys(KeyPurpose).join(', KeyPurpose.')}.`);
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
