import { ResourceRule } from '../../rule';
import { StackTemplate } from '../../template';
import { Json, JsonObject } from '../../json';
import { readableObject, valuesAt } from '../../readers';
import { flatten } from '../../values';
import { customerKeyProblem, itemsOf, literalState } from '../bedrock/private';
import { checkSecurityConfiguration, notTrue, SECURITY_CONFIGURATION } from './private';

const AT_REST = ['EncryptionConfiguration', 'AtRestEncryptionConfiguration'];
const KMS_MODES = ['SSE-KMS', 'CSE-KMS'];

/**
 * A cluster runs under a security configuration that encrypts at rest, under customer-managed KMS
 * keys, both what EMRFS writes to S3 (`SSE-KMS` or `CSE-KMS`, per-bucket `Overrides` included) and
 * its local disks (the `AwsKms` provider, with `EnableEbsEncryption` so the EBS root and storage
 * volumes are encrypted too: LUKS alone leaves the root volume clear). `SSE-S3` and the custom
 * providers (`CSE-Custom`, a `Custom` disk provider) fail: SSE-S3's keys are Amazon S3's, which no
 * key policy gates and whose use no per-key CloudTrail record shows, and a custom provider's keys
 * are in code synth cannot see (EBS encryption also needs `AwsKms`). Without a security
 * configuration EMR encrypts neither with a key of yours. Every `Fn::If` branch counts, a parameter
 * by its `AllowedValues`; a configuration outside the app or a document synth cannot read fails
 * closed. The closest community check, cdk-nag's `EMRLocalDiskEncryption`, asks only for a local
 * disk key provider and is not mapped to SOC 2 criteria.
 */
export const EmrEncryptedAtRest: ResourceRule = {
  id: 'EmrEncryptedAtRest',
  resourceTypes: ['AWS::EMR::Cluster'],
  examines: [SECURITY_CONFIGURATION],
  passes: '`SecurityConfiguration` names an `AWS::EMR::SecurityConfiguration` of the app (by reference, or by its `Name`) whose document (an object or a JSON string) has `EncryptionConfiguration.EnableAtRestEncryption` true and, under `AtRestEncryptionConfiguration`, `S3EncryptionConfiguration` (and each of its `Overrides`) with `EncryptionMode` `SSE-KMS` or `CSE-KMS` and a customer-managed `AwsKmsKey`, and `LocalDiskEncryptionConfiguration` with `EncryptionKeyProviderType` `AwsKms`, a customer-managed `AwsKmsKey` and `EnableEbsEncryption` true; a configuration defined nowhere in the app fails closed.',
  check: (cluster) => checkSecurityConfiguration(cluster, 'EMR encrypts neither what it writes to S3 nor its local disks with a key of yours', atRestProblem),
};

function atRestProblem(document: JsonObject, template: StackTemplate): string | undefined {
  return notTrue(
    valuesAt(document, ['EncryptionConfiguration', 'EnableAtRestEncryption']), template, 'EnableAtRestEncryption',
    'does not turn at-rest encryption on (EnableAtRestEncryption absent, so false)',
    'turns at-rest encryption off (EnableAtRestEncryption false)',
  ) ?? s3Problem(valuesAt(document, [...AT_REST, 'S3EncryptionConfiguration']), template)
    ?? localDiskProblem(valuesAt(document, [...AT_REST, 'LocalDiskEncryptionConfiguration']), template);
}

function s3Problem(values: readonly (Json | undefined)[], template: StackTemplate): string | undefined {
  for (const value of values) {
    if (value === undefined) {
      return 'does not encrypt EMRFS data in S3 (no S3EncryptionConfiguration)';
    }
    const s3 = readableObject(value);
    if (!s3) {
      return 'sets S3EncryptionConfiguration to a value that cannot be read at synth';
    }
    const problem = s3ModeProblem(s3, template, 'EMRFS data in S3');
    if (problem) {
      return problem;
    }
    for (const override of itemsOf(valuesAt(s3, ['Overrides']))) {
      const overrideProblem = override === null ? 'sets S3EncryptionConfiguration.Overrides to a value that cannot be read at synth'
        : s3ModeProblem(override, template, `EMRFS data in bucket ${flatten(override.BucketName) || '(unnamed)'} (an override)`);
      if (overrideProblem) {
        return overrideProblem;
      }
    }
  }
  return undefined;
}

function s3ModeProblem(entry: JsonObject, template: StackTemplate, what: string): string | undefined {
  const mode = literalState(valuesAt(entry, ['EncryptionMode']), template, KMS_MODES);
  if (mode.state === 'absent') {
    return `does not say how to encrypt ${what} (no EncryptionMode)`;
  }
  if (mode.state === 'other') {
    return `encrypts ${what} with ${mode.value}, not SSE-KMS or CSE-KMS under a key of yours`;
  }
  if (mode.state === 'unknown') {
    return `sets the EncryptionMode of ${what} from a value that cannot be known at synth`;
  }
  const key = customerKeyProblem(valuesAt(entry, ['AwsKmsKey']), 'no key of yours protects it');
  return key ? `does not encrypt ${what} with a customer-managed key: ${key}` : undefined;
}

function localDiskProblem(values: readonly (Json | undefined)[], template: StackTemplate): string | undefined {
  for (const value of values) {
    if (value === undefined) {
      return 'does not encrypt the nodes\' local disks (no LocalDiskEncryptionConfiguration)';
    }
    const disk = readableObject(value);
    if (!disk) {
      return 'sets LocalDiskEncryptionConfiguration to a value that cannot be read at synth';
    }
    const provider = literalState(valuesAt(disk, ['EncryptionKeyProviderType']), template, ['AwsKms']);
    if (provider.state === 'absent') {
      return 'does not say how to encrypt local disks (no EncryptionKeyProviderType)';
    }
    if (provider.state === 'other') {
      return `encrypts local disks with the ${provider.value} key provider, not AwsKms (whose keys synth can see, and which EBS encryption needs)`;
    }
    if (provider.state === 'unknown') {
      return 'sets EncryptionKeyProviderType from a value that cannot be known at synth';
    }
    const key = customerKeyProblem(valuesAt(disk, ['AwsKmsKey']), 'no key of yours protects them');
    if (key) {
      return `does not encrypt local disks with a customer-managed key: ${key}`;
    }
    const ebs = notTrue(
      valuesAt(disk, ['EnableEbsEncryption']), template, 'EnableEbsEncryption',
      'does not turn EBS encryption on (EnableEbsEncryption absent, so false), so the nodes\' EBS root volumes stay unencrypted (LUKS covers only the other local volumes)',
      'turns EBS encryption off (EnableEbsEncryption false), so the nodes\' EBS root volumes stay unencrypted (LUKS covers only the other local volumes)',
    );
    if (ebs) {
      return ebs;
    }
  }
  return undefined;
}
