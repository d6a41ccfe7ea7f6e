import { Aws, CfnCondition, CfnParameter, Fn, Size, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PackRun, runPackOnStack } from '../../helpers';

const VOLUME = 'EbsVolumeEncrypted';
const DEVICES = 'Ec2BlockDevicesEncrypted';
const IMDS = 'Ec2ImdsV2Required';
const PUBLIC_IP = 'Ec2NoPublicIp';
const COMPUTE = [DEVICES, IMDS, PUBLIC_IP];

let run: PackRun;
beforeAll(() => {
  run = runPackOnStack((stack: Stack) => {
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const encrypted = [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: true, kmsKey: key }) }];
    buildInstances(stack, encrypted);
    buildL1Instances(stack, key);
    buildLaunchTemplates(stack, encrypted);
    buildLaunchConfigurations(stack);
    buildVolumes(stack, key);
  });
});

function buildInstances(stack: Stack, encrypted: ec2.BlockDevice[]) {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-12345678', availabilityZones: ['eu-west-1a'], isolatedSubnetIds: ['subnet-isolated'], publicSubnetIds: ['subnet-public'],
  });
  const securityGroup = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678');
  // Shared, so each instance adds only itself (and its launch template) to the synth.
  const role = iam.Role.fromRoleName(stack, 'Role', 'ml-instance');
  const machineImage = ec2.MachineImage.genericLinux({ 'eu-west-1': 'ami-12345678' });
  const instance = (id: string, props: Partial<ec2.InstanceProps> = {}) => new ec2.Instance(stack, id, {
    vpc, securityGroup, role, machineImage, instanceType: new ec2.InstanceType('m7i.large'),
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, blockDevices: encrypted, requireImdsv2: true, ...props,
  });
  // Each differs from Hardened in one prop.
  instance('Hardened');
  instance('HttpTokens', { requireImdsv2: undefined, httpTokens: ec2.HttpTokens.REQUIRED });
  instance('HttpTokensOptional', { requireImdsv2: undefined, httpTokens: ec2.HttpTokens.OPTIONAL });
  instance('Imdsv1', { requireImdsv2: undefined });
  instance('Unencrypted', { blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: false }) }] });
  instance('EncryptionLeftOut', { blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20) }] });
  instance('NoBlockDevices', { blockDevices: undefined });
  instance('PublicIp', { associatePublicIpAddress: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } });
  instance('NoPublicIp', { associatePublicIpAddress: false });
  (instance('PublicIpOverride').node.defaultChild as ec2.CfnInstance).addPropertyOverride('NetworkInterfaces', [{ DeviceIndex: '0', AssociatePublicIpAddress: true, SubnetId: 'subnet-public' }]);
}

function buildL1Instances(stack: Stack, key: kms.Key) {
  const shared = new ec2.CfnLaunchTemplate(stack, 'SharedTemplate', {
    launchTemplateData: {
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: true, kmsKeyId: key.keyArn } }],
      metadataOptions: { httpTokens: 'required' },
      networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: false }],
    },
  });
  const instance = (id: string, props: Partial<ec2.CfnInstanceProps>) => new ec2.CfnInstance(stack, id, { imageId: 'ami-12345678', instanceType: 'm7i.large', ...props });
  instance('FromTemplate', { launchTemplate: { launchTemplateId: shared.ref, version: shared.attrLatestVersionNumber } });
  instance('FromExternalTemplate', { launchTemplate: { launchTemplateName: 'elsewhere', version: '1' } });
  instance('OptionalOverTemplate', { launchTemplate: { launchTemplateId: shared.ref, version: '$Latest' }, metadataOptions: { httpTokens: 'optional' } });
  instance('EndpointDisabled', { metadataOptions: { httpEndpoint: 'disabled' }, blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: true } }] });
  instance('InstanceStoreOnly', { blockDeviceMappings: [{ deviceName: '/dev/sdb', virtualName: 'ephemeral0' }], metadataOptions: { httpTokens: 'required' } });
  const region = new CfnCondition(stack, 'InIreland', { expression: Fn.conditionEquals(Aws.REGION, 'eu-west-1') });
  instance('EncryptedConditional', { blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: Fn.conditionIf(region.logicalId, true, false) as unknown as boolean } }] });
  const onlyTrue = new CfnParameter(stack, 'EncryptedAllowed', { type: 'String', allowedValues: ['true'] });
  instance('EncryptedParameter', { blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: Fn.ref(onlyTrue.logicalId) as unknown as boolean } }] });
  const publicIp = new CfnParameter(stack, 'PublicIpChoice', { type: 'String' });
  instance('PublicIpParameter', { networkInterfaces: [{ deviceIndex: '0', associatePublicIpAddress: Fn.ref(publicIp.logicalId) as unknown as boolean }] });
}

