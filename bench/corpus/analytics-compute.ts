/*
 * The cases of data preparation, generative features and compute: Glue jobs, crawlers and
 * connections, Athena workgroups, Bedrock agents, guardrails and knowledge-base data sources, EC2
 * instances, launch templates, Auto Scaling launch configurations and EBS volumes. aws-cdk-lib has
 * L2 constructs for Glue (jobs, security configurations, connections) and EC2; Athena and Bedrock
 * are L1 only, so their breaks are L1 props and property overrides.
 */
import { Aws, CfnResource, Fn, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CorpusCase, defineCase, Kit, override } from './kit';

// ---------------------------------------------------------------------------------------------
// Glue

function glueRole(scope: Construct, kit: Kit): iam.Role {
  const role = new iam.Role(scope, 'GlueRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
  kit.bucket.grantReadWrite(role);
  kit.key.grantEncryptDecrypt(role);
  return role;
}

/** A security configuration as the L2 writes it; `broken` leaves out or weakens one kind of data. */
function securityConfiguration(scope: Construct, kit: Kit, broken?: string): glue.SecurityConfiguration {
  return new glue.SecurityConfiguration(scope, 'SecurityConfiguration', {
    s3Encryption: broken === 'S3Managed' ? glue.S3Encryption.s3Managed() : glue.S3Encryption.kms(kit.key),
    cloudWatchEncryption: broken === 'LogEncryptionLeftOut' ? undefined : glue.CloudWatchEncryption.kms(kit.key),
    jobBookmarksEncryption: broken === 'BookmarkEncryptionLeftOut' ? undefined : glue.JobBookmarksEncryption.clientSideKms(kit.key),
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

const glueJob = defineCase({
  name: 'GlueJob',
  kind: 'AWS::Glue::Job',
  breaks: [
    'SecurityConfigurationLeftOut', 'SecurityConfigurationImported', 'S3Managed', 'LogEncryptionLeftOut', 'BookmarkEncryptionLeftOut',
    'SecurityConfigurationOverride', 'BookmarkEncryptionOverride',
  ],
  build(scope, broken, kit) {
    const config = securityConfiguration(scope, kit, broken);
    const job = new glue.PySparkEtlJob(scope, 'Job', {
      role: glueRole(scope, kit),
      script: glue.Code.fromBucket(kit.bucket, 'scripts/features.py'),
      securityConfiguration: broken === 'SecurityConfigurationLeftOut' ? undefined
        : broken === 'SecurityConfigurationImported' ? glue.SecurityConfiguration.fromSecurityConfigurationName(scope, 'Shared', 'shared-etl') : config,
      continuousLogging: { enabled: true, logGroup: kit.logGroup('JobLogs') },
    });
    if (broken === 'SecurityConfigurationOverride') {
      // A name typed by hand that no configuration of the stack has.
      override(job, 'SecurityConfiguration', 'etl-encryption');
    }
    if (broken === 'BookmarkEncryptionOverride') {
      override(config, 'EncryptionConfiguration.JobBookmarksEncryption.JobBookmarksEncryptionMode', 'DISABLED');
    }
  },
});

/** CfnJob naming a CfnSecurityConfiguration by its literal name. */
const glueJobL1 = defineCase({
  name: 'GlueJobL1',
  kind: 'AWS::Glue::Job',
  breaks: ['SecurityConfigurationLeftOut', 'SecurityConfigurationNameMismatch', 'BookmarkEncryptionDisabled', 'LogKeyAwsManaged'],
  build(scope, broken, kit) {
    const awsManaged = Stack.of(scope).formatArn({ service: 'kms', resource: 'alias', resourceName: 'aws/glue' });
    const config = new glue.CfnSecurityConfiguration(scope, 'SecurityConfiguration', {
      name: 'corpus-etl',
      encryptionConfiguration: {
        s3Encryptions: [{ s3EncryptionMode: 'SSE-KMS', kmsKeyArn: kit.key.keyArn }],
        cloudWatchEncryption: { cloudWatchEncryptionMode: 'SSE-KMS', kmsKeyArn: broken === 'LogKeyAwsManaged' ? awsManaged : kit.key.keyArn },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: broken === 'BookmarkEncryptionDisabled' ? 'DISABLED' : 'CSE-KMS', kmsKeyArn: kit.key.keyArn },
      },
    });
    const job = new glue.CfnJob(scope, 'Job', {
      role: glueRole(scope, kit).roleArn,
      command: { name: 'glueetl', pythonVersion: '3', scriptLocation: kit.s3Uri('scripts/features.py') },
      glueVersion: '5.0',
      securityConfiguration: broken === 'SecurityConfigurationLeftOut' ? undefined : broken === 'SecurityConfigurationNameMismatch' ? 'corpus-etl-v2' : 'corpus-etl',
    });
    job.node.addDependency(config);
  },
});

const glueCrawler = defineCase({
  name: 'GlueCrawler',
  kind: 'AWS::Glue::Crawler',
  breaks: ['SecurityConfigurationLeftOut', 'LogEncryptionLeftOut', 'LogEncryptionOverride'],
  build(scope, broken, kit) {
    const config = securityConfiguration(scope, kit, broken);
    new glue.CfnCrawler(scope, 'Crawler', {
      role: glueRole(scope, kit).roleArn,
      databaseName: 'curated',
      targets: { s3Targets: [{ path: kit.s3Uri('curated/') }] },
      crawlerSecurityConfiguration: broken === 'SecurityConfigurationLeftOut' ? undefined : config.securityConfigurationName,
    });
    if (broken === 'LogEncryptionOverride') {
      override(config, 'EncryptionConfiguration.CloudWatchEncryption.CloudWatchEncryptionMode', 'DISABLED');
    }
  },
});

const JDBC_URL = 'jdbc:postgresql://warehouse.internal.example:5432/curated';

const glueConnection = defineCase({
  name: 'GlueConnection',
  kind: 'AWS::Glue::Connection',
  breaks: ['SslLeftOut', 'SslFalse', 'SslOverride'],
  build(scope, broken, kit) {
    const ssl: Record<string, string> = broken === 'SslLeftOut' ? {} : { JDBC_ENFORCE_SSL: broken === 'SslFalse' ? 'false' : 'true' };
    const connection = new glue.Connection(scope, 'Connection', {
      type: glue.ConnectionType.JDBC,
      properties: { JDBC_CONNECTION_URL: JDBC_URL, ...ssl },
      // The credentials live in Secrets Manager, managed elsewhere.
      secret: secretsmanager.Secret.fromSecretNameV2(scope, 'Credentials', 'warehouse/glue'),
      network: glue.ConnectionNetwork.subnet(kit.vpc.isolatedSubnets[0]),
      securityGroups: [kit.securityGroup],
    });
    if (broken === 'SslOverride') {
      override(connection, 'ConnectionInput.ConnectionProperties.JDBC_ENFORCE_SSL', 'false');
    }
  },
});

const glueConnectionL1 = defineCase({
  name: 'GlueConnectionL1',
  kind: 'AWS::Glue::Connection',
  breaks: ['SslLeftOut'],
  build(scope, broken, kit) {
    new glue.CfnConnection(scope, 'Connection', {
      catalogId: Aws.ACCOUNT_ID,
      connectionInput: {
        connectionType: 'JDBC',
        connectionProperties: { JDBC_CONNECTION_URL: JDBC_URL, SECRET_ID: 'warehouse/glue', ...(broken === 'SslLeftOut' ? {} : { JDBC_ENFORCE_SSL: 'true' }) },
        physicalConnectionRequirements: {
          subnetId: kit.subnetIds[0],
          securityGroupIdList: [kit.securityGroup.securityGroupId],
          availabilityZone: kit.vpc.isolatedSubnets[0].availabilityZone,
        },
      },
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Athena (L1 only in aws-cdk-lib)

const athenaWorkGroup = defineCase({
  name: 'AthenaWorkGroup',
  kind: 'AWS::Athena::WorkGroup',
  breaks: ['EncryptionLeftOut', 'SseS3', 'KeyAwsManaged', 'SseS3Override', 'EnforceLeftOut', 'EnforceFalse', 'EnforceOverride'],
  build(scope, broken, kit) {
    const encryptionConfiguration = broken === 'EncryptionLeftOut' ? undefined
      : broken === 'SseS3' ? { encryptionOption: 'SSE_S3' }
        : { encryptionOption: 'SSE_KMS', kmsKey: broken === 'KeyAwsManaged' ? 'alias/aws/s3' : kit.key.keyArn };
    const workgroup = new athena.CfnWorkGroup(scope, 'WorkGroup', {
      name: 'corpus-analysts',
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: broken === 'EnforceLeftOut' ? undefined : broken !== 'EnforceFalse',
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: 100_000_000_000,
        resultConfiguration: { outputLocation: kit.s3Uri('athena-results/'), expectedBucketOwner: Aws.ACCOUNT_ID, encryptionConfiguration },
      },
    });
    if (broken === 'SseS3Override') {
      workgroup.addPropertyOverride('WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration', { EncryptionOption: 'SSE_S3' });
    }
    if (broken === 'EnforceOverride') {
      workgroup.addPropertyOverride('WorkGroupConfiguration.EnforceWorkGroupConfiguration', false);
    }
  },
});

/** Query results in Athena-managed storage: the key is given there. */
const athenaWorkGroupManaged = defineCase({
  name: 'AthenaWorkGroupManagedResults',
  kind: 'AWS::Athena::WorkGroup',
  breaks: ['KeyLeftOut'],
  build(scope, broken, kit) {
    new athena.CfnWorkGroup(scope, 'WorkGroup', {
      name: 'corpus-managed-results',
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        managedQueryResultsConfiguration: { enabled: true, encryptionConfiguration: broken === 'KeyLeftOut' ? undefined : { kmsKey: kit.key.keyArn } },
      },
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Bedrock (L1 only in aws-cdk-lib)

const FOUNDATION_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

const bedrockAgent = defineCase({
  name: 'BedrockAgent',
  kind: 'AWS::Bedrock::Agent',
  breaks: ['KeyLeftOut', 'KeyOverride'],
  build(scope, broken, kit) {
    const role = new iam.Role(scope, 'AgentRole', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['bedrock:InvokeModel'],
      resources: [`arn:${Aws.PARTITION}:bedrock:${Aws.REGION}::foundation-model/${FOUNDATION_MODEL}`],
    }));
    kit.key.grantEncryptDecrypt(role);
    const agent = new bedrock.CfnAgent(scope, 'Agent', {
      agentName: 'churn-assistant',
      foundationModel: FOUNDATION_MODEL,
      instruction: 'Answer questions about customer churn predictions from the curated data set only.',
      agentResourceRoleArn: role.roleArn,
      customerEncryptionKeyArn: broken === 'KeyLeftOut' ? undefined : kit.key.keyArn,
      idleSessionTtlInSeconds: 600,
    });
    if (broken === 'KeyOverride') {
      agent.addPropertyDeletionOverride('CustomerEncryptionKeyArn');
    }
  },
});

const bedrockGuardrail = defineCase({
  name: 'BedrockGuardrail',
  kind: 'AWS::Bedrock::Guardrail',
  breaks: ['KeyLeftOut'],
  build(scope, broken, kit) {
    new bedrock.CfnGuardrail(scope, 'Guardrail', {
      name: 'churn-assistant',
      blockedInputMessaging: 'This request is not allowed.',
      blockedOutputsMessaging: 'This answer was withheld.',
      contentPolicyConfig: { filtersConfig: [{ type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' }] },
      sensitiveInformationPolicyConfig: { piiEntitiesConfig: [{ type: 'EMAIL', action: 'ANONYMIZE' }] },
      kmsKeyArn: broken === 'KeyLeftOut' ? undefined : kit.key.keyArn,
    });
  },
});

const bedrockDataSource = defineCase({
  name: 'BedrockDataSource',
  kind: 'AWS::Bedrock::DataSource',
  breaks: ['KeyLeftOut'],
  build(scope, broken, kit) {
    new bedrock.CfnDataSource(scope, 'DataSource', {
      name: 'curated-documents',
      // The knowledge base is managed with its vector store, elsewhere.
      knowledgeBaseId: 'KBCORPUS01',
      dataSourceConfiguration: { type: 'S3', s3Configuration: { bucketArn: kit.bucket.bucketArn, inclusionPrefixes: ['documents/'] } },
      serverSideEncryptionConfiguration: broken === 'KeyLeftOut' ? undefined : { kmsKeyArn: kit.key.keyArn },
      dataDeletionPolicy: 'DELETE',
    });
  },
});

// ---------------------------------------------------------------------------------------------
// EC2 compute

const INSTANCE_TYPE = 'g5.xlarge';

function encryptedRoot(kit: Kit, encrypted: boolean | undefined): ec2.BlockDevice[] {
  return [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(100, { encrypted, kmsKey: encrypted ? kit.key : undefined, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }];
}

/** A subnet that may hand out public addresses, for the public-IP break only (it assigns none itself). */
function publicVpc(kit: Kit): ec2.Vpc {
  return kit.newVpc('PublicNetwork', {
    subnetConfiguration: [{ name: 'Ingress', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false }],
  });
}

const ec2Instance = defineCase({
  name: 'Ec2Instance',
  kind: 'AWS::EC2::Instance',
  breaks: [
    'Imdsv2LeftOut', 'HttpTokensOptional', 'HttpTokensOverride', 'NotEncrypted', 'EncryptionLeftOut', 'BlockDevicesLeftOut', 'EncryptedOverride',
    'PublicIp', 'PublicIpOverride', 'TokenInUserData',
  ],
  build(scope, broken, kit) {
    const vpc = broken === 'PublicIp' ? publicVpc(kit) : kit.vpc;
    // The model hub token is read at boot with the instance role, or (broken) pasted into the script.
    const userData = ec2.UserData.forLinux();
    userData.addCommands(broken === 'TokenInUserData' ? 'export HF_TOKEN=hf_QwErTyUiOpAsDfGhJkLzXcVbNm0123456789'
      : 'export HF_TOKEN=$(aws secretsmanager get-secret-value --secret-id model-hub-token --query SecretString --output text)');
    const instance = new ec2.Instance(scope, 'Instance', {
      vpc,
      vpcSubnets: { subnetType: broken === 'PublicIp' ? ec2.SubnetType.PUBLIC : ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroup: broken === 'PublicIp' ? new ec2.SecurityGroup(scope, 'PublicSg', { vpc, allowAllOutbound: false }) : kit.securityGroup,
      instanceType: new ec2.InstanceType(INSTANCE_TYPE),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      userData,
      blockDevices: broken === 'BlockDevicesLeftOut' ? undefined : encryptedRoot(kit, broken === 'NotEncrypted' ? false : broken === 'EncryptionLeftOut' ? undefined : true),
      requireImdsv2: broken === 'Imdsv2LeftOut' || broken === 'HttpTokensOptional' ? undefined : true,
      httpTokens: broken === 'HttpTokensOptional' ? ec2.HttpTokens.OPTIONAL : undefined,
      associatePublicIpAddress: broken === 'PublicIp' ? true : undefined,
      ssmSessionPermissions: true,
    });
    if (broken === 'HttpTokensOverride') {
      // The instance's own setting wins over the launch template requireImdsv2 attaches.
      override(instance, 'MetadataOptions.HttpTokens', 'optional');
    }
    if (broken === 'EncryptedOverride') {
      override(instance, 'BlockDeviceMappings.0.Ebs.Encrypted', false);
    }
    if (broken === 'PublicIpOverride') {
      const l1 = instance.node.defaultChild as CfnResource;
      l1.addPropertyDeletionOverride('SubnetId');
      l1.addPropertyDeletionOverride('SecurityGroupIds');
      l1.addPropertyOverride('NetworkInterfaces', [{
        DeviceIndex: '0', AssociatePublicIpAddress: true, SubnetId: kit.subnetIds[0], GroupSet: [kit.securityGroup.securityGroupId],
      }]);
    }
  },
});

const ec2InstanceL1 = defineCase({
  name: 'Ec2InstanceL1',
  kind: 'AWS::EC2::Instance',
  breaks: ['HttpTokensOptional', 'MetadataOptionsLeftOut', 'EncryptionLeftOut', 'PublicIp'],
  build(scope, broken, kit) {
    new ec2.CfnInstance(scope, 'Instance', {
      imageId: ec2.MachineImage.latestAmazonLinux2023().getImage(scope).imageId,
      instanceType: INSTANCE_TYPE,
      metadataOptions: broken === 'MetadataOptionsLeftOut' ? undefined : { httpTokens: broken === 'HttpTokensOptional' ? 'optional' : 'required', httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 100, volumeType: 'gp3', encrypted: broken === 'EncryptionLeftOut' ? undefined : true, kmsKeyId: kit.key.keyArn } }],
      networkInterfaces: [{
        deviceIndex: '0', associatePublicIpAddress: broken === 'PublicIp', subnetId: kit.subnetIds[0], groupSet: [kit.securityGroup.securityGroupId],
      }],
    });
  },
});

const ec2LaunchTemplate = defineCase({
  name: 'Ec2LaunchTemplate',
  kind: 'AWS::EC2::LaunchTemplate',
  breaks: ['Imdsv2LeftOut', 'HttpTokensOverride', 'NotEncrypted', 'BlockDevicesLeftOut', 'EncryptedOverride', 'PublicIp', 'PublicIpOverride'],
  build(scope, broken, kit) {
    const template = new ec2.LaunchTemplate(scope, 'LaunchTemplate', {
      instanceType: new ec2.InstanceType(INSTANCE_TYPE),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      securityGroup: kit.securityGroup,
      blockDevices: broken === 'BlockDevicesLeftOut' ? undefined : encryptedRoot(kit, broken !== 'NotEncrypted'),
      requireImdsv2: broken === 'Imdsv2LeftOut' ? undefined : true,
      associatePublicIpAddress: broken === 'PublicIp' ? true : undefined,
    });
    if (broken === 'HttpTokensOverride') {
      override(template, 'LaunchTemplateData.MetadataOptions.HttpTokens', 'optional');
    }
    if (broken === 'EncryptedOverride') {
      override(template, 'LaunchTemplateData.BlockDeviceMappings.0.Ebs.Encrypted', false);
    }
    if (broken === 'PublicIpOverride') {
      override(template, 'LaunchTemplateData.NetworkInterfaces', [{ DeviceIndex: 0, AssociatePublicIpAddress: true, Groups: [kit.securityGroup.securityGroupId] }]);
    }
  },
});

const ec2LaunchTemplateL1 = defineCase({
  name: 'Ec2LaunchTemplateL1',
  kind: 'AWS::EC2::LaunchTemplate',
  breaks: ['HttpTokensOptional', 'EncryptionLeftOut', 'PublicIp'],
  build(scope, broken, kit) {
    new ec2.CfnLaunchTemplate(scope, 'LaunchTemplate', {
      launchTemplateData: {
        instanceType: INSTANCE_TYPE,
        metadataOptions: { httpTokens: broken === 'HttpTokensOptional' ? 'optional' : 'required', httpEndpoint: 'enabled' },
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 100, encrypted: broken === 'EncryptionLeftOut' ? undefined : true, kmsKeyId: kit.key.keyArn } }],
        networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: broken === 'PublicIp', groups: [kit.securityGroup.securityGroupId] }],
      },
    });
  },
});

/** Launch configurations are deprecated, but existing apps still declare them. */
const launchConfiguration = defineCase({
  name: 'AutoScalingLaunchConfiguration',
  kind: 'AWS::AutoScaling::LaunchConfiguration',
  breaks: ['HttpTokensLeftOut', 'EncryptionLeftOut', 'PublicIp', 'KeyInUserData'],
  build(scope, broken, kit) {
    const script = broken === 'KeyInUserData' ? '#!/bin/bash\naws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE' : '#!/bin/bash\ndnf install -y amazon-cloudwatch-agent';
    new autoscaling.CfnLaunchConfiguration(scope, 'LaunchConfiguration', {
      userData: Fn.base64(script),
      imageId: ec2.MachineImage.latestAmazonLinux2023().getImage(scope).imageId,
      instanceType: INSTANCE_TYPE,
      securityGroups: [kit.securityGroup.securityGroupId],
      metadataOptions: { httpTokens: broken === 'HttpTokensLeftOut' ? undefined : 'required', httpEndpoint: 'enabled' },
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 100, encrypted: broken === 'EncryptionLeftOut' ? undefined : true } }],
      associatePublicIpAddress: broken === 'PublicIp',
    });
  },
});

const ebsVolume = defineCase({
  name: 'EbsVolume',
  kind: 'AWS::EC2::Volume',
  breaks: ['NotEncrypted', 'EncryptionLeftOut', 'EncryptedOverride'],
  build(scope, broken, kit) {
    const plain = broken === 'NotEncrypted' || broken === 'EncryptionLeftOut';
    const volume = new ec2.Volume(scope, 'Volume', {
      availabilityZone: kit.vpc.isolatedSubnets[0].availabilityZone,
      size: Size.gibibytes(500),
      volumeType: ec2.EbsDeviceVolumeType.GP3,
      encrypted: broken === 'EncryptionLeftOut' ? undefined : !plain,
      encryptionKey: plain ? undefined : kit.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (broken === 'EncryptedOverride') {
      override(volume, 'Encrypted', false);
    }
  },
});

const ebsVolumeL1 = defineCase({
  name: 'EbsVolumeL1',
  kind: 'AWS::EC2::Volume',
  breaks: ['EncryptionLeftOut'],
  build(scope, broken, kit) {
    new ec2.CfnVolume(scope, 'Volume', {
      availabilityZone: kit.vpc.isolatedSubnets[0].availabilityZone,
      size: 500,
      volumeType: 'gp3',
      encrypted: broken === 'EncryptionLeftOut' ? undefined : true,
      kmsKeyId: broken === 'EncryptionLeftOut' ? undefined : kit.key.keyArn,
    }).applyRemovalPolicy(RemovalPolicy.RETAIN);
  },
});

export const CASES: readonly CorpusCase[] = [
  glueJob, glueJobL1, glueCrawler, glueConnection, glueConnectionL1,
  athenaWorkGroup, athenaWorkGroupManaged,
  bedrockAgent, bedrockGuardrail, bedrockDataSource,
  ec2Instance, ec2InstanceL1, ec2LaunchTemplate, ec2LaunchTemplateL1, launchConfiguration, ebsVolume, ebsVolumeL1,
];
