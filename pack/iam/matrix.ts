import { TagKeys } from '../../core/tags';
import { StackTemplate, TemplateResource } from '../template';
import { allowsAction, Decision, Evaluation, evaluateRequest, NamedPolicy, namedArns, PolicySet } from './evaluator';
import { AppPrincipal, appPrincipals } from './principals';
import { accountOf, lazilyRendered, namesOf, renderValue } from './render';
import { Json } from '../json';

/*
 * The access matrix: for every principal the app defines and every sensitive operation on the app's
 * resources, what AWS would decide (allowed, denied, or conditional on keys) within one account.
 * Computed once per app and shared by the segregation-of-duties rule and the evidence.
 */

/** The sensitive operations, each an IAM action on one kind of resource. */
export enum Operation {
  READ_DATA = 'read-data',
  WRITE_DATA = 'write-data',
  CHANGE_BUCKET_POLICY = 'change-bucket-policy',
  DECRYPT = 'decrypt',
  CHANGE_KEY_POLICY = 'change-key-policy',
  SCHEDULE_KEY_DELETION = 'schedule-key-deletion',
  APPROVE_MODEL = 'approve-model',
  REGISTER_MODEL = 'register-model',
  CREATE_OR_UPDATE_ENDPOINT = 'create-or-update-endpoint',
  INVOKE_ENDPOINT = 'invoke-endpoint',
  STOP_TRAIL = 'stop-trail',
  DISABLE_GUARDDUTY = 'disable-guardduty',
  DISABLE_CONFIG = 'disable-config',
  ASSUME_PERSONA = 'assume-persona',
}

interface OperationSpec {
  readonly operation: Operation;
  readonly label: string;
  readonly actions: readonly string[];
  /** The resources it applies to; a target per resource. */
  readonly targets: (stacks: readonly StackTemplate[]) => readonly Target[];
}

/** One resource an operation is asked about. */
export interface Target {
  /** `<stack path>/<logical id>`, or `<stack path>/*` for every resource of a kind in an environment. */
  readonly id: string;
  /** What the column says: the construct path and, for data, its classification. */
  readonly label: string;
  readonly stack: StackTemplate;
  readonly resource: string;
  readonly anySuffix: boolean;
  readonly resourcePolicy?: NamedPolicy;
  readonly resourcePolicyRequired: boolean;
  readonly classification?: string;
  readonly environment?: string;
  /** The persona, for assume-persona targets. */
  readonly persona?: string;
}

function label(resource: TemplateResource): string {
  return resource.cdkPath?.replace(/\/Resource$/, '') ?? `${resource.template.stackPath}/${resource.logicalId}`;
}

function literalTag(resource: TemplateResource, key: string): string | undefined {
  const v = resource.tag(key);
  return typeof v === 'string' ? v : undefined;
}

function target(resource: TemplateResource, arn: string, extra: Partial<Target> = {}): Target {
  return {
    id: `${resource.template.stackPath}/${resource.logicalId}`,
    label: label(resource),
    stack: resource.template,
    resource: arn,
    anySuffix: false,
    resourcePolicyRequired: false,
    environment: literalTag(resource, TagKeys.ENVIRONMENT),
    ...extra,
  };
}

const classifiedBuckets = (stacks: readonly StackTemplate[]) => stacks.flatMap((s) => s.ofType('AWS::S3::Bucket')).filter((b) => literalTag(b, TagKeys.DATA_CLASSIFICATION) !== undefined);

function bucketPolicy(bucket: TemplateResource): NamedPolicy | undefined {
  const policies = bucket.template.app?.referencing('AWS::S3::BucketPolicy', 'Bucket', bucket) ?? bucket.template.referencing('AWS::S3::BucketPolicy', 'Bucket', bucket.logicalId);
  if (policies.length === 0) {
    return undefined;
  }
  // A bucket has one policy; should a template give it several, their statements all apply.
  const parts = policies.map((p) => lazilyRendered(label(p), p.template, p.properties.PolicyDocument));
  return { name: label(policies[0]), document: { Statement: parts.flatMap((p) => (p.document as { Statement: Json[] }).Statement) }, render: (statement) => renderValue(policies[0].template, statement) };
}

