import { ALL_RULES } from '../pack/rules';
import { Severity } from '../pack/rule';
import { AppModel } from './app-model';
import { cmp, EvidenceInputs, PluginReport, ReportedViolation, StackInput } from './inputs';

/*
 * The findings of every plugin as SARIF 2.1.0, for code-scanning tools: one run per plugin,
 * one result per violating resource, acknowledged findings carried as accepted in-source
 * suppressions with their reason. Locations point at the resource in its template.
 */

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Where templates are, for locations: relative to the repository root, or under a base id. */
export interface SarifOptions {
  /**
   * The assembly directory relative to the directory synth ran in (the repository root), e.g.
   * `cdk.out`; undefined when the assembly lies outside it, and locations use the base id
   * `CDK_OUT` instead.
   */
  readonly assemblyPath?: string;
}

type SarifLevel = 'error' | 'warning' | 'note';

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  help?: { text: string };
  defaultConfiguration?: { level: SarifLevel };
  properties?: { tags: string[] };
}

export function buildSarif(inputs: EvidenceInputs, model: AppModel, options: SarifOptions = {}): object {
  const locate = new Locator(model, options);
  const versions = new Map((inputs.plugins ?? []).map((p) => [p.name, p.version]));
  // A plugin that ran and found nothing still gets a run, so code scanning closes its old alerts.
  const reports = new Map(inputs.reports.map((r) => [r.pluginName, r]));
  const names = [...new Set([...versions.keys(), ...reports.keys()])].sort(cmp);
  const runs = names.map((name) => run(
    reports.get(name) ?? { pluginName: name, conclusion: 'success', violations: [] },
    versions.get(name) ?? reports.get(name)?.pluginVersion,
    locate,
    inputs.verdicts?.plugin,
  ));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs,
  };
}

function run(report: PluginReport, version: string | undefined, locate: Locator, packName: string | undefined): object {
  const rules = new Map<string, SarifRule>();
  if (report.pluginName === packName) {
    // Our pack documents every rule, findings or not.
    for (const r of ALL_RULES) {
      rules.set(r.rule.id, {
        id: r.rule.id,
        shortDescription: { text: r.finding },
        help: { text: r.fix },
        defaultConfiguration: { level: r.severity === Severity.ERROR ? 'error' : 'warning' },
        properties: { tags: ['SOC 2', ...r.criteria] },
      });
    }
  }
  const results: { sort: string; result: object }[] = [];
  const add = (v: ReportedViolation, suppressed: boolean) => {
    const level = levelOf(v.severity);
    if (!rules.has(v.ruleName)) {
      rules.set(v.ruleName, {
        id: v.ruleName,
        shortDescription: { text: firstSentence(v.description) },
        ...(v.suggestedFix ? { help: { text: v.suggestedFix } } : {}),
        defaultConfiguration: { level },
      });
    }
    const constructs = v.violatingConstructs.length ? v.violatingConstructs : [{ constructPath: undefined }];
    for (const c of constructs) {
      const constructPath = c.constructPath ?? '';
      results.push({
        sort: `${v.ruleName}\u0000${constructPath}\u0000${suppressed ? 1 : 0}`,
        result: {
          ruleId: v.ruleName,
          level,
          message: { text: v.description },
          locations: [locate.location(constructPath)],
          partialFingerprints: { 'soc2EvidenceFinding/v1': fingerprint(report.pluginName, v.ruleName, constructPath) },
          ...(suppressed ? {
            suppressions: [{
              kind: 'inSource',
              status: 'accepted',
              justification: v.reason ?? '',
              properties: { acknowledgedAt: v.acknowledgedAt ?? '', acknowledgedId: v.acknowledgedId ?? '' },
            }],
          } : {}),
        },
      });
    }
  };
  report.violations.forEach((v) => add(v, false));
  (report.suppressedViolations ?? []).forEach((v) => add(v, true));

  const ruleList = [...rules.values()].sort((a, b) => cmp(a.id, b.id));
  const ruleIndex = new Map(ruleList.map((r, i) => [r.id, i]));
  return {
    tool: {
      driver: {
        name: report.pluginName,
        ...(version ? { version } : {}),
        rules: ruleList,
      },
    },
    automationDetails: { id: `soc2-evidence/${report.pluginName.replace(/[^A-Za-z0-9.-]+/g, '-')}/` },
    ...(locate.usesBaseId ? { originalUriBaseIds: { CDK_OUT: { description: { text: 'The cloud assembly directory (cdk.out) of the synth.' } } } } : {}),
    results: results
      .sort((a, b) => cmp(a.sort, b.sort))
      .map(({ result }) => ({ ...(result as { ruleId: string }), ruleIndex: ruleIndex.get((result as { ruleId: string }).ruleId) })),
  };
}

