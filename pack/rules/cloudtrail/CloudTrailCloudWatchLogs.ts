import { failed, passed, ResourceRule } from '../../rule';
import { branches, isUnset } from '../../values';

/**
 * Events reach CloudWatch Logs, where metric filters and alarms watch them as they happen; logs in
 * S3 alone are read only after the fact. References to a log group and role pass.
 */
export const CloudTrailCloudWatchLogs: ResourceRule = {
  id: 'CloudTrailCloudWatchLogs',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  passes: '`CloudWatchLogsLogGroupArn` and `CloudWatchLogsRoleArn` both set (the L2 `sendToCloudWatchLogs: true`).',
  check: (trail) => {
    for (const property of ['CloudWatchLogsLogGroupArn', 'CloudWatchLogsRoleArn']) {
      if (branches(trail.properties[property]).some(isUnset)) {
        return failed(`${property} is not set, so the trail's events are not delivered to CloudWatch Logs for monitoring.`, `Properties/${property}`);
      }
    }
    return passed();
  },
};
