import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { PackRun, runPackOnStack } from '../../helpers';
import { failedRules, platform } from './fixtures';

const VPC_ONLY = 'SageMakerDomainVpcOnly';
const KMS = 'SageMakerDomainKms';

describe('SageMaker domain rules', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const p = platform(stack);
      const hardened: sagemaker.CfnDomainProps = {
        domainName: 'studio',
        authMode: 'SSO',
        defaultUserSettings: { executionRole: p.role.roleArn, securityGroups: p.securityGroupIds },
        vpcId: p.vpc.vpcId,
        subnetIds: p.subnetIds,
        appNetworkAccessType: 'VpcOnly',
        kmsKeyId: p.key.keyId,
      };
      const domain = (id: string, changes: Partial<sagemaker.CfnDomainProps> = {}) =>
        new sagemaker.CfnDomain(stack, id, { ...hardened, ...changes });

      domain('Hardened');
      domain('AccessAbsent', { appNetworkAccessType: undefined });
      domain('PublicInternet', { appNetworkAccessType: 'PublicInternetOnly' });
      domain('KeyAbsent', { kmsKeyId: undefined });
      domain('KeyAwsManaged', { kmsKeyId: 'alias/aws/sagemaker' });
      const access = new CfnParameter(stack, 'Access', { type: 'String', allowedValues: ['VpcOnly', 'PublicInternetOnly'] });
      domain('ParameterAccess', { appNetworkAccessType: access.valueAsString });
      const keyArn = new CfnParameter(stack, 'KeyArn', { type: 'String' });
      domain('ParameterKey', { kmsKeyId: keyArn.valueAsString });
      domain('OverrideAccess').addPropertyOverride('AppNetworkAccessType', 'PublicInternetOnly');
      domain('OverrideKey').addPropertyDeletionOverride('KmsKeyId');
      domain('ImportedKey', { kmsKeyId: Fn.importValue('SharedKeyArn') });
    });
  });

  test('a fully hardened domain fails no rule', () => {
    expect(failedRules(run, 'Test/Hardened')).toEqual([]);
    expect(run.verdict('Test/Hardened', VPC_ONLY)).toBe('passed');
    expect(run.verdict('Test/Hardened', KMS)).toBe('passed');
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/AccessAbsent')).toEqual([VPC_ONLY]);
    expect(failedRules(run, 'Test/PublicInternet')).toEqual([VPC_ONLY]);
    expect(failedRules(run, 'Test/KeyAbsent')).toEqual([KMS]);
    expect(failedRules(run, 'Test/KeyAwsManaged')).toEqual([KMS]);
  });

  describe(VPC_ONLY, () => {
    test('fails when AppNetworkAccessType is absent, because the default is PublicInternetOnly', () => {
      expect(run.verdict('Test/AccessAbsent', VPC_ONLY)).toBe('failed');
      expect(run.detail('Test/AccessAbsent', VPC_ONLY)).toMatch(/PublicInternetOnly/);
    });
    test('fails PublicInternetOnly', () => {
      expect(run.verdict('Test/PublicInternet', VPC_ONLY)).toBe('failed');
    });
    test('fails closed on a parameter', () => {
      expect(run.verdict('Test/ParameterAccess', VPC_ONLY)).toBe('failed');
    });
    test('judges a property override', () => {
      expect(run.verdict('Test/OverrideAccess', VPC_ONLY)).toBe('failed');
    });
  });

  describe(KMS, () => {
    test('fails without a key and with the AWS-managed key', () => {
      expect(run.verdict('Test/KeyAbsent', KMS)).toBe('failed');
      expect(run.verdict('Test/KeyAwsManaged', KMS)).toBe('failed');
    });
    test('a key from a parameter or an import counts as customer-managed', () => {
      expect(run.verdict('Test/ParameterKey', KMS)).toBe('passed');
      expect(run.verdict('Test/ImportedKey', KMS)).toBe('passed');
    });
    test('judges a deletion override', () => {
      expect(run.verdict('Test/OverrideKey', KMS)).toBe('failed');
    });
  });
});
