import { Aws, CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as emr from 'aws-cdk-lib/aws-emr';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PackRun, runPack } from '../../helpers';

/*
 * The EMR cluster rules over CfnCluster and CfnSecurityConfiguration (aws-cdk-lib has no L2 for
 * either). Each configuration is the hardened document with one setting changed, and each cluster
 * the hardened cluster with one property changed. A second stack holds a VPC and a configuration
 * the first names across stacks.
 */

const AT_REST = 'EmrEncryptedAtRest';
const IN_TRANSIT = 'EmrEncryptedInTransit';
const LOGGING = 'EmrLogging';
const PRIVATE = 'EmrInPrivateSubnet';

type Document = Record<string, Record<string, unknown>>;

/** The hardened document: S3 and local disks (with EBS) under the key, TLS with EMR's certificates. */
function hardened(keyArn: string): Document {
  return {
    EncryptionConfiguration: {
      EnableAtRestEncryption: true,
      EnableInTransitEncryption: true,
      AtRestEncryptionConfiguration: {
        S3EncryptionConfiguration: { EncryptionMode: 'SSE-KMS', AwsKmsKey: keyArn },
        LocalDiskEncryptionConfiguration: { EncryptionKeyProviderType: 'AwsKms', AwsKmsKey: keyArn, EnableEbsEncryption: true },
      },
      InTransitEncryptionConfiguration: { TLSCertificateConfiguration: { CertificateProviderType: 'EMR' } },
    },
  };
}

/** The hardened document with the setting at a dotted path under EncryptionConfiguration set (undefined removes it). */
function changed(keyArn: string, path: string, value: unknown): Document {
  const document = hardened(keyArn);
  const keys = path.split('.');
  let at: Record<string, unknown> = document.EncryptionConfiguration;
  for (const key of keys.slice(0, -1)) {
    at = at[key] as Record<string, unknown>;
  }
  if (value === undefined) {
    delete at[keys[keys.length - 1]];
  } else {
    at[keys[keys.length - 1]] = value;
  }
  return document;
}

