import { Aws, Duration, Lazy, Names, Stage } from 'aws-cdk-lib';
import { Soc2MlError } from '../core/errors';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { Construct, IConstruct } from 'constructs';
import { EXCEPTION_METADATA_TYPE, ExceptionMetadata, acknowledgeForPlatform } from '../core/acknowledgements';
import { EXCEPTION_REVIEWS_TOPIC_VARIABLE, ExceptionReview, reviewPayload } from '../core/exception-reviews';
import { complianceAcknowledgements } from '../core/nag-packs';
import { EvidenceArchive } from './evidence-archive';
import { KeyPurpose } from './key-purpose';
import { PlatformKey } from './platform-key';
import { Handler } from './private/handler-code';
import { hardenedFunction } from './private/hardened-function';
import { SecurityAlertTopic } from './security-alert-topic';

export interface AccessReviewProps {
  /** Where the quarterly reminder goes. */
  readonly alertTopic: SecurityAlertTopic;

  /** Where the reminder is also archived, as evidence the review was asked for. */
  readonly evidenceArchive?: EvidenceArchive;

  /**
   * Whether to create the unused-access analyzer. IAM is global and the analyzer is billed per
   * role and user analyzed, so one region of an account should have it.
   *
   * @default true
   */
  readonly unusedAccess?: boolean;

  /**
   * Days without use after which a role, user, key or permission is reported as unused.
   *
   * @default 90
   */
  readonly unusedAccessAge?: number;

  /**
   * The key of the exception review function's log group (its policy must admit CloudWatch Logs).
   *
   * @default - the evidence archive's logs key, or a new `PlatformKey` for logs without an archive
   */
  readonly logEncryptionKey?: kms.IKey;
}

/** The stream the quarterly reminders are archived in. */
export const ACCESS_REVIEW_STREAM = 'access-review-reminders';

/**
 * Access reviews (SOC 2 CC6.2, CC6.3): IAM Access Analyzer for external access (resources shared
 * outside the account) and for unused access (roles, users, keys and permissions not used for
 * `unusedAccessAge` days), and a reminder on the first day of each quarter to the alert topic,
 * naming what to review and where the findings are. The findings themselves are archived by the
 * evidence archive's access-analyzer stream.
 */
export class AccessReview extends Construct {
  /** The external-access analyzer. */
  public readonly externalAccessAnalyzer: accessanalyzer.CfnAnalyzer;
  /** The unused-access analyzer, where created. */
  public readonly unusedAccessAnalyzer?: accessanalyzer.CfnAnalyzer;
  /** The quarterly reminder. */
  public readonly reminderRule: events.Rule;
  /**
   * The function the reminder invokes with the exceptions register's review dates: it alerts the
   * ones past due on the day it runs.
   */
  public readonly exceptionReviewFunction: lambda.Function;

  constructor(scope: Construct, id: string, props: AccessReviewProps) {
    super(scope, id);
    if (!props?.alertTopic) {
      throw new Soc2MlError('alertTopic is required: pass the SecurityAlertTopic the quarterly access review reminder goes to.');
    }
    const age = props.unusedAccessAge ?? 90;
    if (!Number.isInteger(age) || age < 1 || age > 365) {
      throw new Soc2MlError(`unusedAccessAge is ${JSON.stringify(age)}: pass a whole number of days from 1 to 365 (IAM Access Analyzer's range), for example 90.`);
    }
    const name = (suffix: string) => `${Names.uniqueResourceName(this, { maxLength: 200 })}-${suffix}`;
    this.externalAccessAnalyzer = new accessanalyzer.CfnAnalyzer(this, 'ExternalAccess', { type: 'ACCOUNT', analyzerName: name('external') });
    if (props.unusedAccess ?? true) {
      this.unusedAccessAnalyzer = new accessanalyzer.CfnAnalyzer(this, 'UnusedAccess', {
        type: 'ACCOUNT_UNUSED_ACCESS',
        analyzerName: name('unused'),
        analyzerConfiguration: { unusedAccessConfiguration: { unusedAccessAge: age } },
      });
    }
    const targets = [props.alertTopic.eventTarget(events.RuleTargetInput.fromText(this.reminderText(age)))];
    if (props.evidenceArchive) {
      targets.push(props.evidenceArchive.eventTarget(ACCESS_REVIEW_STREAM, ['CC6.2', 'CC6.3']));
    }
    this.reminderRule = new events.Rule(this, 'QuarterlyReminder', {
      description: 'cdk-soc2-ml: the quarterly access review reminder (SOC 2 CC6.2, CC6.3), on the first day of each quarter',
      schedule: events.Schedule.cron({ minute: '0', hour: '9', day: '1', month: '1,4,7,10' }),
      targets,
    });
    this.exceptionReviewFunction = this.createExceptionReviews(props);
  }

