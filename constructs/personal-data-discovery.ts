import { CfnDeletionPolicy, CustomResource, Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as macie from 'aws-cdk-lib/aws-macie';
import { Construct } from 'constructs';
import { DataClassification } from '../core/data-classification';
import { PlatformKey } from './platform-key';
import { KeyPurpose } from './key-purpose';
import { TagKeys } from '../core/tags';
import { Handler } from './private/handler-code';
import { hardenedFunction } from './private/hardened-function';
import { acknowledgeWildcardsOfKinds, flattenedArn, WildcardReasons } from './private/role-acknowledgements';
import { SecurityAlertTopic } from './security-alert-topic';
import { alertTarget } from './private/alert-destination';
import { complianceAcknowledgements } from '../core/nag-packs';
import { acknowledgeForPlatform } from '../core/acknowledgements';
import { Soc2MlError } from '../core/errors';

/**
 * Whether `PersonalDataDiscovery` enables Amazon Macie in the account and region or uses the Macie
 * that is already enabled (an account and region has one Macie session; enabling it twice fails).
 */
export class MacieSetup {
  /** Enable Macie here, publishing updated findings every 15 minutes; the session is retained. */
  public static readonly NEW_SESSION = new MacieSetup(false);

  /** Use the Macie already enabled (for example by a delegated administrator): nothing is created. */
  public static readonly EXISTING = new MacieSetup(true);

  private constructor(
    /** Whether the session exists already. */
    public readonly adopted: boolean,
  ) {}
}

export interface PersonalDataDiscoveryProps {
  /** Where Macie findings go. */
  readonly alertTopic: SecurityAlertTopic;

  /**
   * The account's Macie: enabled here, or the one that is enabled.
   *
   * @default MacieSetup.NEW_SESSION
   */
  readonly macie?: MacieSetup;

  /**
   * The key of the job-managing function's log group and dead-letter queues; its policy must admit
   * CloudWatch Logs.
   *
   * @default - a new `PlatformKey` for logs
   */
  readonly encryptionKey?: kms.IKey;
}

const NOT_IN_VPC_REASON = 'This function manages the account\'s Macie classification jobs for CloudFormation from the account baseline, which has no VPC: it calls only the Macie API and answers CloudFormation\'s presigned S3 URL, handles no data (Macie reads the buckets with its own service-linked role), runs only when the stack is deployed, and its role may only create, describe and cancel classification jobs.';

/**
 * Discovery of personal data with Amazon Macie (SOC 2 C1.1 and privacy): Macie enabled in the
 * account and region (or adopted), daily classification jobs over every bucket tagged
 * `PersonalData=true` and every bucket tagged `DataClassification=restricted` (chosen by tag each
 * time the job runs, so buckets of any stack, present or future, are covered without naming them),
 * and every Macie finding sent to the alert topic.
 *
 * CloudFormation has no resource for a classification job, so each job is a custom resource served
 * by a function of this construct, hardened like every function of this library (log group,
 * dead-letter queue, reserved concurrency, one customer-managed policy for Macie jobs only). Macie
 * reads objects with its service-linked role: a bucket's KMS key must let that role decrypt
 * (`PlatformKey` data keys do).
 */
export class PersonalDataDiscovery extends Construct {
  /** The Macie session, or undefined when an existing one is used. */
  public readonly session?: macie.CfnSession;
  /** The job over buckets tagged `PersonalData=true`. */
  public readonly personalDataJob: CustomResource;
  /** The job over buckets tagged `DataClassification=restricted` (and not `PersonalData=true`, which the first job covers). */
  public readonly restrictedDataJob: CustomResource;
  /** The function that creates and cancels the jobs. */
  public readonly function: lambda.Function;
  /** The rule that sends Macie findings to the alert topic. */
  public readonly findingsRule: events.Rule;

  constructor(scope: Construct, id: string, props: PersonalDataDiscoveryProps) {
    super(scope, id);
    if (!props?.alertTopic) {
      throw new Soc2MlError('alertTopic is required: pass the SecurityAlertTopic that Macie findings go to (for example the account baseline\'s alert topic).');
    }
    if ((props.macie ?? MacieSetup.NEW_SESSION).adopted === false) {
      this.session = new macie.CfnSession(this, 'Session', {
        status: 'ENABLED',
        findingPublishingFrequency: 'FIFTEEN_MINUTES',
      });
      // Deleting the session would disable Macie and delete its findings and discovery results.
      this.session.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
      this.session.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
    }

    const key = props.encryptionKey ?? new PlatformKey(this, 'Key', { purpose: KeyPurpose.LOGS }).key;
    const jobs = Stack.of(this).formatArn({ service: 'macie2', resource: 'classification-job', resourceName: '*' });
    const manager = hardenedFunction(this, {
      handler: Handler.MACIE_CLASSIFICATION_JOB,
      description: 'cdk-soc2-ml personal-data discovery: creates and cancels the Macie classification jobs of the account baseline',
      timeout: Duration.minutes(2),
      memorySize: 256,
      reservedConcurrency: 1,
      queueKey: key,
      logKey: key,
      alertTopic: props.alertTopic,
      statements: [new iam.PolicyStatement({
        sid: 'ManageClassificationJobs',
        actions: ['macie2:CreateClassificationJob', 'macie2:DescribeClassificationJob', 'macie2:UpdateClassificationJob'],
        resources: [jobs],
      })],
    });
    this.function = manager.function;
    acknowledgeWildcardsOfKinds(manager.policy, [[flattenedArn('macie2', 'classification-job/\\*'), WildcardReasons.MACIE_JOBS]]);
    acknowledgeForPlatform(manager.function,
      ...complianceAcknowledgements('LambdaInsideVPC', NOT_IN_VPC_REASON),
    );

    const job = (jobId: string, name: string, include: { Key: string; Value: string }, exclude?: { Key: string; Value: string }) => {
      const resource = new CustomResource(this, jobId, {
        serviceToken: this.function.functionArn,
        resourceType: 'Custom::MacieClassificationJob',
        properties: {
          Name: name,
          Description: `cdk-soc2-ml: daily discovery of personal data in the S3 buckets tagged ${include.Key}=${include.Value}${exclude ? ` (except those tagged ${exclude.Key}=${exclude.Value}, which another job covers)` : ''}`,
          IncludeTag: include,
          ...(exclude ? { ExcludeTag: exclude } : {}),
        },
      });
      // The function must be able to log and answer before CloudFormation calls it, and a job
      // needs Macie enabled.
      resource.node.addDependency(manager.policy, manager.logGroup);
      if (this.session) {
        resource.node.addDependency(this.session);
      }
      return resource;
    };
    const personal = { Key: TagKeys.PERSONAL_DATA, Value: 'true' };
    this.personalDataJob = job('PersonalDataJob', 'cdk-soc2-ml personal data', personal);
    this.restrictedDataJob = job('RestrictedDataJob', 'cdk-soc2-ml restricted data', { Key: TagKeys.DATA_CLASSIFICATION, Value: DataClassification.RESTRICTED }, personal);

    const field = (path: string) => events.EventField.fromPath(path);
    this.findingsRule = new events.Rule(this, 'FindingsToAlerts', {
      description: 'Amazon Macie findings (sensitive data found, bucket policy changes), to the security alert topic.',
      eventPattern: { source: ['aws.macie'], detailType: ['Macie Finding'] },
      targets: [alertTarget(props.alertTopic, events.RuleTargetInput.fromText(
        `Amazon Macie ${field('$.detail.severity.description')} finding in account ${field('$.detail.accountId')}, region ${field('$.detail.region')}: ${field('$.detail.title')} `
        + `Type: ${field('$.detail.type')}. Bucket: ${field('$.detail.resourcesAffected.s3Bucket.name')}, object: ${field('$.detail.resourcesAffected.s3Object.key')}. `
        + `Finding id: ${field('$.detail.id')} (Macie console, Findings). Check that the bucket is classified for what it holds (DataClassification, PersonalData) and that the data may be there.`,
      ))],
    });
  }
}
