import { ChecksDocument, Conclusion } from './checks';
import { ControlMatrix, CriterionEvidence, CriterionStatus, ResourceOutcome, STATUS_MEANINGS, STATUS_ORDER, statusWords } from './control-matrix';
import { LEGEND } from './diagram';
import { ExceptionGroup, ExceptionsRegister } from './exceptions';
import { describeKey, Inventory } from './inventory';
import { LOGICAL_LEGEND, LogicalDiagram } from './logical-diagram';
import { SourceRevision } from './manifest';

/*
 * One self-contained page for people: a one-screen summary (criteria by status, the checks that
 * ran, the exceptions, what no rule judged), then the criteria, the logical data flow of each
 * environment, the exceptions register and the inventory, long tables folded. No script, no
 * external resource (a Content-Security-Policy forbids any), so it opens offline, from a CI
 * artifact or an auditor's disk.
 */

/** An environment's logical data-flow diagram, rendered. */
export interface DataFlowContent {
  readonly diagram: LogicalDiagram;
  /** Undefined when rendering failed (the DOT file is still written). */
  readonly svg?: string;
  readonly files: { readonly dot: string; readonly svg: string };
}

export interface PageContent {
  readonly checks: ChecksDocument;
  readonly matrix: ControlMatrix;
  readonly inventory: Inventory;
  readonly register: ExceptionsRegister;
  /** The git commit the app was synthesized from, when known. */
  readonly source?: SourceRevision;
  readonly stacks: number;
  /** Resources of types no rule reads. */
  readonly notJudged: number;
  /** Whether the full resource graph was rendered (resource-graph.svg). */
  readonly resourceGraph: boolean;
  readonly dataFlows: readonly DataFlowContent[];
  /** More sections, placed before the inventory. */
  readonly extraSections?: readonly PageSection[];
}

const CSS = `
:root { color-scheme: light; --ok: #2e7d32; --bad: #c62828; --ack: #b8860b; --warn: #ef6c00; --muted: #607d8b; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; color: #263238; background: #fafafa; }
header, section { padding: 12px 28px; }
header { background: #263238; color: #eceff1; }
header p { margin: 4px 0; }
nav a { color: #b2ebf2; margin-right: 14px; }
h1 { margin: 0 0 6px; font-size: 22px; }
h2 { border-bottom: 2px solid #cfd8dc; padding-bottom: 4px; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 8px 0 12px; font-size: 13px; }
th, td { border: 1px solid #cfd8dc; padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: #eceff1; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.passed, .enforced-at-design, .designed-and-monitored { color: var(--ok); font-weight: 600; }
.operating-evidence-required { color: #1565c0; font-weight: 600; }
.failed, .FAILED, .not-addressed { color: var(--bad); font-weight: 700; }
.acknowledged { color: var(--ack); font-weight: 600; }
.warnings { color: var(--warn); }
.outside-infrastructure, .muted { color: var(--muted); }
.tiles { display: flex; gap: 10px; flex-wrap: wrap; margin: 8px 0; }
.tile { background: #fff; border: 1px solid #cfd8dc; padding: 6px 12px; min-width: 170px; flex: 1; }
.tile b { font-size: 22px; display: block; }
.diagram { background: #fff; border: 1px solid #cfd8dc; padding: 6px; margin: 6px 0 12px; }
.diagram svg { max-width: 100%; height: auto; display: block; }
details { background: #fff; border: 1px solid #cfd8dc; margin: 6px 0; padding: 4px 10px; }
summary { cursor: pointer; font-weight: 600; }
`;

/** A section of the page: its anchor, its heading and its markup. */
export interface PageSection {
  readonly id: string;
  readonly title: string;
  readonly html: readonly string[];
}

