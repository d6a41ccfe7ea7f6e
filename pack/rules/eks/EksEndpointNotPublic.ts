import { failed, Outcome, passed, ResourceRule } from '../../rule';
import { StackTemplate } from '../../template';
import { Json } from '../../json';
import { literalAlternatives, prop } from '../../readers';
import { asBoolean, branches, isNoValue } from '../../values';
import { clusterSettings, EKS_CLUSTER_TYPES } from './private';

/** A CIDR with prefix length 0 (`0.0.0.0/0`, `::/0`) covers the whole internet. */
function isOpenCidr(cidr: Json | undefined): boolean {
  return typeof cidr === 'string' && cidr.trim().endsWith('/0');
}

/**
 * Why a public endpoint's `PublicAccessCidrs` leaves it open to the internet, or undefined when
 * every value it can take names only restricted ranges. Absent means EKS's default, `0.0.0.0/0`.
 */
function openCidrsProblem(cidrs: Json | undefined, template: StackTemplate): string | undefined {
  for (const list of branches(cidrs)) {
    if (list === undefined || isNoValue(list)) {
      return 'its public endpoint sets no PublicAccessCidrs, so it accepts requests from 0.0.0.0/0 (the EKS default)';
    }
    if (!Array.isArray(list)) {
      return 'its PublicAccessCidrs come from a value that cannot be known at synth and may include 0.0.0.0/0';
    }
    for (const item of list) {
      const values = literalAlternatives(item, template);
      if (values === undefined) {
        return 'one of its PublicAccessCidrs comes from a value that cannot be known at synth and may be 0.0.0.0/0';
      }
      const open = values.find(isOpenCidr);
      if (open !== undefined) {
        return `its public endpoint accepts requests from ${String(open)}`;
      }
    }
  }
  return undefined;
}

/**
 * The Kubernetes API server endpoint is not reachable from the whole internet: public access is
 * off (`EndpointPublicAccess: false`, private access only), or it is limited to named CIDR
 * blocks. EKS's defaults are a public endpoint (`EndpointPublicAccess` absent means true) open to
 * `0.0.0.0/0`; the aws-eks L2 default, `EndpointAccess.PUBLIC_AND_PRIVATE`, is the same.
 */
export const EksEndpointNotPublic: ResourceRule = {
  id: 'EksEndpointNotPublic',
  resourceTypes: EKS_CLUSTER_TYPES,
  passes: '`ResourcesVpcConfig.EndpointPublicAccess: false` (for the aws-eks custom resource, `Config.resourcesVpcConfig.endpointPublicAccess`), or `PublicAccessCidrs` listing only ranges narrower than `/0`. Absent `EndpointPublicAccess` means true and absent `PublicAccessCidrs` means `0.0.0.0/0`.',
  check: (cluster): Outcome => {
    const settings = clusterSettings(cluster);
    for (const vpcConfig of settings.at(['ResourcesVpcConfig'])) {
      if (vpcConfig === null) {
        return failed('Its ResourcesVpcConfig comes from a value that cannot be known at synth, so the endpoint may be public.', settings.location(['ResourcesVpcConfig']));
      }
      const publicAccess = literalAlternatives(prop(vpcConfig, 'EndpointPublicAccess'), cluster.template);
      if (publicAccess === undefined) {
        return failed('Its EndpointPublicAccess comes from a value that cannot be known at synth and may be true; make it literal or acknowledge the rule with a reason.', settings.location(['ResourcesVpcConfig', 'EndpointPublicAccess']));
      }
      if (publicAccess.every((v) => asBoolean(v) === false)) {
        continue;
      }
      const problem = openCidrsProblem(prop(vpcConfig, 'PublicAccessCidrs'), cluster.template);
      if (problem !== undefined) {
        return failed(`Its Kubernetes API endpoint is open to the internet: ${problem}.`, settings.location(['ResourcesVpcConfig', 'PublicAccessCidrs']));
      }
    }
    return passed();
  },
};
