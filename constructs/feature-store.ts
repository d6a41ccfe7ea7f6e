import { Aws, CfnDeletionPolicy, Stack, Tags, Token } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';
import { allClassifications, assertDataClassification, DataClassification, isConfidentialOrAbove } from '../core/data-classification';
import { KeyPurpose, PlatformKey } from './platform-key';
import { TagKeys } from '../core/tags';
import { acknowledgeRoleWildcards } from './private/role-acknowledgements';
import { SecureBucket } from './secure-bucket';
import { validateEnvironmentName } from '../core/names';
import { constructIdOf } from '../core/construct-ids';

/** The type of a feature's values. */
export enum FeatureType {
  /** Whole numbers (64-bit). */
  INTEGRAL = 'Integral',
  /** Floating-point numbers; an event time of this type is a Unix timestamp in seconds. */
  FRACTIONAL = 'Fractional',
  /** Text; an event time of this type is an ISO-8601 timestamp. */
  STRING = 'String',
}

/** One feature of a feature group. */
export interface FeatureDefinition {
  /** The feature's name (letters, digits, `_` and `-`, starting and ending with a letter or digit, at most 64). */
  readonly name: string;
  /** The type of its values. */
  readonly type: FeatureType;
}

/** A feature group: its schema and how it is classified. */
export interface FeatureGroupDefinition {
  /** The group's name within the environment; the feature group is named `<environment>-<name>`. */
  readonly name: string;
  /** The features (the schema). */
  readonly features: FeatureDefinition[];
  /** The feature whose value identifies a record. */
  readonly recordIdentifier: string;
  /** The feature holding each record's event time (`Fractional` or `String`). */
  readonly eventTime: string;
  /** What the group is for. @default - none */
  readonly description?: string;
  /**
   * How sensitive the features are (the `DataClassification` tag).
   *
   * @default DataClassification.CONFIDENTIAL
   */
  readonly dataClassification?: DataClassification;
  /**
   * Whether the features hold personal data (requires confidential or restricted).
   *
   * @default false
   */
  readonly containsPersonalData?: boolean;
  /**
   * Whether the group has an online store (low-latency reads for inference) besides the offline store.
   *
   * @default true
   */
  readonly onlineStore?: boolean;
}

export interface MlFeatureStoreProps {
  /** The environment, used in names: feature groups `<environment>-<name>`, Glue database `soc2ml_<environment>_features`. */
  readonly environmentName: string;

  /** The feature groups. @default - none (the store's bucket, database and role are ready for them) */
  readonly featureGroups?: FeatureGroupDefinition[];

  /**
   * The key that encrypts the online store and the offline store's objects.
   *
   * @default - a new `PlatformKey` for data
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The lowest classification of the offline store's bucket; the bucket is classified as the
   * most sensitive of this and its groups.
   *
   * @default DataClassification.CONFIDENTIAL
   */
  readonly dataClassification?: DataClassification;

  /**
   * Where the offline store bucket's server access logs go.
   *
   * @default - the stack's shared `AccessLogBucket`
   */
  readonly accessLogsBucket?: s3.IBucket;
}

// SageMaker adds these to every record; a feature of the same name is refused.
const RESERVED_FEATURE_NAMES = ['is_deleted', 'write_time', 'api_invocation_time'];
const FEATURE_NAME = /^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$/;
const GROUP_NAME = /^[a-zA-Z0-9]([-_]*[a-zA-Z0-9])*$/;
const MAX_GROUP_NAME = 64;
const EVENT_TIME_TYPES: readonly string[] = [FeatureType.FRACTIONAL, FeatureType.STRING];
const OFFLINE_PREFIX = 'offline-store';

/**
 * SageMaker Feature Store for one environment: feature groups from definitions (schema, record
 * identifier, event time), each with an online store encrypted with a customer-managed key and an
 * offline store on a `SecureBucket` (confidential by default) with the same key, catalogued in a
 * Glue database, tagged with its classification, and retained.
 */
export class MlFeatureStore extends Construct {
  /** The offline store's bucket. */
  public readonly offlineStoreBucket: SecureBucket;
  /** The key of the online and offline stores. */
  public readonly encryptionKey: kms.IKey;
  /** The Glue database that catalogues the offline store. */
  public readonly database: glue.CfnDatabase;
  /** The role Feature Store uses to write the offline store. */
  public readonly offlineStoreRole: iam.Role;
  /** The feature groups, by definition name. */
  public readonly featureGroups: Readonly<Record<string, sagemaker.CfnFeatureGroup>>;
  /** The ARNs of the feature groups. */
  public readonly featureGroupArns: string[];

