/*
 * The SageMaker Pipelines definition (schema version 2020-12-01) of a model build: data validation,
 * training, evaluation, a Clarify bias analysis and registration. Every job step runs in the
 * environment's subnets with network isolation, inter-container traffic encryption and
 * customer-managed keys for its volumes and outputs, so it passes the environment's SageMaker
 * guardrails and the pack's pipeline rules. Values may be CDK tokens: the construct renders the
 * definition with `Stack.toJsonString`.
 */

/** What a build's steps need: images, roles, network, keys and locations (token strings allowed). */
export interface BuildSettings {
  readonly groupName: string;
  readonly family: string;
  readonly instanceType: string;
  readonly hyperparameters: Readonly<Record<string, string>>;
  readonly images: { readonly dataValidation: string; readonly training: string; readonly evaluation: string; readonly bias: string; readonly serving: string };
  readonly roles: { readonly training: string; readonly monitoring: string };
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly volumeKeyArn: string;
  readonly outputKeyArn: string;
  /** Where the family's data is read from, `s3://<training data bucket>/<family>`. */
  readonly dataRoot: string;
  /** Where every execution writes, `s3://<artifacts bucket>/pipelines/<family>`. */
  readonly outputRoot: string;
}

/** The step names, also the names other steps `Get` their properties by. */
export const BuildSteps = {
  VALIDATE_DATA: 'ValidateData',
  TRAIN: 'Train',
  EVALUATE: 'Evaluate',
  CHECK_BIAS: 'CheckBias',
  REGISTER: 'RegisterModel',
} as const;

/** The execution parameters, with where their defaults point. */
export const BuildParameters = {
  TRAINING_DATA: 'TrainingData',
  VALIDATION_DATA: 'ValidationData',
  TEST_DATA: 'TestData',
  BASELINE_STATISTICS: 'BaselineStatistics',
  BASELINE_CONSTRAINTS: 'BaselineConstraints',
  EVALUATION_CODE: 'EvaluationCode',
  BIAS_ANALYSIS_CONFIG: 'BiasAnalysisConfig',
} as const;

type Value = unknown;
const get = (path: string): Value => ({ Get: path });
const parameter = (name: string): Value => get(`Parameters.${name}`);
const MODEL_ARTIFACTS = get(`Steps.${BuildSteps.TRAIN}.ModelArtifacts.S3ModelArtifacts`);
const PROCESSING = '/opt/ml/processing';

/** Where an execution writes one output: `<outputRoot>/<execution id>/<name>[/<file>]`. */
function outputUri(s: BuildSettings, ...segments: string[]): Value {
  return { 'Std:Join': { On: '/', Values: [s.outputRoot, get('Execution.PipelineExecutionId'), ...segments] } };
}

/** The whole definition. */
export function buildDefinition(s: BuildSettings): Record<string, unknown> {
  return {
    Version: '2020-12-01',
    Metadata: {},
    Parameters: [
      [BuildParameters.TRAINING_DATA, `${s.dataRoot}/train`],
      [BuildParameters.VALIDATION_DATA, `${s.dataRoot}/validation`],
      [BuildParameters.TEST_DATA, `${s.dataRoot}/test`],
      [BuildParameters.BASELINE_STATISTICS, `${s.dataRoot}/baseline/statistics.json`],
      [BuildParameters.BASELINE_CONSTRAINTS, `${s.dataRoot}/baseline/constraints.json`],
      [BuildParameters.EVALUATION_CODE, `${s.outputRoot}/code`],
      [BuildParameters.BIAS_ANALYSIS_CONFIG, `${s.outputRoot}/clarify`],
    ].map(([Name, DefaultValue]) => ({ Name, Type: 'String', DefaultValue })),
    Steps: [validateDataStep(s), trainStep(s), evaluateStep(s), checkBiasStep(s), registerStep(s)],
  };
}

