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

  test('fails closed when rotation comes from a parameter, which can be false at deploy time', () => {
    expect(run.verdict('Test/ParameterRotation', RULE)).toBe('failed');
  });
});
