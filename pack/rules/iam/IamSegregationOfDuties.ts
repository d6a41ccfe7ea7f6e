import { failed, passed, ResourceRule } from '../../rule';
import { describeViolation, DUTIES, dutyViolations } from '../../iam/duties';

/**
 * Segregation of duties holds on the access the app's policies grant (the access matrix, evaluated
 * as AWS would within one account): a data scientist cannot approve a model package or change a
 * production endpoint, an approver cannot write data, no principal can stop the trail or schedule key
 * deletion, no workload role can assume a persona. A person acts through the roles they can assume,
 * so a role of the app assumable by a data scientist that may approve models breaks the first. The
 * finding sits on the principal the duty is about.
 */
export const IamSegregationOfDuties: ResourceRule = {
  id: 'IamSegregationOfDuties',
  resourceTypes: ['AWS::IAM::Role', 'AWS::IAM::User'],
  examines: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::S3::BucketPolicy', 'AWS::KMS::Key', 'AWS::SageMaker::ModelPackageGroup', 'AWS::CloudTrail::Trail', 'AWS::GuardDuty::Detector'],
  passes: `The access matrix (identity policies, permissions boundary, explicit denies and resource policies, evaluated for one account) shows none of: ${DUTIES.map((d) => d.text).join('; ')}. A decision resting only on an AWS-managed policy is shown as conditional, not asserted.`,
  check: (resource) => {
    const stacks = resource.template.app?.stacks ?? [resource.template];
    const mine = dutyViolations(stacks).filter((v) => v.subject.resource === resource);
    if (mine.length === 0) {
      return passed();
    }
    return failed(mine.map(describeViolation).join(' '));
  },
};
