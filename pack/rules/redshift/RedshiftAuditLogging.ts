import { failed, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { literalAlternatives, prop, valuesAt } from '../../readers';
import { flatten, isUnset } from '../../values';
import { logExportsProblem, requireLogExports } from '../rds/private';
import { REDSHIFT_CLUSTER, SERVERLESS_NAMESPACE } from './private';

/** The audit logs that record who connected and which users changed. */
const AUDIT_LOGS = ['connectionlog', 'userlog'];
const LOCATION = 'Properties/LoggingProperties';

/**
 * Redshift's audit logs (connection and user logs) are delivered outside the warehouse: a
 * cluster's `LoggingProperties` send them to S3 (all logs) or to CloudWatch Logs (the listed
 * ones); a serverless namespace exports them to CloudWatch Logs. Audit logging is off by default.
 */
export const RedshiftAuditLogging: ResourceRule = {
  id: 'RedshiftAuditLogging',
  resourceTypes: [REDSHIFT_CLUSTER, SERVERLESS_NAMESPACE],
  passes: 'A cluster\'s `LoggingProperties` name a `BucketName` (destination `s3`, the default) or have `LogDestinationType: cloudwatch` with `LogExports` including `connectionlog` and `userlog`; a namespace\'s `LogExports` include `connectionlog` and `userlog`. In every branch.',
  check: (warehouse) => {
    if (warehouse.type === SERVERLESS_NAMESPACE) {
      return requireLogExports(warehouse, 'LogExports', AUDIT_LOGS);
    }
    for (const logging of valuesAt(warehouse.properties.LoggingProperties, [])) {
      if (logging === undefined) {
        return failed('It has no LoggingProperties, so audit logging is off (the default) and connections and user changes are not recorded outside the cluster.', LOCATION);
      }
      const problem = logging === null ? 'Its LoggingProperties cannot be read at synth, so audit logging cannot be proven.' : destinationProblem(logging, warehouse);
      if (problem) {
        return failed(problem, LOCATION);
      }
    }
    return passed();
  },
};

function destinationProblem(logging: Json, cluster: TemplateResource): string | undefined {
  const destinations = literalAlternatives(prop(logging, 'LogDestinationType'), cluster.template);
  if (destinations === undefined) {
    return 'Its LogDestinationType comes from a value that cannot be known at synth, so audit logging cannot be proven.';
  }
  for (const destination of destinations) {
    const type = destination === undefined ? 's3' : flatten(destination).toLowerCase();
    if (type === 'cloudwatch') {
      const problem = logExportsProblem(prop(logging, 'LogExports'), 'LoggingProperties.LogExports', AUDIT_LOGS);
      if (problem) {
        return problem;
      }
    } else if (type !== 's3') {
      return `Its LogDestinationType ${JSON.stringify(destination)} is neither s3 nor cloudwatch.`;
    } else if (valuesAt(prop(logging, 'BucketName'), []).some((b) => isUnset(b))) {
      return 'Its LoggingProperties deliver to S3 but name no BucketName, so no audit log is delivered.';
    }
  }
  return undefined;
}
