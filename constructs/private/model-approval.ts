import * as iam from 'aws-cdk-lib/aws-iam';

/** The approval statuses of a SageMaker model package. */
export const ApprovalStatus = {
  PENDING: 'PendingManualApproval',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
} as const;

/** The model package ARNs of some groups: `model-package-group/<g>` and their versions `model-package/<g>/*`. */
export interface RegistryArns {
  readonly groupArns: string[];
  readonly packageArns: string[];
}

/**
 * Registering a model version: allowed only as `PendingManualApproval` (the request must say so),
 * and any other status explicitly denied, so no other policy can let this principal register a
 * model that is already approved.
 */
export function registerStatements(arns: RegistryArns): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'RegisterPendingModelVersions',
      actions: ['sagemaker:CreateModelPackage'],
      resources: [...arns.groupArns, ...arns.packageArns],
      conditions: { StringEquals: { 'sagemaker:ModelApprovalStatus': ApprovalStatus.PENDING } },
    }),
    new iam.PolicyStatement({
      sid: 'DenyRegisteringOtherThanPending',
      effect: iam.Effect.DENY,
      actions: ['sagemaker:CreateModelPackage'],
      resources: ['*'],
      conditions: { StringNotEquals: { 'sagemaker:ModelApprovalStatus': ApprovalStatus.PENDING } },
    }),
  ];
}

/** Changing a model version's approval status to one of `statuses`, and nothing else about it. */
export function statusChangeStatement(sid: string, arns: RegistryArns, statuses: readonly string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    actions: ['sagemaker:UpdateModelPackage'],
    resources: arns.packageArns,
    conditions: { StringEquals: { 'sagemaker:ModelApprovalStatus': [...statuses] } },
  });
}

/**
 * Recording metadata on model versions (the signature of `cdk-soc2-ml sign-model --model-package`)
 * without changing their approval status: the request must not name one.
 */
export function annotateStatement(arns: RegistryArns): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'RecordModelVersionMetadata',
    actions: ['sagemaker:UpdateModelPackage'],
    resources: arns.packageArns,
    conditions: { Null: { 'sagemaker:ModelApprovalStatus': 'true' } },
  });
}

/** Reading model versions and groups (what a reviewer needs to decide). */
export function reviewStatement(arns: RegistryArns): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'ReviewModelVersions',
    actions: ['sagemaker:DescribeModelPackage', 'sagemaker:DescribeModelPackageGroup', 'sagemaker:BatchDescribeModelPackage', 'sagemaker:ListModelPackages'],
    resources: [...arns.groupArns, ...arns.packageArns],
  });
}
