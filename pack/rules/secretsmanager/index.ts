import { PackRule, Severity } from '../../rule';
import { SecretPolicyNotPublic } from './SecretPolicyNotPublic';
import { SecretRotation } from './SecretRotation';

/** The Secrets Manager rules (SecretKmsEncryption is in messaging), with the criteria, words and severity the pack gives them. */
export const SECRETSMANAGER_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: SecretRotation,
    criteria: ['CC6.1'],
    rationale: 'Secrets are rotated automatically (CC6.1 protects credentials); rotation registers no user (CC6.2).',
    reference: { check: 'steampipe:secretsmanager_secret_automatic_rotation_enabled', criteria: ['CC6.1', 'CC6.2'] },
    severity: Severity.ERROR,
    finding: 'Secrets Manager secret is not rotated.',
    fix: 'Call secret.addRotationSchedule(id, { rotationLambda or hostedRotation, automaticallyAfter }) on the L2 Secret, or database.addRotationSingleUser() for a database\'s secret; i.e. an AWS::SecretsManager::RotationSchedule whose SecretId is the secret, with RotationRules. For a secret whose issuer cannot rotate it (a third party\'s API key), acknowledge Soc2Ml::SecretRotation with how it is rotated.',
  },
  {
    kind: 'resource',
    rule: SecretPolicyNotPublic,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'No resource policy lets anyone read the secret (CC6.1), from outside the boundary (CC6.6).',
    severity: Severity.ERROR,
    finding: 'Secrets Manager secret resource policy allows any principal.',
    fix: 'Grant named principals (secret.grantRead(role)), or narrow statements to * with a condition such as aws:PrincipalOrgID or aws:SourceVpce (AnyPrincipal().withConditions(...)). BlockPublicPolicy true on the CfnResourcePolicy makes Secrets Manager refuse a public policy too.',
  },
];
