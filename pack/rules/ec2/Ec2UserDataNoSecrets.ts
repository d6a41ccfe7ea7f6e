import { failed, passed, ResourceRule } from '../../rule';
import { base64Script, credentialIn } from '../../secrets';
import { INSTANCE, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE, launchSetting } from './launch';

/**
 * No credentials in user data: an instance's user data is readable by anyone who can describe its
 * attributes (`ec2:DescribeInstanceAttribute`) and by every process on the instance through the
 * metadata service; a launch template's by anyone who can describe its versions. A script reads a
 * secret at boot from Secrets Manager or Parameter Store, with the instance's role. Only
 * credentials recognizable by their shape are found; a password in a script is not.
 */
export const Ec2UserDataNoSecrets: ResourceRule = {
  id: 'Ec2UserDataNoSecrets',
  resourceTypes: [INSTANCE, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION],
  passes: 'Its `UserData` (base64, or inside `Fn::Base64`; a launch template\'s under `LaunchTemplateData`), in every branch, holds no credential of a recognizable shape: an AWS access key id or secret key, a private key, a GitHub, Hugging Face, Weights & Biases or Slack token. User data synth cannot read fails.',
  check: (resource) => {
    const setting = launchSetting(resource, 'UserData');
    for (const userData of setting.values) {
      if (userData === undefined) {
        continue;
      }
      const script = userData === null ? undefined : base64Script(userData);
      if (script === undefined) {
        return failed('Its user data cannot be read at synth, so that it holds no credentials cannot be shown.', setting.location);
      }
      const found = credentialIn(script);
      if (found) {
        return failed(`Its user data holds ${found}, readable by anyone who can describe it and by every process on the instance.`, setting.location);
      }
    }
    return passed();
  },
};
