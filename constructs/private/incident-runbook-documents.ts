import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DRY_RUN_PARAMETER, RunbookContent, RunbookStep } from './runbook-model';
import { FORENSIC_APPLY_SCRIPT, FORENSIC_PLAN_SCRIPT, NOW_SCRIPT, QUARANTINE_APPLY_SCRIPT, QUARANTINE_PLAN_SCRIPT } from './runbook-scripts';

/*
 * The five incident runbooks: each a document (schema 0.3) and the statements of its own role,
 * written side by side so the role allows exactly what the steps call (checked by the tests, from
 * the template). Every runbook plans first with reads only, then branches on DryRun.
 */

/** What the runbooks of one environment act on. */
export interface RunbookTargets {
  readonly environmentName: string;
  readonly endpointKeys: readonly kms.IKey[];
  readonly invokePolicyArns: readonly string[];
  readonly personaRoles: readonly iam.IRole[];
  readonly dataBuckets: readonly s3.IBucket[];
  readonly forensicSourceBuckets: readonly s3.IBucket[];
  readonly forensicSourceKeys: readonly kms.IKey[];
  readonly evidenceBucket: s3.IBucket;
  readonly evidenceKey: kms.IKey;
}

/** A runbook's content (given its role's ARN) and its role's statements. */
export interface RunbookDefinition {
  readonly description: string;
  readonly content: (roleArn: string) => RunbookContent;
  readonly statements: iam.PolicyStatement[];
}

/** The role ARNs the quarantine deny exempts: the forensic and quarantine roles. */
export interface QuarantineExemptions {
  readonly forensicRoleArn: string;
  readonly quarantineRoleArn: string;
}

const PYTHON = 'python3.11';
const SCRIPT_TIMEOUT_SECONDS = 600;

const dryRunParameter = {
  type: 'Boolean',
  description: 'true (the default): plan and report what would change, changing nothing. false: make the change.',
  default: true,
};

/** The branch every runbook takes after planning: on to `applyStep` only when DryRun is false. */
function dryRunBranch(applyStep: string): RunbookStep[] {
  return [
    {
      name: 'ChangeOnlyWithoutDryRun',
      action: 'aws:branch',
      inputs: { Choices: [{ NextStep: applyStep, Variable: `{{${DRY_RUN_PARAMETER}}}`, BooleanEquals: false }], Default: 'DryRunEnds' },
    },
    { name: 'DryRunEnds', action: 'aws:sleep', inputs: { Duration: 'PT0S' }, isEnd: true, description: 'The dry run ends here: the plan is in the outputs of the steps above.' },
  ];
}

function document(description: string, roleArn: string, parameters: RunbookContent['parameters'], mainSteps: RunbookStep[], outputs: string[]): RunbookContent {
  // Script steps need no declared outputs: SSM shows each one's returned payload.
  return { schemaVersion: '0.3', description, assumeRole: roleArn, parameters: { ...parameters, [DRY_RUN_PARAMETER]: dryRunParameter }, mainSteps, ...(outputs.length > 0 ? { outputs } : {}) };
}

function sagemakerArn(scope: Construct, resource: string, env: string): string {
  return Stack.of(scope).formatArn({ service: 'sagemaker', resource, resourceName: `${env}-*` });
}

const endpointNameParameter = (env: string) => ({
  type: 'String',
  description: `The endpoint, one of the ${env} environment's (its name starts with ${env}-).`,
  allowedPattern: `^${env}-[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$`,
});

