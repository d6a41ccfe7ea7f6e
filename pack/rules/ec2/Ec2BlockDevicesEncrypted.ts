import { failed, notApplicable, Outcome, passed, ResourceRule, Verdict } from '../../rule';
import { TemplateResource } from '../../template';
import { valuesAt } from '../../readers';
import { flatten } from '../../values';
import { itemsOf, requireLiteralTrue } from '../bedrock/private';
import { INSTANCE, instancesLaunchedFrom, LAUNCH_TEMPLATE, LAUNCH_TYPES, launchSetting, LaunchSetting, launchTemplatesOf } from './launch';

interface Mappings {
  readonly setting: LaunchSetting;
  /** Who maps them, as a sentence begins: `It`, `Its launch template LT`. */
  readonly owner: string;
  readonly location: string;
}

/**
 * Every EBS volume an instance launches with is encrypted (`Ebs.Encrypted: true` on each block
 * device mapping), and there is at least one, so the root volume is not left to the AMI's
 * snapshots or the account's encryption by default, neither of which synth can see. An instance
 * is judged with the mappings of the launch template it names (EC2 merges the two); a launch
 * template that maps nothing and is only used by instances of the stack is judged through them.
 * Instance-store and `NoDevice` mappings are not EBS and are skipped.
 */
export const Ec2BlockDevicesEncrypted: ResourceRule = {
  id: 'Ec2BlockDevicesEncrypted',
  resourceTypes: LAUNCH_TYPES,
  passes: 'At least one `BlockDeviceMappings` entry with `Ebs` (on an instance, its own and its launch template\'s; on a launch template, under `LaunchTemplateData`), and `Ebs.Encrypted: true` on every one; a launch template without mappings that only instances of the stack launch from is not applicable.',
  check: (resource) => {
    const sources = mappingsOf(resource);
    if (!Array.isArray(sources)) {
      return sources;
    }
    let ebs = 0;
    for (const { setting, owner, location } of sources) {
      for (const mapping of itemsOf(setting.values)) {
        if (mapping === null) {
          return failed(`${owner} has block device mappings that cannot be read at synth, so their encryption cannot be proven.`, location);
        }
        if (valuesAt(mapping, ['Ebs']).every((v) => v === undefined)) {
          continue;
        }
        ebs += 1;
        const device = flatten(mapping.DeviceName) || 'a device';
        const outcome = requireLiteralTrue(valuesAt(mapping, ['Ebs', 'Encrypted']), resource.template, `${location}/Ebs/Encrypted`, {
          absent: `${owner} maps ${device} without Ebs.Encrypted, so it is encrypted only if the account encrypts new volumes by default, which synth cannot see.`,
          off: `${owner} maps ${device} with Ebs.Encrypted false.`,
        });
        if (outcome.verdict !== Verdict.PASSED) {
          return outcome;
        }
      }
    }
    if (ebs > 0) {
      return passed();
    }
    if (resource.type === LAUNCH_TEMPLATE && instancesLaunchedFrom(resource).length > 0) {
      return notApplicable();
    }
    return failed('It maps no EBS block device, so its volumes come from the AMI, encrypted only if the AMI\'s snapshots are or the account encrypts new volumes by default, neither of which synth can see.', sources[0].location);
  },
};

/** The block device mappings a resource launches with, or the failure when some cannot be known. */
function mappingsOf(resource: TemplateResource): Mappings[] | Outcome {
  const own = launchSetting(resource, 'BlockDeviceMappings');
  const out: Mappings[] = [{ setting: own, owner: 'It', location: own.location }];
  if (resource.type !== INSTANCE) {
    return out;
  }
  for (const source of launchTemplatesOf(resource)) {
    if (source.kind === 'unknown') {
      return failed(`It launches from ${source.what}, so the block devices it adds cannot be judged at synth.`, 'Properties/LaunchTemplate');
    }
    if (source.kind === 'found') {
      const setting = launchSetting(source.template, 'BlockDeviceMappings');
      out.push({ setting, owner: `Its launch template ${source.template.logicalId}`, location: 'Properties/LaunchTemplate' });
    }
  }
  return out;
}
