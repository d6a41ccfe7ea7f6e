import { PackRule, Severity } from '../../rule';
import { SecretPolicyNotPublic } from './SecretPolicyNotPublic';
import { SecretRotation } from './SecretRotation';

/** The Secrets Manager rules (SecretKmsEncryption is in messaging), with the criteria, words and severity the pack gives them. */
export const SECRETSMANAGER_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: SecretRotation,
    criteria: ['CC6.1'],
    rationale: 'Rotating credentials limits how long a leaked one stays usable (CC6.1, management of credentials for infrastructure and software).',
    severity: Severity.ERROR,
    finding: 'Secrets Manager secret is not rotated.',
    fix: 'Call secret.addRotationSchedule(id, { rotationLambda or hostedRotation, automaticallyAfter }) on the L2 Secret, or database.addRotationSingleUser() for a database\'s secret; i.e. an AWS::SecretsManager::RotationSchedule whose SecretId is the secret, with RotationRules. For a secret whose issuer cannot rotate it (a third party\'s API key), acknowledge Soc2Ml::SecretRotation with how it is rotated.',
  },
  {
    kind: 'resource',
    rule: SecretPolicyNotPublic,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'Keeps the secret readable only by principals of named accounts or the organization (CC6.1), never by anyone on the internet (CC6.6).',
    severity: Severity.ERROR,
    finding: 'Secrets Manager secret resource policy allows any principal.',
    fix: 'Grant named principals (secret.grantRead(role)), or narrow statements to * with a condition such as aws:PrincipalOrgID or aws:SourceVpce (AnyPrincipal().withConditions(...)). BlockPublicPolicy true on the CfnResourcePolicy makes Secrets Manager refuse a public policy too.',
  },
];
