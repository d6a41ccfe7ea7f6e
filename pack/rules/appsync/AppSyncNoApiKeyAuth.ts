import { failed, passed, ResourceRule } from '../../rule';
import { authenticationTypes, EVENT_API, GRAPHQL_API } from './private';

/**
 * An AppSync API does not accept API keys. An API key is a bearer secret shared by every client
 * that holds it: a request made with it names no user or role, so access cannot be granted, reviewed
 * or revoked per person, and a leaked key works for anyone until it expires. The GraphQL API's
 * default and additional authentication providers count, and an Event API's providers; CDK's
 * `GraphqlApi` uses an API key when it is given no `authorizationConfig`. A type synth cannot read
 * fails closed.
 */
export const AppSyncNoApiKeyAuth: ResourceRule = {
  id: 'AppSyncNoApiKeyAuth',
  resourceTypes: [GRAPHQL_API, EVENT_API],
  passes: 'No authentication provider of the API is `API_KEY`: a GraphQL API\'s `AuthenticationType` and `AdditionalAuthenticationProviders[].AuthenticationType`, an Event API\'s `EventConfig.AuthProviders[].AuthType` are `AWS_IAM`, `AMAZON_COGNITO_USER_POOLS`, `OPENID_CONNECT` or `AWS_LAMBDA`, in every `Fn::If` branch.',
  check: (api) => {
    const location = api.type === GRAPHQL_API ? 'Properties/AuthenticationType' : 'Properties/EventConfig/AuthProviders';
    const types = authenticationTypes(api);
    if (types === undefined) {
      return failed('An authentication type of the API comes from a value synth cannot read, which may be API_KEY at deploy time.', location);
    }
    if (types.includes('API_KEY')) {
      return failed('It accepts API keys (API_KEY), bearer secrets shared by every client that name no user, so access cannot be granted, reviewed or revoked per person.', location);
    }
    return passed();
  },
};
