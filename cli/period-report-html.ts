/*
 * The period report as one self-contained page for people (no script, no external resource: a
 * Content-Security-Policy forbids any), so it opens offline from an auditor's disk.
 */
import { esc } from '../evidence/html';
import { PeriodReport } from './period-report';

const STYLE = 'body{font:14px/1.45 system-ui,sans-serif;margin:0 28px 28px;color:#263238}'
  + 'table{border-collapse:collapse;width:100%;margin:8px 0 18px;font-size:13px}'
  + 'th,td{border:1px solid #cfd8dc;padding:4px 7px;text-align:left;vertical-align:top}th{background:#eceff1}'
  + 'td.num{text-align:right}.bad{color:#c62828;font-weight:700}.muted{color:#607d8b;font-style:italic}code{font-size:12px;word-break:break-all}';

/** A table, or a line saying there is nothing to show. */
function table(headers: readonly string[], rows: readonly (readonly string[])[], empty: string): string {
  if (rows.length === 0) {
    return `<p class="muted">${esc(empty)}</p>`;
  }
  const head = `<tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
  // Cells are escaped where they are made: some carry markup (a number's class, a missing approver).
  return `<table>${head}${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
}

const num = (n: number) => `<span class="num">${n}</span>`;
const code = (s: string) => `<code>${esc(s)}</code>`;

export function renderPeriodReportHtml(report: PeriodReport): string {
  const sections: [string, string][] = [
    ['Streams', table(['stream', 'criteria', 'records', 'days with records', 'expected'],
      report.streams.map((s) => [code(s.stream), esc(s.criteria.join(', ')), num(s.records), num(s.daysWithRecords), s.expectedEveryDays ? `every ${s.expectedEveryDays} day(s)` : 'when something happens']),
      'No streams.')],
    ['Gaps', table(['stream', 'from', 'to', 'days'], report.gaps.map((g) => [code(g.stream), esc(g.from), esc(g.to), `<span class="bad">${g.days}</span>`]),
      'No gaps: every stream expected daily has a record on every day of the period.')],
    ['Records by criterion', table(['criterion', 'records', 'streams'],
      report.criteria.map((c) => [esc(c.criterion), num(c.records), Object.entries(c.byStream).map(([s, keys]) => `${code(s)} ${keys.length}`).join('<br>')]),
      'No records in the period.')],
    ['Non-compliant windows', table(['rule', 'resource', 'from', 'to', 'days'],
      report.nonCompliance.map((w) => [code(w.rule), `${esc(w.resourceType)} ${code(w.resource)}`, esc(w.from), w.to ? esc(w.to) : '<span class="bad">still non-compliant at the period\'s end</span>', num(w.days)]),
      'No control was non-compliant during the period (as far as the archive\'s Config compliance changes show).')],
    ['Model approvals', table(['model package', 'status', 'time', 'approver'],
      report.modelApprovals.map((a) => [code(a.modelPackage), esc(a.status), esc(a.time), a.approver ? code(a.approver) : '<span class="bad">no UpdateModelPackage call in the archive</span>']),
      'No model package approval changes.')],
    ['Pipeline approvals', table(['pipeline', 'stage / action', 'status', 'approver', 'time', 'summary'],
      report.pipelineApprovals.map((p) => [code(p.pipeline), esc(`${p.stage} / ${p.action}`), esc(p.status), code(p.approver), esc(p.time), esc(p.summary ?? '')]),
      'No pipeline approvals.')],
    ['Deployments', table(['kind', 'name', 'status', 'time'], report.deployments.map((d) => [esc(d.kind), code(d.name), esc(d.status), esc(d.time)]), 'No deployments.')],
    ...(['incidents', 'restoreJobs', 'accessFindings'] as const).map((k): [string, string] => [
      { incidents: 'Incidents', restoreJobs: 'Restore jobs (restore tests included)', accessFindings: 'Access review findings' }[k],
      table(['id', 'kind', 'status', 'subject', 'time'], report[k].map((r) => [code(r.id), esc(r.kind), esc(r.status ?? ''), code(r.subject ?? ''), esc(r.time)]), 'None in the period.'),
    ]),
  ];
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">`
    + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`
    + `<title>SOC 2 operating evidence ${esc(report.period.from)} to ${esc(report.period.to)}</title><style>${STYLE}</style></head><body>`
    + `<h1>SOC 2 operating evidence, ${esc(report.period.from)} to ${esc(report.period.to)}</h1>`
    + `<p>${report.records} records over ${report.period.days} days, read from ${esc(report.source)} by cdk-soc2-ml. `
    + 'Each record is locked in the archive (Object Lock, compliance mode); its key names its stream and day.</p>'
    + sections.map(([title, body]) => `<h2>${esc(title)}</h2>${body}`).join('\n')
    + '\n</body></html>\n';
}