interface ProcessingIo {
  readonly name: string;
  readonly uri: Value;
  readonly local: string;
}

/** A processing job's arguments, hardened: VPC, isolation, traffic encryption, customer keys. */
function processingArguments(s: BuildSettings, job: { image: string; role: string; inputs: ProcessingIo[]; outputs: ProcessingIo[]; entrypoint?: string[]; environment?: Record<string, string> }): Record<string, unknown> {
  return {
    ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: s.instanceType, VolumeSizeInGB: 30, VolumeKmsKeyId: s.volumeKeyArn } },
    AppSpecification: { ImageUri: job.image, ...(job.entrypoint ? { ContainerEntrypoint: job.entrypoint } : {}) },
    RoleArn: job.role,
    ProcessingInputs: job.inputs.map((i) => ({
      InputName: i.name,
      AppManaged: false,
      S3Input: { S3Uri: i.uri, LocalPath: i.local, S3DataType: 'S3Prefix', S3InputMode: 'File', S3DataDistributionType: 'FullyReplicated' },
    })),
    ProcessingOutputConfig: {
      Outputs: job.outputs.map((o) => ({ OutputName: o.name, AppManaged: false, S3Output: { S3Uri: o.uri, LocalPath: o.local, S3UploadMode: 'EndOfJob' } })),
      KmsKeyId: s.outputKeyArn,
    },
    NetworkConfig: {
      EnableNetworkIsolation: true,
      EnableInterContainerTrafficEncryption: true,
      VpcConfig: { Subnets: s.subnetIds, SecurityGroupIds: s.securityGroupIds },
    },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    ...(job.environment ? { Environment: job.environment } : {}),
  };
}

/**
 * Data validation: SageMaker Model Monitor's analyzer profiles the new training data, and the
 * QualityCheck step compares it with the family's baseline, failing the build on a violation (the
 * guard against poisoned or drifted data).
 */
function validateDataStep(s: BuildSettings): Record<string, unknown> {
  const input = `${PROCESSING}/input/baseline_dataset_input`;
  return {
    Name: BuildSteps.VALIDATE_DATA,
    Type: 'QualityCheck',
    Arguments: processingArguments(s, {
      image: s.images.dataValidation,
      role: s.roles.monitoring,
      inputs: [{ name: 'baseline_dataset_input', uri: parameter(BuildParameters.TRAINING_DATA), local: input }],
      outputs: [{ name: 'quality_check_output', uri: outputUri(s, 'data-validation'), local: `${PROCESSING}/output` }],
      environment: {
        dataset_format: JSON.stringify({ csv: { header: false, output_columns_position: 'START' } }),
        dataset_source: input,
        output_path: `${PROCESSING}/output`,
        publish_cloudwatch_metrics: 'Disabled',
      },
    }),
    CheckType: 'DATA_QUALITY',
    ModelPackageGroupName: s.groupName,
    SkipCheck: false,
    FailOnViolation: true,
    RegisterNewBaseline: false,
    SuppliedBaselineStatistics: parameter(BuildParameters.BASELINE_STATISTICS),
    SuppliedBaselineConstraints: parameter(BuildParameters.BASELINE_CONSTRAINTS),
  };
}

function trainStep(s: BuildSettings): Record<string, unknown> {
  const channel = (name: string, source: string) => ({
    ChannelName: name,
    DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: parameter(source), S3DataDistributionType: 'FullyReplicated' } },
    ContentType: 'text/csv',
  });
  return {
    Name: BuildSteps.TRAIN,
    Type: 'Training',
    DependsOn: [BuildSteps.VALIDATE_DATA],
    Arguments: {
      AlgorithmSpecification: { TrainingImage: s.images.training, TrainingInputMode: 'File' },
      RoleArn: s.roles.training,
      HyperParameters: s.hyperparameters,
      InputDataConfig: [channel('train', BuildParameters.TRAINING_DATA), channel('validation', BuildParameters.VALIDATION_DATA)],
      OutputDataConfig: { S3OutputPath: outputUri(s, 'model'), KmsKeyId: s.outputKeyArn },
      ResourceConfig: { InstanceCount: 1, InstanceType: s.instanceType, VolumeSizeInGB: 30, VolumeKmsKeyId: s.volumeKeyArn },
      StoppingCondition: { MaxRuntimeInSeconds: 86400 },
      VpcConfig: { Subnets: s.subnetIds, SecurityGroupIds: s.securityGroupIds },
      EnableNetworkIsolation: true,
      EnableInterContainerTrafficEncryption: true,
    },
  };
}

