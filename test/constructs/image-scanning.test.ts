import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ImageScanning, ImageScanningProps, RegistryScanningSetup, SecurityAlertTopic } from '../../index';

function build(props: Omit<ImageScanningProps, 'alertTopic'> = {}) {
  const stack = new Stack(new App(), 'S');
  const scanning = new ImageScanning(stack, 'ImageScanning', { alertTopic: new SecurityAlertTopic(stack, 'Alerts'), ...props });
  return { scanning, template: Template.fromStack(stack) };
}

describe('ImageScanning', () => {
  const { template } = build();

  test('scans every repository of the registry with enhanced scanning, continuously', () => {
    template.resourceCountIs('AWS::ECR::RegistryScanningConfiguration', 1);
    template.hasResourceProperties('AWS::ECR::RegistryScanningConfiguration', {
      ScanType: 'ENHANCED',
      Rules: [{ ScanFrequency: 'CONTINUOUS_SCAN', RepositoryFilters: [{ Filter: '*', FilterType: 'WILDCARD' }] }],
    });
  });

  test('sends active critical and high Inspector findings on ECR images to the alert topic, written for a person', () => {
    const rule = Object.values(template.findResources('AWS::Events::Rule'))[0].Properties;
    expect(rule.EventPattern).toEqual({
      'source': ['aws.inspector2'],
      'detail-type': ['Inspector2 Finding'],
      'detail': { severity: ['CRITICAL', 'HIGH'], status: ['ACTIVE'], resources: { type: ['AWS_ECR_CONTAINER_IMAGE'] } },
    });
    expect(rule.Targets[0].Arn).toEqual({ Ref: expect.stringMatching(/^AlertsTopic/) });
    expect(rule.Targets[0].InputTransformer.InputPathsMap).toMatchObject({ 'detail-title': '$.detail.title', 'detail-findingArn': '$.detail.findingArn' });
    expect(rule.Targets[0].InputTransformer.InputTemplate).toMatch(/^"Amazon Inspector <detail-severity> finding on a container image/);
  });

  test('adopting the registry configuration leaves it alone but still alerts', () => {
    const { template: adopted, scanning } = build({ registryScanning: RegistryScanningSetup.EXISTING });
    adopted.resourceCountIs('AWS::ECR::RegistryScanningConfiguration', 0);
    expect(scanning.registryScanningConfiguration).toBeUndefined();
    adopted.resourceCountIs('AWS::Events::Rule', 1);
  });

  test('rejects a missing alert topic from a JavaScript caller', () => {
    expect(() => new ImageScanning(new Stack(new App(), 'S'), 'I', {} as ImageScanningProps)).toThrow(/alertTopic is required/);
  });
});
