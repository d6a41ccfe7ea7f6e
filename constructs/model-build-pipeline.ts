import { CfnDeletionPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct, IConstruct } from 'constructs';
import { ModelRegistry } from './model-registry';
import { buildDefinition, BuildSettings } from './private/pipeline-definition';
import { CLARIFY_IMAGE, MODEL_MONITOR_IMAGE, RegionalImage, regionalImageUri, XGBOOST_IMAGE } from './private/monitoring-images';
import { SageMakerInstanceType } from './sagemaker-instance-type';
import { Soc2MlError } from '../core/errors';

/**
 * The image of a build step: one of SageMaker's (from the AWS-owned registry of the stack's region,
 * looked up in a documented per-region map at deploy time, so synth needs no lookup), an image of
 * your repository, or one you name by URI.
 */
export class BuildImage {
  /**
   * SageMaker's built-in XGBoost algorithm, `sagemaker-xgboost:1.7-1`: trains as a built-in
   * algorithm (no script to download, so it runs network-isolated), runs the evaluation script
   * (given as an input; it cannot install packages, being isolated) and serves the model.
   */
  public static readonly XGBOOST = new BuildImage(XGBOOST_IMAGE);
  /** SageMaker Model Monitor's analyzer: profiles the training data for the data validation step, isolated. */
  public static readonly MODEL_MONITOR = new BuildImage(MODEL_MONITOR_IMAGE);
  /**
   * SageMaker Clarify's processing image: bias analysis from a dataset that holds the predictions,
   * isolated. Clarify cannot run isolated when it must call a model (a shadow endpoint, for SHAP
   * or predictions it computes itself), so the build gives it the evaluation's predictions.
   */
  public static readonly CLARIFY = new BuildImage(CLARIFY_IMAGE);

  /** An image of one of your repositories (for example the environment's training `ImageRepository`); grant the step's role pull access. */
  public static fromRepository(repository: ecr.IRepository, tagOrDigest: string): BuildImage {
    if (!Token.isUnresolved(tagOrDigest) && (typeof tagOrDigest !== 'string' || tagOrDigest.trim() === '')) {
      throw new Soc2MlError(`BuildImage.fromRepository(${repository.node.id}, ${JSON.stringify(tagOrDigest)}): pass the image's tag or digest (sha256:…).`);
    }
    return new BuildImage(repository.repositoryUriForTagOrDigest(tagOrDigest));
  }

  /** An image by URI, for example SageMaker's image of a region the map lacks. */
  public static fromUri(uri: string): BuildImage {
    if (!Token.isUnresolved(uri) && (typeof uri !== 'string' || !/^\S+\.dkr\.ecr\.\S+\/\S+$/.test(uri))) {
      throw new Soc2MlError(`BuildImage.fromUri(${JSON.stringify(uri)}): pass an ECR image URI, <account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag].`);
    }
    return new BuildImage(uri);
  }

  private constructor(private readonly source: RegionalImage | string) {}

  /** @internal */
  public _bind(scope: IConstruct): string {
    return typeof this.source === 'string' ? this.source : regionalImageUri(scope, this.source, 'BuildImage.fromUri');
  }
}

/** The images of a build's steps. */
export interface ModelBuildImages {
  /** @default BuildImage.MODEL_MONITOR */
  readonly dataValidation?: BuildImage;
  /** @default BuildImage.XGBOOST */
  readonly training?: BuildImage;
  /** @default BuildImage.XGBOOST */
  readonly evaluation?: BuildImage;
  /** @default BuildImage.CLARIFY */
  readonly bias?: BuildImage;
  /** The image registered to serve the model. @default - the training image */
  readonly serving?: BuildImage;
}

export interface ModelBuildPipelineProps {
  /** The registry whose family's group the build registers into (its artifacts bucket receives every output). */
  readonly registry: ModelRegistry;

  /** The model family (one of the registry's), which names the pipeline `<environment>-<family>-build`. */
  readonly family: string;

  /** Where the family's data is (`<family>/train`, `validation`, `test`, `baseline/`). */
  readonly trainingDataBucket: s3.IBucket;

  /** The subnets every step runs in (the environment's workload subnets). */
  readonly subnets: ec2.ISubnet[];

  /** The security group of every step. */
  readonly securityGroup: ec2.ISecurityGroup;

  /** The customer-managed key of the steps' storage volumes (the environment's data key). */
  readonly volumeKey: kms.IKey;

  /** The customer-managed key of the steps' outputs (the environment's models key). */
  readonly outputKey: kms.IKey;

  /** The role the pipeline runs as: it creates the jobs and registers the model (the model build role). */
  readonly pipelineRole: iam.IRole;

  /** The role of training and evaluation (the training role): reads the data, writes and reads artifacts. */
  readonly trainingRole: iam.IRole;

  /** The role of data validation and bias analysis (the monitoring role). */
  readonly monitoringRole: iam.IRole;

  /**
   * The images of the steps.
   *
   * @default - SageMaker's: Model Monitor, XGBoost 1.7-1 (training, evaluation, serving), Clarify
   */
  readonly images?: ModelBuildImages;

  /**
   * The instance type of every step. Types with local NVMe storage are refused: SageMaker rejects a
   * volume key for them.
   *
   * @default SageMakerInstanceType.ML_M5_XLARGE
   */
  readonly instanceType?: SageMakerInstanceType;

  /**
   * The training job's hyperparameters.
   *
   * @default - XGBoost binary classification: `{ objective: 'binary:logistic', eval_metric: 'auc', num_round: '100' }`
   */
  readonly hyperparameters?: Record<string, string>;
}

