import { failed, passed, ResourceRule } from '../../rule';
import { Json } from '../../json';
import { prop, valuesAt } from '../../readers';
import { branches, isIntrinsic, isUnset } from '../../values';
import { DOMAIN_TYPES } from './private';

/**
 * The domain's endpoint is in the customer's VPC (`VPCOptions` with subnets), not on the
 * internet, where only its access policy stands between it and everyone. A subnet list given by a
 * reference (a parameter of subnet ids, an import) counts: it is how subnets are written.
 */
export const OpenSearchInVpc: ResourceRule = {
  id: 'OpenSearchInVpc',
  resourceTypes: DOMAIN_TYPES,
  passes: '`VPCOptions.SubnetIds` names at least one subnet (or a reference to a list of them) in every `Fn::If` branch; absent means a public endpoint.',
  check: (domain) => {
    for (const options of valuesAt(domain.properties.VPCOptions, [])) {
      if (options === undefined) {
        return failed('It has no VPCOptions, so its endpoint is public: reachable from the internet, guarded only by its access policy.', 'Properties/VPCOptions');
      }
      if (options === null || isIntrinsic(options)) {
        return failed('Its VPCOptions come from a value synth cannot know (an import or another intrinsic), so the endpoint may be public once deployed; write them literally or acknowledge the rule with a reason.', 'Properties/VPCOptions');
      }
      if (!namesSubnets(prop(options, 'SubnetIds'))) {
        return failed('Its VPCOptions names no SubnetIds, so its endpoint is public.', 'Properties/VPCOptions/SubnetIds');
      }
    }
    return passed();
  },
};

/** Whether every branch of a subnet list names a subnet, literally or by reference. */
function namesSubnets(subnets: Json | undefined): boolean {
  return branches(subnets).every((list) => (Array.isArray(list) ? list.some((s) => !isUnset(s)) : isIntrinsic(list) && !isUnset(list)));
}
