import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { PackRun, runPackOnStack } from '../../helpers';

const MFA = 'CognitoUserPoolMfaRequired';
const THREAT = 'CognitoUserPoolThreatProtection';

/* One synth: `pool` is the hardened form; each case changes one property. */
let run: PackRun;
beforeAll(() => {
  run = runPackOnStack((stack: Stack) => {
    const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
    const pool = (id: string, props: cognito.UserPoolProps = {}) => new cognito.UserPool(stack, id, {
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      ...props,
    });
    const l1 = (p: cognito.UserPool) => p.node.defaultChild as cognito.CfnUserPool;

    pool('Hardened');
    new cognito.UserPool(stack, 'Defaults');
    // MFA
    pool('MfaOptional', { mfa: cognito.Mfa.OPTIONAL });
    l1(pool('MfaOverridden')).addPropertyOverride('MfaConfiguration', 'OFF');
    l1(pool('MfaConditional')).addPropertyOverride('MfaConfiguration', Fn.conditionIf(useFeature.logicalId, 'ON', 'OPTIONAL'));
    const mfa = new CfnParameter(stack, 'Mfa', { type: 'String' });
    l1(pool('MfaParameter')).addPropertyOverride('MfaConfiguration', mfa.valueAsString);
    const mfaOn = new CfnParameter(stack, 'MfaOn', { type: 'String', allowedValues: ['ON'] });
    l1(pool('MfaAllowedParameter')).addPropertyOverride('MfaConfiguration', mfaOn.valueAsString);
    // Threat protection
    pool('Audit', { standardThreatProtectionMode: cognito.StandardThreatProtectionMode.AUDIT_ONLY });
    pool('Essentials', { featurePlan: cognito.FeaturePlan.ESSENTIALS });
    l1(pool('ModeOverridden')).addPropertyOverride('UserPoolAddOns.AdvancedSecurityMode', 'OFF');
    const trigger = new lambda.Function(stack, 'Challenge', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async (e) => e;') });
    const triggers = { defineAuthChallenge: trigger, createAuthChallenge: trigger, verifyAuthChallengeResponse: trigger };
    pool('CustomAuthUnprotected', { lambdaTriggers: triggers });
    pool('CustomAuthProtected', { lambdaTriggers: triggers, customThreatProtectionMode: cognito.CustomThreatProtectionMode.FULL_FUNCTION });
  });
});

describe(MFA, () => {
  test('passes REQUIRED (ON), fails OPTIONAL and the default (OFF)', () => {
    expect(run.verdict('Test/Hardened/Resource', MFA)).toBe('passed');
    expect(run.verdict('Test/MfaOptional/Resource', MFA)).toBe('failed');
    expect(run.detail('Test/MfaOptional/Resource', MFA)).toMatch(/"OPTIONAL"/);
    expect(run.verdict('Test/Defaults/Resource', MFA)).toBe('failed');
    expect(run.detail('Test/Defaults/Resource', MFA)).toMatch(/absent \(so "OFF"\)/);
  });
  test('judges an override, a condition with an OPTIONAL branch, and a parameter (fails closed)', () => {
    expect(run.verdict('Test/MfaOverridden/Resource', MFA)).toBe('failed');
    expect(run.verdict('Test/MfaConditional/Resource', MFA)).toBe('failed');
    expect(run.verdict('Test/MfaParameter/Resource', MFA)).toBe('failed');
    expect(run.detail('Test/MfaParameter/Resource', MFA)).toMatch(/cannot be known at synth/);
    expect(run.verdict('Test/MfaAllowedParameter/Resource', MFA)).toBe('passed');
  });
});

describe(THREAT, () => {
  test('passes Plus with ENFORCED, fails AUDIT, the Essentials plan and the defaults', () => {
    expect(run.verdict('Test/Hardened/Resource', THREAT)).toBe('passed');
    expect(run.verdict('Test/Audit/Resource', THREAT)).toBe('failed');
    expect(run.detail('Test/Audit/Resource', THREAT)).toMatch(/"AUDIT"/);
    expect(run.verdict('Test/Essentials/Resource', THREAT)).toBe('failed');
    expect(run.detail('Test/Essentials/Resource', THREAT)).toMatch(/Plus plan/);
    expect(run.verdict('Test/Defaults/Resource', THREAT)).toBe('failed');
    expect(run.verdict('Test/ModeOverridden/Resource', THREAT)).toBe('failed');
  });
  test('custom authentication needs CustomAuthMode ENFORCED too', () => {
    expect(run.verdict('Test/CustomAuthUnprotected/Resource', THREAT)).toBe('failed');
    expect(run.detail('Test/CustomAuthUnprotected/Resource', THREAT)).toMatch(/CustomAuthMode/);
    expect(run.verdict('Test/CustomAuthProtected/Resource', THREAT)).toBe('passed');
  });
});