export function renderHtml(content: PageContent): string {
  const sections: PageSection[] = [
    { id: 'summary', title: 'Summary', html: summarySection(content) },
    { id: 'criteria', title: 'Criteria', html: criteriaSection(content.matrix) },
    { id: 'data-flow', title: 'Data flow', html: dataFlowSection(content) },
    { id: 'exceptions', title: 'Exceptions register', html: exceptionsSection(content.register) },
    // Sections other evidence modules contribute (e.g. an access matrix) come before the inventory.
    ...(content.extraSections ?? []),
    { id: 'inventory', title: 'Inventory', html: inventorySection(content.inventory) },
  ];
  const parts: string[] = [
    ...documentHead(),
    '<body>',
    ...pageHeader(content, sections),
    ...sections.flatMap((s) => [`<section id="${esc(s.id)}">`, `<h2>${esc(s.title)}</h2>`, ...s.html, '</section>']),
    '</body>', '</html>',
  ];
  return parts.join('\n') + '\n';
}

function documentHead(): string[] {
  return ['<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>SOC 2 audit evidence</title>', `<style>${CSS}</style>`, '</head>'];
}

function pageHeader(content: PageContent, sections: readonly PageSection[]): string[] {
  const { checks, matrix, source } = content;
  const revision = source
    ? `commit <code>${esc(source.commit.slice(0, 12))}</code> of ${esc(source.commitDate)}${source.uncommittedChanges ? ', <strong>with uncommitted changes</strong>' : ''}`
    : 'no git commit (the app is not in a git work tree)';
  return ['<header>', '<h1>SOC 2 audit evidence</h1>',
    `<p>Design evidence generated from the app at synth by cdk-soc2-ml: ${content.stacks} stacks, ${revision}. Synthesis <strong class="${checks.synthesis}">${checks.synthesis === Conclusion.PASSED ? 'passed every check' : 'FAILED a check'}</strong>${matrix.pack ? `; judged by ${esc(matrix.pack.plugin)} ${esc(matrix.pack.version)}` : ''}. evidence-manifest.json holds the versions, the stacks and the hash of every file.</p>`,
    `<nav>${sections.map((s) => `<a href="#${esc(s.id)}">${esc(s.title)}</a>`).join('')}</nav>`,
    '</header>'];
}

/** One screen: criteria by status, the checks that ran, exceptions and what no rule judged. */
function summarySection(content: PageContent): string[] {
  const { checks, matrix, register } = content;
  const r = register.summary;
  return [
    '<div class="tiles" id="status-summary">',
    ...STATUS_ORDER.map((st) => `<div class="tile" data-status="${st}" title="${esc(STATUS_MEANINGS[st])}"><b class="${st}">${matrix.summary[st]}</b>${esc(statusWords(st))}</div>`),
    '</div>',
    `<p class="muted">Criteria of the Trust Services Criteria (${matrix.criteria.length}), each with one status. ${esc(statusWords(CriterionStatus.ENFORCED_AT_DESIGN))}: ${esc(STATUS_MEANINGS[CriterionStatus.ENFORCED_AT_DESIGN])}. A synth shows design; only records over the audit period show operation.</p>`,
    table('checks-table', ['check that ran', 'version', 'rules', 'conclusion', 'errors', 'warnings', 'acknowledged'], checks.checks.map((c) => [
      esc(c.plugin), esc(c.version ?? 'not reported'), num(c.ruleCount), `<span class="${c.conclusion}">${c.conclusion}</span>`,
      num(c.findings.errors, 'failed'), num(c.findings.warnings, 'warnings'), num(c.findings.acknowledged),
    ])),
    `<p id="exceptions-summary">Exceptions: <strong>${r.acknowledgements}</strong> acknowledgements (${r.platform} the platform's, ${r.user} the app's${r.awsCdk ? `, ${r.awsCdk} the AWS CDK's` : ''}), ${r.distinctReasons} distinct reasons, covering ${r.findingsCovered} findings; <span class="${r.matchedNoFinding ? 'warnings' : ''}">${r.matchedNoFinding} matched no finding</span>; <span class="${r.reviewOverdue ? 'failed' : ''}">${r.reviewOverdue} past their review date</span>. `
      + `Resources not judged (types no rule reads): <strong>${content.notJudged}</strong>.</p>`,
  ];
}

