import { StackTemplate } from '../template';
import { Decision, Evaluation } from './evaluator';
import { AccessMatrix, accessMatrix, Cell, Operation, principalLabel, Target } from './matrix';
import { AppPrincipal, PrincipalKind } from './principals';

/*
 * Segregation of duties, asserted on the computed access matrix: what the personas' deny statements
 * and the people list intend, checked against what the app's policies actually grant, including
 * through roles a principal can assume.
 */

/** One duty: who must not be able to do what. */
export interface Duty {
  readonly id: string;
  /** The duty in words, as findings name it. */
  readonly text: string;
  readonly subjects: (p: AppPrincipal) => boolean;
  readonly operation: Operation;
  readonly targets?: (t: Target) => boolean;
  /** Whether roles the subject can assume count as the subject (a person acts through them). */
  readonly throughAssumedRoles: boolean;
}

const persona = (name: string) => (p: AppPrincipal) => p.persona === name;
const everyone = () => true;
/** Production environments, by their `Environment` tag (the default app's `prod`). */
export const isProductionEnvironment = (environment: string | undefined): boolean => environment !== undefined && /^prod(uction)?$/i.test(environment);

export const DUTIES: readonly Duty[] = [
  { id: 'DataScientistCannotApprove', text: 'a data scientist cannot approve a model package', subjects: persona('data-scientist'), operation: Operation.APPROVE_MODEL, throughAssumedRoles: true },
  {
    id: 'DataScientistCannotDeployToProduction', text: 'a data scientist cannot create or update a production endpoint', subjects: persona('data-scientist'),
    operation: Operation.CREATE_OR_UPDATE_ENDPOINT, targets: (t) => isProductionEnvironment(t.environment), throughAssumedRoles: true,
  },
  { id: 'ApproverCannotWriteData', text: 'a model approver cannot write training data or model artifacts', subjects: persona('model-approver'), operation: Operation.WRITE_DATA, throughAssumedRoles: true },
  { id: 'NoOneStopsTheTrail', text: 'no principal the app defines can stop or delete the trail', subjects: everyone, operation: Operation.STOP_TRAIL, throughAssumedRoles: false },
  { id: 'NoOneDeletesKeys', text: 'no principal the app defines can schedule key deletion', subjects: everyone, operation: Operation.SCHEDULE_KEY_DELETION, throughAssumedRoles: false },
  { id: 'WorkloadsCannotAssumePersonas', text: 'no workload role can assume a persona', subjects: (p) => p.kind === PrincipalKind.WORKLOAD, operation: Operation.ASSUME_PERSONA, throughAssumedRoles: false },
];

/** A duty broken: the subject, the roles it goes through, and the cell that breaks it. */
export interface DutyViolation {
  readonly duty: Duty;
  readonly subject: AppPrincipal;
  /** The roles assumed on the way, in order (empty when the subject itself can). */
  readonly through: readonly AppPrincipal[];
  readonly cell: Cell;
}

/**
 * Whether an evaluation breaks a duty: allowed, or conditional on the app's own statements. A
 * decision that depends only on AWS-managed policies (whose text synth does not have) is shown in
 * the matrix as conditional and not asserted: it would fail every role with a service policy. (The
 * duties evaluate only cells the app's own statements could allow.)
 */
export function breaks(evaluation: Evaluation): boolean {
  return evaluation.decision === Decision.ALLOWED
    || evaluation.decision === Decision.CONDITIONAL && evaluation.keys.some((k) => !k.startsWith('AWS-managed'));
}

/** The roles a principal can reach by assuming roles, each with the chain that reaches it (breadth first). */
function reachable(matrix: AccessMatrix, start: AppPrincipal): Map<AppPrincipal, AppPrincipal[]> {
  const chains = new Map<AppPrincipal, AppPrincipal[]>([[start, []]]);
  const queue = [start];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (const { role, evaluation } of matrix.assumable(from)) {
      if (!chains.has(role) && breaks(evaluation)) {
        chains.set(role, [...chains.get(from)!, role]);
        queue.push(role);
      }
    }
  }
  return chains;
}

const violationsByApp = new WeakMap<readonly StackTemplate[], DutyViolation[]>();

/** Every duty the app's policies break, computed once per app. */
export function dutyViolations(stacks: readonly StackTemplate[]): readonly DutyViolation[] {
  let out = violationsByApp.get(stacks);
  if (!out) {
    out = computeViolations(accessMatrix(stacks));
    violationsByApp.set(stacks, out);
  }
  return out;
}

/** The targets a duty is checked on, in an app's matrix (none: the duty examined nothing). */
export function dutyTargets(matrix: AccessMatrix, duty: Duty): Target[] {
  return (matrix.targets.get(duty.operation) ?? []).filter((t) => !duty.targets || duty.targets(t));
}

function computeViolations(matrix: AccessMatrix): DutyViolation[] {
  const out: DutyViolation[] = [];
  for (const duty of DUTIES) {
    const targets = dutyTargets(matrix, duty);
    if (targets.length === 0) {
      continue;
    }
    for (const subject of matrix.principals.filter(duty.subjects)) {
      const actors = duty.throughAssumedRoles ? reachable(matrix, subject) : new Map([[subject, []]]);
      for (const [actor, through] of actors) {
        for (const t of matrix.candidates(actor, duty.operation, targets)) {
          const cell = matrix.cell(actor, duty.operation, t);
          if (cell && breaks(cell.evaluation)) {
            out.push({ duty, subject, through, cell });
          }
        }
      }
    }
  }
  return out;
}

/** A violation in a sentence: the duty, the principals, the operation and the statements. */
export function describeViolation(v: DutyViolation): string {
  const chain = v.through.length > 0 ? `, through ${v.through.map(principalLabel).join(' then ')} (which it can assume),` : '';
  const e = v.cell.evaluation;
  const how = e.decision === Decision.ALLOWED ? 'is allowed' : `may be allowed (conditional on ${e.keys.join(', ')})`;
  return `Segregation of duties "${v.duty.text}" is broken: ${principalLabel(v.subject)}${chain} ${how} ${v.cell.action} on ${v.cell.target.label}, by ${e.statements.join('; ') || 'its policies'}.`;
}
