import { ResourceRule } from '../../rule';
import { requireSetting } from '../apigateway/private';

/**
 * Every user of the pool signs in with a second factor: `MfaConfiguration: ON`. `OPTIONAL` lets
 * each user decide, so a password alone opens most accounts; absent means `OFF`.
 */
export const CognitoUserPoolMfaRequired: ResourceRule = {
  id: 'CognitoUserPoolMfaRequired',
  resourceTypes: ['AWS::Cognito::UserPool'],
  passes: '`MfaConfiguration` is `ON` (absent means `OFF`; `OPTIONAL` fails).',
  check: (pool) => requireSetting([pool.properties.MfaConfiguration], pool.template, 'Properties/MfaConfiguration', {
    accepts: (v) => v === 'ON',
    whenAbsent: 'OFF',
    problem: (shown) => `Its MfaConfiguration is ${shown}, so users can sign in with a password alone.`,
  }),
};
