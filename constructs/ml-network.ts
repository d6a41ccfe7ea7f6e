import { Annotations, Aws, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PlatformKey } from './platform-key';
import { KeyPurpose } from './key-purpose';
import { checkCidrFormat, checkVpcCidr } from './private/cidr';
import { EndpointPolicyKind, endpointPolicyStatements, Perimeter, PerimeterException } from './private/endpoint-policies';
import { checkName, NameRules } from '../core/names';
import { Soc2MlError } from '../core/errors';

/** An AWS service that ML workloads reach through an interface VPC endpoint. */
export enum InterfaceEndpoint {
  /** SageMaker API (`com.amazonaws.<region>.sagemaker.api`): jobs, models, endpoints, presigned Studio URLs. */
  SAGEMAKER_API = 'sagemaker.api',
  /** SageMaker Runtime (`com.amazonaws.<region>.sagemaker.runtime`): invoking inference endpoints. */
  SAGEMAKER_RUNTIME = 'sagemaker.runtime',
  /** Feature Store Runtime (`com.amazonaws.<region>.sagemaker.featurestore-runtime`): online feature reads and writes. */
  SAGEMAKER_FEATURESTORE_RUNTIME = 'sagemaker.featurestore-runtime',
  /** SageMaker Metrics (`com.amazonaws.<region>.sagemaker.metrics`): training and experiment metrics. */
  SAGEMAKER_METRICS = 'sagemaker.metrics',
  /** SageMaker Studio (`aws.sagemaker.<region>.studio`): opening Studio from inside the network. */
  SAGEMAKER_STUDIO = 'sagemaker.studio',
  /** SageMaker notebook instances (`aws.sagemaker.<region>.notebook`): opening notebooks from inside the network. */
  SAGEMAKER_NOTEBOOK = 'sagemaker.notebook',
  /** ECR API (`com.amazonaws.<region>.ecr.api`): registry authentication and image metadata. */
  ECR_API = 'ecr.api',
  /** ECR Docker registry (`com.amazonaws.<region>.ecr.dkr`): image pulls and pushes. */
  ECR_DOCKER = 'ecr.dkr',
  /** AWS KMS (`com.amazonaws.<region>.kms`). */
  KMS = 'kms',
  /** CloudWatch Logs (`com.amazonaws.<region>.logs`): job, kernel and endpoint logs. */
  LOGS = 'logs',
  /** CloudWatch metrics (`com.amazonaws.<region>.monitoring`). */
  MONITORING = 'monitoring',
  /** AWS STS (`com.amazonaws.<region>.sts`): role sessions. */
  STS = 'sts',
  /** Amazon EventBridge (`com.amazonaws.<region>.events`). */
  EVENTS = 'events',
  /** Amazon SNS (`com.amazonaws.<region>.sns`). */
  SNS = 'sns',
  /** AWS Glue (`com.amazonaws.<region>.glue`): the offline feature store's Data Catalog. */
  GLUE = 'glue',
  /** Amazon Athena (`com.amazonaws.<region>.athena`): queries over the offline feature store. */
  ATHENA = 'athena',
  /** CodeArtifact API (`com.amazonaws.<region>.codeartifact.api`): package-mirror tokens and metadata. */
  CODEARTIFACT_API = 'codeartifact.api',
  /** CodeArtifact repositories (`com.amazonaws.<region>.codeartifact.repositories`): package downloads. */
  CODEARTIFACT_REPOSITORIES = 'codeartifact.repositories',
}

interface EndpointDefinition {
  /** Construct id of the endpoint (public API: renaming it replaces the endpoint). */
  readonly id: string;
  readonly service: ec2.InterfaceVpcEndpointAwsService;
  readonly policy: EndpointPolicyKind;
  readonly exceptions?: readonly PerimeterException[];
}

