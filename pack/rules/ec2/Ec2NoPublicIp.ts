import { failed, passed, ResourceRule } from '../../rule';
import { StackTemplate } from '../../template';
import { Json } from '../../json';
import { valuesAt } from '../../readers';
import { asBoolean } from '../../values';
import { itemsOf, literalValues } from '../bedrock/private';
import { INSTANCE, isAbsent, LAUNCH_CONFIGURATION, LAUNCH_TYPES, launchSetting, LaunchSetting, launchTemplatesOf } from './launch';

/**
 * Instances do not ask for a public IPv4 address (`AssociatePublicIpAddress` true on a network
 * interface, or on a launch configuration): ML workloads are reached through load balancers,
 * endpoints or Session Manager, not directly from the internet. Absent, the subnet decides, and
 * SubnetNoPublicIp judges the subnet. An instance without network interfaces of its own takes its
 * launch template's. A value synth cannot know fails closed.
 */
export const Ec2NoPublicIp: ResourceRule = {
  id: 'Ec2NoPublicIp',
  resourceTypes: LAUNCH_TYPES,
  passes: 'No `NetworkInterfaces` entry (on an instance, its own or else its launch template\'s; on a launch template, under `LaunchTemplateData`) and no launch configuration has `AssociatePublicIpAddress` true or unknowable; absent leaves it to the subnet, which SubnetNoPublicIp judges.',
  check: (resource) => {
    if (resource.type === LAUNCH_CONFIGURATION) {
      const problem = publicIpProblem([valuesAt(resource.properties.AssociatePublicIpAddress, [])], resource.template);
      return problem ? failed(`It ${problem}.`, 'Properties/AssociatePublicIpAddress') : passed();
    }
    const own = launchSetting(resource, 'NetworkInterfaces');
    const ownProblem = interfacesProblem(own, resource.template);
    if (ownProblem) {
      return failed(`It ${ownProblem}.`, own.location);
    }
    if (resource.type !== INSTANCE || !isAbsent(own)) {
      return passed();
    }
    for (const source of launchTemplatesOf(resource)) {
      if (source.kind === 'unknown') {
        return failed(`It takes its network interfaces from ${source.what}, so whether it gets a public IP cannot be known at synth.`, 'Properties/LaunchTemplate');
      }
      const inherited = source.kind === 'found' ? interfacesProblem(launchSetting(source.template, 'NetworkInterfaces'), resource.template) : undefined;
      if (source.kind === 'found' && inherited) {
        return failed(`Its launch template ${source.template.logicalId} ${inherited}.`, 'Properties/LaunchTemplate');
      }
    }
    return passed();
  },
};

function interfacesProblem(setting: LaunchSetting, template: StackTemplate): string | undefined {
  const interfaces = itemsOf(setting.values);
  const readable = interfaces.filter((i) => i !== null);
  if (readable.length < interfaces.length) {
    return 'has network interfaces that cannot be read at synth, so a public IP cannot be ruled out';
  }
  return publicIpProblem(readable.map((i) => valuesAt(i, ['AssociatePublicIpAddress'])), template);
}

/** Whether some value of `AssociatePublicIpAddress` (per interface) may be true. */
function publicIpProblem(perInterface: readonly (readonly (Json | undefined)[])[], template: StackTemplate): string | undefined {
  for (const values of perInterface) {
    const known = literalValues(values, template);
    if (known === undefined) {
      return 'sets AssociatePublicIpAddress from a value that cannot be known at synth, so it may be true once deployed';
    }
    if (known.some((v) => asBoolean(v) === true)) {
      return 'asks for a public IPv4 address (AssociatePublicIpAddress is true)';
    }
  }
  return undefined;
}
