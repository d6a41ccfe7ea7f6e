import { PackRule, Severity } from '../../rule';
import { AthenaWorkGroupEnforced } from './AthenaWorkGroupEnforced';
import { AthenaWorkGroupResultsEncrypted } from './AthenaWorkGroupResultsEncrypted';

/** The athena rules, with the criteria, words and severity the pack gives them. */
export const ATHENA_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: AthenaWorkGroupResultsEncrypted,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'CC6.1 point of focus "uses encryption to protect data": query results copy the data they read, and a customer-managed key puts who may decrypt them under the customer\'s key policy; C1.1 protects that confidential information.',
    severity: Severity.ERROR,
    finding: 'Athena workgroup does not encrypt query results with a customer-managed KMS key.',
    fix: 'Set workGroupConfiguration.resultConfiguration.encryptionConfiguration: { encryptionOption: \'SSE_KMS\' (or \'CSE_KMS\'), kmsKey: key.keyArn } on the CfnWorkGroup (SSE_S3 is not accepted); with managed query results, managedQueryResultsConfiguration.encryptionConfiguration.kmsKey.',
  },
  {
    kind: 'resource',
    rule: AthenaWorkGroupEnforced,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'CC6.1: without enforcement each client may turn result encryption off or write results to a bucket of its choosing, bypassing the workgroup\'s controls; C1.1 keeps confidential results where they are protected.',
    severity: Severity.ERROR,
    finding: 'Athena workgroup lets clients override its result location and encryption.',
    fix: 'Set workGroupConfiguration.enforceWorkGroupConfiguration: true on the CfnWorkGroup (WorkGroupConfiguration.EnforceWorkGroupConfiguration).',
  },
];