const ENDPOINTS: Record<InterfaceEndpoint, EndpointDefinition> = {
  [InterfaceEndpoint.SAGEMAKER_API]: { id: 'SageMakerApi', service: ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_API, policy: EndpointPolicyKind.PERIMETER },
  [InterfaceEndpoint.SAGEMAKER_RUNTIME]: { id: 'SageMakerRuntime', service: ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_RUNTIME, policy: EndpointPolicyKind.PERIMETER },
  // AWS documents no endpoint-policy support for these two; see EndpointPolicyKind.NONE.
  [InterfaceEndpoint.SAGEMAKER_FEATURESTORE_RUNTIME]: { id: 'SageMakerFeatureStoreRuntime', service: ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_FEATURESTORE_RUNTIME, policy: EndpointPolicyKind.NONE },
  [InterfaceEndpoint.SAGEMAKER_METRICS]: { id: 'SageMakerMetrics', service: ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_METRICS, policy: EndpointPolicyKind.NONE },
  [InterfaceEndpoint.SAGEMAKER_STUDIO]: { id: 'SageMakerStudio', service: ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_STUDIO, policy: EndpointPolicyKind.SAGEMAKER_BROWSER },
  [InterfaceEndpoint.SAGEMAKER_NOTEBOOK]: { id: 'SageMakerNotebook', service: ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_NOTEBOOK, policy: EndpointPolicyKind.SAGEMAKER_BROWSER },
  [InterfaceEndpoint.ECR_API]: { id: 'EcrApi', service: ec2.InterfaceVpcEndpointAwsService.ECR, policy: EndpointPolicyKind.PERIMETER, exceptions: [PerimeterException.AWS_PROVIDED_IMAGES] },
  [InterfaceEndpoint.ECR_DOCKER]: { id: 'EcrDocker', service: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER, policy: EndpointPolicyKind.PERIMETER, exceptions: [PerimeterException.AWS_PROVIDED_IMAGES] },
  [InterfaceEndpoint.KMS]: { id: 'Kms', service: ec2.InterfaceVpcEndpointAwsService.KMS, policy: EndpointPolicyKind.PERIMETER },
  [InterfaceEndpoint.LOGS]: { id: 'Logs', service: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS, policy: EndpointPolicyKind.PERIMETER },
  [InterfaceEndpoint.MONITORING]: { id: 'Monitoring', service: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING, policy: EndpointPolicyKind.PERIMETER },
  [InterfaceEndpoint.STS]: { id: 'Sts', service: ec2.InterfaceVpcEndpointAwsService.STS, policy: EndpointPolicyKind.PERIMETER },
  [InterfaceEndpoint.EVENTS]: { id: 'Events', service: ec2.InterfaceVpcEndpointAwsService.EVENTBRIDGE, policy: EndpointPolicyKind.PERIMETER },
  [InterfaceEndpoint.SNS]: { id: 'Sns', service: ec2.InterfaceVpcEndpointAwsService.SNS, policy: EndpointPolicyKind.PERIMETER },
  [InterfaceEndpoint.GLUE]: { id: 'Glue', service: ec2.InterfaceVpcEndpointAwsService.GLUE, policy: EndpointPolicyKind.PERIMETER },
  [InterfaceEndpoint.ATHENA]: { id: 'Athena', service: ec2.InterfaceVpcEndpointAwsService.ATHENA, policy: EndpointPolicyKind.PERIMETER },
  [InterfaceEndpoint.CODEARTIFACT_API]: { id: 'CodeArtifactApi', service: ec2.InterfaceVpcEndpointAwsService.CODEARTIFACT_API, policy: EndpointPolicyKind.PERIMETER },
  [InterfaceEndpoint.CODEARTIFACT_REPOSITORIES]: { id: 'CodeArtifactRepositories', service: ec2.InterfaceVpcEndpointAwsService.CODEARTIFACT_REPOSITORIES, policy: EndpointPolicyKind.PERIMETER },
};

/**
 * What Studio, training, serving and the model signature gate cannot work without (with the S3
 * gateway endpoint, always present). SNS is here for the gate, which announces every model version
 * it rejects to the environment's alert topic.
 */
