import { failed, passed, ResourceRule } from '../../rule';
import { Json } from '../../json';
import { prop } from '../../readers';
import { asBoolean, branches, isIntrinsic, isNoValue } from '../../values';
import { clusterSettings, ClusterSettings, EKS_CLUSTER_TYPES } from './private';

/** The control-plane logs an auditor needs: API calls, the audit trail, and who authenticated. */
export const REQUIRED_LOG_TYPES: readonly string[] = ['api', 'audit', 'authenticator'];

/** Log types written as strings, lower-cased; elements that cannot be read are left out. */
function typeNames(values: readonly (Json | undefined)[]): string[] {
  return values.filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase());
}

/**
 * The types `AWS::EKS::Cluster` enables, once per branch: `Logging.ClusterLogging.EnabledTypes`
 * is a list of `{Type}`. Undefined for a branch that cannot be read.
 */
function cloudFormationTypes(settings: ClusterSettings): (string[] | undefined)[] {
  return settings.at(['Logging', 'ClusterLogging', 'EnabledTypes']).map((list) => {
    if (list === undefined || isNoValue(list)) {
      return [];
    }
    if (list === null || !Array.isArray(list)) {
      return undefined;
    }
    // An element in an `Fn::If` counts only if every branch names the type: keep the types
    // common to its branches.
    return list.flatMap((item) => {
      const names = branches(item).map((b) => typeNames([prop(b, 'Type')]));
      return names.reduce((common, n) => common.filter((t) => n.includes(t)));
    });
  });
}

/**
 * The types the aws-eks custom resource enables, once per branch: its handler enables the `types`
 * of the first `Config.logging.clusterLogging` entry (the EKS API's `LogSetup`), unless that
 * entry says `enabled: false`.
 */
function customResourceTypes(settings: ClusterSettings): (string[] | undefined)[] {
  return settings.at(['Logging', 'ClusterLogging']).flatMap((list) => {
    if (list === undefined || isNoValue(list)) {
      return [[]];
    }
    if (list === null || !Array.isArray(list)) {
      return [undefined];
    }
    return branches(list[0]).flatMap((setup) => {
      if (setup === undefined || isNoValue(setup) || asBoolean(prop(setup, 'Enabled')) === false) {
        return [[]];
      }
      if (isIntrinsic(setup)) {
        return [undefined];
      }
      return branches(prop(setup, 'Types')).map((t) => (t === undefined || isNoValue(t) ? [] : Array.isArray(t) ? typeNames(t) : undefined));
    });
  });
}

/**
 * The control plane sends its api, audit and authenticator logs to CloudWatch Logs. EKS enables
 * no log type by default; without them there is no record of who did what through the
 * Kubernetes API (controllerManager and scheduler logs are optional).
 */
export const EksControlPlaneLogging: ResourceRule = {
  id: 'EksControlPlaneLogging',
  resourceTypes: EKS_CLUSTER_TYPES,
  passes: `\`Logging.ClusterLogging.EnabledTypes\` (for the aws-eks custom resource, the first \`Config.logging.clusterLogging\` entry's \`types\`) includes ${REQUIRED_LOG_TYPES.join(', ')} in every branch; absent means no control-plane logs.`,
  check: (cluster) => {
    const settings = clusterSettings(cluster);
    const location = settings.location(settings.custom ? ['Logging', 'ClusterLogging'] : ['Logging', 'ClusterLogging', 'EnabledTypes']);
    const perBranch = settings.custom ? customResourceTypes(settings) : cloudFormationTypes(settings);
    for (const enabled of perBranch) {
      if (enabled === undefined) {
        return failed('Its control-plane log types come from a value that cannot be known at synth; make them literal or acknowledge the rule with a reason.', location);
      }
      const missing = REQUIRED_LOG_TYPES.filter((t) => !enabled.includes(t));
      if (missing.length > 0) {
        return failed(`Its control plane does not log ${missing.join(', ')} (enabled: ${enabled.length > 0 ? enabled.join(', ') : 'none'}).`, location);
      }
    }
    return passed();
  },
};
