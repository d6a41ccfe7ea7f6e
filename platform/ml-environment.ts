import * as logs from 'aws-cdk-lib/aws-logs';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { ContainerImageSigning } from '../constructs/container-image-signing';
import { DataClassification } from '../core/data-classification';
import { MlFeatureStore } from '../constructs/feature-store';
import { FeatureGroupDefinition } from '../constructs/feature-group-definition';
import { ImageRepository } from '../constructs/image-repository';
import { MlAccessScope } from '../constructs/ml-access-scope';
import { MlNetwork, MlNetworkProps } from '../constructs/ml-network';
import { MlPersonas } from '../constructs/ml-personas';
import { STUDIO_PERSONAS } from '../constructs/private/studio-personas';
import { MlStudio, StudioAuthMode, StudioUser } from '../constructs/ml-studio';
import { MlWorkloadRoles } from '../constructs/ml-workload-roles';
import { MlOperationsAlerts } from '../constructs/ml-operations-alerts';
import { ModelBuildPipeline } from '../constructs/model-build-pipeline';
import { ModelRegistry } from '../constructs/model-registry';
import { ModelQualityMinimums, ModelSignatureGate } from '../constructs/model-signature-gate';
import { ModelSigningKey } from '../constructs/model-signing-key';
import { MlPerson, Persona } from '../constructs/persona';
import { PersonaTrust } from '../constructs/persona-trust';
import { PlatformBackup } from '../constructs/platform-backup';
import { PlatformPermissionsBoundary } from '../constructs/platform-permissions-boundary';
import { PlatformKey } from '../constructs/platform-key';
import { addServiceStatementsToGivenKey } from '../constructs/private/key-policy';
import { KeyPurpose } from '../constructs/key-purpose';
import { replicationAcknowledgements } from '../constructs/private/nag-acknowledgements';
import { S3MalwareProtection } from '../constructs/s3-malware-protection';
import { SageMakerGuardrails } from '../constructs/sagemaker-guardrails';
import { ObjectLockMode, SecureBucket, SecureBucketObjectLock } from '../constructs/secure-bucket';
import { IncidentEvidenceStore, IncidentRunbooks } from '../constructs/incident-runbooks';
import { IncidentRouting, OnCallPerson } from '../constructs/incident-routing';
import { SecurityAlertTopic, SlackChannel } from '../constructs/security-alert-topic';
import { alertTopicDestinations } from '../settings/alert-settings';
import { ModelServing, ServedModelDefinition } from '../constructs/model-serving';
import { plannedCidr } from '../settings/network-plan';
import { validateEnvironmentName } from '../core/names';
import { constructIdOf } from '../core/construct-ids';
import { acknowledgeForPlatform } from '../core/acknowledgements';

/** The prop of each key an environment may bring, and what fails if its policy lacks the service statements. */
const BROUGHT_KEYS: Partial<Record<KeyPurpose, [string, string]>> = {
  [KeyPurpose.LOGS]: ['keys.logs', 'CloudWatch Logs cannot encrypt the environment\'s log groups and creating them fails'],
  [KeyPurpose.DATA]: ['keys.data', 'Amazon Macie cannot classify the objects under this key'],
  [KeyPurpose.MODELS]: ['keys.models', 'the services behind it cannot use it'],
};

/** How long forensic evidence stays locked in an environment's own incident-evidence bucket. */
const INCIDENT_EVIDENCE_RETENTION_DAYS = 365;

/** Keys an environment may bring instead of creating its own. */
export interface MlEnvironmentKeys {
  /** @default - a new data key */
  readonly data?: kms.IKey;
  /** @default - a new models key */
  readonly models?: kms.IKey;
  /** @default - a new logs key */
  readonly logs?: kms.IKey;
  /** @default - a new alerts key */
  readonly alerts?: kms.IKey;
}

export interface MlEnvironmentProps {
  /** The environment's name (`dev`, `staging`, `prod`), used in aliases and names. */
  readonly environmentName: string;

  /**
   * Whether the environment serves production.
   *
   * @default false
   */
  readonly production?: boolean;

  /**
   * Addresses that receive the environment's alerts.
   *
   * @default - none (subscribe later)
   */
  readonly alertEmails?: string[];