const ESSENTIAL_ENDPOINTS: readonly InterfaceEndpoint[] = [
  InterfaceEndpoint.SAGEMAKER_API,
  InterfaceEndpoint.SAGEMAKER_RUNTIME,
  InterfaceEndpoint.SAGEMAKER_FEATURESTORE_RUNTIME,
  InterfaceEndpoint.ECR_API,
  InterfaceEndpoint.ECR_DOCKER,
  InterfaceEndpoint.KMS,
  InterfaceEndpoint.LOGS,
  InterfaceEndpoint.STS,
  InterfaceEndpoint.MONITORING,
  InterfaceEndpoint.SNS,
];

/**
 * The interface endpoints of a network. Every set holds the essential endpoints; the S3 gateway
 * endpoint is always added.
 */
export class EndpointSet {
  /**
   * Every endpoint the platform uses: the essential ones, SageMaker Metrics, Studio and notebook,
   * EventBridge, Glue and Athena (offline feature store), and CodeArtifact (package mirror).
   * The default.
   */
  public static readonly COMPLETE = new EndpointSet(Object.values(InterfaceEndpoint));

  /**
   * What Studio kernels, training, serving and the model signature gate cannot work without:
   * SageMaker API, Runtime and Feature Store Runtime, ECR API and Docker, KMS, CloudWatch Logs and
   * metrics, STS, SNS (and S3).
   * For development environments, where the fixed cost of endpoints matters most.
   */
  public static readonly ESSENTIAL = new EndpointSet(ESSENTIAL_ENDPOINTS);

  /** The essential endpoints and the given ones. */
  public static essentialWith(...endpoints: InterfaceEndpoint[]): EndpointSet {
    for (const [i, endpoint] of endpoints.entries()) {
      if (!Object.values(InterfaceEndpoint).includes(endpoint)) {
        throw new Soc2MlError(`endpoints[${i}] is ${JSON.stringify(endpoint)}, which is not an interface endpoint: pass one of InterfaceEndpoint.${Object.keys(InterfaceEndpoint).join(', InterfaceEndpoint.')}.`);
      }
    }
    return new EndpointSet([...ESSENTIAL_ENDPOINTS, ...endpoints]);
  }

  /** The interface endpoints, in a stable order, without repeats. */
  public readonly endpoints: readonly InterfaceEndpoint[];

  private constructor(endpoints: readonly InterfaceEndpoint[]) {
    const order = Object.values(InterfaceEndpoint);
    this.endpoints = [...new Set(endpoints)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }

  /** Whether the set holds an endpoint. */
  public includes(endpoint: InterfaceEndpoint): boolean {
    return this.endpoints.includes(endpoint);
  }
}

export interface MlNetworkProps {
  /**
   * The IPv4 range of the VPC: a private (RFC 1918) block of /16 to /22. With `vpc`, the range of
   * that VPC, which the endpoint security group admits (needed when the VPC's CIDR is not known at
   * synth, as for a VPC defined in the same app).
   *
   * @default '10.0.0.0/16' for a new VPC; with `vpc`, its `vpcCidrBlock`
   */
  readonly cidr?: string;

  /**
   * How many availability zones the new VPC spans (one workload subnet and one interface of each
   * endpoint per zone). An environment-agnostic stack knows only two zones without a lookup.
   *
   * @default 2
   */
  readonly maxAzs?: number;

  /**
   * The interface endpoints to create. Each costs about $0.01 an hour per zone (us-east-1, plus
   * $0.01 per GB processed): in two zones, `EndpointSet.ESSENTIAL` (10 endpoints) about $146 a
   * month and `EndpointSet.COMPLETE` (18) about $263; in three, $219 and $394.
   *
   * @default EndpointSet.COMPLETE for a new VPC; EndpointSet.ESSENTIAL with `vpc` (a VPC you own
   * may reach some services another way already: add what you need with `EndpointSet.essentialWith`)
   */
  readonly endpoints?: EndpointSet;

