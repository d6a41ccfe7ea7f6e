import { failed, passed, ResourceRule } from '../../rule';
import { literalAlternatives } from '../../readers';
import { flatten, isUnset, someBranchNote } from '../../values';
import { SERVER } from './private';

const LOCATION = 'Properties/EndpointType';

/** Endpoint types hosted in the account's VPC, behind its security groups. */
const IN_VPC: readonly string[] = ['VPC', 'VPC_ENDPOINT'];

/**
 * The server's endpoint is hosted in a VPC (`EndpointType` `VPC`), where security groups decide
 * which addresses reach it: only the VPC and its peers, or, with Elastic IPs attached
 * (`EndpointDetails.AddressAllocationIds`), the customers' published addresses. A `PUBLIC`
 * endpoint, the service's default when `EndpointType` is absent, takes connections from any
 * internet address and cannot carry a security group, so password guessing and key probing from
 * anywhere meet only authentication (AWS recommends `VPC` for restricting traffic by client address:
 * https://docs.aws.amazon.com/transfer/latest/userguide/create-server-in-vpc.html). A warning, not an
 * error: a public SFTP endpoint with SSH keys is a common way to take customers' datasets, and
 * restricting clients by address is a choice the team makes. `VPC_ENDPOINT` (deprecated, for
 * accounts that had it before May 2021) passes: it is reached through a VPC endpoint. Every `Fn::If`
 * branch counts, a parameter by its `AllowedValues`; a value synth cannot read fails closed.
 */
export const TransferServerInVpc: ResourceRule = {
  id: 'TransferServerInVpc',
  resourceTypes: [SERVER],
  passes: '`EndpointType` is `VPC` (or the deprecated `VPC_ENDPOINT`) in every `Fn::If` branch (a parameter counts by its `AllowedValues`); absent means `PUBLIC`.',
  check: (server) => {
    const types = literalAlternatives(server.properties.EndpointType, server.template);
    if (types === undefined) {
      return failed('Its EndpointType comes from a value synth cannot read (an import, a parameter without AllowedValues, or another intrinsic), so it may be PUBLIC once deployed; write it literally (or give the parameter AllowedValues) or acknowledge the rule with a reason.', LOCATION);
    }
    const open = types.findIndex((t) => isUnset(t) || !IN_VPC.includes(flatten(t).toUpperCase()));
    if (open >= 0) {
      const shown = isUnset(types[open]) ? 'absent, so PUBLIC' : flatten(types[open]);
      return failed(`Its endpoint is public (EndpointType ${shown}${someBranchNote(types)}): any internet address can connect and try credentials, and no security group can narrow the clients to the VPC or to customers' addresses.`, LOCATION);
    }
    return passed();
  },
};
