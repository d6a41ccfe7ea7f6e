import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ConfigRecorderSetup, ContinuousCompliance, ContinuousComplianceProps, MirroredConfigRule, SnapshotDeliveryFrequency } from '../../index';
import { CONFIG_RULE_CATALOGUE } from '../../constructs/private/config-rule-catalogue';
import { ALL_RULES } from '../../pack/rules';

function build(props: ContinuousComplianceProps = {}, region?: string) {
  const stack = new Stack(new App(), 'S', region ? { env: { account: '111111111111', region } } : undefined);
  const compliance = new ContinuousCompliance(stack, 'Compliance', props);
  return { stack, compliance, template: Template.fromStack(stack) };
}

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[]; Condition?: string };
const configRules = (template: Template) => template.findResources('AWS::Config::ConfigRule') as Record<string, Resource>;
const ruleFor = (template: Template, identifier: string) =>
  Object.values(configRules(template)).find((r) => (r.Properties.Source as { SourceIdentifier: string }).SourceIdentifier === identifier);

describe('ContinuousCompliance defaults (region-agnostic stack)', () => {
  const { template, stack } = build();
  const json = template.toJSON();

  test('records every supported resource type, global ones included, with its own role', () => {
    template.resourceCountIs('AWS::Config::ConfigurationRecorder', 1);
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
      RoleARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ComplianceRecorderRole'), 'Arn'] },
    });
  });

  test('the recorder role trusts AWS Config of this account only and has AWS_ConfigRole plus a delivery policy', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'config.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        }],
      },
      ManagedPolicyArns: [
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWS_ConfigRole']] },
        { Ref: Match.stringLikeRegexp('^ComplianceDeliveryPolicy') },
      ],
    });
    const delivery = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))[0].Properties.PolicyDocument.Statement;
    expect(delivery).toEqual([
      expect.objectContaining({ Action: 's3:PutObject', Condition: { StringLike: { 's3:x-amz-acl': 'bucket-owner-full-control' } } }),
      expect.objectContaining({ Action: 's3:GetBucketAcl' }),
      expect.objectContaining({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'] }),
    ]);
    expect(JSON.stringify(delivery[0].Resource)).toContain('/AWSLogs/');
  });

  test('delivers to a KMS-encrypted, retained, classified SecureBucket with the key named on every object', () => {
    template.hasResourceProperties('AWS::Config::DeliveryChannel', {
      S3BucketName: { Ref: Match.stringLikeRegexp('^ComplianceDeliveryBucket') },
      S3KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ComplianceDeliveryBucketKey'), 'Arn'] },
      ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'TwentyFour_Hours' },
    });
    template.hasResource('AWS::S3::Bucket', {
      Properties: { Tags: Match.arrayWith([{ Key: 'DataClassification', Value: 'confidential' }]) },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('the delivery channel waits for the recorder and the bucket policy', () => {
    const channel = Object.values(template.findResources('AWS::Config::DeliveryChannel'))[0] as Resource;
    expect(channel.DependsOn).toEqual(expect.arrayContaining([
      expect.stringMatching(/^ComplianceRecorder/), expect.stringMatching(/^ComplianceDeliveryBucketBucketPolicy|^ComplianceDeliveryBucketPolicy/),
    ]));
  });

  test('the bucket policy admits AWS Config as the developer guide documents, narrowed by aws:SourceAccount', () => {
    const statements = Object.values(template.findResources('AWS::S3::BucketPolicy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[])
      .filter((s) => JSON.stringify(s.Principal ?? '').includes('config.amazonaws.com'));
    expect(statements.map((s) => s.Sid)).toEqual(['AWSConfigBucketPermissionsCheck', 'AWSConfigBucketExistenceCheck', 'AWSConfigBucketDelivery']);
    for (const s of statements) {
      expect(s.Condition).toMatchObject({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } });
    }
    expect(statements[2].Condition).toEqual({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' }, 's3:x-amz-acl': 'bucket-owner-full-control' } });
    expect(JSON.stringify(statements[2].Resource)).toMatch(/\/AWSLogs\/.*AWS::AccountId.*\/Config\/\*/);
  });

  test('the key lets AWS Config of this account encrypt deliveries', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Sid: 'AllowConfigToEncryptDeliveries',
          Principal: { Service: 'config.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        })]),
      },
    });
  });

  test('deploys every catalogued managed rule, each after the recorder and delivery channel', () => {
    const rules = configRules(template);
    expect(Object.keys(rules)).toHaveLength(CONFIG_RULE_CATALOGUE.length);
    expect(Object.values(rules).map((r) => (r.Properties.Source as { SourceIdentifier: string }).SourceIdentifier).sort())
      .toEqual(Object.values(MirroredConfigRule).sort());
    for (const rule of Object.values(rules)) {
      expect(rule.Properties.Source).toMatchObject({ Owner: 'AWS' });
      expect(rule.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^ComplianceRecorder/), expect.stringMatching(/^ComplianceDeliveryChannel/)]));
    }
  });

  test('each rule description names the pack rules it mirrors and their SOC 2 criteria, within Config\'s 256 characters', () => {
    for (const entry of CONFIG_RULE_CATALOGUE) {
      const description = ruleFor(template, entry.rule)!.Properties.Description as string;
      expect(description.length).toBeLessThanOrEqual(256);
      for (const id of entry.packRules) {
        expect(description).toContain(`Soc2Ml::${id}`);
      }
      expect(description).toContain(`SOC 2 ${entry.criteria.join(', ')}; supports CC4.1.`);
    }
    expect(ruleFor(template, 'S3_DEFAULT_ENCRYPTION_KMS')!.Properties.Description)
      .toBe('S3 buckets encrypt by default with AWS KMS. Runtime mirror of Soc2Ml::S3BucketKmsEncryption. SOC 2 CC6.1, C1.1; supports CC4.1.');
  });

  test('rules whose defaults differ from the pack get the pack\'s parameters', () => {
    expect(ruleFor(template, 'REQUIRED_TAGS')!.Properties).toMatchObject({
      InputParameters: { tag1Key: 'DataClassification', tag1Value: 'public,internal,confidential,restricted' },
      Scope: { ComplianceResourceTypes: ['AWS::S3::Bucket'] },
    });
    expect(ruleFor(template, 'CW_LOGGROUP_RETENTION_PERIOD_CHECK')!.Properties.InputParameters).toEqual({ MinRetentionTime: 365 });
    expect(ruleFor(template, 'VPC_FLOW_LOGS_ENABLED')!.Properties.InputParameters).toEqual({ trafficType: 'ALL' });
    expect(ruleFor(template, 'ACCESS_KEYS_ROTATED')!.Properties.InputParameters).toEqual({ maxAccessKeyAge: 90 });
    const policyArns = stack.resolve(ruleFor(template, 'IAM_POLICY_BLACKLISTED_CHECK')!.Properties.InputParameters);
    expect(JSON.stringify(policyArns)).toContain(':iam::aws:policy/AdministratorAccess,arn:');
    expect(JSON.stringify(policyArns)).toContain('{"Ref":"AWS::Partition"}');
  });

  test('rules available everywhere have no condition; regional ones are conditioned on AWS::Region', () => {
    expect(ruleFor(template, 'S3_BUCKET_SSL_REQUESTS_ONLY')!.Condition).toBeUndefined();
    expect(ruleFor(template, 'S3_DEFAULT_ENCRYPTION_KMS')!.Condition).toBeUndefined();
    const monitoring = ruleFor(template, 'SAGEMAKER_MODEL_BIAS_JOB_ISOLATION')!;
    const onlyIn = json.Conditions[monitoring.Condition!];
    expect(onlyIn['Fn::Or']).toHaveLength(2);
    expect(JSON.stringify(onlyIn)).toContain('"us-east-1"');
    expect(JSON.stringify(onlyIn)).not.toContain('"eu-north-1"');
    const notIn = json.Conditions[ruleFor(template, 'SNS_ENCRYPTED_KMS')!.Condition!];
    expect(notIn).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'ap-northeast-3'] }] });
    const notInTwo = json.Conditions[ruleFor(template, 'KMS_CMK_NOT_SCHEDULED_FOR_DELETION')!.Condition!];
    expect(notInTwo).toEqual({ 'Fn::Not': [{ 'Fn::Or': [
      { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'ap-northeast-3'] }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-south-1'] },
    ] }] });
  });

  test('every Fn::Or holds 2 to 10 conditions, as CloudFormation requires, however long the region list', () => {
    const check = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(check);
      } else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'Fn::Or') {
            expect((v as unknown[]).length).toBeGreaterThanOrEqual(2);
            expect((v as unknown[]).length).toBeLessThanOrEqual(10);
          }
          check(v);
        }
      }
    };
    check(json.Conditions);
    const longest = json.Conditions[ruleFor(template, 'SAGEMAKER_MODEL_EXPLAINABILITY_JOB_ENCRYPT_IN_TRANSIT')!.Condition!];
    expect(JSON.stringify(longest).match(/Fn::Equals/g)).toHaveLength(19);
  });

  test('rules with the same region list share one condition', () => {
    const a = ruleFor(template, 'SAGEMAKER_MODEL_IN_VPC')!.Condition;
    const b = ruleFor(template, 'SAGEMAKER_MODEL_ISOLATION_ENABLED')!.Condition;
    expect(a).toBeDefined();
    expect(a).toBe(b);
  });
});

