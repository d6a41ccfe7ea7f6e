import { CfnCondition, CfnParameter, Fn, Stack, Token } from 'aws-cdk-lib';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { PackRun, runPackOnStack } from '../../helpers';
import { failedRules, platform } from './fixtures';

const KMS = 'SageMakerEndpointConfigKms';
const CAPTURE_KMS = 'SageMakerEndpointConfigCaptureKms';
const MULTI = 'SageMakerEndpointConfigMultiInstance';
const ASYNC_KMS = 'SageMakerEndpointConfigAsyncKms';

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
      // Asynchronous inference: the pair differs only in the output key.
      const asyncOutput = (kmsKeyId?: string): sagemaker.CfnEndpointConfig.AsyncInferenceConfigProperty => ({
        outputConfig: { s3OutputPath: 's3://async/output', s3FailurePath: 's3://async/failure', kmsKeyId },
        clientConfig: { maxConcurrentInvocationsPerInstance: 4 },
      });
      config('AsyncKeyed', { asyncInferenceConfig: asyncOutput(p.key.keyArn) });
      config('AsyncKeyAbsent', { asyncInferenceConfig: asyncOutput() });
      config('AsyncKeyAwsManaged', { asyncInferenceConfig: asyncOutput('alias/aws/s3') });
      config('AsyncImportedKey', { asyncInferenceConfig: asyncOutput(Fn.importValue('SharedKeyArn')) });
      const asyncKey = new CfnParameter(stack, 'AsyncKey', { type: 'String' });
      config('AsyncParameterKey', { asyncInferenceConfig: asyncOutput(asyncKey.valueAsString) });
      config('AsyncIfNoKey', { asyncInferenceConfig: Fn.conditionIf(isProd.logicalId, asyncOutput(p.key.keyArn), asyncOutput()) });
      config('AsyncIfRemoved', { asyncInferenceConfig: Fn.conditionIf(isProd.logicalId, asyncOutput(p.key.keyArn), Fn.ref('AWS::NoValue')) });
      config('AsyncUnreadable', { asyncInferenceConfig: Token.asAny(Fn.importValue('AsyncConfig')) });
      config('OverrideAsyncKey', { asyncInferenceConfig: asyncOutput(p.key.keyArn) })
        .addPropertyOverride('AsyncInferenceConfig.OutputConfig.KmsKeyId', 'alias/aws/s3');
      config('OverrideAsyncAdded').addPropertyOverride('AsyncInferenceConfig', { OutputConfig: { S3OutputPath: 's3://async/output' } });
    });
  });

  test('a fully hardened endpoint configuration fails no rule', () => {
    expect(failedRules(run, 'Test/Hardened')).toEqual([]);
    for (const rule of [KMS, CAPTURE_KMS, MULTI]) {
      expect(run.verdict('Test/Hardened', rule)).toBe('passed');
    }
    expect(failedRules(run, 'Test/AsyncKeyed')).toEqual([]);
  });

  test('each single-control break fails only its rule', () => {
    expect(failedRules(run, 'Test/KeyAbsent')).toEqual([KMS]);
    expect(failedRules(run, 'Test/KeyAwsManaged')).toEqual([KMS]);
    expect(failedRules(run, 'Test/CaptureKeyAbsent')).toEqual([CAPTURE_KMS]);
    expect(failedRules(run, 'Test/OneInstance')).toEqual([MULTI]);
    expect(failedRules(run, 'Test/AsyncKeyAbsent')).toEqual([ASYNC_KMS]);
  });

  describe(ASYNC_KMS, () => {
    test('does not apply without asynchronous inference', () => {
      expect(run.verdict('Test/Hardened', ASYNC_KMS)).toBe('not-applicable');
      expect(run.verdict('Test/NoCapture', ASYNC_KMS)).toBe('not-applicable');
    });
    test('passes a customer-managed output key; fails none and the AWS-managed S3 key', () => {
      expect(run.verdict('Test/AsyncKeyed', ASYNC_KMS)).toBe('passed');
      expect(run.verdict('Test/AsyncKeyAbsent', ASYNC_KMS)).toBe('failed');
      expect(run.detail('Test/AsyncKeyAbsent', ASYNC_KMS)).toMatch(/no key is set/);
      expect(run.verdict('Test/AsyncKeyAwsManaged', ASYNC_KMS)).toBe('failed');
      expect(run.detail('Test/AsyncKeyAwsManaged', ASYNC_KMS)).toMatch(/alias\/aws\/s3/);
    });
    test('a key from an import or a parameter is a reference to a customer-managed key', () => {
      expect(run.verdict('Test/AsyncImportedKey', ASYNC_KMS)).toBe('passed');
      expect(run.verdict('Test/AsyncParameterKey', ASYNC_KMS)).toBe('passed');
    });
    test('judges every Fn::If branch; a branch without async inference needs no key', () => {
      expect(run.verdict('Test/AsyncIfNoKey', ASYNC_KMS)).toBe('failed');
      expect(run.verdict('Test/AsyncIfRemoved', ASYNC_KMS)).toBe('passed');
    });
    test('fails closed on a configuration synth cannot read', () => {
      expect(run.verdict('Test/AsyncUnreadable', ASYNC_KMS)).toBe('failed');
      expect(run.detail('Test/AsyncUnreadable', ASYNC_KMS)).toMatch(/cannot be read at synth/);
    });
    test('judges property overrides', () => {
      expect(run.verdict('Test/OverrideAsyncKey', ASYNC_KMS)).toBe('failed');
      expect(run.verdict('Test/OverrideAsyncAdded', ASYNC_KMS)).toBe('failed');
    });
    test('is an error with criteria CC6.1 and C1.1', () => {
      const v = run.violations.find((x) => x.ruleName === ASYNC_KMS);
      expect(v?.severity).toBe('error');
      expect(v?.description).toMatch(/\(SOC 2 CC6\.1, C1\.1\)$/);
    });
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
