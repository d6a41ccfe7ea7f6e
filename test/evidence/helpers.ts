import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { EvidenceInputs, PluginReport, ReportedViolation, StackInput } from '../../evidence/inputs';
import { JsonObject } from '../../pack/json';
import { Severity } from '../../pack/rule';
import { FailedVerdict, ResourceVerdicts, RuleSummary, VerdictDocument } from '../../pack/verdicts';
import { StackTemplate } from '../../pack/template';

/** The official SARIF 2.1.0 schema (rtm.5), as @microsoft/jest-sarif ships it; it is draft-04. */
const SARIF_SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

let validator: ((doc: unknown) => string[]) | undefined;

/** Schema violations of a SARIF log; [] when it is valid. */
export function sarifSchemaErrors(doc: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
    ajv.addMetaSchema(JSON.parse(fs.readFileSync(require.resolve('ajv/lib/refs/json-schema-draft-04.json'), 'utf-8')));
    const validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA_FILE, 'utf-8')));
    validator = (d) => (validate(d) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`));
  }
  return validator(doc);
}

/** The diagram's DOT, read back: nodes by the first line of their label, edges by kind. */
export interface ParsedDot {
  /** Node id → first label line (the resource's short name or the key alias). */
  readonly labels: ReadonlyMap<string, string>;
  /** Edges, with their meaning (the tooltip). */
  readonly edges: readonly { from: string; to: string; kind: string; label?: string }[];
  /** Node ids inside a VPC boundary cluster. */
  readonly inVpc: ReadonlySet<string>;
  /** Whether there is an edge of a kind between the nodes whose labels start with these names. */
  edge(from: string, to: string, kind?: string): boolean;
}

export function parseDot(dot: string): ParsedDot {
  const labels = new Map<string, string>();
  const inVpc = new Set<string>();
  let vpcDepth = 0;
  for (const line of dot.split('\n')) {
    if (/subgraph cluster_\d+_n\d+ \{/.test(line)) {
      vpcDepth = 1;
      continue;
    }
    if (vpcDepth && /^\s*\}\s*$/.test(line)) {
      vpcDepth = 0;
      continue;
    }
    const node = /^\s*(n\d+) \[label="([^"]*)"/.exec(line);
    if (node) {
      labels.set(node[1], node[2].split('\\n')[0]);
      if (vpcDepth) {
        inVpc.add(node[1]);
      }
    }
  }
  const edges = [...dot.matchAll(/^\s*(n\d+) -> (n\d+) \[[^\n]*class="(\w+)"(?:, tooltip="([^"]*)")?\];$/gm)]
    .map((m) => ({ from: m[1], to: m[2], kind: m[3], label: m[4] }));
  const named = (name: string) => [...labels.entries()].filter(([, l]) => l === name || l.startsWith(`${name}/`)).map(([id]) => id);
  return {
    labels,
    edges,
    inVpc,
    edge(from, to, kind = 'flow') {
      const [a, b] = [named(from), named(to)];
      return edges.some((e) => a.includes(e.from) && b.includes(e.to) && e.kind === kind);
    },
  };
}

/** Every file of a folder, by name, as bytes. */
export function filesOf(dir: string): Map<string, Buffer> {
  return new Map(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f))]));
}

/**
 * One stack of the evidence inputs, built in memory from its template's resources, as
 * `readEvidenceInputs` would read it: the text written as CDK writes it (one-space indent), and
 * each resource at `<stack>/<logical id>/Resource` unless `constructPaths` says otherwise.
 */
export function stackInput(
  stackPath: string,
  resources: Record<string, JsonObject>,
  options: { readonly outputs?: JsonObject; readonly constructPaths?: Readonly<Record<string, string>> } = {},
): StackInput {
  const raw: JsonObject = { Resources: resources, ...(options.outputs ? { Outputs: options.outputs } : {}) };
  const templateFile = `${stackPath.replace(/\//g, '')}.template.json`;
  const template = new StackTemplate(stackPath, templateFile, raw);
  const constructPaths = new Map([...template.resources.keys()].map((id) => [id, options.constructPaths?.[id] ?? `${stackPath}/${id}/Resource`]));
  return { stackPath, templateFile, template, text: JSON.stringify(raw, undefined, 1), outputs: options.outputs ?? {}, constructPaths };
}

/** `Fn::GetAtt` of a resource's `Arn`. */
export function arnOf(logicalId: string): JsonObject {
  return { 'Fn::GetAtt': [logicalId, 'Arn'] };
}

/** A role's trust policy: one Allow of sts:AssumeRole to a principal, with a condition if given. */
export function assumeRolePolicy(principal: JsonObject, condition?: JsonObject): JsonObject {
  return { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal, ...(condition ? { Condition: condition } : {}) }] };
}

/** Evidence inputs with nothing in them but what a test gives. */
export function evidenceInputs(given: Partial<EvidenceInputs> = {}): EvidenceInputs {
  return { stacks: [], reports: [], acknowledgements: [], synthFailed: false, ...given };
}

/** A rule of a verdict document: error severity unless told. */
export function ruleSummary(id: string, criteria: readonly string[], severity = Severity.ERROR): RuleSummary {
  return { id, criteria, severity, resourceTypes: ['AWS::S3::Bucket'] };
}

/** One bucket's verdicts, in stack `App`, at `App/<name>/Resource`. */
export function bucketVerdicts(
  name: string,
  verdicts: { readonly passed?: readonly string[]; readonly notApplicable?: readonly string[]; readonly failed?: readonly FailedVerdict[] },
): ResourceVerdicts {
  return {
    stack: 'App',
    constructPath: `App/${name}/Resource`,
    logicalId: name,
    type: 'AWS::S3::Bucket',
    passed: verdicts.passed ?? [],
    notApplicable: verdicts.notApplicable ?? [],
    failed: verdicts.failed ?? [],
  };
}

/** A verdict document of the pack (`Soc2Ml` 1.2.3). */
export function verdictDocument(rules: readonly RuleSummary[], resources: readonly ResourceVerdicts[]): VerdictDocument {
  return { plugin: 'Soc2Ml', version: '1.2.3', rules, resources, notJudged: [] };
}

/** A plugin's part of CDK's validation report: a success with no violations unless told. */
export function pluginReport(pluginName: string, given: Partial<PluginReport> = {}): PluginReport {
  return { pluginName, conclusion: 'success', violations: [], ...given };
}

/** A violation of a rule on some constructs, as the report lists it; no severity unless told. */
export function reportedViolation(ruleName: string, constructPaths: readonly string[], given: Partial<ReportedViolation> = {}): ReportedViolation {
  return { ruleName, description: `${ruleName} failed.`, violatingConstructs: constructPaths.map((constructPath) => ({ constructPath })), ...given };
}
