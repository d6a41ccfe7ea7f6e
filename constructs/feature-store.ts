import { Aws, CfnDeletionPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';
import { allClassifications, assertDataClassification, DataClassification } from '../core/data-classification';
import { PlatformKey } from './platform-key';
import { KeyPurpose } from './key-purpose';
import { TagKeys } from '../core/tags';
import { acknowledgeRoleWildcards } from './private/role-acknowledgements';
import { SecureBucket } from './secure-bucket';
import { validateEnvironmentName } from '../core/names';
import { constructIdOf } from '../core/construct-ids';
import { FeatureGroupDefinition } from './feature-group-definition';
import { validateFeatureGroups } from './private/feature-group-checks';


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

