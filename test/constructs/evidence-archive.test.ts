import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import { EVIDENCE_STREAMS } from '../../core/evidence-streams';
import { EvidenceArchive, SecurityAlertTopic } from '../../index';

describe('EvidenceArchive', () => {
  const stack = new Stack(new App(), 'S');
  const alerts = new SecurityAlertTopic(stack, 'Alerts');
  const archive = new EvidenceArchive(stack, 'Archive', { alertTopic: alerts });
  archive.addStream({ name: 'incident-reviews', criteria: ['CC7.5'], description: 'post-incident reviews', eventPattern: { source: ['example.reviews'] } });
  // A rule of another stack sends through the archive's target without changing the archive's stack.
  const other = new Stack(stack.node.scope as App, 'Other');
  new events.Rule(other, 'Incidents', { eventPattern: { source: ['example.incident'] }, targets: [archive.eventTarget('incident', ['CC7.3'])] });
  const template = Template.fromStack(stack);
  const queueId = stack.getLogicalId(archive.ingestQueue.node.defaultChild as never);

  test('locks every record in compliance mode for 731 days, with a customer-managed key and access logs', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        ObjectLockEnabled: true,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 731 } } },
        BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() } })] },
        LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('refuses a retention shorter than 400 days, naming the prop', () => {
    const s = new Stack(new App(), 'Short');
    expect(() => new EvidenceArchive(s, 'A', { alertTopic: new SecurityAlertTopic(s, 'T'), retentionDays: 365 }))
      .toThrow(/retentionDays is 365: .*at least 400/);
  });

  test('one rule per standard stream, plus the added one, each naming its criteria and sending the whole event with its stream', () => {
    const rules = template.findResources('AWS::Events::Rule');
    expect(Object.keys(rules)).toHaveLength(EVIDENCE_STREAMS.length + 1);
    for (const stream of [...EVIDENCE_STREAMS, { name: 'incident-reviews', criteria: ['CC7.5'] }]) {
      const rule = archive.streamRule(stream.name)!;
      const props = rules[stack.getLogicalId(rule.node.defaultChild as never)].Properties;
      expect(props.Description).toContain(`stream ${stream.name} (${stream.criteria.join(', ')})`);
      expect(props.Targets).toEqual([expect.objectContaining({
        Arn: { 'Fn::GetAtt': [queueId, 'Arn'] },
        InputTransformer: { InputTemplate: `{"stream":"${stream.name}","criteria":${JSON.stringify(stream.criteria)},"event":<aws.events.event.json>}` },
      })]);
    }
    expect(archive.streams.map((s) => s.name)).toEqual([...EVIDENCE_STREAMS.map((s) => s.name), 'incident-reviews']);
  });

  test('routes the approver\'s identity from CloudTrail: UpdateModelPackage and PutApprovalResult', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.sagemaker'], 'detail-type': ['AWS API Call via CloudTrail'], 'detail': { eventName: ['UpdateModelPackage'] } },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.codepipeline'], 'detail-type': ['AWS API Call via CloudTrail'], 'detail': { eventName: ['PutApprovalResult'] } },
    });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 day)' });
  });

  test('the queue is KMS-encrypted, TLS-only, admits only this account\'s rules, and gives up to the alarmed dead-letter queue', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: Match.anyValue(),
      VisibilityTimeout: 360,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({
        Sid: 'AllowEventBridgeRulesOfThisAccount',
        Principal: { Service: 'events.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': Match.anyValue() } },
      })]) },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowEventBridgeThroughSqs', Condition: { StringEquals: { 'kms:ViaService': Match.anyValue() } } })]) },
    });
    // Only the archive's own statement: the other stack's rule added nothing to the queue policy.
    expect(Object.keys(template.findResources('AWS::SQS::QueuePolicy', { Properties: { Queues: [{ Ref: queueId }] } }))).toHaveLength(1);
  });

  test('one writer drains the queue in partial batches; it may only put records and consume its queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
    });
    const policy = JSON.stringify(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(policy).toContain('"s3:PutObject"');
    expect(policy).toMatch(/\/records\/\*/);
    expect(policy).not.toMatch(/s3:Delete|s3:PutObjectRetention|s3:BypassGovernanceRetention/);
    template.resourcePropertiesCountIs('AWS::IAM::Policy', {}, 0);
  });

  test('keeps the writer\'s logs at least as long as the records', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731 });
    const s = new Stack(new App(), 'Longer');
    new EvidenceArchive(s, 'A', { alertTopic: new SecurityAlertTopic(s, 'T'), retentionDays: 800 });
    Template.fromStack(s).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 1096 });
  });

  test('refuses a stream name that is not a partition name, or taken', () => {
    expect(() => archive.addStream({ name: 'Model Approvals', criteria: ['CC8.1'], description: 'x', eventPattern: { source: ['x'] } }))
      .toThrow(/name is "Model Approvals": a stream name is/);
    expect(() => archive.addStream({ name: 'model-approvals', criteria: ['CC8.1'], description: 'x', eventPattern: { source: ['x'] } }))
      .toThrow(/already/);
  });
});
