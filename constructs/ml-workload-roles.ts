import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { MlAccessScope } from './ml-access-scope';
import {
  bucketRead, bucketWrite, ecrAuthorization, keyUse, logsWrite, metricsWrite, onEnvironment, passRoles, sagemakerRead,
  SAGEMAKER_JOB_ACTIONS, SAGEMAKER_MODEL_ACTIONS, scopeArns, vpcNetworking,
} from './private/ml-permissions';
import { annotateStatement, registerStatements } from './private/model-approval';
import { managedPolicies } from './private/policy-packing';
import { acknowledgeRoleWildcards } from './private/role-acknowledgements';
import { SageMakerGuardrails } from './sagemaker-guardrails';

export interface MlWorkloadRolesProps extends MlAccessScope {
  /**
   * Guardrails attached to the roles that create SageMaker resources (the model build role).
   *
   * @default - none
   */
  readonly guardrails?: SageMakerGuardrails;
}

const SAGEMAKER = new iam.ServicePrincipal('sagemaker.amazonaws.com');

/**
 * The service roles of an environment's ML workloads, each assumed by SageMaker and scoped to the
 * environment's buckets, keys and resources:
 * - `training`: training, processing and tuning jobs (reads training data and features, writes
 *   processed data and model artifacts);
 * - `modelBuild`: model build pipelines: runs jobs, creates models, registers model versions
 *   as `PendingManualApproval` only and records metadata (a signature) on them without changing
 *   their status (`ModelSigningKey.allowSign` lets it sign);
 * - `inference`: models and endpoints (reads model artifacts);
 * - `monitoring`: model monitoring and Clarify jobs (reads data and artifacts, writes reports).
 * Images are pulled through the repositories' policies (`ImageRepository.allowPull`).
 */
export class MlWorkloadRoles extends Construct {
  /** Training, processing and tuning jobs. */
  public readonly training: iam.Role;
  /** Model build pipelines and model registration. */
  public readonly modelBuild: iam.Role;
  /** Models and endpoints. */
  public readonly inference: iam.Role;
  /** Model monitoring and Clarify jobs. */
  public readonly monitoring: iam.Role;

  constructor(scope: Construct, id: string, props: MlWorkloadRolesProps) {
    super(scope, id);
    const a = scopeArns(this, props);
    const env = props.environmentName;
    const common = [logsWrite(a), metricsWrite(), ecrAuthorization(), ...vpcNetworking(a)];

    // SageMaker's images live in AWS-owned registries whose account differs by region; only the
    // repositories the platform's jobs use are named.
    const stack = Stack.of(this);
    const awsImages = (...names: string[]) => names.map((name) => stack.formatArn({ service: 'ecr', account: '*', resource: 'repository', resourceName: name }));

    this.training = this.role('Training', `SageMaker training, processing and tuning jobs of the ${env} environment`, [
      ...bucketRead('ReadTrainingData', props.trainingDataBucket),
      bucketWrite('WriteProcessedData', props.trainingDataBucket),
      ...(props.featureStoreBucket ? bucketRead('ReadOfflineFeatures', props.featureStoreBucket) : []),
      // Evaluation reads the model it scores and the script it runs (build pipelines).
      ...bucketRead('ReadModelArtifacts', props.modelArtifactsBucket),
      bucketWrite('WriteModelArtifacts', props.modelArtifactsBucket),
      pullAwsImages('PullAwsBuildImages', awsImages('sagemaker-xgboost')),
      ...keyUse('UseDataAndModelKeys', [props.dataKey, props.modelsKey], true),
      onEnvironment('PublishJobMetrics', a, ['sagemaker:BatchPutMetrics']),
      ...common,
    ]);

    this.inference = this.role('Inference', `SageMaker models and endpoints of the ${env} environment`, [
      ...bucketRead('ReadModelArtifacts', props.modelArtifactsBucket),
      ...keyUse('UseModelsKey', [props.modelsKey], false),
      ...common,
    ]);

    this.monitoring = this.role('Monitoring', `SageMaker model monitoring and Clarify jobs of the ${env} environment`, [
      ...bucketRead('ReadModelArtifacts', props.modelArtifactsBucket),
      bucketWrite('WriteMonitoringReports', props.modelArtifactsBucket),
      ...bucketRead('ReadBaselineData', props.trainingDataBucket),
      ...keyUse('UseDataAndModelKeys', [props.dataKey, props.modelsKey], true),
      pullAwsImages('PullAwsMonitoringImages', awsImages('sagemaker-model-monitor-analyzer', 'sagemaker-clarify-processing')),
      ...common,
    ]);

    // Pipelines name their jobs `pipelines-<execution>-<step>`, so the build role may also run those.
    const pipelineJobs = stack.formatArn({ service: 'sagemaker', resource: '*', resourceName: 'pipelines-*' });
    this.modelBuild = this.role('ModelBuild', `SageMaker model build pipelines and model registration of the ${env} environment`, [
      ...sagemakerRead(a),
      onEnvironment('RunJobsAndCreateModels', a, [...SAGEMAKER_JOB_ACTIONS, ...SAGEMAKER_MODEL_ACTIONS], [pipelineJobs]),
      new iam.PolicyStatement({ sid: 'FollowPipelineJobs', actions: ['sagemaker:DescribeTrainingJob', 'sagemaker:DescribeProcessingJob'], resources: [pipelineJobs] }),
      ...registerStatements({ groupArns: [a.sagemaker], packageArns: [] }),
      // The signature `cdk-soc2-ml sign-model --model-package` records, never an approval status.
      annotateStatement({ groupArns: [], packageArns: [a.sagemaker] }),
      // Build pipelines run training and evaluation as the training role, data validation and bias
      // analysis as the monitoring role.
      ...passRoles('PassJobAndModelRoles', [this.training, this.inference, this.monitoring]),
      ...bucketRead('ReadTrainingData', props.trainingDataBucket),
      ...bucketRead('ReadModelArtifacts', props.modelArtifactsBucket),
      bucketWrite('WriteModelArtifacts', props.modelArtifactsBucket),
      ...keyUse('UseDataAndModelKeys', [props.dataKey, props.modelsKey], true),
      ...common,
    ]);
    props.guardrails?.attachTo(this.modelBuild);
  }

  private role(id: string, description: string, statements: iam.PolicyStatement[]): iam.Role {
    const role = new iam.Role(this, id, { assumedBy: SAGEMAKER, description });
    managedPolicies(this, `${id}Policy`, { roles: [role], statements, description }).forEach(acknowledgeRoleWildcards);
    return role;
  }
}

/** Pulling SageMaker's own images from AWS-owned registries. */
function pullAwsImages(sid: string, repositories: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({ sid, actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'], resources: repositories });
}
