import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';

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
