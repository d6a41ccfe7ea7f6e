import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { valuesAt } from '../../readers';

/*
 * An EKS cluster is written two ways. The CloudFormation resource `AWS::EKS::Cluster` (CfnCluster,
 * and the L2 of aws-eks-v2) has PascalCase properties. The L2 `Cluster` of aws-eks writes the
 * custom resource `Custom::AWSCDK-EKS-Cluster` instead, whose `Config` is the EKS `CreateCluster`
 * request in camelCase (`Config.resourcesVpcConfig.endpointPublicAccess`), passed to the API as
 * is; its provider functions live in nested stacks, the cluster itself in the parent stack.
 * `prop` matches names case-insensitively, so both are read with the same paths.
 */

/** The custom resource type of the aws-eks L2 `Cluster`. */
export const CDK_EKS_CLUSTER = 'Custom::AWSCDK-EKS-Cluster';

/** The types the EKS rules read. */
export const EKS_CLUSTER_TYPES: readonly string[] = ['AWS::EKS::Cluster', CDK_EKS_CLUSTER];

/** A cluster's settings, whichever way it is written. */
export interface ClusterSettings {
  /** Whether it is the aws-eks custom resource (API request shape, camelCase). */
  readonly custom: boolean;
  /**
   * Every value at a path of PascalCase names under `Properties` (or the custom resource's
   * `Config`), through `Fn::If` (see `valuesAt`).
   */
  at(path: readonly string[]): (Json | undefined)[];
  /** The finding location of a path of PascalCase names, spelled as the template spells it. */
  location(path: readonly string[]): string;
}

export function clusterSettings(cluster: TemplateResource): ClusterSettings {
  const custom = cluster.type === CDK_EKS_CLUSTER;
  const root = custom ? cluster.properties.Config : cluster.properties;
  return {
    custom,
    at: (path) => valuesAt(root, path),
    location: (path) => (custom
      ? ['Properties/Config', ...path.map((p) => p.charAt(0).toLowerCase() + p.slice(1))]
      : ['Properties', ...path]).join('/'),
  };
}
