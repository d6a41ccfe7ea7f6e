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
import { App, CfnElement, IPolicyValidationContextBeta1, Stack, Validations } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { Soc2MlChecks } from '../pack/soc2-ml-checks';
import { buildVariants, isUnder, relativePath, Variant, variants } from './corpus';

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

/** Template file and logical id → construct path, for tools that report only logical ids. */
function logicalIdIndex(app: App): Map<string, string> {
  const index = new Map<string, string>();
  const visit = (c: IConstruct) => {
    if (CfnElement.isCfnElement(c)) {
      const stack = Stack.of(c);
      index.set(`${path.resolve(app.outdir, stack.templateFile)}|${String(stack.resolve(c.logicalId))}`, c.node.path);
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

  // Control Tower's proactive controls block deployment: every finding counts as an error.
  const templatePaths = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json')).map((f) => path.join(outdir, f));
  const guardContext: IPolicyValidationContextBeta1 = { templatePaths, appConstruct: app };
  const guard = new CfnGuardValidator().validate(guardContext);
  const index = logicalIdIndex(app);
  for (const violation of guard.violations) {
    const control = /\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(violation.description)?.[1] ?? violation.ruleName;
    for (const r of violation.violatingResources) {
      const constructPath = index.get(`${path.resolve(r.templatePath)}|${r.resourceLogicalId}`);
      if (constructPath) {
        add(errors.control_tower, constructPath, control, list);
      }
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

function main(): void {
  const quietList = variants(['hardened', 'warning']);
  const brokenList = variants(['break']);
  const hardened = quietList.filter((v) => v.kind === 'hardened');
  const warned = quietList.filter((v) => v.kind === 'warning');

  const quiet = synth(quietList);
  const broken = synth(brokenList);

  const lines: [string, string | number][] = [
    ['cases', hardened.length],
    ['breaks', brokenList.length],
    ['warning_variants', warned.length],
  ];
  const missed: Record<Tool, string[]> = { soc2ml: [], cdk_nag: [], control_tower: [] };
  for (const tool of TOOLS) {
    const blocked = brokenList.filter((v) => newFindings(broken.errors[tool], quiet.errors[tool], v).length > 0);
    missed[tool] = brokenList.filter((v) => !blocked.includes(v)).map((v) => v.id);
    const alarms = hardened.reduce((n, v) => n + (quiet.errors[tool].get(v.id)?.size ?? 0), 0);
    const alarmedCases = hardened.filter((v) => (quiet.errors[tool].get(v.id)?.size ?? 0) > 0).length;
    lines.push([`${tool}_breaks_blocked`, `${blocked.length}/${brokenList.length}`]);
    lines.push([`${tool}_false_alarms`, alarms]);
    lines.push([`${tool}_false_alarm_cases`, `${alarmedCases}/${hardened.length}`]);
  }
  const warnedOk = warned.filter((v) => newFindings(quiet.warnings, quiet.warnings, v).length > 0
    && (quiet.errors.soc2ml.get(v.id)?.size ?? 0) === 0);
  lines.push(['soc2ml_warnings_reported', `${warnedOk.length}/${warned.length}`]);
  for (const [name, value] of lines) {
    console.log(`${name}: ${value}`);
  }
  if (missed.soc2ml.length > 0) {
    console.log(`soc2ml_missed: ${missed.soc2ml.join(' ')}`);
  }
  const soc2mlAlarms = hardened.flatMap((v) => [...(quiet.errors.soc2ml.get(v.id) ?? [])].map((f) => `${v.id}:${f}`));
  if (soc2mlAlarms.length > 0) {
    console.log(`soc2ml_false_alarm_findings: ${soc2mlAlarms.join('; ')}`);
  }
}

main();