  /**
   * The AWS Organizations organization whose principals and resources endpoint policies admit
   * (`o-` and 10 to 32 lowercase letters or digits).
   *
   * @default - endpoint policies admit only this account's principals and resources
   */
  readonly organizationId?: string;

  /**
   * The key that encrypts the flow-log group. It must admit CloudWatch Logs for this account's
   * log groups (a `PlatformKey` with `KeyPurpose.LOGS` does).
   *
   * @default - a new `PlatformKey` for logs
   */
  readonly flowLogEncryptionKey?: kms.IKey;

  /**
   * How long flow logs are kept: at least a year, the audit period.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly flowLogRetention?: logs.RetentionDays;

  /**
   * A VPC you already own. The construct adds the S3 gateway endpoint, the interface endpoints,
   * the security groups and a flow log to it instead of creating a VPC. The VPC's default
   * security group and routes stay yours to control.
   *
   * @default - a new VPC with isolated subnets only
   */
  readonly vpc?: ec2.IVpc;

  /**
   * With `vpc`: the subnets workloads and endpoint interfaces use (private, at most one per zone
   * for the endpoints).
   *
   * @default - the VPC's isolated subnets, or its private subnets if it has no isolated ones
   */
  readonly subnets?: ec2.SubnetSelection;
}

const DEFAULT_CIDR = '10.0.0.0/16';
const MIN_FLOW_LOG_RETENTION_DAYS = 365;
const WORKLOAD_SUBNET_GROUP = 'Workload';
const HTTPS = ec2.Port.tcp(443);

/**
 * One environment's private network: a VPC with isolated subnets only (no internet gateway, no
 * NAT), its default security group stripped of every rule, an S3 gateway endpoint and interface
 * endpoints (private DNS on) for what SageMaker needs, endpoint policies that keep requests inside
 * the account or organization, an endpoint security group admitting HTTPS only from the VPC, and a
 * flow log of all traffic to a KMS-encrypted, retained log group.
 *
 * Environments get one `MlNetwork` each, with distinct CIDRs and no peering or transit between them.
 */
export class MlNetwork extends Construct {
  /**
   * S3's AWS-managed prefix list in the stack's region (`com.amazonaws.<region>.s3`), looked up at
   * synth like `Vpc.fromLookup` (the stack needs an account and a region): for `allowS3Egress` in a
   * VPC you own.
   */
  public static s3PrefixList(scope: Construct, id = 'S3PrefixList'): ec2.IPrefixList {
    const region = Stack.of(scope).region;
    if (Token.isUnresolved(region)) {
      throw new Soc2MlError('MlNetwork.s3PrefixList needs the stack\'s region to find S3\'s prefix list: pin the stack (env: { account, region }), or pass the list\'s id to allowS3Egress (ec2.PrefixList.fromPrefixListId(this, \'S3\', \'pl-…\'), see `aws ec2 describe-managed-prefix-lists`).');
    }
    return ec2.PrefixList.fromLookup(scope, id, { prefixListName: `com.amazonaws.${region}.s3` });
  }

  /** The VPC. */
  public readonly vpc: ec2.IVpc;
  /** The VPC's IPv4 range (literal). */
  public readonly cidr: string;
  /** The subnets workloads run in (and endpoint interfaces live in). */
  public readonly workloadSubnets: ec2.SelectedSubnets;
  /** The security group for workloads: HTTPS to the endpoints and S3, TCP among its members. */
  public readonly workloadSecurityGroup: ec2.SecurityGroup;
  /** The security group of the interface endpoints: HTTPS from the VPC only. */
  public readonly endpointSecurityGroup: ec2.SecurityGroup;
  /** The S3 gateway endpoint. */
  public readonly s3Endpoint: ec2.GatewayVpcEndpoint;
  /** The log group that receives the flow log. */
  public readonly flowLogGroup: logs.LogGroup;
  /** The flow log of all the VPC's traffic. */
  public readonly flowLog: ec2.CfnFlowLog;
  /** The interface endpoints created. */
  public readonly endpointSet: EndpointSet;