function objects(stacks: readonly StackTemplate[]): Target[] {
  return classifiedBuckets(stacks).map((b) => target(b, `${namesOf(b).arn}/`, {
    anySuffix: true, resourcePolicy: bucketPolicy(b), classification: literalTag(b, TagKeys.DATA_CLASSIFICATION),
  }));
}

function buckets(stacks: readonly StackTemplate[]): Target[] {
  return classifiedBuckets(stacks).map((b) => target(b, namesOf(b).arn, { resourcePolicy: bucketPolicy(b), classification: literalTag(b, TagKeys.DATA_CLASSIFICATION) }));
}

function keys(stacks: readonly StackTemplate[]): Target[] {
  return stacks.flatMap((s) => s.ofType('AWS::KMS::Key')).map((k) => target(k, namesOf(k).arn, {
    resourcePolicy: lazilyRendered(label(k), k.template, k.properties.KeyPolicy), resourcePolicyRequired: true,
  }));
}

function modelPackages(stacks: readonly StackTemplate[]): Target[] {
  return stacks.flatMap((s) => s.ofType('AWS::SageMaker::ModelPackageGroup')).map((g) => {
    const name = namesOf(g).attributes.ModelPackageGroupName.toLowerCase();
    const policy = g.properties.ModelPackageGroupPolicy;
    return target(g, namesOf(g).arn.replace(/model-package-group\/.*$/, `model-package/${name}/`), {
      anySuffix: true, resourcePolicy: policy === undefined ? undefined : lazilyRendered(label(g), g.template, policy),
    });
  });
}

/** Every resource of a service in an environment (stack): `arn:aws:<service>:<region>:<account>:<prefix>`. */
function perStack(service: string, prefix: string) {
  return (stacks: readonly StackTemplate[]): Target[] => stacks.filter((s) => s.nestedIn === undefined && s.resources.size > 0).map((s) => ({
    id: `${s.stackPath}/*`,
    label: `every ${service} ${prefix.replace(/\/$/, '')} of ${s.stackPath}`,
    stack: s,
    resource: `arn:aws:${service}:${s.region ?? 'REGION'}:${accountOf(s)}:${prefix}`,
    anySuffix: true,
    resourcePolicyRequired: false,
    environment: environmentOf(s),
  }));
}

function environmentOf(stack: StackTemplate): string | undefined {
  for (const r of stack.resources.values()) {
    const env = literalTag(r, TagKeys.ENVIRONMENT);
    if (env !== undefined) {
      return env;
    }
  }
  return undefined;
}

function ofType(type: string, arn: (r: TemplateResource) => string) {
  return (stacks: readonly StackTemplate[]): Target[] => stacks.flatMap((s) => s.ofType(type)).map((r) => target(r, arn(r)));
}

/** A role as the target of `sts:AssumeRole`: its trust policy decides with the caller's policies. */
function trustTarget(r: TemplateResource): Target {
  return target(r, namesOf(r).arn, {
    resourcePolicy: lazilyRendered(`${label(r)} (trust policy)`, r.template, r.properties.AssumeRolePolicyDocument),
    resourcePolicyRequired: true,
    persona: literalTag(r, TagKeys.PERSONA),
  });
}

function personaRoles(stacks: readonly StackTemplate[]): Target[] {
  return stacks.flatMap((s) => s.ofType('AWS::IAM::Role')).filter((r) => literalTag(r, TagKeys.PERSONA) !== undefined).map(trustTarget);
}

