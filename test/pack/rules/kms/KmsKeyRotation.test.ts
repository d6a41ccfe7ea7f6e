import * as kms from 'aws-cdk-lib/aws-kms';
import { CfnParameter } from 'aws-cdk-lib';
import { PackRun, runPackOnStack } from '../../helpers';

const RULE = 'KmsKeyRotation';

describe(RULE, () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack) => {
      new kms.Key(stack, 'Rotating', { enableKeyRotation: true });
      new kms.Key(stack, 'NotRotating', { enableKeyRotation: false });
      new kms.Key(stack, 'Asymmetric', { keySpec: kms.KeySpec.ECC_NIST_P256, keyUsage: kms.KeyUsage.SIGN_VERIFY });
      const param = new CfnParameter(stack, 'Rotate', { type: 'String', allowedValues: ['true', 'false'] });
      new kms.CfnKey(stack, 'ParameterRotation', { enableKeyRotation: param.valueAsString as unknown as boolean, keyPolicy: {} });
      const onlyTrue = new CfnParameter(stack, 'AlwaysRotate', { type: 'String', allowedValues: ['true'] });
      new kms.CfnKey(stack, 'ParameterAlwaysTrue', { enableKeyRotation: onlyTrue.valueAsString as unknown as boolean, keyPolicy: {} });
      const free = new CfnParameter(stack, 'AnyRotation', { type: 'String' });
      new kms.CfnKey(stack, 'ParameterUnbounded', { enableKeyRotation: free.valueAsString as unknown as boolean, keyPolicy: {} });
    });
  });

  test('passes a rotating symmetric key', () => {
    expect(run.verdict('Test/Rotating/Resource', RULE)).toBe('passed');
  });

  test('fails a symmetric key without rotation', () => {
    expect(run.verdict('Test/NotRotating/Resource', RULE)).toBe('failed');
  });

  test('does not apply to an asymmetric signing key', () => {
    expect(run.verdict('Test/Asymmetric/Resource', RULE)).toBe('not-applicable');
  });

  test('fails a parameter that allows false', () => {
    expect(run.verdict('Test/ParameterRotation', RULE)).toBe('failed');
  });

  test('passes a parameter whose only allowed value is true', () => {
    expect(run.verdict('Test/ParameterAlwaysTrue', RULE)).toBe('passed');
  });

  test('fails closed on a parameter without allowed values, saying why', () => {
    expect(run.verdict('Test/ParameterUnbounded', RULE)).toBe('failed');
    expect(run.detail('Test/ParameterUnbounded', RULE)).toMatch(/cannot be known at synth/);
  });
});
