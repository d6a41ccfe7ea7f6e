import { Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
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
import { ModelRegistry } from '../constructs/model-registry';
import { ModelSignatureGate } from '../constructs/model-signature-gate';
import { ModelSigningKey } from '../constructs/model-signing-key';
import { MlPerson, Persona } from '../constructs/persona';
import { PersonaTrust } from '../constructs/persona-trust';
import { PlatformBackup } from '../constructs/platform-backup';
import { PlatformPermissionsBoundary } from '../constructs/platform-permissions-boundary';
import { PlatformKey } from '../constructs/platform-key';
import { KeyPurpose } from '../constructs/key-purpose';
import { replicationAcknowledgements } from '../constructs/private/nag-acknowledgements';
import { S3MalwareProtection } from '../constructs/s3-malware-protection';
import { SageMakerGuardrails } from '../constructs/sagemaker-guardrails';
import { SecureBucket, SecureBucketObjectLock } from '../constructs/secure-bucket';
import { SecurityAlertTopic } from '../constructs/security-alert-topic';
import { ModelServing, ServedModelDefinition } from '../constructs/model-serving';
import { plannedCidr } from '../settings/network-plan';
import { validateEnvironmentName } from '../core/names';

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
 * integrity: a signing key, the gate that rejects approved versions whose signature does not
 * verify, and a signing profile for container images. Later parts of
 * the platform (serving, monitoring) are given what this exposes as props.
 */
export class MlEnvironment extends Construct {
  /** The environment's name. */
  public readonly environmentName: string;
  /** Whether the environment serves production. */
  public readonly production: boolean;
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
  /** The AWS Signer profile container images are signed with (by ML engineers, who push them). */
  public readonly imageSigning: ContainerImageSigning;
  /** Failed and stopped training, processing, transform and monitoring jobs, to the alert topic. */
  public readonly operationsAlerts: MlOperationsAlerts;
  /** The served model, its endpoint and its monitors (with `model`). */
  public readonly serving?: ModelServing;

  constructor(scope: Construct, id: string, props: MlEnvironmentProps) {
    super(scope, id);
    validateEnvironmentName(props.environmentName, 'environmentName');
    this.environmentName = props.environmentName;
    this.production = props.production ?? false;

    const env = props.environmentName;
    const key = (purpose: KeyPurpose, given: kms.IKey | undefined, keyId: string) =>
      given ?? new PlatformKey(this, keyId, { purpose, environmentName: env }).key;
    this.keys = {
      data: key(KeyPurpose.DATA, props.keys?.data, 'DataKey'),
      models: key(KeyPurpose.MODELS, props.keys?.models, 'ModelsKey'),
      logs: key(KeyPurpose.LOGS, props.keys?.logs, 'LogsKey'),
    };

    this.alertTopic = new SecurityAlertTopic(this, 'Alerts', {
      environmentName: env,
      encryptionKey: props.keys?.alerts,
      emailAddresses: props.alertEmails,
      displayName: `SOC 2 ML alerts (${env})`,
    });

    this.accessLogs = new AccessLogBucket(this, 'AccessLogs');
    this.trainingDataBucket = new SecureBucket(this, 'TrainingData', {
      dataClassification: DataClassification.CONFIDENTIAL,
      encryptionKey: this.keys.data,
      accessLogsBucket: this.accessLogs.bucket,
    });
    this.modelArtifactsBucket = new SecureBucket(this, 'ModelArtifacts', {
      dataClassification: DataClassification.CONFIDENTIAL,
      encryptionKey: this.keys.models,
      accessLogsBucket: this.accessLogs.bucket,
      objectLock: props.modelArtifactsObjectLock,
    });

    this.network = new MlNetwork(this, 'Network', {
      ...props.network,
      cidr: props.network?.cidr ?? (props.network?.vpc ? undefined : plannedCidr(env)),
      flowLogEncryptionKey: props.network?.flowLogEncryptionKey ?? this.keys.logs,
    });
    const subnets = this.network.workloadSubnets.subnets;
    const securityGroup = this.network.workloadSecurityGroup;

    this.permissionsBoundary = new PlatformPermissionsBoundary(this, 'PermissionsBoundary', { environmentName: env });
    this.permissionsBoundary.applyTo(this);
    this.guardrails = new SageMakerGuardrails(this, 'SageMakerGuardrails', {
      subnets,
      securityGroups: [securityGroup],
      volumeKeys: [this.keys.data, this.keys.models],
      outputKeys: [this.keys.data, this.keys.models],
    });

    this.featureStore = new MlFeatureStore(this, 'FeatureStore', {
      environmentName: env,
      featureGroups: props.featureGroups,
      encryptionKey: this.keys.data,
      accessLogsBucket: this.accessLogs.bucket,
    });
    this.modelRegistry = new ModelRegistry(this, 'ModelRegistry', {
      environmentName: env,
      modelFamilies: props.modelFamilies,
      alerts: this.alertTopic,
      artifactsBucket: this.modelArtifactsBucket,
    });

    // Uploaded data and model artifacts are scanned for malware as they arrive. The plans live
    // here, beside their buckets: the account baseline cannot name them without a reference back
    // to this stack.
    this.malwareProtection = [
      new S3MalwareProtection(this, 'TrainingDataMalwareProtection', { bucket: this.trainingDataBucket.bucket, alertTopic: this.alertTopic }),
      new S3MalwareProtection(this, 'ModelArtifactsMalwareProtection', { bucket: this.modelArtifactsBucket.bucket, alertTopic: this.alertTopic }),
    ];
    // The stores the platform holds are backed up daily by the account baseline's plan.
    for (const store of [this.trainingDataBucket, this.modelArtifactsBucket, this.featureStore.offlineStoreBucket]) {
      PlatformBackup.markForBackup(store.bucket);
    }

    const access: MlAccessScope = {
      environmentName: env,
      trainingDataBucket: this.trainingDataBucket.bucket,
      modelArtifactsBucket: this.modelArtifactsBucket.bucket,
      featureStoreBucket: this.featureStore.offlineStoreBucket.bucket,
      featureGroupArns: this.featureStore.featureGroupArns,
      dataKey: this.keys.data,
      modelsKey: this.keys.models,
      subnets,
      securityGroup,
    };
    this.workloadRoles = new MlWorkloadRoles(this, 'WorkloadRoles', { ...access, guardrails: this.guardrails });
    this.personas = new MlPersonas(this, 'Personas', {
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

    const studioRole = (p: Persona) => this.personas.executionRole(p)!;
    const engineers = [this.personas.role(Persona.ML_ENGINEER), studioRole(Persona.ML_ENGINEER)];
    this.trainingImages = new ImageRepository(this, 'TrainingImages', {
      repositoryName: `soc2ml/${env}/training`,
      encryptionKey: this.keys.models,
      pullers: [this.workloadRoles.training, this.workloadRoles.modelBuild, this.workloadRoles.monitoring, studioRole(Persona.DATA_SCIENTIST)],
      pushers: engineers,
    });
    this.servingImages = new ImageRepository(this, 'ServingImages', {
      repositoryName: `soc2ml/${env}/serving`,
      encryptionKey: this.keys.models,
      pullers: [this.workloadRoles.inference, this.workloadRoles.modelBuild],
      pushers: engineers,
    });

    // Model integrity (PI1, CC8.1): the model build role (which runs the environment's pipelines)
    // signs artifacts, every role of the environment may verify, and approvals are checked.
    const w = this.workloadRoles;
    this.modelSigningKey = new ModelSigningKey(this, 'ModelSigningKey', {
      environmentName: env,
      signers: [w.modelBuild],
      verifiers: [
        w.training, w.inference, w.monitoring,
        ...[Persona.DATA_SCIENTIST, Persona.ML_ENGINEER, Persona.MODEL_APPROVER, Persona.AUDITOR].map((p) => this.personas.role(p)),
        ...STUDIO_PERSONAS.map(studioRole),
      ],
    });
    if (this.modelRegistry.groupArns.length > 0) {
      this.modelSignatureGate = new ModelSignatureGate(this, 'ModelSignatureGate', {
        registry: this.modelRegistry,
        signingKey: this.modelSigningKey,
        alertTopic: this.alertTopic,
        vpc: this.network.vpc,
        subnets,
        securityGroup,
        encryptionKey: this.keys.models,
        logEncryptionKey: this.keys.logs,
      });
    }
    this.imageSigning = new ContainerImageSigning(this, 'ImageSigning', { signers: engineers });

    this.operationsAlerts = new MlOperationsAlerts(this, 'OperationsAlerts', {
      environmentName: env,
      alerts: this.alertTopic,
      jobRoles: [this.workloadRoles.training, this.workloadRoles.modelBuild, this.workloadRoles.monitoring],
    });
    if (props.model) {
      this.serving = new ModelServing(this, 'Serving', {
        environmentName: env,
        production: this.production,
        model: props.model,
        subnets,
        securityGroup,
        dataKey: this.keys.data,
        modelsKey: this.keys.models,
        inferenceRole: this.workloadRoles.inference,
        monitoringRole: this.workloadRoles.monitoring,
        alerts: this.alertTopic,
        modelArtifactsBucket: this.modelArtifactsBucket.bucket,
        trainingDataBucket: this.trainingDataBucket.bucket,
        accessLogsBucket: this.accessLogs.bucket,
        servingImages: this.servingImages.repository,
      });
    }

    // A person works in Studio as the first of their personas that uses Studio.
    const users: StudioUser[] = this.personas.people.flatMap((person) => {
      const persona = person.personas.find((p) => STUDIO_PERSONAS.includes(p));
      return persona === undefined ? [] : [{
        name: person.name,
        persona,
        executionRole: studioRole(persona),
        signInRole: this.personas.role(persona),
      }];
    });
    this.studio = new MlStudio(this, 'Studio', {
      environmentName: env,
      vpc: this.network.vpc,
      subnets,
      securityGroup,
      encryptionKey: this.keys.data,
      defaultExecutionRole: studioRole(Persona.DATA_SCIENTIST),
      users,
      authMode: props.studioAuthMode,
    });

    // Every bucket of the environment shares this cause, so it is acknowledged here.
    const replicationReason = 'Each environment is deployed to one region by design: the data-residency scope of the audit is that region. Durability and recovery come from S3 within the region, versioning with noncurrent-version retention, and retention of every bucket on stack deletion; SecureBucket offers cross-region replication where a second region is approved.';
    Validations.of(this).acknowledge(...replicationAcknowledgements(replicationReason));
  }
}
