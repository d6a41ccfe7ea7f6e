import { AssemblyStack } from '../pack/assembly';

/*
 * Which stacks' alert topics reach nobody: an SNS topic with no subscription (email, HTTPS, SQS,
 * Lambda...) and no AWS Chatbot channel configuration naming it in its own stack. The default app
 * pins no account and sets no destination, so it synthesizes offline; the summary then says which
 * environments would alert no one if deployed like that.
 */

const SUBSCRIPTION = 'AWS::SNS::Subscription';
const CHATBOT = ['AWS::Chatbot::SlackChannelConfiguration', 'AWS::Chatbot::MicrosoftTeamsChannelConfiguration'];

/** Whether a value is `{ Ref: logicalId }`, or a list holding one. */
function names(value: unknown, logicalId: string): boolean {
  if (Array.isArray(value)) {
    return value.some((v) => names(v, logicalId));
  }
  return typeof value === 'object' && value !== null && (value as { Ref?: unknown }).Ref === logicalId;
}

/** The stack paths whose every SNS topic has no subscriber, with their topic counts. */
export function stacksWithUnreachableAlerts(stacks: readonly AssemblyStack[]): string[] {
  const result: string[] = [];
  for (const stack of stacks) {
    const resources = [...stack.template.resources.values()];
    const topics = resources.filter((r) => r.type === 'AWS::SNS::Topic');
    const reached = (topicId: string) => resources.some((r) => (r.type === SUBSCRIPTION && names(r.properties.TopicArn, topicId))
      || (CHATBOT.includes(r.type) && names(r.properties.SnsTopicArns, topicId)));
    if (topics.length > 0 && !topics.some((t) => reached(t.logicalId))) {
      result.push(stack.stackPath);
    }
  }
  return result;
}

/** The summary's line about them, or none when every stack's alerts reach someone. */
export function unreachableAlertLines(stacks: readonly AssemblyStack[]): string[] {
  const silent = stacksWithUnreachableAlerts(stacks);
  if (silent.length === 0) {
    return [];
  }
  return [`alerts reach nobody in: ${silent.join(', ')} (no email, HTTPS or AWS Chatbot subscriber on their alert topics). `
    + 'Set soc2ml:alertEmails or soc2ml:<env>:alertEmails, soc2ml:alertSlack / soc2ml:<env>:alertSlack, or soc2ml:alertTopicArn / soc2ml:<env>:alertTopicArn, before deploying; a pinned production environment refuses to synthesize without one.'];
}