/** Every criterion with its status and why; each one's rules and findings folded below. */
function criteriaSection(matrix: ControlMatrix): string[] {
  return [
    '<p class="muted">Every Trust Services Criterion, with exactly one status and its basis. Rules that examined no resource contribute nothing. control-matrix.md and control-matrix.json hold the same, with each rule\'s verdicts.</p>',
    table('control-matrix-table', ['criterion', 'title', 'status', 'basis'], matrix.criteria.map((c) => [
      `<a href="#criterion-${anchor(c.criterion)}">${esc(c.criterion)}</a>`, esc(c.title), `<span class="${c.status}">${esc(statusWords(c.status))}</span>`, esc(c.basis),
    ]), (i) => `data-criterion="${esc(matrix.criteria[i].criterion)}" data-status="${matrix.criteria[i].status}"`),
    `<details id="criteria-details"><summary>Rules, findings and deployed controls per criterion</summary>${matrix.criteria.filter((c) => c.status !== CriterionStatus.OUTSIDE_INFRASTRUCTURE).flatMap(criterionDetails).join('\n')}</details>`,
  ];
}

function criterionDetails(c: CriterionEvidence): string[] {
  const parts = [`<h3 id="criterion-${anchor(c.criterion)}">${esc(c.criterion)} — ${esc(c.title)}: <span class="${c.status}">${esc(statusWords(c.status))}</span></h3>`];
  if (c.rules.length > 0) {
    parts.push(table(undefined, ['rule', 'severity', 'passed', 'acknowledged', 'failed', 'warnings', 'not applicable'], c.rules.map((r) => [
      code(r.rule), esc(r.severity), num(r.counts.passed), num(r.counts.acknowledged, 'acknowledged'), num(r.counts.failed, 'failed'), num(r.counts.warnings, 'warnings'), num(r.counts.notApplicable),
    ])));
    // Passing verdicts far outnumber the rest, so the page lists only the rest; control-matrix.json lists all.
    const rest = c.rules.flatMap((r) => r.resources.filter((x) => x.outcome !== ResourceOutcome.PASSED).map((x) => ({ rule: r.rule, ...x })));
    if (rest.length > 0) {
      parts.push(table(undefined, ['rule', 'resource', 'outcome', 'detail or reason'], rest.map((e) => [
        code(e.rule), code(e.constructPath), `<span class="${e.outcome}">${e.outcome}</span>`,
        esc(e.outcome === ResourceOutcome.ACKNOWLEDGED ? `${e.reason ?? ''} (acknowledged at ${e.acknowledgedAt ?? ''})` : e.detail ?? ''),
      ])));
    }
  }
  if (c.rulesExaminedNothing.length > 0) {
    parts.push(`<p class="muted">Examined no resource of this app (contribute nothing): ${c.rulesExaminedNothing.map(code).join(', ')}.</p>`);
  }
  if (c.controls.length > 0) {
    parts.push(`<ul>${c.controls.map((d) => `<li>${esc(d.name)} (${d.resources.length}): ${esc(d.records)}.</li>`).join('')}</ul>`);
  }
  return parts;
}

/** Each environment's logical data flow, legible at page width; the full resource graph is its own file. */
function dataFlowSection(content: PageContent): string[] {
  return [`<p class="muted">${esc(LOGICAL_LEGEND)}</p>`,
    ...content.dataFlows.flatMap((f) => [
      `<h3>Environment ${esc(f.diagram.environment)}</h3>`,
      f.svg ? `<div class="diagram" data-environment="${esc(f.diagram.environment)}">${inlineSvg(f.svg)}</div>` : `<p class="failed">The diagram could not be rendered; its Graphviz source is in ${esc(f.files.dot)}.</p>`,
    ]),
    content.dataFlows.length === 0 ? '<p class="muted">No environment of the app holds a data store of the ML lifecycle.</p>' : '',
    content.resourceGraph
      ? `<p>The full resource graph: <a href="resource-graph.svg">resource-graph.svg</a> (source resource-graph.dot). ${esc(LEGEND)}</p>`
      : '<p class="failed">The resource graph could not be rendered; its Graphviz source is in resource-graph.dot.</p>',
  ];
}