let run: PackRun;
beforeAll(() => {
  run = runPack((app) => {
    const shared = new Stack(app, 'Shared');
    const sharedVpc = new ec2.Vpc(shared, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    new emr.CfnSecurityConfiguration(shared, 'SharedConfig', { name: 'shared-config', securityConfiguration: hardened('arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab') });

    const stack = new Stack(app, 'Test');
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const logs = new s3.Bucket(stack, 'Logs');
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 1,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    const always = new CfnCondition(stack, 'Always', { expression: Fn.conditionEquals(Aws.REGION, Aws.REGION) });
    const config = (id: string, securityConfiguration: unknown, name?: string) => {
      // CloudFormation also takes the document as a JSON string; the L1 accepts only an object, so a string goes in as an override.
      const c = new emr.CfnSecurityConfiguration(stack, id, { name, securityConfiguration: typeof securityConfiguration === 'string' ? {} : securityConfiguration });
      if (typeof securityConfiguration === 'string') {
        c.addPropertyOverride('SecurityConfiguration', securityConfiguration);
      }
      return c;
    };
    const full = config('Full', hardened(key.keyArn));

    const cluster = (id: string, props: Partial<emr.CfnClusterProps> = {}, instances: Partial<emr.CfnCluster.JobFlowInstancesConfigProperty> = {}) => new emr.CfnCluster(stack, id, {
      name: id,
      releaseLabel: 'emr-7.5.0',
      applications: [{ name: 'Spark' }],
      jobFlowRole: 'EMR_EC2_DefaultRole',
      serviceRole: 'EMR_DefaultRole',
      securityConfiguration: full.ref,
      logUri: logs.s3UrlForObject('emr-logs/'),
      instances: {
        ec2SubnetId: vpc.privateSubnets[0].subnetId,
        masterInstanceGroup: { instanceCount: 1, instanceType: 'm5.xlarge' },
        coreInstanceGroup: { instanceCount: 2, instanceType: 'm5.xlarge' },
        ...instances,
      },
      ...props,
    });
    cluster('Hardened');
    buildConfigurationCases(stack, key, always, config, (id, c) => cluster(id, { securityConfiguration: c.ref }));
    cluster('NoConfig', { securityConfiguration: undefined });
    cluster('UnknownName', { securityConfiguration: 'elsewhere' });
    cluster('SharedByName', { securityConfiguration: 'shared-config' });
    config('Named', hardened(key.keyArn), 'named-config');
    cluster('LocalByName', { securityConfiguration: 'named-config' });
    cluster('ConfigIf', { securityConfiguration: Fn.conditionIf(always.logicalId, full.ref, Aws.NO_VALUE).toString() });

    cluster('NoLogUri', { logUri: undefined });
    cluster('LogUriHttps', { logUri: 'https://logs.example.com/emr/' });
    cluster('LogUriLiteral', { logUri: 's3://corp-emr-logs/feature-jobs/' });
    cluster('LogUriAllowed', { logUri: new CfnParameter(stack, 'LogUriAllowedParameter', { allowedValues: ['s3://corp-emr-logs/a/', 's3://corp-emr-logs/b/'] }).valueAsString });
    cluster('LogUriOpen', { logUri: new CfnParameter(stack, 'LogUriOpenParameter').valueAsString });
    cluster('LogUriIf', { logUri: Fn.conditionIf(always.logicalId, logs.s3UrlForObject('emr-logs/'), Aws.NO_VALUE).toString() });
    cluster('LogUriDeleted').addDeletionOverride('Properties.LogUri');

    buildSubnetCases(stack, vpc, (id, instances) => cluster(id, {}, instances));
    cluster('SharedSubnet', {}, { ec2SubnetId: sharedVpc.isolatedSubnets[0].subnetId });
  });
});

type ConfigFactory = (id: string, securityConfiguration: unknown, name?: string) => emr.CfnSecurityConfiguration;

function buildConfigurationCases(stack: Stack, key: kms.Key, always: CfnCondition, config: ConfigFactory, cluster: (id: string, c: emr.CfnSecurityConfiguration) => void) {
  const variant = (id: string, path: string, value: unknown) => cluster(id, config(`${id}Config`, changed(key.keyArn, path, value)));
  variant('AtRestOff', 'EnableAtRestEncryption', false);
  variant('AtRestAbsent', 'EnableAtRestEncryption', undefined);
  variant('SseS3', 'AtRestEncryptionConfiguration.S3EncryptionConfiguration', { EncryptionMode: 'SSE-S3' });
  variant('CseKms', 'AtRestEncryptionConfiguration.S3EncryptionConfiguration.EncryptionMode', 'CSE-KMS');
  variant('AwsManagedKey', 'AtRestEncryptionConfiguration.S3EncryptionConfiguration.AwsKmsKey', 'alias/aws/s3');
  variant('OverrideSseS3', 'AtRestEncryptionConfiguration.S3EncryptionConfiguration.Overrides', [{ BucketName: 'raw-events', EncryptionMode: 'SSE-S3' }]);
  variant('OverrideKms', 'AtRestEncryptionConfiguration.S3EncryptionConfiguration.Overrides', [{ BucketName: 'raw-events', EncryptionMode: 'CSE-KMS', AwsKmsKey: key.keyArn }]);
  variant('NoS3', 'AtRestEncryptionConfiguration.S3EncryptionConfiguration', undefined);
  variant('NoLocalDisk', 'AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration', undefined);
  variant('NoEbs', 'AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration.EnableEbsEncryption', undefined);
  variant('CustomDisk', 'AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration.EncryptionKeyProviderType', 'Custom');
  variant('AtRestAllowed', 'EnableAtRestEncryption', new CfnParameter(stack, 'AtRestAllowedParameter', { allowedValues: ['true'] }).valueAsString);
  variant('AtRestOpen', 'EnableAtRestEncryption', new CfnParameter(stack, 'AtRestOpenParameter').valueAsString);

  variant('InTransitOff', 'EnableInTransitEncryption', false);
  variant('InTransitIf', 'EnableInTransitEncryption', Fn.conditionIf(always.logicalId, true, false));
  variant('NoTls', 'InTransitEncryptionConfiguration', undefined);
  variant('Pem', 'InTransitEncryptionConfiguration.TLSCertificateConfiguration', { CertificateProviderType: 'PEM', S3Object: 's3://corp-emr-certs/certs.zip' });
  variant('PemNoObject', 'InTransitEncryptionConfiguration.TLSCertificateConfiguration', { CertificateProviderType: 'PEM' });
  variant('CustomNoClass', 'InTransitEncryptionConfiguration.TLSCertificateConfiguration', { CertificateProviderType: 'Custom', S3Object: 's3://corp-emr-certs/provider.jar' });

  // The document as a JSON string: literal, joined around the key's ARN, and around a parameter.
  cluster('LiteralString', config('LiteralStringConfig', JSON.stringify(hardened('arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'))));
  cluster('JoinedString', config('JoinedStringConfig', Stack.of(stack).toJsonString(hardened(key.keyArn))));
  const allowed = new CfnParameter(stack, 'InTransitAllowed', { allowedValues: ['true'] }).valueAsString;
  cluster('JoinedParameter', config('JoinedParameterConfig', Stack.of(stack).toJsonString(changed(key.keyArn, 'EnableInTransitEncryption', allowed))));
  cluster('NotJson', config('NotJsonConfig', 'EnableAtRestEncryption=true'));
  cluster('FromParameter', config('FromParameterConfig', new CfnParameter(stack, 'Document').valueAsString));

  const maybe = new CfnCondition(stack, 'Maybe', { expression: Fn.conditionEquals(Aws.REGION, 'eu-west-1') });
  const conditional = config('ConditionalConfig', hardened(key.keyArn));
  conditional.cfnOptions.condition = maybe;
  cluster('Conditional', conditional);
}

function buildSubnetCases(stack: Stack, vpc: ec2.Vpc, cluster: (id: string, instances?: Partial<emr.CfnCluster.JobFlowInstancesConfigProperty>) => emr.CfnCluster) {
  cluster('Isolated', { ec2SubnetId: vpc.isolatedSubnets[0].subnetId });
  cluster('PublicSubnet', { ec2SubnetId: vpc.publicSubnets[0].subnetId });
  // A subnet that maps no public IPs but routes through the internet gateway is public to EMR.
  const quiet = new ec2.CfnSubnet(stack, 'QuietPublic', { vpcId: vpc.vpcId, cidrBlock: '10.0.200.0/24', mapPublicIpOnLaunch: false });
  new ec2.CfnSubnetRouteTableAssociation(stack, 'QuietPublicRoutes', { subnetId: quiet.ref, routeTableId: vpc.publicSubnets[0].routeTable.routeTableId });
  cluster('RoutedToInternet', { ec2SubnetId: quiet.ref });
  const mapped = new ec2.CfnSubnet(stack, 'Mapped', { vpcId: vpc.vpcId, cidrBlock: '10.0.201.0/24', mapPublicIpOnLaunch: true });
  cluster('MapsPublicIp', { ec2SubnetId: mapped.ref });
  cluster('NoSubnet', { ec2SubnetId: undefined });
  cluster('LiteralSubnet', { ec2SubnetId: 'subnet-0123456789abcdef0' });
  cluster('FleetPrivate', { ec2SubnetId: undefined, ec2SubnetIds: vpc.privateSubnets.map((s) => s.subnetId) });
  cluster('FleetWithPublic', { ec2SubnetId: undefined, ec2SubnetIds: [vpc.privateSubnets[0].subnetId, vpc.publicSubnets[0].subnetId] });
  cluster('FleetFromParameter', { ec2SubnetId: undefined, ec2SubnetIds: new CfnParameter(stack, 'Subnets', { type: 'List<AWS::EC2::Subnet::Id>' }).valueAsList });
  cluster('SubnetIf').addPropertyOverride('Instances.Ec2SubnetId', Fn.conditionIf('Always', vpc.privateSubnets[0].subnetId, vpc.publicSubnets[0].subnetId));
}

describe(AT_REST, () => {
  test('passes the hardened cluster: S3 under SSE-KMS and local disks with EBS encryption, each under a key of the app', () => {
    expect(run.verdict('Test/Hardened', AT_REST)).toBe('passed');
    expect(run.verdict('Test/CseKms', AT_REST)).toBe('passed');
    expect(run.verdict('Test/OverrideKms', AT_REST)).toBe('passed');
  });

  test('fails a cluster without a security configuration, and one whose name is defined nowhere in the app', () => {
    expect(run.detail('Test/NoConfig', AT_REST)).toBe('It names no security configuration, so EMR encrypts neither what it writes to S3 nor its local disks with a key of yours.');
    expect(run.detail('Test/UnknownName', AT_REST)).toMatch(/security configuration elsewhere is not defined in the app/);
  });

  test('finds a configuration by reference, by its literal name, and by a literal name in another stack of the app', () => {
    expect(run.verdict('Test/LocalByName', AT_REST)).toBe('passed');
    expect(run.verdict('Test/SharedByName', AT_REST)).toBe('passed');
  });

  test('fails at-rest encryption off or absent', () => {
    expect(run.detail('Test/AtRestOff', AT_REST)).toMatch(/AtRestOffConfig turns at-rest encryption off \(EnableAtRestEncryption false\)/);
    expect(run.detail('Test/AtRestAbsent', AT_REST)).toMatch(/EnableAtRestEncryption absent, so false/);
  });

  test('fails S3 data under SSE-S3 or an AWS-managed key, in the default and in a bucket override, or left out', () => {
    expect(run.detail('Test/SseS3', AT_REST)).toMatch(/encrypts EMRFS data in S3 with SSE-S3, not SSE-KMS or CSE-KMS under a key of yours/);
    expect(run.detail('Test/AwsManagedKey', AT_REST)).toMatch(/with a customer-managed key: it names the AWS-managed key alias\/aws\/s3/);
    expect(run.detail('Test/OverrideSseS3', AT_REST)).toMatch(/EMRFS data in bucket raw-events \(an override\) with SSE-S3/);
    expect(run.detail('Test/NoS3', AT_REST)).toMatch(/no S3EncryptionConfiguration/);
  });

  test('fails local disks left out, without EBS encryption, or under a custom key provider', () => {
    expect(run.detail('Test/NoLocalDisk', AT_REST)).toMatch(/no LocalDiskEncryptionConfiguration/);
    expect(run.detail('Test/NoEbs', AT_REST)).toMatch(/EnableEbsEncryption absent, so false\), so the nodes' EBS root volumes stay unencrypted/);
    expect(run.detail('Test/CustomDisk', AT_REST)).toMatch(/with the Custom key provider, not AwsKms/);
  });

  test('a parameter counts by its AllowedValues; one without them fails closed', () => {
    expect(run.verdict('Test/AtRestAllowed', AT_REST)).toBe('passed');
    expect(run.detail('Test/AtRestOpen', AT_REST)).toMatch(/sets EnableAtRestEncryption from a value that cannot be known at synth/);
  });

  test('reads a JSON string document, literal or joined around references; fails one that is not JSON or comes from a parameter', () => {
    expect(run.verdict('Test/LiteralString', AT_REST)).toBe('passed');
    expect(run.verdict('Test/JoinedString', AT_REST)).toBe('passed');
    expect(run.detail('Test/NotJson', AT_REST)).toMatch(/NotJsonConfig holds its document in a value synth cannot read/);
    expect(run.detail('Test/FromParameter', AT_REST)).toMatch(/FromParameterConfig holds its document in a value synth cannot read/);
  });

  test('fails a configuration that exists only under a condition, and an Fn::If naming none', () => {
    expect(run.detail('Test/Conditional', AT_REST)).toMatch(/exists only when condition Maybe holds/);
    expect(run.detail('Test/ConfigIf', AT_REST)).toMatch(/names no security configuration/);
  });

  test('judges only at rest: in-transit settings do not move it', () => {
    expect(run.verdict('Test/InTransitOff', AT_REST)).toBe('passed');
  });
});

describe(IN_TRANSIT, () => {
  test('passes EMR-managed and PEM certificates, and fails in-transit encryption off, in one branch, or without certificates', () => {
    expect(run.verdict('Test/Hardened', IN_TRANSIT)).toBe('passed');
    expect(run.verdict('Test/Pem', IN_TRANSIT)).toBe('passed');
    expect(run.detail('Test/InTransitOff', IN_TRANSIT)).toMatch(/InTransitOffConfig turns in-transit encryption off \(EnableInTransitEncryption false\)\.$/);
    expect(run.detail('Test/InTransitIf', IN_TRANSIT)).toMatch(/EnableInTransitEncryption false\) \(in at least one branch\)/);
    expect(run.detail('Test/NoTls', IN_TRANSIT)).toMatch(/no InTransitEncryptionConfiguration.TLSCertificateConfiguration/);
  });

  test('requires what each certificate provider needs', () => {
    expect(run.detail('Test/PemNoObject', IN_TRANSIT)).toMatch(/takes PEM certificates without an S3Object/);
    expect(run.detail('Test/CustomNoClass', IN_TRANSIT)).toMatch(/without a CertificateProviderClass/);
  });

  test('reads a parameter inside a joined JSON string by its AllowedValues', () => {
    expect(run.verdict('Test/JoinedParameter', IN_TRANSIT)).toBe('passed');
  });

  test('fails a cluster without a security configuration', () => {
    expect(run.detail('Test/NoConfig', IN_TRANSIT)).toBe('It names no security configuration, so EMR does not encrypt the data that moves between its nodes.');
  });
});

