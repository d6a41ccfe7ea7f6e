import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ModelRegistry, ModelSignatureGate, ModelSigningKey, SecurityAlertTopic } from '../../index';
import { REPO_ROOT } from '../helpers/app-context';
import { logicalId } from '../helpers/ml-scope';

function gateStack(families: string[] = ['churn', 'fraud']) {
  const stack = new Stack(new App(), 'S');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, subnetConfiguration: [{ name: 'Workload', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const securityGroup = new ec2.SecurityGroup(stack, 'Workload', { vpc });
  const alerts = new SecurityAlertTopic(stack, 'Alerts');
  const registry = new ModelRegistry(stack, 'Registry', { environmentName: 'prod', modelFamilies: families, alerts });
  const signingKey = new ModelSigningKey(stack, 'SigningKey', { environmentName: 'prod' });
  const props = { registry, signingKey, alertTopic: alerts, vpc, subnets: vpc.isolatedSubnets, securityGroup };
  return { stack, vpc, securityGroup, alerts, registry, signingKey, props };
}

describe('ModelSignatureGate', () => {
  const { stack, securityGroup, alerts, registry, signingKey, props } = gateStack();
  const gate = new ModelSignatureGate(stack, 'Gate', props);
  const template = Template.fromStack(stack);
  const gatePolicy = () => template.findResources('AWS::IAM::ManagedPolicy')[logicalId(stack, gate.node.findChild('Policy') as iam.ManagedPolicy)]
    .Properties.PolicyDocument.Statement as Record<string, unknown>[];

  test('runs on the current Node.js runtime, in the workload subnets and security group, with reserved concurrency and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      ReservedConcurrentExecutions: 2,
      Timeout: 900,
      VpcConfig: {
        SubnetIds: props.subnets.map((s) => ({ Ref: logicalId(stack, s as ec2.Subnet) })),
        SecurityGroupIds: [{ 'Fn::GetAtt': [logicalId(stack, securityGroup), 'GroupId'] }],
      },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [logicalId(stack, gate.deadLetterQueue), 'Arn'] } },
      LoggingConfig: { LogGroup: { Ref: logicalId(stack, gate.logGroup) }, LogFormat: 'JSON' },
      Environment: { Variables: { SIGNING_KEY_ARN: { 'Fn::GetAtt': [logicalId(stack, signingKey.key), 'Arn'] }, ALERT_TOPIC_ARN: { Ref: logicalId(stack, alerts.topic) } } },
    });
  });

  test('loads the bundle built with the package (dist/assets/model-signature-gate), not a build at synth', () => {
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    const hash = /^([0-9a-f]{64})\.zip$/.exec(fn.Properties.Code.S3Key)![1];
    const assembly = (stack.node.root as App).synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'S.assets.json'), 'utf-8'));
    const staged = fs.readFileSync(path.join(assembly.directory, manifest.files[hash].source.path, 'index.js'));
    const bundle = fs.readFileSync(path.join(REPO_ROOT, 'dist', 'assets', 'model-signature-gate', 'index.js'));
    // Byte for byte with Buffer.equals: toEqual walks the 1 MB bundle element by element, for seconds.
    expect({ bytes: staged.length, identical: staged.equals(bundle) }).toEqual({ bytes: bundle.length, identical: true });
  });

  test('logs to its own log group, encrypted with a customer-managed key, kept a year and retained', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { KmsKeyId: Match.anyValue(), RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
    });
  });

  test('its dead-letter queue is KMS-encrypted, TLS-only, redrives to an archive, and raises an alarm to the alert topic', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(2);
    for (const q of Object.values(queues)) {
      expect(q.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [logicalId(stack, registry.artifactsBucket.encryptionKey as never), 'Arn'] });
      expect(q.Properties.MessageRetentionPeriod).toBe(1209600);
    }
    const archive = Object.keys(queues).find((id) => id !== logicalId(stack, gate.deadLetterQueue))!;
    expect(queues[archive].Properties.RedriveAllowPolicy).toEqual({ redrivePermission: 'allowAll' });
    expect(queues[logicalId(stack, gate.deadLetterQueue)].Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [archive, 'Arn'] }, maxReceiveCount: 10 });
    template.resourcePropertiesCountIs('AWS::SQS::QueuePolicy', { PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] } }, 2);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack, gate.deadLetterQueue), 'QueueName'] } }],
      AlarmActions: [{ Ref: logicalId(stack, alerts.topic) }],
    });
  });

  test('is invoked when a version of one of the registry\'s groups is approved, and only then', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.sagemaker'],
        'detail-type': ['SageMaker Model Package State Change'],
        'detail': { ModelPackageGroupName: ['prod-churn', 'prod-fraud'], ModelApprovalStatus: ['Approved'] },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(stack, gate.function), 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': [logicalId(stack, gate.rule), 'Arn'] } });
  });

  test('may set versions to Rejected only, read the artifacts, announce, and verify: in customer-managed policies, nothing inline', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const statements = gatePolicy();
    const reject = statements.find((s) => s.Action === 'sagemaker:UpdateModelPackage')!;
    expect(reject.Condition).toEqual({ StringEquals: { 'sagemaker:ModelApprovalStatus': ['Rejected'] } });
    expect(statements).toContainEqual(expect.objectContaining({ Sid: 'ReadModelArtifacts', Action: 's3:GetObject' }));
    expect(statements).toContainEqual(expect.objectContaining({ Sid: 'AnnounceRejections', Action: 'sns:Publish', Resource: { Ref: logicalId(stack, alerts.topic) } }));
    const actions = statements.flatMap((s) => [s.Action].flat() as string[]);
    expect(actions.filter((a) => /Delete(?!NetworkInterface)|Put(?!LogEvents)|Create(?!LogStream|NetworkInterface)|kms:Sign/.test(a))).toEqual([]);
    // Verification is the signing key's VerifyPolicy, attached to the gate's role.
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: ['kms:Verify', 'kms:GetPublicKey', 'kms:DescribeKey'] })] },
      Roles: [{ Ref: logicalId(stack, gate.role) }],
    });
  });

  test('waits for its policy before the function is created (Lambda checks the network permissions then)', () => {
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    expect(fn.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^GatePolicy/)]));
  });
});