/**
 * Evaluation: the user's `evaluate.py` scores the trained model on the test data and writes the
 * model-quality statistics (`evaluation/evaluation.json`) and the test set with its predictions
 * (`predictions/`), which the bias analysis reads.
 */
function evaluateStep(s: BuildSettings): Record<string, unknown> {
  return {
    Name: BuildSteps.EVALUATE,
    Type: 'Processing',
    Arguments: processingArguments(s, {
      image: s.images.evaluation,
      role: s.roles.training,
      entrypoint: ['python3', `${PROCESSING}/input/code/evaluate.py`],
      inputs: [
        { name: 'model', uri: MODEL_ARTIFACTS, local: `${PROCESSING}/model` },
        { name: 'test', uri: parameter(BuildParameters.TEST_DATA), local: `${PROCESSING}/test` },
        { name: 'code', uri: parameter(BuildParameters.EVALUATION_CODE), local: `${PROCESSING}/input/code` },
      ],
      outputs: [
        { name: 'evaluation', uri: outputUri(s, 'evaluation'), local: `${PROCESSING}/evaluation` },
        { name: 'predictions', uri: outputUri(s, 'predictions'), local: `${PROCESSING}/predictions` },
      ],
    }),
  };
}

/**
 * The bias analysis: SageMaker Clarify computes pre- and post-training bias metrics from the test
 * set with its predictions (`predicted_label` in the analysis configuration), without calling a
 * model, which is what lets it run network-isolated.
 */
function checkBiasStep(s: BuildSettings): Record<string, unknown> {
  return {
    Name: BuildSteps.CHECK_BIAS,
    Type: 'Processing',
    DependsOn: [BuildSteps.EVALUATE],
    Arguments: processingArguments(s, {
      image: s.images.bias,
      role: s.roles.monitoring,
      inputs: [
        { name: 'analysis_config', uri: parameter(BuildParameters.BIAS_ANALYSIS_CONFIG), local: `${PROCESSING}/input/config` },
        { name: 'dataset', uri: outputUri(s, 'predictions'), local: `${PROCESSING}/input/data` },
      ],
      outputs: [{ name: 'analysis_result', uri: outputUri(s, 'bias'), local: `${PROCESSING}/output` }],
    }),
  };
}

/** Registration into the family's group, pending manual approval, with the metrics the release gate reads. */
function registerStep(s: BuildSettings): Record<string, unknown> {
  const json = (uri: Value) => ({ ContentType: 'application/json', S3Uri: uri });
  return {
    Name: BuildSteps.REGISTER,
    Type: 'RegisterModel',
    DependsOn: [BuildSteps.CHECK_BIAS],
    Arguments: {
      ModelPackageGroupName: s.groupName,
      ModelPackageDescription: `cdk-soc2-ml ${s.family} model built by the ${s.groupName} build pipeline`,
      ModelApprovalStatus: 'PendingManualApproval',
      InferenceSpecification: {
        Containers: [{ Image: s.images.serving, ModelDataUrl: MODEL_ARTIFACTS }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv'],
      },
      ModelMetrics: {
        ModelQuality: { Statistics: json(outputUri(s, 'evaluation', 'evaluation.json')) },
        Bias: { Report: json(outputUri(s, 'bias', 'analysis.json')) },
      },
    },
  };
}
