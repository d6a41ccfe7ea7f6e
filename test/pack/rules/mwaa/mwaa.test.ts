import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as mwaa from 'aws-cdk-lib/aws-mwaa';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * MwaaWebserverPrivate, MwaaLogging and MwaaKmsEncryption over L1 environments: each variant is
 * the hardened environment with one property changed (a prop, an override, a condition, a
 * parameter with and without AllowedValues, an import).
 */

const PRIVATE = 'MwaaWebserverPrivate';
const LOGGING = 'MwaaLogging';
const KMS = 'MwaaKmsEncryption';

const INFO = { enabled: true, logLevel: 'INFO' };
const LOGS: mwaa.CfnEnvironment.LoggingConfigurationProperty = { webserverLogs: INFO, schedulerLogs: INFO, taskLogs: INFO, workerLogs: INFO, dagProcessingLogs: INFO };

describe('MWAA environments', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const environment = (id: string, props: Partial<mwaa.CfnEnvironmentProps> = {}) => new mwaa.CfnEnvironment(stack, id, {
        name: id,
        executionRoleArn: 'arn:aws:iam::111111111111:role/airflow-execution',
        sourceBucketArn: 'arn:aws:s3:::airflow-dags-111111111111',
        dagS3Path: 'dags',
        networkConfiguration: { subnetIds: ['subnet-0a', 'subnet-0b'], securityGroupIds: ['sg-0a'] },
        webserverAccessMode: 'PRIVATE_ONLY',
        loggingConfiguration: LOGS,
        kmsKey: key.keyArn,
        ...props,
      });
      const parameter = (id: string, allowedValues?: string[]) => new CfnParameter(stack, id, { type: 'String', allowedValues }).valueAsString;

      environment('Hardened');

      environment('AccessModeAbsent', { webserverAccessMode: undefined });
      environment('PublicOnly', { webserverAccessMode: 'PUBLIC_ONLY' });
      environment('PublicAndPrivate').addPropertyOverride('WebserverAccessMode', 'PUBLIC_AND_PRIVATE');
      environment('PublicInBranch', { webserverAccessMode: Fn.conditionIf(useFeature.logicalId, 'PRIVATE_ONLY', 'PUBLIC_ONLY').toString() });
      environment('AccessParameterPrivate', { webserverAccessMode: parameter('AccessPrivate', ['PRIVATE_ONLY']) });
      environment('AccessParameterEither', { webserverAccessMode: parameter('AccessEither', ['PRIVATE_ONLY', 'PUBLIC_ONLY']) });
      environment('AccessParameterFree', { webserverAccessMode: parameter('AccessFree') });

      environment('NoLogging', { loggingConfiguration: undefined });
      environment('WebserverLogsOff', { loggingConfiguration: { ...LOGS, webserverLogs: { enabled: false, logLevel: 'INFO' } } });
      environment('TaskLogsLeftOut', { loggingConfiguration: { ...LOGS, taskLogs: undefined } });
      environment('SchedulerWarning', { loggingConfiguration: { ...LOGS, schedulerLogs: { enabled: true, logLevel: 'WARNING' } } });
      environment('LevelRemoved').addPropertyDeletionOverride('LoggingConfiguration.TaskLogs.LogLevel');
      environment('EnabledAsString').addPropertyOverride('LoggingConfiguration.WebserverLogs.Enabled', 'true');
      environment('LoggingInBranch').addPropertyOverride('LoggingConfiguration', Fn.conditionIf(useFeature.logicalId, Fn.ref('AWS::NoValue'), {
        WebserverLogs: { Enabled: true, LogLevel: 'INFO' }, SchedulerLogs: { Enabled: true, LogLevel: 'INFO' }, TaskLogs: { Enabled: true, LogLevel: 'INFO' },
      }));
      environment('EnabledParameterTrue').addPropertyOverride('LoggingConfiguration.TaskLogs.Enabled', parameter('TaskLogsOn', ['true']));
      environment('EnabledParameterFree').addPropertyOverride('LoggingConfiguration.TaskLogs.Enabled', parameter('TaskLogsFree'));
      environment('LevelParameter').addPropertyOverride('LoggingConfiguration.SchedulerLogs.LogLevel', parameter('SchedulerLevel', ['INFO', 'ERROR']));
      environment('LevelParameterFine').addPropertyOverride('LoggingConfiguration.SchedulerLogs.LogLevel', parameter('SchedulerLevelFine', ['INFO', 'DEBUG']));
      environment('ImportedLogging').addPropertyOverride('LoggingConfiguration', Fn.importValue('SharedAirflowLogging'));

      environment('NoKey', { kmsKey: undefined });
      environment('AwsManagedKey', { kmsKey: 'alias/aws/s3' });
      environment('KeyInBranch').addPropertyOverride('KmsKey', Fn.conditionIf(useFeature.logicalId, key.keyArn, Fn.ref('AWS::NoValue')));
      environment('KeyParameterOptional', { kmsKey: parameter('KeyOptional', ['', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab']) });
      environment('KeyParameterFree', { kmsKey: parameter('KeyFree') });
      environment('ImportedKey', { kmsKey: Fn.importValue('SharedAirflowKey') });
    });
  });

  describe(PRIVATE, () => {
    test('passes PRIVATE_ONLY and the default when absent', () => {
      expect(run.verdict('Test/Hardened', PRIVATE)).toBe('passed');
      expect(run.verdict('Test/AccessModeAbsent', PRIVATE)).toBe('passed');
    });

    test('fails a public web server, and the public load balancer of PUBLIC_AND_PRIVATE', () => {
      expect(run.detail('Test/PublicOnly', PRIVATE)).toBe('Its Airflow web server has a public endpoint (WebserverAccessMode PUBLIC_ONLY): the Airflow UI and REST API, which run and change pipelines, are reachable from the internet rather than only from inside the VPC.');
      expect(run.detail('Test/PublicAndPrivate', PRIVATE)).toMatch(/^Its Airflow web server has a public endpoint \(WebserverAccessMode PUBLIC_AND_PRIVATE\)/);
    });

    test('judges every branch and a parameter by its AllowedValues; fails closed on a free parameter', () => {
      expect(run.detail('Test/PublicInBranch', PRIVATE)).toMatch(/\(WebserverAccessMode PUBLIC_ONLY \(in at least one branch\)\)/);
      expect(run.verdict('Test/AccessParameterPrivate', PRIVATE)).toBe('passed');
      expect(run.detail('Test/AccessParameterEither', PRIVATE)).toMatch(/PUBLIC_ONLY \(in at least one branch\)/);
      expect(run.detail('Test/AccessParameterFree', PRIVATE)).toMatch(/^Its WebserverAccessMode comes from a value synth cannot read/);
    });
  });

  describe(LOGGING, () => {
    test('passes web server, scheduler and task logs on at INFO (a string "true" included)', () => {
      expect(run.verdict('Test/Hardened', LOGGING)).toBe('passed');
      expect(run.verdict('Test/EnabledAsString', LOGGING)).toBe('passed');
    });

    test('fails an environment without a logging configuration', () => {
      expect(run.detail('Test/NoLogging', LOGGING)).toBe('It has no LoggingConfiguration, so its web server, scheduler and task logs are not sent to CloudWatch Logs: neither who used the Airflow UI nor what its pipeline runs did is recorded.');
    });

    test('fails an audited log type turned off or left out', () => {
      expect(run.detail('Test/WebserverLogsOff', LOGGING)).toBe('Its web server logs are not sent to CloudWatch Logs (WebserverLogs.Enabled is false).');
      expect(run.detail('Test/TaskLogsLeftOut', LOGGING)).toBe('Its task logs are not sent to CloudWatch Logs (TaskLogs.Enabled is absent).');
    });

    test('fails a level coarser than INFO, or none', () => {
      expect(run.detail('Test/SchedulerWarning', LOGGING)).toBe('Its scheduler logs leave out the routine records of requests and runs (SchedulerLogs.LogLevel is "WARNING"; INFO or DEBUG keeps them).');
      expect(run.detail('Test/LevelRemoved', LOGGING)).toMatch(/\(TaskLogs\.LogLevel is absent; INFO or DEBUG keeps them\)/);
    });

    test('judges every branch and a parameter by its AllowedValues; fails closed on what synth cannot read', () => {
      expect(run.detail('Test/LoggingInBranch', LOGGING)).toMatch(/^Its web server logs are not sent to CloudWatch Logs \(WebserverLogs\.Enabled is absent \(in at least one branch\)\)\. Its scheduler logs/);
      expect(run.verdict('Test/EnabledParameterTrue', LOGGING)).toBe('passed');
      expect(run.detail('Test/EnabledParameterFree', LOGGING)).toBe('Its TaskLogs.Enabled comes from a value synth cannot read, so its task logs may be off once deployed.');
      expect(run.detail('Test/LevelParameter', LOGGING)).toMatch(/SchedulerLogs\.LogLevel is "ERROR" \(in at least one branch\)/);
      expect(run.verdict('Test/LevelParameterFine', LOGGING)).toBe('passed');
      expect(run.detail('Test/ImportedLogging', LOGGING)).toMatch(/^Its WebserverLogs\.Enabled comes from a value synth cannot read/);
    });
  });

  describe(KMS, () => {
    test('passes a customer-managed key, by reference or import', () => {
      expect(run.verdict('Test/Hardened', KMS)).toBe('passed');
      expect(run.verdict('Test/ImportedKey', KMS)).toBe('passed');
      expect(run.verdict('Test/KeyParameterFree', KMS)).toBe('passed');
    });

    test('fails no key (an AWS-owned key) and an AWS-managed alias', () => {
      expect(run.detail('Test/NoKey', KMS)).toBe('It names no KmsKey, so MWAA encrypts its metadata database, queue and logs with an AWS-owned key, not a customer-managed key whose use the account controls and audits.');
      expect(run.detail('Test/AwsManagedKey', KMS)).toBe('Its KmsKey names the AWS-managed key alias/aws/s3, not a customer-managed key.');
    });

    test('judges every branch, and a parameter by its AllowedValues', () => {
      expect(run.detail('Test/KeyInBranch', KMS)).toMatch(/^It names no KmsKey \(in at least one branch\)/);
      expect(run.detail('Test/KeyParameterOptional', KMS)).toMatch(/^It names no KmsKey \(in at least one branch\)/);
    });
  });
});