  constructor(scope: Construct, id: string, props: MlFeatureStoreProps) {
    super(scope, id);
    validateEnvironmentName(props?.environmentName, 'environmentName');
    const env = props.environmentName;
    const definitions = props.featureGroups ?? [];
    const minimum = props.dataClassification ?? DataClassification.CONFIDENTIAL;
    assertDataClassification(minimum, 'dataClassification');
    validateFeatureGroups(definitions, 'featureGroups', env);

    const order = allClassifications();
    const classification = definitions
      .map((d) => d.dataClassification ?? DataClassification.CONFIDENTIAL)
      .reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a), minimum);

    this.encryptionKey = props.encryptionKey ?? new PlatformKey(this, 'Key', { purpose: KeyPurpose.DATA, environmentName: env }).key;
    this.offlineStoreBucket = new SecureBucket(this, 'OfflineStore', {
      dataClassification: classification,
      containsPersonalData: definitions.some((d) => d.containsPersonalData === true),
      encryptionKey: this.encryptionKey,
      accessLogsBucket: props.accessLogsBucket,
    });

    const databaseName = `soc2ml_${env.replace(/-/g, '_')}_features`;
    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: databaseName, description: `cdk-soc2-ml offline feature store of the ${env} environment` },
    });

    this.offlineStoreRole = new iam.Role(this, 'OfflineStoreRole', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: `Feature Store writes the ${env} offline store with this role`,
    });
    const bucket = this.offlineStoreBucket.bucket;
    const offlineObjects = bucket.arnForObjects(`${OFFLINE_PREFIX}/*`);
    const rolePolicy = new iam.ManagedPolicy(this, 'OfflineStorePolicy', {
      roles: [this.offlineStoreRole],
      statements: [
        new iam.PolicyStatement({ sid: 'WriteOfflineStore', actions: ['s3:PutObject', 's3:GetObject', 's3:PutObjectAcl'], resources: [offlineObjects] }),
        new iam.PolicyStatement({ sid: 'ReadBucketSettings', actions: ['s3:GetBucketAcl', 's3:ListBucket'], resources: [bucket.bucketArn] }),
        new iam.PolicyStatement({ sid: 'EncryptOfflineStore', actions: ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:DescribeKey'], resources: [this.encryptionKey.keyArn] }),
      ],
    });

    acknowledgeRoleWildcards(rolePolicy);

    const stack = Stack.of(this);
    const groups: Record<string, sagemaker.CfnFeatureGroup> = {};
    this.featureGroupArns = [];
    for (const d of definitions) {
      const groupName = `${env}-${d.name}`;
      const group = new sagemaker.CfnFeatureGroup(this, `${constructIdOf(d.name)}FeatureGroup`, {
        featureGroupName: groupName,
        description: d.description,
        recordIdentifierFeatureName: d.recordIdentifier,
        eventTimeFeatureName: d.eventTime,
        featureDefinitions: d.features.map((f) => ({ featureName: f.name, featureType: f.type })),
        // Untyped in CloudFormation's resource specification: CloudFormation's own key names.
        onlineStoreConfig: (d.onlineStore ?? true)
          ? { EnableOnlineStore: true, SecurityConfig: { KmsKeyId: this.encryptionKey.keyArn } }
          : undefined,
        offlineStoreConfig: {
          S3StorageConfig: { S3Uri: bucket.s3UrlForObject(OFFLINE_PREFIX), KmsKeyId: this.encryptionKey.keyArn },
          DisableGlueTableCreation: false,
          DataCatalogConfig: { Catalog: 'AwsDataCatalog', Database: databaseName, TableName: groupName.toLowerCase().replace(/-/g, '_') },
        },
        roleArn: this.offlineStoreRole.roleArn,
      });
      group.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
      group.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
      group.node.addDependency(this.database);
      group.node.addDependency(rolePolicy);
      Tags.of(group).add(TagKeys.DATA_CLASSIFICATION, d.dataClassification ?? DataClassification.CONFIDENTIAL);
      Tags.of(group).add(TagKeys.PERSONAL_DATA, d.containsPersonalData ? 'true' : 'false');
      groups[d.name] = group;
      this.featureGroupArns.push(stack.formatArn({ service: 'sagemaker', resource: 'feature-group', resourceName: groupName.toLowerCase() }));
    }
    this.featureGroups = groups;
  }
}

