import { Aws, ArnFormat, Names, Stack, Token } from 'aws-cdk-lib';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { KeyPurpose } from './key-purpose';
import { PlatformKey } from './platform-key';
import { addServiceStatementsToGivenKey } from './private/key-policy';
import { alertTarget } from './private/alert-destination';
import { forwardAlerts } from './private/alert-forwarding';
import { validateAlertTopicArn } from '../core/names';
import { Soc2MlError } from '../core/errors';

export interface SecurityAlertTopicProps {
  /**
   * The key that encrypts the topic. CDK adds the statements CloudWatch, EventBridge and
   * CodeStar Notifications need to a key defined in this app; a key imported by ARN must
   * already allow them.
   *
   * @default - a new `PlatformKey` for alerts
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The environment the topic serves, used in the new key's alias.
   *
   * @default - no environment in the alias
   */
  readonly environmentName?: string;

  /**
   * Addresses that receive alerts by email (each must confirm the subscription).
   *
   * @default - none
   */
  readonly emailAddresses?: string[];

  /**
   * HTTPS endpoints that receive alerts (for example an incident-management webhook).
   *
   * @default - none
   */
  readonly httpsEndpoints?: string[];

  /**
   * Slack channels that receive alerts through AWS Chatbot (the workspace must be authorized in the
   * AWS Chatbot console first). Each gets a channel configuration with no permissions: it shows
   * alerts and cannot run commands.
   *
   * @default - none
   */
  readonly slackChannels?: SlackChannel[];

  /**
   * Existing topics that receive every alert too (a central security topic, an incident tool's
   * topic), for example `sns.Topic.fromTopicArn(this, 'Central', arn)`. SNS cannot subscribe a
   * topic to a topic: each gets a KMS-encrypted queue subscribed to this topic and an EventBridge
   * pipe that publishes each alert to it. The destination's policy must let the pipe's role publish
   * (same account: its IAM policy does), and its key, if any, let that role use it.
   *
   * @default - none
   */
  readonly forwardTo?: IAlertDestination[];

  /**
   * The topic's display name (the sender name of alert emails).
   *
   * @default 'SOC 2 ML security alerts'
   */
  readonly displayName?: string;
}

/** A Slack channel that receives alerts through AWS Chatbot. */
export interface SlackChannel {
  /** The Slack workspace id, as AWS Chatbot shows it once the workspace is authorized (for example `T0123ABCD`). */
  readonly workspaceId: string;
  /** The Slack channel id (for example `C0123ABCD`). */
  readonly channelId: string;
}

/**
 * Where alerts go: an SNS topic, by its ARN. A `SecurityAlertTopic` is one, and so is any
 * `sns.ITopic` (`sns.Topic.fromTopicArn(...)` for one of another stack or team): an imported topic
 * must already let EventBridge (`events.amazonaws.com`) and CloudWatch (`cloudwatch.amazonaws.com`)
 * publish, and be encrypted with a key they may use (`kms:GenerateDataKey*`, `kms:Decrypt`), or
 * alerts are dropped without an error.
 */
export interface IAlertDestination {
  /** The topic's ARN. */
  readonly topicArn: string;
}

// Deliberately simple: one @, no spaces, a dot in the domain. SNS confirms the rest.
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;

/**
 * The topic security alerts go to: encrypted with a customer-managed key, TLS-only, and
 * publishable only by this account's CloudWatch alarms, EventBridge rules and CodeStar
 * notification rules (each narrowed by `aws:SourceAccount`/`aws:SourceArn`) and by identities
 * given `grantPublish`.
 *
 * Route EventBridge rules to it with `eventTarget()`, not `aws-events-targets`' `SnsTopic`,
 * which adds unconditioned statements to the topic and key policies.
 */
