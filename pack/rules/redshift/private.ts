/*
 * Redshift's provisioned and serverless resource types, which the rules read together.
 */

export const REDSHIFT_CLUSTER = 'AWS::Redshift::Cluster';
export const SERVERLESS_WORKGROUP = 'AWS::RedshiftServerless::Workgroup';
export const SERVERLESS_NAMESPACE = 'AWS::RedshiftServerless::Namespace';

/** What a finding calls the resource. */
export function describe(type: string): string {
  return type === REDSHIFT_CLUSTER ? 'cluster' : type === SERVERLESS_WORKGROUP ? 'workgroup' : 'namespace';
}