const DEFAULT_HYPERPARAMETERS = { objective: 'binary:logistic', eval_metric: 'auc', num_round: '100' };

/**
 * A model family's build pipeline (`AWS::SageMaker::Pipeline`, `<environment>-<family>-build`):
 * data validation against the family's baseline (a QualityCheck step failing on a violation),
 * training, evaluation writing the model-quality statistics, a Clarify bias analysis, and
 * registration into the family's model package group, pending manual approval, with the statistics
 * and the bias report attached (what the release gate reads). Every job runs in the environment's
 * subnets with network isolation, inter-container traffic encryption and customer-managed keys for
 * its volumes and outputs, under the workload roles, so SageMaker's lineage tracking links the
 * dataset, the jobs and the model version. The definition is retained: its executions are the
 * record of how each version was built.
 *
 * What runs isolated, per container: Model Monitor's analyzer and Clarify (given predictions)
 * read and write only their mounted inputs and outputs; XGBoost trains as a built-in algorithm and
 * evaluates with a script mounted as an input. A step whose container must reach the network (a
 * script-mode framework image downloading its code, Clarify calling a model) cannot run here: the
 * guardrails deny such jobs, so use an image that takes its code as an input.
 */
export class ModelBuildPipeline extends Construct {
  /** The pipeline. */
  public readonly pipeline: sagemaker.CfnPipeline;
  /** Its name, `<environment>-<family>-build`. */
  public readonly pipelineName: string;
  /** The definition, as an object (the pipeline holds it as a JSON string). */
  public readonly definition: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: ModelBuildPipelineProps) {
    super(scope, id);
    validateBuildProps(props);
    const group = props.registry.modelPackageGroups[props.family];
    this.pipelineName = `${props.registry.groupNamePrefix}${props.family}-build`;
    this.definition = buildDefinition(this.settings(props, group.modelPackageGroupName));
    this.pipeline = new sagemaker.CfnPipeline(this, 'Resource', {
      pipelineName: this.pipelineName,
      pipelineDescription: `cdk-soc2-ml build of the ${props.family} model: validate data, train, evaluate, check bias, register for approval`,
      roleArn: props.pipelineRole.roleArn,
      pipelineDefinition: { PipelineDefinitionBody: Stack.of(this).toJsonString(this.definition) },
    });
    this.pipeline.addResourceDependency(group, 'the data validation step names the family\'s model package group');
    this.pipeline.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
    this.pipeline.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
  }

  /** The ARN of the pipeline. */
  public get pipelineArn(): string {
    return Stack.of(this).formatArn({ service: 'sagemaker', resource: 'pipeline', resourceName: this.pipelineName.toLowerCase() });
  }

  private settings(props: ModelBuildPipelineProps, groupName: string): BuildSettings {
    const images = props.images ?? {};
    const training = (images.training ?? BuildImage.XGBOOST)._bind(this);
    return {
      groupName,
      family: props.family,
      instanceType: (props.instanceType ?? SageMakerInstanceType.ML_M5_XLARGE).name,
      hyperparameters: props.hyperparameters ?? DEFAULT_HYPERPARAMETERS,
      images: {
        dataValidation: (images.dataValidation ?? BuildImage.MODEL_MONITOR)._bind(this),
        training,
        evaluation: (images.evaluation ?? BuildImage.XGBOOST)._bind(this),
        bias: (images.bias ?? BuildImage.CLARIFY)._bind(this),
        serving: images.serving?._bind(this) ?? training,
      },
      roles: { training: props.trainingRole.roleArn, monitoring: props.monitoringRole.roleArn },
      subnetIds: props.subnets.map((s) => s.subnetId),
      securityGroupIds: [props.securityGroup.securityGroupId],
      volumeKeyArn: props.volumeKey.keyArn,
      outputKeyArn: props.outputKey.keyArn,
      dataRoot: `s3://${props.trainingDataBucket.bucketName}/${props.family}`,
      outputRoot: `s3://${props.registry.artifactsBucket.bucket.bucketName}/pipelines/${props.family}`,
    };
  }
}

/** Throw on props the build cannot run with, naming the prop and the fix. */
function validateBuildProps(props: ModelBuildPipelineProps): void {
  const families = Object.keys(props?.registry?.modelPackageGroups ?? {});
  if (!families.includes(props?.family)) {
    throw new Soc2MlError(`family is ${JSON.stringify(props?.family)}, which is not a model family of the registry (${families.join(', ') || 'none'}): a build registers into its family's model package group, so pass one of them.`);
  }
  if (!Array.isArray(props.subnets) || props.subnets.length === 0) {
    throw new Soc2MlError('subnets is empty: pass the workload subnets every step runs in (for example network.workloadSubnets.subnets).');
  }
  for (const prop of ['trainingDataBucket', 'securityGroup', 'volumeKey', 'outputKey', 'pipelineRole', 'trainingRole', 'monitoringRole'] as const) {
    if (!props[prop]) {
      throw new Soc2MlError(`${prop} is undefined: every step runs with the environment's network, keys and workload roles; pass it.`);
    }
  }
  if (props.instanceType?.hasLocalStorage) {
    throw new Soc2MlError(`instanceType is ${props.instanceType.name}, which has local NVMe storage, for which SageMaker refuses a volume key: choose a type without it (for example ml.m5.xlarge).`);
  }
  for (const [name, value] of Object.entries(props.hyperparameters ?? {})) {
    if (typeof value !== 'string') {
      throw new Soc2MlError(`hyperparameters.${name} is ${JSON.stringify(value)}: SageMaker takes hyperparameters as strings (for example "100").`);
    }
  }
}
