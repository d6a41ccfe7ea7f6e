import { Duration, Tags } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { MlAccessScope } from './ml-access-scope';
import { MlPerson, Persona } from './persona';
import { PersonaTrust } from './persona-trust';
import { boundaryReadPatterns } from './private/boundary-services';
import { TagKeys } from '../core/tags';
import {
  bucketRead, bucketWrite, denyApprovalChanges, ecrAuthorization, featureRecords, keyUse, logsRead, metricsRead,
  MODEL_CHANGING_ACTIONS, onEnvironment, passRoles, SAGEMAKER_DEPLOY_ACTIONS, PRODUCTION_DEPLOYMENT_ACTIONS,
  SAGEMAKER_EXPERIMENT_ACTIONS, SAGEMAKER_JOB_ACTIONS, SAGEMAKER_MODEL_ACTIONS, SAGEMAKER_MONITORING_ACTIONS,
  SAGEMAKER_NOTEBOOK_ACTIONS, SAGEMAKER_PIPELINE_ACTIONS, sagemakerRead, ScopeArns, scopeArns,
} from './private/ml-permissions';
import { ApprovalStatus, registerStatements, statusChangeStatement } from './private/model-approval';
import { managedPolicies } from './private/policy-packing';
import { acknowledgeRoleWildcards } from './private/role-acknowledgements';
import { assertSegregationOfDuties } from './private/segregation-of-duties';
import { SageMakerGuardrails } from './sagemaker-guardrails';
import { IAlertDestination } from './security-alert-topic';
import { alertTarget } from './private/alert-destination';
import { constructIdOf } from '../core/construct-ids';
import { awsManagedPolicyFinding, awsSolutionsRuleId, complianceAcknowledgements, soc2mlRuleId } from '../core/nag-packs';
import { STUDIO_PERSONAS } from './private/studio-personas';
import { acknowledgeForPlatform } from '../core/acknowledgements';

export interface MlPersonasProps extends MlAccessScope {
  /**
   * The people of the environment and their personas. One person may hold several personas only
   * where segregation of duties allows (synth fails otherwise).
   *
   * @default - none (the roles exist; people are given access by your identity provider or IAM)
   */
  readonly people?: MlPerson[];

  /**
   * Who may assume the persona roles.
   *
   * @default PersonaTrust.ACCOUNT_WITH_MFA
   */
  readonly trust?: PersonaTrust;

  /**
   * Whether the environment serves production: data scientists are then explicitly denied
   * deploying.
   *
   * @default false
   */
  readonly production?: boolean;

  /**
   * SageMaker guardrails attached to every persona role and Studio execution role.
   *
   * @default - none
   */
  readonly guardrails?: SageMakerGuardrails;

  /** The role of training and processing jobs, which data scientists and ML engineers pass to SageMaker. @default - none */
  readonly trainingRole?: iam.IRole;
  /** The role of model build pipelines, which ML engineers pass. @default - none */
  readonly modelBuildRole?: iam.IRole;
  /** The role of models and endpoints, which ML engineers pass. @default - none */
  readonly inferenceRole?: iam.IRole;
  /** The role of monitoring jobs, which ML engineers pass. @default - none */
  readonly monitoringRole?: iam.IRole;

  /**
   * Where every assumption of the platform-admin (break-glass) role is announced.
   *
   * @default - no announcement
   */
  readonly alerts?: IAlertDestination;
}


/** How long a persona session lasts. */
const PERSONA_SESSION = Duration.hours(1);

