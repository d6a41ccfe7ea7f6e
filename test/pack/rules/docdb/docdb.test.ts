import { SecretValue, Stack } from 'aws-cdk-lib';
import * as docdb from 'aws-cdk-lib/aws-docdb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DOCDB_RULES } from '../../../../pack/rules/docdb';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * The DocumentDB cluster controls. Every case is the hardened L2 DatabaseCluster with one change,
 * as a prop or as a property override on its CfnDBCluster.
 */

const ENCRYPTED = 'DocDbStorageEncrypted';
const PROTECTED = 'DocDbDeletionProtection';
const PASSWORD = 'DocDbManagedPassword';
const AUDIT = 'DocDbAuditLogsExported';
const IDS = new Set(DOCDB_RULES.map((r) => r.rule.id));

function failedRules(run: PackRun, constructPath: string): string[] {
  return (run.verdicts.find((v) => v.constructPath === constructPath)?.failed ?? []).map((f) => f.rule).filter((id) => IDS.has(id)).sort();
}

const l1 = (c: docdb.DatabaseCluster) => c.node.defaultChild as docdb.CfnDBCluster;

describe('DocumentDB cluster controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'db', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      const group = (id: string, audit: string) => new docdb.ClusterParameterGroup(stack, id, { family: 'docdb5.0', parameters: { audit_logs: audit, tls: 'enabled' } });
      const hardened: docdb.DatabaseClusterProps = {
        masterUser: { username: 'dbadmin', kmsKey: key },
        instanceType: ec2.InstanceType.of(ec2.InstanceClass.R6G, ec2.InstanceSize.LARGE),
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        kmsKey: key,
        deletionProtection: true,
        exportAuditLogsToCloudWatch: true,
        parameterGroup: group('AuditOn', 'enabled'),
      };
      const cluster = (id: string, changes: Partial<docdb.DatabaseClusterProps> = {}) => new docdb.DatabaseCluster(stack, id, { ...hardened, ...changes });

      cluster('Hardened').addRotationSingleUser();
      cluster('NotEncrypted', { storageEncrypted: false, kmsKey: undefined });
      cluster('AwsManagedKey', { kmsKey: undefined });
      l1(cluster('KeyOverride')).addPropertyOverride('KmsKeyId', 'alias/aws/rds');
      cluster('Unprotected', { deletionProtection: false });
      cluster('LiteralPassword', { masterUser: { username: 'dbadmin', password: SecretValue.unsafePlainText('correct-horse-battery') } });
      const managed = l1(cluster('ManagedPassword'));
      managed.addPropertyDeletionOverride('MasterUserPassword');
      managed.addPropertyOverride('ManageMasterUserPassword', true);
      managed.addPropertyOverride('MasterUserSecretKmsKeyId', key.keyArn);
      const managedAws = l1(cluster('ManagedPasswordAwsKey'));
      managedAws.addPropertyDeletionOverride('MasterUserPassword');
      managedAws.addPropertyOverride('ManageMasterUserPassword', true);
      cluster('NoAuditExport', { exportAuditLogsToCloudWatch: false });
      cluster('AuditDisabled', { parameterGroup: group('AuditOff', 'disabled') });
      cluster('AuditDdlAndReads', { parameterGroup: group('AuditDdl', 'ddl,dml_read') });
      cluster('NoParameterGroup', { parameterGroup: undefined });
    });
  });

  test('the hardened L2 cluster passes every DocumentDB rule, and its secret raises no finding', () => {
    for (const rule of [ENCRYPTED, PROTECTED, PASSWORD, AUDIT]) {
      expect(run.verdict('Test/Hardened/Resource', rule)).toBe('passed');
    }
    expect(run.violations.filter((v) => v.constructPaths.some((p) => p.startsWith('Test/Hardened/')))).toEqual([]);
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/NotEncrypted/Resource')).toEqual([ENCRYPTED]);
    expect(failedRules(run, 'Test/AwsManagedKey/Resource')).toEqual([ENCRYPTED]);
    expect(failedRules(run, 'Test/Unprotected/Resource')).toEqual([PROTECTED]);
    expect(failedRules(run, 'Test/LiteralPassword/Resource')).toEqual([PASSWORD]);
    expect(failedRules(run, 'Test/NoAuditExport/Resource')).toEqual([AUDIT]);
    expect(failedRules(run, 'Test/AuditDisabled/Resource')).toEqual([AUDIT]);
  });

  test('an AWS-managed key by alias fails', () => {
    expect(run.detail('Test/KeyOverride/Resource', ENCRYPTED)).toMatch(/alias\/aws\/rds/);
  });

  test('a managed master password passes only under a customer-managed key', () => {
    expect(run.verdict('Test/ManagedPassword/Resource', PASSWORD)).toBe('passed');
    expect(run.detail('Test/ManagedPasswordAwsKey/Resource', PASSWORD)).toMatch(/aws\/secretsmanager/);
    expect(run.detail('Test/LiteralPassword/Resource', PASSWORD)).toMatch(/written literally/);
  });

  test('audit_logs must record events, and the default group does not', () => {
    expect(run.detail('Test/AuditDisabled/Resource', AUDIT)).toMatch(/audit_logs to "disabled"/);
    expect(run.verdict('Test/AuditDdlAndReads/Resource', AUDIT)).toBe('passed');
    expect(run.detail('Test/NoParameterGroup/Resource', AUDIT)).toMatch(/default parameter group/);
  });
});
