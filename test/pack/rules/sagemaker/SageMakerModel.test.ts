import { CfnCondition, CfnParameter, Fn, Stack, Token } from 'aws-cdk-lib';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { PackRun, runPackOnStack } from '../../helpers';
import { failedRules, platform } from './fixtures';

const ISOLATION = 'SageMakerModelNetworkIsolation';
const IN_VPC = 'SageMakerModelInVpc';

describe('SageMaker model rules', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const p = platform(stack);
      const hardened: sagemaker.CfnModelProps = {
        executionRoleArn: p.role.roleArn,
        primaryContainer: {
          image: `${stack.account}.dkr.ecr.${stack.region}.amazonaws.com/model:1`,
          modelDataUrl: 's3://models/model.tar.gz',
        },
        enableNetworkIsolation: true,
        vpcConfig: { subnets: p.subnetIds, securityGroupIds: p.securityGroupIds },
      };
      const model = (id: string, changes: Partial<sagemaker.CfnModelProps> = {}) =>
        new sagemaker.CfnModel(stack, id, { ...hardened, ...changes });
      const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });

      model('Hardened');
      model('IsolationAbsent', { enableNetworkIsolation: undefined });
      model('IsolationFalse', { enableNetworkIsolation: false });
      model('VpcAbsent', { vpcConfig: undefined });
      model('NoSubnets', { vpcConfig: { subnets: [], securityGroupIds: p.securityGroupIds } });
      model('NoSecurityGroups', { vpcConfig: { subnets: p.subnetIds, securityGroupIds: [] } });
      const isolate = new CfnParameter(stack, 'Isolate', { type: 'String', allowedValues: ['true', 'false'] });
      model('ParameterIsolation', { enableNetworkIsolation: Token.asAny(isolate) });
      model('IfIsolation', { enableNetworkIsolation: Fn.conditionIf(isProd.logicalId, true, false) });
      const subnets = new CfnParameter(stack, 'Subnets', { type: 'List<AWS::EC2::Subnet::Id>' });
      model('ParameterSubnets', { vpcConfig: { subnets: subnets.valueAsList, securityGroupIds: p.securityGroupIds } });
      model('StringTrue').addPropertyOverride('EnableNetworkIsolation', 'true');
      model('OverrideIsolation').addPropertyOverride('EnableNetworkIsolation', false);
      model('OverrideVpc').addPropertyDeletionOverride('VpcConfig');
    });
  });

  test('a fully hardened model fails no rule', () => {
    expect(failedRules(run, 'Test/Hardened')).toEqual([]);
    expect(run.verdict('Test/Hardened', ISOLATION)).toBe('passed');
    expect(run.verdict('Test/Hardened', IN_VPC)).toBe('passed');
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/IsolationAbsent')).toEqual([ISOLATION]);
    expect(failedRules(run, 'Test/IsolationFalse')).toEqual([ISOLATION]);
    expect(failedRules(run, 'Test/VpcAbsent')).toEqual([IN_VPC]);
    expect(failedRules(run, 'Test/NoSubnets')).toEqual([IN_VPC]);
    expect(failedRules(run, 'Test/NoSecurityGroups')).toEqual([IN_VPC]);
  });

  describe(ISOLATION, () => {
    test('fails when isolation is absent or false', () => {
      expect(run.verdict('Test/IsolationAbsent', ISOLATION)).toBe('failed');
      expect(run.verdict('Test/IsolationFalse', ISOLATION)).toBe('failed');
    });
    test('accepts the string "true"', () => {
      expect(run.verdict('Test/StringTrue', ISOLATION)).toBe('passed');
    });
    test('fails closed on a parameter and on a false branch', () => {
      expect(run.verdict('Test/ParameterIsolation', ISOLATION)).toBe('failed');
      expect(run.verdict('Test/IfIsolation', ISOLATION)).toBe('failed');
    });
    test('judges a property override', () => {
      expect(run.verdict('Test/OverrideIsolation', ISOLATION)).toBe('failed');
    });
  });

  describe(IN_VPC, () => {
    test('fails without VpcConfig, subnets or security groups', () => {
      expect(run.verdict('Test/VpcAbsent', IN_VPC)).toBe('failed');
      expect(run.detail('Test/NoSubnets', IN_VPC)).toMatch(/no Subnets/);
      expect(run.detail('Test/NoSecurityGroups', IN_VPC)).toMatch(/no SecurityGroupIds/);
    });
    test('a subnet-list parameter counts as subnets', () => {
      expect(run.verdict('Test/ParameterSubnets', IN_VPC)).toBe('passed');
    });
    test('judges a deletion override', () => {
      expect(run.verdict('Test/OverrideVpc', IN_VPC)).toBe('failed');
    });
  });
});
