import { App, NestedStack, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AppIndex } from '../../pack/app-index';
import { StackTemplate } from '../../pack/template';
import { runPack } from './helpers';

describe('AppIndex', () => {
  const network = new StackTemplate('Network', '/tmp/Network.json', {
    Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: {} } },
    Outputs: {
      Strong: { Value: { Ref: 'Vpc' }, Export: { Name: 'Network:VpcId' } },
      Weak: { Value: { Ref: 'Vpc' } },
    },
  });
  const ml = new StackTemplate('Ml', '/tmp/Ml.json', { Resources: {} });
  new AppIndex([network, ml]).attach();

  test('follows an export to the resource it exports', () => {
    expect(ml.target({ 'Fn::ImportValue': 'Network:VpcId' })?.logicalId).toBe('Vpc');
  });

  test('follows a weak reference (Fn::GetStackOutput) to the output\'s resource', () => {
    expect(ml.target({ 'Fn::GetStackOutput': { StackName: 'Network', Region: { Ref: 'AWS::Region' }, OutputName: 'Weak' } })?.logicalId).toBe('Vpc');
  });

  test('resolves nothing it cannot find', () => {
    expect(ml.target({ 'Fn::ImportValue': 'Elsewhere:VpcId' })).toBeUndefined();
    expect(ml.target({ Ref: 'Missing' })).toBeUndefined();
  });
});

describe('the pack judges the app, not one template', () => {
  const vpcStack = (app: App, id: string) => {
    const stack = new Stack(app, id);
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    return { stack, vpc };
  };
  const flowLogIn = (stack: Stack, vpc: ec2.IVpc) => new ec2.FlowLog(stack, 'FlowLog', {
    resourceType: ec2.FlowLogResourceType.fromVpc(vpc),
    destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(stack, 'Logs')),
    trafficType: ec2.FlowLogTrafficType.ALL,
  });

  test('a flow log in another stack counts for the VPC it names: strong and weak references', () => {
    const strong = runPack((app) => {
      const { vpc } = vpcStack(app, 'Network');
      flowLogIn(new Stack(app, 'Monitoring'), vpc);
    });
    expect(strong.verdict('Network/Vpc/Resource', 'VpcFlowLogs')).toBe('passed');
    const weak = runPack((app) => {
      const { vpc } = vpcStack(app, 'Network');
      flowLogIn(new Stack(app, 'Monitoring'), vpc);
    }, { context: { '@aws-cdk/core:defaultCrossStackReferences': 'weak' } });
    expect(weak.verdict('Network/Vpc/Resource', 'VpcFlowLogs')).toBe('passed');
    const none = runPack((app) => {
      vpcStack(app, 'Network');
    });
    expect(none.verdict('Network/Vpc/Resource', 'VpcFlowLogs')).toBe('failed');
  });

  test('a role trusted through another stack\'s export, or a nested stack\'s output, is a role, not a person', () => {
    const run = runPack((app) => {
      const services = new Stack(app, 'Services');
      const caller = new iam.Role(services, 'Caller', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const platform = new Stack(app, 'Platform');
      new iam.Role(platform, 'TrustsOtherStack', { assumedBy: new iam.ArnPrincipal(caller.roleArn) });
      const provider = new NestedStack(platform, 'Provider');
      const providerRole = new iam.Role(provider, 'ProviderRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      // As every EKS cluster's creation role trusts its provider's roles.
      new iam.Role(platform, 'CreationRole', { assumedBy: new iam.ArnPrincipal(providerRole.roleArn) });
      const parentRole = new iam.Role(platform, 'ParentRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      new iam.Role(provider, 'TrustsParent', { assumedBy: new iam.ArnPrincipal(parentRole.roleArn) });
      new iam.Role(platform, 'TrustsAccount', { assumedBy: new iam.AccountRootPrincipal() });
    });
    for (const role of ['Platform/TrustsOtherStack/Resource', 'Platform/CreationRole/Resource', 'Platform/Provider/TrustsParent/Resource']) {
      expect({ role, verdict: run.verdict(role, 'IamHumanTrustRequiresMfa') }).toEqual({ role, verdict: 'not-applicable' });
    }
    expect(run.verdict('Platform/TrustsAccount/Resource', 'IamHumanTrustRequiresMfa')).toBe('failed');
  });
});
