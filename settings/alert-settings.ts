import { SecurityAlertTopicProps, SlackChannel } from '../constructs/security-alert-topic';
import { Soc2MlError } from '../core/errors';
import { validateAlertTopicArn } from '../core/names';
import { parseJson, readList, readObject, rejectUnknownFields, requiredString } from './context-values';

/** Where an environment's alerts go, beyond its alert topic. */
export interface AlertDestinations {
  /** Addresses subscribed by email. */
  readonly emails: string[];
  /** Slack channels, through AWS Chatbot. */
  readonly slackChannels: SlackChannel[];
  /** Existing SNS topics the alerts are forwarded to. */
  readonly topicArns?: string[];
}

const SLACK_FIELDS = ['workspaceId', 'channelId'] as const;
const SLACK_EXAMPLE = '{"workspaceId":"T0123ABCD","channelId":"C0123ABCD"}';

/**
 * `soc2ml:alertSlack` / `soc2ml:<env>:alertSlack`: an AWS Chatbot Slack channel (or a JSON array of
 * them), as JSON in cdk.json or a JSON string with `-c`; [] when absent. The workspace must be
 * authorized in the AWS Chatbot console first.
 */
export function readSlackChannels(value: unknown, key: string): SlackChannel[] | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const parsed = typeof value === 'string' ? parseJson(value, key, `a Slack channel as JSON, for example ${SLACK_EXAMPLE}`) : value;
  return [parsed].flat().map((entry, i) => {
    const label = Array.isArray(parsed) ? `${key}[${i}]` : key;
    const o = readObject(entry, label, `pass a Slack channel as JSON, for example ${SLACK_EXAMPLE}`);
    rejectUnknownFields(o, SLACK_FIELDS, label);
    return {
      workspaceId: requiredString(o.workspaceId, `${label}.workspaceId`, 'the Slack workspace id AWS Chatbot shows once the workspace is authorized (for example "T0123ABCD")'),
      channelId: requiredString(o.channelId, `${label}.channelId`, 'the Slack channel id (for example "C0123ABCD")'),
    };
  });
}

/**
 * `soc2ml:alertTopicArn` / `soc2ml:<env>:alertTopicArn`: existing SNS topics (one ARN, a
 * comma-separated list or a JSON array) every alert is forwarded to; undefined when absent.
 */
export function readAlertTopicArns(value: unknown, key: string): string[] | undefined {
  const arns = readList(value, key);
  arns?.forEach((arn, i) => validateAlertTopicArn(arn, arns.length > 1 ? `${key}[${i}]` : key));
  return arns;
}

/**
 * Refuse topics an environment pinned to an account and region cannot forward to: its alerts are
 * forwarded by an EventBridge pipe of its own account and region, which publishes there only.
 */
export function checkAlertTopicPlacement(arns: readonly string[], key: string, environment: string, account: string | undefined, region: string | undefined): void {
  arns.forEach((arn, i) => {
    const [, partition, , topicRegion, topicAccount] = arn.split(':');
    const label = arns.length > 1 ? `${key}[${i}]` : key;
    if (region !== undefined && topicRegion !== region) {
      throw new Soc2MlError(`${label} is ${JSON.stringify(arn)}, a topic in ${topicRegion}, but environment "${environment}" is in ${region}: its alerts are forwarded by an EventBridge pipe in ${region}, which publishes to topics of its own region. Pass a topic in ${region} (arn:${partition}:sns:${region}:...).`);
    }
    if (account !== undefined && topicAccount !== account) {
      throw new Soc2MlError(`${label} is ${JSON.stringify(arn)}, a topic of account ${topicAccount}, but environment "${environment}" is in account ${account}: its alerts are forwarded by an EventBridge pipe of account ${account}. Pass a topic of that account (subscribe the other account's consumers to it), or use soc2ml:${environment}:alertEmails / alertSlack.`);
    }
  });
}

/**
 * Refuse a deployable production environment (pinned to an account, as every environment the
 * pipeline delivers is) whose alerts would reach nobody, naming the keys and the fix. The
 * environment-agnostic default app may still have none: it cannot be deployed as it is, and the
 * synth summary says which environments' alerts reach nobody.
 */
export function assertAlertsReachSomeone(environment: string, production: boolean, account: string | undefined, destinations: AlertDestinations): void {
  if (!production || account === undefined || destinations.emails.length > 0 || destinations.slackChannels.length > 0 || (destinations.topicArns ?? []).length > 0) {
    return;
  }
  throw new Soc2MlError(`Environment "${environment}" is production and pinned to account ${account}, but its alerts reach nobody: `
    + `set soc2ml:${environment}:alertEmails (or soc2ml:alertEmails) to the addresses of the people on call, `
    + `or soc2ml:${environment}:alertSlack (or soc2ml:alertSlack) to an AWS Chatbot Slack channel such as ${SLACK_EXAMPLE}, `
    + `or soc2ml:${environment}:alertTopicArn (or soc2ml:alertTopicArn) to an existing SNS topic of the account and region that reaches them. `
    + 'A production environment whose GuardDuty findings, non-compliant resources and failed backups alert no one does not operate its detective controls.');
}

/** Where an alert topic's alerts go, from the settings' destinations: the topic's props. */
export function alertTopicDestinations(destinations: { alertEmails?: string[]; alertSlackChannels?: SlackChannel[]; alertTopicArns?: string[] }): Pick<SecurityAlertTopicProps, 'emailAddresses' | 'slackChannels' | 'forwardTo'> {
  return {
    emailAddresses: destinations.alertEmails,
    slackChannels: destinations.alertSlackChannels,
    forwardTo: destinations.alertTopicArns?.map((topicArn) => ({ topicArn })),
  };
}
