import { Outcome, passed, ResourceRule, Verdict } from '../../rule';
import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { valuesAt } from '../../readers';
import { requireSetting } from '../apigateway/private';

const ADD_ONS = 'Properties/UserPoolAddOns';

/**
 * Threat protection (formerly advanced security) acts on risky sign-ins: compromised credentials
 * are blocked and risky sign-ins challenged, not only counted. It needs the Plus feature plan
 * (`UserPoolTier: PLUS`; absent means `ESSENTIALS`) and `UserPoolAddOns.AdvancedSecurityMode:
 * ENFORCED` (`AUDIT` only records; absent means `OFF`). A pool that runs custom authentication
 * (a `DefineAuthChallenge` trigger) also enforces it there:
 * `UserPoolAddOns.AdvancedSecurityAdditionalFlows.CustomAuthMode: ENFORCED`.
 */
export const CognitoUserPoolThreatProtection: ResourceRule = {
  id: 'CognitoUserPoolThreatProtection',
  resourceTypes: ['AWS::Cognito::UserPool'],
  passes: '`UserPoolTier` is `PLUS`, `UserPoolAddOns.AdvancedSecurityMode` is `ENFORCED`, and with a `LambdaConfig.DefineAuthChallenge` trigger `UserPoolAddOns.AdvancedSecurityAdditionalFlows.CustomAuthMode` is `ENFORCED` too.',
  check: (pool) => {
    const p = pool.properties;
    const outcomes = [
      enforced(pool, [p.UserPoolTier], 'Properties/UserPoolTier', 'PLUS', 'ESSENTIALS',
        (shown) => `Its feature plan (UserPoolTier) is ${shown}; threat protection runs only on the Plus plan.`),
      enforced(pool, valuesAt(p.UserPoolAddOns, ['AdvancedSecurityMode']), `${ADD_ONS}/AdvancedSecurityMode`, 'ENFORCED', 'OFF',
        (shown) => `Its threat protection (UserPoolAddOns.AdvancedSecurityMode) is ${shown}, so compromised credentials and risky sign-ins are not blocked.`),
    ];
    if (valuesAt(p.LambdaConfig, ['DefineAuthChallenge']).some((v) => v !== undefined)) {
      outcomes.push(enforced(pool, valuesAt(p.UserPoolAddOns, ['AdvancedSecurityAdditionalFlows', 'CustomAuthMode']), `${ADD_ONS}/AdvancedSecurityAdditionalFlows/CustomAuthMode`, 'ENFORCED', 'OFF',
        (shown) => `It runs custom authentication (a DefineAuthChallenge trigger) and its CustomAuthMode is ${shown}, so threat protection does not act on custom sign-ins.`));
    }
    return outcomes.find((o) => o.verdict === Verdict.FAILED) ?? passed();
  },
};

function enforced(pool: TemplateResource, values: readonly (Json | undefined)[], location: string, expected: string, whenAbsent: string, problem: (shown: string) => string): Outcome {
  return requireSetting(values, pool.template, location, { accepts: (v) => v === expected, whenAbsent, problem });
}
