/*
 * npm run bench:coverage: the corpus (bench/corpus.ts) under three tools: our Soc2MlChecks,
 * cdk-nag's four packs together, and AWS Control Tower's proactive controls (cfn-guard).
 *
 * A break counts as blocked by a tool only if the tool reports an error on a resource under the
 * broken variant that it does not report on the same resource of the hardened twin (so a tool
 * that flags everything does not block anything by noise). A false alarm is an error on a
 * hardened case. Prints `name: value` lines.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { Soc2MlChecks } from '../pack/soc2-ml-checks';
import { CONTROL_TOWER_CRASHES, controlTowerFindings } from '../test/helpers/control-tower';
import { buildVariants, FAMILIES, familyOf, isUnder, relativePath, Variant, variants } from './corpus';

process.env.CDK_VALIDATION = 'false';

const ROOT = path.join(__dirname, '..');
const context: Record<string, unknown> = {
  // The feature flags `cdk init` writes, as a careful user's app has them.
  ...(JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf-8')) as { context: Record<string, unknown> }).context,
  // Findings are counted, not thrown.
  '@aws-cdk/core:failSynthOnValidationErrors': false,
};

type Tool = 'soc2ml' | 'cdk_nag' | 'control_tower';
const TOOLS: readonly Tool[] = ['soc2ml', 'cdk_nag', 'control_tower'];
const CDK_NAG_PLUGINS = ['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];

/** An error or warning of a tool: `rule relative-path`, per variant id. */
type Findings = Map<string, Set<string>>;

interface Synthesized {
  readonly errors: Record<Tool, Findings>;
  readonly warnings: Findings;
}

