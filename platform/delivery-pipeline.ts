import { Duration, RemovalPolicy, Stack, StackProps, Stage, Tags, Token } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { DataClassification } from '../core/data-classification';
import { PlatformKey } from '../constructs/platform-key';
import { KeyPurpose } from '../constructs/key-purpose';
import { TagKeys } from '../core/tags';
import { nagResourceName, replicationAcknowledgements } from '../constructs/private/nag-acknowledgements';
import { awsSolutionsRuleId, COMPLIANCE_PACKS, NagPacks, nagRuleId } from '../core/nag-packs';
import { SecureBucket } from '../constructs/secure-bucket';
import { SecurityAlertTopic } from '../constructs/security-alert-topic';
import { acknowledgeForPlatform } from '../core/acknowledgements';
import { Soc2MlError } from '../core/errors';

/** One environment the pipeline delivers to, in the order given. */
export interface DeliveryStage {
  /** The environment's stacks, pinned to its account and region. */
  readonly stage: Stage;
  /** Whether a person must approve the change before it reaches this stage (production). */
  readonly requiresApproval: boolean;
}

export interface DeliveryPipelineStackProps extends StackProps {
  /** The repository, as the connection's provider names it (`owner/name`). */
  readonly repository: string;
  /** The branch whose every change is delivered. */
  readonly branch: string;
  /** The ARN of the CodeConnections (CodeStar Connections) connection to the repository's provider. */
  readonly connectionArn: string;
  /** The environments, in delivery order. */
  readonly stages: DeliveryStage[];
  /**
   * Context the synth step passes to `cdk synth` (`-c key=value`), so the pipeline synthesizes
   * the app it was deployed from.
   *
   * @default - none: the repository's cdk.json alone
   */
  readonly synthContext?: Record<string, string>;
  /**
   * Addresses that receive the pipeline's alerts (failures, approvals).
   *
   * @default - none
   */
  readonly alertEmails?: string[];
  /**
   * The image the synth step runs in. It needs Node.js 20 and `apt-get`, to install Debian's
   * Chromium for the test suite's browser test (as `.ci/run` does).
   *
   * @default - the official Node.js 20 image on Debian 12, from Amazon ECR Public
   */
  readonly synthImage?: codebuild.IBuildImage;
}

/** The value of the `Environment` tag on the pipeline's stack. */
export const PIPELINE_ENVIRONMENT_TAG = 'pipeline';

/** The image of the synth step: Node.js 20 on Debian, whose apt has Chromium. */
export const DEFAULT_SYNTH_IMAGE = 'public.ecr.aws/docker/library/node:20-bookworm';

/** What `.ci/run` does before `npm ci`: Debian's Chromium for the browser test, when missing. */
export const SYNTH_INSTALL_COMMANDS = [
  'command -v chromium >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)',
];

/**
 * The delivery pipeline: every change to the branch is tested and synthesized under every check
 * (the pack as a gate), then deployed environment by environment, each in its own account, with
 * a person's approval before production. CDK Pipelines on CodePipeline and CloudFormation; the
 * pipeline updates itself first.
 */
export class DeliveryPipelineStack extends Stack {
  /** The CDK pipeline. */
  public readonly pipeline: pipelines.CodePipeline;
  /** The artifact bucket (versioned, access-logged, KMS-encrypted with a key other accounts can use). */
  public readonly artifactBucket: SecureBucket;
  /** The pipeline's alert topic. */
  public readonly alertTopic: SecurityAlertTopic;
  /** The log group of every CodeBuild project of the pipeline. */
  public readonly buildLogs: logs.LogGroup;
  /** The synth step's commands, in order. */
  public readonly synthCommands: string[];