  /**
   * How long the environment's audit-relevant logs are kept: the VPC flow logs (unless
   * `network.flowLogRetention` says otherwise) and the model signature gate's function logs. At
   * least a year; `EnvironmentStack` passes its baseline's evidence retention.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly auditLogRetention?: logs.RetentionDays;

  /**
   * Slack channels that receive the environment's alerts through AWS Chatbot.
   *
   * @default - none
   */
  readonly alertSlackChannels?: SlackChannel[];

  /**
   * Existing SNS topics (ARNs, in this account and region) that receive every alert too: each is
   * reached through a queue subscribed to the alert topic and an EventBridge pipe
   * (`SecurityAlertTopic.forwardTo`).
   *
   * @default - none
   */
  readonly alertTopicArns?: string[];

  /**
   * Keys to use instead of new ones.
   *
   * @default - a new key per purpose
   */
  readonly keys?: MlEnvironmentKeys;

  /**
   * The environment's network: a new private VPC, or your own (`vpc`), with the endpoints
   * SageMaker needs and a flow log encrypted with the environment's logs key.
   *
   * @default - a new VPC with the environment's planned range (dev 10.10.0.0/16, staging
   * 10.20.0.0/16, prod 10.30.0.0/16, any other 10.0.0.0/16), two zones and every endpoint
   */
  readonly network?: MlNetworkProps;

  /**
   * The people of the environment and their personas (segregation of duties is checked at synth).
   * Each person holding a persona that works in Studio gets a user profile.
   *
   * @default - none
   */
  readonly people?: MlPerson[];

  /**
   * Who may assume the persona roles.
   *
   * @default PersonaTrust.ACCOUNT_WITH_MFA
   */
  readonly personaTrust?: PersonaTrust;

  /**
   * The feature groups of the environment's feature store.
   *
   * @default - none (the store is ready for them)
   */
  readonly featureGroups?: FeatureGroupDefinition[];

  /**
   * The model families, one model package group each in the registry.
   *
   * @default - none
   */
  readonly modelFamilies?: string[];

  /**
   * The minimum model-quality metrics of model families (`{ churn: { auc: 0.8 } }`). In a production
   * environment the model signature gate is a release gate: an approved version must also carry
   * model-quality statistics meeting these minimums and a bias report. Other environments check
   * signatures only.
   *
   * @default - no minimums (a production release still needs statistics and a bias report)
   */
  readonly modelQualityMinimums?: ModelQualityMinimums;

  /**
   * How people sign in to Studio.
   *
   * @default StudioAuthMode.IAM
   */
  readonly studioAuthMode?: StudioAuthMode;

  /**
   * Object Lock for the model-artifacts bucket (for example governance mode, 365 days). Set it when
   * the bucket is created; every writer must then send a Content-MD5 or checksum header.
   *
   * @default - no Object Lock
   */
  readonly modelArtifactsObjectLock?: SecureBucketObjectLock;

  /**
   * The model the environment serves, with its drift baseline and optional quality, bias and
   * explainability monitors: a `GuardedEndpoint` and `ModelMonitoring` (`serving`).
   *
   * @default - no endpoint
   */
  readonly model?: ServedModelDefinition;

  /**
   * Who is on call for the environment's incidents, in escalation order: every incident message
   * names them.
   *
   * @default - nobody (messages say no on-call list is configured)
   */
  readonly onCall?: OnCallPerson[];

  /**
   * The ARN of an AWS Systems Manager Incident Manager response plan the account already uses:
   * incidents also start there.
   *
   * @default - no Incident Manager
   */
  readonly incidentManagerResponsePlanArn?: string;

  /**
   * Where forensic evidence is copied and where each incident's record goes (for example the
   * account's evidence archive).
   *
   * @default - a bucket of the environment with Object Lock (governance mode, 365 days) for
   * forensic evidence; incidents are recorded by their alert and the trail only (the default app
   * gives each environment its account baseline's evidence archive)
   */
  readonly incidentEvidence?: IncidentEvidence;
}

