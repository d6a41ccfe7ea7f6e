import { Aws, CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PackRun, runPackOnStack } from '../../helpers';

const RESULTS = 'AthenaWorkGroupResultsEncrypted';
const ENFORCED = 'AthenaWorkGroupEnforced';

type Configuration = athena.CfnWorkGroup.WorkGroupConfigurationProperty;

let run: PackRun;
beforeAll(() => {
  run = runPackOnStack((stack: Stack) => {
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const hardened = (changes: Partial<Configuration> = {}, encryption: Partial<athena.CfnWorkGroup.EncryptionConfigurationProperty> = {}): Configuration => ({
      enforceWorkGroupConfiguration: true,
      resultConfiguration: {
        outputLocation: 's3://query-results/athena/',
        encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: key.keyArn, ...encryption },
      },
      ...changes,
    });
    const workgroup = (id: string, workGroupConfiguration?: Configuration) => new athena.CfnWorkGroup(stack, id, { name: id.toLowerCase(), workGroupConfiguration });

    workgroup('Hardened', hardened());
    workgroup('NoConfiguration');
    // Pairs with Hardened: only the encryption differs.
    workgroup('ClientSide', hardened({}, { encryptionOption: 'CSE_KMS' }));
    workgroup('SseS3', hardened({}, { encryptionOption: 'SSE_S3', kmsKey: undefined }));
    workgroup('AwsManagedKey', hardened({}, { kmsKey: 'alias/aws/s3' }));
    workgroup('NoKey', hardened({}, { kmsKey: undefined }));
    workgroup('NoEncryption', hardened({ resultConfiguration: { outputLocation: 's3://query-results/athena/' } }));
    const option = new CfnParameter(stack, 'Option', { type: 'String', allowedValues: ['SSE_KMS', 'SSE_S3'] });
    workgroup('OptionParameter', hardened({}, { encryptionOption: option.valueAsString }));
    // Managed query results: Athena-owned storage, encrypted with its own key unless given one.
    workgroup('Managed', { enforceWorkGroupConfiguration: true, managedQueryResultsConfiguration: { enabled: true, encryptionConfiguration: { kmsKey: key.keyArn } } });
    workgroup('ManagedNoKey', { enforceWorkGroupConfiguration: true, managedQueryResultsConfiguration: { enabled: true } });

    // Enforcement: pairs with Hardened.
    workgroup('NotEnforced', hardened({ enforceWorkGroupConfiguration: false }));
    workgroup('EnforceLeftOut', hardened({ enforceWorkGroupConfiguration: undefined }));
    const onlyTrue = new CfnParameter(stack, 'EnforceAllowed', { type: 'String', allowedValues: ['true'] });
    workgroup('EnforceAllowedParameter', hardened({ enforceWorkGroupConfiguration: Fn.ref(onlyTrue.logicalId) as unknown as boolean }));
    const open = new CfnParameter(stack, 'EnforceOpen', { type: 'String' });
    workgroup('EnforceOpenParameter', hardened({ enforceWorkGroupConfiguration: Fn.ref(open.logicalId) as unknown as boolean }));
    const region = new CfnCondition(stack, 'InIreland', { expression: Fn.conditionEquals(Aws.REGION, 'eu-west-1') });
    workgroup('EnforceConditional', hardened()).addPropertyOverride('WorkGroupConfiguration.EnforceWorkGroupConfiguration', Fn.conditionIf(region.logicalId, true, false));
    workgroup('EncryptionOverride', hardened()).addPropertyOverride('WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration.EncryptionOption', 'SSE_S3');
  });
});

describe(RESULTS, () => {
  test('passes SSE_KMS and CSE_KMS with a customer-managed key', () => {
    expect(run.verdict('Test/Hardened', RESULTS)).toBe('passed');
    expect(run.verdict('Test/ClientSide', RESULTS)).toBe('passed');
  });

  test('fails SSE_S3, saying why S3-managed keys are not enough', () => {
    expect(run.verdict('Test/SseS3', RESULTS)).toBe('failed');
    expect(run.detail('Test/SseS3', RESULTS)).toMatch(/SSE_S3, not SSE_KMS or CSE_KMS/);
    expect(run.verdict('Test/EncryptionOverride', RESULTS)).toBe('failed');
  });

  test('fails an AWS-managed key, no key, no encryption configuration and no configuration at all', () => {
    expect(run.detail('Test/AwsManagedKey', RESULTS)).toMatch(/AWS-managed key alias\/aws\/s3/);
    expect(run.detail('Test/NoKey', RESULTS)).toMatch(/no key is set/);
    expect(run.detail('Test/NoEncryption', RESULTS)).toMatch(/sets no ResultConfiguration.EncryptionConfiguration/);
    expect(run.detail('Test/NoConfiguration', RESULTS)).toMatch(/no WorkGroupConfiguration/);
  });

  test('a parameter allowing SSE_S3 fails', () => {
    expect(run.detail('Test/OptionParameter', RESULTS)).toMatch(/SSE_S3/);
  });

  test('managed query results need a customer-managed key of their own', () => {
    expect(run.verdict('Test/Managed', RESULTS)).toBe('passed');
    expect(run.detail('Test/ManagedNoKey', RESULTS)).toMatch(/Athena-managed storage .* key it owns/);
  });
});

describe(ENFORCED, () => {
  test('passes true, fails false and absent', () => {
    expect(run.verdict('Test/Hardened', ENFORCED)).toBe('passed');
    expect(run.detail('Test/NotEnforced', ENFORCED)).toMatch(/is false/);
    expect(run.detail('Test/EnforceLeftOut', ENFORCED)).toMatch(/does not set EnforceWorkGroupConfiguration/);
    expect(run.detail('Test/NoConfiguration', ENFORCED)).toMatch(/does not set EnforceWorkGroupConfiguration/);
  });

  test('a parameter counts by its AllowedValues; one without fails closed; an Fn::If with a false branch fails', () => {
    expect(run.verdict('Test/EnforceAllowedParameter', ENFORCED)).toBe('passed');
    expect(run.detail('Test/EnforceOpenParameter', ENFORCED)).toMatch(/cannot be known at synth/);
    expect(run.verdict('Test/EnforceConditional', ENFORCED)).toBe('failed');
  });
});
