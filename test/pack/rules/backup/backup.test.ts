import { CfnCondition, Fn, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PackRun, runPackOnStack } from '../../helpers';

const RULE = 'BackupVaultKmsEncryption';

describe(RULE, () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });
      const l1 = (v: backup.BackupVault) => v.node.defaultChild as backup.CfnBackupVault;
      new backup.BackupVault(stack, 'CustomerKey', { encryptionKey: key });
      new backup.BackupVault(stack, 'DefaultKey');
      l1(new backup.BackupVault(stack, 'AwsManagedOverride', { encryptionKey: key })).addPropertyOverride('EncryptionKeyArn', 'alias/aws/backup');
      new backup.CfnBackupVault(stack, 'ImportedKeyL1', { backupVaultName: 'imported', encryptionKeyArn: Fn.importValue('SharedBackupKeyArn') });
      new backup.CfnBackupVault(stack, 'ConditionalKeyL1', { backupVaultName: 'conditional', encryptionKeyArn: Fn.conditionIf(isProd.logicalId, key.keyArn, Fn.ref('AWS::NoValue')).toString() });
    });
  });

  test('passes a vault under a customer-managed key, also one imported from another stack', () => {
    expect(run.verdict('Test/CustomerKey/Resource', RULE)).toBe('passed');
    expect(run.verdict('Test/ImportedKeyL1', RULE)).toBe('passed');
  });

  test('fails the default AWS-managed key, saying so', () => {
    expect(run.verdict('Test/DefaultKey/Resource', RULE)).toBe('failed');
    expect(run.detail('Test/DefaultKey/Resource', RULE)).toMatch(/names no EncryptionKeyArn, so AWS Backup encrypts its recovery points with the AWS-managed key/);
  });

  test('fails an override to alias/aws/backup and a key a condition may remove', () => {
    expect(run.detail('Test/AwsManagedOverride/Resource', RULE)).toMatch(/AWS-managed key alias\/aws\/backup/);
    expect(run.verdict('Test/ConditionalKeyL1', RULE)).toBe('failed');
  });
});
