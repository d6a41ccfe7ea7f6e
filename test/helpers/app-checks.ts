/*
 * The checks the default app is held to (test/platform/default-app.suite.ts), for other synths of the
 * default app that must meet them too: one synth with every plugin and CloudFormation Validate
 * on, then readers of its validation report, its acknowledgements and AWS Control Tower's
 * proactive controls.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CONTROL_TOWER_EXCEPTIONS, ExceptionStacks } from '../../platform/control-tower';
import { buildDefaultApp, DefaultApp } from '../../platform/default-app';
import { cdkJsonContext, tempOutdir, templateFilesOf } from './app-context';
import { controlTowerFindings, controlTowerRuleCount } from './control-tower';

export interface PluginReport {
  pluginName: string;
  conclusion: string;
  violations: { ruleName: string; severity: string; description: string; violatingConstructs: { constructPath: string }[] }[];
  suppressedViolations?: { ruleName: string; reason: string; acknowledgedAt: string }[];
}

export const CDK_NAG_PACKS = ['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];

export interface ValidatedApp {
  readonly app: App;
  readonly built: DefaultApp;
  readonly outdir: string;
  readonly reports: PluginReport[];
}

/**
 * Synthesize the default app as `npx cdk synth` does, with cdk.json's context plus `context`,
 * every plugin the app applies and CloudFormation Validate on. Synth throws on any unacknowledged
 * error of a plugin.
 */
export function synthValidated(context: Record<string, unknown>): ValidatedApp {
  const previous = process.env.CDK_VALIDATION;
  delete process.env.CDK_VALIDATION;
  try {
    const outdir = tempOutdir();
    const app = new App({ outdir, context: cdkJsonContext(context) });
    const built = buildDefaultApp(app);
    app.synth();
    const reportFile = path.join(outdir, 'validation-report.json');
    const reports: PluginReport[] = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf-8')).pluginReports : [];
    return { app, built, outdir, reports };
  } finally {
    process.env.CDK_VALIDATION = previous;
  }
}

/**
 * The characters outside ASCII in the templates of an assembly (nested assemblies included), as
 * `<file>: <characters>`. One such character makes V8 hold the whole template as two-byte text,
 * which doubles what reading and parsing it costs the pack on every synth.
 */
export function nonAsciiInTemplates(outdir: string): string[] {
  return templateFilesOf(outdir).flatMap((file) => {
    const found = fs.readFileSync(path.join(outdir, file), 'utf-8').match(/[\u0080-\uffff]/g);
    return found ? [`${file.split(path.sep).join('/')}: ${[...new Set(found)].join('')}`] : [];
  });
}

/** Violations of some plugins, as `<rule> on <paths>`, of a severity (all when undefined). */
export function violations(reports: PluginReport[], plugins: string[], severity?: string): string[] {
  return reports
    .filter((r) => plugins.includes(r.pluginName))
    .flatMap((r) => r.violations.filter((v) => severity === undefined || v.severity === severity)
      .map((v) => `${v.ruleName} on ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`));
}

export interface Ack { id: string; reason: string; at: string }

/** Every acknowledgement made in the tree, with the path of the construct it sits on. */
export function collectAcknowledgements(root: IConstruct): Ack[] {
  const out: Ack[] = [];
  for (const c of root.node.findAll()) {
    for (const m of c.node.metadata) {
      if (m.type === 'aws:cdk:acknowledged-rules') {
        for (const [id, reason] of Object.entries(m.data as Record<string, string>)) {
          out.push({ id, reason, at: c.node.path });
        }
      }
    }
  }
  return out;
}

/**
 * AWS Control Tower's proactive controls over the app's templates, against the justified list:
 * findings no exception justifies, and exceptions that match no finding (stale).
 */
export function controlTowerGaps(v: Pick<ValidatedApp, 'built' | 'outdir'>): { unjustified: string[]; stale: string[]; rules: number } {
  // The pipeline app's stages are nested assemblies (assembly-<stage>/): their templates too.
  const templatePaths = templateFilesOf(v.outdir).map((f) => path.join(v.outdir, f));
  const found = controlTowerFindings(templatePaths);
  const scopes: Record<ExceptionStacks, Stack[]> = {
    [ExceptionStacks.ENVIRONMENTS]: v.built.environments,
    [ExceptionStacks.BASELINES]: v.built.baselines,
    [ExceptionStacks.PIPELINE]: v.built.pipeline ? [v.built.pipeline] : [],
    [ExceptionStacks.SERVING]: v.built.environments.filter((e) => e.platform.serving !== undefined),
  };
  const justified = new Set<string>();
  const missing: string[] = [];
  for (const e of CONTROL_TOWER_EXCEPTIONS) {
    for (const stack of scopes[e.stacks ?? ExceptionStacks.ENVIRONMENTS]) {
      for (const p of e.constructPaths) {
        const construct = stack.node.findAll().find((c) => c.node.path === `${stack.node.path}/${p}`);
        if (construct === undefined) {
          missing.push(`${stack.node.path}/${p} (${e.control}) does not exist`);
          continue;
        }
        justified.add(`${stack.templateFile} ${stack.resolve((construct as unknown as { logicalId: string }).logicalId)} ${e.control}`);
      }
    }
  }
  return {
    unjustified: [...found].filter((f) => !justified.has(f)).sort(),
    stale: [...missing, ...[...justified].filter((j) => !found.has(j))].sort(),
    rules: controlTowerRuleCount(),
  };
}
