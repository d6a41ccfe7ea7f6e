import { failed, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { asBoolean, isUnset } from '../../values';
import { literalValues } from '../bedrock/private';

const LOCATION = 'Properties/Environment/PrivilegedMode';

/**
 * A build does not run in privileged mode: with it, the build's commands (and every dependency
 * they download) control a Docker daemon as root on the build host, which is needed only to build
 * container images. A project that builds images acknowledges the rule with that reason.
 */
export const CodeBuildNotPrivileged: ResourceRule = {
  id: 'CodeBuildNotPrivileged',
  resourceTypes: ['AWS::CodeBuild::Project'],
  passes: '`Environment.PrivilegedMode` is absent (off by default) or false in every branch; a value synth cannot know fails.',
  check: (project) => {
    const values = literalValues(valuesAt(project.properties, ['Environment', 'PrivilegedMode']), project.template);
    if (values === undefined) {
      return failed('Its PrivilegedMode comes from a value that cannot be known at synth, so it may be on once deployed.', LOCATION);
    }
    if (values.some((v) => !isUnset(v) && asBoolean(v) !== false)) {
      return failed('It runs builds in privileged mode (PrivilegedMode true): the build\'s commands and dependencies control a Docker daemon as root on the build host.', LOCATION);
    }
    return passed();
  },
};
