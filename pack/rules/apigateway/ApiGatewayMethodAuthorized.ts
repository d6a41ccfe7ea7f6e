import { notApplicable, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { valuesAt } from '../../readers';
import { oneOf, openAccessProblem, requireSetting, settingOf } from './private';

/** Authorization types that identify the caller: IAM (SigV4), a Lambda authorizer, a Cognito user pool. */
const AUTHORIZED_TYPES = ['AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS'];

/**
 * Every REST API method authenticates its caller. An absent `AuthorizationType` is `NONE`. An
 * API key (`ApiKeyRequired`) is not authentication: keys identify a usage plan, are sent in
 * clear headers and are not meant to control access. Exempt: an `OPTIONS` method whose
 * integration is `MOCK`, which is how CORS preflight is answered (browsers send preflight
 * without credentials, and a mock integration returns API Gateway's own canned response, so it
 * reaches no backend and no data).
 */
export const ApiGatewayMethodAuthorized: ResourceRule = {
  id: 'ApiGatewayMethodAuthorized',
  resourceTypes: ['AWS::ApiGateway::Method'],
  passes: '`AuthorizationType` is `AWS_IAM`, `CUSTOM` or `COGNITO_USER_POOLS` (absent means `NONE`); an `OPTIONS` method with a `MOCK` integration (CORS preflight, answered by API Gateway without reaching a backend) is not applicable.',
  check: (method) => {
    if (isCorsPreflight(method)) {
      return notApplicable();
    }
    return requireSetting([method.properties.AuthorizationType], method.template, 'Properties/AuthorizationType', {
      accepts: oneOf(AUTHORIZED_TYPES),
      whenAbsent: 'NONE',
      problem: openAccessProblem('this method'),
    });
  },
};

/** An `OPTIONS` method with a `MOCK` integration, in every branch. */
function isCorsPreflight(method: TemplateResource): boolean {
  const { properties, template } = method;
  return settingOf([properties.HttpMethod], template, (v) => v === 'OPTIONS').state === 'accepted'
    && settingOf(valuesAt(properties.Integration, ['Type']), template, (v) => v === 'MOCK').state === 'accepted';
}
