import * as fs from 'fs';
import * as path from 'path';
import { App, CloudFormationValidatePlugin, IPolicyValidationPlugin, Stage } from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { Acknowledgement, AssemblyStack, collectAcknowledgements, readAssembly, readJson } from '../pack/assembly';
import { soc2mlRuleId } from '../core/nag-packs';
import { ALL_RULES } from '../pack/rules';
import { readVerdictDocument, VerdictDocument } from '../pack/verdicts';
import { isObject } from '../pack/json';

/*
 * Everything the evidence is made of, read from the cloud assembly (and, when given, the app's
 * construct tree): the templates, the pack's verdicts, CDK's validation report and every
 * acknowledgement. Nothing here keeps an absolute path, a stack trace or a time.
 */

/** The name CDK gives its built-in template validation in the report. */
export const CLOUDFORMATION_VALIDATE = 'CloudFormation Validate';


/** One violating resource, as CDK's validation report lists it. */
export interface ReportedConstruct {
  readonly constructPath?: string;
  readonly constructFqn?: string;
}

/** One violation (or acknowledged violation) of CDK's validation report. */
export interface ReportedViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly suggestedFix?: string;
  readonly severity?: string;
  readonly ruleMetadata?: Record<string, string>;
  readonly violatingConstructs: readonly ReportedConstruct[];
  /** Set on acknowledged violations. */
  readonly acknowledgedId?: string;
  readonly reason?: string;
  readonly acknowledgedAt?: string;
}

/** One plugin's part of the validation report. */
export interface PluginReport {
  readonly pluginName: string;
  readonly pluginVersion?: string;
  readonly conclusion: string;
  readonly violations: readonly ReportedViolation[];
  readonly suppressedViolations?: readonly ReportedViolation[];
}


/** A validation plugin registered on the app (or on one of its stages). */
export interface RegisteredPlugin {
  readonly name: string;
  readonly version?: string;
  readonly ruleCount?: number;
}

/** One stack of the assembly, as the evidence reads it. */
export type StackInput = AssemblyStack;

export type { Acknowledgement } from '../pack/assembly';
export { cmp, splitRuleId } from '../pack/assembly';

export interface EvidenceInputs {
  readonly stacks: readonly AssemblyStack[];
  readonly verdicts?: VerdictDocument;
  readonly reports: readonly PluginReport[];
  readonly acknowledgements: readonly Acknowledgement[];
  /** The plugins the app registered; undefined when only the assembly was read. */
  readonly plugins?: readonly RegisteredPlugin[];
  /** Whether `app.synth()` threw (validation failed, in a process that throws). */
  readonly synthFailed: boolean;
}

export interface ReadOptions {
  /** The app, to read acknowledgements and plugins from its construct tree. */
  readonly app?: IConstruct;
  readonly synthFailed?: boolean;
}

/** Read the evidence inputs from an assembly directory (and the app, when given). */
export function readEvidenceInputs(outdir: string, options: ReadOptions = {}): EvidenceInputs {
  const constructs = options.app?.node.findAll();
  const assembly = readAssembly(outdir, constructs ? new Set(constructs.map((c) => c.node.path)) : undefined);
  const verdicts = readVerdictDocument(outdir);
  return {
    stacks: assembly.stacks,
    verdicts: verdicts && Array.isArray(verdicts.resources) ? verdicts : undefined,
    reports: readValidationReport(outdir),
    // The tree also holds acknowledgements made on the app or a stage, which CDK writes nowhere.
    acknowledgements: constructs ? acknowledgementsOfTree(constructs) : assembly.acknowledgements,
    plugins: options.app && constructs ? registeredPlugins(options.app, constructs) : undefined,
    synthFailed: options.synthFailed ?? false,
  };
}








function acknowledgementsOfTree(constructs: readonly IConstruct[]): Acknowledgement[] {
  return collectAcknowledgements(constructs.map((c) => ({ at: c.node.path, entries: c.node.metadata })));
}





