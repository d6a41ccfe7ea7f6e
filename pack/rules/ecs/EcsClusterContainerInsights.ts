import { failed, passed, ResourceRule } from '../../rule';
import { flatten, someBranchNote } from '../../values';
import { literalAlternatives, valuesAt } from '../../readers';
import { isObject } from '../../json';

const LOCATION = 'Properties/ClusterSettings';
const ON = ['ENABLED', 'ENHANCED'];

/**
 * An ECS cluster collects CloudWatch Container Insights: the `containerInsights` cluster setting is
 * `enabled` or `enhanced`, so task and service CPU, memory, network and restart metrics are recorded
 * for monitoring. A warning, not an error: an account-level default (`PutAccountSettingDefault`)
 * turns it on for clusters that set nothing, which synth cannot see. Every `Fn::If` branch counts,
 * a parameter by its `AllowedValues`.
 */
export const EcsClusterContainerInsights: ResourceRule = {
  id: 'EcsClusterContainerInsights',
  resourceTypes: ['AWS::ECS::Cluster'],
  passes: 'A `ClusterSettings` entry `{ Name: containerInsights, Value: enabled | enhanced }` (the L2\'s `containerInsightsV2`), in every `Fn::If` branch.',
  check: (cluster) => {
    const values: (string | undefined)[] = [];
    for (const settings of valuesAt(cluster.properties.ClusterSettings, [])) {
      if (settings !== undefined && !Array.isArray(settings)) {
        return failed('Its ClusterSettings come from a value synth cannot read, so Container Insights cannot be shown to be on.', LOCATION);
      }
      const entry = (settings ?? []).find((s) => isObject(s) && flatten(s.Name).toLowerCase() === 'containerinsights');
      const alternatives = isObject(entry) ? literalAlternatives(entry.Value, cluster.template) : [undefined];
      if (alternatives === undefined) {
        return failed('Its containerInsights setting comes from a value synth cannot read, which may be disabled at deploy time.', LOCATION);
      }
      values.push(...alternatives.map((a) => (a === undefined ? undefined : flatten(a).toUpperCase())));
    }
    const off = values.filter((v) => v === undefined || !ON.includes(v));
    if (off.length === 0) {
      return passed();
    }
    const how = off[0] === undefined ? 'does not set containerInsights (so the account default applies, disabled unless changed)' : `sets containerInsights to ${off[0].toLowerCase()}`;
    return failed(`It ${how}${someBranchNote(values)}, so Container Insights does not record its tasks' metrics.`, LOCATION);
  },
};
