import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { MlAccessScope } from '../../constructs/ml-access-scope';

/** A minimal environment to scope ML roles to: two buckets, two keys, isolated subnets and a security group. */
export function mlScope(stack: Stack, environmentName = 'prod'): MlAccessScope & { vpc: ec2.Vpc } {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, subnetConfiguration: [{ name: 'Workload', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  return {
    vpc,
    environmentName,
    trainingDataBucket: new s3.Bucket(stack, 'TrainingData'),
    modelArtifactsBucket: new s3.Bucket(stack, 'ModelArtifacts'),
    featureStoreBucket: new s3.Bucket(stack, 'Features'),
    featureGroupArns: [stack.formatArn({ service: 'sagemaker', resource: 'feature-group', resourceName: `${environmentName}-customers` })],
    dataKey: new kms.Key(stack, 'DataKey'),
    modelsKey: new kms.Key(stack, 'ModelsKey'),
    subnets: vpc.isolatedSubnets,
    securityGroup: new ec2.SecurityGroup(stack, 'WorkloadSecurityGroup', { vpc }),
  };
}

/** The logical id of a construct's L1 resource. */
export function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId);
}
