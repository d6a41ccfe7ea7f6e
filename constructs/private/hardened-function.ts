import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SecurityAlertTopic } from '../security-alert-topic';
import { Handler, handlerCode } from './handler-code';
import { alarmOnDeadLetters } from './alert-destination';

/** Where a function runs in a VPC. */
export interface FunctionNetwork {
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.ISubnet[];
  readonly securityGroup: ec2.ISecurityGroup;
}

export interface HardenedFunctionOptions {
  readonly handler: Handler;
  readonly description: string;
  readonly environment?: Record<string, string>;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly reservedConcurrency: number;
  /** The key of the dead-letter queues. */
  readonly queueKey: kms.IKey;
  /** The key of the log group (its policy must admit CloudWatch Logs: a `KeyPurpose.LOGS` key). */
  readonly logKey: kms.IKey;
  /** Where messages in the dead-letter queue are announced. */
  readonly alertTopic: SecurityAlertTopic;
  /** What the function may do, besides logging, networking and its dead-letter queue. */
  readonly statements: iam.PolicyStatement[];
  /** @default - not in a VPC */
  readonly network?: FunctionNetwork;
  /** How long the function's logs are kept. @default a year */
  readonly logRetention?: logs.RetentionDays;
  /** Where the result of a successful asynchronous invocation goes (its role gets no grant: add it to `statements`). @default - none */
  readonly onSuccess?: lambda.IDestination;
}

/** What `hardenedFunction` created. */
export interface HardenedFunction {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  /** The role's one customer-managed policy. */
  readonly policy: iam.ManagedPolicy;
  readonly logGroup: logs.LogGroup;
  readonly deadLetterQueue: sqs.Queue;
  readonly deadLetterAlarm: cloudwatch.Alarm;
}

/** How long failed events are kept: SQS's longest retention. */
const RETENTION = Duration.days(14);

/**
 * A Lambda function of this library, hardened alike wherever it is used: the current Node.js
 * runtime; the bundle made when the package was built; its own log group (KMS-encrypted, kept a
 * year, retained), passed to the function; a KMS-encrypted, TLS-only dead-letter queue with its own
 * redrive to an archive queue, and an alarm to the alert topic when an event lands in it; reserved
 * concurrency; a role with one customer-managed policy and nothing inline (CDK's own additions to
 * the role are dropped: the policy holds them); in a VPC when `network` is given.
 *
 * Its children get fixed ids in `scope`: `LogGroup`, `DeadLetterArchive`, `DeadLetterQueue`,
 * `DeadLetterAlarm`, `Role`, `Policy`, `Function`.
 */
export function hardenedFunction(scope: Construct, options: HardenedFunctionOptions): HardenedFunction {
  const logGroup = new logs.LogGroup(scope, 'LogGroup', {
    encryptionKey: options.logKey,
    retention: options.logRetention ?? logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const { deadLetterQueue, deadLetterAlarm } = createDeadLetterQueue(scope, options);

  const policy = new iam.ManagedPolicy(scope, 'Policy', {
    description: options.description,
    statements: functionStatements(scope, options, logGroup, deadLetterQueue),
  });
  const role = new iam.Role(scope, 'Role', {
    description: options.description,
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [policy],
  });

  const fn = new lambda.Function(scope, 'Function', {
    description: options.description,
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    handler: 'index.handler',
    code: handlerCode(options.handler),
    // What CDK would add to the role (the queue, logging) is already in the managed policy.
    role: role.withoutPolicyUpdates(),
    environment: options.environment,
    timeout: options.timeout,
    memorySize: options.memorySize,
    reservedConcurrentExecutions: options.reservedConcurrency,
    deadLetterQueue,
    onSuccess: options.onSuccess,
    logGroup,
    loggingFormat: lambda.LoggingFormat.JSON,
    ...(options.network ? {
      vpc: options.network.vpc,
      vpcSubnets: { subnets: options.network.subnets },
      securityGroups: [options.network.securityGroup],
    } : {}),
  });
  // Lambda checks at creation that the role may create the function's network interfaces.
  fn.node.addDependency(policy);
  return { function: fn, role, policy, logGroup, deadLetterQueue, deadLetterAlarm };
}

/** The dead-letter queue, the archive it redrives to, and the alarm on events landing in it. */
function createDeadLetterQueue(scope: Construct, options: HardenedFunctionOptions): Pick<HardenedFunction, 'deadLetterQueue' | 'deadLetterAlarm'> {
  const queueProps: sqs.QueueProps = {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: options.queueKey,
    enforceSSL: true,
    retentionPeriod: RETENTION,
  };
  // The archive is a dead-letter queue itself (AWS Control Tower CT.SQS.PR.1 asks every other
  // queue for a redrive); naming its one source would make the two queues reference each other.
  const archive = new sqs.Queue(scope, 'DeadLetterArchive', {
    ...queueProps,
    redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.ALLOW_ALL },
  });
  const deadLetterQueue = new sqs.Queue(scope, 'DeadLetterQueue', {
    ...queueProps,
    deadLetterQueue: { queue: archive, maxReceiveCount: 10 },
  });
  const deadLetterAlarm = alarmOnDeadLetters(scope, deadLetterQueue,
    `cdk-soc2-ml: an event the function could not handle is in its dead-letter queue (${options.description}). Read it from the queue, fix the cause and handle the event again.`);
  deadLetterAlarm.addAlarmAction(new cloudwatchActions.SnsAction(options.alertTopic.topic));
  return { deadLetterQueue, deadLetterAlarm };
}

/** Everything the function's one policy allows: its own logs, its dead-letter queue, its network and `options.statements`. */
function functionStatements(scope: Construct, options: HardenedFunctionOptions, logGroup: logs.LogGroup, deadLetterQueue: sqs.Queue): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'WriteOwnLogs',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
    new iam.PolicyStatement({
      sid: 'SendFailedEventsToDeadLetterQueue',
      actions: ['sqs:SendMessage'],
      resources: [deadLetterQueue.queueArn],
    }),
    new iam.PolicyStatement({
      sid: 'EncryptFailedEvents',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [options.queueKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `sqs.${Aws.REGION}.amazonaws.com` } },
    }),
    ...(options.network ? networkStatements(scope, options.network) : []),
    ...options.statements,
  ];
}

/**
 * What Lambda needs to place a function in a VPC (its network interfaces are created with the
 * function's role), named by subnet, security group and this account's network interfaces.
 */
function networkStatements(scope: Construct, network: FunctionNetwork): iam.PolicyStatement[] {
  const arn = (resource: string, resourceName: string) => Stack.of(scope).formatArn({ service: 'ec2', resource, resourceName });
  const interfaces = arn('network-interface', '*');
  return [
    new iam.PolicyStatement({
      sid: 'CreateNetworkInterfacesInTheWorkloadSubnets',
      actions: ['ec2:CreateNetworkInterface'],
      resources: [...network.subnets.map((s) => arn('subnet', s.subnetId)), arn('security-group', network.securityGroup.securityGroupId), interfaces],
    }),
    new iam.PolicyStatement({
      sid: 'ManageOwnNetworkInterfaces',
      actions: ['ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
      resources: [interfaces],
    }),
    new iam.PolicyStatement({
      sid: 'DescribeNetwork',
      actions: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
      resources: ['*'],
    }),
  ];
}