/**
 * Check feature group definitions that may come from JSON (names, schema, identifier and event
 * time in the schema, types), naming the bad value and its fix.
 */
export function validateFeatureGroups(definitions: readonly FeatureGroupDefinition[], propName: string, environmentName: string): void {
  if (!Array.isArray(definitions)) {
    throw new Error(`${propName} is ${JSON.stringify(definitions)}: pass a list of feature group definitions.`);
  }
  definitions.forEach((d, i) => validateDefinition(d, `${propName}[${i}]`, environmentName));
  const names = definitions.map((d) => d.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) {
    throw new Error(`${propName} names "${duplicate}" twice: give each feature group its own name.`);
  }
}

function validateDefinition(d: FeatureGroupDefinition, at: string, env: string): void {
  if (typeof d?.name !== 'string' || !GROUP_NAME.test(d.name) || `${env}-${d.name}`.length > MAX_GROUP_NAME) {
    throw new Error(`${at}.name is ${JSON.stringify(d?.name)}: use letters, digits, "-" and "_", starting and ending with a letter or digit, so that "${env}-<name>" has at most ${MAX_GROUP_NAME} characters (for example "customer-features").`);
  }
  if (!Array.isArray(d.features) || d.features.length === 0) {
    throw new Error(`${at}.features is ${JSON.stringify(d.features)}: list the group's features, for example [{ name: "customer_id", type: FeatureType.STRING }, { name: "event_time", type: FeatureType.FRACTIONAL }].`);
  }
  const names = new Set<string>();
  d.features.forEach((f, j) => {
    const fat = `${at}.features[${j}]`;
    if (typeof f?.name !== 'string' || !FEATURE_NAME.test(f.name)) {
      throw new Error(`${fat}.name is ${JSON.stringify(f?.name)}: use letters, digits, "-" and "_", starting and ending with a letter or digit, at most 64 characters.`);
    }
    if (RESERVED_FEATURE_NAMES.includes(f.name.toLowerCase())) {
      throw new Error(`${fat}.name is "${f.name}", which Feature Store reserves for its own columns (${RESERVED_FEATURE_NAMES.join(', ')}): rename the feature.`);
    }
    if (names.has(f.name)) {
      throw new Error(`${fat}.name "${f.name}" appears twice in ${at}.features: name each feature once.`);
    }
    names.add(f.name);
    if (!(Object.values(FeatureType) as string[]).includes(f.type)) {
      throw new Error(`${fat}.type is ${JSON.stringify(f.type)}, which is not a feature type: pass ${Object.values(FeatureType).map((t) => `"${t}"`).join(', ')} (FeatureType.${Object.keys(FeatureType).join(', FeatureType.')}).`);
    }
  });
  const schema = [...names].join(', ');
  if (!names.has(d.recordIdentifier)) {
    throw new Error(`${at}.recordIdentifier is ${JSON.stringify(d.recordIdentifier)}, which is not in the group's features (${schema}): name one of them, or add it to features.`);
  }
  if (!names.has(d.eventTime)) {
    throw new Error(`${at}.eventTime is ${JSON.stringify(d.eventTime)}, which is not in the group's features (${schema}): name one of them, or add it to features.`);
  }
  const eventTimeType = d.features.find((f) => f.name === d.eventTime)!.type;
  if (!EVENT_TIME_TYPES.includes(eventTimeType)) {
    throw new Error(`${at}.eventTime "${d.eventTime}" is of type ${eventTimeType}: an event time is ${FeatureType.FRACTIONAL} (Unix seconds) or ${FeatureType.STRING} (ISO-8601); change the feature's type.`);
  }
  if (d.dataClassification !== undefined) {
    assertDataClassification(d.dataClassification, `${at}.dataClassification`);
  }
  if (d.containsPersonalData && !isConfidentialOrAbove(d.dataClassification ?? DataClassification.CONFIDENTIAL)) {
    throw new Error(`${at}.containsPersonalData is true but ${at}.dataClassification is ${d.dataClassification}: personal data must be classified confidential or restricted.`);
  }
  if (d.description !== undefined && (typeof d.description !== 'string' || (!Token.isUnresolved(d.description) && d.description.length > 128))) {
    throw new Error(`${at}.description is ${JSON.stringify(d.description)}: pass text of at most 128 characters.`);
  }
}