export class SecurityAlertTopic extends Construct implements IAlertDestination {
  /** The topic. */
  public readonly topic: sns.Topic;
  /** The topic's ARN. */
  public readonly topicArn: string;
  /** The key that encrypts the topic. */
  public readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: SecurityAlertTopicProps = {}) {
    super(scope, id);
    for (const [i, address] of (props.emailAddresses ?? []).entries()) {
      if (!Token.isUnresolved(address) && !EMAIL.test(address)) {
        throw new Soc2MlError(`emailAddresses[${i}] is ${JSON.stringify(address)}, which is not an email address: pass an address such as "security@example.com".`);
      }
    }
    for (const [i, endpoint] of (props.httpsEndpoints ?? []).entries()) {
      if (!Token.isUnresolved(endpoint) && !isHttpsUrl(endpoint)) {
        throw new Soc2MlError(`httpsEndpoints[${i}] is ${JSON.stringify(endpoint)}: pass an https:// URL (alerts never travel over plain HTTP).`);
      }
    }

    if (props.encryptionKey) {
      this.encryptionKey = props.encryptionKey;
      addServiceStatementsToGivenKey(this, props.encryptionKey, KeyPurpose.ALERTS, 'encryptionKey',
        'CloudWatch, EventBridge and CodeStar Notifications cannot publish to this topic and alerts will be dropped', 'alertKeyPolicy');
    } else {
      this.encryptionKey = new PlatformKey(this, 'Key', { purpose: KeyPurpose.ALERTS, environmentName: props.environmentName }).key;
    }

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: props.displayName ?? 'SOC 2 ML security alerts',
      masterKey: this.encryptionKey,
      enforceSSL: true,
    });
    this.topicArn = this.topic.topicArn;

    const stack = Stack.of(this);
    const sameAccount = { 'aws:SourceAccount': Aws.ACCOUNT_ID };
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudWatchAlarmsOfThisAccount',
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: {
        StringEquals: sameAccount,
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
      },
    }));
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowEventBridgeRulesOfThisAccount',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: {
        StringEquals: sameAccount,
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'events', resource: 'rule', resourceName: '*' }) },
      },
    }));
    this.topic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCodeStarNotificationsOfThisAccount',
      principals: [new iam.ServicePrincipal('codestar-notifications.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.topic.topicArn],
      conditions: { StringEquals: sameAccount },
    }));

    for (const address of props.emailAddresses ?? []) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(address));
    }
    for (const endpoint of props.httpsEndpoints ?? []) {
      this.topic.addSubscription(new subscriptions.UrlSubscription(endpoint, { protocol: sns.SubscriptionProtocol.HTTPS }));
    }
    for (const [i, channel] of (props.slackChannels ?? []).entries()) {
      this.addSlackChannel(channel, i);
    }
    for (const [i, destination] of (props.forwardTo ?? []).entries()) {
      validateAlertTopicArn(destination?.topicArn, `forwardTo[${i}]`);
      forwardAlerts(new Construct(this, `Forward${i}`), { topic: this.topic, key: this.encryptionKey }, destination.topicArn);
    }
  }

  /** A Chatbot channel configuration with a role that may do nothing: it relays alerts, never commands. */
  private addSlackChannel(channel: SlackChannel, index: number): void {
    for (const field of ['workspaceId', 'channelId'] as const) {
      if (!Token.isUnresolved(channel?.[field]) && !/^[A-Z0-9]{2,}$/.test(channel?.[field] ?? '')) {
        throw new Soc2MlError(`slackChannels[${index}].${field} is ${JSON.stringify(channel?.[field])}: pass the Slack id in capitals and digits (for example "T0123ABCD" for a workspace, "C0123ABCD" for a channel).`);
      }
    }
    const id = `Slack${index}`;
    const role = new iam.Role(this, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('chatbot.amazonaws.com'),
      description: 'AWS Chatbot channel of the security alert topic: relays alerts, may call no AWS API',
    });
    new chatbot.SlackChannelConfiguration(this, id, {
      slackChannelConfigurationName: Names.uniqueResourceName(this, { maxLength: 100 }).concat(`-${index}`),
      slackWorkspaceId: channel.workspaceId,
      slackChannelId: channel.channelId,
      notificationTopics: [this.topic],
      role,
      loggingLevel: chatbot.LoggingLevel.ERROR,
    });
  }

  /** Let an identity publish alerts (and use the key to do so). */
  public grantPublish(grantee: iam.IGrantable): iam.Grant {
    return this.topic.grantPublish(grantee);
  }

  /**
   * An EventBridge target that sends matched events to this topic, relying on the topic's
   * own narrowed policy instead of adding an unconditioned one.
   *
   * @param message what to send (for example `RuleTargetInput.fromText(...)` for a person);
   * @default - the whole event as JSON
   */
  public eventTarget(message?: events.RuleTargetInput): events.IRuleTarget {
    return alertTarget(this, message);
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