/** Where an environment keeps the evidence of its incidents. */
export interface IncidentEvidence {
  /** Where the forensic runbook copies captured data, model artifacts and the trail window. */
  readonly store: IncidentEvidenceStore;
  /**
   * The queue each incident's record goes to: the evidence archive's `ingestQueue`.
   *
   * @default - no record beyond the alert and the trail
   */
  readonly recordQueue?: sqs.IQueue;
}

/** The keys an environment uses, one per purpose. */
export interface EnvironmentKeys {
  readonly data: kms.IKey;
  readonly models: kms.IKey;
  readonly logs: kms.IKey;
}

/**
 * One ML environment's platform: its keys, its alert topic, its access-log bucket, its data
 * stores, its private network, and ML access and data: persona roles with MFA and segregation of
 * duties, workload roles, a permissions boundary on every role, SageMaker guardrails, a Studio
 * domain, a feature store, image repositories and a model registry with approval; and model
 * builds: a build pipeline per model family (validated data, training, evaluation, bias analysis,
 * registration for approval); and model integrity: a signing key, the gate that rejects approved
 * versions whose signature does not
 * verify, and a signing profile for container images. Later parts of
 * the platform (serving, monitoring) are given what this exposes as props.
 */
export class MlEnvironment extends Construct {
  /** The environment's name. */
  public readonly environmentName: string;
  /** Whether the environment serves production. */
  public readonly production: boolean;
  /** How long the environment's audit-relevant logs are kept. */
  public readonly auditLogRetention: logs.RetentionDays;
  /** One key per purpose. */
  public readonly keys: EnvironmentKeys;
  /** Where the environment's alarms and security events go. */
  public readonly alertTopic: SecurityAlertTopic;
  /** The target of every bucket's server access logs. */
  public readonly accessLogs: AccessLogBucket;
  /** Curated training data (confidential). */
  public readonly trainingDataBucket: SecureBucket;
  /** Model artifacts (confidential). */
  public readonly modelArtifactsBucket: SecureBucket;
  /** The environment's private network: its VPC, workload subnets and workload security group. */
  public readonly network: MlNetwork;
  /** The permissions boundary of every role in the environment. */
  public readonly permissionsBoundary: PlatformPermissionsBoundary;
  /** The SageMaker guardrails attached to every role that creates SageMaker resources. */
  public readonly guardrails: SageMakerGuardrails;
  /** The feature store. */
  public readonly featureStore: MlFeatureStore;
  /** The model registry (its artifacts bucket is `modelArtifactsBucket`). */
  public readonly modelRegistry: ModelRegistry;
  /** GuardDuty Malware Protection for S3 on the buckets data and models enter through. */
  public readonly malwareProtection: S3MalwareProtection[];
  /** The service roles of training, model build, inference and monitoring. */
  public readonly workloadRoles: MlWorkloadRoles;
  /** The persona roles people assume, and the Studio execution roles. */
  public readonly personas: MlPersonas;
  /** Training images. */
  public readonly trainingImages: ImageRepository;
  /** Serving (inference) images. */
  public readonly servingImages: ImageRepository;
  /** The Studio domain and its user profiles. */
  public readonly studio: MlStudio;
  /** The key model artifacts are signed with: the model build role signs, every role may verify. */
  public readonly modelSigningKey: ModelSigningKey;
  /** The gate that rejects approved model versions whose signature does not verify (with `modelFamilies`). */
  public readonly modelSignatureGate?: ModelSignatureGate;
  /** The build pipeline of each model family (`<environment>-<family>-build`), by family. */
  public readonly buildPipelines: Readonly<Record<string, ModelBuildPipeline>>;
  /** The AWS Signer profile container images are signed with (by ML engineers, who push them). */
  public readonly imageSigning: ContainerImageSigning;
  /** Failed and stopped training, processing, transform and monitoring jobs, to the alert topic. */
  public readonly operationsAlerts: MlOperationsAlerts;
  /** The served model, its endpoint and its monitors (with `model`). */
  public readonly serving?: ModelServing;
  /** The incident runbooks (SSM Automation documents), started by the platform admin persona. */
  public readonly runbooks: IncidentRunbooks;
  /** The incident rules and the AWS Health rule. */
  public readonly incidentRouting: IncidentRouting;
  /** Where forensic evidence is copied. */
  public readonly incidentEvidenceStore: IncidentEvidenceStore;

