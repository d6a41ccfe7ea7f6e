import { ResourceRule } from '../../rule';
import { Json } from '../../json';
import { branches } from '../../values';
import { quote, requireSetting, resourceSettings } from '../opensearch/private';

/**
 * Records are encrypted at rest with KMS (`StreamEncryption.EncryptionType: KMS`, under any key,
 * `alias/aws/kinesis` included). Kinesis Data Streams stores records unencrypted when
 * `StreamEncryption` is absent. The L2 Stream's default wraps it in an `Fn::If` that removes it
 * in regions CDK lists as without stream encryption, so that default fails: say `encryption`.
 */
export const KinesisStreamEncrypted: ResourceRule = {
  id: 'KinesisStreamEncrypted',
  resourceTypes: ['AWS::Kinesis::Stream'],
  passes: '`StreamEncryption.EncryptionType: KMS` in every `Fn::If` branch (any KMS key); absent means unencrypted.',
  check: (stream) => {
    const conditional = branches(stream.properties.StreamEncryption).length > 1;
    return requireSetting(resourceSettings(stream, ['StreamEncryption', 'EncryptionType']), (v: Json) => v === 'KMS', 'Properties/StreamEncryption/EncryptionType',
      (v) => {
        if (v !== undefined) {
          return `It is not encrypted at rest: StreamEncryption.EncryptionType is ${quote(v)}.`;
        }
        return conditional
          ? 'It is not encrypted at rest where a condition removes its StreamEncryption (what the L2 Stream\'s default does in regions CDK lists as without stream encryption).'
          : 'It is not encrypted at rest: StreamEncryption is absent (the default is unencrypted).';
      });
  },
};
