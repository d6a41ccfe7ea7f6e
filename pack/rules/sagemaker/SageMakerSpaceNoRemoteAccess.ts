import { failed, passed, ResourceRule } from '../../rule';
import { isUnset, someBranchNote } from '../../values';
import { unknownAtSynth } from './private';
import { literalValuesAt } from '../../readers';

const LOCATION = 'Properties/SpaceSettings/RemoteAccess';

/**
 * A Studio space cannot be opened from a local IDE. Remote access (`SpaceSettings.RemoteAccess:
 * ENABLED`) tunnels a developer's machine into the space with IAM credentials rather than through
 * the domain's Studio sign-in, and puts code and data on a machine outside the domain's network
 * boundary. It is off unless a space turns it on, so an absent setting passes.
 */
export const SageMakerSpaceNoRemoteAccess: ResourceRule = {
  id: 'SageMakerSpaceNoRemoteAccess',
  resourceTypes: ['AWS::SageMaker::Space'],
  passes: '`SpaceSettings.RemoteAccess` is absent (remote access is off unless turned on) or `DISABLED`, in every `Fn::If` branch (a parameter counts by its `AllowedValues`).',
  check: (space) => {
    const values = literalValuesAt(space.properties.SpaceSettings, ['RemoteAccess'], space.template);
    if (values === undefined) {
      return unknownAtSynth(LOCATION, 'be ENABLED');
    }
    const enabled = values.find((v) => !isUnset(v) && !(typeof v === 'string' && v.toUpperCase() === 'DISABLED'));
    if (enabled !== undefined) {
      return failed(`Its SpaceSettings.RemoteAccess is ${JSON.stringify(enabled)}${someBranchNote(values)}, so users can connect to the space from a local IDE, signed in with IAM credentials instead of through the domain, from machines outside its network boundary.`, LOCATION);
    }
    return passed();
  },
};
