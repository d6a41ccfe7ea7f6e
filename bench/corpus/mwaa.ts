/*
 * Amazon MWAA (Managed Workflows for Apache Airflow), which ML teams orchestrate training and data
 * pipelines with: an L1 environment with what it needs, each piece hardened (the DAG bucket, the
 * execution role MWAA documents, private subnets and a security group, a customer-managed key).
 */
import { Aws, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as mwaa from 'aws-cdk-lib/aws-mwaa';
import { CorpusCase, defineCase } from './kit';

const ENVIRONMENT_NAME = 'corpus-training-pipelines';

const AT_INFO = { enabled: true, logLevel: 'INFO' };

const mwaaEnvironment = defineCase({
  name: 'MwaaEnvironment',
  kind: 'AWS::MWAA::Environment',
  breaks: ['WebserverPublic', 'LoggingLeftOut', 'WebserverLogsOff', 'TaskLogsErrorsOnly', 'KeyLeftOut'],
  build(scope, broken, kit) {
    const stack = Stack.of(scope);
    // The DAG bucket: versioned, public access blocked (both of which MWAA requires), under the key.
    const dags = kit.bucket;

    // The execution role as MWAA documents it (mwaa-create-role), scoped to this environment.
    const role = new iam.Role(scope, 'ExecutionRole', {
      assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('airflow.amazonaws.com'), new iam.ServicePrincipal('airflow-env.amazonaws.com')),
    });
    dags.grantRead(role);
    kit.key.grantEncryptDecrypt(role);
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['airflow:PublishMetrics'],
      resources: [stack.formatArn({ service: 'airflow', resource: 'environment', resourceName: ENVIRONMENT_NAME })],
    }));
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:PutLogEvents', 'logs:GetLogEvents', 'logs:GetLogRecord', 'logs:GetLogGroupFields', 'logs:GetQueryResults'],
      resources: [`arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:airflow-${ENVIRONMENT_NAME}-*`],
    }));
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['logs:DescribeLogGroups', 's3:GetAccountPublicAccessBlock', 'cloudwatch:PutMetricData'],
      resources: ['*'],
    }));
    // The Celery queue lives in an account MWAA owns: its ARN names no account of ours.
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage', 'sqs:SendMessage'],
      resources: [`arn:${Aws.PARTITION}:sqs:${Aws.REGION}:*:airflow-celery-*`],
    }));

    // Airflow's components reach each other through the security group's self-reference.
    const securityGroup = kit.securityGroup;
    securityGroup.connections.allowInternally(ec2.Port.allTraffic(), 'Airflow components');

    const logging: mwaa.CfnEnvironment.LoggingConfigurationProperty = {
      webserverLogs: broken === 'WebserverLogsOff' ? { enabled: false, logLevel: 'INFO' } : AT_INFO,
      schedulerLogs: AT_INFO,
      taskLogs: broken === 'TaskLogsErrorsOnly' ? { enabled: true, logLevel: 'ERROR' } : AT_INFO,
      workerLogs: AT_INFO,
      dagProcessingLogs: AT_INFO,
    };
    new mwaa.CfnEnvironment(scope, 'Environment', {
      name: ENVIRONMENT_NAME,
      airflowVersion: '2.10.3',
      environmentClass: 'mw1.small',
      executionRoleArn: role.roleArn,
      sourceBucketArn: dags.bucketArn,
      dagS3Path: 'dags',
      networkConfiguration: { subnetIds: kit.subnetIds, securityGroupIds: [securityGroup.securityGroupId] },
      webserverAccessMode: broken === 'WebserverPublic' ? 'PUBLIC_ONLY' : 'PRIVATE_ONLY',
      loggingConfiguration: broken === 'LoggingLeftOut' ? undefined : logging,
      kmsKey: broken === 'KeyLeftOut' ? undefined : kit.key.keyArn,
    });
  },
});

export const CASES: readonly CorpusCase[] = [mwaaEnvironment];