describe('ModelSignatureGate validation', () => {
  test('refuses a registry without model families, empty subnets and a bad concurrency', () => {
    const noFamilies = gateStack([]);
    expect(() => new ModelSignatureGate(noFamilies.stack, 'Gate', noFamilies.props)).toThrow(/registry has no model families/);
    const { stack, props } = gateStack();
    expect(() => new ModelSignatureGate(stack, 'A', { ...props, subnets: [] })).toThrow(/subnets is empty/);
    expect(() => new ModelSignatureGate(stack, 'B', { ...props, reservedConcurrency: 0 })).toThrow(/reservedConcurrency is 0: pass a whole number of 1 or more/);
  });
});

describe('ModelSignatureGate as a release gate', () => {
  const { stack, props } = gateStack();
  const gate = new ModelSignatureGate(stack, 'Gate', { ...props, releaseChecks: { qualityMinimums: { churn: { auc: 0.8, f1: 0.7 } } } });
  const template = Template.fromStack(stack);

  test('gives the function the minimums by model package group, and says it checks releases', () => {
    expect(gate.checksReleases).toBe(true);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^cdk-soc2-ml model release gate: checks the signature, quality statistics and bias report'),
      Environment: { Variables: Match.objectLike({ RELEASE_CHECKS: JSON.stringify({ minimums: { 'prod-churn': { auc: 0.8, f1: 0.7 } } }) }) },
    });
  });

  test('refuses minimums it could not apply, naming the prop, the value and the fix', () => {
    const s = gateStack();
    const gateWith = (id: string, qualityMinimums: never) => new ModelSignatureGate(s.stack, id, { ...s.props, releaseChecks: { qualityMinimums } });
    expect(() => gateWith('A', { fraud_v2: { auc: 0.8 } } as never)).toThrow(/releaseChecks.qualityMinimums sets minimums for "fraud_v2", which is not a model family of the registry \(churn, fraud\)/);
    expect(() => gateWith('B', { churn: { auc: '0.8' } } as never)).toThrow(/releaseChecks.qualityMinimums.churn.auc is "0.8": pass a number/);
    expect(() => gateWith('C', { churn: { AUC: 0.8 } } as never)).toThrow(/names the metric "AUC": use the name the model-quality statistics give it, in lowercase/);
    expect(() => gateWith('D', { churn: { rmse: 3 } } as never)).toThrow(/releaseChecks.qualityMinimums.churn.rmse sets a minimum on rmse, where lower is better/);
    expect(() => gateWith('E', { churn: [0.8] } as never)).toThrow(/releaseChecks.qualityMinimums.churn is \[0.8\]: pass an object of metric minimums/);
  });
});
