import { PackRule, Severity } from '../../rule';
import { CognitoUserPoolMfaRequired } from './CognitoUserPoolMfaRequired';
import { CognitoUserPoolThreatProtection } from './CognitoUserPoolThreatProtection';

/** The cognito rules, with the criteria, words and severity the pack gives them. */
export const COGNITO_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: CognitoUserPoolMfaRequired,
    criteria: ['CC6.1', 'CC6.6'],
    rationale: 'Users sign in with MFA (CC6.1 authenticates users; CC6.6 additional authentication).',
    severity: Severity.ERROR,
    finding: 'Cognito user pool does not require multi-factor authentication.',
    fix: 'Set mfa: Mfa.REQUIRED with mfaSecondFactor (otp, email or sms) on the UserPool, i.e. MfaConfiguration ON.',
  },
  {
    kind: 'resource',
    rule: CognitoUserPoolThreatProtection,
    criteria: ['CC6.6', 'CC7.2'],
    rationale: 'Compromised credentials and risky sign-ins are blocked (CC6.6 protects credentials) and recorded (CC7.2).',
    severity: Severity.ERROR,
    finding: 'Cognito user pool does not enforce threat protection.',
    fix: 'Set featurePlan: FeaturePlan.PLUS and standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION on the UserPool (and customThreatProtectionMode: CustomThreatProtectionMode.FULL_FUNCTION with custom authentication), i.e. UserPoolTier PLUS and UserPoolAddOns.AdvancedSecurityMode ENFORCED (AdvancedSecurityAdditionalFlows.CustomAuthMode ENFORCED).',
  },
];
