import { Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { DataClassification } from '../constructs/data-classification';
import { MlNetwork, MlNetworkProps } from '../constructs/ml-network';
import { KeyPurpose, PlatformKey } from '../constructs/platform-key';
import { SecureBucket } from '../constructs/secure-bucket';
import { SecurityAlertTopic } from '../constructs/security-alert-topic';
import { plannedCidr } from './network-plan';

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
}

/** The keys an environment uses, one per purpose. */
export interface EnvironmentKeys {
  readonly data: kms.IKey;
  readonly models: kms.IKey;
  readonly logs: kms.IKey;
}

/**
 * One ML environment's platform: its keys, its alert topic, its access-log bucket, its data
 * stores and its private network. Later parts of the platform (personas, registry, serving) are
 * given what this exposes as props.
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

  constructor(scope: Construct, id: string, props: MlEnvironmentProps) {
    super(scope, id);
    PlatformKey.validateEnvironmentName(props.environmentName, 'environmentName');
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
    });

    this.network = new MlNetwork(this, 'Network', {
      ...props.network,
      cidr: props.network?.cidr ?? (props.network?.vpc ? undefined : plannedCidr(env)),
      flowLogEncryptionKey: props.network?.flowLogEncryptionKey ?? this.keys.logs,
    });

    // Every bucket of the environment shares this cause, so it is acknowledged here.
    const replicationReason = 'Each environment is deployed to one region by design: the data-residency scope of the audit is that region. Durability and recovery come from S3 within the region, versioning with noncurrent-version retention, and retention of every bucket on stack deletion; SecureBucket offers cross-region replication where a second region is approved.';
    Validations.of(this).acknowledge(
      { id: 'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled', reason: replicationReason },
      { id: 'HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled', reason: replicationReason },
      { id: 'PCI.DSS.321::PCI.DSS.321-S3BucketReplicationEnabled', reason: replicationReason },
    );
  }
}
