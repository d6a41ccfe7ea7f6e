import { PackRule } from '../rule';
import { APP_RULES } from './app';
import { CLOUDTRAIL_RULES } from './cloudtrail';
import { CLOUDWATCH_RULES } from './cloudwatch';
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
import { RDS_RULES } from './rds';
import { NEPTUNE_RULES } from './neptune';
import { DOCDB_RULES } from './docdb';
import { ELASTICACHE_RULES } from './elasticache';
import { REDSHIFT_RULES } from './redshift';
import { DYNAMODB_RULES } from './dynamodb';
import { EFS_RULES } from './efs';
import { OPENSEARCH_RULES } from './opensearch';
import { KINESIS_RULES } from './kinesis';
import { BACKUP_RULES } from './backup';
import { SECRETSMANAGER_RULES } from './secretsmanager';
import { GLUE_RULES } from './glue';
import { ATHENA_RULES } from './athena';
import { BEDROCK_RULES } from './bedrock';
import { APIGATEWAY_RULES } from './apigateway';
import { ELBV2_RULES } from './elbv2';
import { CLOUDFRONT_RULES } from './cloudfront';
import { COGNITO_RULES } from './cognito';
import { EVENTS_RULES } from './events';
import { EKS_RULES } from './eks';
import { ECS_RULES } from './ecs';
import { STEPFUNCTIONS_RULES } from './stepfunctions';
import { CODEBUILD_RULES } from './codebuild';
import { CODEPIPELINE_RULES } from './codepipeline';
import { WAF_RULES } from './waf';
import { APPSYNC_RULES } from './appsync';
import { MSK_RULES } from './msk';
import { EMR_RULES } from './emr';
import { MWAA_RULES } from './mwaa';
import { TRANSFER_RULES } from './transfer';
import { DMS_RULES } from './dms';
import { DAX_RULES } from './dax';
import { SSM_RULES } from './ssm';

/** Every rule of the pack, in the order RULES.md lists them. */
export const ALL_RULES: readonly PackRule[] = [
  ...S3_RULES,
  ...KMS_RULES,
  ...LOGS_RULES,
  ...CLOUDWATCH_RULES,
  ...MESSAGING_RULES,
  ...LAMBDA_RULES,
  ...SAGEMAKER_RULES,
  ...ECR_RULES,
  ...CLOUDTRAIL_RULES,
  ...GUARDDUTY_RULES,
  ...EC2_RULES,
  ...IAM_RULES,
  ...RDS_RULES,
  ...NEPTUNE_RULES,
  ...DOCDB_RULES,
  ...ELASTICACHE_RULES,
  ...REDSHIFT_RULES,
  ...DYNAMODB_RULES,
  ...EFS_RULES,
  ...OPENSEARCH_RULES,
  ...KINESIS_RULES,
  ...BACKUP_RULES,
  ...SECRETSMANAGER_RULES,
  ...GLUE_RULES,
  ...ATHENA_RULES,
  ...BEDROCK_RULES,
  ...APIGATEWAY_RULES,
  ...WAF_RULES,
  ...APPSYNC_RULES,
  ...ELBV2_RULES,
  ...CLOUDFRONT_RULES,
  ...COGNITO_RULES,
  ...EVENTS_RULES,
  ...EKS_RULES,
  ...ECS_RULES,
  ...STEPFUNCTIONS_RULES,
  ...CODEBUILD_RULES,
  ...CODEPIPELINE_RULES,
  ...MSK_RULES,
  ...EMR_RULES,
  ...MWAA_RULES,
  ...TRANSFER_RULES,
  ...DMS_RULES,
  ...DAX_RULES,
  ...SSM_RULES,
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