/** The operations of the matrix, in the order the evidence shows them. */
export const OPERATIONS: readonly OperationSpec[] = [
  { operation: Operation.READ_DATA, label: 'Read data', actions: ['s3:GetObject'], targets: objects },
  { operation: Operation.WRITE_DATA, label: 'Write data', actions: ['s3:PutObject'], targets: objects },
  { operation: Operation.CHANGE_BUCKET_POLICY, label: 'Change a bucket policy', actions: ['s3:PutBucketPolicy'], targets: buckets },
  { operation: Operation.DECRYPT, label: 'Decrypt with a key', actions: ['kms:Decrypt'], targets: keys },
  { operation: Operation.CHANGE_KEY_POLICY, label: 'Change a key policy', actions: ['kms:PutKeyPolicy'], targets: keys },
  { operation: Operation.SCHEDULE_KEY_DELETION, label: 'Schedule key deletion', actions: ['kms:ScheduleKeyDeletion'], targets: keys },
  { operation: Operation.APPROVE_MODEL, label: 'Approve a model package', actions: ['sagemaker:UpdateModelPackage'], targets: modelPackages },
  { operation: Operation.REGISTER_MODEL, label: 'Register a model package', actions: ['sagemaker:CreateModelPackage'], targets: modelPackages },
  { operation: Operation.CREATE_OR_UPDATE_ENDPOINT, label: 'Create or update an endpoint', actions: ['sagemaker:CreateEndpoint', 'sagemaker:UpdateEndpoint'], targets: perStack('sagemaker', 'endpoint/') },
  { operation: Operation.INVOKE_ENDPOINT, label: 'Invoke an endpoint', actions: ['sagemaker:InvokeEndpoint'], targets: perStack('sagemaker', 'endpoint/') },
  { operation: Operation.STOP_TRAIL, label: 'Stop or delete the trail', actions: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], targets: ofType('AWS::CloudTrail::Trail', (r) => namesOf(r).arn) },
  { operation: Operation.DISABLE_GUARDDUTY, label: 'Disable GuardDuty', actions: ['guardduty:DeleteDetector', 'guardduty:UpdateDetector'], targets: ofType('AWS::GuardDuty::Detector', (r) => namesOf(r).arn) },
  { operation: Operation.DISABLE_CONFIG, label: 'Disable AWS Config', actions: ['config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder'], targets: ofType('AWS::Config::ConfigurationRecorder', () => '*') },
  { operation: Operation.ASSUME_PERSONA, label: 'Assume a persona', actions: ['sts:AssumeRole'], targets: personaRoles },
];

/** One cell: a principal, an operation on a target, and the decision. */
export interface Cell {
  readonly principal: AppPrincipal;
  readonly operation: Operation;
  readonly target: Target;
  /** The decision over the operation's actions: denied only if every action is denied, allowed if one is. */
  readonly evaluation: Evaluation;
  /** The action that decided. */
  readonly action: string;
}

export interface AccessMatrix {
  readonly principals: readonly AppPrincipal[];
  /** The targets of each operation, found when first asked for. */
  readonly targets: Pick<ReadonlyMap<Operation, readonly Target[]>, 'get'>;
  /**
   * The cell of a principal, an operation and a target, evaluated on first ask; undefined when
   * the two are not compared (another account, or the principal itself).
   */
  cell(principal: AppPrincipal, operation: Operation, target: Target): Cell | undefined;
  /** Every cell, principal by principal, operation by operation. */
  cells(): readonly Cell[];
  /**
   * The roles of the app (persona or not) whose assumption by `principal` is not denied outright,
   * each with its evaluation: those its own statements or the role's trust policy could allow.
   */
  assumable(principal: AppPrincipal): readonly { readonly role: AppPrincipal; readonly evaluation: Evaluation }[];
  /**
   * The targets among `targets` on which the principal's own statements could allow the operation:
   * all of them when an identity statement of the principal names one of its actions, otherwise
   * those whose resource policy names the principal (or everyone) for one. AWS-managed policies do
   * not count: what rests on them alone is shown in the matrix, not asserted by the duties.
   */
  candidates(principal: AppPrincipal, operation: Operation, targets: readonly Target[]): readonly Target[];
}

