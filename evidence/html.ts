import { ChecksDocument, Conclusion } from './checks';
import { ControlMatrix, CriterionEvidence, CriterionStatus, ResourceOutcome, statusWords } from './control-matrix';
import { LEGEND } from './diagram';
import { ExceptionEntry } from './exceptions';
import { Inventory, KeyUse } from './inventory';

/*
 * One self-contained page for people: the checks that ran, the diagram, the control matrix with
 * pass/acknowledged/fail counts per criterion, the inventory and the exceptions. No script, no
 * external resource (a Content-Security-Policy forbids any), so it opens offline, from a CI
 * artifact or an auditor's disk.
 */

export interface PageContent {
  readonly checks: ChecksDocument;
  readonly matrix: ControlMatrix;
  readonly inventory: Inventory;
  readonly exceptions: readonly ExceptionEntry[];
  /** The rendered diagram, or undefined when rendering failed (the DOT file is still written). */
  readonly svg?: string;
}

const CSS = `
:root { color-scheme: light; --ok: #2e7d32; --bad: #c62828; --ack: #b8860b; --warn: #ef6c00; --muted: #607d8b; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; color: #263238; background: #fafafa; }
header, section { padding: 16px 28px; }
header { background: #263238; color: #eceff1; }
header p { margin: 4px 0; }
nav a { color: #b2ebf2; margin-right: 14px; }
h1 { margin: 0 0 6px; font-size: 22px; }
h2 { border-bottom: 2px solid #cfd8dc; padding-bottom: 4px; margin-top: 8px; }
h3 { margin-top: 22px; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid #cfd8dc; padding: 4px 7px; text-align: left; vertical-align: top; }
th { background: #eceff1; position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.passed, .passing { color: var(--ok); font-weight: 600; }
.passing-with-warnings { color: var(--warn); font-weight: 600; }
.failed, .failing, .FAILED { color: var(--bad); font-weight: 700; }
.acknowledged { color: var(--ack); font-weight: 600; }
.warnings { color: var(--warn); }
.not-evidenced-by-any-rule, .no-resources-in-scope, .not-checked { color: var(--muted); font-style: italic; }
.diagram { background: #fff; border: 1px solid #cfd8dc; overflow: auto; max-height: 85vh; padding: 8px; }
.diagram svg { max-width: 100%; height: auto; }
details { background: #fff; border: 1px solid #cfd8dc; margin: 6px 0; padding: 4px 10px; }
summary { cursor: pointer; font-weight: 600; }
.muted { color: var(--muted); }
`;

