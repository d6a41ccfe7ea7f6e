import { failed, passed, ResourceRule } from '../../rule';
import { isObject, Json } from '../../json';
import { branches, isIntrinsic, isUnset } from '../../values';

/** Whether a literal lifecycle policy has no rule (a policy that expires nothing). */
function hasNoRules(text: Json | undefined): boolean {
  if (typeof text !== 'string') {
    return false;
  }
  try {
    const policy = JSON.parse(text) as Json;
    return isObject(policy) && Array.isArray(policy.rules) && policy.rules.length === 0;
  } catch {
    return false;
  }
}

/**
 * Old images are expired on a schedule rather than kept forever: disposal of what is no longer
 * needed (C1.2). A warning, since how long images are kept is the owner's call.
 */
export const EcrLifecyclePolicy: ResourceRule = {
  id: 'EcrLifecyclePolicy',
  resourceTypes: ['AWS::ECR::Repository'],
  passes: '`LifecyclePolicy.LifecyclePolicyText` set with at least one rule (the L2 `lifecycleRules` prop).',
  check: (repository) => {
    const location = 'Properties/LifecyclePolicy/LifecyclePolicyText';
    for (const policy of branches(repository.properties.LifecyclePolicy)) {
      const texts = isIntrinsic(policy) || !isObject(policy) ? [policy] : branches(policy.LifecyclePolicyText);
      for (const text of texts) {
        if (isUnset(text)) {
          return failed('It has no lifecycle policy, so images are kept forever.', location);
        }
        if (hasNoRules(text)) {
          return failed('Its lifecycle policy has no rule, so images are kept forever.', location);
        }
      }
    }
    return passed();
  },
};