/** 1. Roll an endpoint back to the configuration it ran before its current one. */
export function endpointRollback(scope: Construct, t: RunbookTargets): RunbookDefinition {
  const env = t.environmentName;
  const description = `Roll a ${env} SageMaker endpoint back to the endpoint configuration created before its current one (blue/green, as the endpoint's deployment policy says). Dry run by default: it names the configuration it would return to.`;
  const content = (roleArn: string) => document(description, roleArn, { EndpointName: endpointNameParameter(env) }, [
    {
      name: 'DescribeEndpoint', action: 'aws:executeAwsApi',
      inputs: { Service: 'sagemaker', Api: 'DescribeEndpoint', EndpointName: '{{EndpointName}}' },
      outputs: [{ Name: 'CurrentConfig', Selector: '$.EndpointConfigName', Type: 'String' }, { Name: 'Status', Selector: '$.EndpointStatus', Type: 'String' }],
    },
    {
      name: 'DescribeCurrentConfig', action: 'aws:executeAwsApi',
      inputs: { Service: 'sagemaker', Api: 'DescribeEndpointConfig', EndpointConfigName: '{{DescribeEndpoint.CurrentConfig}}' },
      outputs: [{ Name: 'CreatedAt', Selector: '$.CreationTime', Type: 'String' }],
    },
    {
      name: 'FindPreviousConfig', action: 'aws:executeAwsApi',
      description: 'The endpoint\'s configurations are named <endpoint>-<digest>: the newest created before the current one is the previous.',
      inputs: { Service: 'sagemaker', Api: 'ListEndpointConfigs', NameContains: '{{EndpointName}}', CreationTimeBefore: '{{DescribeCurrentConfig.CreatedAt}}', SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 1 },
      outputs: [{ Name: 'PreviousConfig', Selector: '$.EndpointConfigs[0].EndpointConfigName', Type: 'String' }],
    },
    {
      name: 'DescribePreviousConfig', action: 'aws:executeAwsApi',
      description: 'Fails when there is no previous configuration; otherwise shows what a real run deploys.',
      inputs: { Service: 'sagemaker', Api: 'DescribeEndpointConfig', EndpointConfigName: '{{FindPreviousConfig.PreviousConfig}}' },
      outputs: [{ Name: 'Variants', Selector: '$.ProductionVariants', Type: 'MapList' }],
    },
    ...dryRunBranch('UpdateEndpoint'),
    {
      name: 'UpdateEndpoint', action: 'aws:executeAwsApi',
      inputs: { Service: 'sagemaker', Api: 'UpdateEndpoint', EndpointName: '{{EndpointName}}', EndpointConfigName: '{{FindPreviousConfig.PreviousConfig}}' },
    },
    {
      name: 'WaitForInService', action: 'aws:waitForAwsResourceProperty', timeoutSeconds: 3600, isEnd: true,
      inputs: { Service: 'sagemaker', Api: 'DescribeEndpoint', EndpointName: '{{EndpointName}}', PropertySelector: '$.EndpointStatus', DesiredValues: ['InService'] },
    },
  ], ['DescribeEndpoint.CurrentConfig', 'FindPreviousConfig.PreviousConfig', 'DescribePreviousConfig.Variants']);
  const statements = [
    new iam.PolicyStatement({ sid: 'ReadAndUpdateEnvironmentEndpoints', actions: ['sagemaker:DescribeEndpoint', 'sagemaker:UpdateEndpoint'], resources: [sagemakerArn(scope, 'endpoint', env)] }),
    new iam.PolicyStatement({ sid: 'ReadAndUseEnvironmentEndpointConfigs', actions: ['sagemaker:DescribeEndpointConfig', 'sagemaker:UpdateEndpoint'], resources: [sagemakerArn(scope, 'endpoint-config', env)] }),
    new iam.PolicyStatement({ sid: 'ListEndpointConfigs', actions: ['sagemaker:ListEndpointConfigs'], resources: ['*'] }),
    // UpdateEndpoint makes SageMaker create grants on the configuration's keys as the caller.
    new iam.PolicyStatement({
      sid: 'LetSageMakerUseEndpointKeys', actions: ['kms:CreateGrant', 'kms:DescribeKey'], resources: t.endpointKeys.map((k) => k.keyArn),
      conditions: { StringEquals: { 'kms:ViaService': `sagemaker.${Aws.REGION}.amazonaws.com` } },
    }),
  ];
  return { description, content, statements };
}

/** 2. Take an endpoint out of service for callers: detach its invoke policy from every role. */
export function endpointOutOfService(t: RunbookTargets): RunbookDefinition {
  const env = t.environmentName;
  const description = `Take a ${env} SageMaker endpoint out of service for its callers by detaching its invoke policy from every role it is attached to. Dry run by default: it lists the roles.`;
  const content = (roleArn: string) => document(description, roleArn, {
    InvokePolicyArn: {
      type: 'String',
      description: `The endpoint's invoke policy: the one the platform created with the endpoint, or one whose name starts with ${env}-invoke-.`,
      allowedPattern: '^arn:aws[a-z-]*:iam::\\d{12}:policy/[\\w+=,.@/-]+$',
    },
  }, [
    {
      name: 'ListAttachedRoles', action: 'aws:executeAwsApi',
      inputs: { Service: 'iam', Api: 'ListEntitiesForPolicy', PolicyArn: '{{InvokePolicyArn}}', EntityFilter: 'Role' },
      outputs: [{ Name: 'RoleNames', Selector: '$.PolicyRoles..RoleName', Type: 'StringList' }],
    },
    ...dryRunBranch('DetachFromEveryRole'),
    {
      name: 'DetachFromEveryRole', action: 'aws:loop', isEnd: true,
      inputs: {
        Iterators: '{{ListAttachedRoles.RoleNames}}',
        IteratorDataType: 'String',
        Steps: [{
          name: 'DetachRolePolicy', action: 'aws:executeAwsApi',
          inputs: { Service: 'iam', Api: 'DetachRolePolicy', RoleName: '{{DetachFromEveryRole.CurrentIteratorValue}}', PolicyArn: '{{InvokePolicyArn}}' },
        }],
      },
    },
  ], ['ListAttachedRoles.RoleNames']);
  const policies = [...t.invokePolicyArns, invokePolicyPattern(env)];
  const statements = [
    new iam.PolicyStatement({ sid: 'ListWhoHoldsInvokePolicies', actions: ['iam:ListEntitiesForPolicy'], resources: policies }),
    new iam.PolicyStatement({
      sid: 'DetachInvokePoliciesOnly', actions: ['iam:DetachRolePolicy'],
      resources: [`arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/*`],
      conditions: { ArnLike: { 'iam:PolicyARN': policies } },
    }),
  ];
  return { description, content, statements };
}

