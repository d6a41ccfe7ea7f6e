import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { nagResourceName } from './nag-acknowledgements';
import { awsSolutionsRuleId } from '../../core/nag-packs';
import { acknowledgeForPlatform } from '../../core/acknowledgements';
import { Soc2MlError } from '../../core/errors';

/**
 * Why a wildcard resource is in a platform role's policy, by the kind of wildcard. Every wildcard a
 * policy holds must be one of these kinds: anything else fails synth, so a new wildcard is a
 * decision, not an accident.
 */
export const WildcardReasons = {
  ALL_RESOURCES: 'These actions take no resource ARN: List and Search calls, ecr:GetAuthorizationToken, cloudwatch:PutMetricData (narrowed to SageMaker namespaces), CloudWatch and EC2 Describe calls and CloudWatch Logs query results. IAM accepts only "*" for them; every action that can name a resource names it.',
  ENVIRONMENT_RESOURCES: 'SageMaker resources (jobs, models, endpoints, model versions, pipelines, notebooks) are created at run time under names the platform cannot know in advance. The pattern admits only resources named with this environment\'s "<environment>-" prefix, in this account and region, so no other environment\'s resources.',
  PIPELINE_JOBS: 'SageMaker Pipelines names the jobs of each execution "pipelines-<execution>-<step>" at run time. Only the model build role, which runs this environment\'s pipelines, may act on them, in this account and region.',
  BUCKET_OBJECTS: 'Objects are written at run time under keys the platform cannot know in advance. The pattern names the objects of one bucket of this environment, which is KMS-encrypted with the environment\'s key, TLS-only, versioned and retained; no delete permission is given.',
  SAGEMAKER_LOGS: 'SageMaker creates the log groups and streams of jobs, endpoints and Studio apps at run time under /aws/sagemaker/ in this account and region; their names cannot be known in advance.',
  ALL_LOGS: 'The auditor reads every log group of the account and region: reviewing logs is the auditor\'s job. Only read actions are allowed, and an explicit deny refuses every action that is not a read.',
  NETWORK_INTERFACES: 'SageMaker creates and deletes the network interfaces of VPC workloads at run time, so their ids cannot be known in advance; creating one is allowed only in the environment\'s subnets with its workload security group.',
  AWS_IMAGES: 'SageMaker\'s Model Monitor, Clarify and built-in XGBoost images live in AWS-owned registries whose account id differs by region. Only these repositories are named, for pull actions only.',
  STUDIO_APPS: 'Studio creates the apps and spaces of a user profile at run time, under names chosen when a user opens them. The pattern names this environment\'s Studio domain only.',
  MODEL_VERSIONS: 'SageMaker numbers the versions of a model package group as they are registered (<group>/<version>), so they cannot be listed in advance. The pattern names the versions of this environment\'s model package groups only; the signature gate may read them and set them to Rejected, and nothing else.',
  FUNCTION_NETWORK_INTERFACES: 'Lambda creates and deletes the network interfaces of a function in a VPC with the function\'s role, under ids it chooses at run time. Creating one is allowed only in the environment\'s workload subnets with its workload security group.',
  MACIE_JOBS: 'Amazon Macie assigns a classification job its id when the job is created, so the job cannot be named in advance. The pattern covers only classification jobs of this account and region, for creating, describing and cancelling them; the function that manages the platform\'s jobs is the only holder.',
} as const;

// One ARN field as cdk-nag flattens it: a literal, or a reference such as <AWS::Region>.
const F = '(?:<[^>]*>|[^:<]*)';
/** An ARN pattern as cdk-nag flattens it, for a service and a resource (regular expression text). */
export const flattenedArn = (service: string, resource: string) => new RegExp(`^arn:${F}:${service}:${F}:${F}:${resource}$`);

const KINDS: readonly [RegExp, string][] = [
  [/^\*$/, WildcardReasons.ALL_RESOURCES],
  [flattenedArn('sagemaker', '\\*/pipelines-\\*'), WildcardReasons.PIPELINE_JOBS],
  [flattenedArn('sagemaker', '\\*/[a-z][a-z0-9-]*-\\*'), WildcardReasons.ENVIRONMENT_RESOURCES],
  [flattenedArn('sagemaker', '(app|space)/<[^>]+>/\\*'), WildcardReasons.STUDIO_APPS],
  [/^<[^>]+\.Arn>\/([a-z0-9-]+\/)?\*$/, WildcardReasons.BUCKET_OBJECTS],
  [flattenedArn('logs', 'log-group:/aws/sagemaker/\\*'), WildcardReasons.SAGEMAKER_LOGS],
  [flattenedArn('logs', 'log-group:\\*'), WildcardReasons.ALL_LOGS],
  [flattenedArn('ec2', 'network-interface/\\*'), WildcardReasons.NETWORK_INTERFACES],
  [new RegExp(`^arn:${F}:ecr:${F}:\\*:repository/sagemaker-(model-monitor-analyzer|clarify-processing|xgboost)$`), WildcardReasons.AWS_IMAGES],
];

/** A kind of wildcard resource: the pattern of its name as cdk-nag flattens it, and its reason. */
export type WildcardKind = readonly [RegExp, string];

/**
 * Acknowledge cdk-nag's AwsSolutions-IAM5 for each wildcard resource of a policy's Allow
 * statements, one granular finding at a time, with the reason of its kind. Call it once the
 * policy holds all its statements: a wildcard added later stays a finding.
 */
export function acknowledgeRoleWildcards(policy: iam.ManagedPolicy): void {
  acknowledgeWildcardsOfKinds(policy, KINDS);
}

/** As `acknowledgeRoleWildcards`, with the kinds (and reasons) of the policy's owner. */
export function acknowledgeWildcardsOfKinds(policy: iam.ManagedPolicy, kinds: readonly WildcardKind[]): void {
  const document = Stack.of(policy).resolve(policy.document) as { Statement?: { Effect: string; Resource?: unknown }[] };
  const resources = new Set<string>();
  for (const statement of document.Statement ?? []) {
    if (statement.Effect !== 'Allow') {
      continue;
    }
    for (const resource of [statement.Resource ?? []].flat()) {
      const name = nagResourceName(policy, resource as string);
      if (name.includes('*')) {
        resources.add(name);
      }
    }
  }
  acknowledgeForPlatform(policy, ...[...resources].map((name) => {
    const kind = kinds.find(([pattern]) => pattern.test(name));
    if (!kind) {
      throw new Soc2MlError(`${policy.node.path} allows a wildcard resource no reason covers: ${name}. Name the resource, or add its kind to WildcardReasons with the reason an auditor reads.`);
    }
    return { id: awsSolutionsRuleId('IAM5', `Resource::${name}`), reason: kind[1] };
  }));
}