const ADMIN_SERVICES = ['sagemaker', 's3', 'kms', 'ecr', 'logs', 'cloudwatch', 'events', 'sns', 'glue', 'athena', 'ec2', 'application-autoscaling', 'elasticfilesystem'];
const ADMIN_REASON = 'Break-glass role of the environment: it must be able to repair any ML resource of the environment during an incident, so it holds full access to the ML services. It is assumable only with MFA (or through the identity provider), for one hour, every assumption is announced to the alert topic and recorded by CloudTrail, its permissions boundary denies audit tampering, key destruction and IAM changes to the boundary, and it cannot approve models or change IAM.';
// What the pack's least-privilege rule finds on the break-glass statement, and why it stays: true of
// the statement as written (service-wide wildcards, so their permissions-management actions too),
// and of the controls the pack's access matrix checks (segregation of duties: no principal stops the
// trail or schedules key deletion).
const adminLeastPrivilegeReason = (announced: boolean): string => 'Break-glass role of the environment: to repair any ML resource during an incident it keeps service-wide wildcards on the ML services (BreakGlassMlServices), which include their permissions-management actions such as s3:PutBucketPolicy, kms:PutKeyPolicy and kms:CreateGrant; the access matrix in the audit evidence lists what it can reach. Compensating controls: assumable only with MFA (or through the identity provider) for one-hour sessions, ' + (announced ? 'each assumption announced to the alert topic; ' : '') + 'it is denied approving models and registering approved versions, holds no IAM write, and is denied scheduling key deletion and stopping or deleting a trail by its own policy (IamSegregationOfDuties asserts it at synth on the access matrix).';
const SECURITY_AUDIT_REASON = 'SecurityAudit is the AWS-maintained read-only policy for security configuration auditing; AWS adds read actions to it as services launch, which a hand-written list would miss. It grants no write and no data access, and an explicit deny on the auditor refuses every action that is not a read.';

/**
 * The people-facing roles of an environment: one IAM role per persona, tagged `Persona`,
 * assumable only with MFA (or through your identity provider) for one-hour sessions, and for the
 * personas that use Studio a Studio execution role with the same permissions. Segregation of
 * duties is written as explicit Deny statements: only the model approver changes a model
 * version's approval status; the approver cannot train, register, change or deploy models; data
 * scientists cannot deploy in production; the auditor reads and changes nothing; no persona can
 * register a model version as anything but `PendingManualApproval`.
 */
export class MlPersonas extends Construct {
  /** The people of the environment. */
  public readonly people: readonly MlPerson[];
  /** How people assume the roles. */
  public readonly trust: PersonaTrust;
  /** The rule announcing break-glass use, when `alerts` is given. */
  public readonly breakGlassRule?: events.Rule;

  private readonly roles = new Map<Persona, iam.Role>();
  private readonly executionRoles = new Map<Persona, iam.Role>();
  private readonly personaPolicies = new Map<Persona, iam.ManagedPolicy[]>();

  constructor(scope: Construct, id: string, props: MlPersonasProps) {
    super(scope, id);
    const a = scopeArns(this, props);
    this.people = props.people ?? [];
    assertSegregationOfDuties(this.people, 'people');
    this.trust = props.trust ?? PersonaTrust.ACCOUNT_WITH_MFA;
    const env = props.environmentName;

    for (const persona of Object.values(Persona)) {
      this.createRoles(persona, env);
    }
    const statements: Record<Persona, iam.PolicyStatement[]> = {
      [Persona.DATA_SCIENTIST]: this.dataScientistStatements(props, a),
      [Persona.ML_ENGINEER]: this.mlEngineerStatements(props, a),
      [Persona.MODEL_APPROVER]: modelApproverStatements(props, a),
      [Persona.AUDITOR]: auditorStatements(a),
      [Persona.PLATFORM_ADMIN]: platformAdminStatements(props, a),
    };
    for (const persona of Object.values(Persona)) {
      this.attachPolicies(persona, statements[persona], props);
    }
    this.addSecurityAudit();

    if (props.alerts) {
      this.breakGlassRule = this.createBreakGlassRule(props.alerts, env);
    }
  }

  /** The IAM role people assume for a persona. */
  public role(persona: Persona): iam.Role {
    return this.roles.get(persona)!;
  }

