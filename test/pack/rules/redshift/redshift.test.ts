import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as redshift from 'aws-cdk-lib/aws-redshift';
import * as serverless from 'aws-cdk-lib/aws-redshiftserverless';
import { REDSHIFT_RULES } from '../../../../pack/rules/redshift';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * The Redshift controls over provisioned clusters and serverless namespaces and workgroups (L1
 * only in aws-cdk-lib). Every case is a hardened resource with one change.
 */

const PRIVATE = 'RedshiftNotPubliclyAccessible';
const ENCRYPTED = 'RedshiftEncrypted';
const AUDIT = 'RedshiftAuditLogging';
const TLS = 'RedshiftTlsRequired';
const IDS = new Set(REDSHIFT_RULES.map((r) => r.rule.id));

function failedRules(run: PackRun, constructPath: string): string[] {
  return (run.verdicts.find((v) => v.constructPath === constructPath)?.failed ?? []).map((f) => f.rule).filter((id) => IDS.has(id)).sort();
}

describe('Redshift controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const group = (id: string, requireSsl: string) => new redshift.CfnClusterParameterGroup(stack, id, {
        description: id, parameterGroupFamily: 'redshift-1.0', parameters: [{ parameterName: 'require_ssl', parameterValue: requireSsl }],
      });
      const hardened: redshift.CfnClusterProps = {
        clusterType: 'multi-node',
        numberOfNodes: 2,
        nodeType: 'ra3.xlplus',
        dbName: 'dev',
        masterUsername: 'admin',
        manageMasterPassword: true,
        masterPasswordSecretKmsKeyId: key.keyArn,
        kmsKeyId: key.keyArn,
        publiclyAccessible: false,
        clusterParameterGroupName: group('RequireSsl', 'true').ref,
        loggingProperties: { logDestinationType: 'cloudwatch', logExports: ['connectionlog', 'userlog', 'useractivitylog'] },
      };
      const cluster = (id: string, changes: Partial<redshift.CfnClusterProps> = {}) => new redshift.CfnCluster(stack, id, { ...hardened, ...changes });
      const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });

      cluster('Hardened');
      cluster('Public', { publiclyAccessible: true });
      const exposure = new CfnParameter(stack, 'Exposure', { type: 'String' });
      cluster('PublicParameter').addPropertyOverride('PubliclyAccessible', exposure.valueAsString);
      cluster('AwsOwnedKey', { kmsKeyId: undefined });
      cluster('Unencrypted').addPropertyOverride('Encrypted', false);
      cluster('NoLogging', { loggingProperties: undefined });
      cluster('S3Logging', { loggingProperties: { bucketName: 'audit-logs-bucket', s3KeyPrefix: 'redshift/' } });
      cluster('S3LoggingNoBucket', { loggingProperties: { logDestinationType: 's3' } });
      cluster('CloudWatchUserLogMissing', { loggingProperties: { logDestinationType: 'cloudwatch', logExports: ['connectionlog'] } });
      cluster('LoggingIf').addPropertyOverride('LoggingProperties', Fn.conditionIf(isProd.logicalId, hardened.loggingProperties, Fn.ref('AWS::NoValue')));
      cluster('DefaultParameterGroup', { clusterParameterGroupName: undefined });
      cluster('SslOff', { clusterParameterGroupName: group('NoSsl', 'false').ref });

      const namespace = (id: string, changes: Partial<serverless.CfnNamespaceProps> = {}) => new serverless.CfnNamespace(stack, id, {
        namespaceName: id.toLowerCase(), kmsKeyId: key.keyArn, logExports: ['connectionlog', 'userlog'], manageAdminPassword: true, ...changes,
      });
      namespace('Namespace');
      namespace('NamespaceAwsKey', { kmsKeyId: undefined });
      namespace('NamespaceNoLogs', { logExports: undefined });
      const workgroup = (id: string, changes: Partial<serverless.CfnWorkgroupProps> = {}) => new serverless.CfnWorkgroup(stack, id, {
        workgroupName: id.toLowerCase(), namespaceName: 'namespace', configParameters: [{ parameterKey: 'require_ssl', parameterValue: 'true' }], ...changes,
      });
      workgroup('Workgroup');
      workgroup('WorkgroupPublic', { publiclyAccessible: true });
      workgroup('WorkgroupNoSsl', { configParameters: undefined });
    });
  });

  test('the hardened cluster, namespace and workgroup pass every rule that reads them', () => {
    for (const rule of [PRIVATE, ENCRYPTED, AUDIT, TLS]) {
      expect(run.verdict('Test/Hardened', rule)).toBe('passed');
    }
    expect(failedRules(run, 'Test/Namespace')).toEqual([]);
    expect(failedRules(run, 'Test/Workgroup')).toEqual([]);
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/Public')).toEqual([PRIVATE]);
    expect(failedRules(run, 'Test/AwsOwnedKey')).toEqual([ENCRYPTED]);
    expect(failedRules(run, 'Test/NoLogging')).toEqual([AUDIT]);
    expect(failedRules(run, 'Test/SslOff')).toEqual([TLS]);
    expect(failedRules(run, 'Test/NamespaceAwsKey')).toEqual([ENCRYPTED]);
    expect(failedRules(run, 'Test/NamespaceNoLogs')).toEqual([AUDIT]);
    expect(failedRules(run, 'Test/WorkgroupPublic')).toEqual([PRIVATE]);
    expect(failedRules(run, 'Test/WorkgroupNoSsl')).toEqual([TLS]);
  });

  test('a public-access value synth cannot see fails closed', () => {
    expect(run.detail('Test/PublicParameter', PRIVATE)).toMatch(/cannot be known at synth/);
  });

  test('Encrypted false fails even with a key', () => {
    expect(run.verdict('Test/Unencrypted', ENCRYPTED)).toBe('failed');
  });

  test('audit logs go to a named bucket or export connection and user logs, in every branch', () => {
    expect(run.verdict('Test/S3Logging', AUDIT)).toBe('passed');
    expect(run.detail('Test/S3LoggingNoBucket', AUDIT)).toMatch(/name no BucketName/);
    expect(run.detail('Test/CloudWatchUserLogMissing', AUDIT)).toMatch(/userlog/);
    expect(run.verdict('Test/LoggingIf', AUDIT)).toBe('failed');
  });

  test('require_ssl must be true in the referenced group; the default group does not show it', () => {
    expect(run.detail('Test/DefaultParameterGroup', TLS)).toMatch(/default parameter group/);
    expect(run.detail('Test/SslOff', TLS)).toMatch(/require_ssl to "false"/);
    expect(run.detail('Test/WorkgroupNoSsl', TLS)).toMatch(/does not set require_ssl/);
  });
});
