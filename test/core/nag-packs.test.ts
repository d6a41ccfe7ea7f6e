import {
  ALL_NAG_PACKS, awsManagedPolicyFinding, awsSolutionsRuleId, COMPLIANCE_PACKS, complianceAcknowledgements, NagPacks, nagRuleId, SOC2ML_PACK, soc2mlRuleId,
} from '../../core/nag-packs';

describe('pack ids', () => {
  test('our rules are acknowledged as Soc2Ml::<rule>', () => {
    expect(SOC2ML_PACK).toBe('Soc2Ml');
    expect(soc2mlRuleId('S3BucketTlsOnly')).toBe('Soc2Ml::S3BucketTlsOnly');
  });

  test('cdk-nag\'s rule ids repeat the pack\'s name', () => {
    expect(nagRuleId(NagPacks.NIST_800_53_R5, 'S3BucketLoggingEnabled')).toBe('NIST.800.53.R5::NIST.800.53.R5-S3BucketLoggingEnabled');
    expect(awsSolutionsRuleId('S1')).toBe('AwsSolutions::AwsSolutions-S1');
  });

  test('AwsSolutions IAM findings carry the granular part cdk-nag reports', () => {
    expect(awsSolutionsRuleId('IAM5', 'Resource::*')).toBe('AwsSolutions::AwsSolutions-IAM5[Resource::*]');
    expect(awsSolutionsRuleId('IAM4', awsManagedPolicyFinding('service-role/AWS_ConfigRole')))
      .toBe('AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]');
  });

  test('a compliance rule is acknowledged in NIST 800-53, HIPAA and PCI with one reason', () => {
    expect(complianceAcknowledgements('LambdaInsideVPC', 'why')).toEqual([
      { id: 'NIST.800.53.R5::NIST.800.53.R5-LambdaInsideVPC', reason: 'why' },
      { id: 'HIPAA.Security::HIPAA.Security-LambdaInsideVPC', reason: 'why' },
      { id: 'PCI.DSS.321::PCI.DSS.321-LambdaInsideVPC', reason: 'why' },
    ]);
  });

  test('the four packs the default app applies, as cdk-nag names its plugins', () => {
    expect(ALL_NAG_PACKS).toEqual(['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']);
    expect(COMPLIANCE_PACKS).not.toContain('AwsSolutions');
  });
});