describe('ContinuousCompliance in a stack pinned to a region', () => {
  test('leaves out, with no condition, the rules the region lacks', () => {
    const { template, compliance } = build({}, 'eu-south-2');
    expect(template.toJSON().Conditions).toBeUndefined();
    expect(ruleFor(template, 'SAGEMAKER_MODEL_IN_VPC')).toBeUndefined();
    expect(ruleFor(template, 'SAGEMAKER_MODEL_BIAS_JOB_ISOLATION')).toBeUndefined();
    expect(ruleFor(template, 'S3_DEFAULT_ENCRYPTION_KMS')).toBeDefined();
    Annotations.fromStack(compliance.node.scope as Stack).hasInfo('/S/Compliance', Match.stringLikeRegexp('SAGEMAKER_MODEL_IN_VPC does not exist in region eu-south-2'));
  });

  test('deploys every rule in a region that has them all', () => {
    const { template } = build({}, 'us-east-1');
    expect(Object.keys(configRules(template))).toHaveLength(CONFIG_RULE_CATALOGUE.length);
    expect(template.toJSON().Conditions).toBeUndefined();
  });
});

describe('ContinuousCompliance options', () => {
  test('adopting the recorder creates only the rules, which then depend on nothing', () => {
    const { template, compliance } = build({ recorder: ConfigRecorderSetup.EXISTING });
    for (const type of ['AWS::Config::ConfigurationRecorder', 'AWS::Config::DeliveryChannel', 'AWS::S3::Bucket', 'AWS::IAM::Role', 'AWS::KMS::Key']) {
      template.resourceCountIs(type, 0);
    }
    expect(compliance.recorder).toBeUndefined();
    expect(compliance.deliveryBucket).toBeUndefined();
    const rules = Object.values(configRules(template));
    expect(rules).toHaveLength(CONFIG_RULE_CATALOGUE.length);
    expect(rules.every((r) => r.DependsOn === undefined)).toBe(true);
  });

  test('global resources can be left to another region\'s recorder', () => {
    const { template } = build({ recorder: ConfigRecorderSetup.create({ recordGlobalResourceTypes: false, snapshotDeliveryFrequency: SnapshotDeliveryFrequency.SIX_HOURS }) });
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', { RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: false } });
    template.hasResourceProperties('AWS::Config::DeliveryChannel', { ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'Six_Hours' } });
  });

  test('excluded rules are left out', () => {
    const { template } = build({ excludedRules: [MirroredConfigRule.SAGEMAKER_DOMAIN_IN_VPC, MirroredConfigRule.ROOT_ACCOUNT_MFA_ENABLED] });
    expect(Object.keys(configRules(template))).toHaveLength(CONFIG_RULE_CATALOGUE.length - 2);
    expect(ruleFor(template, 'SAGEMAKER_DOMAIN_IN_VPC')).toBeUndefined();
  });

  test('a key from the same app gets the AWS Config statement; an imported one gets a warning', () => {
    const stack = new Stack(new App(), 'S');
    const key = kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    new ContinuousCompliance(stack, 'Compliance', { recorder: ConfigRecorderSetup.create({ encryptionKey: key }) });
    Annotations.fromStack(stack).hasWarning('/S/Compliance', Match.stringLikeRegexp('encryptionKey is imported'));
    Template.fromStack(stack).hasResourceProperties('AWS::Config::DeliveryChannel', { S3KmsKeyArn: key.keyArn });
  });
});

