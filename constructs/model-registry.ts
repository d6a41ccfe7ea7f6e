import { CfnDeletionPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';
import { DataClassification } from '../core/data-classification';
import { ApprovalStatus, RegistryArns, registerStatements, reviewStatement, statusChangeStatement } from './private/model-approval';
import { SecureBucket, SecureBucketObjectLock } from './secure-bucket';
import { IAlertDestination } from './security-alert-topic';
import { alertTarget } from './private/alert-destination';
import { MAX_MODEL_PACKAGE_GROUP_NAME, validateEnvironmentName, validateEnvironmentScopedName } from '../core/names';
import { constructIdOf } from '../core/construct-ids';
import { Soc2MlError } from '../core/errors';

export interface ModelRegistryProps {
  /** The environment, used in names: model package groups are `<environment>-<family>`. */
  readonly environmentName: string;

  /**
   * The model families, one model package group each (lowercase letters, digits and hyphens).
   *
   * @default - none; groups named `<environment>-…` created later are still watched
   */
  readonly modelFamilies?: string[];

  /** Where model package state changes are announced. */
  readonly alerts: IAlertDestination;

  /**
   * The bucket that holds model artifacts.
   *
   * @default - a new confidential `SecureBucket` (versioned), with `objectLock` if given
   */
  readonly artifactsBucket?: SecureBucket;

  /**
   * Object Lock for a new artifacts bucket, for example governance mode for 365 days: approved
   * artifacts can then not be overwritten or deleted, by anyone without
   * `s3:BypassGovernanceRetention` (which the platform's permissions boundary denies).
   *
   * @default - no Object Lock
   */
  readonly objectLock?: SecureBucketObjectLock;

  /**
   * The key of a new artifacts bucket.
   *
   * @default - a new `PlatformKey` for data
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Where a new artifacts bucket's server access logs go.
   *
   * @default - the stack's shared `AccessLogBucket`
   */
  readonly accessLogsBucket?: s3.IBucket;
}


/**
 * The model registry of one environment: a SageMaker model package group per model family, whose
 * new versions can only arrive as `PendingManualApproval` (through `grantRegister`), an EventBridge
 * rule that announces every approval-status change to the alert topic (who changed it and when is
 * in CloudTrail), approval rights given separately (`grantApprove`, `grantReject`), and model
 * artifacts on a versioned `SecureBucket`. The groups are retained: they are the record of what was
 * approved.
 */
export class ModelRegistry extends Construct {
  /** The model package groups, by family. */
  public readonly modelPackageGroups: Readonly<Record<string, sagemaker.CfnModelPackageGroup>>;
  /** Where model artifacts live. */
  public readonly artifactsBucket: SecureBucket;
  /** The rule that sends model package state changes to the alert topic. */
  public readonly stateChangeRule: events.Rule;
  /** The name prefix of the environment's model package groups (`<environment>-`). */
  public readonly groupNamePrefix: string;

  private readonly arns: RegistryArns;

  constructor(scope: Construct, id: string, props: ModelRegistryProps) {
    super(scope, id);
    validateEnvironmentName(props?.environmentName, 'environmentName');
    const env = props.environmentName;
    if (!props.alerts) {
      throw new Soc2MlError('alerts is undefined: pass the SecurityAlertTopic (or any sns.ITopic) that model package state changes go to.');
    }
    const families = props.modelFamilies ?? [];
    families.forEach((f, i) => {
      validateEnvironmentScopedName(f, `modelFamilies[${i}]`, env, MAX_MODEL_PACKAGE_GROUP_NAME, 'family');
      if (families.indexOf(f) !== i) {
        throw new Soc2MlError(`modelFamilies names "${f}" twice: list each model family once.`);
      }
    });
    if (props.artifactsBucket && props.objectLock) {
      throw new Soc2MlError('objectLock is set but artifactsBucket is given: Object Lock is set when a bucket is created. Pass objectLock to the SecureBucket you give as artifactsBucket, or drop artifactsBucket to get a new bucket with the lock.');
    }
    this.groupNamePrefix = `${env}-`;

    this.artifactsBucket = props.artifactsBucket ?? new SecureBucket(this, 'Artifacts', {
      dataClassification: DataClassification.CONFIDENTIAL,
      objectLock: props.objectLock,
      encryptionKey: props.encryptionKey,
      accessLogsBucket: props.accessLogsBucket,
    });

    const stack = Stack.of(this);
    const groups: Record<string, sagemaker.CfnModelPackageGroup> = {};
    const groupArns: string[] = [];
    const packageArns: string[] = [];
    for (const family of families) {
      const name = `${env}-${family}`;
      const group = new sagemaker.CfnModelPackageGroup(this, `${constructIdOf(family)}Group`, {
        modelPackageGroupName: name,
        modelPackageGroupDescription: `cdk-soc2-ml ${family} models of the ${env} environment; new versions await manual approval`,
      });
      group.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
      group.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
      groups[family] = group;
      groupArns.push(stack.formatArn({ service: 'sagemaker', resource: 'model-package-group', resourceName: name }));
      packageArns.push(stack.formatArn({ service: 'sagemaker', resource: 'model-package', resourceName: `${name}/*` }));
    }
    this.modelPackageGroups = groups;
    this.arns = { groupArns, packageArns };

    const field = (path: string) => events.EventField.fromPath(path);
    this.stateChangeRule = new events.Rule(this, 'StateChangeRule', {
      description: `cdk-soc2-ml: model package approval changes in the ${env} registry`,
      eventPattern: {
        source: ['aws.sagemaker'],
        detailType: ['SageMaker Model Package State Change'],
        detail: { ModelPackageGroupName: events.Match.prefix(this.groupNamePrefix) },
      },
      targets: [alertTarget(props.alerts, events.RuleTargetInput.fromText(
        `Model package ${field('$.detail.ModelPackageGroupName')} version ${field('$.detail.ModelPackageVersion')} in ${env} is now ${field('$.detail.ModelApprovalStatus')} (${field('$.time')}). `
        + `Package: ${field('$.detail.ModelPackageArn')}. Who changed it: the UpdateModelPackage or CreateModelPackage event in CloudTrail.`,
      ))],
    });
  }

  /** The ARNs of the model package groups. */
  public get groupArns(): string[] {
    return [...this.arns.groupArns];
  }

  /** The ARN patterns of the model package versions (`model-package/<group>/*`). */
  public get packageArns(): string[] {
    return [...this.arns.packageArns];
  }

  /**
   * Let a principal register new model versions, as `PendingManualApproval` only (the request must
   * say so; any other status is explicitly denied).
   */
  public grantRegister(grantee: iam.IGrantable): iam.Grant {
    this.assertGroups('grantRegister');
    return this.grantStatements(grantee, [...registerStatements(this.arns), reviewStatement(this.arns)]);
  }

  /** Let a principal approve or reject model versions, and change nothing else about them. */
  public grantApprove(grantee: iam.IGrantable): iam.Grant {
    this.assertGroups('grantApprove');
    return this.grantStatements(grantee, [statusChangeStatement('ApproveOrRejectModelVersions', this.arns, [ApprovalStatus.APPROVED, ApprovalStatus.REJECTED]), reviewStatement(this.arns)]);
  }

  /** Let a principal set model versions to `Rejected` only (for example a signature-verification gate). */
  public grantReject(grantee: iam.IGrantable): iam.Grant {
    this.assertGroups('grantReject');
    return this.grantStatements(grantee, [statusChangeStatement('RejectModelVersions', this.arns, [ApprovalStatus.REJECTED]), reviewStatement(this.arns)]);
  }

  private grantStatements(grantee: iam.IGrantable, statements: iam.PolicyStatement[]): iam.Grant {
    let grant: iam.Grant | undefined;
    for (const statement of statements) {
      if (statement.effect === iam.Effect.DENY) {
        // A denial grants nothing; it goes into the principal's policy as it is.
        grantee.grantPrincipal.addToPrincipalPolicy(statement);
        continue;
      }
      const g = iam.Grant.addToPrincipal({ grantee, actions: statement.actions, resourceArns: statement.resources, conditions: statement.conditions });
      grant = grant ? grant.combine(g) : g;
    }
    return grant!;
  }

  private assertGroups(method: string): void {
    if (this.arns.groupArns.length === 0) {
      throw new Soc2MlError(`${method} on a registry without model families: pass modelFamilies (for example ["churn"]) so there is something to grant on.`);
    }
  }
}