  private readonly interfaceEndpoints = new Map<InterfaceEndpoint, ec2.InterfaceVpcEndpoint>();

  constructor(scope: Construct, id: string, props: MlNetworkProps = {}) {
    super(scope, id);
    const cidr = validate(props);
    const perimeter: Perimeter = { organizationId: props.organizationId };
    this.endpointSet = props.endpoints ?? (props.vpc ? EndpointSet.ESSENTIAL : EndpointSet.COMPLETE);

    let selection: ec2.SubnetSelection;
    if (props.vpc) {
      this.vpc = props.vpc;
      this.cidr = cidr ?? byoCidr(props.vpc);
      selection = props.subnets ?? defaultByoSelection(props.vpc);
    } else {
      this.cidr = cidr ?? DEFAULT_CIDR;
      this.vpc = this.createVpc(props.maxAzs);
      selection = { subnetGroupName: WORKLOAD_SUBNET_GROUP };
    }
    this.workloadSubnets = this.vpc.selectSubnets(selection);
    if (this.workloadSubnets.hasPublic) {
      throw new Soc2MlError('subnets selects public subnets: ML workloads and endpoints belong in private subnets. Select isolated or private subnets (for example { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).');
    }

    this.endpointSecurityGroup = this.createEndpointSecurityGroup();
    this.workloadSecurityGroup = this.createWorkloadSecurityGroup(props.vpc === undefined);
    this.s3Endpoint = this.createS3Endpoint(selection, perimeter);
    this.createInterfaceEndpoints(selection, perimeter);

    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogGroup', {
      encryptionKey: props.flowLogEncryptionKey ?? new PlatformKey(this, 'FlowLogKey', { purpose: KeyPurpose.LOGS }).key,
      retention: props.flowLogRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.flowLog = this.createFlowLog();
  }

  /** The interface endpoint of a service, if the network has one. */
  public interfaceEndpoint(endpoint: InterfaceEndpoint): ec2.InterfaceVpcEndpoint | undefined {
    return this.interfaceEndpoints.get(endpoint);
  }

  /** A VPC with isolated subnets only: no internet gateway, no NAT. */
  /**
   * Let workloads reach S3 through the gateway endpoint in a VPC you own, where HTTPS is allowed
   * only within the VPC (its routes may lead elsewhere): an egress rule to S3's prefix list.
   *
   * @param prefixList S3's prefix list, from `MlNetwork.s3PrefixList(this)` or `ec2.PrefixList.fromPrefixListId`
   */
  public allowS3Egress(prefixList: ec2.IPrefixList): void {
    this.workloadSecurityGroup.addEgressRule(ec2.Peer.prefixList(prefixList.prefixListId), HTTPS, 'HTTPS to S3 through the gateway endpoint');
  }

  private createVpc(maxAzs: number | undefined): ec2.Vpc {
    return new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(this.cidr),
      maxAzs: maxAzs ?? 2,
      natGateways: 0,
      createInternetGateway: false,
      subnetConfiguration: [{ name: WORKLOAD_SUBNET_GROUP, subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      enableDnsHostnames: true,
      enableDnsSupport: true,
      // CDK's custom resource removes every rule of the default security group, so nothing
      // placed in it by mistake can talk to anything.
      restrictDefaultSecurityGroup: true,
    });
  }

