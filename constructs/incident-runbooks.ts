import { Aws, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { validateEnvironmentName } from '../core/names';
import {
  endpointOutOfService, endpointRollback, preserveForensicEvidence, quarantineDataPrefix, revokePersonaSessions, RunbookDefinition, RunbookTargets,
} from './private/incident-runbook-documents';
import { acknowledgeWildcardsOfKinds, flattenedArn, WildcardKind, WildcardReasons } from './private/role-acknowledgements';
import { assertDryRunChangesNothing } from './private/runbook-model';
import { Soc2MlError } from '../core/errors';

/** The incident runbooks of an environment; the value is the document's name suffix and construct id. */
export enum IncidentRunbook {
  /** Roll an endpoint back to the endpoint configuration it ran before its current one. */
  ENDPOINT_ROLLBACK = 'EndpointRollback',
  /** Take an endpoint out of service for its callers: detach its invoke policy from every role. */
  ENDPOINT_OUT_OF_SERVICE = 'EndpointOutOfService',
  /** Revoke a persona's active sessions: deny everything to sessions issued before now. */
  REVOKE_PERSONA_SESSIONS = 'RevokePersonaSessions',
  /** Quarantine a data prefix: legal holds where the bucket has Object Lock, and a deny statement. */
  QUARANTINE_DATA_PREFIX = 'QuarantineDataPrefix',
  /** Copy an endpoint's captured data, model artifacts and trail window into the evidence store. */
  PRESERVE_FORENSIC_EVIDENCE = 'PreserveForensicEvidence',
}

/**
 * Where forensic evidence (and incident records) are kept: a bucket whose objects cannot be
 * changed or deleted for their retention (Object Lock), and its key.
 */
export interface IncidentEvidenceStore {
  /** The bucket (Object Lock on). */
  readonly bucket: s3.IBucket;
  /** The key the bucket encrypts with (copies are written with it). */
  readonly encryptionKey: kms.IKey;
}

export interface IncidentRunbooksProps {
  /** The environment: its runbooks are named `soc2ml-<environment>-<runbook>` and act on its resources only. */
  readonly environmentName: string;

  /** The keys endpoint configurations encrypt with (the rollback lets SageMaker use them). */
  readonly endpointKeys: kms.IKey[];

  /**
   * Invoke policies of the environment's endpoints (`ModelServing.invokePolicy`). Policies named
   * `<environment>-invoke-…` are always admitted, for endpoints deployed outside the platform.
   *
   * @default - only policies named `<environment>-invoke-…`
   */
  readonly invokePolicies?: iam.IManagedPolicy[];

  /** The persona roles (and Studio execution roles) whose sessions the revoke runbook may end. */
  readonly personaRoles: iam.IRole[];

  /** The data buckets a prefix of which may be quarantined. */
  readonly dataBuckets: s3.IBucket[];

  /** The buckets forensic evidence is copied from: the endpoints' capture buckets and the model-artifacts bucket. */
  readonly forensicSourceBuckets: s3.IBucket[];

  /** The keys of those buckets. */
  readonly forensicSourceKeys: kms.IKey[];

  /** Where forensic evidence goes. */
  readonly evidenceStore: IncidentEvidenceStore;

  /**
   * The roles of the people who respond to incidents: `startPolicy` is attached to them.
   *
   * @default - none (attach `startPolicy` yourself)
   */
  readonly responders?: iam.IRole[];
}

const RUNBOOK_WILDCARDS: readonly WildcardKind[] = [
  [/^\*$/, 'sagemaker:ListEndpointConfigs and cloudtrail:LookupEvents take no resource ARN; IAM accepts only "*" for them. Every other action names its resources.'],
  [flattenedArn('sagemaker', '[a-z-]+/[a-z][a-z0-9-]*-\\*'), WildcardReasons.ENVIRONMENT_RESOURCES],
  [flattenedArn('iam', 'role/\\*'), 'A caller\'s role can be any role of the account (applications attach the invoke policy to their own roles). iam:DetachRolePolicy is allowed only for the environment\'s invoke policies (condition iam:PolicyARN), so the runbook can take nothing else away.'],
  [flattenedArn('iam', 'policy/[a-z][a-z0-9-]*-invoke-\\*'), 'Invoke policies of endpoints deployed outside the platform are named <environment>-invoke-<endpoint>; the pattern admits only this environment\'s, for listing who holds them and detaching them.'],
  [flattenedArn('ssm', 'automation-(definition/soc2ml-[a-z][a-z0-9-]*-[A-Za-z]+:|execution/)\\*'), 'Each version of a runbook is its own automation definition (<name>:<version>), and executions get their ids when they start. The patterns name this environment\'s runbooks and the account\'s executions, to follow and stop them.'],
  [/^[A-Za-z0-9-]+-EvidenceArchiveBucketArn\/incidents\/[a-z][a-z0-9-]*\/\*$/, 'Forensic copies are written under keys known only during an incident, in this environment\'s folder (incidents/<environment>/) of the account\'s evidence archive, imported from the account baseline by name. The archive locks every object (Object Lock, compliance mode); no delete permission is given.'],
  [/^<[^>]+\.Arn>\/(incidents\/[a-z][a-z0-9-]*\/)?\*$/, 'Objects under keys known only at run time (the quarantined prefix, the captured data of a window, the incident\'s folder). The pattern names one bucket of this environment; no delete permission is given.'],
];

/**
 * The incident runbooks of one environment, as SSM Automation documents (`AWS::SSM::Document`,
 * type Automation, named `soc2ml-<environment>-<runbook>`): each with its own role, assumed only
 * by Systems Manager for an automation of this account, allowed exactly the calls its steps make;
 * each with a `DryRun` parameter, true by default, that plans and changes nothing. SSM keeps every
 * execution and CloudTrail records who started it.
 */
export class IncidentRunbooks extends Construct {
  /** The documents, by runbook. */
  public readonly documents: Readonly<Record<IncidentRunbook, ssm.CfnDocument>>;
  /** The role each runbook runs as. */
  public readonly roles: Readonly<Record<IncidentRunbook, iam.Role>>;
  /**
   * Start the runbooks and follow their executions, and pass their roles to Systems Manager
   * only: the policy of whoever responds to incidents.
   */
  public readonly startPolicy: iam.ManagedPolicy;
  private readonly environmentName: string;

  constructor(scope: Construct, id: string, props: IncidentRunbooksProps) {
    super(scope, id);
    validateEnvironmentName(props?.environmentName, 'environmentName');
    validateLists(props);
    this.environmentName = props.environmentName;

    const roles = {} as Record<IncidentRunbook, iam.Role>;
    for (const runbook of Object.values(IncidentRunbook)) {
      roles[runbook] = this.createRole(runbook);
    }
    this.roles = roles;
    const definitions = this.definitions(props);
    const documents = {} as Record<IncidentRunbook, ssm.CfnDocument>;
    for (const runbook of Object.values(IncidentRunbook)) {
      documents[runbook] = this.createDocument(runbook, definitions[runbook]);
    }
    this.documents = documents;
    this.startPolicy = this.createStartPolicy(props.responders ?? []);
  }

  /** The document's name, `soc2ml-<environment>-<runbook>`. */
  public runbookName(runbook: IncidentRunbook): string {
    return `soc2ml-${this.environmentName}-${runbook}`;
  }

  /** The console page that starts the runbook (the link alerts carry). */
  public consoleUrl(runbook: IncidentRunbook): string {
    return `https://${Aws.REGION}.console.aws.amazon.com/systems-manager/automation/execute/${this.runbookName(runbook)}?region=${Aws.REGION}`;
  }

  private definitions(props: IncidentRunbooksProps): Record<IncidentRunbook, RunbookDefinition> {
    const targets: RunbookTargets = {
      environmentName: props.environmentName,
      endpointKeys: props.endpointKeys,
      invokePolicyArns: (props.invokePolicies ?? []).map((p) => p.managedPolicyArn),
      personaRoles: props.personaRoles,
      dataBuckets: props.dataBuckets,
      forensicSourceBuckets: props.forensicSourceBuckets,
      forensicSourceKeys: props.forensicSourceKeys,
      evidenceBucket: props.evidenceStore.bucket,
      evidenceKey: props.evidenceStore.encryptionKey,
    };
    return {
      [IncidentRunbook.ENDPOINT_ROLLBACK]: endpointRollback(this, targets),
      [IncidentRunbook.ENDPOINT_OUT_OF_SERVICE]: endpointOutOfService(targets),
      [IncidentRunbook.REVOKE_PERSONA_SESSIONS]: revokePersonaSessions(targets),
      [IncidentRunbook.QUARANTINE_DATA_PREFIX]: quarantineDataPrefix(targets, {
        forensicRoleArn: this.roles[IncidentRunbook.PRESERVE_FORENSIC_EVIDENCE].roleArn,
        quarantineRoleArn: this.roles[IncidentRunbook.QUARANTINE_DATA_PREFIX].roleArn,
      }),
      [IncidentRunbook.PRESERVE_FORENSIC_EVIDENCE]: preserveForensicEvidence(this, targets),
    };
  }

  private createStartPolicy(responders: iam.IRole[]): iam.ManagedPolicy {
    const stack = Stack.of(this);
    const runbooks = Object.values(IncidentRunbook);
    const policy = new iam.ManagedPolicy(this, 'StartPolicy', {
      description: `Start the ${this.environmentName} incident runbooks and follow their executions`,
      roles: responders,
      statements: [
        new iam.PolicyStatement({
          sid: 'StartIncidentRunbooks',
          actions: ['ssm:StartAutomationExecution'],
          resources: runbooks.map((r) => stack.formatArn({ service: 'ssm', resource: 'automation-definition', resourceName: `${this.runbookName(r)}:*` })),
        }),
        new iam.PolicyStatement({
          sid: 'FollowExecutions',
          actions: ['ssm:GetAutomationExecution', 'ssm:DescribeAutomationStepExecutions', 'ssm:StopAutomationExecution'],
          resources: [stack.formatArn({ service: 'ssm', resource: 'automation-execution', resourceName: '*' })],
        }),
        new iam.PolicyStatement({
          sid: 'PassRunbookRolesToSsm',
          actions: ['iam:PassRole'],
          resources: runbooks.map((r) => this.roles[r].roleArn),
          conditions: { StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' } },
        }),
      ],
    });
    acknowledgeWildcardsOfKinds(policy, RUNBOOK_WILDCARDS);
    return policy;
  }

  /** A role only Systems Manager may assume, for an automation of this account and region. */
  private createRole(runbook: IncidentRunbook): iam.Role {
    const stack = Stack.of(this);
    return new iam.Role(this, `${runbook}Role`, {
      description: `Runs the ${this.runbookName(runbook)} incident runbook (SSM Automation) and nothing else`,
      assumedBy: new iam.ServicePrincipal('ssm.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'ssm', resource: 'automation-execution', resourceName: '*' }) },
        },
      }),
    });
  }

  private createDocument(runbook: IncidentRunbook, definition: RunbookDefinition): ssm.CfnDocument {
    const role = this.roles[runbook];
    const content = definition.content(role.roleArn);
    assertDryRunChangesNothing(this.runbookName(runbook), content);
    const policy = new iam.ManagedPolicy(this, `${runbook}Policy`, {
      description: `What the ${this.runbookName(runbook)} runbook's steps call, and nothing else`,
      statements: definition.statements,
      roles: [role],
    });
    acknowledgeWildcardsOfKinds(policy, RUNBOOK_WILDCARDS);
    const document = new ssm.CfnDocument(this, runbook, {
      name: this.runbookName(runbook),
      documentType: 'Automation',
      documentFormat: 'JSON',
      // A change publishes a new version of the same document, so its name (and every alert's link) stays.
      updateMethod: 'NewVersion',
      content,
    });
    document.node.addDependency(policy);
    return document;
  }
}