  constructor(scope: Construct, id: string, props: DeliveryPipelineStackProps) {
    super(scope, id, props);
    validateDeliveryProps(props);
    if (Token.isUnresolved(this.account) || Token.isUnresolved(this.region)) {
      throw new Soc2MlError(`${id} has no account and region: pass env: { account, region } of the tooling account, which cross-account deployment requires.`);
    }
    Tags.of(this).add(TagKeys.ENVIRONMENT, PIPELINE_ENVIRONMENT_TAG);

    const artifactKey = this.createArtifactKey();
    this.artifactBucket = new SecureBucket(this, 'ArtifactBucket', {
      dataClassification: DataClassification.CONFIDENTIAL,
      encryptionKey: artifactKey.key,
    });
    this.alertTopic = this.createAlertTopic(props.alertEmails);
    this.buildLogs = this.createBuildLogs();

    const codePipeline = new codepipeline.Pipeline(this, 'Pipeline', {
      pipelineType: codepipeline.PipelineType.V2,
      artifactBucket: this.artifactBucket.bucket,
      crossAccountKeys: true,
      restartExecutionOnUpdate: true,
    });
    this.synthCommands = synthCommands(props.synthContext);
    this.pipeline = this.createDelivery(codePipeline, props);
    this.addStages(props.stages);
    this.pipeline.buildPipeline();

    this.acknowledgeGeneratedResources(artifactKey.key);
    this.alertOnExecutions(codePipeline);
  }

  private createArtifactKey(): PlatformKey {
    return new PlatformKey(this, 'ArtifactKey', {
      purpose: KeyPurpose.DATA,
      environmentName: PIPELINE_ENVIRONMENT_TAG,
      description: 'cdk-soc2-ml pipeline artifacts key (source and cloud assemblies, used by the deploy roles of each environment account)',
    });
  }

  private createAlertTopic(alertEmails: string[] | undefined): SecurityAlertTopic {
    return new SecurityAlertTopic(this, 'Alerts', {
      environmentName: PIPELINE_ENVIRONMENT_TAG,
      emailAddresses: alertEmails,
      displayName: 'SOC 2 ML delivery pipeline',
    });
  }

