import { failed, passed, ResourceRule } from '../../rule';
import { StackTemplate } from '../../template';
import { isObject, Json } from '../../json';
import { valuesAt } from '../../readers';
import { isIntrinsic } from '../../values';
import { literalState } from '../bedrock/private';
import { INSTANCE, LAUNCH_TYPES, launchSetting, launchTemplatesOf } from './launch';

type Imds = { readonly state: 'required' | 'unset' } | { readonly state: 'problem'; readonly detail: string };

/**
 * Instances answer metadata requests only with a session token (IMDSv2, `HttpTokens: required`),
 * which stops a server-side request forgery from reading the instance role's credentials; a
 * disabled metadata endpoint (`HttpEndpoint: disabled`) passes too. Absent, the default follows
 * the AMI's `ImdsSupport` and the account's default, which synth cannot see. An instance that sets
 * no `HttpTokens` of its own is judged through the launch template it names, which is how CDK's
 * `requireImdsv2` attaches the setting.
 */
export const Ec2ImdsV2Required: ResourceRule = {
  id: 'Ec2ImdsV2Required',
  resourceTypes: LAUNCH_TYPES,
  passes: '`MetadataOptions.HttpTokens: required` (or `HttpEndpoint: disabled`) in every branch: on an instance, its own or else its launch template\'s (in the stack); on a launch template, under `LaunchTemplateData`; absent fails.',
  check: (resource) => {
    const own = launchSetting(resource, 'MetadataOptions');
    const imds = imdsOf(own.values, resource.template);
    if (imds.state === 'problem') {
      return failed(`It ${imds.detail}.`, own.location);
    }
    if (imds.state === 'required') {
      return passed();
    }
    if (resource.type !== INSTANCE) {
      return failed('It does not set MetadataOptions.HttpTokens, so whether IMDSv1 answers depends on the AMI\'s ImdsSupport and the account\'s default, which synth cannot see.', own.location);
    }
    for (const source of launchTemplatesOf(resource)) {
      if (source.kind === 'none') {
        return failed('It sets no MetadataOptions.HttpTokens and names no launch template, so whether IMDSv1 answers depends on the AMI\'s ImdsSupport and the account\'s default, which synth cannot see.', own.location);
      }
      if (source.kind === 'unknown') {
        return failed(`It sets no MetadataOptions.HttpTokens and takes its metadata options from ${source.what}, so IMDSv2 cannot be proven at synth.`, 'Properties/LaunchTemplate');
      }
      const inherited = imdsOf(launchSetting(source.template, 'MetadataOptions').values, resource.template);
      if (inherited.state !== 'required') {
        const why = inherited.state === 'problem' ? inherited.detail : 'does not set MetadataOptions.HttpTokens either';
        return failed(`It sets no MetadataOptions.HttpTokens, and its launch template ${source.template.logicalId} ${why}.`, 'Properties/LaunchTemplate');
      }
    }
    return passed();
  },
};

/** Whether metadata options require IMDSv2 in every value, leave it unset in some, or get it wrong. */
function imdsOf(values: readonly (Json | undefined)[], template: StackTemplate): Imds {
  let unset = false;
  for (const options of values) {
    if (options === undefined) {
      unset = true;
      continue;
    }
    if (!isObject(options) || isIntrinsic(options)) {
      return { state: 'problem', detail: 'has MetadataOptions that cannot be read at synth' };
    }
    if (literalState(valuesAt(options, ['HttpEndpoint']), template, ['disabled']).state === 'accepted') {
      continue;
    }
    const tokens = literalState(valuesAt(options, ['HttpTokens']), template, ['required']);
    if (tokens.state === 'other') {
      return { state: 'problem', detail: `sets MetadataOptions.HttpTokens to ${tokens.value}, so IMDSv1 answers requests without a session token` };
    }
    if (tokens.state === 'unknown') {
      return { state: 'problem', detail: 'sets MetadataOptions.HttpTokens to a value that cannot be known at synth' };
    }
    unset ||= tokens.state === 'absent';
  }
  return { state: unset ? 'unset' : 'required' };
}