  constructor(scope: Construct, id: string, props: MlEnvironmentProps) {
    super(scope, id);
    validateEnvironmentName(props.environmentName, 'environmentName');
    this.environmentName = props.environmentName;
    this.production = props.production ?? false;
    this.auditLogRetention = props.auditLogRetention ?? logs.RetentionDays.ONE_YEAR;

    this.keys = this.createKeys(props.keys);
    this.alertTopic = this.createAlertTopic(props);
    this.accessLogs = new AccessLogBucket(this, 'AccessLogs');
    [this.trainingDataBucket, this.modelArtifactsBucket] = this.createDataBuckets(props.modelArtifactsObjectLock);
    this.network = this.createNetwork(props.network);

    this.permissionsBoundary = this.createPermissionsBoundary();
    this.guardrails = this.createGuardrails();

    this.featureStore = this.createFeatureStore(props.featureGroups);
    this.modelRegistry = this.createModelRegistry(props.modelFamilies);
    this.malwareProtection = this.protectDataStores();

    const access = this.accessScope();
    this.workloadRoles = new MlWorkloadRoles(this, 'WorkloadRoles', { ...access, guardrails: this.guardrails });
    this.personas = this.createPersonas(access, props);
    [this.trainingImages, this.servingImages] = this.createImageRepositories();

    // Model integrity (PI1, CC8.1): the model build role (which runs the environment's pipelines)
    // signs artifacts, every role of the environment may verify, and approvals are checked.
    this.modelSigningKey = this.createModelSigningKey();
    if (this.modelRegistry.groupArns.length > 0) {
      this.modelSignatureGate = this.createModelSignatureGate(props.modelQualityMinimums);
    }
    this.buildPipelines = this.createBuildPipelines();
    this.imageSigning = new ContainerImageSigning(this, 'ImageSigning', { signers: this.engineers() });

    this.operationsAlerts = this.createOperationsAlerts();
    if (props.model) {
      this.serving = this.createServing(props.model);
    }
    this.studio = this.createStudio(props.studioAuthMode);
    this.incidentEvidenceStore = props.incidentEvidence?.store ?? this.createIncidentEvidenceBucket();
    this.runbooks = this.createRunbooks();
    this.incidentRouting = this.createIncidentRouting(props);
    this.acknowledgeSingleRegion();
  }

  private createKeys(given: MlEnvironmentKeys | undefined): EnvironmentKeys {
    const key = (purpose: KeyPurpose, bring: kms.IKey | undefined, keyId: string) => {
      if (!bring) {
        return new PlatformKey(this, keyId, { purpose, environmentName: this.environmentName }).key;
      }
      // A brought key needs what the services behind its purpose need, as a new key has.
      const [prop, withoutThem] = BROUGHT_KEYS[purpose] ?? [`keys.${keyId}`, 'the services behind it cannot use it'];
      addServiceStatementsToGivenKey(this, bring, purpose, prop, withoutThem);
      return bring;
    };
    return {
      data: key(KeyPurpose.DATA, given?.data, 'DataKey'),
      models: key(KeyPurpose.MODELS, given?.models, 'ModelsKey'),
      logs: key(KeyPurpose.LOGS, given?.logs, 'LogsKey'),
    };
  }

  private createAlertTopic(props: MlEnvironmentProps): SecurityAlertTopic {
    return new SecurityAlertTopic(this, 'Alerts', {
      environmentName: this.environmentName,
      encryptionKey: props.keys?.alerts,
      ...alertTopicDestinations(props),
      displayName: `SOC 2 ML alerts (${this.environmentName})`,
    });
  }

  /** The training-data and model-artifacts buckets, in that order. */
  private createDataBuckets(objectLock: SecureBucketObjectLock | undefined): [SecureBucket, SecureBucket] {
    const trainingData = new SecureBucket(this, 'TrainingData', {
      dataClassification: DataClassification.CONFIDENTIAL,
      encryptionKey: this.keys.data,
      accessLogsBucket: this.accessLogs.bucket,
    });
    const modelArtifacts = new SecureBucket(this, 'ModelArtifacts', {
      dataClassification: DataClassification.CONFIDENTIAL,
      encryptionKey: this.keys.models,
      accessLogsBucket: this.accessLogs.bucket,
      objectLock,
    });
    return [trainingData, modelArtifacts];
  }

