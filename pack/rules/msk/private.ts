import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { literalValuesAt } from '../../readers';
import { asBoolean } from '../../values';

/*
 * Amazon MSK's two cluster types and MSK Connect's connectors, and the readers their rules share. A
 * provisioned cluster (`AWS::MSK::Cluster`) carries its encryption, logging, network and
 * authentication settings; a serverless one (`AWS::MSK::ServerlessCluster`) has only its VPCs and
 * IAM authentication: MSK Serverless always uses TLS and always requires IAM access control.
 */

export const CLUSTER = 'AWS::MSK::Cluster';
export const SERVERLESS_CLUSTER = 'AWS::MSK::ServerlessCluster';
export const CLUSTER_TYPES: readonly string[] = [CLUSTER, SERVERLESS_CLUSTER];
export const CONNECTOR = 'AWS::KafkaConnect::Connector';

/**
 * Every literal value a resource's setting at `path` (under `Properties`) can take at deploy time:
 * each `Fn::If` branch, a parameter as each of its `AllowedValues`, `undefined` for absent. Undefined
 * when some value cannot be known at synth.
 */
export function settingValues(resource: TemplateResource, path: readonly string[]): (Json | undefined)[] | undefined {
  return literalValuesAt(resource.properties, path, resource.template);
}

/** Whether a setting is literally true in every value it can take (and has one). */
export function alwaysOn(values: readonly (Json | undefined)[] | undefined): boolean {
  return values !== undefined && values.length > 0 && values.every((v) => asBoolean(v) === true);
}