  /** The Studio execution role of a persona that works in Studio (data scientist, ML engineer, model approver). */
  public executionRole(persona: Persona): iam.Role | undefined {
    return this.executionRoles.get(persona);
  }

  /**
   * The managed policies holding a persona's permissions (attached to its role and Studio
   * execution role): `<Persona>Policy`, and `<Persona>Policy2` when IAM's size limit needs it.
   */
  public policies(persona: Persona): iam.ManagedPolicy[] {
    return [...this.personaPolicies.get(persona)!];
  }

  /** A persona's role, tagged with the persona, and its Studio execution role if it works in Studio. */
  private createRoles(persona: Persona, env: string): void {
    const id = constructIdOf(persona);
    const role = new iam.Role(this, id, {
      roleName: `soc2ml-${env}-${persona}`,
      assumedBy: this.trust._principal(),
      maxSessionDuration: PERSONA_SESSION,
      description: `cdk-soc2-ml ${persona} of the ${env} environment`,
    });
    Tags.of(role).add(TagKeys.PERSONA, persona);
    this.roles.set(persona, role);
    if (STUDIO_PERSONAS.includes(persona)) {
      const execution = new iam.Role(this, `${id}StudioExecution`, {
        assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
        description: `cdk-soc2-ml Studio execution role of ${persona}s in the ${env} environment`,
      });
      // Studio sets the user profile name as the source identity, so CloudTrail names the person.
      execution.assumeRolePolicy!.addStatements(new iam.PolicyStatement({
        actions: ['sts:SetSourceIdentity'],
        principals: [new iam.ServicePrincipal('sagemaker.amazonaws.com')],
      }));
      this.executionRoles.set(persona, execution);
    }
  }

  /** Train and experiment on the environment's data; in production, never deploy. */
  private dataScientistStatements(props: MlPersonasProps, a: ScopeArns): iam.PolicyStatement[] {
    return [
      ...sagemakerRead(a),
      onEnvironment('TrainAndExperiment', a, [...SAGEMAKER_JOB_ACTIONS, ...SAGEMAKER_EXPERIMENT_ACTIONS, ...SAGEMAKER_MODEL_ACTIONS, ...SAGEMAKER_NOTEBOOK_ACTIONS]),
      ...featureRecords(a, true),
      ...this.dataAccess(props, false),
      ...passRoles('PassJobRoles', passable(props.trainingRole, this.executionRoles.get(Persona.DATA_SCIENTIST))),
      ecrAuthorization(),
      ...logsRead('ReadSageMakerLogs', a.sagemakerLogs),
      metricsRead(),
      denyApprovalChanges(),
      ...(props.production ? [new iam.PolicyStatement({
        sid: 'SegregationOfDutiesNoProductionDeployment',
        effect: iam.Effect.DENY,
        actions: PRODUCTION_DEPLOYMENT_ACTIONS,
        resources: ['*'],
      })] : []),
    ];
  }

  /** Build, register (pending approval only), deploy and monitor models. */
  private mlEngineerStatements(props: MlPersonasProps, a: ScopeArns): iam.PolicyStatement[] {
    return [
      ...sagemakerRead(a),
      onEnvironment('BuildDeployAndMonitor', a, [
        ...SAGEMAKER_JOB_ACTIONS, ...SAGEMAKER_EXPERIMENT_ACTIONS, ...SAGEMAKER_MODEL_ACTIONS, ...SAGEMAKER_NOTEBOOK_ACTIONS,
        ...SAGEMAKER_PIPELINE_ACTIONS, ...SAGEMAKER_DEPLOY_ACTIONS, ...SAGEMAKER_MONITORING_ACTIONS,
      ]),
      ...registerStatements({ groupArns: [a.sagemaker], packageArns: [] }),
      ...featureRecords(a, true),
      ...this.dataAccess(props, true),
      ...passRoles('PassWorkloadRoles', passable(props.trainingRole, props.modelBuildRole, props.inferenceRole, props.monitoringRole, this.executionRoles.get(Persona.ML_ENGINEER))),
      ecrAuthorization(),
      ...logsRead('ReadSageMakerLogs', a.sagemakerLogs),
      metricsRead(),
      denyApprovalChanges(),
    ];
  }

