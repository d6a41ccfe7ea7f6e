import { PackRule } from '../rule';
import { APP_RULES } from './app';
import { CLOUDTRAIL_RULES } from './cloudtrail';
import { EC2_RULES } from './ec2';
import { ECR_RULES } from './ecr';
import { GUARDDUTY_RULES } from './guardduty';
import { IAM_RULES } from './iam';
import { KMS_RULES } from './kms';
import { LAMBDA_RULES } from './lambda';
import { LOGS_RULES } from './logs';
import { MESSAGING_RULES } from './messaging';
import { S3_RULES } from './s3';
import { SAGEMAKER_RULES } from './sagemaker';

/** Every rule of the pack, in the order RULES.md lists them. */
export const ALL_RULES: readonly PackRule[] = [
  ...S3_RULES,
  ...KMS_RULES,
  ...LOGS_RULES,
  ...MESSAGING_RULES,
  ...LAMBDA_RULES,
  ...SAGEMAKER_RULES,
  ...ECR_RULES,
  ...CLOUDTRAIL_RULES,
  ...GUARDDUTY_RULES,
  ...EC2_RULES,
  ...IAM_RULES,
  ...APP_RULES,
];

// Rule ids are public API (acknowledgements name them): they must be unique.
const seen = new Set<string>();
for (const r of ALL_RULES) {
  if (seen.has(r.rule.id)) {
    throw new Error(`Duplicate Soc2Ml rule id ${r.rule.id}`);
  }
  seen.add(r.rule.id);
}