  private createEndpointSecurityGroup(): ec2.SecurityGroup {
    const group = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: 'Interface VPC endpoints: HTTPS from the VPC only',
      allowAllOutbound: false,
    });
    // A literal CIDR, not vpc.vpcCidrBlock: rule packs must be able to read the peer.
    group.addIngressRule(ec2.Peer.ipv4(this.cidr), HTTPS, 'HTTPS from the VPC');
    return group;
  }

  private createWorkloadSecurityGroup(ownVpc: boolean): ec2.SecurityGroup {
    const group = new ec2.SecurityGroup(this, 'WorkloadSecurityGroup', {
      vpc: this.vpc,
      description: 'ML workloads: HTTPS to VPC endpoints and S3, TCP among members',
      allowAllOutbound: false,
    });
    group.addEgressRule(ec2.Peer.ipv4(this.cidr), HTTPS, 'HTTPS to the interface endpoints');
    if (ownVpc) {
      // The new VPC routes only within itself and to the S3 gateway endpoint, so HTTPS "anywhere"
      // reaches S3 and nothing else; S3's prefix-list id is not known at synth without a lookup.
      group.addEgressRule(ec2.Peer.anyIpv4(), HTTPS, 'HTTPS to S3 through the gateway endpoint (the only route out of the VPC)');
    } else {
      Annotations.of(this).addWarningV2('cdk-soc2-ml:byoVpcS3Egress',
        'vpc is your own, so workloadSecurityGroup allows HTTPS only within the VPC: its routes may lead to the internet. For workloads that read or write S3, call network.allowS3Egress(MlNetwork.s3PrefixList(this)).');
    }
    // SageMaker distributed training (NCCL, MPI, PyTorch DDP over TCP) talks among its own
    // instances. TCP only: an all-protocol rule, which EFA needs, is a finding of every cdk-nag
    // compliance pack; add it yourself, with an acknowledgement, for EFA instance types.
    group.connections.allowInternally(ec2.Port.allTcp(), 'TCP among workload instances (distributed training)');
    return group;
  }

  private createS3Endpoint(selection: ec2.SubnetSelection, perimeter: Perimeter): ec2.GatewayVpcEndpoint {
    const endpoint = new ec2.GatewayVpcEndpoint(this, 'S3Endpoint', {
      vpc: this.vpc,
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [selection],
    });
    for (const statement of endpointPolicyStatements(this, EndpointPolicyKind.PERIMETER, perimeter, [PerimeterException.ECR_IMAGE_LAYERS])) {
      endpoint.addToPolicy(statement);
    }
    return endpoint;
  }

  private createInterfaceEndpoints(selection: ec2.SubnetSelection, perimeter: Perimeter): void {
    const endpointsScope = new Construct(this, 'Endpoints');
    for (const endpoint of this.endpointSet.endpoints) {
      const definition = ENDPOINTS[endpoint];
      const interfaceEndpoint = new ec2.InterfaceVpcEndpoint(endpointsScope, definition.id, {
        vpc: this.vpc,
        service: definition.service,
        subnets: selection,
        securityGroups: [this.endpointSecurityGroup],
        privateDnsEnabled: true,
        // `open` would add an ingress rule from the VPC's CIDR token; ours is literal.
        open: false,
      });
      for (const statement of endpointPolicyStatements(this, definition.policy, perimeter, definition.exceptions)) {
        interfaceEndpoint.addToPolicy(statement);
      }
      this.interfaceEndpoints.set(endpoint, interfaceEndpoint);
    }
  }

  /** The flow log of all traffic, delivered by a role only this account's flow logs may use. */
  private createFlowLog(): ec2.CfnFlowLog {
    const flowLogRole = new iam.Role(this, 'FlowLogRole', {
      description: 'Delivers the VPC flow log to its log group',
      // Only this account's flow logs may use the role (confused-deputy protection).
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: { 'aws:SourceArn': Stack.of(this).formatArn({ service: 'ec2', resource: 'vpc-flow-log', resourceName: '*' }) },
      }),
    });
    // A managed policy rather than an inline one (inline policies are a finding of the NIST,
    // HIPAA and PCI packs): write to this log group only.
    const flowLogPolicy = new iam.ManagedPolicy(this, 'FlowLogPolicy', {
      description: 'Lets VPC Flow Logs write the flow log to its log group',
      roles: [flowLogRole],
      statements: [new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [this.flowLogGroup.logGroupArn],
      })],
    });
    // The L1, because the L2 FlowLog acknowledges two CloudFormation Validate rules about S3
    // destination options on itself, which a CloudWatch Logs destination never uses.
    const flowLog = new ec2.CfnFlowLog(this, 'FlowLog', {
      resourceType: 'VPC',
      resourceId: this.vpc.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logGroupName: this.flowLogGroup.logGroupName,
      deliverLogsPermissionArn: flowLogRole.roleArn,
    });
    flowLog.node.addDependency(flowLogPolicy);
    return flowLog;
  }
}

