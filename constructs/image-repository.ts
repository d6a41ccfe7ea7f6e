import { Duration, Lazy, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { PlatformKey } from './platform-key';
import { KeyPurpose } from './key-purpose';
import { Soc2MlError } from '../core/errors';

export interface ImageRepositoryProps {
  /**
   * The repository name (lowercase letters, digits, and `-`, `_`, `.`, `/` between them, 2 to
   * 256 characters), for example `soc2ml/prod/serving`.
   *
   * @default - a name CloudFormation generates
   */
  readonly repositoryName?: string;

  /**
   * The key that encrypts the images.
   *
   * @default - a new `PlatformKey` for models
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How many images to keep; older ones expire. At least 1.
   *
   * @default 100
   */
  readonly keepImages?: number;

  /**
   * How long an untagged image (a layer set a new push has replaced) is kept. At least a day.
   *
   * @default Duration.days(7)
   */
  readonly untaggedImageExpiry?: Duration;

  /**
   * The principals that may pull images. Nobody else can, whatever their IAM policies say.
   *
   * @default - none until `allowPull`
   */
  readonly pullers?: iam.IPrincipal[];

  /**
   * The principals that may push (and pull) images. Nobody else can.
   *
   * @default - none until `allowPush`
   */
  readonly pushers?: iam.IPrincipal[];
}

const PULL_ACTIONS = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability', 'ecr:DescribeImages'];
const PUSH_ACTIONS = ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'];
const DEFAULT_KEEP_IMAGES = 100;
const DEFAULT_UNTAGGED_EXPIRY = Duration.days(7);
const REPOSITORY_NAME = /^(?=.{2,256}$)[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$/;

/**
 * An ECR repository for training or serving images: scan on push, immutable tags, a
 * customer-managed key, a lifecycle policy (untagged images expire, the last N are kept), retained
 * with its images, and a repository policy that says who may pull and push. Access is written in
 * the repository policy, not in the principals' policies, and an explicit Deny refuses image
 * reads and writes to every other principal of the account.
 */
export class ImageRepository extends Construct {
  /** The repository. */
  public readonly repository: ecr.Repository;
  /** The key that encrypts the images. */
  public readonly encryptionKey: kms.IKey;

  private readonly pullers: iam.IPrincipal[] = [];
  private readonly pushers: iam.IPrincipal[] = [];

  constructor(scope: Construct, id: string, props: ImageRepositoryProps = {}) {
    super(scope, id);
    const keepImages = props.keepImages ?? DEFAULT_KEEP_IMAGES;
    if (!Token.isUnresolved(keepImages) && (!Number.isInteger(keepImages) || keepImages < 1)) {
      throw new Soc2MlError(`keepImages is ${JSON.stringify(keepImages)}: keep at least 1 image (a repository that keeps none loses the image a model is serving), for example keepImages: ${DEFAULT_KEEP_IMAGES}.`);
    }
    const untagged = props.untaggedImageExpiry ?? DEFAULT_UNTAGGED_EXPIRY;
    if (!untagged.isUnresolved() && untagged.toDays({ integral: false }) < 1) {
      throw new Soc2MlError(`untaggedImageExpiry is ${untagged.toDays({ integral: false })} days: ECR counts image age in whole days; pass Duration.days(1) or more.`);
    }
    if (props.repositoryName !== undefined && !Token.isUnresolved(props.repositoryName) && !REPOSITORY_NAME.test(props.repositoryName)) {
      throw new Soc2MlError(`repositoryName is ${JSON.stringify(props.repositoryName)}: use 2 to 256 lowercase letters and digits, separated by ".", "_", "-" or "/" (for example "soc2ml/prod/serving").`);
    }

    this.encryptionKey = props.encryptionKey ?? new PlatformKey(this, 'Key', { purpose: KeyPurpose.MODELS }).key;
    this.repository = new ecr.Repository(this, 'Resource', {
      repositoryName: props.repositoryName,
      imageScanOnPush: true,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      encryption: ecr.RepositoryEncryption.KMS,
      encryptionKey: this.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { rulePriority: 1, description: 'Expire untagged images', tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: untagged },
        { rulePriority: 2, description: `Keep the last ${keepImages} images`, tagStatus: ecr.TagStatus.ANY, maxImageCount: keepImages },
      ],
    });

    (props.pullers ?? []).forEach((p) => this.allowPull(p));
    (props.pushers ?? []).forEach((p) => this.allowPush(p));

    const allowed = Lazy.list({ produce: () => [...new Set([...this.pullers, ...this.pushers].map((p) => principalArn(p)))] });
    this.repository.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenyImageAccessToOthers',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: [...PULL_ACTIONS, ...PUSH_ACTIONS, 'ecr:BatchDeleteImage'],
      conditions: {
        ArnNotEquals: { 'aws:PrincipalArn': allowed },
        // AWS services acting for the account (such as Inspector scanning) are not identities of it.
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    }));
  }

  /** Let a principal pull images. Written in the repository policy; the principal still needs `ecr:GetAuthorizationToken`. */
  public allowPull(principal: iam.IPrincipal): void {
    this.pullers.push(principal);
    this.repository.addToResourcePolicy(new iam.PolicyStatement({
      sid: `AllowPull${this.pullers.length}`,
      principals: [principal],
      actions: PULL_ACTIONS,
    }));
  }

  /** Let a principal push and pull images. Written in the repository policy; the principal still needs `ecr:GetAuthorizationToken`. */
  public allowPush(principal: iam.IPrincipal): void {
    this.pushers.push(principal);
    this.repository.addToResourcePolicy(new iam.PolicyStatement({
      sid: `AllowPush${this.pushers.length}`,
      principals: [principal],
      actions: [...PULL_ACTIONS, ...PUSH_ACTIONS],
    }));
  }
}

function principalArn(principal: iam.IPrincipal): string {
  const role = principal as Partial<iam.IRole>;
  if (role.roleArn !== undefined) {
    return role.roleArn;
  }
  const arn = (principal.policyFragment.principalJson.AWS ?? [])[0];
  if (arn === undefined) {
    throw new Soc2MlError(`${principal} is not an IAM principal with an ARN: pass roles (or other principals with an ARN) to ImageRepository.`);
  }
  return arn;
}