  /** A persona's managed policies, attached to its roles with the guardrails, and their acknowledgements. */
  private attachPolicies(persona: Persona, statements: iam.PolicyStatement[], props: MlPersonasProps): void {
    const roles = [this.roles.get(persona)!, ...(this.executionRoles.has(persona) ? [this.executionRoles.get(persona)!] : [])];
    const policies = managedPolicies(this, `${constructIdOf(persona)}Policy`, {
      description: `cdk-soc2-ml ${persona} permissions in the ${props.environmentName} environment`,
      statements,
      roles,
    });
    this.personaPolicies.set(persona, policies);
    roles.forEach((r) => props.guardrails?.attachTo(r));
    for (const policy of policies) {
      if (persona === Persona.PLATFORM_ADMIN) {
        acknowledgeForPlatform(policy,
          ...ADMIN_SERVICES.map((s) => ({ id: awsSolutionsRuleId('IAM5', `Action::${s}:*`), reason: ADMIN_REASON })),
          ...complianceAcknowledgements('IAMPolicyNoStatementsWithFullAccess', ADMIN_REASON),
          { id: soc2mlRuleId('IamLeastPrivilege'), reason: adminLeastPrivilegeReason(props.alerts !== undefined) },
        );
      }
      acknowledgeRoleWildcards(policy);
    }
  }

  /** The auditor also holds AWS's SecurityAudit, which keeps up with new services' read actions. */
  private addSecurityAudit(): void {
    const auditor = this.roles.get(Persona.AUDITOR)!;
    auditor.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit'));
    acknowledgeForPlatform(auditor, { id: awsSolutionsRuleId('IAM4', awsManagedPolicyFinding('SecurityAudit')), reason: SECURITY_AUDIT_REASON });
  }

  /** Announce every assumption of the platform-admin (break-glass) role to the alert topic. */
  private createBreakGlassRule(alerts: IAlertDestination, env: string): events.Rule {
    const admin = this.roles.get(Persona.PLATFORM_ADMIN)!;
    const field = (path: string) => events.EventField.fromPath(path);
    return new events.Rule(this, 'BreakGlassRule', {
      description: `cdk-soc2-ml: the ${env} platform-admin (break-glass) role was assumed`,
      eventPattern: {
        source: ['aws.sts'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['sts.amazonaws.com'],
          eventName: ['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity'],
          requestParameters: { roleArn: [admin.roleArn] },
        },
      },
      targets: [alertTarget(alerts, events.RuleTargetInput.fromText(
        `Break-glass: ${field('$.detail.userIdentity.arn')} assumed the platform-admin role of ${env} at ${field('$.time')} from ${field('$.detail.sourceIPAddress')}. Confirm the incident it was used for.`,
      ))],
    });
  }

  private dataAccess(props: MlAccessScope, writeArtifacts: boolean): iam.PolicyStatement[] {
    return [
      ...bucketRead('ReadTrainingData', props.trainingDataBucket),
      bucketWrite('WriteTrainingData', props.trainingDataBucket),
      ...bucketRead('ReadModelArtifacts', props.modelArtifactsBucket),
      ...(writeArtifacts ? [bucketWrite('WriteModelArtifacts', props.modelArtifactsBucket)] : []),
      ...(props.featureStoreBucket ? bucketRead('ReadOfflineFeatures', props.featureStoreBucket) : []),
      ...keyUse('UseDataAndModelKeys', [props.dataKey, props.modelsKey], true),
    ];
  }
}

/** The roles given, leaving out those not given. */
function passable(...roles: (iam.IRole | undefined)[]): iam.IRole[] {
  return roles.filter((r): r is iam.IRole => r !== undefined);
}