function buildLaunchTemplates(stack: Stack, encrypted: ec2.BlockDevice[]) {
  const template = (id: string, props: Partial<ec2.LaunchTemplateProps> = {}) => new ec2.LaunchTemplate(stack, id, {
    instanceType: new ec2.InstanceType('m7i.large'), blockDevices: encrypted, requireImdsv2: true, ...props,
  });
  template('Template');
  template('TemplateNoImds', { requireImdsv2: undefined });
  template('TemplateTokensOptional', { requireImdsv2: undefined, httpTokens: ec2.LaunchTemplateHttpTokens.OPTIONAL });
  template('TemplatePublicIp', { associatePublicIpAddress: true });
  template('TemplateNoBlockDevices', { blockDevices: undefined });
  (template('TemplateEncryptedOverride').node.defaultChild as ec2.CfnLaunchTemplate).addPropertyOverride('LaunchTemplateData.BlockDeviceMappings.0.Ebs.Encrypted', false);
}

function buildLaunchConfigurations(stack: Stack) {
  const configuration = (id: string, props: Partial<autoscaling.CfnLaunchConfigurationProps> = {}) => new autoscaling.CfnLaunchConfiguration(stack, id, {
    imageId: 'ami-12345678', instanceType: 'm7i.large',
    blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: true } }],
    metadataOptions: { httpTokens: 'required' },
    associatePublicIpAddress: false,
    ...props,
  });
  configuration('Configuration');
  configuration('ConfigurationPublicIp', { associatePublicIpAddress: true });
  configuration('ConfigurationNoMetadata', { metadataOptions: undefined });
  configuration('ConfigurationUnencrypted', { blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: false } }] });
}

function buildVolumes(stack: Stack, key: kms.Key) {
  const volume = (id: string, props: Partial<ec2.VolumeProps> = {}) => new ec2.Volume(stack, id, { availabilityZone: 'eu-west-1a', size: Size.gibibytes(20), encrypted: true, encryptionKey: key, ...props });
  volume('Volume');
  volume('VolumeEncryptionLeftOut', { encrypted: undefined, encryptionKey: undefined });
  volume('VolumeNotEncrypted', { encrypted: false, encryptionKey: undefined });
  (volume('VolumeOverride').node.defaultChild as ec2.CfnVolume).addPropertyOverride('Encrypted', false);
  const onlyTrue = new CfnParameter(stack, 'VolumeEncryptedAllowed', { type: 'String', allowedValues: ['true'] });
  new ec2.CfnVolume(stack, 'VolumeParameter', { availabilityZone: 'eu-west-1a', size: 20, encrypted: Fn.ref(onlyTrue.logicalId) as unknown as boolean });
  const open = new CfnParameter(stack, 'VolumeEncryptedOpen', { type: 'String' });
  new ec2.CfnVolume(stack, 'VolumeOpenParameter', { availabilityZone: 'eu-west-1a', size: 20, encrypted: Fn.ref(open.logicalId) as unknown as boolean });
}

function failedCompute(path: string): string[] {
  const r = run.verdicts.find((v) => v.constructPath === path);
  if (!r) {
    throw new Error(`No resource at ${path}`);
  }
  return r.failed.map((f) => f.rule).filter((id) => COMPUTE.includes(id)).sort();
}

