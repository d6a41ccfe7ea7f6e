import { NotJudgedResources, VerdictDocument } from '../pack/verdicts';
import { ChecksDocument, Conclusion } from './checks';

/*
 * The synth summary: what every check concluded, what no rule looked at, and where the evidence
 * is — printed on stderr after each synth of an app that uses `synthWithEvidence` (also when
 * synth fails) and after `cdk-soc2-ml check`. It fits on a screen: one line per check, one line
 * per stack of resources not judged.
 */

export interface SummaryContent {
  readonly checks: ChecksDocument;
  readonly verdicts?: VerdictDocument;
  /** Stacks and resources in the app. */
  readonly stacks: number;
  readonly resources: number;
  /** The evidence page, as the user reaches it (relative to the working directory where possible). */
  readonly evidencePage?: string;
  /** Acknowledgements that covered no finding, as `id at path`: warnings. */
  readonly unmatchedAcknowledgements?: readonly string[];
  /** Extra lines from the caller (for example: plain templates carry no acknowledgements). */
  readonly notes?: readonly string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The summary's text, lines ending in newlines. */
export function renderSummary(content: SummaryContent): string {
  const lines: string[] = [];
  const verdict = content.checks.synthesis === Conclusion.PASSED ? 'every check passed' : 'a check FAILED';
  lines.push(`cdk-soc2-ml: ${verdict} — ${plural(content.stacks, 'stack')}, ${plural(content.resources, 'resource')}`);
  for (const c of content.checks.checks) {
    lines.push(`  ${checkLine(c, content)}`);
  }
  lines.push(...notJudgedLines(content.verdicts?.notJudged));
  lines.push(...unmatchedLines(content.unmatchedAcknowledgements ?? []));
  for (const note of content.notes ?? []) {
    lines.push(`  ${note}`);
  }
  if (content.evidencePage) {
    lines.push(`  evidence: ${content.evidencePage}`);
  }
  return lines.map((l) => `${l}\n`).join('');
}

function checkLine(c: ChecksDocument['checks'][number], content: SummaryContent): string {
  const name = `${c.plugin}${c.version ? ` ${c.version}` : ''}`;
  const pack = content.checks.packVerdicts;
  if (pack && pack.plugin === c.plugin) {
    // Our pack counts resource × rule verdicts.
    return `${c.conclusion === Conclusion.FAILED ? 'FAILED' : 'passed'}  ${name}: ${pack.passed} passed, ${pack.failed} failed, ${pack.acknowledged} acknowledged, ${plural(pack.warnings, 'warning')}`;
  }
  const f = c.findings;
  return `${c.conclusion === Conclusion.FAILED ? 'FAILED' : 'passed'}  ${name}: ${f.errors} failed, ${f.acknowledged} acknowledged, ${plural(f.warnings, 'warning')}`;
}

/** At most this many unmatched acknowledgements are named; the evidence lists them all. */
const UNMATCHED_SHOWN = 5;

function unmatchedLines(unmatched: readonly string[]): string[] {
  if (unmatched.length === 0) {
    return [];
  }
  const more = unmatched.length - UNMATCHED_SHOWN;
  return [
    `  warning: ${plural(unmatched.length, 'acknowledgement')} matched no finding (remove or fix; exceptions.json lists them):`,
    ...unmatched.slice(0, UNMATCHED_SHOWN).map((u) => `    ${u}`),
    ...(more > 0 ? [`    and ${more} more`] : []),
  ];
}

function notJudgedLines(notJudged: readonly NotJudgedResources[] | undefined): string[] {
  if (!notJudged || notJudged.length === 0) {
    return notJudged ? ['  not judged: none (every resource is of a type some rule reads, or holds no data and grants nothing)'] : [];
  }
  const byStack = new Map<string, NotJudgedResources[]>();
  for (const n of notJudged) {
    byStack.set(n.stack, [...(byStack.get(n.stack) ?? []), n]);
  }
  const total = notJudged.reduce((sum, n) => sum + n.count, 0);
  return [
    `  not judged: ${plural(total, 'resource')} no rule read (of types no rule reads, or defined outside the template; the evidence lists them):`,
    ...[...byStack].map(([stack, list]) => `    ${stack}: ${list.map((n) => `${n.type} (${n.count})`).join(', ')}`),
  ];
}
