import { readAssembly } from '../../pack/assembly';
import { stacksWithUnreachableAlerts, unreachableAlertLines } from '../../evidence/unreachable-alerts';
import { summaryOf } from '../../evidence/writer';
import { sharedDefaultAppEvidence } from '../helpers/default-app-evidence';

describe('the summary says which environments\' alerts reach nobody', () => {
  let stacks: ReturnType<typeof readAssembly>['stacks'];
  beforeAll(async () => {
    stacks = readAssembly(await sharedDefaultAppEvidence()).stacks;
  });

  test('the default app sets no destination: every stack with an alert topic is named', () => {
    expect([...stacksWithUnreachableAlerts(stacks)].sort()).toEqual(['soc2ml-baseline', 'soc2ml-dev', 'soc2ml-prod', 'soc2ml-staging']);
    expect(unreachableAlertLines(stacks)[0]).toMatch(/^alerts reach nobody in: soc2ml-baseline, .*soc2ml-prod.*soc2ml:alertEmails/);
  });

  test('a stack whose topic has a subscriber, or a Chatbot channel, is not named', () => {
    const prod = stacks.find((s) => s.stackPath === 'soc2ml-prod')!;
    const topic = [...prod.template.resources.values()].find((r) => r.type === 'AWS::SNS::Topic')!;
    const subscribed = { ...prod, template: { resources: new Map<string, unknown>([...prod.template.resources, ['Sub', { type: 'AWS::SNS::Subscription', properties: { TopicArn: { Ref: topic.logicalId } } }]]) } } as never;
    const chat = { ...prod, template: { resources: new Map<string, unknown>([...prod.template.resources, ['Chat', { type: 'AWS::Chatbot::SlackChannelConfiguration', properties: { SnsTopicArns: [{ Ref: topic.logicalId }] } }]]) } } as never;
    expect(stacksWithUnreachableAlerts([subscribed, chat])).toEqual([]);
  });

  test('the line is in the synth summary', () => {
    const summary = summaryOf({ dir: '/tmp/x', checks: { synthesis: 'passed', checks: [] }, inputs: { stacks, reports: [], acknowledgements: [], synthFailed: false } } as never);
    expect(summary).toContain('alerts reach nobody in: soc2ml-baseline');
  });
});
