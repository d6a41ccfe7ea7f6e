import { failed, Outcome, passed, ResourceRule, Verdict } from '../../rule';
import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { valuesAt } from '../../readers';
import { flatten } from '../../values';
import { quote, requireSetting, resourceSettings, UNKNOWABLE, unknowableDetail } from '../opensearch/private';
import { KinesisStreamEncrypted } from './KinesisStreamEncrypted';

const KEY_TYPES: readonly Json[] = ['AWS_OWNED_CMK', 'CUSTOMER_MANAGED_CMK'];

/**
 * Records the Firehose stream holds are encrypted at rest. A stream fed directly (`DirectPut`, the
 * default type) or by MSK or a database stores records itself, encrypted only with
 * `DeliveryStreamEncryptionConfigurationInput` (an AWS-owned or customer-managed key; SSE is off
 * by default). One reading a Kinesis data stream (`KinesisStreamAsSource`) stores nothing at rest,
 * as AWS documents: the records rest in the source stream, so the source must be encrypted.
 */
export const FirehoseEncrypted: ResourceRule = {
  id: 'FirehoseEncrypted',
  resourceTypes: ['AWS::KinesisFirehose::DeliveryStream'],
  passes: '`DeliveryStreamEncryptionConfigurationInput.KeyType` `AWS_OWNED_CMK` or `CUSTOMER_MANAGED_CMK` in every `Fn::If` branch; for `DeliveryStreamType: KinesisStreamAsSource`, the source `AWS::Kinesis::Stream` in the same template passes KinesisStreamEncrypted instead.',
  check: (delivery) => {
    const types = resourceSettings(delivery, ['DeliveryStreamType']);
    if (types.includes(UNKNOWABLE)) {
      return failed(unknowableDetail('Properties/DeliveryStreamType'), 'Properties/DeliveryStreamType');
    }
    for (const type of types) {
      const outcome = type === 'KinesisStreamAsSource' ? sourceEncrypted(delivery) : ownEncryption(delivery);
      if (outcome.verdict === Verdict.FAILED) {
        return outcome;
      }
    }
    return passed();
  },
};

function ownEncryption(delivery: TemplateResource): Outcome {
  return requireSetting(resourceSettings(delivery, ['DeliveryStreamEncryptionConfigurationInput', 'KeyType']), (v) => KEY_TYPES.includes(v),
    'Properties/DeliveryStreamEncryptionConfigurationInput/KeyType',
    (v) => (v === undefined
      ? 'It stores records unencrypted: it has no DeliveryStreamEncryptionConfigurationInput (server-side encryption is off by default).'
      : `It stores records unencrypted: DeliveryStreamEncryptionConfigurationInput.KeyType is ${quote(v)}.`));
}

/** A stream reading a Kinesis data stream is as encrypted as its source, which must be in this template. */
function sourceEncrypted(delivery: TemplateResource): Outcome {
  const location = 'Properties/KinesisStreamSourceConfiguration/KinesisStreamARN';
  for (const arn of valuesAt(delivery.properties.KinesisStreamSourceConfiguration, ['KinesisStreamARN'])) {
    const source = delivery.template.target(arn);
    if (source === undefined || source.type !== 'AWS::Kinesis::Stream') {
      return failed(`Its records rest in its source stream ${arn ? flatten(arn) : '(none named)'}, which is not in this stack, so their encryption cannot be known at synth; acknowledge the rule with a reason stating the source stream's encryption.`, location);
    }
    const verdict = KinesisStreamEncrypted.check(source);
    if (verdict.verdict === Verdict.FAILED) {
      return failed(`Its records rest in its source stream ${source.logicalId} (Firehose stores none itself), which fails KinesisStreamEncrypted: ${verdict.detail ?? ''}`.trim(), location);
    }
  }
  return passed();
}
