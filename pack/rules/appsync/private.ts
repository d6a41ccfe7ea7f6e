import { Json } from '../../json';
import { literalValuesAt, valuesAt } from '../../readers';
import { TemplateResource } from '../../template';
import { flatten } from '../../values';

/** The two kinds of AppSync API: GraphQL, and Event APIs (`AWS::AppSync::Api`). */
export const GRAPHQL_API = 'AWS::AppSync::GraphQLApi';
export const EVENT_API = 'AWS::AppSync::Api';

/**
 * The literal strings a nested setting can be, upper case, through every `Fn::If` branch (a
 * parameter by its `AllowedValues`); `undefined` for an absent one; the whole answer undefined when
 * some branch cannot be read at synth.
 */
export function settingValues(value: Json | undefined, path: readonly string[], resource: TemplateResource): (string | undefined)[] | undefined {
  return literalValuesAt(value, path, resource.template)?.map((v) => (v === undefined ? undefined : flatten(v).toUpperCase()));
}

/**
 * The authentication types an API accepts, upper case: a GraphQL API's `AuthenticationType` and
 * each `AdditionalAuthenticationProviders[].AuthenticationType`; an Event API's
 * `EventConfig.AuthProviders[].AuthType`. Undefined when one cannot be read at synth.
 */
export function authenticationTypes(api: TemplateResource): string[] | undefined {
  const p = api.properties;
  const graphql = api.type === GRAPHQL_API;
  const field = graphql ? 'AuthenticationType' : 'AuthType';
  const settings: { value: Json | undefined; path: string[] }[] = graphql ? [{ value: p.AuthenticationType, path: [] }] : [];
  for (const list of graphql ? valuesAt(p.AdditionalAuthenticationProviders, []) : valuesAt(p.EventConfig, ['AuthProviders'])) {
    if (list === undefined) {
      continue;
    }
    if (!Array.isArray(list)) {
      return undefined;
    }
    settings.push(...list.map((provider) => ({ value: provider, path: [field] })));
  }
  const found: string[] = [];
  for (const { value, path } of settings) {
    const values = settingValues(value, path, api);
    if (values === undefined) {
      return undefined;
    }
    found.push(...values.filter((v): v is string => v !== undefined));
  }
  return found;
}