  private createNetwork(network: MlNetworkProps | undefined): MlNetwork {
    return new MlNetwork(this, 'Network', {
      ...network,
      cidr: network?.cidr ?? (network?.vpc ? undefined : plannedCidr(this.environmentName)),
      flowLogEncryptionKey: network?.flowLogEncryptionKey ?? this.keys.logs,
      flowLogRetention: network?.flowLogRetention ?? this.auditLogRetention,
    });
  }

  private createPermissionsBoundary(): PlatformPermissionsBoundary {
    const boundary = new PlatformPermissionsBoundary(this, 'PermissionsBoundary', { environmentName: this.environmentName });
    boundary.applyTo(this);
    return boundary;
  }

  private createGuardrails(): SageMakerGuardrails {
    return new SageMakerGuardrails(this, 'SageMakerGuardrails', {
      subnets: this.subnets,
      securityGroups: [this.securityGroup],
      volumeKeys: [this.keys.data, this.keys.models],
      outputKeys: [this.keys.data, this.keys.models],
    });
  }

  private createFeatureStore(featureGroups: FeatureGroupDefinition[] | undefined): MlFeatureStore {
    return new MlFeatureStore(this, 'FeatureStore', {
      environmentName: this.environmentName,
      featureGroups,
      encryptionKey: this.keys.data,
      accessLogsBucket: this.accessLogs.bucket,
    });
  }

  private createModelRegistry(modelFamilies: string[] | undefined): ModelRegistry {
    return new ModelRegistry(this, 'ModelRegistry', {
      environmentName: this.environmentName,
      modelFamilies,
      alerts: this.alertTopic,
      artifactsBucket: this.modelArtifactsBucket,
    });
  }

  /** Malware protection on the buckets data and models enter through, and backup of every store. */
  private protectDataStores(): S3MalwareProtection[] {
    // Uploaded data and model artifacts are scanned for malware as they arrive. The plans live
    // here, beside their buckets: the account baseline cannot name them without a reference back
    // to this stack.
    const malwareProtection = [
      new S3MalwareProtection(this, 'TrainingDataMalwareProtection', { bucket: this.trainingDataBucket.bucket, alertTopic: this.alertTopic }),
      new S3MalwareProtection(this, 'ModelArtifactsMalwareProtection', { bucket: this.modelArtifactsBucket.bucket, alertTopic: this.alertTopic }),
    ];
    // The stores the platform holds are backed up daily by the account baseline's plan.
    for (const store of [this.trainingDataBucket, this.modelArtifactsBucket, this.featureStore.offlineStoreBucket]) {
      PlatformBackup.markForBackup(store.bucket);
    }
    return malwareProtection;
  }

  /** What the workload and persona roles may reach. */
  private accessScope(): MlAccessScope {
    return {
      environmentName: this.environmentName,
      trainingDataBucket: this.trainingDataBucket.bucket,
      modelArtifactsBucket: this.modelArtifactsBucket.bucket,
      featureStoreBucket: this.featureStore.offlineStoreBucket.bucket,
      featureGroupArns: this.featureStore.featureGroupArns,
      dataKey: this.keys.data,
      modelsKey: this.keys.models,
      subnets: this.subnets,
      securityGroup: this.securityGroup,
    };
  }

  private createPersonas(access: MlAccessScope, props: MlEnvironmentProps): MlPersonas {
    return new MlPersonas(this, 'Personas', {
      ...access,
      people: props.people,
      trust: props.personaTrust,
      production: this.production,
      guardrails: this.guardrails,
      trainingRole: this.workloadRoles.training,
      modelBuildRole: this.workloadRoles.modelBuild,
      inferenceRole: this.workloadRoles.inference,
      monitoringRole: this.workloadRoles.monitoring,
      alerts: this.alertTopic,
    });
  }

