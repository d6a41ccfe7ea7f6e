import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { managedPolicies } from './private/policy-packing';
import { Soc2MlError } from '../core/errors';

export interface SageMakerGuardrailsProps {
  /** The only subnets SageMaker jobs, models and notebooks may use. */
  readonly subnets: ec2.ISubnet[];
  /** The only security groups they may use. */
  readonly securityGroups: ec2.ISecurityGroup[];
  /** The only keys that may encrypt their storage volumes. */
  readonly volumeKeys: kms.IKey[];
  /** The only keys that may encrypt their output in S3. */
  readonly outputKeys: kms.IKey[];
}

const sm = (...actions: string[]) => actions.map((a) => `sagemaker:${a}`);

/*
 * Which actions carry which condition key, from the IAM Service Authorization Reference for
 * SageMaker ("Actions, resources, and condition keys for Amazon SageMaker"). A key is checked only
 * on actions that carry it: a deny on a missing key would block an action that can never send it.
 *
 * "Must be set" lists are narrower than "must match" lists: they hold only actions whose request
 * always describes the setting (an update, or a monitoring schedule that names a job definition,
 * may leave it out and keeps what was approved before).
 */
const JOBS = sm('CreateTrainingJob', 'CreateProcessingJob', 'CreateHyperParameterTuningJob');
const AUTOML = sm('CreateAutoMLJob', 'CreateAutoMLJobV2');
const MONITORING_JOB_DEFINITIONS = sm('CreateDataQualityJobDefinition', 'CreateModelQualityJobDefinition', 'CreateModelBiasJobDefinition', 'CreateModelExplainabilityJobDefinition');
const MONITORING_SCHEDULES = sm('CreateMonitoringSchedule', 'UpdateMonitoringSchedule');

const VPC_REQUIRED = [...JOBS, ...sm('CreateModel', 'CreateNotebookInstance'), ...AUTOML, ...MONITORING_JOB_DEFINITIONS];
const SUBNETS_CHECKED = [...VPC_REQUIRED, ...MONITORING_SCHEDULES, ...sm('CreateEndpointConfig', 'CreateDomain', 'UpdateDomain')];
const SECURITY_GROUPS_CHECKED = [...SUBNETS_CHECKED, ...sm('CreateUserProfile', 'UpdateUserProfile')];
const ISOLATION_REQUIRED = [...JOBS, ...sm('CreateModel'), ...MONITORING_JOB_DEFINITIONS];
const ISOLATION_CHECKED = [...ISOLATION_REQUIRED, ...MONITORING_SCHEDULES];
const TRAFFIC_ENCRYPTION_REQUIRED = [...JOBS, ...AUTOML, ...MONITORING_JOB_DEFINITIONS];
const TRAFFIC_ENCRYPTION_CHECKED = [...TRAFFIC_ENCRYPTION_REQUIRED, ...MONITORING_SCHEDULES];
const VOLUME_KEY_REQUIRED = [...JOBS, ...sm('CreateTransformJob', 'CreateNotebookInstance'), ...AUTOML, ...sm('CreateLabelingJob'), ...MONITORING_JOB_DEFINITIONS, ...sm('CreateEndpointConfig')];
const VOLUME_KEY_CHECKED = [...VOLUME_KEY_REQUIRED, ...MONITORING_SCHEDULES, ...sm('CreateDomain')];
const OUTPUT_KEY_REQUIRED = [...JOBS, ...sm('CreateTransformJob'), ...AUTOML, ...sm('CreateLabelingJob'), ...MONITORING_JOB_DEFINITIONS];
const OUTPUT_KEY_CHECKED = [...OUTPUT_KEY_REQUIRED, ...MONITORING_SCHEDULES];

/**
 * Deny statements that make SageMaker requests keep to the environment's controls, whoever makes
 * them: jobs, models and notebooks in the environment's subnets and security groups, with network
 * isolation, inter-container traffic encryption, storage and output encrypted with the
 * environment's keys, and notebooks with root access and direct internet access off. Each key is
 * checked only on the actions that carry it.
 *
 * SageMaker has renamed its KMS keys (`sagemaker:VolumeKmsKey` → `sagemaker:VolumeKmsKeyArn`,
 * `sagemaker:OutputKmsKey` → `sagemaker:OutputKmsKeyArn`); both names are checked, and a request is
 * refused only when neither is present. Pass keys as full key ARNs.
 */
export class SageMakerGuardrails extends Construct {
  /**
   * The managed policies holding the guardrails (as many as IAM's size limit on a managed policy
   * needs); `attachTo` attaches them all.
   */
  public readonly policies: iam.ManagedPolicy[];

