import { failed, passed, ResourceRule } from '../../rule';
import { asArray, branches, flatten } from '../../values';

/**
 * No role, user or group is given an AWS-managed policy that grants administrator or full service
 * access: `AdministratorAccess` (and its variants, and the `job-function/…Administrator`
 * policies), `PowerUserAccess`, or any `…FullAccess`. AWS-managed means the ARN's account part is
 * `aws` (`arn:<partition>:iam::aws:policy/…`), which is how CDK renders
 * `ManagedPolicy.fromAwsManagedPolicyName`. Customer-managed policies (a reference or an ARN of
 * this account) are judged by their statements in IamNoAdminStatements instead; an ARN synth cannot
 * read (a parameter, an import) is taken as customer-managed, which is how such ARNs arise.
 */
export const IamNoAwsManagedAdminPolicies: ResourceRule = {
  id: 'IamNoAwsManagedAdminPolicies',
  resourceTypes: ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
  passes: 'No `ManagedPolicyArns` entry `arn:<partition>:iam::aws:policy/<path>` whose name contains `Administrator`, `PowerUserAccess` or `FullAccess`; customer-managed policies and references pass.',
  check: (resource) => {
    const attached = branches(resource.properties.ManagedPolicyArns).flatMap((list) => asArray(list)).flatMap((arn) => branches(arn));
    for (const arn of attached) {
      const name = awsManagedPolicyName(flatten(arn));
      if (name !== undefined && /Administrator|PowerUserAccess|FullAccess/.test(name)) {
        return failed(`It attaches the AWS-managed policy ${name}, which grants ${/FullAccess/.test(name) ? 'full access to a service' : 'administrator access'}.`, 'Properties/ManagedPolicyArns');
      }
    }
    return passed();
  },
};

/** The path and name of an AWS-managed policy ARN (`job-function/ViewOnlyAccess`), or undefined. */
function awsManagedPolicyName(arn: string): string | undefined {
  const match = /:iam::aws:policy\/(.+)$/.exec(arn.trim());
  return match ? match[1] : undefined;
}
