import { PackRule, Severity } from '../../rule';
import { SageMakerDomainKms } from './SageMakerDomainKms';
import { SageMakerDomainVpcOnly } from './SageMakerDomainVpcOnly';
import { SageMakerEndpointConfigCaptureKms } from './SageMakerEndpointConfigCaptureKms';
import { SageMakerEndpointConfigAsyncKms } from './SageMakerEndpointConfigAsyncKms';
import { SageMakerEndpointConfigKms } from './SageMakerEndpointConfigKms';
import { SageMakerEndpointConfigMultiInstance } from './SageMakerEndpointConfigMultiInstance';
import { SageMakerFeatureGroupOfflineKms } from './SageMakerFeatureGroupOfflineKms';
import { SageMakerFeatureGroupOnlineKms } from './SageMakerFeatureGroupOnlineKms';
import { SageMakerModelInVpc } from './SageMakerModelInVpc';
import { SageMakerModelNetworkIsolation } from './SageMakerModelNetworkIsolation';
import { SageMakerModelPackageGroupNotPublic } from './SageMakerModelPackageGroupNotPublic';
import { SageMakerMonitoringInterContainerEncryption } from './SageMakerMonitoringInterContainerEncryption';
import { SageMakerMonitoringNetworkIsolation } from './SageMakerMonitoringNetworkIsolation';
import { SageMakerMonitoringOutputKms } from './SageMakerMonitoringOutputKms';
import { SageMakerMonitoringVolumeKms } from './SageMakerMonitoringVolumeKms';
import { SageMakerMonitoringVpc } from './SageMakerMonitoringVpc';
import { SageMakerNotebookImdsV2 } from './SageMakerNotebookImdsV2';
import { SageMakerNotebookInVpc } from './SageMakerNotebookInVpc';
import { SageMakerNotebookKms } from './SageMakerNotebookKms';
import { SageMakerNotebookNoDirectInternet } from './SageMakerNotebookNoDirectInternet';
import { SageMakerLifecycleConfigNoSecrets } from './SageMakerLifecycleConfigNoSecrets';
import { SageMakerNotebookNoRootAccess } from './SageMakerNotebookNoRootAccess';
import { SageMakerPipelineStepKms } from './SageMakerPipelineStepKms';
import { SageMakerPipelineStepNetworkIsolation } from './SageMakerPipelineStepNetworkIsolation';
import { SageMakerPipelineStepTrafficEncryption } from './SageMakerPipelineStepTrafficEncryption';
import { SageMakerPipelineStepVpc } from './SageMakerPipelineStepVpc';
import { SageMakerSpaceNoRemoteAccess } from './SageMakerSpaceNoRemoteAccess';
import { SageMakerUserProfileDomainSecurityGroups } from './SageMakerUserProfileDomainSecurityGroups';

const ACKNOWLEDGE = 'acknowledge Soc2Ml::';

