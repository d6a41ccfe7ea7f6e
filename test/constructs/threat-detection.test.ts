import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { GuardDutySetup, SecurityAlertTopic, SecurityHubSetup, SecurityHubStandard, ThreatDetection, ThreatDetectionProps } from '../../index';

function build(props: Omit<ThreatDetectionProps, 'alertTopic'> = {}) {
  const stack = new Stack(new App(), 'S');
  const alerts = new SecurityAlertTopic(stack, 'Alerts');
  const detection = new ThreatDetection(stack, 'ThreatDetection', { alertTopic: alerts, ...props });
  return { stack, detection, template: Template.fromStack(stack) };
}

describe('ThreatDetection defaults', () => {
  const { template, detection, stack } = build();

  test('creates one enabled GuardDuty detector with S3 data events and EBS malware protection as Features, never DataSources', () => {
    template.resourceCountIs('AWS::GuardDuty::Detector', 1);
    const detector = Object.values(template.findResources('AWS::GuardDuty::Detector'))[0].Properties;
    expect(detector.Enable).toBe(true);
    expect(detector.Features).toEqual([
      { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
      { Name: 'EBS_MALWARE_PROTECTION', Status: 'ENABLED' },
    ]);
    expect(detector.DataSources).toBeUndefined();
    expect(detector.FindingPublishingFrequency).toBe('FIFTEEN_MINUTES');
  });

  test('exposes the detector id', () => {
    expect(stack.resolve(detection.detectorId)).toEqual({ Ref: expect.stringMatching(/^ThreatDetectionDetector/) });
  });

  test('enables Security Hub with consolidated control findings and the Foundational Security Best Practices standard, explicitly', () => {
    template.hasResourceProperties('AWS::SecurityHub::Hub', { EnableDefaultStandards: false, ControlFindingGenerator: 'SECURITY_CONTROL', AutoEnableControls: true });
    template.resourceCountIs('AWS::SecurityHub::Standard', 1);
    template.hasResource('AWS::SecurityHub::Standard', {
      Properties: {
        StandardsArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':securityhub:', { Ref: 'AWS::Region' }, '::standards/aws-foundational-security-best-practices/v/1.0.0']] },
      },
      DependsOn: [Match.stringLikeRegexp('^ThreatDetectionSecurityHub')],
    });
  });

  test('sends GuardDuty findings of medium severity and above to the alert topic, written for a person', () => {
    const rule = Object.values(template.findResources('AWS::Events::Rule'))[0].Properties;
    expect(rule.EventPattern).toEqual({
      'source': ['aws.guardduty'],
      'detail-type': ['GuardDuty Finding'],
      'detail': { severity: [{ numeric: ['>=', 4] }] },
    });
    expect(rule.Targets).toHaveLength(1);
    expect(rule.Targets[0].Arn).toEqual({ Ref: expect.stringMatching(/^AlertsTopic/) });
    const transformer = rule.Targets[0].InputTransformer;
    expect(transformer.InputPathsMap).toMatchObject({ 'detail-severity': '$.detail.severity', 'detail-title': '$.detail.title', 'detail-id': '$.detail.id' });
    expect(transformer.InputTemplate).toMatch(/^"GuardDuty finding, severity <detail-severity>/);
  });

  test('adds no statement to the alert topic beyond its own narrowed ones', () => {
    const statements = Object.values(template.findResources('AWS::SNS::TopicPolicy'))[0].Properties.PolicyDocument.Statement;
    expect(statements).toHaveLength(4);
  });
});

describe('ThreatDetection options', () => {
  test('runtime monitoring adds the RUNTIME_MONITORING feature with GuardDuty-managed agents', () => {
    const { template } = build({ guardDuty: GuardDutySetup.create({ runtimeMonitoring: true }) });
    const features = Object.values(template.findResources('AWS::GuardDuty::Detector'))[0].Properties.Features;
    expect(features).toContainEqual({
      Name: 'RUNTIME_MONITORING',
      Status: 'ENABLED',
      AdditionalConfiguration: [
        { Name: 'EKS_ADDON_MANAGEMENT', Status: 'ENABLED' },
        { Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'ENABLED' },
        { Name: 'EC2_AGENT_MANAGEMENT', Status: 'ENABLED' },
      ],
    });
  });

  test('additional Security Hub standards are enabled once each, besides FSBP', () => {
    const { template } = build({
      securityHub: SecurityHubSetup.create({
        additionalStandards: [SecurityHubStandard.NIST_800_53_REV_5, SecurityHubStandard.AWS_FOUNDATIONAL_SECURITY_BEST_PRACTICES, SecurityHubStandard.of('cis-aws-foundations-benchmark/v/3.0.0')],
      }),
    });
    const arns = Object.values(template.findResources('AWS::SecurityHub::Standard')).map((r) => r.Properties.StandardsArn['Fn::Join'][1][4]);
    expect(arns).toEqual([
      '::standards/aws-foundational-security-best-practices/v/1.0.0',
      '::standards/nist-800-53/v/5.0.0',
      '::standards/cis-aws-foundations-benchmark/v/3.0.0',
    ]);
  });
});

describe('ThreatDetection adopts existing singletons', () => {
  test('an adopted detector is not created, its id is exposed, and findings still reach the alert topic', () => {
    const { template, detection } = build({ guardDuty: GuardDutySetup.adopt('12abc34d567e8fa901bc2d34e56789f0') });
    template.resourceCountIs('AWS::GuardDuty::Detector', 0);
    expect(detection.detector).toBeUndefined();
    expect(detection.detectorId).toBe('12abc34d567e8fa901bc2d34e56789f0');
    template.resourceCountIs('AWS::Events::Rule', 1);
  });

  test('an adopted Security Hub creates neither a hub nor standards', () => {
    const { template, detection } = build({ securityHub: SecurityHubSetup.EXISTING });
    template.resourceCountIs('AWS::SecurityHub::Hub', 0);
    template.resourceCountIs('AWS::SecurityHub::Standard', 0);
    expect(detection.hub).toBeUndefined();
    template.resourceCountIs('AWS::GuardDuty::Detector', 1);
  });
});

describe('ThreatDetection rejects bad input', () => {
  test('a detector id that is not one', () => {
    expect(() => GuardDutySetup.adopt('')).toThrow(/GuardDutySetup.adopt\(detectorId\) got "": pass the id of the existing detector/);
    expect(() => GuardDutySetup.adopt('arn:aws:guardduty:eu-west-1:111111111111:detector/abc')).toThrow(/got "arn:aws:guardduty/);
  });

  test('a Security Hub standard path that is not one', () => {
    expect(() => SecurityHubStandard.of('arn:aws:securityhub:eu-west-1::standards/pci-dss/v/3.2.1')).toThrow(/SecurityHubStandard.of\(standardPath\) got "arn:aws:securityhub[^"]*": pass the part of the standard's ARN after "standards\/"/);
  });

  test('a missing alert topic, from a JavaScript caller', () => {
    const stack = new Stack(new App(), 'S');
    expect(() => new ThreatDetection(stack, 'T', {} as ThreatDetectionProps)).toThrow(/alertTopic is required/);
  });
});