const matrices = new WeakMap<readonly StackTemplate[], AccessMatrix>();

/** The targets whose resource policy names everyone, and those naming each principal ARN. */
interface NamedIndex {
  readonly everyone: Set<Target>;
  readonly byArn: Map<string, Set<Target>>;
}

/**
 * The request context every evaluation assumes: TLS (1.2), the principal's ARN and account; no MFA
 * (a role session). Anything else a condition reads (encryption headers, `kms:ViaService`, tags)
 * leaves the decision conditional on it.
 */
function contextOf(p: AppPrincipal): Record<string, string | readonly string[]> {
  return {
    'aws:securetransport': 'true',
    's3:tlsversion': '1.2',
    'aws:principalarn': p.request.arn,
    'aws:principalaccount': p.request.account,
    'aws:multifactorauthpresent': [],
    'aws:principalisawsservice': 'false',
  };
}

/** The access matrix of an app, one per app; cells are evaluated when asked for. */
export function accessMatrix(stacks: readonly StackTemplate[]): AccessMatrix {
  let matrix = matrices.get(stacks);
  if (!matrix) {
    matrix = new LazyMatrix(stacks);
    matrices.set(stacks, matrix);
  }
  return matrix;
}

const RANK: Record<Decision, number> = { [Decision.ALLOWED]: 2, [Decision.CONDITIONAL]: 1, [Decision.DENIED]: 0 };
const SPECS = new Map(OPERATIONS.map((o) => [o.operation, o]));

class LazyMatrix implements AccessMatrix {
  public readonly principals: readonly AppPrincipal[];
  public readonly targets: Pick<ReadonlyMap<Operation, readonly Target[]>, 'get'>;
  private readonly memo = new Map<string, Cell | undefined>();
  private readonly contexts = new Map<AppPrincipal, Record<string, string | readonly string[]>>();

  constructor(stacks: readonly StackTemplate[]) {
    this.principals = appPrincipals(stacks);
    // The duties ask for a few operations' targets; the evidence for all of them.
    const found = new Map<Operation, readonly Target[]>();
    this.targets = {
      get: (operation) => {
        let list = found.get(operation);
        if (!list) {
          list = SPECS.get(operation)?.targets(stacks);
          if (list) {
            found.set(operation, list);
          }
        }
        return list;
      },
    };
  }

  public cell(principal: AppPrincipal, operation: Operation, t: Target): Cell | undefined {
    const key = `${principal.id}\u0000${operation}\u0000${t.id}`;
    if (!this.memo.has(key)) {
      this.memo.set(key, this.evaluate(principal, SPECS.get(operation)!, t));
    }
    return this.memo.get(key);
  }

  public cells(): readonly Cell[] {
    const out: Cell[] = [];
    for (const p of this.principals) {
      for (const spec of OPERATIONS) {
        for (const t of this.targets.get(spec.operation)!) {
          const c = this.cell(p, spec.operation, t);
          if (c) {
            out.push(c);
          }
        }
      }
    }
    return out;
  }

  public assumable(principal: AppPrincipal): readonly { readonly role: AppPrincipal; readonly evaluation: Evaluation }[] {
    if (!this.roleTrusts) {
      // Every role of the app as the target of `sts:AssumeRole`, made once.
      const roles = this.principals.filter((p) => p.request.kind === 'role');
      const targets = roles.map((r) => trustTarget(r.resource));
      this.roleTrusts = { targets, roles: new Map(targets.map((t, i) => [t, roles[i]])) };
    }
    const { targets, roles } = this.roleTrusts;
    const out: { role: AppPrincipal; evaluation: Evaluation }[] = [];
    for (const t of this.candidates(principal, Operation.ASSUME_PERSONA, targets)) {
      const evaluation = this.cell(principal, Operation.ASSUME_PERSONA, t)?.evaluation;
      if (evaluation) {
        out.push({ role: roles.get(t)!, evaluation });
      }
    }
    return out;
  }

