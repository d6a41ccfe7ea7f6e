import { Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { SIGNING_ALGORITHM } from '../core/signature-format';
import { PlatformKey } from './platform-key';
import { KeyPurpose } from './key-purpose';

export interface ModelSigningKeyProps {
  /**
   * The environment the key belongs to, used in its alias `alias/soc2ml/<environment>/model-signing`.
   *
   * @default - the alias is derived from the construct path
   */
  readonly environmentName?: string;

  /**
   * The roles that may sign model artifacts (for example the model build role). Nobody else can
   * sign with the key, whatever their IAM policies say.
   *
   * @default - none until `allowSign`
   */
  readonly signers?: iam.IRole[];

  /**
   * The roles that may verify signatures and read the public key.
   *
   * @default - none until `allowVerify`
   */
  readonly verifiers?: iam.IRole[];
}

/**
 * The key that signs an environment's model artifacts: an asymmetric KMS key (`ECC_NIST_P256`,
 * `SIGN_VERIFY`, signing algorithm `ECDSA_SHA_256` over the artifact's SHA-256 digest), hardened
 * like every `PlatformKey` (30-day deletion window, retained, alias, no grants but for AWS
 * resources). KMS cannot rotate asymmetric keys: replace the key (and re-sign) to rotate.
 *
 * Only the signers may call `kms:Sign`, and only on a digest with that algorithm: their
 * customer-managed policy allows it, and a key-policy `Deny` refuses it to every other principal,
 * so not even a role with `kms:*` can sign. Verifiers may call `kms:Verify`, `kms:GetPublicKey`
 * and `kms:DescribeKey`.
 */
export class ModelSigningKey extends Construct {
  /** The algorithm every signature is made with. */
  public static readonly SIGNING_ALGORITHM = SIGNING_ALGORITHM;

  /** The key. */
  public readonly key: kms.Key;
  /** The key's alias. */
  public readonly alias: kms.Alias;

  private readonly signers: iam.IRole[] = [];
  private signPolicy?: iam.ManagedPolicy;
  private verifyPolicy?: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: ModelSigningKeyProps = {}) {
    super(scope, id);
    const platformKey = new PlatformKey(this, 'Key', {
      purpose: KeyPurpose.MODEL_SIGNING,
      environmentName: props.environmentName,
      description: `cdk-soc2-ml model-signing key${props.environmentName ? ` (${props.environmentName})` : ''}: ${SIGNING_ALGORITHM} over the SHA-256 digest of model artifacts`,
    });
    this.key = platformKey.key;
    this.alias = platformKey.alias;

    // The root user of the account keeps the list from ever being empty (an empty condition value
    // is invalid); it can change the key policy anyway.
    const root = Stack.of(this).formatArn({ service: 'iam', region: '', resource: 'root' });
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenySigningToAllButTheSigners',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:Sign'],
      resources: ['*'],
      conditions: {
        ArnNotEquals: { 'aws:PrincipalArn': Lazy.list({ produce: () => (this.signers.length > 0 ? this.signers.map((r) => r.roleArn) : [root]) }) },
      },
    }));

    (props.signers ?? []).forEach((role) => this.allowSign(role));
    (props.verifiers ?? []).forEach((role) => this.allowVerify(role));
  }

  /** The key's ARN: what the signing command and the verification gate are given. */
  public get keyArn(): string {
    return this.key.keyArn;
  }

  /**
   * Let a role sign model artifacts: `kms:Sign` of a digest with `ECDSA_SHA_256` (in a
   * customer-managed policy, `SignPolicy`), and verify. The key policy refuses signing to everyone
   * else.
   */
  public allowSign(role: iam.IRole): void {
    this.signers.push(role);
    if (!this.signPolicy) {
      this.signPolicy = new iam.ManagedPolicy(this, 'SignPolicy', {
        description: 'cdk-soc2-ml: sign model artifact digests with the model-signing key',
        statements: [
          new iam.PolicyStatement({
            sid: 'SignModelArtifactDigests',
            actions: ['kms:Sign'],
            resources: [this.key.keyArn],
            conditions: { StringEquals: { 'kms:SigningAlgorithm': SIGNING_ALGORITHM, 'kms:MessageType': 'DIGEST' } },
          }),
          verifyStatement(this.key),
        ],
      });
    }
    this.signPolicy.attachToRole(role);
  }

  /** Let a role verify model signatures and read the public key (in a customer-managed policy, `VerifyPolicy`). */
  public allowVerify(role: iam.IRole): void {
    if (!this.verifyPolicy) {
      this.verifyPolicy = new iam.ManagedPolicy(this, 'VerifyPolicy', {
        description: 'cdk-soc2-ml: verify model signatures with the model-signing key',
        statements: [verifyStatement(this.key)],
      });
    }
    this.verifyPolicy.attachToRole(role);
  }
}

function verifyStatement(key: kms.IKey): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'VerifyModelSignatures',
    actions: ['kms:Verify', 'kms:GetPublicKey', 'kms:DescribeKey'],
    resources: [key.keyArn],
  });
}
