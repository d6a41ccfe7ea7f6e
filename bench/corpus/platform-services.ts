/*
 * The cases of the services the platform itself deploys: S3, KMS, logs, SNS, SQS, Secrets Manager,
 * Lambda, SageMaker, ECR, CloudTrail, GuardDuty, VPC, IAM, and its delivery pipeline's CodePipeline
 * and CodeBuild projects.
 */
import { ArnFormat, Aws, CfnDeletionPolicy, CfnResource, Duration, RemovalPolicy, SecretValue, Stack, Tags } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as codepipelineActions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { CLARIFY_IMAGE, CorpusCase, dataBucket, DataBucketOptions, defineCase, Kit, MODEL_MONITOR_IMAGE, ORG_ID, override } from './kit';
// ---------------------------------------------------------------------------------------------
// S3

const s3Bucket = defineCase({
  name: 'S3Bucket',
  kind: 'AWS::S3::Bucket',
  breaks: [
    'KmsManaged', 'S3Managed', 'AwsManagedAlias', 'NoTls', 'TlsObjectsOnly', 'BlockAclsOnly', 'RestrictPublicBucketsOverride',
    'ObjectWriter', 'BucketOwnerPreferred', 'NotVersioned', 'NoAccessLogs', 'NoClassification', 'ClassificationCase',
    'ClassificationUnknown', 'Destroy', 'UpdateReplaceDelete', 'PersonalDataInternal',
  ],
  build(scope, broken, kit) {
    const options: DataBucketOptions = {
      KmsManaged: { encryption: s3.BucketEncryption.KMS_MANAGED },
      S3Managed: { encryption: s3.BucketEncryption.S3_MANAGED },
      AwsManagedAlias: { encryptionKey: kms.Alias.fromAliasName(scope, 'AwsS3Alias', 'alias/aws/s3') },
      NoTls: { enforceSSL: false },
      TlsObjectsOnly: { enforceSSL: false },
      BlockAclsOnly: { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY },
      ObjectWriter: { objectOwnership: s3.ObjectOwnership.OBJECT_WRITER },
      BucketOwnerPreferred: { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED },
      NotVersioned: { versioned: false },
      Destroy: { removalPolicy: RemovalPolicy.DESTROY },
    }[broken ?? ''] ?? {};
    const classification = broken === 'NoClassification' ? undefined
      : broken === 'ClassificationCase' ? 'Confidential'
        : broken === 'ClassificationUnknown' ? 'secret'
          : broken === 'PersonalDataInternal' ? 'internal' : 'confidential';
    const bucket = dataBucket(scope, 'Bucket', kit.key, broken === 'NoAccessLogs' ? undefined : kit.logBucket, classification, options);
    Tags.of(bucket).add('PersonalData', 'true');
    if (broken === 'TlsObjectsOnly') {
      // A hand-written TLS statement that forgets the bucket itself (ListBucket over plain HTTP).
      bucket.addToResourcePolicy(new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: [bucket.arnForObjects('*')],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }));
    }
    if (broken === 'RestrictPublicBucketsOverride') {
      override(bucket, 'PublicAccessBlockConfiguration.RestrictPublicBuckets', false);
    }
    if (broken === 'UpdateReplaceDelete') {
      (bucket.node.defaultChild as CfnResource).cfnOptions.updateReplacePolicy = CfnDeletionPolicy.DELETE;
    }
  },
});

const s3BucketDsse = defineCase({
  name: 'S3BucketDsse',
  kind: 'AWS::S3::Bucket',
  breaks: ['DsseManaged'],
  build(scope, broken, kit) {
    // A key shared from another stack, known by its ARN.
    const shared = kms.Key.fromKeyArn(scope, 'SharedKey', Stack.of(scope).formatArn({ service: 'kms', resource: 'key', resourceName: '1234abcd-12ab-34cd-56ef-1234567890ab' }));
    dataBucket(scope, 'Bucket', shared, kit.logBucket, 'public', { encryption: broken === 'DsseManaged' ? s3.BucketEncryption.DSSE_MANAGED : s3.BucketEncryption.DSSE });
  },
});

/** The same bucket written with CfnBucket and CfnBucketPolicy. */
const s3BucketL1 = defineCase({
  name: 'S3BucketL1',
  kind: 'AWS::S3::Bucket',
  breaks: ['AwsManagedKeyAlias', 'VersioningSuspended', 'DeletionPolicyLeftOut', 'OwnershipObjectWriter', 'TlsPolicyLeftOut', 'PublicAccessBlockPartial', 'LoggingLeftOut'],
  build(scope, broken, kit) {
    const logBucket = broken === 'LoggingLeftOut' ? undefined : kit.logBucket;
    const bucket = new s3.CfnBucket(scope, 'Bucket', {
      bucketEncryption: {
        serverSideEncryptionConfiguration: [{
          serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: broken === 'AwsManagedKeyAlias' ? 'alias/aws/s3' : kit.key.keyArn },
          bucketKeyEnabled: true,
        }],
      },
      publicAccessBlockConfiguration: {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: broken !== 'PublicAccessBlockPartial',
      },
      // S3's default (ACLs disabled) when left out; an explicit ObjectWriter turns ACLs back on.
      ownershipControls: broken === 'OwnershipObjectWriter' ? { rules: [{ objectOwnership: 'ObjectWriter' }] } : undefined,
      versioningConfiguration: { status: broken === 'VersioningSuspended' ? 'Suspended' : 'Enabled' },
      loggingConfiguration: logBucket ? { destinationBucketName: logBucket.bucketName, logFilePrefix: 'l1/' } : undefined,
      tags: [{ key: 'DataClassification', value: 'restricted' }],
    });
    if (broken !== 'DeletionPolicyLeftOut') {
      bucket.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
      bucket.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
    }
    if (broken !== 'TlsPolicyLeftOut') {
      new s3.CfnBucketPolicy(scope, 'BucketPolicy', {
        bucket: bucket.ref,
        policyDocument: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({
            effect: iam.Effect.DENY,
            principals: [new iam.AnyPrincipal()],
            actions: ['s3:*'],
            resources: [bucket.attrArn, `${bucket.attrArn}/*`],
            conditions: { Bool: { 'aws:SecureTransport': 'false' } },
          })],
        }),
      });
    }
    if (logBucket) {
      // The L2 log bucket authorizes delivery only for L2 sources: authorize this one by hand.
      logBucket.addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [logBucket.arnForObjects('l1/*')],
        conditions: { ArnLike: { 'aws:SourceArn': bucket.attrArn }, StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }));
    }
  },
});

// ---------------------------------------------------------------------------------------------
// KMS

const kmsKey = defineCase({
  name: 'KmsKey',
  kind: 'AWS::KMS::Key',
  breaks: ['RotationDefault', 'RotationOverride', 'RotationOverrideString', 'Destroy', 'AnyPrincipal', 'AnyPrincipalTlsCondition', 'StarPrincipalJson', 'ViaServiceOnly'],
  build(scope, broken) {
    const key = new kms.Key(scope, 'Key', {
      enableKeyRotation: broken === 'RotationDefault' ? undefined : true,
      removalPolicy: broken === 'Destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
      alias: 'alias/corpus/data',
    });
    // Narrowed statements to everyone, one per narrowing key the control list accepts.
    const narrowings: Record<string, Record<string, unknown>> = {
      SourceAccount: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      SourceArn: { ArnLike: { 'aws:SourceArn': Stack.of(scope).formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) } },
      SourceOrgId: { StringEquals: { 'aws:SourceOrgID': ORG_ID } },
      PrincipalOrgId: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } },
      PrincipalAccount: { StringEquals: { 'aws:PrincipalAccount': Aws.ACCOUNT_ID } },
      SourceVpce: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } },
      SourceVpc: { StringEquals: { 'aws:SourceVpc': 'vpc-0a1b2c3d4e5f67890' } },
      CallerAccount: { StringEquals: { 'kms:CallerAccount': Aws.ACCOUNT_ID } },
      // kms:ViaService narrows the path, not the caller: it counts with a caller condition beside it.
      ViaServiceAndCaller: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com`, 'kms:CallerAccount': Aws.ACCOUNT_ID } },
    };
    for (const [sid, conditions] of Object.entries(narrowings)) {
      key.addToResourcePolicy(new iam.PolicyStatement({
        sid: `Narrowed${sid}`,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions,
      }));
    }
    // A deny to everyone needs no narrowing (Control Tower's CT.KMS.PR.3 asks for this one).
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenyGrantsNotForAwsResources',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { Bool: { 'kms:GrantIsForAWSResource': 'false' } },
    }));
    if (broken === 'AnyPrincipal') {
      key.grantDecrypt(new iam.AnyPrincipal());
    }
    if (broken === 'ViaServiceOnly') {
      key.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'DecryptThroughS3',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
      }));
    }
    if (broken === 'AnyPrincipalTlsCondition') {
      key.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'DecryptOverTls',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: { Bool: { 'aws:SecureTransport': 'true' } },
      }));
    }
    if (broken === 'StarPrincipalJson') {
      // A key policy pasted over the generated one as raw JSON.
      override(key, 'KeyPolicy.Statement', [
        { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:root` }, Action: 'kms:*', Resource: '*' },
        { Sid: 'Decrypt', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' },
      ]);
    }
    if (broken === 'RotationOverride') {
      override(key, 'EnableKeyRotation', false);
    }
    if (broken === 'RotationOverrideString') {
      override(key, 'EnableKeyRotation', 'false');
    }
  },
});

