import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as signer from 'aws-cdk-lib/aws-signer';
import { Construct } from 'constructs';
import { acknowledgeWildcardResources } from './private/nag-acknowledgements';
import { Soc2MlError } from '../core/errors';

export interface ContainerImageSigningProps {
  /**
   * The roles that build and push images, and so sign them.
   *
   * @default - none until `allowSign`
   */
  readonly signers?: iam.IRole[];

  /**
   * How long a signature made with the profile is valid (1 day to 135 months).
   *
   * @default - 135 months, AWS Signer's default
   */
  readonly signatureValidity?: Duration;
}

/** AWS Signer's longest signature validity. */
const MAX_VALIDITY_DAYS = 135 * 30;

const REVOCATION_REASON = 'signer:GetRevocationStatus, which the notation AWS Signer plugin calls when it checks a signature, takes no resource ARN, so IAM accepts only "*" for it. It reveals only whether a signature, its signing job or its profile was revoked; signing (signer:SignPayload) names this signing profile.';

/**
 * Signing of container images with AWS Signer and Notation: a signing profile for the
 * `Notation-OCI-SHA384-ECDSA` platform, retained (signatures made with it stay verifiable), and the
 * right for image builders to sign with it (`signer:SignPayload` on this profile) and to check
 * signatures (`signer:GetRevocationStatus`), in a customer-managed policy (`SignPolicy`).
 *
 * Sign after pushing, with the notation CLI and the AWS Signer plugin:
 * `notation sign <registry>/<repository>@<digest> --plugin com.amazonaws.signer.notation.plugin --id <profile ARN>`.
 */
export class ContainerImageSigning extends Construct {
  /** The signing profile. */
  public readonly signingProfile: signer.SigningProfile;

  private signPolicy?: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: ContainerImageSigningProps = {}) {
    super(scope, id);
    const validity = props.signatureValidity;
    if (validity !== undefined && !validity.isUnresolved()) {
      const days = validity.toDays({ integral: false });
      if (!Number.isInteger(days) || days < 1 || days > MAX_VALIDITY_DAYS) {
        throw new Soc2MlError(`signatureValidity is ${days} days: AWS Signer accepts whole days from 1 to ${MAX_VALIDITY_DAYS} (135 months), for example Duration.days(365).`);
      }
    }
    this.signingProfile = new signer.SigningProfile(this, 'Profile', {
      platform: signer.Platform.NOTATION_OCI_SHA384_ECDSA,
      signatureValidity: validity,
    });
    // A cancelled profile signs nothing more; keeping it keeps the record of what it signed.
    this.signingProfile.applyRemovalPolicy(RemovalPolicy.RETAIN);
    (props.signers ?? []).forEach((role) => this.allowSign(role));
  }

  /** The profile's ARN: the `--id` of `notation sign`. */
  public get profileArn(): string {
    return this.signingProfile.signingProfileArn;
  }

  /** Let a role sign images with the profile, and check signatures. */
  public allowSign(role: iam.IRole): void {
    if (!this.signPolicy) {
      this.signPolicy = new iam.ManagedPolicy(this, 'SignPolicy', {
        description: 'cdk-soc2-ml: sign container images with the AWS Signer profile (notation), and check signatures',
        statements: [
          new iam.PolicyStatement({
            sid: 'SignImages',
            actions: ['signer:SignPayload', 'signer:GetSigningProfile'],
            resources: [this.signingProfile.signingProfileArn],
          }),
          new iam.PolicyStatement({
            sid: 'CheckRevocation',
            actions: ['signer:GetRevocationStatus'],
            resources: ['*'],
          }),
        ],
      });
      acknowledgeWildcardResources(this.signPolicy, ['*'], REVOCATION_REASON);
    }
    this.signPolicy.attachToRole(role);
  }
}