export function renderHtml(content: PageContent): string {
  const parts: string[] = [
    ...documentHead(),
    '<body>',
    ...pageHeader(content.checks, content.matrix),
    ...checksSection(content.checks),
    ...diagramSection(content.svg),
    ...controlMatrixSection(content.matrix),
    ...inventorySection(content.inventory),
    ...exceptionsSection(content.exceptions),
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

function pageHeader(checks: ChecksDocument, matrix: ControlMatrix): string[] {
  return ['<header>', '<h1>SOC 2 audit evidence</h1>',
    `<p>Generated from the app at synth by cdk-soc2-ml. Synthesis <strong class="${checks.synthesis}">${checks.synthesis === Conclusion.PASSED ? 'passed every check' : 'FAILED a check'}</strong>${matrix.pack ? `; judged by ${esc(matrix.pack.plugin)} ${esc(matrix.pack.version)}` : ''}.</p>`,
    '<nav><a href="#checks">Checks</a><a href="#diagram">Diagram</a><a href="#control-matrix">Control matrix</a><a href="#inventory">Inventory</a><a href="#exceptions">Exceptions</a></nav>',
    '</header>'];
}

/** The checks that ran: every validation plugin, and the pack's verdict totals. */
function checksSection(checks: ChecksDocument): string[] {
  const parts = ['<section id="checks">', '<h2>Checks that ran</h2>',
    table('checks-table', ['plugin', 'version', 'rules', 'conclusion', 'errors', 'warnings', 'other', 'acknowledged'], checks.checks.map((c) => [
      esc(c.plugin), esc(c.version ?? 'not reported'), num(c.ruleCount), `<span class="${c.conclusion}">${c.conclusion}</span>`,
      num(c.findings.errors), num(c.findings.warnings), num(c.findings.other), num(c.findings.acknowledged),
    ]))];
  if (checks.packVerdicts) {
    const v = checks.packVerdicts;
    parts.push(`<p>${esc(v.plugin)} verdicts (resource × rule): <span class="passed">${v.passed} passed</span>, <span class="acknowledged">${v.acknowledged} acknowledged</span>, <span class="failed">${v.failed} failed</span>, <span class="warnings">${v.warnings} warnings</span>, ${v.notApplicable} not applicable.</p>`);
  }
  parts.push('</section>');
  return parts;
}

function diagramSection(svg: string | undefined): string[] {
  return ['<section id="diagram">', '<h2>Data flow and architecture</h2>',
    `<p class="muted">${esc(LEGEND)}</p>`,
    svg ? `<div class="diagram">${inlineSvg(svg)}</div>` : '<p class="failed">The diagram could not be rendered; its Graphviz source is in data-flow.dot.</p>',
    '</section>'];
}

/** The criteria at a glance, then each criterion's rules and what they found, folded. */
function controlMatrixSection(matrix: ControlMatrix): string[] {
  return ['<section id="control-matrix">', '<h2>Control matrix</h2>',
    '<p class="muted">Each SOC 2 criterion, the rules of the pack that evidence it, and what they concluded on every resource they examined (counts are resource × rule verdicts). A criterion no rule evidences is marked so: it needs evidence from outside the app.</p>',
    table('control-matrix-table', ['criterion', 'title', 'status', 'passed', 'acknowledged', 'failed', 'warnings', 'rules', 'AWS Config rules'], matrix.criteria.map((c) => [
      `<a href="#criterion-${anchor(c.criterion)}">${esc(c.criterion)}</a>`, esc(c.title), `<span class="${c.status}">${esc(statusWords(c.status))}</span>`,
      num(c.counts.passed, 'passed'), num(c.counts.acknowledged, 'acknowledged'), num(c.counts.failed, 'failed'), num(c.counts.warnings, 'warnings'),
      num(c.rules.length, 'rules'), num(c.runtimeRules.length, 'runtime'),
    ]), (i) => `data-criterion="${esc(matrix.criteria[i].criterion)}"`),
    ...matrix.criteria.flatMap(criterionDetails),
    '</section>'];
}

function criterionDetails(c: CriterionEvidence): string[] {
  const parts = [`<details id="criterion-${anchor(c.criterion)}"><summary>${esc(c.criterion)} — ${esc(c.title)}: <span class="${c.status}">${esc(statusWords(c.status))}</span></summary>`];
  if (c.status === CriterionStatus.NOT_EVIDENCED) {
    parts.push('<p>No rule of the pack evidences this criterion yet.</p>');
  } else {
    parts.push(table(undefined, ['rule', 'severity', 'passed', 'acknowledged', 'failed', 'warnings', 'not applicable'], c.rules.map((r) => [
      `<code>${esc(r.rule)}</code>`, esc(r.severity), num(r.counts.passed), num(r.counts.acknowledged), num(r.counts.failed), num(r.counts.warnings), num(r.counts.notApplicable),
    ])));
    // Passing verdicts far outnumber the rest, so the page lists only the rest; the JSON and Markdown list all.
    const examined = c.rules.flatMap((r) => r.resources.filter((x) => x.outcome !== ResourceOutcome.PASSED).map((x) => ({ rule: r.rule, ...x })));
    if (examined.length > 0) {
      parts.push(table(undefined, ['rule', 'resource', 'type', 'outcome', 'detail or reason'], examined.map((e) => [
        `<code>${esc(e.rule)}</code>`, `<code>${esc(e.constructPath)}</code>`, esc(e.type), `<span class="${e.outcome}">${e.outcome}</span>`,
        esc(e.outcome === ResourceOutcome.ACKNOWLEDGED ? `${e.reason ?? ''} (acknowledged at ${e.acknowledgedAt ?? ''})` : e.detail ?? ''),
      ])));
    }
    const passedCount = c.rules.reduce((n, r) => n + r.counts.passed, 0);
    parts.push(`<p class="muted">${passedCount} passing verdicts are listed resource by resource in control-matrix.json and control-matrix.md.</p>`);
  }
  if (c.runtimeRules.length > 0) {
    parts.push(`<p>Checked after deploy by AWS Config: ${c.runtimeRules.map((rt) => `<code>${esc(rt.configRule)}</code>`).join(', ')}.</p>`);
  }
  parts.push('</details>');
  return parts;
}

function inventorySection(inventory: Inventory): string[] {
  return ['<section id="inventory">', '<h2>Inventory</h2>',
    '<h3>Data stores</h3>', dataStoresTable(inventory),
    '<h3>Keys</h3>', keysTable(inventory),
    '<h3>Network segments and endpoints</h3>', networkTable(inventory),
    '<h3>Human roles</h3>', humanRolesTable(inventory),
    '<h3>Model endpoints</h3>', modelEndpointsTable(inventory),
    '</section>'];
}

function dataStoresTable(inventory: Inventory): string {
  return table('data-stores', ['store', 'kind', 'environment', 'classification', 'personal data', 'key', 'retention', 'versioning / lock', 'retained', 'roles (by persona)'], inventory.dataStores.map((d) => [
    `<code>${esc(d.constructPath)}</code>`, esc(d.kind), esc(d.environment ?? ''), esc(d.classification ?? 'not classified'),
    d.personalData === undefined ? '<span class="muted">not tagged</span>' : d.personalData ? 'yes' : 'no',
    d.encryption.map((k) => esc(`${k.part ? `${k.part}: ` : ''}${describeKey(k)}`)).join('<br>'), esc(d.retention), esc(d.versioning), d.retainedOnDelete ? 'yes' : 'no',
    d.access.map((a) => `${esc(a.persona ?? 'no persona')}: <code>${esc(a.role)}</code> (${esc(a.via)})`).join('<br>'),
  ]));
}

function keysTable(inventory: Inventory): string {
  return table('keys', ['key', 'aliases', 'environment', 'rotation', 'retained', 'protects', 'roles'], inventory.keys.map((k) => [
    `<code>${esc(k.constructPath)}</code>`, esc(k.aliases.join(', ')), esc(k.environment ?? ''), k.rotation ? 'on' : '<span class="failed">off</span>', k.retainedOnDelete ? 'yes' : 'no',
    k.protects.map((p) => `<code>${esc(p.constructPath)}</code>`).join('<br>'), k.access.map((a) => `<code>${esc(a.role)}</code>`).join('<br>'),
  ]));
}

function networkTable(inventory: Inventory): string {
  return table('network', ['stack', 'environment', 'VPC', 'CIDR', 'subnets', 'internet gateway', 'flow logs', 'endpoints'], inventory.network.flatMap((seg) => seg.vpcs.map((v) => [
    esc(seg.stack), esc(seg.environment ?? ''), `<code>${esc(v.vpc)}</code>`, esc(v.cidr),
    v.subnets.map((s) => esc(`${s.kind} ${s.cidr} (${s.availabilityZone})`)).join('<br>'), v.internetGateway ? 'yes' : 'no',
    v.flowLogs.map((f) => esc(`${f.trafficType} → ${f.destination}`)).join('<br>') || '<span class="failed">none</span>',
    v.endpoints.map((e) => esc(`${e.service} (${e.endpointType}${e.policy ? ', policy' : ''})`)).join('<br>'),
  ])));
}

function humanRolesTable(inventory: Inventory): string {
  return table('human-roles', ['role', 'persona', 'environment', 'trusted by', 'MFA required', 'conditions', 'max session', 'managed policies'], inventory.humanRoles.map((r) => [
    `<code>${esc(r.constructPath)}</code>`, esc(r.persona ?? 'not tagged'), esc(r.environment ?? ''), r.trustedBy.map(esc).join('<br>'),
    r.mfaRequired ? '<span class="passed">yes</span>' : '<span class="failed">no</span>', r.conditions.map(esc).join('<br>'),
    r.maxSessionSeconds === undefined ? '1 h (default)' : `${r.maxSessionSeconds / 3600} h`, r.managedPolicies.map(esc).join('<br>'),
  ]));
}

function modelEndpointsTable(inventory: Inventory): string {
  return table('model-endpoints', ['endpoint', 'environment', 'variants', 'storage key', 'data capture', 'rollback alarms', 'deployment', 'monitoring'], inventory.modelEndpoints.map((e) => [
    `<code>${esc(e.constructPath)}</code>`, esc(e.environment ?? ''),
    e.variants.map((v) => esc(`${v.shadow ? 'shadow ' : ''}${v.name}: ${v.model} on ${v.serverless ?? `${v.initialInstanceCount ?? '?'} × ${v.instanceType ?? '?'}`}`)).join('<br>'),
    esc(e.storageKey ? describeKey(e.storageKey) : ''),
    esc(e.dataCapture ? `${e.dataCapture.destination} (${describeKey(e.dataCapture.key)})` : 'off'),
    e.rollbackAlarms.map((a) => `<code>${esc(a)}</code>`).join('<br>') || '<span class="failed">none</span>',
    esc(e.deployment ?? 'all at once'), [...e.monitoring, ...e.alarms].map((m) => `<code>${esc(m)}</code>`).join('<br>'),
  ]));
}

/** Every acknowledgement, with the findings it covered in this synth. */
function exceptionsSection(exceptions: readonly ExceptionEntry[]): string[] {
  return ['<section id="exceptions">', '<h2>Exceptions</h2>',
    '<p class="muted">Every acknowledgement in the app, from every plugin, with the findings it covered in this synth.</p>',
    table('exceptions-table', ['plugin', 'rule', 'acknowledged at', 'reason', 'findings covered'], exceptions.map((e) => [
      esc(e.plugin), `<code>${esc(e.rule)}</code>`, `<code>${esc(e.acknowledgedAt)}</code>`, esc(e.reason),
      e.findings.length ? e.findings.map((f) => `<code>${esc(f)}</code>`).join('<br>') : `<span class="muted">none in this synth</span>${e.warning ? ` <strong>warning:</strong> ${esc(e.warning)}` : ''}`,
    ])), '</section>'];
}

export function describeKey(k: KeyUse): string {
  switch (k.kind) {
    case 'customer-managed':
      return k.aliases?.length ? k.aliases.join(', ') : k.key ?? k.value ?? 'customer-managed key';
    case 'aws-managed':
      return `AWS-managed key${k.value ? ` (${k.value})` : ''}`;
    case 'aws-owned':
      return `AWS-owned key${k.value ? ` (${k.value})` : ''}`;
    default:
      return 'not encrypted';
  }
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
