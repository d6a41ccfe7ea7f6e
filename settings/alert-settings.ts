import { SlackChannel } from '../constructs/security-alert-topic';
import { Soc2MlError } from '../core/errors';
import { parseJson, readObject, rejectUnknownFields, requiredString } from './context-values';

/** Where an environment's alerts go, beyond its alert topic. */
export interface AlertDestinations {
  /** Addresses subscribed by email. */
  readonly emails: string[];
  /** Slack channels, through AWS Chatbot. */
  readonly slackChannels: SlackChannel[];
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
 * Refuse a deployable production environment (pinned to an account, as every environment the
 * pipeline delivers is) whose alerts would reach nobody, naming the keys and the fix. The
 * environment-agnostic default app may still have none: it cannot be deployed as it is, and the
 * synth summary says which environments' alerts reach nobody.
 */
export function assertAlertsReachSomeone(environment: string, production: boolean, account: string | undefined, destinations: AlertDestinations): void {
  if (!production || account === undefined || destinations.emails.length > 0 || destinations.slackChannels.length > 0) {
    return;
  }
  throw new Soc2MlError(`Environment "${environment}" is production and pinned to account ${account}, but its alerts reach nobody: `
    + `set soc2ml:${environment}:alertEmails (or soc2ml:alertEmails) to the addresses of the people on call, `
    + `or soc2ml:${environment}:alertSlack (or soc2ml:alertSlack) to an AWS Chatbot Slack channel such as ${SLACK_EXAMPLE}. `
    + 'A production environment whose GuardDuty findings, non-compliant resources and failed backups alert no one does not operate its detective controls.');
}