function validateLists(props: IncidentRunbooksProps): void {
  const required: [keyof IncidentRunbooksProps, string][] = [
    ['endpointKeys', 'the keys endpoint configurations encrypt with (the environment\'s models and data keys)'],
    ['personaRoles', 'the persona roles whose sessions may be revoked'],
    ['dataBuckets', 'the data buckets whose prefixes may be quarantined'],
    ['forensicSourceBuckets', 'the capture and model-artifacts buckets'],
    ['forensicSourceKeys', 'the keys of the capture and model-artifacts buckets'],
  ];
  for (const [prop, what] of required) {
    const value = props[prop] as unknown[] | undefined;
    if (!Array.isArray(value) || value.length === 0) {
      throw new Soc2MlError(`${prop} is ${JSON.stringify(value)}: pass ${what}; a runbook with nothing to act on cannot help in an incident.`);
    }
  }
  if (!props.evidenceStore?.bucket || !props.evidenceStore.encryptionKey) {
    throw new Soc2MlError('evidenceStore is incomplete: pass the bucket (Object Lock on) and key forensic evidence is copied into, for example the environment\'s evidence archive.');
  }
  if (Token.isUnresolved(props.environmentName)) {
    throw new Soc2MlError('environmentName is a token: the runbooks\' names and patterns need it at synth.');
  }
}