/** Approve or reject model versions and read what they are; change, train or deploy nothing. */
function modelApproverStatements(props: MlPersonasProps, a: ScopeArns): iam.PolicyStatement[] {
  return [
    ...sagemakerRead(a),
    statusChangeStatement('ApproveOrRejectModelVersions', { groupArns: [], packageArns: [a.sagemaker] }, [ApprovalStatus.APPROVED, ApprovalStatus.REJECTED]),
    ...bucketRead('ReadModelArtifacts', props.modelArtifactsBucket),
    ...keyUse('UseModelsKey', [props.modelsKey], false),
    ...logsRead('ReadSageMakerLogs', a.sagemakerLogs),
    metricsRead(),
    new iam.PolicyStatement({ sid: 'SegregationOfDutiesNoModelChanges', effect: iam.Effect.DENY, actions: MODEL_CHANGING_ACTIONS, resources: ['*'] }),
    new iam.PolicyStatement({ sid: 'SegregationOfDutiesNoArtifactWrites', effect: iam.Effect.DENY, actions: ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 'ecr:PutImage', 'ecr:BatchDeleteImage', 'ecr:InitiateLayerUpload'], resources: ['*'] }),
  ];
}

/** Read the environment, its logs, the audit trail and configuration; an explicit deny refuses anything but a read. */
function auditorStatements(a: ScopeArns): iam.PolicyStatement[] {
  return [
    ...sagemakerRead(a),
    ...logsRead('ReadAllLogs', a.allLogs),
    metricsRead(),
    new iam.PolicyStatement({ sid: 'ReadAuditTrailAndConfiguration', actions: ['cloudtrail:LookupEvents', 'config:SelectResourceConfig', 'config:GetResourceConfigHistory'], resources: ['*'] }),
    new iam.PolicyStatement({
      sid: 'SegregationOfDutiesReadOnly',
      effect: iam.Effect.DENY,
      notActions: [
        ...boundaryReadPatterns(),
        'sagemaker:Search', 'sagemaker:BatchDescribeModelPackage', 'logs:FilterLogEvents', 'logs:StartQuery', 'logs:StopQuery', 'cloudtrail:LookupEvents',
        'config:SelectResourceConfig', 'config:BatchGetResourceConfig', 'iam:GenerateCredentialReport',
        'iam:GenerateServiceLastAccessedDetails', 'iam:SimulatePrincipalPolicy', 'access-analyzer:ValidatePolicy',
      ],
      resources: ['*'],
    }),
  ];
}

/** Break glass: full access to the ML services and a read of IAM, but no approvals and no registering approved versions. */
function platformAdminStatements(props: MlPersonasProps, a: ScopeArns): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ sid: 'BreakGlassMlServices', actions: ADMIN_SERVICES.map((s) => `${s}:*`), resources: ['*'] }),
    new iam.PolicyStatement({
      sid: 'ReadIam',
      actions: ['iam:GetRole', 'iam:GetRolePolicy', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListRoles', 'iam:ListPolicies', 'iam:ListAttachedRolePolicies', 'iam:ListRolePolicies', 'iam:ListPolicyVersions', 'iam:ListRoleTags'],
      resources: ['*'],
    }),
    ...passRoles('PassWorkloadRoles', passable(props.trainingRole, props.modelBuildRole, props.inferenceRole, props.monitoringRole)),
    denyApprovalChanges(),
    ...registerStatements({ groupArns: [a.sagemaker], packageArns: [] }).filter((s) => s.effect === iam.Effect.DENY),
    // Its own deny, so the role keeps these duties wherever it is used, with or without the platform's boundary.
    new iam.PolicyStatement({ sid: 'SegregationOfDutiesNoKeyDestructionOrTrailStop', effect: iam.Effect.DENY, actions: ['kms:ScheduleKeyDeletion', 'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], resources: ['*'] }),
  ];
}
