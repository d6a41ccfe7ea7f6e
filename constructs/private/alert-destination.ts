import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import { IAlertDestination } from '../security-alert-topic';

/*
 * Alerts go to a topic by its ARN, relying on the topic's own policy: a SecurityAlertTopic's
 * narrowed one, or an imported topic's, which must already let EventBridge and CloudWatch
 * publish (and use its key). `aws-events-targets`' SnsTopic would add unconditioned statements.
 */

/** An EventBridge target sending matched events (or `message`) to the destination. */
export function alertTarget(destination: IAlertDestination, message?: events.RuleTargetInput): events.IRuleTarget {
  const arn = destination.topicArn;
  return { bind: () => ({ arn, input: message }) };
}

/** A CloudWatch alarm action notifying the destination. */
export function alertAction(destination: IAlertDestination): cloudwatch.IAlarmAction {
  const arn = destination.topicArn;
  return { bind: () => ({ alarmActionArn: arn }) };
}