function add(findings: Findings, constructPath: string, rule: string, list: readonly Variant[]): void {
  const v = list.find((x) => isUnder(constructPath, x.id));
  if (!v) {
    return;
  }
  let set = findings.get(v.id);
  if (!set) {
    set = new Set();
    findings.set(v.id, set);
  }
  set.add(`${rule} ${relativePath(constructPath)}`);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function arrayOf(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

function str(x: unknown): string {
  return typeof x === 'string' ? x : '';
}

/** Template file name and logical id → construct path, for tools that report only logical ids. */
function logicalIdIndex(app: App): Map<string, string> {
  const index = new Map<string, string>();
  const visit = (c: IConstruct) => {
    if (CfnElement.isCfnElement(c)) {
      const stack = Stack.of(c);
      index.set(`${path.basename(stack.templateFile)}|${String(stack.resolve(c.logicalId))}`, c.node.path);
    }
    c.node.children.forEach(visit);
  };
  visit(app);
  return index;
}

function synth(list: readonly Variant[]): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2ml-coverage-'));
  const app = new App({ outdir, context });
  Validations.of(app).addPlugins(
    new Soc2MlChecks(app, { recordVerdicts: false }),
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new HIPAASecurityChecks(app),
    new PCIDSS321Checks(app),
  );
  buildVariants(app, list);
  app.synth();

  const errors: Record<Tool, Findings> = { soc2ml: new Map(), cdk_nag: new Map(), control_tower: new Map() };
  const warnings: Findings = new Map();
  const report: unknown = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf-8'));
  for (const plugin of arrayOf(isRecord(report) ? report.pluginReports : undefined)) {
    if (!isRecord(plugin)) {
      continue;
    }
    const name = str(plugin.pluginName);
    const tool: Tool | undefined = name === 'Soc2Ml' ? 'soc2ml' : CDK_NAG_PLUGINS.includes(name) ? 'cdk_nag' : undefined;
    if (!tool) {
      continue;
    }
    // Only unacknowledged violations are listed here; the corpus acknowledges nothing.
    for (const violation of arrayOf(plugin.violations)) {
      if (!isRecord(violation)) {
        continue;
      }
      const severity = str(violation.severity).toLowerCase();
      const rule = `${name}::${str(violation.ruleName)}`;
      for (const c of arrayOf(violation.violatingConstructs)) {
        const constructPath = isRecord(c) ? str(c.constructPath) : '';
        if (severity === 'error') {
          add(errors[tool], constructPath, rule, list);
        } else if (tool === 'soc2ml' && severity === 'warning') {
          add(warnings, constructPath, rule, list);
        }
      }
    }
  }

  // Control Tower's proactive controls block deployment: every finding counts as an error. They run
  // as the suite runs them (test/helpers/control-tower.ts): each rule over the resource types it reads.
  const templatePaths = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).map((f) => path.join(outdir, f));
  const index = logicalIdIndex(app);
  for (const finding of controlTowerFindings(templatePaths)) {
    const [file, logicalId, control] = finding.split(' ');
    const constructPath = index.get(`${file}|${logicalId}`);
    if (constructPath) {
      add(errors.control_tower, constructPath, control, list);
    }
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  return { errors, warnings };
}

/** Findings of the variant that its hardened twin does not have. */
function newFindings(findings: Findings, twins: Findings, v: Variant): string[] {
  const twin = twins.get(v.twinId) ?? new Set<string>();
  return [...(findings.get(v.id) ?? [])].filter((f) => !twin.has(f));
}

interface Tally {
  readonly breaks: number;
  readonly cases: number;
  readonly blocked: Record<Tool, number>;
  readonly alarmedCases: Record<Tool, number>;
  readonly missed: Record<Tool, string[]>;
}

/** Each tool's blocked breaks and alarmed hardened cases over a subset of the corpus. */
function tally(quiet: Synthesized, broken: Synthesized, hardened: readonly Variant[], brokenList: readonly Variant[]): Tally {
  const zero = (): Record<Tool, number> => ({ soc2ml: 0, cdk_nag: 0, control_tower: 0 });
  const result: Tally = { breaks: brokenList.length, cases: hardened.length, blocked: zero(), alarmedCases: zero(), missed: { soc2ml: [], cdk_nag: [], control_tower: [] } };
  for (const tool of TOOLS) {
    const blocked = brokenList.filter((v) => newFindings(broken.errors[tool], quiet.errors[tool], v).length > 0);
    result.blocked[tool] = blocked.length;
    result.missed[tool] = brokenList.filter((v) => !blocked.includes(v)).map((v) => v.id);
    result.alarmedCases[tool] = hardened.filter((v) => (quiet.errors[tool].get(v.id)?.size ?? 0) > 0).length;
  }
  return result;
}

const TOOL_NAMES: Record<Tool, string> = { soc2ml: 'Soc2MlChecks', cdk_nag: "cdk-nag's four packs", control_tower: 'Control Tower proactive controls' };

/** docs/coverage.md: the table per family of services, and how it was measured. */
function coveragePage(total: Tally, perFamily: [string, Tally][]): string {
  const cell = (t: Tally, tool: Tool) => `${t.blocked[tool]}/${t.breaks} blocked, ${t.alarmedCases[tool]} false-alarm cases`;
  const row = (name: string, t: Tally) => `| ${name} | ${t.cases} | ${t.breaks} | ${TOOLS.map((tool) => cell(t, tool)).join(' | ')} |`;
  return [
    '# Coverage against the anchors',
    '',
    'Generated by `npm run bench:coverage -- --write` (bench/coverage.ts); do not edit by hand.',
    '',
    'The public corpus (`bench/corpus/`, one file per family of services) holds hardened cases — a',
    'resource configured as a SOC 2 auditor expects — and, for each control, a *break*: the same',
    'case with one control broken, as an L1 property, an L2 prop or an override. A tool *blocks* a',
    'break when it reports an error on a resource of the broken case that it does not report on the',
    "same resource of the hardened twin (a tool that flags everything blocks nothing by noise). A",
    '*false-alarm case* is a hardened case on which the tool reports any error. Control Tower\'s',
    'proactive controls block deployment, so each of their findings counts as an error. cdk-nag runs',
    'its four packs together (AwsSolutions, NIST 800-53 R5, HIPAA Security, PCI DSS 3.2.1).',
    `Control Tower's cfn-guard plugin threw on ${CONTROL_TOWER_CRASHES.length} pairs of a rule and a template`,
    '(`TypeError` reading its results); those pairs count as no finding.',
    '',
    `| family | hardened cases | breaks | ${TOOLS.map((t) => TOOL_NAMES[t]).join(' | ')} |`,
    '|---|---|---|---|---|---|',
    ...perFamily.map(([name, t]) => row(name, t)),
    row('**all**', total),
    '',
    'What the figures do not say: a corpus written by the same project measures the controls it',
    'thought of. The pack was also judged on an independent set of cases it never saw and run over',
    "AWS's public CDK example apps (see [check.md](check.md) for judging any app).",
    '',
  ].join('\n');
}

function main(): void {
  const quietList = variants(['hardened', 'warning']);
  const brokenList = variants(['break']);
  const hardened = quietList.filter((v) => v.kind === 'hardened');
  const warned = quietList.filter((v) => v.kind === 'warning');

  const quiet = synth(quietList);
  const broken = synth(brokenList);
  const total = tally(quiet, broken, hardened, brokenList);
  const perFamily = FAMILIES.map((f): [string, Tally] => {
    const inFamily = (v: Variant) => familyOf(v.corpusCase) === f.name;
    return [f.name, tally(quiet, broken, hardened.filter(inFamily), brokenList.filter(inFamily))];
  });

  const lines: [string, string | number][] = [
    ['cases', hardened.length],
    ['breaks', brokenList.length],
    ['warning_variants', warned.length],
  ];
  for (const tool of TOOLS) {
    const alarms = hardened.reduce((n, v) => n + (quiet.errors[tool].get(v.id)?.size ?? 0), 0);
    lines.push([`${tool}_breaks_blocked`, `${total.blocked[tool]}/${brokenList.length}`]);
    lines.push([`${tool}_false_alarms`, alarms]);
    lines.push([`${tool}_false_alarm_cases`, `${total.alarmedCases[tool]}/${hardened.length}`]);
  }
  for (const [family, t] of perFamily) {
    lines.push([`family_${family}`, TOOLS.map((tool) => `${tool} ${t.blocked[tool]}/${t.breaks}`).join(', ')]);
  }
  const warnedOk = warned.filter((v) => newFindings(quiet.warnings, quiet.warnings, v).length > 0
    && (quiet.errors.soc2ml.get(v.id)?.size ?? 0) === 0);
  lines.push(['soc2ml_warnings_reported', `${warnedOk.length}/${warned.length}`]);
  // Pairs of a Control Tower rule and a template its plugin throws on (counted as no finding).
  lines.push(['control_tower_plugin_crashes', CONTROL_TOWER_CRASHES.length]);
  for (const [name, value] of lines) {
    console.log(`${name}: ${value}`);
  }
  if (total.missed.soc2ml.length > 0) {
    console.log(`soc2ml_missed: ${total.missed.soc2ml.join(' ')}`);
  }
  const soc2mlAlarms = hardened.flatMap((v) => [...(quiet.errors.soc2ml.get(v.id) ?? [])].map((f) => `${v.id}:${f}`));
  if (soc2mlAlarms.length > 0) {
    console.log(`soc2ml_false_alarm_findings: ${soc2mlAlarms.join('; ')}`);
  }
  if (process.argv.includes('--write')) {
    fs.writeFileSync(path.join(ROOT, 'docs', 'coverage.md'), coveragePage(total, perFamily));
    console.log('wrote docs/coverage.md');
  }
}

main();
