import { Aws, Duration, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lambdaEventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ARCHIVE_BUCKET_VARIABLE, DEFAULT_EVIDENCE_RETENTION_DAYS, EVIDENCE_RECORDS_PREFIX, validateEvidenceRetentionDays, validateStreamName } from '../core/evidence-records';
import { EVIDENCE_STREAMS, EvidenceStreamDefinition, HEARTBEAT_STREAM } from '../core/evidence-streams';
import { DataClassification } from '../core/data-classification';
import { complianceAcknowledgements } from '../core/nag-packs';
import { acknowledgeForPlatform } from '../core/acknowledgements';
import { KeyPurpose } from './key-purpose';
import { PlatformKey } from './platform-key';
import { Handler } from './private/handler-code';
import { HardenedFunction, hardenedFunction } from './private/hardened-function';
import { replicationAcknowledgements } from './private/nag-acknowledgements';
import { logRetentionAtLeast } from './private/retention';
import { acknowledgeWildcardsOfKinds, WildcardReasons } from './private/role-acknowledgements';
import { ObjectLockMode, SecureBucket } from './secure-bucket';
import { SecurityAlertTopic } from './security-alert-topic';
import { Soc2MlError } from '../core/errors';

export interface EvidenceArchiveProps {
  /** Where records the writer could not store (its dead-letter queue's alarm) are announced. */
  readonly alertTopic: SecurityAlertTopic;

  /**
   * How long every record is locked (Object Lock in compliance mode: nobody, the account root
   * included, can delete or overwrite it sooner), and at least how long the writer's logs are kept.
   * At least 400 days: a 12-month audit period and its fieldwork.
   *
   * @default 731
   */
  readonly retentionDays?: number;

  /**
   * The key of the bucket and of the queues.
   *
   * @default - a new `PlatformKey` for data, whose policy lets EventBridge send to the queue
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The key of the writer's log group; its policy must admit CloudWatch Logs.
   *
   * @default - a new `PlatformKey` for logs
   */
  readonly logEncryptionKey?: kms.IKey;

  /**
   * The environment the archive serves, used in the new keys' aliases.
   *
   * @default - no environment in the aliases
   */
  readonly environmentName?: string;
}

/** A stream added to an archive (`addStream`). */
export interface EvidenceStreamOptions {
  /** The stream's name: lowercase letters, digits and single hyphens; its records' partition. */
  readonly name: string;
  /** The SOC 2 criteria its records evidence (for example `['CC7.3']`); stored with every record. */
  readonly criteria: string[];
  /** What its records are. */
  readonly description: string;
  /** The events it archives, on the account's default event bus. */
  readonly eventPattern: events.EventPattern;
}

/** How many times SQS hands a record to the writer before it goes to the dead-letter queue. */
const MAX_RECEIVE_COUNT = 5;
const WRITER_TIMEOUT = Duration.minutes(1);

const SINGLE_REGION_REASON = 'The evidence archive holds the records of its own account and region and is deployed there by design, like the account baseline. Every record is locked in compliance mode for the evidence retention (nobody, the account root included, can delete or overwrite it sooner), the bucket is versioned, KMS-encrypted with a customer-managed key, TLS-only, access-logged and retained on stack deletion; the services it records keep their own copies for their own retention.';

const NOT_IN_VPC_REASON = 'The evidence archive writer runs in the account baseline, which has no VPC: it reads only its own queue and writes only records to the archive bucket through the regional S3 API, over TLS, with a role that may do nothing else.';

/**
 * The evidence archive of an account and region: where the records that show controls *operated*
 * over an audit period are kept for longer than the period. A `SecureBucket` with Object Lock in
 * compliance mode (default retention 731 days, nobody can shorten it), a customer-managed key and
 * access logging; EventBridge rules, one per stream, each named with the criteria it evidences,
 * sending to one KMS-encrypted SQS queue; and one hardened function that drains the queue and
 * writes each record with a SHA-256 checksum under `records/stream=<stream>/date=<day>/<id>.json`,
 * idempotently (a conditional put keyed by the event id).
 *
 * The standard streams (`EVIDENCE_STREAMS`) are created with the archive; add others with
 * `addStream`, or send events from a rule of another stack with `eventTarget()` (an event whose
 * source is `incident` or ends in `.incident` is stored in the incident stream).
 */
