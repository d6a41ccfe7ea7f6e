import { failed, passed, ResourceRule } from '../../rule';
import { branches, isUnset } from '../../values';

/**
 * No IAM user gets a console password: people sign in through the identity provider (IAM Identity
 * Center), where MFA and offboarding are enforced. CloudFormation cannot attach an MFA device, so
 * a template cannot prove a console user has one. A login profile in any `Fn::If` branch fails.
 */
export const IamNoConsoleUsers: ResourceRule = {
  id: 'IamNoConsoleUsers',
  resourceTypes: ['AWS::IAM::User'],
  passes: '`AWS::IAM::User` without `LoginProfile` (the L2 `User` without `password`).',
  check: (user) => {
    if (branches(user.properties.LoginProfile).some((v) => !isUnset(v))) {
      return failed('It has a console password (LoginProfile).', 'Properties/LoginProfile');
    }
    return passed();
  },
};
