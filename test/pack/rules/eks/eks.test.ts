import { CfnCondition, CfnParameter, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eksv2 from 'aws-cdk-lib/aws-eks-v2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { PackRun, runPack } from '../../helpers';

/*
 * The EKS controls over the three ways a cluster is written: the aws-eks L2 (the custom resource
 * Custom::AWSCDK-EKS-Cluster, one per stack), the aws-eks-v2 L2 and CfnCluster (AWS::EKS::Cluster).
 */

const ENDPOINT = 'EksEndpointNotPublic';
const SECRETS = 'EksSecretsEncrypted';
const LOGGING = 'EksControlPlaneLogging';
const ALL = [ENDPOINT, SECRETS, LOGGING];

// The kubectl layer packages (@aws-cdk/lambda-layer-kubectl-vXX) are not installed: a layer
// imported by ARN stands in for one, which needs no asset and no lookup.
const KUBECTL_LAYER = 'arn:aws:lambda:us-east-1:111111111111:layer:kubectl:1';
const LOGGED = [eks.ClusterLoggingTypes.API, eks.ClusterLoggingTypes.AUDIT, eks.ClusterLoggingTypes.AUTHENTICATOR];

/** The custom resource's L1 under an aws-eks L2 cluster (ClusterResource → CustomResource → CfnResource). */
function clusterResource(cluster: eks.Cluster): CfnResource {
  return cluster.node.findChild('Resource').node.findChild('Resource').node.defaultChild as CfnResource;
}

function l2Cluster(scope: Construct, props: Partial<eks.ClusterProps>): eks.Cluster {
  const vpc = new ec2.Vpc(scope, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  return new eks.Cluster(scope, 'Cluster', {
    version: eks.KubernetesVersion.V1_31,
    kubectlLayer: lambda.LayerVersion.fromLayerVersionArn(scope, 'Kubectl', KUBECTL_LAYER),
    vpc,
    vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    defaultCapacity: 0,
    ...props,
  });
}

describe('EKS cluster controls', () => {
  let run: PackRun;
  beforeAll(() => {
    run = runPack((app) => {
      // aws-eks L2: one cluster per stack.
      const hardened = new Stack(app, 'L2Hardened');
      const adminRange = eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom('203.0.113.0/24');
      l2Cluster(hardened, { endpointAccess: adminRange, secretsEncryptionKey: new kms.Key(hardened, 'Key'), clusterLogging: LOGGED });
      l2Cluster(new Stack(app, 'L2Default'), {});
      const overridden = new Stack(app, 'L2Overridden');
      const opened = l2Cluster(overridden, { endpointAccess: eks.EndpointAccess.PRIVATE, secretsEncryptionKey: new kms.Key(overridden, 'Key'), clusterLogging: LOGGED });
      clusterResource(opened).addPropertyOverride('Config.resourcesVpcConfig.endpointPublicAccess', true);
      clusterResource(opened).addPropertyOverride('Config.logging.clusterLogging.0.enabled', false);
      clusterResource(opened).addPropertyDeletionOverride('Config.encryptionConfig');

      // aws-eks-v2 L2 and CfnCluster (AWS::EKS::Cluster).
      const stack = new Stack(app, 'Native');
      const key = new kms.Key(stack, 'Key');
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      const v2 = (id: string, props: Partial<eksv2.ClusterProps>) => new eksv2.Cluster(stack, id, {
        version: eksv2.KubernetesVersion.V1_31, vpc, vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }], ...props,
      });
      v2('V2Hardened', { endpointAccess: eksv2.EndpointAccess.PRIVATE, secretsEncryptionKey: key, clusterLogging: LOGGED as unknown as eksv2.ClusterLoggingTypes[] });
      v2('V2Default', {});
      (v2('V2Override', { endpointAccess: eksv2.EndpointAccess.PRIVATE }).node.defaultChild as CfnResource)
        .addPropertyOverride('ResourcesVpcConfig.EndpointPublicAccess', true);

      const useFeature = new CfnCondition(stack, 'UseFeature', { expression: Fn.conditionEquals(Fn.ref('AWS::Region'), 'eu-west-1') });
      const encryptionConfig = [{ resources: ['secrets'], provider: { keyArn: key.keyArn } }];
      const logging = { clusterLogging: { enabledTypes: [{ type: 'api' }, { type: 'audit' }, { type: 'authenticator' }] } };
      const cfn = (id: string, vpcConfig: Partial<eks.CfnCluster.ResourcesVpcConfigProperty>, props: Partial<eks.CfnClusterProps> = {}) => new eks.CfnCluster(stack, id, {
        roleArn: 'arn:aws:iam::111111111111:role/eks',
        resourcesVpcConfig: { subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId), endpointPublicAccess: false, endpointPrivateAccess: true, ...vpcConfig },
        encryptionConfig,
        logging,
        ...props,
      });
      cfn('L1Hardened', {});
      cfn('L1PublicDefault', { endpointPublicAccess: undefined });
      cfn('L1PublicOpen', { endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24', '0.0.0.0/0'] });
      cfn('L1PublicIpv6Open', { endpointPublicAccess: true, publicAccessCidrs: ['::/0'] });
      cfn('L1PublicRestricted', { endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] });
      cfn('L1PublicConditional', { endpointPublicAccess: Fn.conditionIf(useFeature.logicalId, true, false) });
      const privateOnly = new CfnParameter(stack, 'PrivateOnly', { type: 'String', allowedValues: ['false'] });
      const anyAccess = new CfnParameter(stack, 'AnyAccess', { type: 'String' });
      cfn('L1PublicParameterFalse', {}).addPropertyOverride('ResourcesVpcConfig.EndpointPublicAccess', privateOnly.valueAsString);
      cfn('L1PublicParameterAny', {}).addPropertyOverride('ResourcesVpcConfig.EndpointPublicAccess', anyAccess.valueAsString);
      const cidrs = new CfnParameter(stack, 'AdminCidrs', { type: 'CommaDelimitedList' });
      cfn('L1PublicCidrsParameter', { endpointPublicAccess: true, publicAccessCidrs: cidrs.valueAsList });
      cfn('L1NoEncryption', {}, { encryptionConfig: undefined });
      cfn('L1EncryptionNoKey', {}, { encryptionConfig: [{ resources: ['secrets'] }] });
      cfn('L1EncryptionAwsAlias', {}, { encryptionConfig: [{ resources: ['secrets'], provider: { keyArn: 'alias/aws/eks' } }] });
      cfn('L1EncryptionConditional', {}).addPropertyOverride('EncryptionConfig', Fn.conditionIf(useFeature.logicalId, [{ Resources: ['secrets'], Provider: { KeyArn: key.keyArn } }], Fn.ref('AWS::NoValue')));
      cfn('L1EncryptionImported', {}).addPropertyOverride('EncryptionConfig', Fn.importValue('SharedEncryption'));
      cfn('L1NoLogging', {}, { logging: undefined });
      cfn('L1LoggingApiOnly', {}, { logging: { clusterLogging: { enabledTypes: [{ type: 'api' }] } } });
      cfn('L1LoggingConditional', {}).addPropertyOverride('Logging.ClusterLogging.EnabledTypes.1', Fn.conditionIf(useFeature.logicalId, { Type: 'audit' }, { Type: 'scheduler' }));
      cfn('L1LoggingImported', {}).addPropertyOverride('Logging.ClusterLogging.EnabledTypes', Fn.importValue('SharedLogTypes'));
    });
  });

  const custom = (stack: string) => `${stack}/Cluster/Resource/Resource/Default`;

  test('the aws-eks L2 writes Custom::AWSCDK-EKS-Cluster, judged in its (parent) stack', () => {
    expect(run.verdicts.find((v) => v.constructPath === custom('L2Hardened'))?.type).toBe('Custom::AWSCDK-EKS-Cluster');
  });
  test('the hardened clusters pass every control, in every form', () => {
    for (const path of [custom('L2Hardened'), 'Native/V2Hardened/Resource', 'Native/L1Hardened']) {
      expect({ path, verdicts: ALL.map((r) => run.verdict(path, r)) }).toEqual({ path, verdicts: ['passed', 'passed', 'passed'] });
    }
  });
  test('the defaults fail every control: public endpoint open to 0.0.0.0/0, no secrets key, no logs', () => {
    for (const path of [custom('L2Default'), 'Native/V2Default/Resource']) {
      expect({ path, verdicts: ALL.map((r) => run.verdict(path, r)) }).toEqual({ path, verdicts: ['failed', 'failed', 'failed'] });
    }
    expect(run.detail(custom('L2Default'), ENDPOINT)).toMatch(/0\.0\.0\.0\/0 \(the EKS default\)/);
  });

  describe(ENDPOINT, () => {
    test('passes a public endpoint restricted to named CIDRs (aws-eks onlyFrom, L1) and a private one (aws-eks-v2)', () => {
      expect(run.verdict(custom('L2Hardened'), ENDPOINT)).toBe('passed');
      expect(run.verdict('Native/V2Hardened/Resource', ENDPOINT)).toBe('passed');
      expect(run.verdict('Native/L1PublicRestricted', ENDPOINT)).toBe('passed');
    });
    test('fails an override opening the endpoint, on either L2', () => {
      expect(run.verdict(custom('L2Overridden'), ENDPOINT)).toBe('failed');
      expect(run.verdict('Native/V2Override/Resource', ENDPOINT)).toBe('failed');
    });
    test('L1: fails absent EndpointPublicAccess (true), 0.0.0.0/0 among CIDRs, ::/0, and a public branch', () => {
      expect(run.verdict('Native/L1PublicDefault', ENDPOINT)).toBe('failed');
      expect(run.verdict('Native/L1PublicOpen', ENDPOINT)).toBe('failed');
      expect(run.detail('Native/L1PublicOpen', ENDPOINT)).toMatch(/accepts requests from 0\.0\.0\.0\/0/);
      expect(run.verdict('Native/L1PublicIpv6Open', ENDPOINT)).toBe('failed');
      expect(run.verdict('Native/L1PublicConditional', ENDPOINT)).toBe('failed');
    });
    test('counts a parameter by its allowed values and fails closed on what synth cannot know', () => {
      expect(run.verdict('Native/L1PublicParameterFalse', ENDPOINT)).toBe('passed');
      expect(run.verdict('Native/L1PublicParameterAny', ENDPOINT)).toBe('failed');
      expect(run.detail('Native/L1PublicParameterAny', ENDPOINT)).toMatch(/cannot be known at synth/);
      expect(run.verdict('Native/L1PublicCidrsParameter', ENDPOINT)).toBe('failed');
    });
  });

  describe(SECRETS, () => {
    test('fails no EncryptionConfig (L2 default, override removing it, L1), no key, an AWS-managed alias', () => {
      expect(run.verdict(custom('L2Overridden'), SECRETS)).toBe('failed');
      expect(run.verdict('Native/L1NoEncryption', SECRETS)).toBe('failed');
      expect(run.verdict('Native/L1EncryptionNoKey', SECRETS)).toBe('failed');
      expect(run.verdict('Native/L1EncryptionAwsAlias', SECRETS)).toBe('failed');
    });
    test('fails a branch without encryption and fails closed on an import', () => {
      expect(run.verdict('Native/L1EncryptionConditional', SECRETS)).toBe('failed');
      expect(run.verdict('Native/L1EncryptionImported', SECRETS)).toBe('failed');
      expect(run.detail('Native/L1EncryptionImported', SECRETS)).toMatch(/cannot be known at synth/);
    });
  });

  describe(LOGGING, () => {
    test('custom resource: fails an override setting the first LogSetup to enabled: false', () => {
      expect(run.verdict(custom('L2Overridden'), LOGGING)).toBe('failed');
      expect(run.detail(custom('L2Overridden'), LOGGING)).toMatch(/enabled: none/);
    });
    test('L1: fails no logging, a missing type, a branch without audit; fails closed on an import', () => {
      expect(run.verdict('Native/L1NoLogging', LOGGING)).toBe('failed');
      expect(run.verdict('Native/L1LoggingApiOnly', LOGGING)).toBe('failed');
      expect(run.detail('Native/L1LoggingApiOnly', LOGGING)).toMatch(/does not log audit, authenticator/);
      expect(run.verdict('Native/L1LoggingConditional', LOGGING)).toBe('failed');
      expect(run.verdict('Native/L1LoggingImported', LOGGING)).toBe('failed');
    });
  });
});