  /** The training and serving image repositories, in that order. */
  private createImageRepositories(): [ImageRepository, ImageRepository] {
    const env = this.environmentName;
    const training = new ImageRepository(this, 'TrainingImages', {
      repositoryName: `soc2ml/${env}/training`,
      encryptionKey: this.keys.models,
      pullers: [this.workloadRoles.training, this.workloadRoles.modelBuild, this.workloadRoles.monitoring, this.studioRole(Persona.DATA_SCIENTIST)],
      pushers: this.engineers(),
    });
    const serving = new ImageRepository(this, 'ServingImages', {
      repositoryName: `soc2ml/${env}/serving`,
      encryptionKey: this.keys.models,
      pullers: [this.workloadRoles.inference, this.workloadRoles.modelBuild],
      pushers: this.engineers(),
    });
    return [training, serving];
  }

  private createModelSigningKey(): ModelSigningKey {
    const w = this.workloadRoles;
    return new ModelSigningKey(this, 'ModelSigningKey', {
      environmentName: this.environmentName,
      signers: [w.modelBuild],
      verifiers: [
        w.training, w.inference, w.monitoring,
        ...[Persona.DATA_SCIENTIST, Persona.ML_ENGINEER, Persona.MODEL_APPROVER, Persona.AUDITOR].map((p) => this.personas.role(p)),
        ...STUDIO_PERSONAS.map((p) => this.studioRole(p)),
      ],
    });
  }

  private createModelSignatureGate(qualityMinimums: ModelQualityMinimums | undefined): ModelSignatureGate {
    return new ModelSignatureGate(this, 'ModelSignatureGate', {
      // Production releases need quality and fairness evidence; elsewhere versions are experiments.
      releaseChecks: this.production ? { qualityMinimums } : undefined,
      registry: this.modelRegistry,
      signingKey: this.modelSigningKey,
      alertTopic: this.alertTopic,
      vpc: this.network.vpc,
      subnets: this.subnets,
      securityGroup: this.securityGroup,
      encryptionKey: this.keys.models,
      logEncryptionKey: this.keys.logs,
      logRetention: this.auditLogRetention,
    });
  }

  /** A build pipeline per model family, under the workload roles, in the workload network, with the environment's keys. */
  private createBuildPipelines(): Record<string, ModelBuildPipeline> {
    const w = this.workloadRoles;
    return Object.fromEntries(Object.keys(this.modelRegistry.modelPackageGroups).map((family) => [family, new ModelBuildPipeline(this, `${constructIdOf(family)}BuildPipeline`, {
      registry: this.modelRegistry,
      family,
      trainingDataBucket: this.trainingDataBucket.bucket,
      subnets: this.subnets,
      securityGroup: this.securityGroup,
      volumeKey: this.keys.data,
      outputKey: this.keys.models,
      pipelineRole: w.modelBuild,
      trainingRole: w.training,
      monitoringRole: w.monitoring,
    })]));
  }

  private createOperationsAlerts(): MlOperationsAlerts {
    return new MlOperationsAlerts(this, 'OperationsAlerts', {
      environmentName: this.environmentName,
      alerts: this.alertTopic,
      jobRoles: [this.workloadRoles.training, this.workloadRoles.modelBuild, this.workloadRoles.monitoring],
    });
  }

  private createServing(model: ServedModelDefinition): ModelServing {
    return new ModelServing(this, 'Serving', {
      environmentName: this.environmentName,
      production: this.production,
      model,
      subnets: this.subnets,
      securityGroup: this.securityGroup,
      dataKey: this.keys.data,
      modelsKey: this.keys.models,
      logsKey: this.keys.logs,
      logRetention: this.auditLogRetention,
      inferenceRole: this.workloadRoles.inference,
      monitoringRole: this.workloadRoles.monitoring,
      alerts: this.alertTopic,
      modelArtifactsBucket: this.modelArtifactsBucket.bucket,
      trainingDataBucket: this.trainingDataBucket.bucket,
      accessLogsBucket: this.accessLogs.bucket,
      servingImages: this.servingImages.repository,
    });
  }