  constructor(scope: Construct, id: string, props: SageMakerGuardrailsProps) {
    super(scope, id);
    for (const prop of ['subnets', 'securityGroups', 'volumeKeys', 'outputKeys'] as const) {
      if (!Array.isArray(props?.[prop]) || props[prop].length === 0) {
        throw new Soc2MlError(`${prop} is ${JSON.stringify(props?.[prop] === undefined ? undefined : [])}: pass at least one, or every request would be refused.`);
      }
    }
    const subnetIds = props.subnets.map((s) => s.subnetId);
    const groupIds = props.securityGroups.map((g) => g.securityGroupId);
    const volumeKeys = props.volumeKeys.map((k) => k.keyArn);
    const outputKeys = props.outputKeys.map((k) => k.keyArn);

    const deny = (sid: string, actions: string[], conditions: Record<string, Record<string, unknown>>) =>
      new iam.PolicyStatement({ sid, effect: iam.Effect.DENY, actions, resources: ['*'], conditions });

    this.policies = managedPolicies(this, 'Policy', {
      description: 'cdk-soc2-ml SageMaker guardrails: subnets, isolation, encryption in transit and at rest, notebook root and internet access',
      roles: [],
      statements: [
        deny('DenyWithoutVpc', VPC_REQUIRED, { Null: { 'sagemaker:VpcSubnets': 'true' } }),
        deny('DenyOtherSubnets', SUBNETS_CHECKED, { 'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSubnets': subnetIds } }),
        deny('DenyWithoutSecurityGroups', VPC_REQUIRED, { Null: { 'sagemaker:VpcSecurityGroupIds': 'true' } }),
        deny('DenyOtherSecurityGroups', SECURITY_GROUPS_CHECKED, { 'ForAnyValue:StringNotEquals': { 'sagemaker:VpcSecurityGroupIds': groupIds } }),
        deny('DenyNetworkIsolationUnset', ISOLATION_REQUIRED, { Null: { 'sagemaker:NetworkIsolation': 'true' } }),
        deny('DenyWithoutNetworkIsolation', ISOLATION_CHECKED, { Bool: { 'sagemaker:NetworkIsolation': 'false' } }),
        deny('DenyTrafficEncryptionUnset', TRAFFIC_ENCRYPTION_REQUIRED, { Null: { 'sagemaker:InterContainerTrafficEncryption': 'true' } }),
        deny('DenyWithoutTrafficEncryption', TRAFFIC_ENCRYPTION_CHECKED, { Bool: { 'sagemaker:InterContainerTrafficEncryption': 'false' } }),
        deny('DenyWithoutVolumeKey', VOLUME_KEY_REQUIRED, { Null: { 'sagemaker:VolumeKmsKey': 'true', 'sagemaker:VolumeKmsKeyArn': 'true' } }),
        deny('DenyOtherVolumeKey', VOLUME_KEY_CHECKED, { Null: { 'sagemaker:VolumeKmsKey': 'false' }, ArnNotEquals: { 'sagemaker:VolumeKmsKey': volumeKeys } }),
        deny('DenyOtherVolumeKeyArn', VOLUME_KEY_CHECKED, { Null: { 'sagemaker:VolumeKmsKeyArn': 'false' }, ArnNotEquals: { 'sagemaker:VolumeKmsKeyArn': volumeKeys } }),
        deny('DenyWithoutOutputKey', OUTPUT_KEY_REQUIRED, { Null: { 'sagemaker:OutputKmsKey': 'true', 'sagemaker:OutputKmsKeyArn': 'true' } }),
        deny('DenyOtherOutputKey', OUTPUT_KEY_CHECKED, { Null: { 'sagemaker:OutputKmsKey': 'false' }, ArnNotEquals: { 'sagemaker:OutputKmsKey': outputKeys } }),
        deny('DenyOtherOutputKeyArn', OUTPUT_KEY_CHECKED, { Null: { 'sagemaker:OutputKmsKeyArn': 'false' }, ArnNotEquals: { 'sagemaker:OutputKmsKeyArn': outputKeys } }),
        // Absent means Enabled for both settings, so anything but an explicit Disabled is refused.
        deny('DenyNotebookRootAccess', sm('CreateNotebookInstance'), { StringNotEquals: { 'sagemaker:RootAccess': 'Disabled' } }),
        deny('DenyEnablingNotebookRootAccess', sm('UpdateNotebookInstance'), { StringEquals: { 'sagemaker:RootAccess': 'Enabled' } }),
        deny('DenyNotebookDirectInternetAccess', sm('CreateNotebookInstance'), { StringNotEquals: { 'sagemaker:DirectInternetAccess': 'Disabled' } }),
      ],
    });
  }

  /** Attach the guardrails to a role. */
  public attachTo(role: iam.IRole): void {
    for (const policy of this.policies) {
      policy.attachToRole(role);
    }
  }
}
