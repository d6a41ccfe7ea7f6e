/*
 * The corpus's toolkit: what a case is (a hardened resource that can be built again with exactly
 * one control broken), and the hardened supporting resources cases share (a key, an access-log
 * bucket, a data bucket, a flow-logged VPC, a security group, a SageMaker role), created on first
 * use inside the case's scope. Each family of cases is a file beside this one; index.ts lists them.
 */
import { ArnFormat, Aws, CfnResource, Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface CorpusCase {
  /** PascalCase, unique: the variant construct ids are built from it. */
  readonly name: string;
  /** The CloudFormation type of the resource under test. */
  readonly kind: string;
  /** Error controls this case can break, one at a time. */
  readonly breaks: readonly string[];
  /** Warning controls this case can break, one at a time. */
  readonly warnings: readonly string[];
  /** The hardened resource, or with `broken` the same resource with only that control broken. */
  build(scope: Construct, broken?: string): void;
}

export interface CaseDefinition extends Omit<CorpusCase, 'build' | 'breaks' | 'warnings'> {
  readonly breaks?: readonly string[];
  readonly warnings?: readonly string[];
  build(scope: Construct, broken: string | undefined, kit: Kit): void;
}

export function defineCase(def: CaseDefinition): CorpusCase {
  const breaks = def.breaks ?? [];
  const warnings = def.warnings ?? [];
  return {
    name: def.name,
    kind: def.kind,
    breaks,
    warnings,
    build(scope: Construct, broken?: string) {
      // A typo in a control name would otherwise build the hardened resource and look like a miss.
      if (broken !== undefined && !breaks.includes(broken) && !warnings.includes(broken)) {
        throw new Error(`Case ${def.name} has no control ${broken}; it breaks ${[...breaks, ...warnings].join(', ')}`);
      }
      def.build(scope, broken, new Kit(scope));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Hardened supporting resources, created on first use inside the case's scope.

export const ORG_ID = 'o-a1b2c3d4e5';
export const MODEL_MONITOR_IMAGE = '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer';
export const CLARIFY_IMAGE = '205585389593.dkr.ecr.us-east-1.amazonaws.com/sagemaker-clarify-processing:1.0';

/** A customer-managed key: rotating, retained, usable by CloudWatch Logs for this account's log groups. */
export function hardenedKey(scope: Construct, id: string): kms.Key {
  const key = new kms.Key(scope, id, {
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
    pendingWindow: Duration.days(30),
  });
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchLogs',
    principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: {
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Stack.of(scope).formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
    },
  }));
  return key;
}

/** The target of server access logs: SSE-S3 (S3 cannot deliver to SSE-KMS), otherwise hardened. */
export function accessLogBucket(scope: Construct, id: string): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
  });
  Tags.of(bucket).add('DataClassification', 'internal');
  return bucket;
}

export interface DataBucketOptions {
  readonly encryption?: s3.BucketEncryption;
  readonly encryptionKey?: kms.IKey;
  readonly enforceSSL?: boolean;
  readonly blockPublicAccess?: s3.BlockPublicAccess;
  readonly objectOwnership?: s3.ObjectOwnership;
  readonly versioned?: boolean;
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A data bucket as a careful user writes it with the L2 Bucket; options spell a mistake, and so
 * does a missing log bucket.
 */
export function dataBucket(scope: Construct, id: string, key: kms.IKey, logBucket: s3.IBucket | undefined, classification: string | undefined, options: DataBucketOptions = {}): s3.Bucket {
  const encryption = options.encryption ?? s3.BucketEncryption.KMS;
  const usesKey = encryption === s3.BucketEncryption.KMS || encryption === s3.BucketEncryption.DSSE;
  const bucket = new s3.Bucket(scope, id, {
    encryption,
    encryptionKey: usesKey ? (options.encryptionKey ?? key) : undefined,
    bucketKeyEnabled: encryption === s3.BucketEncryption.KMS || encryption === s3.BucketEncryption.KMS_MANAGED ? true : undefined,
    enforceSSL: options.enforceSSL ?? true,
    minimumTLSVersion: (options.enforceSSL ?? true) ? 1.2 : undefined,
    blockPublicAccess: options.blockPublicAccess ?? s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: options.objectOwnership ?? s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: options.versioned ?? true,
    serverAccessLogsBucket: logBucket,
    serverAccessLogsPrefix: logBucket ? `${id}/` : undefined,
    removalPolicy: options.removalPolicy ?? RemovalPolicy.RETAIN,
    lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(365) }],
  });
  if (classification !== undefined) {
    Tags.of(bucket).add('DataClassification', classification);
  }
  return bucket;
}

