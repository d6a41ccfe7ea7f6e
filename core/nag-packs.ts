/*
 * The rule packs acknowledgements name: ours and cdk-nag's. An acknowledgement id is
 * `<pack>::<rule>`; cdk-nag's rule ids repeat the pack's name (`NIST.800.53.R5-S3BucketLoggingEnabled`),
 * except AwsSolutions' own (`AwsSolutions-S1`).
 */

/** Our pack's name as a policy-validation plugin: acknowledgements read `Soc2Ml::<rule id>`. */
export const SOC2ML_PACK = 'Soc2Ml';

/** cdk-nag's packs, by their names as validation plugins. */
export const NagPacks = {
  AWS_SOLUTIONS: 'AwsSolutions',
  NIST_800_53_R5: 'NIST.800.53.R5',
  HIPAA_SECURITY: 'HIPAA.Security',
  PCI_DSS_321: 'PCI.DSS.321',
} as const;

/** A cdk-nag pack's name. */
export type NagPack = typeof NagPacks[keyof typeof NagPacks];

/** cdk-nag's packs other than AwsSolutions: the compliance packs, whose rules share names. */
export const COMPLIANCE_PACKS: readonly NagPack[] = [NagPacks.NIST_800_53_R5, NagPacks.HIPAA_SECURITY, NagPacks.PCI_DSS_321];

/** Every cdk-nag pack the default app applies. */
export const ALL_NAG_PACKS: readonly NagPack[] = [NagPacks.AWS_SOLUTIONS, ...COMPLIANCE_PACKS];

/** An acknowledgement as `Validations.of(x).acknowledge` takes it. */
export interface AcknowledgementSpec {
  readonly id: string;
  readonly reason: string;
}

/** The acknowledgement id of a rule of our pack. */
export function soc2mlRuleId(rule: string): string {
  return `${SOC2ML_PACK}::${rule}`;
}

/** The acknowledgement id of a rule of a cdk-nag pack (`rule` without the pack prefix, e.g. `S1`, `S3BucketLoggingEnabled`). */
export function nagRuleId(pack: NagPack, rule: string): string {
  return `${pack}::${pack}-${rule}`;
}

/** The same compliance rule (`LambdaInsideVPC`) acknowledged in NIST 800-53, HIPAA and PCI, with one reason. */
export function complianceAcknowledgements(rule: string, reason: string): AcknowledgementSpec[] {
  return COMPLIANCE_PACKS.map((pack) => ({ id: nagRuleId(pack, rule), reason }));
}

/**
 * The acknowledgement id of an AwsSolutions rule, with the granular finding cdk-nag reports for
 * IAM4 and IAM5 (`Resource::*`, `Action::s3:*`, `Policy::…`) where given.
 */
export function awsSolutionsRuleId(rule: string, finding?: string): string {
  return `${nagRuleId(NagPacks.AWS_SOLUTIONS, rule)}${finding === undefined ? '' : `[${finding}]`}`;
}

/** AwsSolutions-IAM4's finding for an AWS-managed policy (`service-role/AWS_ConfigRole`), its ARN as cdk-nag flattens it. */
export function awsManagedPolicyFinding(policyName: string): string {
  return `Policy::arn:<AWS::Partition>:iam::aws:policy/${policyName}`;
}
