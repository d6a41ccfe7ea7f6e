import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { PackRun, runPackOnStack } from '../../helpers';

/*
 * LogsResourcePolicyNotPublic over the L2 ResourcePolicy (a service principal, everyone, everyone
 * narrowed to the account), an L1 policy written as a JSON string, subscription destinations, and a policy
 * synth cannot read.
 */

const RULE = 'LogsResourcePolicyNotPublic';

describe(RULE, () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPackOnStack((stack: Stack) => {
      const group = new logs.LogGroup(stack, 'Group');
      const write = (principal: iam.IPrincipal, conditions?: Record<string, unknown>) => new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], principals: [principal], resources: [group.logGroupArn], conditions,
      });
      // Pairs: differ only in the principal, and only in the narrowing condition.
      new logs.ResourcePolicy(stack, 'ServiceDelivery', { policyStatements: [write(new iam.ServicePrincipal('delivery.logs.amazonaws.com'))] });
      new logs.ResourcePolicy(stack, 'Everyone', { policyStatements: [write(new iam.AnyPrincipal())] });
      new logs.ResourcePolicy(stack, 'EveryoneInAccount', { policyStatements: [write(new iam.AnyPrincipal(), { StringEquals: { 'aws:SourceAccount': stack.account } })] });
      // A policy written as a JSON string.
      new logs.CfnResourcePolicy(stack, 'GroupScopedOpen', {
        policyName: 'open',
        policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'logs:PutLogEvents', Resource: '*' }] }),
      });
      const document = new CfnParameter(stack, 'PolicyDocument', { type: 'String' });
      new logs.CfnResourcePolicy(stack, 'FromParameter', { policyName: 'param', policyDocument: document.valueAsString });
      // Subscription destinations: one for a named account, one for everyone.
      const role = new iam.Role(stack, 'DestinationRole', { assumedBy: new iam.ServicePrincipal('logs.amazonaws.com') });
      const destination = (id: string, principal: string) => new logs.CfnDestination(stack, id, {
        destinationName: id, roleArn: role.roleArn, targetArn: 'arn:aws:kinesis:eu-west-1:111111111111:stream/logs',
        destinationPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'logs:PutSubscriptionFilter', Resource: '*' }] }),
      });
      destination('ForPartner', '222222222222');
      destination('ForAnyone', '*');
      new logs.CfnDestination(stack, 'NoPolicy', { destinationName: 'NoPolicy', roleArn: role.roleArn, targetArn: 'arn:aws:kinesis:eu-west-1:111111111111:stream/logs' });
    });
  });

  test('passes a policy for a service principal, or for everyone narrowed to the account', () => {
    expect(run.verdict('Test/ServiceDelivery/ResourcePolicy', RULE)).toBe('passed');
    expect(run.verdict('Test/EveryoneInAccount/ResourcePolicy', RULE)).toBe('passed');
  });

  test('fails a policy that lets anyone write, L2 or L1', () => {
    expect(run.detail('Test/Everyone/ResourcePolicy', RULE)).toBe('Its CloudWatch Logs resource policy statement 0 allows any principal without a condition narrowing it to an account, organization, source or network.');
    expect(run.verdict('Test/GroupScopedOpen', RULE)).toBe('failed');
  });

  test('judges destination policies: a named account passes, everyone fails, none is the owner only', () => {
    expect(run.verdict('Test/ForPartner', RULE)).toBe('passed');
    expect(run.detail('Test/ForAnyone', RULE)).toMatch(/^Its destination policy statement 0 allows any principal/);
    expect(run.verdict('Test/NoPolicy', RULE)).toBe('passed');
  });

  test('fails closed on a policy synth cannot read', () => {
    expect(run.detail('Test/FromParameter', RULE)).toMatch(/is not a literal document/);
  });
});