  private roleTrusts?: { readonly targets: readonly Target[]; readonly roles: ReadonlyMap<Target, AppPrincipal> };

  public candidates(principal: AppPrincipal, operation: Operation, targets: readonly Target[]): readonly Target[] {
    const actions = SPECS.get(operation)!.actions;
    if (actions.some((action) => this.grants(principal, action))) {
      return targets;
    }
    const named = this.namedIndex(operation, targets);
    const mine = named.byArn.get(principal.request.arn);
    if (named.everyone.size === 0 && !mine) {
      return [];
    }
    return targets.filter((t) => named.everyone.has(t) || mine?.has(t));
  }

  private readonly namedIndexes = new WeakMap<readonly Target[], Map<Operation, NamedIndex>>();

  /**
   * Which of `targets` have a resource policy whose Allow for one of the operation's actions names
   * a principal (by ARN) or everyone: built once per list of targets, so that asking for each
   * principal is a lookup rather than a pass over the targets.
   */
  private namedIndex(operation: Operation, targets: readonly Target[]): NamedIndex {
    let byOperation = this.namedIndexes.get(targets);
    if (!byOperation) {
      byOperation = new Map();
      this.namedIndexes.set(targets, byOperation);
    }
    let index = byOperation.get(operation);
    if (!index) {
      index = { everyone: new Set(), byArn: new Map() };
      for (const t of targets) {
        if (!t.resourcePolicy) {
          continue;
        }
        for (const action of SPECS.get(operation)!.actions) {
          for (const arn of namedArns(t.resourcePolicy, action)) {
            if (arn === '*') {
              index.everyone.add(t);
            } else {
              let set = index.byArn.get(arn);
              if (!set) {
                set = new Set();
                index.byArn.set(arn, set);
              }
              set.add(t);
            }
          }
        }
      }
      byOperation.set(operation, index);
    }
    return index;
  }

  private readonly granting = new Map<AppPrincipal, Map<string, boolean>>();

  /** Whether an identity statement of the principal allows the action somewhere. */
  private grants(principal: AppPrincipal, action: string): boolean {
    let byAction = this.granting.get(principal);
    if (!byAction) {
      byAction = new Map();
      this.granting.set(principal, byAction);
    }
    let g = byAction.get(action);
    if (g === undefined) {
      g = principal.policies.identity.some((p) => allowsAction(p, action));
      byAction.set(action, g);
    }
    return g;
  }

  private evaluate(principal: AppPrincipal, spec: OperationSpec, t: Target): Cell | undefined {
    // One account: a principal and a resource of two different known accounts are not compared.
    if (accountOf(t.stack) !== principal.request.account || t.resource === principal.request.arn) {
      return undefined;
    }
    let context = this.contexts.get(principal);
    if (!context) {
      context = contextOf(principal);
      this.contexts.set(principal, context);
    }
    const policies: PolicySet = { ...principal.policies, resource: t.resourcePolicy, resourcePolicyRequired: t.resourcePolicyRequired };
    let best: Cell | undefined;
    for (const action of spec.actions) {
      const evaluation = evaluateRequest({ principal: principal.request, action, resource: t.resource, anySuffix: t.anySuffix, context }, policies);
      if (!best || RANK[evaluation.decision] > RANK[best.evaluation.decision]) {
        best = { principal, operation: spec.operation, target: t, evaluation, action };
      }
    }
    return best;
  }
}

/** A principal's name as findings and the evidence show it. */
export function principalLabel(p: AppPrincipal): string {
  return `${label(p.resource)}${p.persona ? ` (${p.persona})` : ''}`;
}
