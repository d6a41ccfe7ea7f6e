import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { EndpointSet, InterfaceEndpoint, MlNetwork, MlNetworkProps } from '../../index';

type Resource = { Type: string; Properties: Record<string, unknown> };

function networkStack(props: MlNetworkProps = {}, stackProps: { env?: { account: string; region: string }; context?: Record<string, unknown> } = {}) {
  const stack = new Stack(new App({ context: stackProps.context }), 'S', { env: stackProps.env });
  const network = new MlNetwork(stack, 'Network', props);
  return { stack, network, template: Template.fromStack(stack) };
}

const resourcesOf = (template: Template, type: string) => Object.values(template.findResources(type)) as Resource[];
/** The endpoint's service name with its region written `<region>` (a join in an agnostic stack, a literal in a pinned one). */
const serviceSuffix = (endpoint: Resource) => {
  const name = endpoint.Properties.ServiceName;
  if (typeof name === 'string') {
    return name.replace(/eu-west-1/, '<region>');
  }
  const parts = (name as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return `${parts[0]}<region>${parts[2]}`;
};
const endpointFor = (template: Template, serviceName: string) => resourcesOf(template, 'AWS::EC2::VPCEndpoint').find((e) => serviceSuffix(e) === serviceName)!;
const statementsOf = (endpoint: Resource) => (endpoint.Properties.PolicyDocument as { Statement: Record<string, unknown>[] } | undefined)?.Statement;
const ACCOUNT = { Ref: 'AWS::AccountId' };

describe('MlNetwork, a new VPC', () => {
  const { network, template } = networkStack({ cidr: '10.10.0.0/16' });

  test('is private: isolated subnets in two zones, no internet gateway, no NAT, no public IPs', () => {
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.10.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true });
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::EIP', 0);
    template.resourceCountIs('AWS::EC2::Route', 0);
    for (const subnet of resourcesOf(template, 'AWS::EC2::Subnet')) {
      expect(subnet.Properties.MapPublicIpOnLaunch).toBe(false);
    }
    expect(network.workloadSubnets.subnets).toHaveLength(2);
  });

  test('strips every rule from the default security group', () => {
    template.hasResourceProperties('Custom::VpcRestrictDefaultSG', {
      DefaultSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkVpc'), 'DefaultSecurityGroup'] },
    });
  });

  test('has every endpoint of the complete set, with private DNS, in every workload subnet, behind the endpoint security group', () => {
    const interfaces = resourcesOf(template, 'AWS::EC2::VPCEndpoint').filter((e) => e.Properties.VpcEndpointType === 'Interface');
    expect(interfaces.map(serviceSuffix).sort()).toEqual([
      'aws.sagemaker.<region>.notebook',
      'aws.sagemaker.<region>.studio',
      'com.amazonaws.<region>.athena',
      'com.amazonaws.<region>.codeartifact.api',
      'com.amazonaws.<region>.codeartifact.repositories',
      'com.amazonaws.<region>.ecr.api',
      'com.amazonaws.<region>.ecr.dkr',
      'com.amazonaws.<region>.events',
      'com.amazonaws.<region>.glue',
      'com.amazonaws.<region>.kms',
      'com.amazonaws.<region>.logs',
      'com.amazonaws.<region>.monitoring',
      'com.amazonaws.<region>.sagemaker.api',
      'com.amazonaws.<region>.sagemaker.featurestore-runtime',
      'com.amazonaws.<region>.sagemaker.metrics',
      'com.amazonaws.<region>.sagemaker.runtime',
      'com.amazonaws.<region>.sns',
      'com.amazonaws.<region>.sts',
    ]);
    const endpointSg = template.getResourceId('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: Match.stringLikeRegexp('^Interface VPC endpoints') } });
    for (const e of interfaces) {
      expect(e.Properties.PrivateDnsEnabled).toBe(true);
      expect(e.Properties.SubnetIds).toHaveLength(2);
      expect(e.Properties.SecurityGroupIds).toEqual([{ 'Fn::GetAtt': [endpointSg, 'GroupId'] }]);
    }
    expect(network.interfaceEndpoint(InterfaceEndpoint.SAGEMAKER_STUDIO)).toBeDefined();
  });

  test('has an S3 gateway endpoint on the workload subnets\' route tables', () => {
    const s3 = endpointFor(template, 'com.amazonaws.<region>.s3');
    expect(s3.Properties.VpcEndpointType).toBe('Gateway');
    expect(s3.Properties.RouteTableIds).toHaveLength(2);
  });

  test('endpoint policies admit only this account\'s principals acting on this account\'s resources, and AWS service principals', () => {
    for (const service of ['com.amazonaws.<region>.sagemaker.api', 'com.amazonaws.<region>.kms', 'com.amazonaws.<region>.sts', 'com.amazonaws.<region>.glue', 'com.amazonaws.<region>.s3']) {
      const statements = statementsOf(endpointFor(template, service))!;
      expect({ service, statement: statements[0] }).toEqual({
        service,
        statement: {
          Sid: 'AllowAccountPrincipalsToAccountResources', Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 'aws:ResourceAccount': ACCOUNT } },
        },
      });
      expect(statements[1]).toEqual({
        Sid: 'AllowAwsServicePrincipals', Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: '*',
        Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } },
      });
    }
    // Nothing else is allowed on a service without documented exceptions.
    expect(statementsOf(endpointFor(template, 'com.amazonaws.<region>.kms'))).toHaveLength(2);
  });

  test('the S3 endpoint admits ECR image layers from the AWS-owned bucket of its region, read-only', () => {
    expect(statementsOf(endpointFor(template, 'com.amazonaws.<region>.s3'))).toContainEqual({
      Sid: 'AllowEcrImageLayersFromAwsOwnedBucket', Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::prod-', { Ref: 'AWS::Region' }, '-starport-layer-bucket/*']] },
    });
  });

  test('the ECR endpoints let this account pull AWS-provided images, and nothing more', () => {
    for (const service of ['com.amazonaws.<region>.ecr.api', 'com.amazonaws.<region>.ecr.dkr']) {
      expect(statementsOf(endpointFor(template, service))).toContainEqual({
        Sid: 'AllowImagePullsFromAwsProvidedRegistries', Effect: 'Allow', Principal: { AWS: '*' },
        Action: ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } },
      });
    }
  });

  test('Studio and notebook endpoints admit only this account\'s SageMaker resources', () => {
    for (const service of ['aws.sagemaker.<region>.studio', 'aws.sagemaker.<region>.notebook']) {
      expect(statementsOf(endpointFor(template, service))).toEqual([{
        Sid: 'AllowThisAccountsSageMakerResources', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sagemaker:*',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:', { Ref: 'AWS::Region' }, ':', ACCOUNT, ':*']] },
      }]);
    }
  });

  test('Feature Store Runtime and Metrics endpoints carry no policy (AWS documents none for them)', () => {
    for (const service of ['com.amazonaws.<region>.sagemaker.featurestore-runtime', 'com.amazonaws.<region>.sagemaker.metrics']) {
      expect(endpointFor(template, service).Properties.PolicyDocument).toBeUndefined();
    }
  });

  test('the endpoint security group admits HTTPS only, only from the literal VPC range, and sends nothing', () => {
    const sg = resourcesOf(template, 'AWS::EC2::SecurityGroup').find((g) => String(g.Properties.GroupDescription).startsWith('Interface VPC endpoints'))!;
    expect(sg.Properties.SecurityGroupIngress).toEqual([{ CidrIp: '10.10.0.0/16', Description: 'HTTPS from the VPC', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 }]);
    expect(sg.Properties.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })]);
    const groupId = template.getResourceId('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: sg.Properties.GroupDescription } });
    const separateIngress = resourcesOf(template, 'AWS::EC2::SecurityGroupIngress').filter((r) => JSON.stringify(r.Properties.GroupId).includes(groupId));
    expect(separateIngress).toEqual([]);
  });

  test('the workload security group sends HTTPS to the endpoints and S3, and TCP among its members', () => {
    const sg = resourcesOf(template, 'AWS::EC2::SecurityGroup').find((g) => String(g.Properties.GroupDescription).startsWith('ML workloads'))!;
    expect(sg.Properties.SecurityGroupIngress).toBeUndefined();
    expect((sg.Properties.SecurityGroupEgress as Record<string, unknown>[]).map((r) => [r.CidrIp, r.IpProtocol, r.FromPort, r.ToPort])).toEqual([
      ['10.10.0.0/16', 'tcp', 443, 443],
      ['0.0.0.0/0', 'tcp', 443, 443],
    ]);
    const self = { 'Fn::GetAtt': [template.getResourceId('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: sg.Properties.GroupDescription } }), 'GroupId'] };
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { GroupId: self, SourceSecurityGroupId: self, IpProtocol: 'tcp', FromPort: 0, ToPort: 65535 });
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { GroupId: self, DestinationSecurityGroupId: self, IpProtocol: 'tcp', FromPort: 0, ToPort: 65535 });
    expect(network.workloadSecurityGroup.securityGroupId).toBeDefined();
  });

  test('logs all traffic of the VPC to a KMS-encrypted log group kept a year and retained', () => {
    const vpc = template.getResourceId('AWS::EC2::VPC', {});
    const logGroup = template.getResourceId('AWS::Logs::LogGroup', {});
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC', ResourceId: { Ref: vpc }, TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs', LogGroupName: { Ref: logGroup },
    });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkFlowLogKey'), 'Arn'] } },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('flow logs are delivered by a role only this account\'s flow logs can assume, allowed to write only to its log group', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': ACCOUNT },
            ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:', { Ref: 'AWS::Region' }, ':', ACCOUNT, ':vpc-flow-log/*']] } },
          },
        }],
      },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: { 'Fn::GetAtt': [template.getResourceId('AWS::Logs::LogGroup', {}), 'Arn'] } }] },
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });
});

describe('MlNetwork options', () => {
  test('the essential set keeps what Studio, training, serving and the signature gate need, and nothing else', () => {
    expect(EndpointSet.ESSENTIAL.endpoints).toEqual([
      InterfaceEndpoint.SAGEMAKER_API, InterfaceEndpoint.SAGEMAKER_RUNTIME, InterfaceEndpoint.SAGEMAKER_FEATURESTORE_RUNTIME,
      InterfaceEndpoint.ECR_API, InterfaceEndpoint.ECR_DOCKER, InterfaceEndpoint.KMS, InterfaceEndpoint.LOGS, InterfaceEndpoint.MONITORING, InterfaceEndpoint.STS,
      InterfaceEndpoint.SNS,
    ]);
    const extended = EndpointSet.essentialWith(InterfaceEndpoint.GLUE, InterfaceEndpoint.KMS);
    expect(extended.endpoints).toHaveLength(11);
    expect(extended.includes(InterfaceEndpoint.GLUE)).toBe(true);
    expect(EndpointSet.COMPLETE.endpoints).toHaveLength(18);
    expect(() => EndpointSet.essentialWith('s3' as InterfaceEndpoint)).toThrow(/endpoints\[0\] is "s3", which is not an interface endpoint: pass one of InterfaceEndpoint\.SAGEMAKER_API/);
  });

  describe('with the essential set, an organization perimeter and three zones of a pinned environment', () => {
    const env = { account: '111111111111', region: 'eu-west-1' };
    const { network, stack, template } = networkStack(
      { endpoints: EndpointSet.ESSENTIAL, organizationId: 'o-a1b2c3d4e5', maxAzs: 3 },
      { env, context: { 'availability-zones:account=111111111111:region=eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] } },
    );

    test('creates only the essential interface endpoints, in three zones, with the default range', () => {
      template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
      const interfaces = resourcesOf(template, 'AWS::EC2::VPCEndpoint').filter((e) => e.Properties.VpcEndpointType === 'Interface');
      expect(interfaces).toHaveLength(10);
      expect(interfaces.every((e) => (e.Properties.SubnetIds as unknown[]).length === 3)).toBe(true);
      expect(network.interfaceEndpoint(InterfaceEndpoint.SAGEMAKER_STUDIO)).toBeUndefined();
      expect(resourcesOf(template, 'AWS::EC2::Subnet').map((s) => s.Properties.AvailabilityZone).sort()).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    });

    test('reads its zones from context, with no lookup', () => {
      const assembly = (stack.node.root as App).synth();
      expect(assembly.manifest.missing ?? []).toEqual([]);
    });

    test('admits the organization\'s principals and resources', () => {
      const perimeter = statementsOf(endpointFor(template, 'com.amazonaws.<region>.sts'))![0];
      expect(perimeter).toEqual(expect.objectContaining({
        Sid: 'AllowOrganizationPrincipalsToOrganizationResources',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
      }));
      expect(statementsOf(endpointFor(template, 'com.amazonaws.<region>.ecr.api'))).toContainEqual(expect.objectContaining({
        Sid: 'AllowImagePullsFromAwsProvidedRegistries', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      }));
    });
  });

  test('an environment-agnostic stack spans the two zones CDK knows without a lookup', () => {
    const { network } = networkStack({ maxAzs: 3 });
    expect(network.workloadSubnets.subnets).toHaveLength(2);
  });

  test('uses the given flow-log key and a longer retention', () => {
    const stack = new Stack(new App(), 'S');
    const key = new kms.Key(stack, 'Mine');
    new MlNetwork(stack, 'Network', { flowLogEncryptionKey: key, flowLogRetention: logs.RetentionDays.TWO_YEARS });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Mine'), 'Arn'] } });
    template.resourceCountIs('AWS::KMS::Key', 1);
  });
});

describe('MlNetwork with your own VPC', () => {
  const stack = new Stack(new App(), 'S');
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Shared', {
    vpcId: 'vpc-0123456789abcdef0',
    vpcCidrBlock: '10.50.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    publicSubnetIds: ['subnet-pub1', 'subnet-pub2'],
    publicSubnetRouteTableIds: ['rtb-pub1', 'rtb-pub2'],
    isolatedSubnetIds: ['subnet-iso1', 'subnet-iso2'],
    isolatedSubnetRouteTableIds: ['rtb-iso1', 'rtb-iso2'],
  });
  // friction 9: with a VPC of your own, the essential endpoints are the default, not all 18.
  const network = new MlNetwork(stack, 'Network', { vpc });
  const template = Template.fromStack(stack);

  test('friction 9: the essential endpoints by default, not the complete set', () => {
    expect(network.endpointSet).toBe(EndpointSet.ESSENTIAL);
    expect(new MlNetwork(new Stack(new App(), 'New'), 'Network').endpointSet).toBe(EndpointSet.COMPLETE);
  });

  test('friction 9: a helper finds S3\'s prefix list in the stack\'s region and opens HTTPS to it', () => {
    const pinned = new Stack(new App(), 'P', { env: { account: '111111111111', region: 'eu-west-1' } });
    const own = new MlNetwork(pinned, 'Network', { vpc: ec2.Vpc.fromVpcAttributes(pinned, 'Shared', {
      vpcId: 'vpc-0123456789abcdef0', vpcCidrBlock: '10.50.0.0/16', availabilityZones: ['eu-west-1a'], isolatedSubnetIds: ['subnet-iso1'], isolatedSubnetRouteTableIds: ['rtb-iso1'],
    }) });
    const list = MlNetwork.s3PrefixList(pinned);
    own.allowS3Egress(list);
    const t = Template.fromStack(pinned);
    const sg = resourcesOf(t, 'AWS::EC2::SecurityGroup').find((g) => String(g.Properties.GroupDescription).startsWith('ML workloads'))!;
    const egress = [...(sg.Properties.SecurityGroupEgress as Record<string, unknown>[]), ...resourcesOf(t, 'AWS::EC2::SecurityGroupEgress').map((r) => r.Properties)];
    expect(egress).toContainEqual(expect.objectContaining({ DestinationPrefixListId: list.prefixListId, FromPort: 443, ToPort: 443 }));
    expect(() => MlNetwork.s3PrefixList(new Stack(new App(), 'Agnostic'))).toThrow(/needs the stack's region to find S3's prefix list: pin the stack/);
  });

  test('creates no VPC and leaves its default security group alone', () => {
    template.resourceCountIs('AWS::EC2::VPC', 0);
    template.resourceCountIs('AWS::EC2::Subnet', 0);
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 0);
    expect(network.vpc).toBe(vpc);
  });

  test('puts endpoints, security groups and the flow log into it, on its isolated subnets by default', () => {
    for (const e of resourcesOf(template, 'AWS::EC2::VPCEndpoint')) {
      expect(e.Properties.VpcId).toBe('vpc-0123456789abcdef0');
    }
    const interfaces = resourcesOf(template, 'AWS::EC2::VPCEndpoint').filter((e) => e.Properties.VpcEndpointType === 'Interface');
    expect(interfaces).toHaveLength(10);
    expect(interfaces[0].Properties.SubnetIds).toEqual(['subnet-iso1', 'subnet-iso2']);
    expect(endpointFor(template, 'com.amazonaws.<region>.s3').Properties.RouteTableIds).toEqual(['rtb-iso1', 'rtb-iso2']);
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', ResourceId: 'vpc-0123456789abcdef0', TrafficType: 'ALL' });
    expect(network.workloadSubnets.subnetIds).toEqual(['subnet-iso1', 'subnet-iso2']);
  });

  test('the endpoint security group admits the VPC\'s own range, as a literal', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      VpcId: 'vpc-0123456789abcdef0',
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.50.0.0/16', FromPort: 443, ToPort: 443 })],
    });
    expect(network.cidr).toBe('10.50.0.0/16');
  });

  test('workloads get HTTPS only within the VPC, whose routes are not ours, and a warning says how to reach S3', () => {
    const sg = resourcesOf(template, 'AWS::EC2::SecurityGroup').find((g) => String(g.Properties.GroupDescription).startsWith('ML workloads'))!;
    expect((sg.Properties.SecurityGroupEgress as Record<string, unknown>[]).map((r) => r.CidrIp)).toEqual(['10.50.0.0/16']);
    Annotations.fromStack(stack).hasWarning('/S/Network', Match.stringLikeRegexp('network.allowS3Egress\\(MlNetwork.s3PrefixList\\(this\\)\\)'));
  });

  test('a selection of public subnets is refused', () => {
    const s = new Stack(new App(), 'S');
    const v = ec2.Vpc.fromVpcAttributes(s, 'V', { vpcId: 'vpc-1', vpcCidrBlock: '10.1.0.0/16', availabilityZones: ['a'], publicSubnetIds: ['subnet-p'] });
    expect(() => new MlNetwork(s, 'N', { vpc: v, subnets: { subnetType: ec2.SubnetType.PUBLIC } })).toThrow(/subnets selects public subnets/);
    expect(() => new MlNetwork(s, 'M', { vpc: v })).toThrow(/subnets is not set and vpc has no isolated or private subnets/);
  });

  test('a VPC whose range is a token needs cidr', () => {
    const s = new Stack(new App(), 'S');
    const v = new ec2.Vpc(s, 'V', { natGateways: 0, subnetConfiguration: [{ name: 'I', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    expect(() => new MlNetwork(s, 'N', { vpc: v })).toThrow(/cidr is not set and the CIDR block of vpc is not known at synth/);
    const withCidr = new MlNetwork(s, 'M', { vpc: v, cidr: '10.0.0.0/16', endpoints: EndpointSet.ESSENTIAL });
    expect(withCidr.cidr).toBe('10.0.0.0/16');
  });
});

describe('MlNetwork rejects bad input, naming the prop, the value and the fix', () => {
  const make = (props: MlNetworkProps) => () => new MlNetwork(new Stack(new App(), 'S'), 'N', props);
  const shared = () => ec2.Vpc.fromVpcAttributes(new Stack(new App(), 'T'), 'V', { vpcId: 'vpc-1', vpcCidrBlock: '10.1.0.0/16', availabilityZones: ['a'], isolatedSubnetIds: ['subnet-i'] });

  test('a range that is not a private /16 to /22 CIDR block', () => {
    expect(make({ cidr: '10.10.0.0' })).toThrow(/cidr is "10\.10\.0\.0", which is not an IPv4 CIDR block: pass one such as "10\.10\.0\.0\/16"/);
    expect(make({ cidr: '10.10.1.0/16' })).toThrow(/the address must be the first of its block/);
    expect(make({ cidr: '8.8.0.0/16' })).toThrow(/cidr is "8\.8\.0\.0\/16", outside the private ranges: use a block inside 10\.0\.0\.0\/8/);
    expect(make({ cidr: '10.10.0.0/24' })).toThrow(/cidr is "10\.10\.0\.0\/24": a VPC range must be \/16 to \/22/);
    expect(make({ cidr: '10.0.0.0/8' })).toThrow(/a VPC range must be \/16 to \/22/);
    expect(make({ cidr: Lazy.string({ produce: () => '10.0.0.0/16' }) })).toThrow(/cidr is a token: pass the range as a literal/);
  });

  test('zones, organization, retention and endpoint sets', () => {
    expect(make({ maxAzs: 0 })).toThrow(/maxAzs is 0: pass a whole number of availability zones of at least 1/);
    expect(make({ maxAzs: 1.5 })).toThrow(/maxAzs is 1\.5/);
    expect(make({ organizationId: 'my-org' })).toThrow(/organizationId is "my-org": that is not an AWS Organizations id: pass one such as "o-a1b2c3d4e5"/);
    expect(make({ flowLogRetention: logs.RetentionDays.SIX_MONTHS })).toThrow(/flowLogRetention is 180 days: flow logs are audit evidence and must be kept at least 365 days/);
    expect(make({ endpoints: ['sagemaker.api'] as unknown as EndpointSet })).toThrow(/endpoints is \["sagemaker\.api"\]: pass EndpointSet\.COMPLETE, EndpointSet\.ESSENTIAL or EndpointSet\.essentialWith/);
    expect(make({ flowLogRetention: logs.RetentionDays.INFINITE, endpoints: EndpointSet.ESSENTIAL })).not.toThrow();
  });

  test('options that do not fit your own VPC, or need one', () => {
    expect(make({ vpc: shared(), maxAzs: 3 })).toThrow(/maxAzs is 3 but vpc is given/);
    expect(make({ subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } })).toThrow(/subnets is set but vpc is not/);
  });
});
