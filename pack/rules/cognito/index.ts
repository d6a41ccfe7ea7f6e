import { PackRule, Severity } from '../../rule';
import { CognitoUserPoolMfaRequired } from './CognitoUserPoolMfaRequired';
import { CognitoUserPoolThreatProtection } from './CognitoUserPoolThreatProtection';

/** The cognito rules, with the criteria, words and severity the pack gives them. */
export const COGNITO_RULES: PackRule[] = [
  {
    kind: 'resource',
    rule: CognitoUserPoolMfaRequired,
    criteria: ['CC6.1'],
    rationale: 'CC6.1: users are identified and authenticated before they reach information assets; a second factor keeps a stolen password from opening an account.',
    severity: Severity.ERROR,
    finding: 'Cognito user pool does not require multi-factor authentication.',
    fix: 'Set mfa: Mfa.REQUIRED with mfaSecondFactor (otp, email or sms) on the UserPool, i.e. MfaConfiguration ON.',
  },
  {
    kind: 'resource',
    rule: CognitoUserPoolThreatProtection,
    criteria: ['CC6.1', 'CC7.2'],
    rationale: 'CC6.1: authentication resists credential attacks (compromised credentials blocked, risky sign-ins challenged); CC7.2: sign-in anomalies are detected and acted on.',
    severity: Severity.ERROR,
    finding: 'Cognito user pool does not enforce threat protection.',
    fix: 'Set featurePlan: FeaturePlan.PLUS and standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION on the UserPool (and customThreatProtectionMode: CustomThreatProtectionMode.FULL_FUNCTION with custom authentication), i.e. UserPoolTier PLUS and UserPoolAddOns.AdvancedSecurityMode ENFORCED (AdvancedSecurityAdditionalFlows.CustomAuthMode ENFORCED).',
  },
];