/** The SageMaker rules, with the criteria, words and severity the pack gives them. */
export const SAGEMAKER_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: SageMakerNotebookNoDirectInternet,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'The notebook reaches the internet only through the VPC\'s controlled egress (CC6.6 boundary protection), not around it (CC6.1); it registers no user, so CC6.2 is not cited.',
    reference: { check: 'steampipe:sagemaker_notebook_instance_direct_internet_access_disabled', criteria: ['CC6.1', 'CC6.2', 'CC6.6'] },
    severity: Severity.ERROR,
    finding: 'SageMaker notebook instance has direct internet access.',
    fix: 'Set directInternetAccess: \'Disabled\' on the CfnNotebookInstance (it needs subnetId and securityGroupIds); reach the internet, if at all, through the VPC\'s NAT and endpoints.',
  },
  {
    kind: 'resource',
    rule: SageMakerNotebookNoRootAccess,
    criteria: ['CC6.3'],
    rationale: 'Notebook users do not get root (CC6.3 least privilege).',
    reference: { check: 'config:SAGEMAKER_NOTEBOOK_INSTANCE_ROOT_ACCESS_CHECK', criteria: ['CC6.3'] },
    severity: Severity.ERROR,
    finding: 'SageMaker notebook instance gives its users root access.',
    fix: 'Set rootAccess: \'Disabled\' on the CfnNotebookInstance; install what users need with a lifecycle configuration, which still runs as root.',
  },
  {
    kind: 'resource',
    rule: SageMakerLifecycleConfigNoSecrets,
    criteria: ['CC6.1'],
    rationale: 'A credential in a lifecycle script is readable by anyone who can describe the configuration, outside the access controls of a secrets store (CC6.1).',
    reference: { check: 'prowler:sagemaker_notebook_instance_no_secrets', criteria: ['CC6.1'] },
    severity: Severity.ERROR,
    finding: 'SageMaker lifecycle configuration script holds a credential (key or token).',
    fix: 'Remove the credential from the script and rotate it: keep it in Secrets Manager and read it at run time with the execution role (aws secretsmanager get-secret-value), granting the role secretsmanager:GetSecretValue on that secret.',
  },
  {
    kind: 'resource',
    rule: SageMakerNotebookKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'The notebook\'s storage volume is encrypted under a customer-managed key (CC6.1) and holds working copies of confidential data (C1.1).',
    reference: { check: 'steampipe:sagemaker_notebook_instance_encryption_at_rest_enabled', criteria: ['CC6.1', 'CC6.2'] },
    severity: Severity.ERROR,
    finding: 'SageMaker notebook instance storage is not encrypted with a customer-managed KMS key.',
    fix: 'Set kmsKeyId on the CfnNotebookInstance to your own key (e.g. key.keyArn), not alias/aws/sagemaker.',
  },
  {
    kind: 'resource',
    rule: SageMakerNotebookInVpc,
    criteria: ['CC6.6'],
    rationale: 'The notebook runs inside the VPC boundary (CC6.6).',
    reference: { check: 'config:SAGEMAKER_NOTEBOOK_INSTANCE_INSIDE_VPC', criteria: ['CC6.6'] },
    severity: Severity.ERROR,
    finding: 'SageMaker notebook instance is not in a VPC subnet.',
    fix: 'Set subnetId (a private subnet) and securityGroupIds on the CfnNotebookInstance.',
  },
  {
    kind: 'resource',
    rule: SageMakerDomainVpcOnly,
    criteria: ['CC6.6'],
    rationale: 'Studio traffic stays inside the VPC boundary (CC6.6).',
    reference: { check: 'config:SAGEMAKER_DOMAIN_IN_VPC', criteria: ['CC6.6'] },
    severity: Severity.ERROR,
    finding: 'SageMaker Studio domain lets apps reach the internet outside the VPC.',
    fix: 'Set appNetworkAccessType: \'VpcOnly\' on the CfnDomain, with vpcId and private subnetIds (and VPC endpoints or NAT for the AWS APIs Studio needs).',
  },
  {
    kind: 'resource',
    rule: SageMakerDomainKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Studio\'s home volumes are encrypted under a customer-managed key (CC6.1) and hold confidential working data (C1.1).',
    reference: { check: 'checkov:CKV_AWS_187', criteria: ['CC6.1'] },
    severity: Severity.ERROR,
    finding: 'SageMaker Studio domain storage is not encrypted with a customer-managed KMS key.',
    fix: 'Set kmsKeyId on the CfnDomain to your own key (e.g. key.keyArn).',
  },
  {
    kind: 'resource',
    rule: SageMakerModelNetworkIsolation,
    criteria: ['CC6.6', 'CC6.7'],
    rationale: 'The model container has no network access (CC6.6), so it cannot move data out (CC6.7 restricts the movement of information).',
    reference: { check: 'config:SAGEMAKER_MODEL_ISOLATION_ENABLED', criteria: ['CC6.6'] },
    severity: Severity.ERROR,
    finding: 'SageMaker model containers are not network-isolated.',
    fix: 'Set enableNetworkIsolation: true on the CfnModel. Serverless endpoints do not support network isolation: for a model served only by one, ' + ACKNOWLEDGE + 'SageMakerModelNetworkIsolation with that reason.',
  },
  {
    kind: 'resource',
    rule: SageMakerModelInVpc,
    criteria: ['CC6.6'],
    rationale: 'The model\'s network traffic stays inside the VPC boundary (CC6.6).',
    reference: { check: 'config:SAGEMAKER_MODEL_IN_VPC', criteria: ['CC6.6'] },
    severity: Severity.ERROR,
    finding: 'SageMaker model does not run in a VPC.',
    fix: 'Set vpcConfig: { subnets, securityGroupIds } on the CfnModel (private subnets). Serverless endpoints do not support a VPC: for a model served only by one, ' + ACKNOWLEDGE + 'SageMakerModelInVpc with that reason.',
  },
  {
    kind: 'resource',
    rule: SageMakerEndpointConfigKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'The endpoint\'s storage volumes are encrypted under a customer-managed key (CC6.1) and hold model artifacts (C1.1); it registers no user, so CC6.2 is not cited.',
    reference: { check: 'steampipe:sagemaker_endpoint_configuration_encryption_at_rest_enabled', criteria: ['CC6.1', 'CC6.2'] },
    severity: Severity.ERROR,
    finding: 'SageMaker endpoint configuration does not encrypt endpoint storage with a customer-managed KMS key.',
    fix: 'Set kmsKeyId on the CfnEndpointConfig to your own key. Instance types with local NVMe storage (hardware-encrypted) reject a key: for those, ' + ACKNOWLEDGE + 'SageMakerEndpointConfigKms with that reason.',
  },
  {
    kind: 'resource',
    rule: SageMakerEndpointConfigCaptureKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Captured requests and responses, often customer data, are encrypted under a customer-managed key (CC6.1, C1.1).',
    reference: { check: 'steampipe:sagemaker_endpoint_configuration_encryption_at_rest_enabled', criteria: ['CC6.1', 'CC6.2'] },
    severity: Severity.ERROR,
    finding: 'SageMaker endpoint data capture is not encrypted with a customer-managed KMS key.',
    fix: 'Set dataCaptureConfig.kmsKeyId on the CfnEndpointConfig to your own key (or turn capture off with enableCapture: false).',
  },
  {
    kind: 'resource',
    rule: SageMakerEndpointConfigMultiInstance,
    criteria: ['A1.2'],
    rationale: 'Two or more instances are spread across Availability Zones (A1.2 recovery infrastructure).',
    reference: { check: 'config:SAGEMAKER_ENDPOINT_CONFIG_PROD_INSTANCE_COUNT', criteria: ['A1.2'] },
    severity: Severity.WARNING,
    finding: 'SageMaker endpoint production variant runs on fewer than two instances.',
    fix: 'Set initialInstanceCount: 2 or more on every instance-based production variant (and a managed-scaling minInstanceCount of 2 or more), so SageMaker spreads it across Availability Zones.',
  },
  {
    kind: 'resource',
    rule: SageMakerFeatureGroupOfflineKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'The offline store\'s features are encrypted under a customer-managed key (CC6.1) and are derived from confidential data (C1.1).',
    severity: Severity.ERROR,
    finding: 'SageMaker feature group offline store is not encrypted with a customer-managed KMS key.',
    fix: 'Set offlineStoreConfig: { S3StorageConfig: { S3Uri, KmsKeyId } } on the CfnFeatureGroup with your own key (this prop is untyped: write CloudFormation\'s PascalCase names).',
  },
  {
    kind: 'resource',
    rule: SageMakerFeatureGroupOnlineKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'The online store\'s features are encrypted under a customer-managed key (CC6.1) and are derived from confidential data (C1.1).',
    reference: { check: 'config:sagemaker-featuregroup-online-store-encryption', criteria: ['CC6.1'] },
    severity: Severity.ERROR,
    finding: 'SageMaker feature group online store is not encrypted with a customer-managed KMS key.',
    fix: 'Set onlineStoreConfig: { EnableOnlineStore: true, SecurityConfig: { KmsKeyId } } on the CfnFeatureGroup with your own key (this prop is untyped: write CloudFormation\'s PascalCase names).',
  },
  {
    kind: 'resource',
    rule: SageMakerMonitoringInterContainerEncryption,
    criteria: ['CC6.7'],
    rationale: 'Traffic between a monitoring job\'s containers is encrypted (CC6.7).',
    reference: { check: 'checkov:CKV_AWS_369', criteria: ['CC6.7'] },
    severity: Severity.ERROR,
    finding: 'SageMaker monitoring job does not encrypt traffic between its instances.',
    fix: 'Set networkConfig.enableInterContainerTrafficEncryption: true on the job definition (or on monitoringScheduleConfig.monitoringJobDefinition of a CfnMonitoringSchedule).',
  },
  {
    kind: 'resource',
    rule: SageMakerMonitoringNetworkIsolation,
    criteria: ['CC6.6', 'CC6.7'],
    rationale: 'The monitoring container has no network access (CC6.6), so it cannot move captured data out (CC6.7).',
    reference: { check: 'securityhub:SageMaker.14', criteria: ['CC6.6'] },
    severity: Severity.ERROR,
    finding: 'SageMaker monitoring job containers are not network-isolated.',
    fix: 'Set networkConfig.enableNetworkIsolation: true on the job definition (or on monitoringScheduleConfig.monitoringJobDefinition of a CfnMonitoringSchedule).',
  },
  {
    kind: 'resource',
    rule: SageMakerMonitoringVpc,
    criteria: ['CC6.6'],
    rationale: 'The monitoring job\'s traffic stays inside the VPC boundary (CC6.6).',
    severity: Severity.ERROR,
    finding: 'SageMaker monitoring job does not run in a VPC.',
    fix: 'Set networkConfig.vpcConfig: { subnets, securityGroupIds } on the job definition (or on monitoringScheduleConfig.monitoringJobDefinition of a CfnMonitoringSchedule).',
  },
  {
    kind: 'resource',
    rule: SageMakerMonitoringOutputKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Monitoring reports, drawn from captured data, are encrypted under a customer-managed key (CC6.1, C1.1); encrypting a report delivers no output, so PI1.4 is not cited.',
    reference: { check: 'checkov:CKV_AWS_367', criteria: ['CC6.1', 'PI1.4'] },
    severity: Severity.ERROR,
    finding: 'SageMaker monitoring job output is not encrypted with a customer-managed KMS key.',
    fix: 'Set kmsKeyId in the job definition\'s output config (dataQualityJobOutputConfig, modelQualityJobOutputConfig, modelBiasJobOutputConfig, modelExplainabilityJobOutputConfig; monitoringOutputConfig inline in a CfnMonitoringSchedule) to your own key.',
  },
  {
    kind: 'resource',
    rule: SageMakerMonitoringVolumeKms,
    criteria: ['CC6.1'],
    rationale: 'The monitoring job\'s volume is encrypted under a customer-managed key (CC6.1).',
    reference: { check: 'checkov:CKV_AWS_368', criteria: ['CC6.1'] },
    severity: Severity.ERROR,
    finding: 'SageMaker monitoring job storage volumes are not encrypted with a customer-managed KMS key.',
    fix: 'Set clusterConfig.volumeKmsKeyId under jobResources of the job definition (monitoringResources inline in a CfnMonitoringSchedule) to your own key.',
  },
  {
    kind: 'resource',
    rule: SageMakerModelPackageGroupNotPublic,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'No resource policy shares the model registry with anyone (CC6.1), outside the boundary (CC6.6).',
    severity: Severity.ERROR,
    finding: 'SageMaker model package group policy allows any AWS principal.',
    fix: 'Name the accounts or roles in modelPackageGroupPolicy\'s Principal, or add a narrowing condition such as aws:PrincipalOrgID to statements that allow "*".',
  },
  {
    kind: 'resource',
    rule: SageMakerNotebookImdsV2,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'Session-token metadata keeps the notebook role\'s credentials from request-forgery theft (CC6.6 protects authentication credentials; CC6.1); it monitors nothing, so CC7.2 is not cited.',
    reference: { check: 'checkov:CKV_AWS_371', criteria: ['CC6.1', 'CC7.2'] },
    severity: Severity.ERROR,
    finding: 'SageMaker notebook instance accepts IMDSv1 metadata requests.',
    fix: 'Set instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: \'2\' } on the CfnNotebookInstance (InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion: "2"); absent, SageMaker uses IMDSv1.',
  },
  {
    kind: 'resource',
    rule: SageMakerEndpointConfigAsyncKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Asynchronous inference results are encrypted under a customer-managed key (CC6.1) and carry customer data (C1.1).',
    severity: Severity.ERROR,
    finding: 'SageMaker asynchronous inference output is not encrypted with a customer-managed KMS key.',
    fix: 'Set asyncInferenceConfig.outputConfig.kmsKeyId on the CfnEndpointConfig (AsyncInferenceConfig.OutputConfig.KmsKeyId) to your own key (e.g. key.keyArn), not alias/aws/s3.',
  },
  {
    kind: 'resource',
    rule: SageMakerUserProfileDomainSecurityGroups,
    criteria: ['CC6.6'],
    rationale: 'A user profile cannot leave the domain\'s security groups (CC6.6 boundary protection).',
    severity: Severity.ERROR,
    finding: 'SageMaker Studio user profile uses security groups outside its domain\'s.',
    fix: 'Leave userSettings.securityGroups out of the CfnUserProfile (UserSettings.SecurityGroups) so it takes the domain\'s, or name only groups of the domain\'s defaultUserSettings.securityGroups; define the profile in its domain\'s stack (domainId: domain.attrDomainId) so synth can compare them. For a domain another team owns, ' + ACKNOWLEDGE + 'SageMakerUserProfileDomainSecurityGroups with the domain\'s groups as the reason.',
  },
  {
    kind: 'resource',
    rule: SageMakerSpaceNoRemoteAccess,
    criteria: ['CC6.6', 'CC6.1'],
    rationale: 'No remote (SSH from a local IDE) access around the domain\'s controls (CC6.6, CC6.1).',
    severity: Severity.ERROR,
    finding: 'SageMaker Studio space allows remote access from a local IDE.',
    fix: 'Leave spaceSettings.remoteAccess out of the CfnSpace or set it to \'DISABLED\' (SpaceSettings.RemoteAccess); deny sagemaker:StartSession, or use the sagemaker:RemoteAccess condition key, in the users\' IAM policies so a space cannot be switched on later.',
  },
  {
    kind: 'resource',
    rule: SageMakerPipelineStepNetworkIsolation,
    criteria: ['CC6.6', 'PI1.2'],
    rationale: 'CC6.6: an isolated job can reach nothing outside SageMaker\'s own data channels, so neither the data it trains on nor the model it builds can leave through it; PI1.2: nothing but its declared inputs can enter the model.',
    severity: Severity.ERROR,
    finding: 'SageMaker pipeline has a training or processing step whose containers are not network-isolated (or a definition the pack cannot read).',
    fix: 'Set EnableNetworkIsolation: true on every Training step\'s arguments (and each Tuning step\'s TrainingJobDefinition) and NetworkConfig.EnableNetworkIsolation: true on every Processing, QualityCheck and ClarifyCheck step (ModelBuildPipeline does); give code to a job as an input rather than letting its container download it. Write the body as JSON whose references sit inside strings (Stack.toJsonString does) so the pack can parse it.',
  },
  {
    kind: 'resource',
    rule: SageMakerPipelineStepVpc,
    criteria: ['CC6.6'],
    rationale: 'CC6.6: the job runs inside the entity\'s network boundary, its traffic to AWS services through the VPC\'s endpoints and their policies.',
    severity: Severity.ERROR,
    finding: 'SageMaker pipeline has a training or processing step that does not run in a VPC (or a definition the pack cannot read).',
    fix: 'Set VpcConfig: { Subnets, SecurityGroupIds } on every Training step\'s arguments and NetworkConfig.VpcConfig on every Processing, QualityCheck and ClarifyCheck step, with the workload subnets and security group.',
  },
  {
    kind: 'resource',
    rule: SageMakerPipelineStepKms,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'CC6.1: the job\'s volumes (training data) and outputs (models, metrics) are encrypted under keys the entity controls and can revoke; C1.1: both hold confidential data.',
    severity: Severity.ERROR,
    finding: 'SageMaker pipeline has a training or processing step whose volumes or outputs are not encrypted with a customer-managed KMS key (or a definition the pack cannot read).',
    fix: 'Name your keys in every Training step (ResourceConfig.VolumeKmsKeyId, OutputDataConfig.KmsKeyId) and every Processing, QualityCheck and ClarifyCheck step (ProcessingResources.ClusterConfig.VolumeKmsKeyId, ProcessingOutputConfig.KmsKeyId) of the definition, not through a pipeline parameter.',
  },
  {
    kind: 'resource',
    rule: SageMakerPipelineStepTrafficEncryption,
    criteria: ['CC6.7'],
    rationale: 'CC6.7: data moving between the instances of a distributed job is encrypted in transit.',
    severity: Severity.ERROR,
    finding: 'SageMaker pipeline has a training or processing step that does not encrypt traffic between its instances (or a definition the pack cannot read).',
    fix: 'Set EnableInterContainerTrafficEncryption: true on every Training step\'s arguments and NetworkConfig.EnableInterContainerTrafficEncryption: true on every Processing, QualityCheck and ClarifyCheck step.',
  },
];
