import { PackRule, Severity } from '../../rule';
import { AthenaWorkGroupEnforced } from './AthenaWorkGroupEnforced';
import { AthenaWorkGroupResultsEncrypted } from './AthenaWorkGroupResultsEncrypted';

/** The athena rules, with the criteria, words and severity the pack gives them. */
export const ATHENA_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: AthenaWorkGroupResultsEncrypted,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Query results are encrypted (CC6.1) and may hold confidential data (C1.1).',
    severity: Severity.ERROR,
    finding: 'Athena workgroup does not encrypt query results with a customer-managed KMS key.',
    fix: 'Set workGroupConfiguration.resultConfiguration.encryptionConfiguration: { encryptionOption: \'SSE_KMS\' (or \'CSE_KMS\'), kmsKey: key.keyArn } on the CfnWorkGroup (SSE_S3 is not accepted); with managed query results, managedQueryResultsConfiguration.encryptionConfiguration.kmsKey.',
  },
  {
    kind: 'resource',
    rule: AthenaWorkGroupEnforced,
    criteria: ['CC6.1', 'C1.1'],
    rationale: 'Clients cannot override the work group\'s encryption (CC6.1, C1.1).',
    severity: Severity.ERROR,
    finding: 'Athena workgroup lets clients override its result location and encryption.',
    fix: 'Set workGroupConfiguration.enforceWorkGroupConfiguration: true on the CfnWorkGroup (WorkGroupConfiguration.EnforceWorkGroupConfiguration).',
  },
];