/** Check the props; returns the normalized CIDR, if one was given. */
function validate(props: MlNetworkProps): string | undefined {
  let cidr: string | undefined;
  if (props.cidr !== undefined) {
    if (Token.isUnresolved(props.cidr)) {
      throw new Soc2MlError('cidr is a token: pass the range as a literal such as "10.10.0.0/16", so the endpoint security group and the rule packs can read it.');
    }
    cidr = props.vpc ? checkCidrFormat(props.cidr, 'cidr') : checkVpcCidr(props.cidr, 'cidr');
  }
  if (props.maxAzs !== undefined && !Token.isUnresolved(props.maxAzs) && (!Number.isInteger(props.maxAzs) || props.maxAzs < 1)) {
    throw new Soc2MlError(`maxAzs is ${JSON.stringify(props.maxAzs)}: pass a whole number of availability zones of at least 1 (2 or 3 for high availability).`);
  }
  if (props.organizationId !== undefined) {
    checkName(NameRules.ORGANIZATION_ID, props.organizationId, 'organizationId');
  }
  if (props.endpoints !== undefined && !(props.endpoints instanceof EndpointSet)) {
    throw new Soc2MlError(`endpoints is ${JSON.stringify(props.endpoints)}: pass EndpointSet.COMPLETE, EndpointSet.ESSENTIAL or EndpointSet.essentialWith(...).`);
  }
  const retention = props.flowLogRetention;
  if (retention !== undefined && retention !== logs.RetentionDays.INFINITE && retention < MIN_FLOW_LOG_RETENTION_DAYS) {
    throw new Soc2MlError(`flowLogRetention is ${retention} days: flow logs are audit evidence and must be kept at least ${MIN_FLOW_LOG_RETENTION_DAYS} days. Pass logs.RetentionDays.ONE_YEAR or longer.`);
  }
  if (props.vpc && props.maxAzs !== undefined) {
    throw new Soc2MlError(`maxAzs is ${props.maxAzs} but vpc is given: the zones of your own VPC are its subnets'. Drop maxAzs, or choose the subnets with subnets.`);
  }
  if (!props.vpc && props.subnets) {
    throw new Soc2MlError('subnets is set but vpc is not: the new VPC has one workload subnet per zone. Pass vpc with subnets, or drop subnets.');
  }
  return cidr;
}

function byoCidr(vpc: ec2.IVpc): string {
  let fromVpc: string | undefined;
  try {
    fromVpc = vpc.vpcCidrBlock;
  } catch {
    fromVpc = undefined;
  }
  if (fromVpc === undefined || Token.isUnresolved(fromVpc)) {
    throw new Soc2MlError('cidr is not set and the CIDR block of vpc is not known at synth (it is a token, or was not given when the VPC was imported): pass cidr with the VPC\'s range as a literal, for example "10.10.0.0/16", so the endpoint security group can admit exactly that range.');
  }
  return checkCidrFormat(fromVpc, 'vpc.vpcCidrBlock');
}

function defaultByoSelection(vpc: ec2.IVpc): ec2.SubnetSelection {
  if (vpc.isolatedSubnets.length > 0) {
    return { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
  }
  if (vpc.privateSubnets.length > 0) {
    return { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
  }
  throw new Soc2MlError('subnets is not set and vpc has no isolated or private subnets: ML workloads and endpoints belong in private subnets. Pass subnets, or a VPC with private subnets.');
}