describe('ContinuousCompliance rejects bad input', () => {
  test('an excluded rule that is not one of ours', () => {
    expect(() => build({ excludedRules: ['S3_BUCKET_PUBLIC_READ_PROHIBITED' as MirroredConfigRule] }))
      .toThrow(/excludedRules\[0\] is "S3_BUCKET_PUBLIC_READ_PROHIBITED", which is not a rule ContinuousCompliance deploys: pass a MirroredConfigRule member/);
  });

  test('a snapshot frequency that is not one', () => {
    expect(() => build({ recorder: ConfigRecorderSetup.create({ snapshotDeliveryFrequency: 'Daily' as SnapshotDeliveryFrequency }) }))
      .toThrow(/snapshotDeliveryFrequency is "Daily": pass a SnapshotDeliveryFrequency member/);
  });
});

describe('the rule catalogue stays in step with the pack', () => {
  const byId = new Map(ALL_RULES.map((r) => [r.rule.id, r]));
  const order = (c: string) => {
    const [, family, major, minor] = /^([A-Z]+)(\d+)\.(\d+)$/.exec(c)!;
    return ['CC', 'A', 'C', 'PI', 'P'].indexOf(family) * 10000 + Number(major) * 100 + Number(minor);
  };

  test.each(CONFIG_RULE_CATALOGUE.map((e) => [e.rule, e]))('%s mirrors existing pack rules and carries exactly their criteria', (_id, entry) => {
    for (const id of entry.packRules) {
      expect({ id, known: byId.has(id) }).toEqual({ id, known: true });
    }
    const union = [...new Set(entry.packRules.flatMap((id) => byId.get(id)!.criteria))].sort((a, b) => order(a) - order(b));
    expect(entry.criteria).toEqual(union);
  });

  test('each rule appears once, and each region list names real region codes', () => {
    expect(new Set(CONFIG_RULE_CATALOGUE.map((e) => e.rule)).size).toBe(CONFIG_RULE_CATALOGUE.length);
    for (const e of CONFIG_RULE_CATALOGUE) {
      for (const r of [...(e.regions.onlyIn ?? []), ...(e.regions.notIn ?? [])]) {
        expect(r).toMatch(/^[a-z]{2}(-gov)?-[a-z]+-\d$/);
      }
    }
  });
});