  /**
   * The exception review check: the reminder invokes a function with the review dates of every
   * exception of the app or pipeline stage (read from the construct tree at synth, after every acknowledgement is
   * made) and the time it fired; the function alerts the past-due ones, and its result goes to the
   * archive through its on-success destination on the default event bus.
   */
  private createExceptionReviews(props: AccessReviewProps): lambda.Function {
    const scope = new Construct(this, 'ExceptionReviews');
    const defaultBus = `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:event-bus/default`;
    const fn = hardenedFunction(scope, {
      handler: Handler.EXCEPTION_REVIEWS,
      description: 'cdk-soc2-ml quarterly access review: alerts the exceptions whose review date has passed',
      environment: { [EXCEPTION_REVIEWS_TOPIC_VARIABLE]: props.alertTopic.topicArn },
      timeout: Duration.seconds(30),
      memorySize: 128,
      reservedConcurrency: 1,
      queueKey: props.alertTopic.encryptionKey,
      logKey: props.logEncryptionKey ?? props.evidenceArchive?.logEncryptionKey ?? new PlatformKey(scope, 'LogsKey', { purpose: KeyPurpose.LOGS }).key,
      alertTopic: props.alertTopic,
      onSuccess: new destinations.EventBridgeDestination(),
      statements: [
        new iam.PolicyStatement({ sid: 'PublishAlerts', actions: ['sns:Publish'], resources: [props.alertTopic.topicArn] }),
        new iam.PolicyStatement({ sid: 'EncryptAlerts', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [props.alertTopic.encryptionKey.keyArn] }),
        new iam.PolicyStatement({ sid: 'SendResultToDefaultBus', actions: ['events:PutEvents'], resources: [defaultBus] }),
      ],
    });
    acknowledgeForPlatform(fn.function, ...complianceAcknowledgements('LambdaInsideVPC', NOT_IN_VPC_REASON));
    // The exceptions of the deployment this baseline belongs to: its stage (a pipeline stage), or the app.
    this.reminderRule.addTarget(new targets.LambdaFunction(fn.function, { event: new ReviewDatesInput(Stage.of(this) ?? this.node.root) }));
    if (props.evidenceArchive) {
      new events.Rule(scope, 'ResultToArchive', {
        description: `cdk-soc2-ml: the exception review check's result, archived in stream ${ACCESS_REVIEW_STREAM} (SOC 2 CC6.2, CC6.3)`,
        eventPattern: {
          source: ['lambda'],
          detailType: ['Lambda Function Invocation Result - Success'],
          detail: { requestContext: { functionArn: [{ prefix: fn.function.functionArn }] } },
        },
        targets: [props.evidenceArchive.eventTarget(ACCESS_REVIEW_STREAM, ['CC6.2', 'CC6.3'])],
      });
    }
    return fn.function;
  }

  private reminderText(age: number): string {
    const unused = this.unusedAccessAnalyzer ? `, ${this.unusedAccessAnalyzer.analyzerName} (roles, users, keys and permissions unused for ${age} days)` : '';
    return 'Quarterly access review (SOC 2 CC6.2, CC6.3) is due. Review and record, with the reviewer\'s name and date: '
      + '1) who holds each persona role in each environment (soc2ml:people, or your identity provider\'s groups) and whether each still needs it; '
      + `2) the active findings of IAM Access Analyzer (IAM console, Access analyzer): ${this.externalAccessAnalyzer.analyzerName} (resources shared outside the account)${unused}; `
      + 'archive or remove each one; 3) the acknowledged exceptions of the audit evidence (soc2-evidence/exceptions in the cloud assembly) whose review date has passed. '
      + 'The findings are also in the evidence archive (stream access-analyzer-findings), and this reminder in stream access-review-reminders.';
  }
}

const NOT_IN_VPC_REASON = 'The exception review function runs in the account baseline, which has no VPC: once a quarter it compares the review dates it is given with the day and publishes the past-due ones to the alert topic, through the regional SNS API over TLS, with a role that may do nothing else.';

/** The review dates of every exception acknowledged in the app, from the construct tree. */
export function exceptionReviewsIn(root: IConstruct): ExceptionReview[] {
  const reviews: ExceptionReview[] = [];
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      const data = entry.data as ExceptionMetadata | undefined;
      if (entry.type === EXCEPTION_METADATA_TYPE && data?.reviewBy !== undefined) {
        reviews.push({ reviewBy: data.reviewBy, rules: [...data.ids], at: c.node.path, ...(data.owner !== undefined ? { owner: data.owner } : {}) });
      }
    }
  }
  return reviews;
}

/**
 * The function's input: the review dates, read when the template is written (so acknowledgements
 * made after this construct count), and the time the schedule fired.
 */
class ReviewDatesInput extends events.RuleTargetInput {
  constructor(private readonly root: IConstruct) {
    super();
  }

  public bind(): events.RuleTargetInputProperties {
    return {
      inputPathsMap: { time: '$.time' },
      inputTemplate: Lazy.string({ produce: () => JSON.stringify(reviewPayload(exceptionReviewsIn(this.root))).replace(/^\{/, '{"time":<time>,') }),
    };
  }
}
