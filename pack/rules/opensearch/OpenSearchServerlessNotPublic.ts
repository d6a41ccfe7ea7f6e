import { ResourceRule } from '../../rule';
import { isObject, Json } from '../../json';
import { prop } from '../../readers';
import { asArray, asBoolean } from '../../values';
import { checkSecurityPolicy, SECURITY_POLICY } from './serverless';

/**
 * An OpenSearch Serverless network policy admits no one from the internet: no rule set has
 * `AllowFromPublic: true`. Access comes only through the VPC endpoints (`SourceVPCEs`) and AWS
 * services (`SourceServices`) the policy names.
 */
export const OpenSearchServerlessNotPublic: ResourceRule = {
  id: 'OpenSearchServerlessNotPublic',
  resourceTypes: [SECURITY_POLICY],
  passes: 'A security policy of `Type: network` whose `Policy` JSON has no rule set with `AllowFromPublic: true`, in every `Fn::If` branch; encryption policies are not applicable.',
  check: (policy) => checkSecurityPolicy(policy, 'network', publicAccess),
};

function publicAccess(document: Json): string | undefined {
  for (const [i, ruleSet] of asArray(document).entries()) {
    if (!isObject(ruleSet)) {
      return `Its network policy's rule set ${i} is not a JSON object, so it cannot be shown to refuse public access.`;
    }
    const allow = prop(ruleSet, 'AllowFromPublic');
    if (asBoolean(allow) === true) {
      return `Its network policy's rule set ${i} allows access from the internet (AllowFromPublic: true) to the collections and dashboards it names.`;
    }
    if (allow !== undefined && asBoolean(allow) === undefined) {
      return `Its network policy's rule set ${i} has AllowFromPublic ${JSON.stringify(allow)}, a value synth cannot know, so it may allow public access once deployed.`;
    }
  }
  return undefined;
}
