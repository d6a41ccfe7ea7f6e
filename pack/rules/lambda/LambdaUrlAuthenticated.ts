import { ResourceRule } from '../../rule';
import { requireSetting } from '../apigateway/private';

/**
 * A function URL authenticates its callers with IAM (`AuthType: AWS_IAM`). `NONE` makes the
 * function an anonymous public HTTPS endpoint, whatever its resource policy narrows: the function
 * code is then the only access control. The property is required, so absent fails.
 */
export const LambdaUrlAuthenticated: ResourceRule = {
  id: 'LambdaUrlAuthenticated',
  resourceTypes: ['AWS::Lambda::Url'],
  passes: '`AuthType` is `AWS_IAM`.',
  check: (url) => requireSetting([url.properties.AuthType], url.template, 'Properties/AuthType', {
    accepts: (v) => v === 'AWS_IAM',
    problem: (shown) => `Its AuthType is ${shown}, so anyone on the internet can invoke the function through its URL without authenticating.`,
  }),
};