/** The supporting resources of one case variant, each hardened, created when first asked for. */
export class Kit {
  private keyValue?: kms.Key;
  private logBucketValue?: s3.Bucket;
  private bucketValue?: s3.Bucket;
  private vpcValue?: ec2.Vpc;
  private securityGroupValue?: ec2.SecurityGroup;
  private sageMakerRoleValue?: iam.Role;

  constructor(private readonly scope: Construct) {}

  get key(): kms.Key {
    return this.keyValue ??= hardenedKey(this.scope, 'Key');
  }

  get logBucket(): s3.Bucket {
    return this.logBucketValue ??= accessLogBucket(this.scope, 'AccessLogs');
  }

  /** A confidential data bucket under the kit's key. */
  get bucket(): s3.Bucket {
    return this.bucketValue ??= dataBucket(this.scope, 'Data', this.key, this.logBucket, 'confidential');
  }

  /** An encrypted, retained, year-long log group. */
  logGroup(id: string): logs.LogGroup {
    return new logs.LogGroup(this.scope, id, {
      encryptionKey: this.key,
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Isolated subnets in two zones, every packet flow-logged to an encrypted log group. */
  get vpc(): ec2.Vpc {
    return this.vpcValue ??= this.newVpc('Network');
  }

  /** With `flowLog: false`, the caller adds the flow log (or forgets it). */
  newVpc(id: string, options: { flowLog?: boolean; subnetConfiguration?: ec2.SubnetConfiguration[]; restrictDefaultSecurityGroup?: boolean } = {}): ec2.Vpc {
    return new ec2.Vpc(this.scope, id, {
      restrictDefaultSecurityGroup: options.restrictDefaultSecurityGroup,
      ipAddresses: ec2.IpAddresses.cidr('10.20.0.0/16'),
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: options.subnetConfiguration ?? [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      flowLogs: options.flowLog === false ? undefined
        : { All: { destination: ec2.FlowLogDestination.toCloudWatchLogs(this.logGroup(`${id}FlowLogs`)), trafficType: ec2.FlowLogTrafficType.ALL } },
    });
  }

  get subnetIds(): string[] {
    return this.vpc.isolatedSubnets.map((s) => s.subnetId);
  }

  /** A security group that admits only HTTPS from inside the VPC. */
  get securityGroup(): ec2.SecurityGroup {
    if (!this.securityGroupValue) {
      const sg = new ec2.SecurityGroup(this.scope, 'WorkloadSg', { vpc: this.vpc, description: 'ML workload', allowAllOutbound: false });
      sg.addIngressRule(ec2.Peer.ipv4(this.vpc.vpcCidrBlock), ec2.Port.tcp(443), 'HTTPS from the VPC');
      sg.addEgressRule(ec2.Peer.ipv4(this.vpc.vpcCidrBlock), ec2.Port.tcp(443), 'HTTPS to VPC endpoints');
      this.securityGroupValue = sg;
    }
    return this.securityGroupValue;
  }

  /** An execution role for SageMaker, granted the kit's bucket and key. */
  get sageMakerRole(): iam.Role {
    if (!this.sageMakerRoleValue) {
      const role = new iam.Role(this.scope, 'SageMakerRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
      this.bucket.grantReadWrite(role);
      this.key.grantEncryptDecrypt(role);
      // Network interfaces managed on network interfaces only (permissions management on every resource is a finding); describes need *.
      role.addToPolicy(new iam.PolicyStatement({
        actions: ['ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface', 'ec2:DeleteNetworkInterfacePermission'],
        resources: [Stack.of(this.scope).formatArn({ service: 'ec2', resource: 'network-interface', resourceName: '*' }), Stack.of(this.scope).formatArn({ service: 'ec2', resource: 'subnet', resourceName: '*' }), Stack.of(this.scope).formatArn({ service: 'ec2', resource: 'security-group', resourceName: '*' })],
      }));
      role.addToPolicy(new iam.PolicyStatement({
        actions: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs', 'ec2:DescribeDhcpOptions', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'],
        resources: ['*'],
      }));
      this.sageMakerRoleValue = role;
    }
    return this.sageMakerRoleValue;
  }

  s3Uri(prefix: string): string {
    return this.bucket.s3UrlForObject(prefix);
  }
}

export function override(construct: Construct, property: string, value: unknown): void {
  (construct.node.defaultChild as CfnResource).addPropertyOverride(property, value);
}