/** The exceptions register: groups by reason, the app's before the platform's; those that matched nothing. */
function exceptionsSection(register: ExceptionsRegister): string[] {
  const group = (g: ExceptionGroup) => [
    `${esc(g.origin)}${g.owner ? `<br>owner: ${esc(g.owner)}` : ''}${g.reviewBy ? `<br>review by ${esc(g.reviewBy)}${g.reviewOverdue ? ' <span class="failed">(overdue)</span>' : ''}` : ''}`,
    esc(g.reason), g.rules.map(code).join('<br>'), esc(g.criteria.join(', ')), num(g.acknowledgements.length), num(g.findings),
  ];
  return [
    `<p class="muted">Every acknowledgement in the app, from every plugin, grouped by reason, owner and review date; the app's own first, then the platform's (made by this library's constructs). Review dates are compared with ${esc(register.asOf)}, the day of synth. exceptions.json holds each acknowledgement with the construct it was made on and the findings it covered.</p>`,
    folded(`Groups (${register.groups.length})`, table('exceptions-table', ['origin', 'reason', 'rules', 'criteria', 'acknowledgements', 'findings'], register.groups.map(group)), 'exceptions-groups'),
    folded(`Matched no finding in this synth (${register.matchedNoFinding.length})`, table('unmatched-table', ['rule', 'acknowledged at', 'origin', 'reason'], register.matchedNoFinding.map((e) => [
      code(e.id), code(e.acknowledgedAt), esc(e.origin), esc(e.reason),
    ])), 'exceptions-unmatched'),
  ];
}

function inventorySection(inventory: Inventory): string[] {
  return [
    '<p class="muted">What the app defines, from its templates; each table is folded. inventory.json holds the same.</p>',
    folded(`Data stores (${inventory.dataStores.length})`, dataStoresTable(inventory)),
    folded(`Keys (${inventory.keys.length})`, keysTable(inventory)),
    folded(`Network segments and endpoints (${inventory.network.reduce((n, s) => n + s.vpcs.length, 0)} VPCs)`, networkTable(inventory)),
    folded(`Human roles (${inventory.humanRoles.length})`, humanRolesTable(inventory)),
    folded(`Model endpoints (${inventory.modelEndpoints.length})`, modelEndpointsTable(inventory)),
  ];
}

function dataStoresTable(inventory: Inventory): string {
  return table('data-stores', ['store', 'kind', 'environment', 'classification', 'personal data', 'key', 'retention', 'versioning / lock', 'retained', 'roles (by persona)'], inventory.dataStores.map((d) => [
    code(d.constructPath), esc(d.kind), esc(d.environment ?? ''), esc(d.classification ?? 'not classified'),
    d.personalData === undefined ? '<span class="muted">not tagged</span>' : d.personalData ? 'yes' : 'no',
    d.encryption.map((k) => esc(`${k.part ? `${k.part}: ` : ''}${describeKey(k)}`)).join('<br>'), esc(d.retention), esc(d.versioning), d.retainedOnDelete ? 'yes' : 'no',
    d.access.map((a) => `${esc(a.persona ?? 'no persona')}: ${code(a.role)} (${esc(a.via)})`).join('<br>'),
  ]));
}

function keysTable(inventory: Inventory): string {
  return table('keys', ['key', 'aliases', 'environment', 'rotation', 'retained', 'protects', 'roles'], inventory.keys.map((k) => [
    code(k.constructPath), esc(k.aliases.join(', ')), esc(k.environment ?? ''), k.rotation ? 'on' : '<span class="failed">off</span>', k.retainedOnDelete ? 'yes' : 'no',
    k.protects.map((p) => code(p.constructPath)).join('<br>'), k.access.map((a) => code(a.role)).join('<br>'),
  ]));
}