export class EvidenceArchive extends Construct {
  /** The Object Lock bucket that holds the records. */
  public readonly bucket: SecureBucket;
  /** The key of the bucket and of the queues. */
  public readonly encryptionKey: kms.IKey;
  /** The queue EventBridge rules send records to (any rule of this account may). */
  public readonly ingestQueue: sqs.Queue;
  /** The function that writes records. */
  public readonly writer: lambda.Function;
  /** The writer's log group. */
  public readonly writerLogGroup: logs.LogGroup;
  /** The key of the writer's log group (it admits CloudWatch Logs), for other functions of the archive's stack. */
  public readonly logEncryptionKey: kms.IKey;
  /** Where records the writer could not store are kept (an alarm reaches the alert topic). */
  public readonly deadLetterQueue: sqs.Queue;
  /** How long records are locked, in days. */
  public readonly retentionDays: number;
  /** The archive's streams, by name. */
  private readonly streamRules = new Map<string, events.Rule>();
  private readonly streamDefinitions: EvidenceStreamDefinition[] = [];

  constructor(scope: Construct, id: string, props: EvidenceArchiveProps) {
    super(scope, id);
    if (!props?.alertTopic) {
      throw new Soc2MlError('alertTopic is required: pass the SecurityAlertTopic where records the archive could not store are announced.');
    }
    this.retentionDays = props.retentionDays ?? DEFAULT_EVIDENCE_RETENTION_DAYS;
    if (!Token.isUnresolved(this.retentionDays)) {
      validateEvidenceRetentionDays(this.retentionDays, 'retentionDays');
    }
    this.encryptionKey = props.encryptionKey ?? this.createKey(props.environmentName);
    this.bucket = new SecureBucket(this, 'Bucket', {
      dataClassification: DataClassification.CONFIDENTIAL,
      encryptionKey: this.encryptionKey,
      objectLock: { mode: ObjectLockMode.COMPLIANCE, defaultRetentionDays: this.retentionDays },
    });
    acknowledgeForPlatform(this.bucket, ...replicationAcknowledgements(SINGLE_REGION_REASON));
    this.logEncryptionKey = props.logEncryptionKey ?? new PlatformKey(this, 'LogsKey', { purpose: KeyPurpose.LOGS, environmentName: props.environmentName }).key;
    const writer = this.createWriter(props);
    this.writer = writer.function;
    this.writerLogGroup = writer.logGroup;
    this.deadLetterQueue = writer.deadLetterQueue;
    this.ingestQueue = this.createIngestQueue(writer);
    this.writer.addEventSource(new lambdaEventSources.SqsEventSource(this.ingestQueue, { batchSize: 10, reportBatchItemFailures: true }));
    this.allowEventBridge();
    for (const stream of EVIDENCE_STREAMS) {
      this.addStandardStream(stream);
    }
  }

  /** The streams of this archive: the standard ones and those added with `addStream`. */
  public get streams(): readonly EvidenceStreamDefinition[] {
    return [...this.streamDefinitions];
  }

  /** The rule of a stream, or undefined. */
  public streamRule(name: string): events.Rule | undefined {
    return this.streamRules.get(name);
  }

  /**
   * Archive the events matching `eventPattern` on the account's default bus as the stream `name`,
   * each record stored with `criteria`. Returns the stream's rule (construct id `Stream<Name>`).
   */
  public addStream(options: EvidenceStreamOptions): events.Rule {
    validateStreamName(options?.name, 'name');
    if (this.streamRules.has(options.name)) {
      throw new Soc2MlError(`name is "${options.name}", a stream this archive has already: pick another name, or send to that stream.`);
    }
    if (!Array.isArray(options.criteria) || options.criteria.some((c) => typeof c !== 'string' || c.length === 0)) {
      throw new Soc2MlError(`criteria of stream "${options.name}" is ${JSON.stringify(options.criteria)}: pass the SOC 2 criteria its records evidence, for example ["CC7.3"].`);
    }
    return this.createStreamRule({ name: options.name, criteria: [...options.criteria], description: options.description }, { eventPattern: options.eventPattern });
  }

  /** The rule of a stream, sending to the queue with the stream's name and criteria. */
  private createStreamRule(stream: EvidenceStreamDefinition, selection: Pick<events.RuleProps, 'eventPattern' | 'schedule'>): events.Rule {
    const rule = new events.Rule(this, `Stream${pascal(stream.name)}`, {
      description: `cdk-soc2-ml evidence archive, stream ${stream.name} (${stream.criteria.join(', ')}): ${stream.description}`.slice(0, 512),
      ...selection,
      targets: [this.eventTarget(stream.name, [...stream.criteria])],
    });
    this.streamRules.set(stream.name, rule);
    this.streamDefinitions.push(stream);
    return rule;
  }

  /**
   * An EventBridge target that sends matched events to the archive as the stream `stream` (each
   * record stored with `criteria`), relying on the queue's own policy (any rule of this account),
   * so a rule of another stack can use it without changing this one.
   */
  public eventTarget(stream: string, criteria: string[] = []): events.IRuleTarget {
    validateStreamName(stream, 'stream');
    const queueArn = this.ingestQueue.queueArn;
    const template = `{"stream":${JSON.stringify(stream)},"criteria":${JSON.stringify(criteria)},"event":<aws.events.event.json>}`;
    return { bind: () => ({ arn: queueArn, input: new WholeEventInput(template) }) };
  }