describe('instances', () => {
  test('the hardened L2 instance passes every control, IMDSv2 through the launch template requireImdsv2 attaches', () => {
    expect(COMPUTE.map((rule) => run.verdict('Test/Hardened/Resource', rule))).toEqual(['passed', 'passed', 'passed']);
    expect(run.verdict('Test/Hardened/LaunchTemplate', IMDS)).toBe('passed');
    // The attached template maps no volumes: the instance carries that control.
    expect(run.verdict('Test/Hardened/LaunchTemplate', DEVICES)).toBe('not-applicable');
  });

  test('each single break fails only its control', () => {
    expect(failedCompute('Test/Imdsv1/Resource')).toEqual([IMDS]);
    expect(failedCompute('Test/HttpTokensOptional/Resource')).toEqual([IMDS]);
    expect(failedCompute('Test/Unencrypted/Resource')).toEqual([DEVICES]);
    expect(failedCompute('Test/PublicIp/Resource')).toEqual([PUBLIC_IP]);
  });

  test(IMDS, () => {
    expect(run.verdict('Test/HttpTokens/Resource', IMDS)).toBe('passed');
    expect(run.detail('Test/HttpTokensOptional/Resource', IMDS)).toMatch(/HttpTokens to optional/);
    expect(run.detail('Test/Imdsv1/Resource', IMDS)).toMatch(/names no launch template/);
    expect(run.verdict('Test/FromTemplate', IMDS)).toBe('passed');
    expect(run.detail('Test/FromExternalTemplate', IMDS)).toMatch(/elsewhere, which is not defined in this stack/);
    // The instance's own setting takes precedence over its template's.
    expect(run.verdict('Test/OptionalOverTemplate', IMDS)).toBe('failed');
    expect(run.verdict('Test/EndpointDisabled', IMDS)).toBe('passed');
  });

  test(DEVICES, () => {
    expect(run.detail('Test/EncryptionLeftOut/Resource', DEVICES)).toMatch(/\/dev\/xvda without Ebs.Encrypted/);
    expect(run.detail('Test/NoBlockDevices/Resource', DEVICES)).toMatch(/maps no EBS block device/);
    expect(run.verdict('Test/FromTemplate', DEVICES)).toBe('passed');
    expect(run.verdict('Test/FromExternalTemplate', DEVICES)).toBe('failed');
    expect(run.verdict('Test/InstanceStoreOnly', DEVICES)).toBe('failed');
    expect(run.verdict('Test/EncryptedConditional', DEVICES)).toBe('failed');
    expect(run.verdict('Test/EncryptedParameter', DEVICES)).toBe('passed');
  });

  test(PUBLIC_IP, () => {
    expect(run.verdict('Test/NoPublicIp/Resource', PUBLIC_IP)).toBe('passed');
    expect(run.detail('Test/PublicIp/Resource', PUBLIC_IP)).toMatch(/AssociatePublicIpAddress is true/);
    expect(run.verdict('Test/PublicIpOverride/Resource', PUBLIC_IP)).toBe('failed');
    expect(run.detail('Test/PublicIpParameter', PUBLIC_IP)).toMatch(/cannot be known at synth/);
    expect(run.verdict('Test/FromTemplate', PUBLIC_IP)).toBe('passed');
    expect(run.verdict('Test/FromExternalTemplate', PUBLIC_IP)).toBe('failed');
  });
});

describe('launch templates', () => {
  test('the hardened L2 launch template passes every control', () => {
    expect(COMPUTE.map((rule) => run.verdict('Test/Template/Resource', rule))).toEqual(['passed', 'passed', 'passed']);
    expect(COMPUTE.map((rule) => run.verdict('Test/SharedTemplate', rule))).toEqual(['passed', 'passed', 'passed']);
  });

  test('each single break fails only its control', () => {
    expect(failedCompute('Test/TemplateNoImds/Resource')).toEqual([IMDS]);
    expect(failedCompute('Test/TemplateTokensOptional/Resource')).toEqual([IMDS]);
    expect(failedCompute('Test/TemplatePublicIp/Resource')).toEqual([PUBLIC_IP]);
    expect(failedCompute('Test/TemplateNoBlockDevices/Resource')).toEqual([DEVICES]);
    expect(failedCompute('Test/TemplateEncryptedOverride/Resource')).toEqual([DEVICES]);
  });

  test('a template without HttpTokens is not proof: the default follows the AMI and the account', () => {
    expect(run.detail('Test/TemplateNoImds/Resource', IMDS)).toMatch(/ImdsSupport/);
  });
});

describe('launch configurations', () => {
  test('the hardened configuration passes; each break fails only its control', () => {
    expect(COMPUTE.map((rule) => run.verdict('Test/Configuration', rule))).toEqual(['passed', 'passed', 'passed']);
    expect(failedCompute('Test/ConfigurationPublicIp')).toEqual([PUBLIC_IP]);
    expect(failedCompute('Test/ConfigurationNoMetadata')).toEqual([IMDS]);
    expect(failedCompute('Test/ConfigurationUnencrypted')).toEqual([DEVICES]);
  });
});

describe(VOLUME, () => {
  test('passes Encrypted true; fails it absent (encryption by default is invisible at synth), false or overridden', () => {
    expect(run.verdict('Test/Volume/Resource', VOLUME)).toBe('passed');
    expect(run.detail('Test/VolumeEncryptionLeftOut/Resource', VOLUME)).toMatch(/does not set Encrypted/);
    expect(run.detail('Test/VolumeNotEncrypted/Resource', VOLUME)).toMatch(/is false/);
    expect(run.verdict('Test/VolumeOverride/Resource', VOLUME)).toBe('failed');
  });

  test('a parameter counts by its AllowedValues; one without fails closed', () => {
    expect(run.verdict('Test/VolumeParameter', VOLUME)).toBe('passed');
    expect(run.detail('Test/VolumeOpenParameter', VOLUME)).toMatch(/cannot be known at synth/);
  });
});
