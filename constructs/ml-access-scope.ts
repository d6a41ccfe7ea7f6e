import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * What an environment's roles may touch. SageMaker resources belong to the environment when they
 * are named `<environmentName>-…` (for example a training job `prod-churn-2025-01-01`); everything
 * else is named by ARN.
 */
export interface MlAccessScope {
  /** The environment (lowercase letters, digits and hyphens); the name prefix of its SageMaker resources. */
  readonly environmentName: string;
  /** Curated training data. */
  readonly trainingDataBucket: s3.IBucket;
  /** Model artifacts (training output, evaluation reports, monitoring reports). */
  readonly modelArtifactsBucket: s3.IBucket;
  /** The offline feature store's bucket. @default - none */
  readonly featureStoreBucket?: s3.IBucket;
  /** The environment's feature groups. @default - none */
  readonly featureGroupArns?: string[];
  /** The key of training data and features. */
  readonly dataKey: kms.IKey;
  /** The key of model artifacts and images. */
  readonly modelsKey: kms.IKey;
  /** The subnets SageMaker workloads run in. */
  readonly subnets: ec2.ISubnet[];
  /** The security group SageMaker workloads use. */
  readonly securityGroup: ec2.ISecurityGroup;
}
