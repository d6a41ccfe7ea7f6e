import { failed, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';

/** CDK's custom resource that removes the default security group's rules (`restrictDefaultSecurityGroup`). */
export const RESTRICT_DEFAULT_SG = 'Custom::VpcRestrictDefaultSG';

/**
 * A VPC's default security group allows nothing. EC2 creates it with a rule letting its members
 * reach each other and one letting them reach anywhere, and anything launched without a security
 * group joins it. CloudFormation cannot remove those rules; CDK's `ec2.Vpc` does, with a custom
 * resource (`restrictDefaultSecurityGroup: true`, the default under the feature flag
 * `@aws-cdk/aws-ec2:restrictDefaultSecurityGroup` that `cdk init` sets). So the VPC passes when a
 * `Custom::VpcRestrictDefaultSG` of the app names its `DefaultSecurityGroup` (in its own template
 * under no condition the VPC does not share, or in another stack). A VPC closed another way (a
 * custom resource of the user's own, an account-wide remediation) cannot be shown at synth:
 * acknowledge the rule with how it is closed.
 */
export const VpcDefaultSecurityGroupClosed: ResourceRule = {
  id: 'VpcDefaultSecurityGroupClosed',
  resourceTypes: ['AWS::EC2::VPC'],
  examines: [RESTRICT_DEFAULT_SG],
  passes: 'A `Custom::VpcRestrictDefaultSG` of the app (the L2 `Vpc` with `restrictDefaultSecurityGroup: true`, the default under `@aws-cdk/aws-ec2:restrictDefaultSecurityGroup`) whose `DefaultSecurityGroupId` is the VPC\'s `DefaultSecurityGroup`.',
  check: (vpc) => {
    const closing = closersOf(vpc).filter((c) => c.template !== vpc.template || c.condition === undefined || c.condition === vpc.condition);
    if (closing.length > 0) {
      return passed();
    }
    return failed('Nothing of the app removes the rules of its default security group, which let every member reach every other and anywhere outside; an instance, endpoint or function launched without a security group joins it.', 'Properties');
  },
};

/** The custom resources that name a VPC's default security group, in its own template or in any stack of the app. */
function closersOf(vpc: TemplateResource): readonly TemplateResource[] {
  return vpc.template.app?.referencing(RESTRICT_DEFAULT_SG, 'DefaultSecurityGroupId', vpc) ?? vpc.template.referencing(RESTRICT_DEFAULT_SG, 'DefaultSecurityGroupId', vpc.logicalId);
}