function networkTable(inventory: Inventory): string {
  return table('network', ['stack', 'environment', 'VPC', 'CIDR', 'subnets', 'internet gateway', 'flow logs', 'endpoints'], inventory.network.flatMap((seg) => seg.vpcs.map((v) => [
    esc(seg.stack), esc(seg.environment ?? ''), code(v.vpc), esc(v.cidr),
    v.subnets.map((s) => esc(`${s.kind} ${s.cidr} (${s.availabilityZone})`)).join('<br>'), v.internetGateway ? 'yes' : 'no',
    v.flowLogs.map((f) => esc(`${f.trafficType} → ${f.destination}`)).join('<br>') || '<span class="failed">none</span>',
    v.endpoints.map((e) => esc(`${e.service} (${e.endpointType}${e.policy ? ', policy' : ''})`)).join('<br>'),
  ])));
}

function humanRolesTable(inventory: Inventory): string {
  return table('human-roles', ['role', 'persona', 'environment', 'trusted by', 'MFA required', 'conditions', 'max session', 'managed policies'], inventory.humanRoles.map((r) => [
    code(r.constructPath), esc(r.persona ?? 'not tagged'), esc(r.environment ?? ''), r.trustedBy.map(esc).join('<br>'),
    r.mfaRequired ? '<span class="passed">yes</span>' : '<span class="failed">no</span>', r.conditions.map(esc).join('<br>'),
    r.maxSessionSeconds === undefined ? '1 h (default)' : `${r.maxSessionSeconds / 3600} h`, r.managedPolicies.map(esc).join('<br>'),
  ]));
}

function modelEndpointsTable(inventory: Inventory): string {
  return table('model-endpoints', ['endpoint', 'environment', 'variants', 'storage key', 'data capture', 'rollback alarms', 'deployment', 'monitoring'], inventory.modelEndpoints.map((e) => [
    code(e.constructPath), esc(e.environment ?? ''),
    e.variants.map((v) => esc(`${v.shadow ? 'shadow ' : ''}${v.name}: ${v.model} on ${v.serverless ?? `${v.initialInstanceCount ?? '?'} × ${v.instanceType ?? '?'}`}`)).join('<br>'),
    esc(e.storageKey ? describeKey(e.storageKey) : ''),
    esc(e.dataCapture ? `${e.dataCapture.destination} (${describeKey(e.dataCapture.key)})` : 'off'),
    e.rollbackAlarms.map((a) => code(a)).join('<br>') || '<span class="failed">none</span>',
    esc(e.deployment ?? 'all at once'), [...e.monitoring, ...e.alarms].map((m) => code(m)).join('<br>'),
  ]));
}

/** A folded block: its summary line, and the content shown when opened. */
function folded(summary: string, content: string, id?: string): string {
  return `<details${id ? ` id="${id}"` : ''}><summary>${esc(summary)}</summary>${content}</details>`;
}

/** An identifier (construct path, rule id) in code type, breakable after each slash and nowhere else. */
function code(text: string): string {
  return `<code>${esc(text).replace(/\//g, '/<wbr>')}</code>`;
}

function table(id: string | undefined, headers: readonly string[], rows: readonly string[][], rowAttributes?: (i: number) => string): string {
  const head = `<thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`;
  const body = rows.length
    ? rows.map((r, i) => `<tr${rowAttributes ? ` ${rowAttributes(i)}` : ''}>${r.map((c) => (c.startsWith('<td') ? c : `<td>${c}</td>`)).join('')}</tr>`).join('\n')
    : `<tr><td colspan="${headers.length}" class="muted">none in this app</td></tr>`;
  return `<table${id ? ` id="${id}"` : ''}>${head}<tbody>\n${body}\n</tbody></table>`;
}

function num(n: number | undefined, cls?: string): string {
  // Only a count above zero is coloured, so the eye goes to what needs attention.
  return `<td class="num${cls && n ? ` ${cls}` : ''}">${n === undefined ? '' : n}</td>`;
}

function anchor(criterion: string): string {
  return criterion.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Graphviz's SVG without its XML prolog, doctype and comments, ready to inline. */
function inlineSvg(svg: string): string {
  return svg.replace(/<\?xml[^>]*\?>\s*/g, '').replace(/<!DOCTYPE[^>]*>\s*/g, '').replace(/<!--[\s\S]*?-->\s*/g, '');
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function esc(text: string): string {
  return /[&<>"]/.test(text) ? text.replace(/[&<>"]/g, (c) => ENTITIES[c]) : text;
}