describe(LOGGING, () => {
  test('passes an S3 LogUri joined around a bucket, literal, or from a parameter whose AllowedValues are S3 locations', () => {
    expect(run.verdict('Test/Hardened', LOGGING)).toBe('passed');
    expect(run.verdict('Test/LogUriLiteral', LOGGING)).toBe('passed');
    expect(run.verdict('Test/LogUriAllowed', LOGGING)).toBe('passed');
  });

  test('fails no LogUri, removed by an override or in one branch', () => {
    expect(run.detail('Test/NoLogUri', LOGGING)).toMatch(/^It sets no LogUri, so EMR keeps its step, application and node logs only on the nodes/);
    expect(run.verdict('Test/LogUriDeleted', LOGGING)).toBe('failed');
    expect(run.detail('Test/LogUriIf', LOGGING)).toMatch(/sets no LogUri \(in at least one branch\)/);
  });

  test('fails a location that is not in S3, and fails closed on a parameter without AllowedValues', () => {
    expect(run.detail('Test/LogUriHttps', LOGGING)).toMatch(/https:\/\/logs.example.com\/emr\/ is not an S3 location/);
    expect(run.detail('Test/LogUriOpen', LOGGING)).toMatch(/cannot read/);
  });
});

describe(PRIVATE, () => {
  test('passes private and isolated subnets of the app, an instance fleet\'s private subnets, and a subnet of another stack', () => {
    expect(run.verdict('Test/Hardened', PRIVATE)).toBe('passed');
    expect(run.verdict('Test/Isolated', PRIVATE)).toBe('passed');
    expect(run.verdict('Test/FleetPrivate', PRIVATE)).toBe('passed');
    expect(run.verdict('Test/SharedSubnet', PRIVATE)).toBe('passed');
  });

  test('fails a subnet that maps public IPs, and one that routes through the internet gateway without mapping them', () => {
    expect(run.detail('Test/PublicSubnet', PRIVATE)).toMatch(/MapPublicIpOnLaunch true/);
    expect(run.detail('Test/MapsPublicIp', PRIVATE)).toMatch(/launches in subnet Mapped, which gives every instance launched in it a public IPv4 address/);
    expect(run.detail('Test/RoutedToInternet', PRIVATE)).toMatch(/subnet QuietPublic, which is public: route VpcPublicSubnet1DefaultRoute\w+ sends 0.0.0.0\/0 through the internet gateway VpcIGW\w+/);
  });

  test('fails no subnet (the default VPC), a public subnet among a fleet\'s, and a public subnet in one branch', () => {
    expect(run.detail('Test/NoSubnet', PRIVATE)).toMatch(/names no subnet .* default VPC/);
    expect(run.verdict('Test/FleetWithPublic', PRIVATE)).toBe('failed');
    expect(run.verdict('Test/SubnetIf', PRIVATE)).toBe('failed');
  });

  test('fails closed on a subnet the app does not define and on a list parameter', () => {
    expect(run.detail('Test/LiteralSubnet', PRIVATE)).toMatch(/subnet-0123456789abcdef0, which is not a subnet of the app/);
    expect(run.detail('Test/FleetFromParameter', PRIVATE)).toMatch(/Ec2SubnetIds come from a value synth cannot read/);
  });
});
