import { CfnCondition, CfnParameter, Fn, Stack, Token } from 'aws-cdk-lib';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { PackRun, runPackOnStack } from '../../helpers';
import { failedRules, platform } from './fixtures';

const KMS = 'SageMakerEndpointConfigKms';
const CAPTURE_KMS = 'SageMakerEndpointConfigCaptureKms';
const MULTI = 'SageMakerEndpointConfigMultiInstance';

describe('SageMaker endpoint configuration rules', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const p = platform(stack);
      const model = new sagemaker.CfnModel(stack, 'Model', {
        executionRoleArn: p.role.roleArn,
        primaryContainer: { image: `${stack.account}.dkr.ecr.${stack.region}.amazonaws.com/model:1` },
        enableNetworkIsolation: true,
        vpcConfig: { subnets: p.subnetIds, securityGroupIds: p.securityGroupIds },
      });
      const variant: sagemaker.CfnEndpointConfig.ProductionVariantProperty = {
        variantName: 'AllTraffic',
        modelName: model.attrModelName,
        instanceType: 'ml.m5.large',
        initialInstanceCount: 2,
        initialVariantWeight: 1,
      };
      const capture: sagemaker.CfnEndpointConfig.DataCaptureConfigProperty = {
        enableCapture: true,
        initialSamplingPercentage: 100,
        destinationS3Uri: 's3://capture/endpoint',
        captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }],
        kmsKeyId: p.key.keyArn,
      };
      const hardened: sagemaker.CfnEndpointConfigProps = {
        productionVariants: [variant],
        kmsKeyId: p.key.keyArn,
        dataCaptureConfig: capture,
      };
      const config = (id: string, changes: Partial<sagemaker.CfnEndpointConfigProps> = {}) =>
        new sagemaker.CfnEndpointConfig(stack, id, { ...hardened, ...changes });
      const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stack.region, 'eu-west-1') });
      const serverless: sagemaker.CfnEndpointConfig.ProductionVariantProperty = {
        variantName: 'Serverless',
        modelName: model.attrModelName,
        serverlessConfig: { maxConcurrency: 5, memorySizeInMb: 2048 },
      };

      config('Hardened');
      config('KeyAbsent', { kmsKeyId: undefined });
      config('KeyAwsManaged', { kmsKeyId: 'alias/aws/sagemaker' });
      config('CaptureKeyAbsent', { dataCaptureConfig: { ...capture, kmsKeyId: undefined } });
      config('OneInstance', { productionVariants: [{ ...variant, initialInstanceCount: 1 }] });
      // Data capture.
      config('NoCapture', { dataCaptureConfig: undefined });
      config('CaptureDefaultEnabled', { dataCaptureConfig: { ...capture, enableCapture: undefined, kmsKeyId: undefined } });
      config('CaptureDisabled', { dataCaptureConfig: { ...capture, enableCapture: false, kmsKeyId: undefined } });
      const captureOn = new CfnParameter(stack, 'Capture', { type: 'String', allowedValues: ['true', 'false'] });
      config('CaptureParameter', { dataCaptureConfig: { ...capture, enableCapture: Token.asAny(captureOn), kmsKeyId: undefined } });
      config('CaptureImportedKey', { dataCaptureConfig: { ...capture, kmsKeyId: Fn.importValue('SharedKeyArn') } });
      config('OverrideCaptureKey').addPropertyOverride('DataCaptureConfig.KmsKeyId', 'alias/aws/s3');
      // Instance counts.
      config('TwoVariantsOneSmall', { productionVariants: [variant, { ...variant, variantName: 'Canary', initialInstanceCount: 1 }] });
      const count = new CfnParameter(stack, 'Count', { type: 'Number' });
      config('ParameterCount', { productionVariants: [{ ...variant, initialInstanceCount: count.valueAsNumber }] });
      config('IfCounts', { productionVariants: [{ ...variant, initialInstanceCount: Fn.conditionIf(isProd.logicalId, 3, 2) as unknown as number }] });
      config('IfOneCount', { productionVariants: [{ ...variant, initialInstanceCount: Fn.conditionIf(isProd.logicalId, 3, 1) as unknown as number }] });
      config('ServerlessOnly', { productionVariants: [serverless], dataCaptureConfig: undefined });
      config('ServerlessAndOneInstance', { productionVariants: [serverless, { ...variant, initialInstanceCount: 1 }] });
      config('ScalesInToOne', {
        productionVariants: [{ ...variant, managedInstanceScaling: { status: 'ENABLED', minInstanceCount: 1, maxInstanceCount: 4 } }],
      });
      config('ScalesInToTwo', {
        productionVariants: [{ ...variant, managedInstanceScaling: { status: 'ENABLED', minInstanceCount: 2, maxInstanceCount: 4 } }],
      });
      config('StringCount').addPropertyOverride('ProductionVariants.0.InitialInstanceCount', '2');
      config('OverrideCount').addPropertyOverride('ProductionVariants.0.InitialInstanceCount', 1);
      config('OverrideKey').addPropertyDeletionOverride('KmsKeyId');
    });
  });

  test('a fully hardened endpoint configuration fails no rule', () => {
    expect(failedRules(run, 'Test/Hardened')).toEqual([]);
    for (const rule of [KMS, CAPTURE_KMS, MULTI]) {
      expect(run.verdict('Test/Hardened', rule)).toBe('passed');
    }
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/KeyAbsent')).toEqual([KMS]);
    expect(failedRules(run, 'Test/KeyAwsManaged')).toEqual([KMS]);
    expect(failedRules(run, 'Test/CaptureKeyAbsent')).toEqual([CAPTURE_KMS]);
    expect(failedRules(run, 'Test/OneInstance')).toEqual([MULTI]);
  });

  describe(KMS, () => {
    test('fails without a key and with the AWS-managed key', () => {
      expect(run.verdict('Test/KeyAbsent', KMS)).toBe('failed');
      expect(run.verdict('Test/KeyAwsManaged', KMS)).toBe('failed');
    });
    test('judges a deletion override', () => {
      expect(run.verdict('Test/OverrideKey', KMS)).toBe('failed');
    });
    test('applies to serverless endpoints too', () => {
      expect(run.verdict('Test/ServerlessOnly', KMS)).toBe('passed');
    });
  });

  describe(CAPTURE_KMS, () => {
    test('fails enabled capture without a key', () => {
      expect(run.verdict('Test/CaptureKeyAbsent', CAPTURE_KMS)).toBe('failed');
    });
    test('capture without EnableCapture is on, so it needs a key', () => {
      expect(run.verdict('Test/CaptureDefaultEnabled', CAPTURE_KMS)).toBe('failed');
    });
    test('does not apply without data capture or with capture disabled', () => {
      expect(run.verdict('Test/NoCapture', CAPTURE_KMS)).toBe('not-applicable');
      expect(run.verdict('Test/CaptureDisabled', CAPTURE_KMS)).toBe('not-applicable');
    });
    test('capture switched by a parameter may be on, so it needs a key', () => {
      expect(run.verdict('Test/CaptureParameter', CAPTURE_KMS)).toBe('failed');
    });
    test('an imported key counts as customer-managed', () => {
      expect(run.verdict('Test/CaptureImportedKey', CAPTURE_KMS)).toBe('passed');
    });
    test('judges a property override to the AWS-managed S3 key', () => {
      expect(run.verdict('Test/OverrideCaptureKey', CAPTURE_KMS)).toBe('failed');
    });
  });

  describe(MULTI, () => {
    test('is a warning with criterion A1.2', () => {
      const v = run.violations.find((x) => x.ruleName === MULTI);
      expect(v?.severity).toBe('warning');
      expect(v?.description).toMatch(/\(SOC 2 A1\.2\)$/);
    });
    test('fails when any production variant starts with one instance', () => {
      expect(run.verdict('Test/OneInstance', MULTI)).toBe('failed');
      expect(run.verdict('Test/TwoVariantsOneSmall', MULTI)).toBe('failed');
      expect(run.detail('Test/TwoVariantsOneSmall', MULTI)).toMatch(/Canary/);
    });
    test('fails closed on a parameter count; judges every Fn::If branch', () => {
      expect(run.verdict('Test/ParameterCount', MULTI)).toBe('failed');
      expect(run.verdict('Test/IfCounts', MULTI)).toBe('passed');
      expect(run.verdict('Test/IfOneCount', MULTI)).toBe('failed');
    });
    test('does not judge serverless variants', () => {
      expect(run.verdict('Test/ServerlessOnly', MULTI)).toBe('not-applicable');
      expect(run.verdict('Test/ServerlessAndOneInstance', MULTI)).toBe('failed');
    });
    test('fails when managed scaling can scale in below two instances', () => {
      expect(run.verdict('Test/ScalesInToOne', MULTI)).toBe('failed');
      expect(run.verdict('Test/ScalesInToTwo', MULTI)).toBe('passed');
    });
    test('reads a numeric string and judges a property override', () => {
      expect(run.verdict('Test/StringCount', MULTI)).toBe('passed');
      expect(run.verdict('Test/OverrideCount', MULTI)).toBe('failed');
    });
  });
});
