import { ResourceRule } from '../../rule';
import { isOn, quote, requireSetting, resourceSettings } from '../opensearch/private';

/**
 * The file system's data and metadata are encrypted at rest (under `KmsKeyId`, or EFS's
 * `aws/elasticfilesystem` key). CloudFormation creates an unencrypted file system when `Encrypted`
 * is absent; the L2 FileSystem writes `Encrypted: true` by default under the
 * `@aws-cdk/aws-efs:defaultEncryptionAtRest` feature flag. It cannot be turned on later.
 */
export const EfsEncrypted: ResourceRule = {
  id: 'EfsEncrypted',
  resourceTypes: ['AWS::EFS::FileSystem'],
  passes: '`Encrypted: true` in every `Fn::If` branch (any KMS key); absent means unencrypted.',
  check: (fileSystem) => requireSetting(resourceSettings(fileSystem, ['Encrypted']), isOn, 'Properties/Encrypted',
    (v) => `It is not encrypted at rest (Encrypted is ${quote(v)}; absent means unencrypted), and encryption cannot be turned on after creation.`),
};
