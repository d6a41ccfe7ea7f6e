import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { EFS_RULES } from '../../../../pack/rules/efs';
import { PackRun, runPackOnStack } from '../../helpers';

const ENCRYPTED = 'EfsEncrypted';
const TLS = 'EfsTlsOnly';
const BACKUPS = 'EfsAutomaticBackups';
const IDS = new Set(EFS_RULES.map((r) => r.rule.id));

function failedRules(run: PackRun, constructPath: string): string[] {
  const r = run.verdicts.find((v) => v.constructPath === constructPath);
  if (!r) {
    throw new Error(`No resource at ${constructPath}`);
  }
  return r.failed.map((f) => f.rule).filter((id) => IDS.has(id)).sort();
}

/** The statement the EFS console's "Enforce in-transit encryption for all clients" writes. */
const TLS_DENIAL = { Effect: 'Deny', Principal: { AWS: '*' }, Action: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };

describe('EFS controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
      // An existing VPC with one subnet: one mount target per file system keeps the synth small.
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0a1b2c3d4e5f67890', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-0a1b2c3d4e5f67890'] });
      const tlsStatement = (changes: Partial<iam.PolicyStatementProps> = {}) => new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['*'],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
        ...changes,
      });
      const fileSystem = (id: string, changes: Partial<efs.FileSystemProps> = {}) => new efs.FileSystem(stack, id, {
        vpc,
        encrypted: true,
        kmsKey: key,
        enableAutomaticBackups: true,
        fileSystemPolicy: new iam.PolicyDocument({ statements: [tlsStatement()] }),
        ...changes,
      });
      const l1 = (f: efs.FileSystem) => f.node.defaultChild as efs.CfnFileSystem;
      const policyOf = (...statements: iam.PolicyStatement[]) => new iam.PolicyDocument({ statements });
      const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });

      fileSystem('Hardened');

      // Encryption
      fileSystem('Unencrypted', { encrypted: false, kmsKey: undefined });
      l1(fileSystem('EncryptionOverridden')).addPropertyOverride('Encrypted', false);
      const onlyTrue = new CfnParameter(stack, 'EncryptedOn', { type: 'String', allowedValues: ['true'] });
      l1(fileSystem('EncryptedAllowedParameter')).addPropertyOverride('Encrypted', onlyTrue.valueAsString);
      const free = new CfnParameter(stack, 'EncryptedFree', { type: 'String' });
      l1(fileSystem('EncryptedFreeParameter')).addPropertyOverride('Encrypted', free.valueAsString);

      // Backups
      fileSystem('NoBackups', { enableAutomaticBackups: undefined });
      l1(fileSystem('BackupsDisabled')).addPropertyOverride('BackupPolicy.Status', 'DISABLED');
      l1(fileSystem('BackupsConditional')).addPropertyOverride('BackupPolicy.Status', Fn.conditionIf(isProd.logicalId, 'ENABLED', 'DISABLED'));
      // One Zone file systems created through the API back up by default.
      new efs.CfnFileSystem(stack, 'OneZoneL1', { encrypted: true, availabilityZoneName: 'us-east-1a', fileSystemPolicy: { Statement: [TLS_DENIAL] } });
      new efs.CfnFileSystem(stack, 'RegionalL1', { encrypted: true, fileSystemPolicy: { Statement: [TLS_DENIAL] } });

      // TLS
      fileSystem('NoPolicy', { fileSystemPolicy: undefined });
      fileSystem('MountOnly', { fileSystemPolicy: policyOf(tlsStatement({ actions: ['elasticfilesystem:ClientMount'] })) });
      fileSystem('AllClientActions', { fileSystemPolicy: policyOf(tlsStatement({ actions: ['elasticfilesystem:Client*'] })) });
      fileSystem('ResourcePattern', { fileSystemPolicy: policyOf(tlsStatement({ resources: [stack.formatArn({ service: 'elasticfilesystem', resource: 'file-system', resourceName: '*' })] })) });
      fileSystem('OtherFileSystem', { fileSystemPolicy: policyOf(tlsStatement({ resources: ['arn:aws:elasticfilesystem:us-east-1:111111111111:file-system/fs-99999999'] })) });
      fileSystem('ExtraCondition', { fileSystemPolicy: policyOf(tlsStatement({ conditions: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '111111111111' } } })) });
      fileSystem('ForAccountOnly', { fileSystemPolicy: policyOf(tlsStatement({ principals: [new iam.AccountRootPrincipal()] })) });
      l1(fileSystem('ConditionOverridden')).addPropertyOverride('FileSystemPolicy.Statement.0.Condition.Bool.aws:SecureTransport', 'true');
      l1(fileSystem('ImportedPolicy')).addPropertyOverride('FileSystemPolicy', Fn.importValue('SharedPolicy'));
      l1(fileSystem('PolicyConditional')).addPropertyOverride('FileSystemPolicy', Fn.conditionIf(isProd.logicalId, { Statement: [TLS_DENIAL] }, Fn.ref('AWS::NoValue')));
      l1(fileSystem('StatementConditional')).addPropertyOverride('FileSystemPolicy.Statement', [Fn.conditionIf(isProd.logicalId, TLS_DENIAL, Fn.ref('AWS::NoValue'))]);
      l1(fileSystem('JsonStringPolicy')).addPropertyOverride('FileSystemPolicy', JSON.stringify({ Version: '2012-10-17', Statement: [TLS_DENIAL] }));
    });
  });

  test('a hardened file system fails no rule', () => {
    expect(failedRules(run, 'Test/Hardened/Resource')).toEqual([]);
    for (const rule of [ENCRYPTED, TLS, BACKUPS]) {
      expect(run.verdict('Test/Hardened/Resource', rule)).toBe('passed');
    }
  });

  test('each single-control break fails only its rule', () => {
    const cases: [string, string][] = [
      ['Unencrypted', ENCRYPTED], ['EncryptionOverridden', ENCRYPTED],
      ['NoBackups', BACKUPS], ['BackupsDisabled', BACKUPS],
      ['NoPolicy', TLS], ['MountOnly', TLS], ['ConditionOverridden', TLS],
    ];
    for (const [id, rule] of cases) {
      expect({ id, failed: failedRules(run, `Test/${id}/Resource`) }).toEqual({ id, failed: [rule] });
    }
  });

  describe(ENCRYPTED, () => {
    test('fails encrypted: false and an override', () => {
      expect(run.detail('Test/Unencrypted/Resource', ENCRYPTED)).toMatch(/not encrypted at rest/);
      expect(run.verdict('Test/EncryptionOverridden/Resource', ENCRYPTED)).toBe('failed');
    });
    test('passes a parameter allowing only true; fails closed on one without allowed values', () => {
      expect(run.verdict('Test/EncryptedAllowedParameter/Resource', ENCRYPTED)).toBe('passed');
      expect(run.detail('Test/EncryptedFreeParameter/Resource', ENCRYPTED)).toMatch(/cannot know/);
    });
  });

  describe(BACKUPS, () => {
    test('fails the L2 default (no BackupPolicy) on a Regional file system, and DISABLED', () => {
      expect(run.detail('Test/NoBackups/Resource', BACKUPS)).toMatch(/no BackupPolicy/);
      expect(run.detail('Test/BackupsDisabled/Resource', BACKUPS)).toMatch(/DISABLED/);
      expect(run.verdict('Test/BackupsConditional/Resource', BACKUPS)).toBe('failed');
    });
    test('passes a One Zone file system without BackupPolicy (on by default) but not a Regional one', () => {
      expect(run.verdict('Test/OneZoneL1', BACKUPS)).toBe('passed');
      expect(run.verdict('Test/RegionalL1', BACKUPS)).toBe('failed');
    });
  });

  describe(TLS, () => {
    test('passes every client action by wildcard, an EFS ARN pattern, and a JSON-string policy', () => {
      expect(run.verdict('Test/AllClientActions/Resource', TLS)).toBe('passed');
      expect(run.verdict('Test/ResourcePattern/Resource', TLS)).toBe('passed');
      expect(run.verdict('Test/JsonStringPolicy/Resource', TLS)).toBe('passed');
      expect(run.verdict('Test/OneZoneL1', TLS)).toBe('passed');
    });
    test('fails no policy, a denial of ClientMount only, of another file system, or narrowed by principal or condition', () => {
      expect(run.detail('Test/NoPolicy/Resource', TLS)).toMatch(/no file system policy/);
      for (const id of ['MountOnly', 'OtherFileSystem', 'ExtraCondition', 'ForAccountOnly', 'ConditionOverridden']) {
        expect({ id, verdict: run.verdict(`Test/${id}/Resource`, TLS) }).toEqual({ id, verdict: 'failed' });
      }
    });
    test('fails closed on a policy it cannot read, and on a policy or statement a condition may drop', () => {
      expect(run.detail('Test/ImportedPolicy/Resource', TLS)).toMatch(/cannot be proven/);
      expect(run.verdict('Test/PolicyConditional/Resource', TLS)).toBe('failed');
      expect(run.verdict('Test/StatementConditional/Resource', TLS)).toBe('failed');
    });
  });
});
