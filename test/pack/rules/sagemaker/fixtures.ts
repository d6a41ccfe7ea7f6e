import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PackRun } from '../../helpers';

/** What a careful user creates around SageMaker resources: a private VPC, a security group, a key, a role. */
export interface Platform {
  readonly vpc: ec2.Vpc;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly key: kms.Key;
  readonly role: iam.Role;
}

export function platform(stack: Stack): Platform {
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  const sg = new ec2.SecurityGroup(stack, 'Sg', { vpc, allowAllOutbound: false });
  return {
    vpc,
    subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId),
    securityGroupIds: [sg.securityGroupId],
    key: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
    role: new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') }),
  };
}

/** The rules that failed on the resource at a construct path. */
export function failedRules(run: PackRun, constructPath: string): string[] {
  const r = run.verdicts.find((v) => v.constructPath === constructPath);
  if (!r) {
    throw new Error(`No resource at ${constructPath}`);
  }
  return r.failed.map((f) => f.rule).sort();
}