/** Finds the template and line of a construct path. */
class Locator {
  public readonly usesBaseId: boolean;
  private readonly byPath = new Map<string, { stack: StackInput; logicalId: string }>();
  private readonly lines = new Map<StackInput, Map<string, number>>();

  constructor(private readonly model: AppModel, private readonly options: SarifOptions) {
    this.usesBaseId = options.assemblyPath === undefined;
    for (const r of model.resources) {
      this.byPath.set(r.constructPath, { stack: r.stack, logicalId: r.logicalId });
    }
  }

  public location(constructPath: string): object {
    const hit = this.byPath.get(constructPath);
    const stack = hit?.stack ?? this.stackOf(constructPath);
    const line = hit ? this.lineOf(hit.stack, hit.logicalId) : undefined;
    const uri = stack ? stack.templateFile : 'manifest.json';
    const artifactLocation = this.options.assemblyPath !== undefined
      ? { uri: this.options.assemblyPath ? `${this.options.assemblyPath}/${uri}` : uri }
      : { uri, uriBaseId: 'CDK_OUT' };
    return {
      physicalLocation: { artifactLocation, ...(line ? { region: { startLine: line } } : {}) },
      logicalLocations: [{ fullyQualifiedName: constructPath || '(app)', kind: 'resource' }],
    };
  }

  private stackOf(constructPath: string): StackInput | undefined {
    return [...this.model.stacks]
      .filter((s) => constructPath === s.stackPath || constructPath.startsWith(`${s.stackPath}/`))
      .sort((a, b) => b.stackPath.length - a.stackPath.length)[0];
  }

  /** The line of `"LogicalId": {` in the template's `Resources` (CDK writes one key per line). */
  private lineOf(stack: StackInput, logicalId: string): number | undefined {
    let map = this.lines.get(stack);
    if (!map) {
      map = resourceLines(stack.text);
      this.lines.set(stack, map);
    }
    return map.get(logicalId);
  }
}

/** Each resource's line in a template as CDK writes it (one-space indent, one key per line). */
function resourceLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const start = text.indexOf('\n "Resources": {\n');
  if (start === -1) {
    return lines;
  }
  const end = text.indexOf('\n }', start);
  const entry = /\n {2}"([^"\n]+)": \{\n/g;
  entry.lastIndex = start;
  let line = 1;
  let counted = 0;
  for (let m = entry.exec(text); m && (end === -1 || m.index < end); m = entry.exec(text)) {
    for (let i = text.indexOf('\n', counted); i !== -1 && i <= m.index; i = text.indexOf('\n', i + 1)) {
      line++;
      counted = i + 1;
    }
    lines.set(m[1], line);
  }
  return lines;
}

function levelOf(severity: string | undefined): SarifLevel {
  if (severity === undefined || severity === 'error' || severity === 'fatal') {
    return 'error';
  }
  return severity === 'warning' ? 'warning' : 'note';
}

function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return (m ? m[1] : text).slice(0, 300);
}

/** What identifies a finding from one synth to the next: the rule and the construct, not the template line. */
function fingerprint(plugin: string, rule: string, constructPath: string): string {
  return `${plugin}/${rule}/${constructPath}`;
}
