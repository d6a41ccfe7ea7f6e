import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as neptune from 'aws-cdk-lib/aws-neptune';
import { NEPTUNE_RULES } from '../../../../pack/rules/neptune';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * The Neptune cluster controls (aws-cdk-lib has only the L1). Every case is the hardened
 * CfnDBCluster with one change, as a prop or as a property override.
 */

const ENCRYPTED = 'NeptuneStorageEncrypted';
const PROTECTED = 'NeptuneDeletionProtection';
const IAM = 'NeptuneIamAuth';
const AUDIT = 'NeptuneAuditLogsExported';
const IDS = new Set(NEPTUNE_RULES.map((r) => r.rule.id));

function failedRules(run: PackRun, constructPath: string): string[] {
  return (run.verdicts.find((v) => v.constructPath === constructPath)?.failed ?? []).map((f) => f.rule).filter((id) => IDS.has(id)).sort();
}

describe('Neptune cluster controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const group = (id: string, audit: number | string) => new neptune.CfnDBClusterParameterGroup(stack, id, { description: id, family: 'neptune1.3', parameters: { neptune_enable_audit_log: audit } });
      const hardened: neptune.CfnDBClusterProps = {
        storageEncrypted: true,
        kmsKeyId: key.keyArn,
        deletionProtection: true,
        iamAuthEnabled: true,
        enableCloudwatchLogsExports: ['audit'],
        dbClusterParameterGroupName: group('AuditOn', 1).ref,
      };
      const cluster = (id: string, changes: Partial<neptune.CfnDBClusterProps> = {}) => new neptune.CfnDBCluster(stack, id, { ...hardened, ...changes });
      const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });

      cluster('Hardened');
      cluster('NotEncrypted', { storageEncrypted: undefined, kmsKeyId: undefined });
      cluster('AwsManagedKey', { kmsKeyId: undefined });
      cluster('RestoredSilently', { storageEncrypted: undefined, kmsKeyId: undefined, snapshotIdentifier: 'graph-nightly' });
      cluster('Unprotected', { deletionProtection: false });
      cluster('NoIam', { iamAuthEnabled: undefined });
      const iam = new CfnParameter(stack, 'Iam', { type: 'String', allowedValues: ['true'] });
      cluster('IamParameter').addPropertyOverride('IamAuthEnabled', iam.valueAsString);
      cluster('IamIf').addPropertyOverride('IamAuthEnabled', Fn.conditionIf(isProd.logicalId, true, false));
      cluster('IamOverride').addPropertyOverride('IamAuthEnabled', false);
      cluster('NoAuditExport', { enableCloudwatchLogsExports: ['slowquery'] });
      cluster('AuditParameterOff', { dbClusterParameterGroupName: group('AuditOff', 0).ref });
      cluster('AuditParameterString', { dbClusterParameterGroupName: group('AuditOnString', '1').ref });
      cluster('DefaultParameterGroup', { dbClusterParameterGroupName: undefined });
      cluster('ImportedParameterGroup').addPropertyOverride('DBClusterParameterGroupName', Fn.importValue('SharedGroup'));
    });
  });

  test('the hardened cluster passes every Neptune rule', () => {
    for (const rule of [ENCRYPTED, PROTECTED, IAM, AUDIT]) {
      expect(run.verdict('Test/Hardened', rule)).toBe('passed');
    }
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/NotEncrypted')).toEqual([ENCRYPTED]);
    expect(failedRules(run, 'Test/AwsManagedKey')).toEqual([ENCRYPTED]);
    expect(failedRules(run, 'Test/Unprotected')).toEqual([PROTECTED]);
    expect(failedRules(run, 'Test/NoIam')).toEqual([IAM]);
    expect(failedRules(run, 'Test/NoAuditExport')).toEqual([AUDIT]);
    expect(failedRules(run, 'Test/AuditParameterOff')).toEqual([AUDIT]);
  });

  test('encryption names the AWS-managed key and what a restore would inherit', () => {
    expect(run.detail('Test/AwsManagedKey', ENCRYPTED)).toMatch(/names no KmsKeyId/);
    expect(run.detail('Test/RestoredSilently', ENCRYPTED)).toMatch(/the snapshot graph-nightly/);
  });

  test('IAM auth: a parameter allowing only true passes; a false branch or override fails', () => {
    expect(run.verdict('Test/IamParameter', IAM)).toBe('passed');
    expect(run.verdict('Test/IamIf', IAM)).toBe('failed');
    expect(run.verdict('Test/IamOverride', IAM)).toBe('failed');
  });

  test('the audit log must be exported and turned on in the cluster parameter group', () => {
    expect(run.detail('Test/NoAuditExport', AUDIT)).toMatch(/does not export its audit log/);
    expect(run.detail('Test/AuditParameterOff', AUDIT)).toMatch(/neptune_enable_audit_log to 0/);
    expect(run.verdict('Test/AuditParameterString', AUDIT)).toBe('passed');
    expect(run.detail('Test/DefaultParameterGroup', AUDIT)).toMatch(/default parameter group/);
    expect(run.detail('Test/ImportedParameterGroup', AUDIT)).toMatch(/cannot be known at synth/);
  });
});