  /** Let a principal read the records (and decrypt them). */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.bucket.grantRead(grantee);
  }

  private createKey(environmentName: string | undefined): kms.IKey {
    return new PlatformKey(this, 'Key', { purpose: KeyPurpose.DATA, environmentName }).key;
  }

  private createWriter(props: EvidenceArchiveProps): HardenedFunction {
    const writer = hardenedFunction(new Construct(this, 'Writer'), {
      handler: Handler.EVIDENCE_ARCHIVE_WRITER,
      description: 'cdk-soc2-ml evidence archive writer: stores each record of the archive queue in the Object Lock bucket, with a checksum, once',
      environment: { [ARCHIVE_BUCKET_VARIABLE]: this.bucket.bucket.bucketName },
      timeout: WRITER_TIMEOUT,
      memorySize: 256,
      reservedConcurrency: 2,
      queueKey: this.encryptionKey,
      logKey: this.logEncryptionKey,
      alertTopic: props.alertTopic,
      logRetention: logRetentionAtLeast(Token.isUnresolved(this.retentionDays) ? DEFAULT_EVIDENCE_RETENTION_DAYS : this.retentionDays),
      statements: this.writerStatements(),
    });
    acknowledgeWildcardsOfKinds(writer.policy, [[/^<[^>]+\.Arn>\/records\/\*$/, WildcardReasons.BUCKET_OBJECTS]]);
    acknowledgeForPlatform(writer.function, ...complianceAcknowledgements('LambdaInsideVPC', NOT_IN_VPC_REASON));
    return writer;
  }

  private writerStatements(): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({
        sid: 'WriteRecords',
        actions: ['s3:PutObject'],
        resources: [this.bucket.bucket.arnForObjects(`${EVIDENCE_RECORDS_PREFIX}*`)],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptRecords',
        actions: ['kms:GenerateDataKey'],
        resources: [this.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
      }),
    ];
  }

  /** The queue the rules send to, drained by the writer; messages it fails 5 times go to its dead-letter queue. */
  private createIngestQueue(writer: HardenedFunction): sqs.Queue {
    const queue = new sqs.Queue(this, 'IngestQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // Six times the function's timeout, as Lambda advises for an SQS event source.
      visibilityTimeout: Duration.seconds(WRITER_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: writer.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    // The function's role takes no policy updates (hardenedFunction): consuming is in its one policy.
    writer.policy.addStatements(
      new iam.PolicyStatement({
        sid: 'ConsumeRecords',
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
        resources: [queue.queueArn],
      }),
      new iam.PolicyStatement({
        sid: 'DecryptRecords',
        actions: ['kms:Decrypt'],
        resources: [this.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `sqs.${Aws.REGION}.amazonaws.com` } },
      }),
    );
    return queue;
  }

  /**
   * Let EventBridge rules of this account (and only them) send to the queue, and use the key
   * through SQS. EventBridge's KMS requests carry no aws:SourceAccount, so the key statement is
   * narrowed to requests SQS makes for it.
   */
  private allowEventBridge(): void {
    const events = new iam.ServicePrincipal('events.amazonaws.com');
    this.ingestQueue.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowEventBridgeRulesOfThisAccount',
      principals: [events],
      actions: ['sqs:SendMessage'],
      resources: [this.ingestQueue.queueArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/*` },
      },
    }));
    this.encryptionKey.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowEventBridgeThroughSqs',
      principals: [events],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'kms:ViaService': `sqs.${Aws.REGION}.amazonaws.com` } },
    }), true);
  }

  private addStandardStream(stream: EvidenceStreamDefinition): void {
    const pattern = stream.pattern;
    this.createStreamRule(stream, stream.name === HEARTBEAT_STREAM || !pattern
      ? { schedule: events.Schedule.rate(Duration.days(1)) }
      : { eventPattern: { source: pattern.source, detailType: pattern['detail-type'], detail: pattern.detail } });
  }
}

/** `model-approvals` → `ModelApprovals`. */
function pascal(name: string): string {
  return name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/**
 * An input template that embeds the whole event (`<aws.events.event.json>`, an EventBridge
 * predefined variable), which `RuleTargetInput.fromObject` cannot express.
 */
class WholeEventInput extends events.RuleTargetInput {
  constructor(private readonly template: string) {
    super();
  }

  public bind(): events.RuleTargetInputProperties {
    return { inputTemplate: this.template };
  }
}