/** The invoke policies of endpoints the platform did not create: named `<env>-invoke-…`. */
export function invokePolicyPattern(env: string): string {
  return `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:policy/${env}-invoke-*`;
}

/** 3. Revoke a persona's sessions issued before now: a deny on `aws:TokenIssueTime`. */
export function revokePersonaSessions(t: RunbookTargets): RunbookDefinition {
  const env = t.environmentName;
  const description = `Revoke every active session of a ${env} persona role: an inline deny of everything for sessions issued before now (aws:TokenIssueTime), as IAM's "Revoke active sessions" does. New sign-ins work. Dry run by default.`;
  const content = (roleArn: string) => document(description, roleArn, {
    RoleName: { type: 'String', description: `A persona role (or Studio execution role) of the ${env} environment.`, allowedValues: t.personaRoles.map((r) => r.roleName) },
  }, [
    { name: 'GetRole', action: 'aws:executeAwsApi', inputs: { Service: 'iam', Api: 'GetRole', RoleName: '{{RoleName}}' }, outputs: [{ Name: 'RoleArn', Selector: '$.Role.Arn', Type: 'String' }] },
    { name: 'Now', action: 'aws:executeScript', inputs: { Runtime: PYTHON, Handler: 'handler', Script: NOW_SCRIPT }, outputs: [{ Name: 'Time', Selector: '$.Payload.time', Type: 'String' }] },
    ...dryRunBranch('DenyOlderSessions'),
    {
      name: 'DenyOlderSessions', action: 'aws:executeAwsApi', isEnd: true,
      inputs: {
        Service: 'iam', Api: 'PutRolePolicy', RoleName: '{{RoleName}}', PolicyName: REVOKE_POLICY_NAME,
        PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Sid":"RevokeOlderSessions","Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"{{Now.Time}}"}}}]}`,
      },
    },
  ], ['GetRole.RoleArn', 'Now.Time']);
  const statements = [
    new iam.PolicyStatement({ sid: 'RevokePersonaSessions', actions: ['iam:GetRole', 'iam:PutRolePolicy'], resources: t.personaRoles.map((r) => r.roleArn) }),
  ];
  return { description, content, statements };
}

/** The inline policy the revoke runbook writes (and a person deletes once the incident is over). */
export const REVOKE_POLICY_NAME = 'soc2ml-revoke-older-sessions';

/** 4. Quarantine a data prefix: legal holds where the bucket has Object Lock, then a deny on the prefix. */
export function quarantineDataPrefix(t: RunbookTargets, exempt: QuarantineExemptions): RunbookDefinition {
  const env = t.environmentName;
  const description = `Quarantine a prefix of a ${env} data bucket: where the bucket has Object Lock, a legal hold on every object version under it; then a bucket-policy statement denying every S3 action on it to everyone but the forensic and quarantine runbooks. Dry run by default: it counts the versions and shows the statement.`;
  const payload = {
    Bucket: '{{BucketName}}', Prefix: '{{Prefix}}', Partition: Aws.PARTITION,
    Exempt: `${exempt.forensicRoleArn},${exempt.quarantineRoleArn}`,
  };
  const content = (roleArn: string) => document(description, roleArn, {
    BucketName: { type: 'String', description: `A data bucket of the ${env} environment.`, allowedValues: t.dataBuckets.map((b) => b.bucketName) },
    Prefix: { type: 'String', description: 'The key prefix to quarantine, for example raw/2024-05-01/ (literal, not empty).', allowedPattern: '^[^*?]{1,1024}$' },
  }, [
    {
      name: 'Plan', action: 'aws:executeScript', timeoutSeconds: SCRIPT_TIMEOUT_SECONDS,
      inputs: { Runtime: PYTHON, Handler: 'plan', Script: QUARANTINE_PLAN_SCRIPT, InputPayload: payload },
    },
    ...dryRunBranch('Quarantine'),
    {
      name: 'Quarantine', action: 'aws:executeScript', timeoutSeconds: SCRIPT_TIMEOUT_SECONDS, isEnd: true,
      inputs: { Runtime: PYTHON, Handler: 'apply', Script: QUARANTINE_APPLY_SCRIPT, InputPayload: payload },
    },
  ], []);
  const buckets = t.dataBuckets;
  const statements = [
    new iam.PolicyStatement({
      sid: 'ReadAndQuarantineDataBuckets',
      actions: ['s3:GetBucketObjectLockConfiguration', 's3:GetBucketPolicy', 's3:ListBucketVersions', 's3:PutBucketPolicy'],
      resources: buckets.map((b) => b.bucketArn),
    }),
    new iam.PolicyStatement({ sid: 'HoldQuarantinedObjects', actions: ['s3:PutObjectLegalHold'], resources: buckets.map((b) => b.arnForObjects('*')) }),
  ];
  return { description, content, statements };
}

/** 5. Preserve forensic evidence: captured data, model artifacts and the trail window, into the evidence store. */
export function preserveForensicEvidence(scope: Construct, t: RunbookTargets): RunbookDefinition {
  const env = t.environmentName;
  const description = `Preserve the forensic evidence of a ${env} endpoint incident: copy the endpoint's captured requests and responses of a time window, its model artifacts and the window's CloudTrail management events, with a manifest, into the evidence store under incidents/${env}/<IncidentId>/. Dry run by default: it counts what it would copy.`;
  const payload = {
    Environment: env, EndpointName: '{{EndpointName}}', Start: '{{WindowStart}}', End: '{{WindowEnd}}', IncidentId: '{{IncidentId}}',
    Archive: t.evidenceBucket.bucketName, ArchiveKey: t.evidenceKey.keyArn, ExecutionId: '{{automation:EXECUTION_ID}}',
  };
  const isoTime = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?Z$';
  const content = (roleArn: string) => document(description, roleArn, {
    EndpointName: endpointNameParameter(env),
    WindowStart: { type: 'String', description: 'Start of the window, UTC, for example 2024-05-01T09:00:00Z.', allowedPattern: isoTime },
    WindowEnd: { type: 'String', description: 'End of the window, UTC, for example 2024-05-01T12:00:00Z.', allowedPattern: isoTime },
    IncidentId: { type: 'String', description: 'The incident\'s id (the alert\'s, or your ticket\'s): the folder of the evidence.', allowedPattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
  }, [
    {
      name: 'Plan', action: 'aws:executeScript', timeoutSeconds: SCRIPT_TIMEOUT_SECONDS,
      inputs: { Runtime: PYTHON, Handler: 'plan', Script: FORENSIC_PLAN_SCRIPT, InputPayload: payload },
    },
    ...dryRunBranch('Preserve'),
    {
      name: 'Preserve', action: 'aws:executeScript', timeoutSeconds: SCRIPT_TIMEOUT_SECONDS, isEnd: true,
      inputs: { Runtime: PYTHON, Handler: 'preserve', Script: FORENSIC_APPLY_SCRIPT, InputPayload: payload },
    },
  ], []);
  const statements = [
    new iam.PolicyStatement({
      sid: 'ReadWhatEndpointsServe',
      actions: ['sagemaker:DescribeEndpoint', 'sagemaker:DescribeEndpointConfig', 'sagemaker:DescribeModel', 'sagemaker:DescribeModelPackage'],
      resources: ['endpoint', 'endpoint-config', 'model', 'model-package'].map((r) => sagemakerArn(scope, r, env)),
    }),
    new iam.PolicyStatement({ sid: 'ListSources', actions: ['s3:ListBucket'], resources: t.forensicSourceBuckets.map((b) => b.bucketArn) }),
    new iam.PolicyStatement({ sid: 'ReadSources', actions: ['s3:GetObject'], resources: t.forensicSourceBuckets.map((b) => b.arnForObjects('*')) }),
    new iam.PolicyStatement({ sid: 'WriteEvidence', actions: ['s3:PutObject'], resources: [t.evidenceBucket.arnForObjects(`incidents/${env}/*`)] }),
    new iam.PolicyStatement({ sid: 'LookUpTrailWindow', actions: ['cloudtrail:LookupEvents'], resources: ['*'] }),
    // S3 decrypts the sources and encrypts the copies with these keys as the caller (a multipart
    // copy also decrypts with the destination's key).
    new iam.PolicyStatement({ sid: 'DecryptSources', actions: ['kms:Decrypt'], resources: t.forensicSourceKeys.map((k) => k.keyArn) }),
    new iam.PolicyStatement({ sid: 'EncryptEvidence', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [t.evidenceKey.keyArn] }),
  ];
  return { description, content, statements };
}
