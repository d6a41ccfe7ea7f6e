import * as logs from 'aws-cdk-lib/aws-logs';
import { Soc2MlError } from '../../core/errors';

/** The shortest Object Lock retention of a trail bucket: an audit period is 6 to 12 months. */
export const MIN_AUDIT_RETENTION_DAYS = 365;

/** The retention periods CloudWatch Logs accepts, in days, shortest first. */
const LOG_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/**
 * The shortest retention CloudWatch Logs accepts that keeps logs at least `days` (CloudWatch Logs
 * takes only its listed values: 400 stays 400, 500 becomes 545, 731 stays 731).
 */
export function logRetentionAtLeast(days: number): logs.RetentionDays {
  const value = LOG_RETENTION_DAYS.find((d) => d >= days);
  if (value === undefined) {
    throw new Soc2MlError(`No CloudWatch Logs retention keeps logs ${days} days (the longest is ${LOG_RETENTION_DAYS[LOG_RETENTION_DAYS.length - 1]} days): pass at most 3653 days.`);
  }
  return value as logs.RetentionDays;
}
