import { ResourceRule } from '../../rule';
import { isObject, Json } from '../../json';
import { prop } from '../../readers';
import { asBoolean, flatten, isCustomerManagedKey, isUnset } from '../../values';
import { checkSecurityPolicy, SECURITY_POLICY } from './serverless';

/**
 * An OpenSearch Serverless encryption policy encrypts its collections with a customer-managed
 * key: `AWSOwnedKey` not true and a `KmsARN`. With `AWSOwnedKey: true` the data is encrypted under
 * a key AWS owns, whose use the account can neither restrict nor audit. A key ARN given by a
 * token counts: a reference to a key is how a customer-managed key is written.
 */
export const OpenSearchServerlessKmsEncryption: ResourceRule = {
  id: 'OpenSearchServerlessKmsEncryption',
  resourceTypes: [SECURITY_POLICY],
  passes: 'A security policy of `Type: encryption` whose `Policy` JSON has `AWSOwnedKey` false or absent and a `KmsARN` naming a customer-managed key, in every `Fn::If` branch; network policies are not applicable.',
  check: (policy) => checkSecurityPolicy(policy, 'encryption', encryptionProblem),
};

function encryptionProblem(document: Json): string | undefined {
  if (!isObject(document)) {
    return 'Its encryption policy is not a JSON object with Rules, AWSOwnedKey and KmsARN.';
  }
  const owned = prop(document, 'AWSOwnedKey');
  if (asBoolean(owned) === true) {
    return 'It encrypts its collections with an AWS-owned key (AWSOwnedKey: true), not a customer-managed key.';
  }
  if (owned !== undefined && asBoolean(owned) === undefined) {
    return `Its AWSOwnedKey is ${JSON.stringify(owned)}, a value synth cannot know, so it may be true once deployed.`;
  }
  const key = prop(document, 'KmsARN');
  if (isUnset(key)) {
    return 'Its encryption policy names no KmsARN, so it names no customer-managed key.';
  }
  return isCustomerManagedKey(key) ? undefined : `Its KmsARN names the AWS-managed key ${flatten(key)}, not a customer-managed key.`;
}
