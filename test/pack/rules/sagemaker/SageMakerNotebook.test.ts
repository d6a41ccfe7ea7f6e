import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { PackRun, runPackOnStack } from '../../helpers';
import { failedRules, platform } from './fixtures';

const NO_INTERNET = 'SageMakerNotebookNoDirectInternet';
const NO_ROOT = 'SageMakerNotebookNoRootAccess';
const KMS = 'SageMakerNotebookKms';
const IN_VPC = 'SageMakerNotebookInVpc';
const IMDS = 'SageMakerNotebookImdsV2';

describe('SageMaker notebook instance rules', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const p = platform(stack);
      const hardened: sagemaker.CfnNotebookInstanceProps = {
        instanceType: 'ml.t3.medium',
        roleArn: p.role.roleArn,
        directInternetAccess: 'Disabled',
        rootAccess: 'Disabled',
        kmsKeyId: p.key.keyArn,
        subnetId: p.subnetIds[0],
        securityGroupIds: p.securityGroupIds,
        instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: '2' },
      };
      const notebook = (id: string, changes: Partial<sagemaker.CfnNotebookInstanceProps> = {}) =>
        new sagemaker.CfnNotebookInstance(stack, id, { ...hardened, ...changes });
      const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });

      notebook('Hardened');
      // One control broken at a time.
      notebook('InternetAbsent', { directInternetAccess: undefined });
      notebook('InternetEnabled', { directInternetAccess: 'Enabled' });
      notebook('RootAbsent', { rootAccess: undefined });
      notebook('RootEnabled', { rootAccess: 'Enabled' });
      notebook('KeyAbsent', { kmsKeyId: undefined });
      notebook('KeyAwsManaged', { kmsKeyId: 'alias/aws/sagemaker' });
      notebook('SubnetAbsent', { subnetId: undefined, securityGroupIds: undefined });
      notebook('ImdsAbsent', { instanceMetadataServiceConfiguration: undefined });
      notebook('ImdsV1', { instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: '1' } });
      // Spellings and tokens.
      notebook('LowerCaseDisabled', { directInternetAccess: 'disabled', rootAccess: 'disabled' });
      const access = new CfnParameter(stack, 'Access', { type: 'String', allowedValues: ['Enabled', 'Disabled'] });
      notebook('ParameterAccess', { directInternetAccess: access.valueAsString, rootAccess: access.valueAsString });
      notebook('IfBothDisabled', { directInternetAccess: Fn.conditionIf(isProd.logicalId, 'Disabled', 'Disabled').toString() });
      notebook('IfOneEnabled', {
        directInternetAccess: Fn.conditionIf(isProd.logicalId, 'Disabled', 'Enabled').toString(),
        rootAccess: Fn.conditionIf(isProd.logicalId, 'Disabled', 'Enabled').toString(),
      });
      notebook('ImportedKey', { kmsKeyId: Fn.importValue('SharedKeyArn') });
      const subnet = new CfnParameter(stack, 'Subnet', { type: 'AWS::EC2::Subnet::Id' });
      notebook('ParameterSubnet', { subnetId: subnet.valueAsString });
      notebook('IfNoSubnet', { subnetId: Fn.conditionIf(isProd.logicalId, p.subnetIds[0], Fn.ref('AWS::NoValue')).toString() });
      const imds = (id: string, version: string) => notebook(id, { instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: version } });
      imds('ImdsParameterOnly2', new CfnParameter(stack, 'ImdsOnly2', { type: 'String', allowedValues: ['2'] }).valueAsString);
      imds('ImdsParameterEither', new CfnParameter(stack, 'ImdsEither', { type: 'String', allowedValues: ['1', '2'] }).valueAsString);
      imds('ImdsParameterFree', new CfnParameter(stack, 'ImdsFree', { type: 'String' }).valueAsString);
      imds('ImdsImported', Fn.importValue('ImdsVersion'));
      imds('ImdsIfBoth2', Fn.conditionIf(isProd.logicalId, '2', '2').toString());
      imds('ImdsIfOneV1', Fn.conditionIf(isProd.logicalId, '2', '1').toString());
      notebook('ImdsIfConfigRemoved', {
        instanceMetadataServiceConfiguration: Fn.conditionIf(isProd.logicalId, { MinimumInstanceMetadataServiceVersion: '2' }, Fn.ref('AWS::NoValue')),
      });
      // Escape hatches that break a hardened notebook.
      notebook('OverrideImds').addPropertyOverride('InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion', '1');
      notebook('OverrideImdsRemoved').addPropertyDeletionOverride('InstanceMetadataServiceConfiguration');
      notebook('OverrideImdsNumber').addPropertyOverride('InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion', 2);
      notebook('OverrideInternet').addPropertyOverride('DirectInternetAccess', 'Enabled');
      notebook('OverrideRoot').addPropertyDeletionOverride('RootAccess');
      notebook('OverrideKey').addPropertyOverride('KmsKeyId', 'alias/aws/sagemaker');
      notebook('OverrideSubnet').addPropertyDeletionOverride('SubnetId');
    });
  });

  test('a fully hardened notebook instance fails no rule', () => {
    expect(failedRules(run, 'Test/Hardened')).toEqual([]);
    for (const rule of [NO_INTERNET, NO_ROOT, KMS, IN_VPC, IMDS]) {
      expect(run.verdict('Test/Hardened', rule)).toBe('passed');
    }
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/InternetAbsent')).toEqual([NO_INTERNET]);
    expect(failedRules(run, 'Test/InternetEnabled')).toEqual([NO_INTERNET]);
    expect(failedRules(run, 'Test/RootAbsent')).toEqual([NO_ROOT]);
    expect(failedRules(run, 'Test/RootEnabled')).toEqual([NO_ROOT]);
    expect(failedRules(run, 'Test/KeyAbsent')).toEqual([KMS]);
    expect(failedRules(run, 'Test/KeyAwsManaged')).toEqual([KMS]);
    expect(failedRules(run, 'Test/SubnetAbsent')).toEqual([IN_VPC]);
    expect(failedRules(run, 'Test/ImdsAbsent')).toEqual([IMDS]);
    expect(failedRules(run, 'Test/ImdsV1')).toEqual([IMDS]);
  });

  describe(NO_INTERNET, () => {
    test('fails when DirectInternetAccess is absent, because the default is Enabled', () => {
      expect(run.verdict('Test/InternetAbsent', NO_INTERNET)).toBe('failed');
      expect(run.detail('Test/InternetAbsent', NO_INTERNET)).toMatch(/default, Enabled/);
    });
    test('fails Enabled and passes Disabled in any case', () => {
      expect(run.verdict('Test/InternetEnabled', NO_INTERNET)).toBe('failed');
      expect(run.verdict('Test/LowerCaseDisabled', NO_INTERNET)).toBe('passed');
    });
    test('fails closed on a parameter, which can be Enabled at deploy time', () => {
      expect(run.verdict('Test/ParameterAccess', NO_INTERNET)).toBe('failed');
      expect(run.detail('Test/ParameterAccess', NO_INTERNET)).toMatch(/not a literal Disabled/);
    });
    test('judges every Fn::If branch', () => {
      expect(run.verdict('Test/IfBothDisabled', NO_INTERNET)).toBe('passed');
      expect(run.verdict('Test/IfOneEnabled', NO_INTERNET)).toBe('failed');
    });
    test('judges a property override', () => {
      expect(run.verdict('Test/OverrideInternet', NO_INTERNET)).toBe('failed');
    });
  });

  describe(NO_ROOT, () => {
    test('fails when RootAccess is absent or Enabled', () => {
      expect(run.verdict('Test/RootAbsent', NO_ROOT)).toBe('failed');
      expect(run.verdict('Test/RootEnabled', NO_ROOT)).toBe('failed');
      expect(run.verdict('Test/LowerCaseDisabled', NO_ROOT)).toBe('passed');
    });
    test('fails closed on a parameter and on an Enabled branch', () => {
      expect(run.verdict('Test/ParameterAccess', NO_ROOT)).toBe('failed');
      expect(run.verdict('Test/IfOneEnabled', NO_ROOT)).toBe('failed');
    });
    test('names a branch only when the setting has several', () => {
      expect(run.detail('Test/RootEnabled', NO_ROOT)).toBe('Its RootAccess is Enabled.');
      expect(run.detail('Test/IfOneEnabled', NO_ROOT)).toBe('Its RootAccess is Enabled (in at least one branch).');
      expect(run.detail('Test/ImdsV1', IMDS)).toMatch(/^Its MinimumInstanceMetadataServiceVersion is "1", so/);
      expect(run.detail('Test/ImdsIfOneV1', IMDS)).toMatch(/^Its MinimumInstanceMetadataServiceVersion is "1" \(in at least one branch\), so/);
    });
    test('judges a deletion override', () => {
      expect(run.verdict('Test/OverrideRoot', NO_ROOT)).toBe('failed');
    });
  });

  describe(KMS, () => {
    test('fails without a key and with the AWS-managed key', () => {
      expect(run.verdict('Test/KeyAbsent', KMS)).toBe('failed');
      expect(run.verdict('Test/KeyAwsManaged', KMS)).toBe('failed');
      expect(run.detail('Test/KeyAwsManaged', KMS)).toMatch(/alias\/aws\/sagemaker/);
    });
    test('an imported key ARN counts as customer-managed', () => {
      expect(run.verdict('Test/ImportedKey', KMS)).toBe('passed');
    });
    test('judges a property override', () => {
      expect(run.verdict('Test/OverrideKey', KMS)).toBe('failed');
    });
  });

  describe(IN_VPC, () => {
    test('fails without a subnet', () => {
      expect(run.verdict('Test/SubnetAbsent', IN_VPC)).toBe('failed');
    });
    test('a subnet parameter counts as a subnet', () => {
      expect(run.verdict('Test/ParameterSubnet', IN_VPC)).toBe('passed');
    });
    test('fails when a Fn::If branch removes the subnet', () => {
      expect(run.verdict('Test/IfNoSubnet', IN_VPC)).toBe('failed');
    });
    test('judges a deletion override', () => {
      expect(run.verdict('Test/OverrideSubnet', IN_VPC)).toBe('failed');
    });
  });

  describe(IMDS, () => {
    test('fails when the setting is absent, because SageMaker then uses IMDSv1', () => {
      expect(run.verdict('Test/ImdsAbsent', IMDS)).toBe('failed');
      expect(run.detail('Test/ImdsAbsent', IMDS)).toMatch(/defaults to IMDSv1/);
    });
    test('fails version 1 and passes version 2', () => {
      expect(run.verdict('Test/ImdsV1', IMDS)).toBe('failed');
      expect(run.detail('Test/ImdsV1', IMDS)).toMatch(/"1"/);
      expect(run.verdict('Test/Hardened', IMDS)).toBe('passed');
    });
    test('a parameter counts by its AllowedValues', () => {
      expect(run.verdict('Test/ImdsParameterOnly2', IMDS)).toBe('passed');
      expect(run.verdict('Test/ImdsParameterEither', IMDS)).toBe('failed');
    });
    test('fails closed on a parameter without AllowedValues and on an import', () => {
      expect(run.verdict('Test/ImdsParameterFree', IMDS)).toBe('failed');
      expect(run.detail('Test/ImdsParameterFree', IMDS)).toMatch(/cannot be known at synth/);
      expect(run.verdict('Test/ImdsImported', IMDS)).toBe('failed');
    });
    test('judges every Fn::If branch, at the setting and at its configuration', () => {
      expect(run.verdict('Test/ImdsIfBoth2', IMDS)).toBe('passed');
      expect(run.verdict('Test/ImdsIfOneV1', IMDS)).toBe('failed');
      expect(run.verdict('Test/ImdsIfConfigRemoved', IMDS)).toBe('failed');
    });
    test('judges property overrides, and reads a number as CloudFormation does', () => {
      expect(run.verdict('Test/OverrideImds', IMDS)).toBe('failed');
      expect(run.verdict('Test/OverrideImdsRemoved', IMDS)).toBe('failed');
      expect(run.verdict('Test/OverrideImdsNumber', IMDS)).toBe('passed');
    });
    test('is an error with criteria CC6.6 and CC6.1', () => {
      const v = run.violations.find((x) => x.ruleName === IMDS);
      expect(v?.severity).toBe('error');
      expect(v?.description).toMatch(/\(SOC 2 CC6\.6, CC6\.1\)$/);
    });
  });

  test('notebook findings are errors with their criteria', () => {
    const v = run.violations.find((x) => x.ruleName === NO_INTERNET);
    expect(v?.severity).toBe('error');
    expect(v?.description).toMatch(/\(SOC 2 CC6\.6, CC6\.1\)$/);
  });
});
