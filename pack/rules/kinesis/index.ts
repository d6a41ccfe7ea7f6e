import { PackRule, Severity } from '../../rule';
import { FirehoseEncrypted } from './FirehoseEncrypted';
import { KinesisStreamEncrypted } from './KinesisStreamEncrypted';

/** The Kinesis rules (Data Streams and Data Firehose), with the criteria, words and severity the pack gives them. */
export const KINESIS_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: KinesisStreamEncrypted,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Records in the stream are encrypted (CC6.1) and may carry confidential data (C1.1).',
    severity: Severity.ERROR,
    finding: 'Kinesis data stream is not encrypted at rest.',
    fix: 'Set encryption: StreamEncryption.KMS with encryptionKey (or StreamEncryption.MANAGED) on the L2 Stream, explicitly: its default is removed by a condition in some regions. On CfnStream, StreamEncryption EncryptionType KMS with KeyId.',
  },
  {
    kind: 'resource',
    rule: FirehoseEncrypted,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Records in delivery are encrypted (CC6.1) and may carry confidential data (C1.1).',
    severity: Severity.ERROR,
    finding: 'Firehose stream does not encrypt the records it holds at rest.',
    fix: 'Set encryption: StreamEncryption.customerManagedKey(key) (or awsOwnedKey()) on the L2 DeliveryStream, i.e. DeliveryStreamEncryptionConfigurationInput KeyType CUSTOMER_MANAGED_CMK with KeyARN on CfnDeliveryStream. A stream with a Kinesis data stream source cannot take it: encrypt the source stream (KinesisStreamEncrypted).',
  },
];