/** The namespace acknowledgements of a plugin use: its name with spaces as dashes. */
export function namespaceOf(pluginName: string): string {
  return pluginName === 'Construct Annotations' ? 'annotation' : pluginName.replace(/ /g, '-');
}

function registeredPlugins(root: IConstruct, constructs: readonly IConstruct[]): RegisteredPlugin[] {
  const stages = [root, ...constructs].filter((c): c is Stage => Stage.isStage(c));
  const plugins: IPolicyValidationPlugin[] = [];
  for (const stage of stages) {
    // CDK keeps the plugins on the stage without a public reader; the report alone would miss
    // every plugin that found nothing.
    const registered = (stage as unknown as { _validationPlugins?: IPolicyValidationPlugin[] })._validationPlugins;
    for (const p of Array.isArray(registered) ? registered : []) {
      if (!plugins.includes(p)) {
        plugins.push(p);
      }
    }
  }
  const out: RegisteredPlugin[] = plugins.map((p) => ({
    name: p.name,
    version: p.version ?? (p instanceof NagPack ? cdkNagVersion() : undefined),
    ruleCount: p.ruleIds?.length,
  }));
  if (App.isApp(root) && builtInValidationEnabled(root) && !out.some((p) => p.name === CLOUDFORMATION_VALIDATE)) {
    out.push({ name: CLOUDFORMATION_VALIDATE, version: new CloudFormationValidatePlugin().version });
  }
  return out;
}

/** Mirrors CDK's own switch for its built-in CloudFormation Validate plugin. */
function builtInValidationEnabled(app: App): boolean {
  const builtIn = (app as unknown as { _builtinCloudFormationValidation?: boolean })._builtinCloudFormationValidation;
  return builtIn !== false && process.env.CDK_VALIDATION !== 'false';
}

let nagVersion: { value?: string } | undefined;

/** cdk-nag's packs report no version; they are the cdk-nag this package depends on. */
function cdkNagVersion(): string | undefined {
  if (!nagVersion) {
    try {
      nagVersion = { value: (JSON.parse(fs.readFileSync(require.resolve('cdk-nag/package.json'), 'utf-8')) as { version?: string }).version };
    } catch {
      nagVersion = {};
    }
  }
  return nagVersion.value;
}




/**
 * The pack's part of a validation report, as CDK would write it, built from its verdicts: for an
 * assembly judged by `cdk-soc2-ml check`, which CDK's report does not cover.
 */
export function packReportOf(verdicts: VerdictDocument): PluginReport {
  const rules = new Map(ALL_RULES.map((r) => [r.rule.id, r]));
  const violations: ReportedViolation[] = [];
  const suppressed: ReportedViolation[] = [];
  for (const resource of verdicts.resources) {
    for (const f of resource.failed) {
      const rule = rules.get(f.rule);
      const violation: ReportedViolation = {
        ruleName: f.rule,
        description: `${rule?.finding ?? ''} ${f.detail}`.trim() + (rule ? ` (SOC 2 ${rule.criteria.join(', ')})` : ''),
        suggestedFix: rule?.fix,
        severity: f.severity,
        ruleMetadata: rule ? { criteria: rule.criteria.join(', ') } : undefined,
        violatingConstructs: [{ constructPath: resource.constructPath }],
      };
      if (f.acknowledged) {
        suppressed.push({ ...violation, acknowledgedId: soc2mlRuleId(f.rule), reason: f.acknowledged.reason, acknowledgedAt: f.acknowledged.at });
      } else {
        violations.push(violation);
      }
    }
  }
  return {
    pluginName: verdicts.plugin,
    pluginVersion: verdicts.version,
    conclusion: violations.some((v) => v.severity === 'error') ? 'failure' : 'success',
    violations,
    suppressedViolations: suppressed,
  };
}

/** The plugins' reports of CDK's validation report in an assembly directory; none when CDK wrote none. */
export function readValidationReport(outdir: string): PluginReport[] {
  const report = readJson(path.join(outdir, 'validation-report.json'));
  return isObject(report) && Array.isArray(report.pluginReports) ? (report.pluginReports as unknown as PluginReport[]) : [];
}
