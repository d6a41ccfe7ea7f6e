import { PackRule, Severity } from '../../rule';
import { SsmDocumentNoSecrets } from './SsmDocumentNoSecrets';

/** The Systems Manager rules, with the criteria, words and severity the pack gives them. */
export const SSM_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: SsmDocumentNoSecrets,
    criteria: ['CC6.1'],
    rationale: 'A credential is kept where access to it is controlled and logged, not in a document anyone who can read it reads (CC6.1 protects credentials and restricts logical access).',
    severity: Severity.ERROR,
    finding: 'Systems Manager document holds a credential in its content.',
    fix: 'Remove the credential from the document and read it when the document runs: a SecureString parameter ({{ssm-secure:name}} in Run Command, or aws:executeScript fetching it) or Secrets Manager, with the role allowed to read that one secret. Rotate the credential that was exposed.',
  },
];