  private createBuildLogs(): logs.LogGroup {
    const logsKey = new PlatformKey(this, 'LogsKey', { purpose: KeyPurpose.LOGS, environmentName: PIPELINE_ENVIRONMENT_TAG });
    return new logs.LogGroup(this, 'BuildLogs', {
      encryptionKey: logsKey.key,
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** The CDK pipeline on `codePipeline`: its source, its synth step and its CodeBuild defaults. */
  private createDelivery(codePipeline: codepipeline.Pipeline, props: DeliveryPipelineStackProps): pipelines.CodePipeline {
    const source = pipelines.CodePipelineSource.connection(props.repository, props.branch, { connectionArn: props.connectionArn });
    return new pipelines.CodePipeline(this, 'Delivery', {
      codePipeline,
      selfMutation: true,
      synth: new pipelines.ShellStep('Synth', {
        input: source,
        installCommands: SYNTH_INSTALL_COMMANDS,
        commands: this.synthCommands,
        primaryOutputDirectory: 'cdk.out',
      }),
      codeBuildDefaults: {
        buildEnvironment: { privileged: false, computeType: codebuild.ComputeType.SMALL },
        logging: { cloudWatch: { logGroup: this.buildLogs } },
        timeout: Duration.hours(1),
      },
      synthCodeBuildDefaults: {
        buildEnvironment: {
          buildImage: props.synthImage ?? codebuild.LinuxBuildImage.fromDockerRegistry(DEFAULT_SYNTH_IMAGE),
          computeType: codebuild.ComputeType.MEDIUM,
          privileged: false,
        },
      },
      publishAssetsInParallel: false,
    });
  }

  private addStages(stages: DeliveryStage[]): void {
    for (const { stage, requiresApproval } of stages) {
      this.pipeline.addStage(stage, {
        pre: requiresApproval
          ? [new pipelines.ManualApprovalStep('Approve', { comment: `Approve this change for ${stage.stageName}: it passed the tests, every check and every earlier environment.` })]
          : [],
      });
    }
  }

  /** The findings of what CDK Pipelines generated (roles, projects, buckets), once it is built. */
  private acknowledgeGeneratedResources(artifactKey: kms.IKey): void {
    acknowledgePipelineRoles(this, { artifactBucket: this.artifactBucket.bucket.bucketArn, artifactKey: artifactKey.keyArn });
    for (const project of this.node.findAll().filter((c): c is codebuild.Project => c instanceof codebuild.Project)) {
      acknowledgeProject(project);
    }
    acknowledgeForPlatform(this.artifactBucket.bucket, ...replicationAcknowledgements(ARTIFACT_REPLICATION_REASON));
    acknowledgeForPlatform(AccessLogBucket.of(this).bucket, ...replicationAcknowledgements(ACCESS_LOGS_REPLICATION_REASON));
  }

  /** Failed executions and approvals (waiting, given or refused), to the alert topic. */
  private alertOnExecutions(codePipeline: codepipeline.Pipeline): void {
    new events.Rule(this, 'FailureRule', {
      description: 'A delivery pipeline execution failed',
      eventPattern: {
        source: ['aws.codepipeline'],
        detailType: ['CodePipeline Pipeline Execution State Change'],
        detail: { pipeline: [codePipeline.pipelineName], state: ['FAILED'] },
      },
      targets: [this.alertTopic.eventTarget(events.RuleTargetInput.fromText(
        `Delivery pipeline ${events.EventField.fromPath('$.detail.pipeline')} failed (execution ${events.EventField.fromPath('$.detail.execution-id')}). Nothing after the failed stage was deployed.`))],
    });
    new events.Rule(this, 'ApprovalRule', {
      description: 'A delivery pipeline approval is waiting, or was given or refused',
      eventPattern: {
        source: ['aws.codepipeline'],
        detailType: ['CodePipeline Action Execution State Change'],
        detail: { pipeline: [codePipeline.pipelineName], type: { category: ['Approval'] } },
      },
      targets: [this.alertTopic.eventTarget(events.RuleTargetInput.fromText(
        `Delivery pipeline ${events.EventField.fromPath('$.detail.pipeline')}: approval ${events.EventField.fromPath('$.detail.action')} is ${events.EventField.fromPath('$.detail.state')} (execution ${events.EventField.fromPath('$.detail.execution-id')}).`))],
    });
  }
}

/** Fail on what the pipeline could not deliver: no stages, a stage without an environment, context the command line cannot carry. */
function validateDeliveryProps(props: DeliveryPipelineStackProps): void {
  if (props.stages.length === 0) {
    throw new Soc2MlError('stages is empty: give the pipeline at least one environment to deliver to.');
  }
  for (const [i, { stage }] of props.stages.entries()) {
    if (!stage.account || !stage.region || Token.isUnresolved(stage.account) || Token.isUnresolved(stage.region)) {
      throw new Soc2MlError(`stages[${i}] (${stage.stageName}) has no account and region: create the Stage with env: { account, region }, so the pipeline deploys it with that account's bootstrap roles.`);
    }
  }
  for (const [key, value] of Object.entries(props.synthContext ?? {})) {
    if (/['\n]/.test(`${key}${value}`)) {
      throw new Soc2MlError(`synthContext has ${JSON.stringify(`${key}=${value}`)}, which holds a single quote or a line break that the synth step's command line cannot carry: pass values without them, or commit the setting to cdk.json.`);
    }
  }
}

/** The synth step's commands: test, then synthesize with the given context. */
function synthCommands(synthContext: Record<string, string> | undefined): string[] {
  const contextArgs = Object.entries(synthContext ?? {}).map(([key, value]) => ` -c '${key}=${value}'`).join('');
  return ['npm ci', 'npm test', `npx cdk synth${contextArgs}`];
}

const ARTIFACT_REPLICATION_REASON = 'The pipeline runs in one region by design, as the environments it deploys do. Its artifacts are rebuilt from the repository by every execution; the bucket keeps each version 365 days after it is replaced, is KMS-encrypted with its own key, TLS-only, access-logged and retained on stack deletion.';

const ACCESS_LOGS_REPLICATION_REASON = 'The pipeline runs in one region by design; this bucket holds only the server access logs of the pipeline\'s artifact bucket in that region. It is versioned, TLS-only, blocks public access, keeps logs (Glacier Instant Retrieval after 90 days) and is retained on stack deletion; changes to its configuration are recorded by the account trail, reads and writes of its objects are not.';

/** Why CDK Pipelines' generated role policies hold what they hold, by kind. */
const PipelineRoleReasons = {
  INLINE_POLICY: 'CDK Pipelines writes the permissions of each role it creates as that role\'s default policy, generated from the pipeline\'s definition and offering no option for a managed one. The policy belongs to its one role in this stack, is created, changed and deleted with it, and no other identity can attach it; every change to it is a reviewed change to this repository, deployed by the pipeline\'s own self-update.',
  ARTIFACT_ACTIONS: 'CDK grants read and write on the artifact bucket and its key as S3 and KMS action groups (s3:GetObject*, s3:List*, s3:DeleteObject*, s3:Abort*, kms:GenerateDataKey*, kms:ReEncrypt*...). Every such statement names only this pipeline\'s artifact bucket, its objects and its artifact key.',
  ARTIFACT_OBJECTS: 'CodePipeline stores each execution\'s artifacts under object keys chosen at run time, so they cannot be named in advance. The pattern names the objects of this pipeline\'s artifact bucket only, which is KMS-encrypted with its own key, TLS-only, versioned, access-logged and retained.',
  CODEBUILD_LOGS: 'CodeBuild grants each project\'s role the project\'s default log group under /aws/codebuild/ in this account and region (the shared asset-publishing role, which serves several projects, gets /aws/codebuild/*), whose streams are named per build at run time. The projects send their logs to the pipeline\'s KMS-encrypted BuildLogs group instead, so these groups receive nothing.',
  CODEBUILD_REPORTS: 'CodeBuild creates a project\'s test report groups at run time, named after the project (for the shared asset-publishing role, after the projects it serves, in this account and region). Reports hold test results only.',
  BOOTSTRAP_ROLES: 'The self-update step assumes the CDK bootstrap roles of the tooling account to deploy the pipeline\'s own stack. The pattern names roles of this account only, and the condition iam:ResourceTag/aws-cdk:bootstrap-role admits only the deploy and publishing roles that cdk bootstrap creates.',
  STACK_LOOKUPS: 'The self-update step reads the pipeline stack\'s state (cloudformation:DescribeStacks) and finds the bootstrap bucket (s3:ListBucket); CDK Pipelines grants these two actions on all resources. Neither reads data or changes anything, and the role is assumable only by CodeBuild.',
  ASSET_BUILDS: 'CDK Pipelines creates the shared asset-publishing role before the projects it serves, so it grants the CodeBuild build actions (codebuild:BatchGetBuilds, StartBuild, StopBuild) on all projects. The role is assumable only by CodeBuild, and the tooling account holds no projects but the pipeline\'s.',
  SOURCE_WITHOUT_URL: 'The project\'s source is the pipeline\'s artifact (source type CODEPIPELINE): it has no repository URL and holds no credentials. The repository is reached only by the pipeline\'s source action, through the CodeConnections connection, which the provider authorizes with OAuth through its app installation.',
  SYNTH_IMAGE: 'The synth step runs the test suite, whose browser test needs Debian\'s Chromium (.ci/run installs it with apt-get); CodeBuild\'s managed images are Ubuntu and Amazon Linux, where Chromium is not an apt package. The image is the official Node.js 20 image on Debian 12 from Amazon ECR Public, pulled at build time; no credentials are stored.',
} as const;

// One ARN field as cdk-nag flattens it: a literal, or a reference such as <AWS::Region>.
const F = '(?:<[^>]*>|[^:<]*)';
const ARTIFACT_ACTION = /^(s3:(GetObject|GetBucket|List|DeleteObject|Abort)|kms:(GenerateDataKey|ReEncrypt))\*$/;

/**
 * Acknowledge, on each policy CDK Pipelines generated, exactly the findings it causes, one
 * granular AwsSolutions-IAM5 id at a time with the reason of its kind. A wildcard of no known
 * kind fails synth, so a wider grant in a later CDK version is a decision, not an accident.
 */
function acknowledgePipelineRoles(stack: Stack, names: { artifactBucket: string; artifactKey: string }): void {
  const bucket = nagResourceName(stack, names.artifactBucket);
  const key = nagResourceName(stack, names.artifactKey);
  const resourceKinds: readonly [RegExp, string][] = [
    [new RegExp(`^${escape(bucket)}/\\*$`), PipelineRoleReasons.ARTIFACT_OBJECTS],
    [new RegExp(`^arn:${F}:logs:${F}:${F}:log-group:/aws/codebuild/(<[^>]+>:)?\\*$`), PipelineRoleReasons.CODEBUILD_LOGS],
    [new RegExp(`^arn:${F}:codebuild:${F}:${F}:report-group/(<[^>]+>-)?\\*$`), PipelineRoleReasons.CODEBUILD_REPORTS],
  ];
  // Statements on all resources, by what they allow.
  const unnamedKinds: readonly [readonly string[], string][] = [
    [['cloudformation:DescribeStacks', 's3:ListBucket'], PipelineRoleReasons.STACK_LOOKUPS],
    [['codebuild:BatchGetBuilds', 'codebuild:StartBuild', 'codebuild:StopBuild'], PipelineRoleReasons.ASSET_BUILDS],
  ];
  const bootstrapRoles = `arn:*:iam::${stack.account}:role/*`;
  for (const policy of stack.node.findAll().filter((c): c is iam.Policy => c instanceof iam.Policy)) {
    const document = stack.resolve(policy.document) as { Statement?: { Effect: string; Action?: unknown; Resource?: unknown; Condition?: Record<string, Record<string, unknown>> }[] };
    const acknowledgements = new Map<string, Set<string>>();
    const acknowledge = (id: string, reason: string) => acknowledgements.set(id, (acknowledgements.get(id) ?? new Set<string>()).add(reason));
    for (const statement of document.Statement ?? []) {
      if (statement.Effect !== 'Allow') {
        continue;
      }
      const resources = [statement.Resource ?? []].flat().map((r) => nagResourceName(stack, r as string));
      const actions = [statement.Action ?? []].flat() as string[];
      const uncovered = (why: string) => new Error(`${policy.node.path} allows ${actions.join(', ')} on ${resources.join(', ')}: ${why}. Narrow it, or add its kind to PipelineRoleReasons with the reason an auditor reads.`);
      for (const action of actions) {
        if (!action.includes('*')) {
          continue;
        }
        const onArtifacts = resources.every((r) => r === bucket || r === `${bucket}/*` || r === key);
        if (!ARTIFACT_ACTION.test(action) || !onArtifacts) {
          throw uncovered(`no reason covers the wildcard action ${action}`);
        }
        acknowledge(awsSolutionsRuleId('IAM5', `Action::${action}`), PipelineRoleReasons.ARTIFACT_ACTIONS);
      }
      for (const resource of resources.filter((r) => r.includes('*'))) {
        let reason = resourceKinds.find(([pattern]) => pattern.test(resource))?.[1];
        if (resource === '*') {
          reason = unnamedKinds.find(([allowed]) => actions.every((a) => allowed.includes(a)))?.[1];
        } else if (resource === bootstrapRoles) {
          const tagged = statement.Condition?.['ForAnyValue:StringEquals']?.['iam:ResourceTag/aws-cdk:bootstrap-role'] !== undefined;
          reason = tagged && actions.every((a) => a === 'sts:AssumeRole') ? PipelineRoleReasons.BOOTSTRAP_ROLES : undefined;
        }
        if (reason === undefined) {
          throw uncovered(`no reason covers the wildcard resource ${resource}`);
        }
        acknowledge(awsSolutionsRuleId('IAM5', `Resource::${resource}`), reason);
      }
    }
    for (const pack of COMPLIANCE_PACKS) {
      acknowledge(nagRuleId(pack, 'IAMNoInlinePolicy'), PipelineRoleReasons.INLINE_POLICY);
    }
    acknowledgeForPlatform(policy, ...[...acknowledgements].map(([id, reasons]) => ({ id, reason: [...reasons].join(' ') })));
  }
}

/** A CodeBuild project of the pipeline: its source is the pipeline, and the synth step's image is Debian's. */
function acknowledgeProject(project: codebuild.Project): void {
  acknowledgeForPlatform(project,
    { id: nagRuleId(NagPacks.HIPAA_SECURITY, 'CodeBuildProjectSourceRepoUrl'), reason: PipelineRoleReasons.SOURCE_WITHOUT_URL },
    { id: nagRuleId(NagPacks.PCI_DSS_321, 'CodeBuildProjectSourceRepoUrl'), reason: PipelineRoleReasons.SOURCE_WITHOUT_URL },
  );
  const image = Stack.of(project).resolve((project.node.defaultChild as codebuild.CfnProject).environment) as { image: string };
  if (image.image === DEFAULT_SYNTH_IMAGE) {
    acknowledgeForPlatform(project, { id: awsSolutionsRuleId('CB5'), reason: PipelineRoleReasons.SYNTH_IMAGE });
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