const kmsKeyL1 = defineCase({
  name: 'KmsKeyL1',
  kind: 'AWS::KMS::Key',
  breaks: ['RotationLeftOut', 'DeletionPolicyLeftOut'],
  build(scope, broken) {
    const key = new kms.CfnKey(scope, 'Key', {
      enableKeyRotation: broken === 'RotationLeftOut' ? undefined : true,
      pendingWindowInDays: 30,
      keyPolicy: new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({
          principals: [new iam.AccountRootPrincipal()],
          actions: ['kms:*'],
          resources: ['*'],
        })],
      }),
    });
    if (broken !== 'DeletionPolicyLeftOut') {
      key.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
      key.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
    }
  },
});

/** Asymmetric and HMAC keys cannot rotate: the rotation control does not apply. */
const kmsSigningKey = defineCase({
  name: 'KmsNonSymmetricKeys',
  kind: 'AWS::KMS::Key',
  breaks: ['Destroy'],
  build(scope, broken) {
    new kms.Key(scope, 'Key', {
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      removalPolicy: broken === 'Destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    new kms.Key(scope, 'MacKey', { keySpec: kms.KeySpec.HMAC_256, keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC });
  },
});

// ---------------------------------------------------------------------------------------------
// Logs, messaging, secrets

const logGroup = defineCase({
  name: 'LogGroup',
  kind: 'AWS::Logs::LogGroup',
  breaks: ['OneMonth', 'SixMonths', 'NoKey', 'Destroy'],
  build(scope, broken, kit) {
    new logs.LogGroup(scope, 'LogGroup', {
      retention: broken === 'OneMonth' ? logs.RetentionDays.ONE_MONTH : broken === 'SixMonths' ? logs.RetentionDays.SIX_MONTHS : logs.RetentionDays.THIRTEEN_MONTHS,
      encryptionKey: broken === 'NoKey' ? undefined : kit.key,
      removalPolicy: broken === 'Destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
  },
});

const logGroupForever = defineCase({
  name: 'LogGroupForever',
  kind: 'AWS::Logs::LogGroup',
  breaks: ['RetentionOverride'],
  build(scope, broken, kit) {
    const group = new logs.LogGroup(scope, 'LogGroup', { retention: logs.RetentionDays.INFINITE, encryptionKey: kit.key });
    if (broken === 'RetentionOverride') {
      override(group, 'RetentionInDays', 90);
    }
  },
});

/** A resource policy letting a service deliver to the account's log groups, as vended logs need. */
const logsResourcePolicy = defineCase({
  name: 'LogsResourcePolicy',
  kind: 'AWS::Logs::ResourcePolicy',
  breaks: ['AnyPrincipal'],
  build(scope, broken, kit) {
    const group = kit.logGroup('VendedLogs');
    new logs.ResourcePolicy(scope, 'DeliveryPolicy', {
      policyStatements: [new iam.PolicyStatement({
        sid: 'LogDelivery',
        principals: [broken === 'AnyPrincipal' ? new iam.AnyPrincipal() : new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${group.logGroupArn}:*`],
        conditions: broken === 'AnyPrincipal' ? undefined : { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      })],
    });
  },
});

/** A Run Command document that refreshes a feature cache with a token it reads when it runs. */
const ssmDocument = defineCase({
  name: 'SsmDocument',
  kind: 'AWS::SSM::Document',
  breaks: ['TokenInCommand'],
  build(scope, broken) {
    const token = broken === 'TokenInCommand'
      ? `hf_${'Q7wErTy9uI'.repeat(3)}p`
      : '$(aws secretsmanager get-secret-value --secret-id feature-cache/token --query SecretString --output text)';
    new ssm.CfnDocument(scope, 'RefreshFeatureCache', {
      documentType: 'Command',
      content: {
        schemaVersion: '2.2',
        description: 'Refresh the online feature cache from the offline store',
        mainSteps: [{ action: 'aws:runShellScript', name: 'refresh', inputs: { runCommand: [`TOKEN=${token}`, 'feature-cache refresh --token "$TOKEN"'] } }],
      },
    });
  },
});

/**
 * A log group that receives audit records (a VPC's flow logs) kept two years, as an audit period
 * and its fieldwork need; broken, kept six months (the L2's retention, or an override of it).
 */
const auditLogGroup = defineCase({
  name: 'LogGroupAuditFlowLogs',
  kind: 'AWS::Logs::LogGroup',
  breaks: ['SixMonths', 'RetentionOverride'],
  build(scope, broken, kit) {
    const vpc = kit.newVpc('AuditedNetwork', { flowLog: false });
    const group = new logs.LogGroup(scope, 'FlowLogs', {
      retention: broken === 'SixMonths' ? logs.RetentionDays.SIX_MONTHS : logs.RetentionDays.TWO_YEARS,
      encryptionKey: kit.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (broken === 'RetentionOverride') {
      override(group, 'RetentionInDays', 180);
    }
    vpc.addFlowLog('AllTraffic', { destination: ec2.FlowLogDestination.toCloudWatchLogs(group), trafficType: ec2.FlowLogTrafficType.ALL });
  },
});

const snsTopic = defineCase({
  name: 'SnsTopic',
  kind: 'AWS::SNS::Topic',
  breaks: ['NoKey', 'AwsManagedKey'],
  build(scope, broken, kit) {
    const masterKey = broken === 'NoKey' ? undefined
      : broken === 'AwsManagedKey' ? kms.Alias.fromAliasName(scope, 'AwsSns', 'alias/aws/sns') : kit.key;
    new sns.Topic(scope, 'Topic', { masterKey, enforceSSL: true });
    // The same, through the customer alias of a key.
    const alias = new kms.Alias(scope, 'Alias', { aliasName: 'alias/corpus/alerts', targetKey: kit.key });
    new sns.Topic(scope, 'AliasTopic', { masterKey: alias, enforceSSL: true });
  },
});

const sqsQueue = defineCase({
  name: 'SqsQueue',
  kind: 'AWS::SQS::Queue',
  breaks: ['SqsManagedDefault', 'KmsManaged'],
  build(scope, broken, kit) {
    const queue = (id: string, deadLetterQueue?: sqs.DeadLetterQueue) => new sqs.Queue(scope, id, {
      encryption: broken === 'SqsManagedDefault' ? undefined : broken === 'KmsManaged' ? sqs.QueueEncryption.KMS_MANAGED : sqs.QueueEncryption.KMS,
      encryptionMasterKey: broken === undefined ? kit.key : undefined,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      deadLetterQueue,
    });
    queue('Queue', { queue: queue('DeadLetters'), maxReceiveCount: 5 });
  },
});

const secret = defineCase({
  name: 'Secret',
  kind: 'AWS::SecretsManager::Secret',
  breaks: ['NoKey', 'ReplicaNoKey'],
  build(scope, broken, kit) {
    const replicaKey = kms.Key.fromKeyArn(scope, 'ReplicaKey', Stack.of(scope).formatArn({ service: 'kms', region: 'eu-west-1', resource: 'key', resourceName: 'mrk-0123456789abcdef0123456789abcdef' }));
    const secret = new secretsmanager.Secret(scope, 'Secret', {
      encryptionKey: broken === 'NoKey' ? undefined : kit.key,
      replicaRegions: [{ region: 'eu-west-1', encryptionKey: broken === 'ReplicaNoKey' ? undefined : replicaKey }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Rotated by the team's existing rotation function (SecretRotation).
    secret.addRotationSchedule('Rotation', {
      rotationLambda: lambda.Function.fromFunctionArn(scope, 'Rotator', Stack.of(scope).formatArn({ service: 'lambda', resource: 'function', resourceName: 'secret-rotator', arnFormat: ArnFormat.COLON_RESOURCE_NAME })),
      automaticallyAfter: Duration.days(30),
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Lambda

const lambdaFunction = defineCase({
  name: 'LambdaFunction',
  kind: 'AWS::Lambda::Permission',
  breaks: ['AnyPrincipal', 'StarPrincipalL1', 'PublicFunctionUrl', 'AnyPrincipalIamFunctionUrl', 'CdkManagedLogGroup', 'TokenInEnvironment', 'TokenInEnvironmentOverride'],
  build(scope, broken, kit) {
    const fn = new lambda.Function(scope, 'Function', {
      // Where the model hub token is kept (read at run time), or (broken) the token itself.
      environment: broken === 'TokenInEnvironment' ? { HUB_TOKEN: 'hf_QwErTyUiOpAsDfGhJkLzXcVbNm0123456789' } : { HUB_TOKEN_PARAMETER: '/ml/prod/model-hub-token' },
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      // Without it, the function's own log group is unencrypted (the log-group key control).
      logGroup: broken === 'CdkManagedLogGroup' ? undefined : kit.logGroup('FunctionLogs'),
      environmentEncryption: kit.key,
    });
    // Narrowed grants to services and to the organization.
    fn.addPermission('FromBucket', {
      principal: new iam.ServicePrincipal('s3.amazonaws.com'),
      sourceArn: kit.bucket.bucketArn,
      sourceAccount: Aws.ACCOUNT_ID,
    });
    fn.addPermission('FromOrganization', { principal: new iam.OrganizationPrincipal(ORG_ID) });
    fn.addPermission('FromAccount', { principal: new iam.AnyPrincipal(), sourceAccount: Aws.ACCOUNT_ID });
    fn.addPermission('FromRule', { principal: new iam.AnyPrincipal(), sourceArn: Stack.of(scope).formatArn({ service: 'events', resource: 'rule', resourceName: 'nightly' }) });
    fn.addFunctionUrl({ authType: broken === 'PublicFunctionUrl' ? lambda.FunctionUrlAuthType.NONE : lambda.FunctionUrlAuthType.AWS_IAM });
    if (broken === 'AnyPrincipal') {
      fn.grantInvoke(new iam.AnyPrincipal());
    }
    if (broken === 'TokenInEnvironmentOverride') {
      override(fn, 'Environment.Variables.MODEL_HUB_API_TOKEN', 'mh-5f2b8c1e9d7a4036');
    }
    if (broken === 'AnyPrincipalIamFunctionUrl') {
      // IAM auth, but any AWS account's principals.
      fn.grantInvokeUrl(new iam.AnyPrincipal());
    }
    if (broken === 'StarPrincipalL1') {
      new lambda.CfnPermission(scope, 'RawPermission', { action: 'lambda:InvokeFunction', functionName: fn.functionArn, principal: '*' });
    }
  },
});

// ---------------------------------------------------------------------------------------------
// SageMaker

const notebook = defineCase({
  name: 'SageMakerNotebook',
  kind: 'AWS::SageMaker::NotebookInstance',
  breaks: ['DirectInternetLeftOut', 'DirectInternetEnabled', 'RootAccessLeftOut', 'NoKey', 'NoSubnet'],
  build(scope, broken, kit) {
    new sagemaker.CfnNotebookInstance(scope, 'Notebook', {
      instanceType: 'ml.t3.medium',
      roleArn: kit.sageMakerRole.roleArn,
      directInternetAccess: broken === 'DirectInternetLeftOut' ? undefined : broken === 'DirectInternetEnabled' ? 'Enabled' : 'Disabled',
      rootAccess: broken === 'RootAccessLeftOut' ? undefined : 'Disabled',
      kmsKeyId: broken === 'NoKey' ? undefined : kit.key.keyId,
      subnetId: broken === 'NoSubnet' ? undefined : kit.subnetIds[0],
      securityGroupIds: broken === 'NoSubnet' ? undefined : [kit.securityGroup.securityGroupId],
      volumeSizeInGb: 20,
      platformIdentifier: 'notebook-al2-v3',
      instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: '2' },
    });
  },
});

const domain = defineCase({
  name: 'SageMakerDomain',
  kind: 'AWS::SageMaker::Domain',
  breaks: ['NetworkAccessLeftOut', 'PublicInternetOnly', 'NoKey'],
  build(scope, broken, kit) {
    new sagemaker.CfnDomain(scope, 'Domain', {
      authMode: 'IAM',
      domainName: 'corpus-studio',
      vpcId: kit.vpc.vpcId,
      subnetIds: kit.subnetIds,
      appNetworkAccessType: broken === 'NetworkAccessLeftOut' ? undefined : broken === 'PublicInternetOnly' ? 'PublicInternetOnly' : 'VpcOnly',
      kmsKeyId: broken === 'NoKey' ? undefined : kit.key.keyArn,
      defaultUserSettings: {
        executionRole: kit.sageMakerRole.roleArn,
        securityGroups: [kit.securityGroup.securityGroupId],
      },
    });
  },
});

function hardenedModel(scope: Construct, kit: Kit, broken?: string): sagemaker.CfnModel {
  const model = new sagemaker.CfnModel(scope, 'Model', {
    executionRoleArn: kit.sageMakerRole.roleArn,
    primaryContainer: {
      image: `${Aws.ACCOUNT_ID}.dkr.ecr.${Aws.REGION}.${Aws.URL_SUFFIX}/churn-model:1.0.0`,
      modelDataUrl: kit.s3Uri('models/churn/model.tar.gz'),
    },
    enableNetworkIsolation: broken === 'NetworkIsolationLeftOut' ? undefined : true,
    vpcConfig: broken === 'NoVpc' ? undefined : { subnets: kit.subnetIds, securityGroupIds: [kit.securityGroup.securityGroupId] },
  });
  if (broken === 'NetworkIsolationStringFalse') {
    model.addPropertyOverride('EnableNetworkIsolation', 'false');
  }
  return model;
}

const model = defineCase({
  name: 'SageMakerModel',
  kind: 'AWS::SageMaker::Model',
  breaks: ['NetworkIsolationLeftOut', 'NetworkIsolationStringFalse', 'NoVpc'],
  build(scope, broken, kit) {
    hardenedModel(scope, kit, broken);
  },
});

const endpointConfig = defineCase({
  name: 'SageMakerEndpointConfig',
  kind: 'AWS::SageMaker::EndpointConfig',
  breaks: ['NoKey', 'CaptureNoKey'],
  warnings: ['SingleInstance'],
  build(scope, broken, kit) {
    const m = hardenedModel(scope, kit);
    new sagemaker.CfnEndpointConfig(scope, 'EndpointConfig', {
      kmsKeyId: broken === 'NoKey' ? undefined : kit.key.keyArn,
      productionVariants: [{
        variantName: 'primary',
        modelName: m.attrModelName,
        instanceType: 'ml.m5.large',
        initialInstanceCount: broken === 'SingleInstance' ? 1 : 2,
        initialVariantWeight: 1,
      }],
      dataCaptureConfig: {
        enableCapture: true,
        initialSamplingPercentage: 20,
        destinationS3Uri: kit.s3Uri('capture/'),
        kmsKeyId: broken === 'CaptureNoKey' ? undefined : kit.key.keyArn,
        captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }],
      },
    });
  },
});

/** Data capture off: the capture-key control does not apply. */
const endpointConfigNoCapture = defineCase({
  name: 'SageMakerEndpointConfigNoCapture',
  kind: 'AWS::SageMaker::EndpointConfig',
  breaks: ['CaptureTurnedOn'],
  build(scope, broken, kit) {
    const m = hardenedModel(scope, kit);
    new sagemaker.CfnEndpointConfig(scope, 'EndpointConfig', {
      kmsKeyId: kit.key.keyId,
      productionVariants: [{ variantName: 'primary', modelName: m.attrModelName, instanceType: 'ml.m5.large', initialInstanceCount: 3 }],
      dataCaptureConfig: {
        enableCapture: broken === 'CaptureTurnedOn',
        initialSamplingPercentage: 20,
        destinationS3Uri: kit.s3Uri('capture/'),
        captureOptions: [{ captureMode: 'Input' }],
      },
    });
  },
});

const featureGroup = defineCase({
  name: 'SageMakerFeatureGroup',
  kind: 'AWS::SageMaker::FeatureGroup',
  breaks: ['OfflineNoKey', 'OnlineNoKey'],
  build(scope, broken, kit) {
    new sagemaker.CfnFeatureGroup(scope, 'FeatureGroup', {
      featureGroupName: 'customers',
      recordIdentifierFeatureName: 'customer_id',
      eventTimeFeatureName: 'event_time',
      featureDefinitions: [
        { featureName: 'customer_id', featureType: 'String' },
        { featureName: 'event_time', featureType: 'String' },
        { featureName: 'tenure_months', featureType: 'Integral' },
      ],
      roleArn: kit.sageMakerRole.roleArn,
      offlineStoreConfig: {
        S3StorageConfig: { S3Uri: kit.s3Uri('feature-store/'), ...(broken === 'OfflineNoKey' ? {} : { KmsKeyId: kit.key.keyArn }) },
        DisableGlueTableCreation: true,
      },
      onlineStoreConfig: {
        EnableOnlineStore: true,
        ...(broken === 'OnlineNoKey' ? {} : { SecurityConfig: { KmsKeyId: kit.key.keyArn } }),
      },
    });
  },
});

/** Offline only: the online-store control does not apply. */
const featureGroupOffline = defineCase({
  name: 'SageMakerFeatureGroupOffline',
  kind: 'AWS::SageMaker::FeatureGroup',
  breaks: ['OnlineEnabledNoKey'],
  build(scope, broken, kit) {
    new sagemaker.CfnFeatureGroup(scope, 'FeatureGroup', {
      featureGroupName: 'transactions',
      recordIdentifierFeatureName: 'transaction_id',
      eventTimeFeatureName: 'event_time',
      featureDefinitions: [{ featureName: 'transaction_id', featureType: 'String' }, { featureName: 'event_time', featureType: 'String' }],
      roleArn: kit.sageMakerRole.roleArn,
      offlineStoreConfig: { S3StorageConfig: { S3Uri: kit.s3Uri('feature-store/'), KmsKeyId: kit.key.keyArn } },
      onlineStoreConfig: { EnableOnlineStore: broken === 'OnlineEnabledNoKey' },
    });
  },
});

const MONITORING_BREAKS = ['InterContainerEncryptionLeftOut', 'NetworkIsolationLeftOut', 'NoVpc', 'OutputNoKey', 'VolumeNoKey'];

interface MonitoringParts {
  readonly networkConfig: {
    enableInterContainerTrafficEncryption?: boolean;
    enableNetworkIsolation?: boolean;
    vpcConfig?: { subnets: string[]; securityGroupIds: string[] };
  };
  readonly outputConfig: { kmsKeyId?: string; monitoringOutputs: { s3Output: { localPath: string; s3Uri: string; s3UploadMode: string } }[] };
  readonly clusterConfig: { instanceCount: number; instanceType: string; volumeSizeInGb: number; volumeKmsKeyId?: string };
  readonly endpointInput: { endpointName: string; localPath: string };
}

function monitoringParts(kit: Kit, broken: string | undefined, kind: string): MonitoringParts {
  return {
    networkConfig: {
      enableInterContainerTrafficEncryption: broken === 'InterContainerEncryptionLeftOut' ? undefined : true,
      enableNetworkIsolation: broken === 'NetworkIsolationLeftOut' ? undefined : true,
      vpcConfig: broken === 'NoVpc' ? undefined : { subnets: kit.subnetIds, securityGroupIds: [kit.securityGroup.securityGroupId] },
    },
    outputConfig: {
      kmsKeyId: broken === 'OutputNoKey' ? undefined : kit.key.keyArn,
      monitoringOutputs: [{ s3Output: { localPath: '/opt/ml/processing/output', s3Uri: kit.s3Uri(`monitoring/${kind}/`), s3UploadMode: 'EndOfJob' } }],
    },
    clusterConfig: { instanceCount: 1, instanceType: 'ml.m5.large', volumeSizeInGb: 20, volumeKmsKeyId: broken === 'VolumeNoKey' ? undefined : kit.key.keyArn },
    endpointInput: { endpointName: 'churn-endpoint', localPath: '/opt/ml/processing/input/endpoint' },
  };
}

const dataQualityJob = defineCase({
  name: 'SageMakerDataQualityJob',
  kind: 'AWS::SageMaker::DataQualityJobDefinition',
  breaks: MONITORING_BREAKS,
  build(scope, broken, kit) {
    const p = monitoringParts(kit, broken, 'data-quality');
    new sagemaker.CfnDataQualityJobDefinition(scope, 'JobDefinition', {
      roleArn: kit.sageMakerRole.roleArn,
      dataQualityAppSpecification: { imageUri: MODEL_MONITOR_IMAGE },
      dataQualityJobInput: { endpointInput: p.endpointInput },
      dataQualityJobOutputConfig: p.outputConfig,
      jobResources: { clusterConfig: p.clusterConfig },
      networkConfig: p.networkConfig,
      stoppingCondition: { maxRuntimeInSeconds: 3600 },
    });
  },
});

const modelQualityJob = defineCase({
  name: 'SageMakerModelQualityJob',
  kind: 'AWS::SageMaker::ModelQualityJobDefinition',
  breaks: MONITORING_BREAKS,
  build(scope, broken, kit) {
    const p = monitoringParts(kit, broken, 'model-quality');
    new sagemaker.CfnModelQualityJobDefinition(scope, 'JobDefinition', {
      roleArn: kit.sageMakerRole.roleArn,
      modelQualityAppSpecification: { imageUri: MODEL_MONITOR_IMAGE, problemType: 'BinaryClassification' },
      modelQualityJobInput: {
        endpointInput: { ...p.endpointInput, probabilityAttribute: '0', probabilityThresholdAttribute: 0.5 },
        groundTruthS3Input: { s3Uri: kit.s3Uri('ground-truth/') },
      },
      modelQualityJobOutputConfig: p.outputConfig,
      jobResources: { clusterConfig: p.clusterConfig },
      networkConfig: p.networkConfig,
    });
  },
});

const modelBiasJob = defineCase({
  name: 'SageMakerModelBiasJob',
  kind: 'AWS::SageMaker::ModelBiasJobDefinition',
  breaks: MONITORING_BREAKS,
  build(scope, broken, kit) {
    const p = monitoringParts(kit, broken, 'model-bias');
    new sagemaker.CfnModelBiasJobDefinition(scope, 'JobDefinition', {
      roleArn: kit.sageMakerRole.roleArn,
      modelBiasAppSpecification: { imageUri: CLARIFY_IMAGE, configUri: kit.s3Uri('clarify/bias.json') },
      modelBiasJobInput: { endpointInput: p.endpointInput, groundTruthS3Input: { s3Uri: kit.s3Uri('ground-truth/') } },
      modelBiasJobOutputConfig: p.outputConfig,
      jobResources: { clusterConfig: p.clusterConfig },
      networkConfig: p.networkConfig,
    });
  },
});

const modelExplainabilityJob = defineCase({
  name: 'SageMakerModelExplainabilityJob',
  kind: 'AWS::SageMaker::ModelExplainabilityJobDefinition',
  breaks: MONITORING_BREAKS,
  build(scope, broken, kit) {
    const p = monitoringParts(kit, broken, 'model-explainability');
    new sagemaker.CfnModelExplainabilityJobDefinition(scope, 'JobDefinition', {
      roleArn: kit.sageMakerRole.roleArn,
      modelExplainabilityAppSpecification: { imageUri: CLARIFY_IMAGE, configUri: kit.s3Uri('clarify/explainability.json') },
      modelExplainabilityJobInput: { endpointInput: p.endpointInput },
      modelExplainabilityJobOutputConfig: p.outputConfig,
      jobResources: { clusterConfig: p.clusterConfig },
      networkConfig: p.networkConfig,
    });
  },
});

const monitoringSchedule = defineCase({
  name: 'SageMakerMonitoringSchedule',
  kind: 'AWS::SageMaker::MonitoringSchedule',
  breaks: MONITORING_BREAKS,
  build(scope, broken, kit) {
    const p = monitoringParts(kit, broken, 'schedule');
    new sagemaker.CfnMonitoringSchedule(scope, 'Schedule', {
      monitoringScheduleName: 'churn-data-quality',
      monitoringScheduleConfig: {
        monitoringType: 'DataQuality',
        scheduleConfig: { scheduleExpression: 'cron(0 * ? * * *)' },
        monitoringJobDefinition: {
          roleArn: kit.sageMakerRole.roleArn,
          monitoringAppSpecification: { imageUri: MODEL_MONITOR_IMAGE },
          monitoringInputs: [{ endpointInput: p.endpointInput }],
          monitoringOutputConfig: p.outputConfig,
          monitoringResources: { clusterConfig: p.clusterConfig },
          networkConfig: p.networkConfig,
          stoppingCondition: { maxRuntimeInSeconds: 3600 },
        },
      },
    });
  },
});

/** A schedule that names a job definition: the job definition carries the controls. */
const monitoringScheduleByName = defineCase({
  name: 'SageMakerMonitoringScheduleByName',
  kind: 'AWS::SageMaker::MonitoringSchedule',
  breaks: ['JobDefinitionNoVpc'],
  build(scope, broken, kit) {
    const p = monitoringParts(kit, broken === 'JobDefinitionNoVpc' ? 'NoVpc' : undefined, 'named');
    const job = new sagemaker.CfnDataQualityJobDefinition(scope, 'JobDefinition', {
      jobDefinitionName: 'churn-data-quality',
      roleArn: kit.sageMakerRole.roleArn,
      dataQualityAppSpecification: { imageUri: MODEL_MONITOR_IMAGE },
      dataQualityJobInput: { endpointInput: p.endpointInput },
      dataQualityJobOutputConfig: p.outputConfig,
      jobResources: { clusterConfig: p.clusterConfig },
      networkConfig: p.networkConfig,
    });
    const schedule = new sagemaker.CfnMonitoringSchedule(scope, 'Schedule', {
      monitoringScheduleName: 'churn-data-quality-named',
      monitoringScheduleConfig: {
        monitoringType: 'DataQuality',
        monitoringJobDefinitionName: 'churn-data-quality',
        scheduleConfig: { scheduleExpression: 'cron(0 * ? * * *)' },
      },
    });
    schedule.addResourceDependency(job);
  },
});

const modelPackageGroup = defineCase({
  name: 'SageMakerModelPackageGroup',
  kind: 'AWS::SageMaker::ModelPackageGroup',
  breaks: ['AnyPrincipal'],
  build(scope, broken) {
    const stack = Stack.of(scope);
    const groupArn = stack.formatArn({ service: 'sagemaker', resource: 'model-package-group', resourceName: 'churn' });
    new sagemaker.CfnModelPackageGroup(scope, 'Group', {
      modelPackageGroupName: 'churn',
      modelPackageGroupPolicy: {
        Version: '2012-10-17',
        Statement: [{
          Sid: 'ShareWithDeploymentAccount',
          Effect: 'Allow',
          Principal: broken === 'AnyPrincipal' ? '*' : { AWS: `arn:${Aws.PARTITION}:iam::222222222222:root` },
          Action: ['sagemaker:DescribeModelPackageGroup', 'sagemaker:DescribeModelPackage', 'sagemaker:ListModelPackages'],
          Resource: [groupArn, stack.formatArn({ service: 'sagemaker', resource: 'model-package', resourceName: 'churn/*' })],
        }],
      },
    });
  },
});

// ---------------------------------------------------------------------------------------------
// ECR

const ecrRepository = defineCase({
  name: 'EcrRepository',
  kind: 'AWS::ECR::Repository',
  breaks: ['ScanOnPushLeftOut', 'ScanOnPushOverrideString', 'MutableTagsDefault', 'AesDefault', 'KmsAwsManaged', 'AnyPrincipal', 'Destroy'],
  warnings: ['NoLifecycleRules'],
  build(scope, broken, kit) {
    const repo = new ecr.Repository(scope, 'Repository', {
      imageScanOnPush: broken === 'ScanOnPushLeftOut' ? undefined : true,
      imageTagMutability: broken === 'MutableTagsDefault' ? undefined : ecr.TagMutability.IMMUTABLE,
      encryption: broken === 'AesDefault' ? undefined : ecr.RepositoryEncryption.KMS,
      encryptionKey: broken === 'AesDefault' || broken === 'KmsAwsManaged' ? undefined : kit.key,
      removalPolicy: broken === 'Destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      lifecycleRules: broken === 'NoLifecycleRules' ? undefined : [{ tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: Duration.days(14) }, { maxImageCount: 200 }],
    });
    repo.grantPull(new iam.OrganizationPrincipal(ORG_ID));
    repo.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['ecr:*'],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
    if (broken === 'ScanOnPushOverrideString') {
      override(repo, 'ImageScanningConfiguration.ScanOnPush', 'false');
    }
    if (broken === 'AnyPrincipal') {
      repo.grantPull(new iam.AnyPrincipal());
    }
  },
});

/** Scan on push set at registry level instead of on the repository. */
const ecrRegistryScanned = defineCase({
  name: 'EcrRepositoryRegistryScan',
  kind: 'AWS::ECR::Repository',
  breaks: ['FilterMissesRepository'],
  build(scope, broken, kit) {
    new ecr.Repository(scope, 'Repository', {
      repositoryName: 'ml/churn-model',
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      encryption: ecr.RepositoryEncryption.KMS,
      encryptionKey: kit.key,
      lifecycleRules: [{ maxImageCount: 200 }],
    });
    new ecr.CfnRegistryScanningConfiguration(scope, 'RegistryScanning', {
      scanType: 'ENHANCED',
      rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: broken === 'FilterMissesRepository' ? 'web/*' : 'ml/*', filterType: 'WILDCARD' }] }],
    });
  },
});

// ---------------------------------------------------------------------------------------------
// CloudTrail, GuardDuty

const trail = defineCase({
  name: 'CloudTrailTrail',
  kind: 'AWS::CloudTrail::Trail',
  breaks: ['LoggingOverride', 'LoggingOverrideString', 'SingleRegion', 'NoFileValidation', 'NoKey', 'NoCloudWatchLogs', 'ReadOnlyManagement', 'ReadOnlyManagementOverride', 'LogsSixMonths'],
  build(scope, broken, kit) {
    kit.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudTrail',
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': Stack.of(scope).formatArn({ service: 'cloudtrail', region: '*', resource: 'trail', resourceName: '*' }) },
      },
    }));
    const t = new cloudtrail.Trail(scope, 'Trail', {
      bucket: kit.bucket,
      encryptionKey: broken === 'NoKey' ? undefined : kit.key,
      isMultiRegionTrail: broken !== 'SingleRegion',
      enableFileValidation: broken !== 'NoFileValidation',
      includeGlobalServiceEvents: true,
      sendToCloudWatchLogs: broken !== 'NoCloudWatchLogs',
      cloudWatchLogGroup: broken === 'NoCloudWatchLogs' ? undefined : trailLogGroup(kit, broken === 'LogsSixMonths'),
      // Read-only management events: every Describe is logged, no change is.
      managementEvents: broken === 'ReadOnlyManagement' ? cloudtrail.ReadWriteType.READ_ONLY : undefined,
    });
    if (broken === 'ReadOnlyManagementOverride') {
      override(t, 'EventSelectors', [{ IncludeManagementEvents: true, ReadWriteType: 'ReadOnly' }]);
    }
    if (broken === 'LoggingOverride') {
      override(t, 'IsLogging', false);
    }
    if (broken === 'LoggingOverrideString') {
      override(t, 'IsLogging', 'false');
    }
  },
});

/** The trail's log group: a year, or (broken) six months of the trail's events. */
function trailLogGroup(kit: Kit, short: boolean): logs.ILogGroup {
  const group = kit.logGroup('TrailLogs');
  if (short) {
    override(group, 'RetentionInDays', 180);
  }
  return group;
}

const detector = defineCase({
  name: 'GuardDutyDetector',
  kind: 'AWS::GuardDuty::Detector',
  breaks: ['Disabled', 'DisabledString', 'S3FeatureLeftOut', 'S3FeatureDisabled'],
  warnings: ['MalwareFeatureLeftOut'],
  build(scope, broken) {
    const features: guardduty.CfnDetector.CFNFeatureConfigurationProperty[] = [];
    if (broken !== 'S3FeatureLeftOut') {
      features.push({ name: 'S3_DATA_EVENTS', status: broken === 'S3FeatureDisabled' ? 'DISABLED' : 'ENABLED' });
    }
    if (broken !== 'MalwareFeatureLeftOut') {
      features.push({ name: 'EBS_MALWARE_PROTECTION', status: 'ENABLED' });
    }
    features.push({ name: 'RUNTIME_MONITORING', status: 'ENABLED', additionalConfiguration: [{ name: 'EC2_AGENT_MANAGEMENT', status: 'ENABLED' }] });
    const d = new guardduty.CfnDetector(scope, 'Detector', {
      enable: broken !== 'Disabled',
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      features,
    });
    if (broken === 'DisabledString') {
      d.addPropertyOverride('Enable', 'false');
    }
  },
});

const detectorDataSources = defineCase({
  name: 'GuardDutyDetectorDataSources',
  kind: 'AWS::GuardDuty::Detector',
  breaks: ['S3LogsOff'],
  warnings: ['MalwareOff'],
  build(scope, broken) {
    new guardduty.CfnDetector(scope, 'Detector', {
      enable: true,
      dataSources: {
        s3Logs: { enable: broken !== 'S3LogsOff' },
        malwareProtection: { scanEc2InstanceWithFindings: { ebsVolumes: broken !== 'MalwareOff' } },
      },
    });
  },
});

// ---------------------------------------------------------------------------------------------
// VPC and EC2

const vpc = defineCase({
  name: 'Vpc',
  kind: 'AWS::EC2::VPC',
  breaks: ['NoFlowLogs', 'PublicSubnets', 'MapPublicIpOverride', 'MapPublicIpOverrideString', 'DefaultSecurityGroupOpen'],
  warnings: ['PublicSubnetsNoPublicIp'],
  build(_scope, broken, kit) {
    const publicSubnets = broken === 'PublicSubnets' || broken === 'PublicSubnetsNoPublicIp';
    const v = kit.newVpc('Vpc', {
      flowLog: broken !== 'NoFlowLogs',
      restrictDefaultSecurityGroup: broken === 'DefaultSecurityGroupOpen' ? false : undefined,
      subnetConfiguration: [
        { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
        ...(publicSubnets ? [{ name: 'Ingress', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: broken === 'PublicSubnets' ? undefined : false }] : []),
      ],
    });
    v.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    if (broken === 'MapPublicIpOverride') {
      override(v.isolatedSubnets[0], 'MapPublicIpOnLaunch', true);
    }
    if (broken === 'MapPublicIpOverrideString') {
      // CloudFormation takes booleans as strings too.
      override(v.isolatedSubnets[1], 'MapPublicIpOnLaunch', 'true');
    }
  },
});

/** Flow logs delivered to an S3 bucket instead of CloudWatch Logs, added with addFlowLog. */
const vpcFlowLogToS3 = defineCase({
  name: 'VpcFlowLogToS3',
  kind: 'AWS::EC2::VPC',
  breaks: ['FlowLogOnSubnetOnly'],
  build(scope, broken, kit) {
    const v = kit.newVpc('Vpc', { flowLog: false });
    kit.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowLogDelivery',
      principals: [new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }));
    const destination = ec2.FlowLogDestination.toS3(kit.bucket, 'flow-logs/');
    if (broken === 'FlowLogOnSubnetOnly') {
      new ec2.FlowLog(scope, 'SubnetFlowLog', { resourceType: ec2.FlowLogResourceType.fromSubnet(v.isolatedSubnets[0]), destination });
    } else {
      v.addFlowLog('ToS3', { destination, trafficType: ec2.FlowLogTrafficType.ALL });
    }
  },
});

const securityGroup = defineCase({
  name: 'SecurityGroup',
  kind: 'AWS::EC2::SecurityGroup',
  breaks: ['AnyIpv4Https', 'AnyIpv6Https', 'AnyIpv4AllTraffic', 'SeparateIngressAnyIpv4', 'SeparateIngressAnyIpv6', 'InlineOverrideAnyIpv4',
    'Ipv4HalvesInline', 'Ipv4HalvesSeparate', 'GlobalUnicastIpv6', 'WidePrefixList'],
  build(scope, broken, kit) {
    const sg = new ec2.SecurityGroup(scope, 'SecurityGroup', { vpc: kit.vpc, description: 'inference API', allowAllOutbound: false });
    const clients = new ec2.SecurityGroup(scope, 'Clients', { vpc: kit.vpc, description: 'inference clients', allowAllOutbound: false });
    sg.addIngressRule(ec2.Peer.ipv4(kit.vpc.vpcCidrBlock), ec2.Port.tcp(443), 'HTTPS from the VPC');
    sg.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(22), 'SSH from the corporate network');
    sg.addIngressRule(clients, ec2.Port.tcp(8080), 'clients');
    sg.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS out (egress is not judged)');
    clients.addEgressRule(sg, ec2.Port.tcp(8080));
    if (broken === 'AnyIpv4Https') {
      sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from anywhere');
    }
    if (broken === 'AnyIpv6Https') {
      sg.addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.tcp(443), 'HTTPS from anywhere');
    }
    if (broken === 'AnyIpv4AllTraffic') {
      sg.connections.allowFromAnyIpv4(ec2.Port.allTraffic());
    }
    if (broken === 'SeparateIngressAnyIpv4') {
      new ec2.CfnSecurityGroupIngress(scope, 'OpenIngress', { groupId: sg.securityGroupId, ipProtocol: 'tcp', fromPort: 8443, toPort: 8443, cidrIp: '0.0.0.0/0' });
    }
    if (broken === 'SeparateIngressAnyIpv6') {
      new ec2.CfnSecurityGroupIngress(scope, 'OpenIngress', { groupId: sg.securityGroupId, ipProtocol: '-1', cidrIpv6: '::/0' });
    }
    if (broken === 'InlineOverrideAnyIpv4') {
      override(sg, 'SecurityGroupIngress.0.CidrIp', '0.0.0.0/0');
    }
    // The internet written piece by piece: the two halves of the IPv4 space, all of global IPv6
    // unicast, a prefix list holding a range wider than a /8.
    if (broken === 'Ipv4HalvesInline') {
      sg.addIngressRule(ec2.Peer.ipv4('0.0.0.0/1'), ec2.Port.tcp(443), 'lower half');
      sg.addIngressRule(ec2.Peer.ipv4('128.0.0.0/1'), ec2.Port.tcp(443), 'upper half');
    }
    if (broken === 'Ipv4HalvesSeparate') {
      new ec2.CfnSecurityGroupIngress(scope, 'LowerHalf', { groupId: sg.securityGroupId, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '0.0.0.0/1' });
      new ec2.CfnSecurityGroupIngress(scope, 'UpperHalf', { groupId: sg.securityGroupId, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '128.0.0.0/1' });
    }
    if (broken === 'GlobalUnicastIpv6') {
      sg.addIngressRule(ec2.Peer.ipv6('2000::/3'), ec2.Port.tcp(443), 'every global IPv6 address');
    }
    if (broken === 'WidePrefixList') {
      const list = new ec2.PrefixList(scope, 'Partners', { maxEntries: 2, entries: [{ cidr: '64.0.0.0/2' }, { cidr: '203.0.113.0/24' }] });
      sg.addIngressRule(ec2.Peer.prefixList(list.prefixListId), ec2.Port.tcp(443), 'partners');
    }
  },
});

const networkAcl = defineCase({
  name: 'NetworkAcl',
  kind: 'AWS::EC2::NetworkAclEntry',
  breaks: ['SshFromAnywhere', 'RdpFromAnywhere', 'RdpUdpFromAnywhere', 'AllTrafficFromAnywhere', 'EphemeralRangeCoversRdp', 'SshFromAnyIpv6'],
  build(scope, broken, kit) {
    const acl = new ec2.NetworkAcl(scope, 'Acl', { vpc: kit.vpc, subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
    const entry = (id: string, ruleNumber: number, cidr: ec2.AclCidr, traffic: ec2.AclTraffic, direction = ec2.TrafficDirection.INGRESS) =>
      acl.addEntry(id, { ruleNumber, cidr, traffic, direction, ruleAction: ec2.Action.ALLOW });
    entry('HttpsFromVpc', 100, ec2.AclCidr.ipv4(kit.vpc.vpcCidrBlock), ec2.AclTraffic.tcpPort(443));
    entry('SshFromCorporate', 110, ec2.AclCidr.ipv4('10.0.0.0/8'), ec2.AclTraffic.tcpPort(22));
    entry('EphemeralReturn', 120, ec2.AclCidr.anyIpv4(), ec2.AclTraffic.tcpPortRange(32768, 65535));
    entry('LowEphemeralSkipsRdp', 121, ec2.AclCidr.anyIpv4(), ec2.AclTraffic.tcpPortRange(1024, 3388));
    entry('PathMtu', 122, ec2.AclCidr.anyIpv4(), ec2.AclTraffic.icmp({ type: 3, code: 4 }));
    entry('AllOut', 100, ec2.AclCidr.anyIpv4(), ec2.AclTraffic.allTraffic(), ec2.TrafficDirection.EGRESS);
    acl.addEntry('DenySshFromAnywhere', { ruleNumber: 130, cidr: ec2.AclCidr.anyIpv4(), traffic: ec2.AclTraffic.tcpPort(22), direction: ec2.TrafficDirection.INGRESS, ruleAction: ec2.Action.DENY });
    const open: Record<string, [ec2.AclCidr, ec2.AclTraffic]> = {
      SshFromAnywhere: [ec2.AclCidr.anyIpv4(), ec2.AclTraffic.tcpPort(22)],
      RdpFromAnywhere: [ec2.AclCidr.anyIpv4(), ec2.AclTraffic.tcpPort(3389)],
      RdpUdpFromAnywhere: [ec2.AclCidr.anyIpv4(), ec2.AclTraffic.udpPort(3389)],
      AllTrafficFromAnywhere: [ec2.AclCidr.anyIpv4(), ec2.AclTraffic.allTraffic()],
      EphemeralRangeCoversRdp: [ec2.AclCidr.anyIpv4(), ec2.AclTraffic.tcpPortRange(1024, 65535)],
      SshFromAnyIpv6: [ec2.AclCidr.anyIpv6(), ec2.AclTraffic.tcpPort(22)],
    };
    const mistake = open[broken ?? ''];
    if (mistake) {
      entry('Open', 90, ...mistake);
    }
  },
});

// ---------------------------------------------------------------------------------------------
// IAM

const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

function leastPrivilegePolicy(scope: Construct, kit: Kit): iam.ManagedPolicy {
  return new iam.ManagedPolicy(scope, 'ReadData', {
    statements: [
      new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:ListBucket'], resources: [kit.bucket.bucketArn, kit.bucket.arnForObjects('*')] }),
      new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [kit.key.keyArn] }),
    ],
  });
}

const ADMIN = () => new iam.PolicyStatement({ actions: ['*'], resources: ['*'] });

/** A persona role people assume from the account, with MFA. */
const humanRole = defineCase({
  name: 'IamHumanRole',
  kind: 'AWS::IAM::Role',
  breaks: [
    'NoMfa', 'MfaIfExists', 'AdministratorAccess', 'SageMakerFullAccess', 'AdminDefaultPolicy', 'AdminInlinePolicy', 'AdminManagedPolicy',
    'S3WildcardOnAll', 'PassAnyRole', 'MisspeltAction',
  ],
  build(scope, broken, kit) {
    const principal = new iam.AccountRootPrincipal();
    const role = new iam.Role(scope, 'Role', {
      assumedBy: broken === 'NoMfa' ? principal
        : principal.withConditions(broken === 'MfaIfExists' ? { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } } : MFA),
      maxSessionDuration: Duration.hours(4),
      managedPolicies: [
        leastPrivilegePolicy(scope, kit),
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSageMakerReadOnly'),
        ...(broken === 'AdministratorAccess' ? [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] : []),
        ...(broken === 'SageMakerFullAccess' ? [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSageMakerFullAccess')] : []),
      ],
      inlinePolicies: {
        Describe: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['sagemaker:Describe*', 'sagemaker:List*'], resources: ['*'] })] }),
        ...(broken === 'AdminInlinePolicy' ? { Break: new iam.PolicyDocument({ statements: [ADMIN()] }) } : {}),
      },
    });
    Tags.of(role).add('Persona', 'data-scientist');
    kit.key.grantDecrypt(role);
    if (broken === 'AdminDefaultPolicy') {
      role.addToPolicy(ADMIN());
    }
    if (broken === 'AdminManagedPolicy') {
      role.addManagedPolicy(new iam.ManagedPolicy(scope, 'Everything', { statements: [ADMIN()] }));
    }
    // Least privilege by access level, and actions that exist.
    if (broken === 'S3WildcardOnAll') {
      role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    }
    if (broken === 'PassAnyRole') {
      role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    }
    if (broken === 'MisspeltAction') {
      role.addToPolicy(new iam.PolicyStatement({ actions: ['sagemaker:DescribeModelPackages'], resources: ['*'] }));
    }
  },
});

/** Assumed by a named IAM user of another account, with MFA. */
const userTrustRole = defineCase({
  name: 'IamUserTrustRole',
  kind: 'AWS::IAM::Role',
  breaks: ['NoMfa'],
  build(scope, broken, kit) {
    const user = new iam.ArnPrincipal(`arn:${Aws.PARTITION}:iam::222222222222:user/alice`);
    new iam.Role(scope, 'Role', {
      // The condition value as a JSON boolean, which IAM accepts like the string.
      assumedBy: broken === 'NoMfa' ? user : user.withConditions({ Bool: { 'aws:MultiFactorAuthPresent': true } }),
      managedPolicies: [leastPrivilegePolicy(scope, kit)],
    });
  },
});

/** Assumed from another account's root, with MFA. */
const crossAccountRole = defineCase({
  name: 'IamCrossAccountRole',
  kind: 'AWS::IAM::Role',
  breaks: ['NoMfa', 'CompositeWithService'],
  build(scope, broken, kit) {
    const account = new iam.AccountPrincipal('222222222222');
    new iam.Role(scope, 'Role', {
      assumedBy: broken === 'NoMfa' ? account
        // A service and the account in one trust statement: the account needs MFA all the same.
        : broken === 'CompositeWithService' ? new iam.CompositePrincipal(new iam.ServicePrincipal('ec2.amazonaws.com'), account)
          : account.withConditions(MFA),
      managedPolicies: [leastPrivilegePolicy(scope, kit)],
    });
  },
});

/** Assumed from the account, but only by its roles (aws:PrincipalArn); no Persona tag. */
const roleOnlyAccountRole = defineCase({
  name: 'IamAccountRolesOnlyRole',
  kind: 'AWS::IAM::Role',
  breaks: ['PersonaTagged'],
  build(scope, broken, kit) {
    const role = new iam.Role(scope, 'Role', {
      assumedBy: new iam.AccountRootPrincipal().withConditions({
        ArnLike: { 'aws:PrincipalArn': Stack.of(scope).formatArn({ service: 'iam', region: '', resource: 'role', resourceName: 'pipeline-*' }) },
      }),
      managedPolicies: [leastPrivilegePolicy(scope, kit)],
    });
    if (broken === 'PersonaTagged') {
      Tags.of(role).add('Persona', 'ml-engineer');
    }
  },
});

/** Trust that needs no MFA: a service, a SAML federation (tagged Persona) and another role (tagged Persona). */
const exemptTrustRoles = defineCase({
  name: 'IamExemptTrustRoles',
  kind: 'AWS::IAM::Role',
  breaks: ['ServiceRoleAdmin', 'FederatedRoleFullAccess'],
  build(scope, broken, kit) {
    const stack = Stack.of(scope);
    const service = new iam.Role(scope, 'ServiceRole', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    kit.bucket.grantRead(service);
    if (broken === 'ServiceRoleAdmin') {
      service.addToPolicy(ADMIN());
    }
    const federated = new iam.Role(scope, 'FederatedRole', {
      assumedBy: new iam.FederatedPrincipal(
        stack.formatArn({ service: 'iam', region: '', resource: 'saml-provider', resourceName: 'CorporateIdP' }),
        { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        'sts:AssumeRoleWithSAML',
      ),
      managedPolicies: broken === 'FederatedRoleFullAccess' ? [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess')] : [],
    });
    Tags.of(federated).add('Persona', 'analyst');
    kit.bucket.grantRead(federated);
    const chained = new iam.Role(scope, 'ChainedRole', { assumedBy: new iam.ArnPrincipal(federated.roleArn) });
    Tags.of(chained).add('Persona', 'analyst');
    kit.key.grantDecrypt(chained);
  },
});

const user = defineCase({
  name: 'IamUser',
  kind: 'AWS::IAM::User',
  breaks: ['ConsolePassword', 'AccessKey', 'AccessKeyL1', 'AdminStatement', 'AdministratorAccess'],
  build(scope, broken, kit) {
    const group = new iam.Group(scope, 'Group', { managedPolicies: [leastPrivilegePolicy(scope, kit)] });
    const u = new iam.User(scope, 'User', {
      groups: [group],
      password: broken === 'ConsolePassword' ? SecretValue.ssmSecure('/corpus/initial-password') : undefined,
      managedPolicies: broken === 'AdministratorAccess' ? [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] : [],
    });
    if (broken === 'AccessKey') {
      new iam.AccessKey(scope, 'AccessKey', { user: u });
    }
    if (broken === 'AccessKeyL1') {
      new iam.CfnAccessKey(scope, 'AccessKey', { userName: u.userName });
    }
    if (broken === 'AdminStatement') {
      u.addToPrincipalPolicy(ADMIN());
    }
  },
});

const group = defineCase({
  name: 'IamGroup',
  kind: 'AWS::IAM::Group',
  breaks: ['S3FullAccess', 'AdminStatement', 'AdminActionList'],
  build(scope, broken, kit) {
    const g = new iam.Group(scope, 'Group', {
      managedPolicies: [
        leastPrivilegePolicy(scope, kit),
        ...(broken === 'S3FullAccess' ? [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess')] : []),
      ],
    });
    if (broken === 'AdminStatement') {
      g.addToPolicy(ADMIN());
    }
    if (broken === 'AdminActionList') {
      g.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', '*'], resources: [kit.bucket.arnForObjects('*'), '*'] }));
    }
  },
});

// ---------------------------------------------------------------------------------------------
// CodeBuild (the delivery pipeline's build projects)

/** A secret access key of AWS's documentation, and its access key id. */
const DOC_SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const DOC_ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';

const codeBuildProject = defineCase({
  name: 'CodeBuildProject',
  kind: 'AWS::CodeBuild::Project',
  breaks: ['PlaintextCredentials', 'PlaintextOverride', 'BuildSpecCredentials', 'CloudWatchLogsOff', 'LogsOverride', 'Privileged', 'PrivilegedOverride', 'KeyLeftOut', 'ArtifactsUnencryptedOverride', 'S3LogsUnencrypted'],
  build(scope, broken, kit) {
    const logGroup = kit.logGroup('BuildLogs');
    const project = new codebuild.Project(scope, 'Project', {
      buildSpec: codebuild.BuildSpec.fromObject({
        version: '0.2',
        env: broken === 'BuildSpecCredentials' ? { variables: { AWS_SECRET_ACCESS_KEY: DOC_SECRET_KEY } } : undefined,
        phases: { build: { commands: ['python -m build', 'tar czf model.tar.gz model/'] } },
        artifacts: { files: ['model.tar.gz'] },
      }),
      environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, privileged: broken === 'Privileged' },
      environmentVariables: {
        MODEL_FAMILY: { value: 'churn' },
        ...(broken === 'PlaintextCredentials' ? { AWS_ACCESS_KEY_ID: { value: DOC_ACCESS_KEY } } : {}),
      },
      encryptionKey: broken === 'KeyLeftOut' ? undefined : kit.key,
      logging: broken === 'CloudWatchLogsOff' ? { cloudWatch: { enabled: false } }
        : { cloudWatch: { logGroup }, s3: broken === 'S3LogsUnencrypted' ? { bucket: kit.bucket, prefix: 'build-logs', encrypted: false } : undefined },
      artifacts: codebuild.Artifacts.s3({ bucket: kit.bucket, path: 'builds', name: 'churn' }),
    });
    if (broken === 'PlaintextOverride') {
      override(project, 'Environment.EnvironmentVariables', [{ Name: 'AWS_SECRET_ACCESS_KEY', Type: 'PLAINTEXT', Value: DOC_SECRET_KEY }]);
    }
    if (broken === 'LogsOverride') {
      override(project, 'LogsConfig.CloudWatchLogs.Status', 'DISABLED');
    }
    if (broken === 'PrivilegedOverride') {
      override(project, 'Environment.PrivilegedMode', true);
    }
    if (broken === 'ArtifactsUnencryptedOverride') {
      override(project, 'Artifacts.EncryptionDisabled', true);
    }
  },
});

const codeBuildProjectL1 = defineCase({
  name: 'CodeBuildProjectL1',
  kind: 'AWS::CodeBuild::Project',
  breaks: ['SourceToken', 'SourcePassword', 'TypeLeftOut', 'LogsDisabled', 'PrivilegedMode', 'KeyLeftOut', 'ArtifactsUnencrypted'],
  build(scope, broken, kit) {
    const role = new iam.Role(scope, 'BuildRole', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    kit.bucket.grantReadWrite(role);
    kit.key.grantEncryptDecrypt(role);
    const logGroup = kit.logGroup('BuildLogs');
    logGroup.grantWrite(role);
    const location = broken === 'SourceToken' ? 'https://ghp_0123456789abcdefghijklmnopqrstuvwxyzAB@github.com/example-org/churn-model.git'
      : broken === 'SourcePassword' ? 'https://build-bot:Tr0ub4dor3@bitbucket.org/example-org/churn-model.git'
        : 'https://github.com/example-org/churn-model.git';
    new codebuild.CfnProject(scope, 'Project', {
      serviceRole: role.roleArn,
      source: { type: broken === 'SourcePassword' ? 'BITBUCKET' : 'GITHUB', location, buildSpec: 'buildspec.yml' },
      environment: {
        type: 'LINUX_CONTAINER',
        image: 'aws/codebuild/standard:7.0',
        computeType: 'BUILD_GENERAL1_SMALL',
        privilegedMode: broken === 'PrivilegedMode',
        environmentVariables: broken === 'TypeLeftOut' ? [{ name: 'AWS_SECRET_ACCESS_KEY', value: DOC_SECRET_KEY }] : [{ name: 'MODEL_FAMILY', type: 'PLAINTEXT', value: 'churn' }],
      },
      artifacts: { type: 'S3', location: kit.bucket.bucketName, path: 'builds', name: 'churn', packaging: 'ZIP', encryptionDisabled: broken === 'ArtifactsUnencrypted' ? true : undefined },
      encryptionKey: broken === 'KeyLeftOut' ? undefined : kit.key.keyArn,
      logsConfig: { cloudWatchLogs: { status: broken === 'LogsDisabled' ? 'DISABLED' : 'ENABLED', groupName: logGroup.logGroupName } },
    });
  },
});

// ---------------------------------------------------------------------------------------------
// CodePipeline (the delivery pipeline)

const codePipeline = defineCase({
  name: 'CodePipeline',
  kind: 'AWS::CodePipeline::Pipeline',
  breaks: ['KeyOverride', 'AwsManagedKeyOverride'],
  build(scope, broken, kit) {
    const source = new codepipeline.Artifact('Source');
    const pipeline = new codepipeline.Pipeline(scope, 'Pipeline', {
      artifactBucket: kit.bucket,
      pipelineType: codepipeline.PipelineType.V2,
      stages: [
        { stageName: 'Source', actions: [new codepipelineActions.S3SourceAction({ actionName: 'Model', bucket: kit.bucket, bucketKey: 'releases/churn.zip', output: source, trigger: codepipelineActions.S3Trigger.NONE })] },
        { stageName: 'Approve', actions: [new codepipelineActions.ManualApprovalAction({ actionName: 'Release' })] },
      ],
    });
    if (broken === 'KeyOverride') {
      (pipeline.node.defaultChild as codepipeline.CfnPipeline).addPropertyDeletionOverride('ArtifactStore.EncryptionKey');
    }
    if (broken === 'AwsManagedKeyOverride') {
      override(pipeline, 'ArtifactStore.EncryptionKey.Id', 'alias/aws/s3');
    }
  },
});

const codePipelineL1 = defineCase({
  name: 'CodePipelineL1',
  kind: 'AWS::CodePipeline::Pipeline',
  breaks: ['KeyLeftOut', 'RegionKeyLeftOut'],
  build(scope, broken, kit) {
    const role = new iam.Role(scope, 'PipelineRole', { assumedBy: new iam.ServicePrincipal('codepipeline.amazonaws.com') });
    kit.bucket.grantReadWrite(role);
    kit.key.grantEncryptDecrypt(role);
    const store = (withKey: boolean): codepipeline.CfnPipeline.ArtifactStoreProperty => ({
      type: 'S3', location: kit.bucket.bucketName, encryptionKey: withKey ? { id: kit.key.keyArn, type: 'KMS' } : undefined,
    });
    new codepipeline.CfnPipeline(scope, 'Pipeline', {
      roleArn: role.roleArn,
      artifactStores: [
        { region: 'eu-west-1', artifactStore: store(broken !== 'KeyLeftOut') },
        { region: 'us-east-1', artifactStore: store(broken !== 'RegionKeyLeftOut') },
      ],
      stages: [
        {
          name: 'Source',
          actions: [{ name: 'Model', actionTypeId: { category: 'Source', owner: 'AWS', provider: 'S3', version: '1' }, configuration: { S3Bucket: kit.bucket.bucketName, S3ObjectKey: 'releases/churn.zip', PollForSourceChanges: false }, outputArtifacts: [{ name: 'Source' }], region: 'eu-west-1' }],
        },
        { name: 'Approve', actions: [{ name: 'Release', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' } }] },
      ],
    });
  },
});

export const CASES: readonly CorpusCase[] = [
  s3Bucket, s3BucketDsse, s3BucketL1,
  kmsKey, kmsKeyL1, kmsSigningKey,
  logGroup, logGroupForever, auditLogGroup, logsResourcePolicy, snsTopic, sqsQueue, secret, ssmDocument,
  lambdaFunction,
  notebook, domain, model, endpointConfig, endpointConfigNoCapture, featureGroup, featureGroupOffline,
  dataQualityJob, modelQualityJob, modelBiasJob, modelExplainabilityJob, monitoringSchedule, monitoringScheduleByName, modelPackageGroup,
  ecrRepository, ecrRegistryScanned,
  trail, detector, detectorDataSources,
  vpc, vpcFlowLogToS3, securityGroup, networkAcl,
  humanRole, userTrustRole, crossAccountRole, roleOnlyAccountRole, exemptTrustRoles, user, group,
  codeBuildProject, codeBuildProjectL1, codePipeline, codePipelineL1,
];
