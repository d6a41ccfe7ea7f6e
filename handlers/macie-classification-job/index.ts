/*
 * A CloudFormation custom resource for an Amazon Macie classification job, which CloudFormation has
 * no resource type for. Create makes a scheduled job; a job cannot be changed once made, so Update
 * makes a new one (CloudFormation then deletes the old); Delete cancels the job (Macie cannot delete
 * jobs, and its findings stay in Macie and in the alert history).
 */
import { CreateClassificationJobCommand, DescribeClassificationJobCommand, Macie2Client, UpdateClassificationJobCommand } from '@aws-sdk/client-macie2';
import { CustomResourceEvent, sendResponse } from '../shared/cfn-response';

const macie = new Macie2Client({});

/** A bucket tag, as the custom resource's properties carry it. */
export interface JobTag {
  readonly Key: string;
  readonly Value: string;
}

/** The custom resource's properties (CloudFormation passes every value as a string). */
export interface ClassificationJobProperties {
  /** The job's name; the request's id is appended, since a replacement exists beside the old job for a while. */
  readonly Name: string;
  readonly Description: string;
  /** Buckets with this tag are analyzed... */
  readonly IncludeTag: JobTag;
  /** ...unless they have this one. */
  readonly ExcludeTag?: JobTag;
}

/** The physical id of a job that was never created, so that its Delete has nothing to cancel. */
const NOT_CREATED = 'not-created-';

export async function handler(event: CustomResourceEvent): Promise<void> {
  try {
    if (event.RequestType === 'Delete') {
      await cancel(event.PhysicalResourceId);
      await sendResponse(event, { Status: 'SUCCESS', PhysicalResourceId: event.PhysicalResourceId ?? `${NOT_CREATED}${event.RequestId}` });
      return;
    }
    const job = await create(event.ResourceProperties as unknown as ClassificationJobProperties, event.RequestId);
    console.log(JSON.stringify({ request: event.RequestType, jobId: job.jobId, jobArn: job.jobArn }));
    await sendResponse(event, { Status: 'SUCCESS', PhysicalResourceId: job.jobId, Data: { JobId: job.jobId, JobArn: job.jobArn } });
  } catch (e) {
    const error = e as Error;
    console.log(JSON.stringify({ request: event.RequestType, error: error.name, message: error.message }));
    await sendResponse(event, {
      Status: 'FAILED',
      Reason: `${error.name}: ${error.message}`,
      PhysicalResourceId: event.PhysicalResourceId ?? `${NOT_CREATED}${event.RequestId}`,
    });
  }
}

async function create(props: ClassificationJobProperties, requestId: string): Promise<{ jobId: string; jobArn: string }> {
  const criteria = (tag: JobTag) => ({ and: [{ tagCriterion: { comparator: 'EQ' as const, tagValues: [{ key: tag.Key, value: tag.Value }] } }] });
  const created = await macie.send(new CreateClassificationJobCommand({
    // CloudFormation keeps the request id when it retries a request: the same job, not a second.
    clientToken: requestId,
    name: `${props.Name} (${requestId.slice(0, 8)})`,
    description: props.Description,
    // A daily scheduled job analyzes the objects created or changed since its last run, in the
    // buckets that match its criteria on that day (buckets created later included).
    jobType: 'SCHEDULED',
    scheduleFrequency: { dailySchedule: {} },
    initialRun: true,
    managedDataIdentifierSelector: 'RECOMMENDED',
    samplingPercentage: 100,
    s3JobDefinition: {
      // Exclusions take precedence over inclusions.
      bucketCriteria: {
        includes: criteria(props.IncludeTag),
        ...(props.ExcludeTag ? { excludes: criteria(props.ExcludeTag) } : {}),
      },
    },
  }));
  if (!created.jobId || !created.jobArn) {
    throw new Error('Macie created no job');
  }
  return { jobId: created.jobId, jobArn: created.jobArn };
}

async function cancel(jobId: string | undefined): Promise<void> {
  if (!jobId || jobId.startsWith(NOT_CREATED)) {
    return;
  }
  try {
    const job = await macie.send(new DescribeClassificationJobCommand({ jobId }));
    if (job.jobStatus === 'CANCELLED' || job.jobStatus === 'COMPLETE') {
      return;
    }
    await macie.send(new UpdateClassificationJobCommand({ jobId, jobStatus: 'CANCELLED' }));
  } catch (e) {
    if ((e as Error).name === 'ResourceNotFoundException') {
      return;
    }
    throw e;
  }
}