  /** The environment's own locked bucket for forensic evidence, where no archive is given. */
  private createIncidentEvidenceBucket(): IncidentEvidenceStore {
    const bucket = new SecureBucket(this, 'IncidentEvidence', {
      dataClassification: DataClassification.CONFIDENTIAL,
      containsPersonalData: true,
      encryptionKey: this.keys.data,
      accessLogsBucket: this.accessLogs.bucket,
      objectLock: { mode: ObjectLockMode.GOVERNANCE, defaultRetentionDays: INCIDENT_EVIDENCE_RETENTION_DAYS },
    });
    return { bucket: bucket.bucket, encryptionKey: this.keys.data };
  }

  /** The five runbooks, acting on this environment's endpoints, personas and data; the platform admin starts them. */
  private createRunbooks(): IncidentRunbooks {
    const personas = Object.values(Persona);
    const capture = this.serving ? [this.serving.captureBucket.bucket] : [];
    return new IncidentRunbooks(this, 'Runbooks', {
      environmentName: this.environmentName,
      endpointKeys: [this.keys.models, this.keys.data],
      invokePolicies: this.serving ? [this.serving.invokePolicy] : undefined,
      personaRoles: [
        ...personas.map((p) => this.personas.role(p)),
        ...personas.flatMap((p) => this.personas.executionRole(p) ?? []),
      ],
      dataBuckets: [this.trainingDataBucket.bucket, this.modelArtifactsBucket.bucket, this.featureStore.offlineStoreBucket.bucket, ...capture],
      forensicSourceBuckets: [this.modelArtifactsBucket.bucket, ...capture],
      forensicSourceKeys: [this.keys.models, this.keys.data],
      evidenceStore: this.incidentEvidenceStore,
      responders: [this.personas.role(Persona.PLATFORM_ADMIN)],
    });
  }

  private createIncidentRouting(props: MlEnvironmentProps): IncidentRouting {
    return new IncidentRouting(this, 'IncidentRouting', {
      environmentName: this.environmentName,
      alerts: this.alertTopic,
      runbooks: this.runbooks,
      onCall: props.onCall,
      rollbackAlarms: this.serving?.endpoint.rollbackAlarms,
      recordQueue: props.incidentEvidence?.recordQueue,
      incidentManagerResponsePlanArn: props.incidentManagerResponsePlanArn,
    });
  }

  private createStudio(authMode: StudioAuthMode | undefined): MlStudio {
    // A person works in Studio as the first of their personas that uses Studio.
    const users: StudioUser[] = this.personas.people.flatMap((person) => {
      const persona = person.personas.find((p) => STUDIO_PERSONAS.includes(p));
      return persona === undefined ? [] : [{
        name: person.name,
        persona,
        executionRole: this.studioRole(persona),
        signInRole: this.personas.role(persona),
      }];
    });
    return new MlStudio(this, 'Studio', {
      environmentName: this.environmentName,
      vpc: this.network.vpc,
      subnets: this.subnets,
      securityGroup: this.securityGroup,
      encryptionKey: this.keys.data,
      defaultExecutionRole: this.studioRole(Persona.DATA_SCIENTIST),
      users,
      authMode,
    });
  }

  // Every bucket of the environment shares this cause, so it is acknowledged here.
  private acknowledgeSingleRegion(): void {
    const replicationReason = 'Each environment is deployed to one region by design: the data-residency scope of the audit is that region. Durability and recovery come from S3 within the region, versioning with noncurrent-version retention, and retention of every bucket on stack deletion; SecureBucket offers cross-region replication where a second region is approved.';
    acknowledgeForPlatform(this, ...replicationAcknowledgements(replicationReason));
  }

  private get subnets(): ec2.ISubnet[] {
    return this.network.workloadSubnets.subnets;
  }

  private get securityGroup(): ec2.SecurityGroup {
    return this.network.workloadSecurityGroup;
  }

  /** The Studio execution role of a persona that works in Studio. */
  private studioRole(persona: Persona): iam.Role {
    return this.personas.executionRole(persona)!;
  }

  /** Who pushes images and signs them: ML engineers, as themselves and in Studio. */
  private engineers(): iam.Role[] {
    return [this.personas.role(Persona.ML_ENGINEER), this.studioRole(Persona.ML_ENGINEER)];
  }
}
