import { CreateClassificationJobCommand, DescribeClassificationJobCommand, Macie2Client, UpdateClassificationJobCommand } from '@aws-sdk/client-macie2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../handlers/macie-classification-job';
import { CustomResourceEvent, sendResponse } from '../../handlers/shared/cfn-response';

vi.mock('../../handlers/shared/cfn-response', () => ({ sendResponse: vi.fn(async () => undefined) }));
const respond = sendResponse as unknown as import('vitest').MockedFunction<typeof sendResponse>;
const macie = mockClient(Macie2Client);
const JOB_ID = '3ce05dbb7ec5505def334104bexample';

function event(requestType: CustomResourceEvent['RequestType'], physicalId?: string): CustomResourceEvent {
  return {
    RequestType: requestType,
    ResponseURL: 'https://cloudformation-custom-resource-response.example/response',
    StackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/soc2ml-baseline/x',
    RequestId: 'a1b2c3d4-0000-4000-8000-000000000000',
    LogicalResourceId: 'PersonalDataDiscoveryRestrictedDataJob',
    PhysicalResourceId: physicalId,
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:x',
      Name: 'cdk-soc2-ml restricted data',
      Description: 'daily discovery',
      IncludeTag: { Key: 'DataClassification', Value: 'restricted' },
      ExcludeTag: { Key: 'PersonalData', Value: 'true' },
    },
  };
}

beforeAll(() => {
  process.env.AWS_REGION = 'eu-west-1';
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

beforeEach(() => {
  macie.reset();
  respond.mockClear();
});

describe('the Macie classification job custom resource', () => {
  test('creates a daily scheduled job over the tagged buckets, idempotent per request, and answers with its id', async () => {
    macie.on(CreateClassificationJobCommand).resolves({ jobId: JOB_ID, jobArn: `arn:aws:macie2:eu-west-1:111111111111:classification-job/${JOB_ID}` });
    await handler(event('Create'));
    const input = macie.commandCalls(CreateClassificationJobCommand)[0].args[0].input;
    expect(input).toEqual(expect.objectContaining({
      clientToken: 'a1b2c3d4-0000-4000-8000-000000000000',
      name: 'cdk-soc2-ml restricted data (a1b2c3d4)',
      jobType: 'SCHEDULED',
      scheduleFrequency: { dailySchedule: {} },
      initialRun: true,
      managedDataIdentifierSelector: 'RECOMMENDED',
      s3JobDefinition: {
        bucketCriteria: {
          includes: { and: [{ tagCriterion: { comparator: 'EQ', tagValues: [{ key: 'DataClassification', value: 'restricted' }] } }] },
          excludes: { and: [{ tagCriterion: { comparator: 'EQ', tagValues: [{ key: 'PersonalData', value: 'true' }] } }] },
        },
      },
    }));
    expect(respond).toHaveBeenCalledWith(expect.anything(), { Status: 'SUCCESS', PhysicalResourceId: JOB_ID, Data: { JobId: JOB_ID, JobArn: expect.stringContaining(JOB_ID) } });
  });

  test('on update, creates the new job (CloudFormation then deletes the old one)', async () => {
    macie.on(CreateClassificationJobCommand).resolves({ jobId: 'new', jobArn: 'arn:new' });
    await handler(event('Update', JOB_ID));
    expect(respond.mock.calls[0][1]).toEqual(expect.objectContaining({ Status: 'SUCCESS', PhysicalResourceId: 'new' }));
  });

  test('on delete, cancels a running job and leaves a finished one alone', async () => {
    macie.on(DescribeClassificationJobCommand).resolves({ jobStatus: 'IDLE' });
    await handler(event('Delete', JOB_ID));
    expect(macie.commandCalls(UpdateClassificationJobCommand).map((c) => c.args[0].input)).toEqual([{ jobId: JOB_ID, jobStatus: 'CANCELLED' }]);
    expect(respond.mock.calls[0][1]).toEqual({ Status: 'SUCCESS', PhysicalResourceId: JOB_ID });

    macie.reset();
    macie.on(DescribeClassificationJobCommand).resolves({ jobStatus: 'CANCELLED' });
    await handler(event('Delete', JOB_ID));
    expect(macie.commandCalls(UpdateClassificationJobCommand)).toHaveLength(0);
  });

  test('reports a failure to CloudFormation instead of leaving it waiting, and a failed create has nothing to cancel', async () => {
    macie.on(CreateClassificationJobCommand).rejects(Object.assign(new Error('Macie is not enabled'), { name: 'AccessDeniedException' }));
    await handler(event('Create'));
    const failed = respond.mock.calls[0][1];
    expect(failed).toEqual({ Status: 'FAILED', Reason: 'AccessDeniedException: Macie is not enabled', PhysicalResourceId: expect.stringMatching(/^not-created-/) });

    respond.mockClear();
    await handler(event('Delete', failed.PhysicalResourceId));
    expect(macie.commandCalls(DescribeClassificationJobCommand)).toHaveLength(0);
    expect(respond.mock.calls[0][1].Status).toBe('SUCCESS');
  });
});
