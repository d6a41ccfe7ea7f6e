/*
 * An independent corpus for the SOC 2 control list, written the way an outside tester would:
 * plain aws-cdk-lib, each case a fully hardened resource (with its hardened supporting
 * resources) that can be built again with exactly one control broken, the way users break it.
 *
 * Each family of cases is a file in this folder (bench/corpus/kit.ts has what a case is). Used by
 * test/bench/corpus.test.ts (the pack blocks every break and is quiet on every hardened
 * case) and bench/coverage.ts (the same corpus under cdk-nag and Control Tower's controls).
 *
 * Build it under the feature flags of cdk.json (what `cdk init` gives a careful user): the
 * access-log buckets need @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy, without which CDK
 * grants log delivery by ACL and refuses BucketOwnerEnforced.
 */
import { App, Stack } from 'aws-cdk-lib';
import { CorpusCase } from './kit';
import * as analyticsCompute from './analytics-compute';
import * as dataServices from './data-services';
import * as databases from './databases';
import * as dax from './dax';
import * as dms from './dms';
import * as edges from './edges';
import * as emr from './emr';
import * as messagingContainers from './messaging-containers';
import * as msk from './msk';
import * as mwaa from './mwaa';
import * as platformServices from './platform-services';
import * as sagemaker from './sagemaker';
import * as transfer from './transfer';

export type { CorpusCase } from './kit';

/** A family of cases: one file of this folder (its name, `data-stores`) and the cases it exports as `CASES`. */
export interface CorpusFamily {
  readonly name: string;
  readonly cases: readonly CorpusCase[];
}

/**
 * Every family file of this folder (all but index.ts and kit.ts), in name order. A new family is a
 * new file exporting `CASES`, listed here; test/bench/corpus.test.ts fails on a family file
 * missing from this list. (Imported, not required by path: every test runner and tsx load them.)
 */
export const FAMILY_MODULES: Readonly<Record<string, { readonly CASES?: readonly CorpusCase[] }>> = {
  'analytics-compute': analyticsCompute,
  'data-services': dataServices,
  'databases': databases,
  'dax': dax,
  'dms': dms,
  'edges': edges,
  'emr': emr,
  'messaging-containers': messagingContainers,
  'msk': msk,
  'mwaa': mwaa,
  'platform-services': platformServices,
  'sagemaker': sagemaker,
  'transfer': transfer,
};

export const FAMILIES: readonly CorpusFamily[] = Object.entries(FAMILY_MODULES).map(([name, module]) => {
  if (!Array.isArray(module.CASES)) {
    throw new Error(`bench/corpus/${name}.ts exports no CASES: a family file exports its cases as \`export const CASES: readonly CorpusCase[]\`.`);
  }
  return { name, cases: module.CASES };
});

/** Every case, family by family. */
export const CORPUS: readonly CorpusCase[] = FAMILIES.flatMap((f) => f.cases);

/** The family a case belongs to. */
export function familyOf(c: CorpusCase): string {
  return FAMILIES.find((f) => f.cases.includes(c))!.name;
}

// Case names become construct ids: they must be unique across families.
const seen = new Set<string>();
for (const c of CORPUS) {
  if (seen.has(c.name)) {
    throw new Error(`Two corpus cases are named ${c.name}: case names are construct ids and must be unique.`);
  }
  seen.add(c.name);
}

// ---------------------------------------------------------------------------------------------
// Variants: one stack per case variant, so "under its construct" is one template.

export type VariantKind = 'hardened' | 'break' | 'warning';

export interface Variant {
  readonly kind: VariantKind;
  readonly corpusCase: CorpusCase;
  /** The broken control (breaks and warnings). */
  readonly control?: string;
  /** The construct id, also the stack's: `Case-<name>`, `Break-<name>-<control>`, `Warn-<name>-<control>`. */
  readonly id: string;
  /** The hardened twin's id. */
  readonly twinId: string;
}

export function variants(kinds: readonly VariantKind[]): Variant[] {
  const out: Variant[] = [];
  for (const c of CORPUS) {
    const twinId = `Case-${c.name}`;
    if (kinds.includes('hardened')) {
      out.push({ kind: 'hardened', corpusCase: c, id: twinId, twinId });
    }
    if (kinds.includes('break')) {
      out.push(...c.breaks.map((control) => ({ kind: 'break' as const, corpusCase: c, control, id: `Break-${c.name}-${control}`, twinId })));
    }
    if (kinds.includes('warning')) {
      out.push(...c.warnings.map((control) => ({ kind: 'warning' as const, corpusCase: c, control, id: `Warn-${c.name}-${control}`, twinId })));
    }
  }
  return out;
}

/** Build each variant in its own stack of the app. */
export function buildVariants(app: App, list: readonly Variant[]): void {
  for (const v of list) {
    v.corpusCase.build(new Stack(app, v.id), v.control);
  }
}

/** Whether a construct path is the variant's construct or under it. */
export function isUnder(constructPath: string, id: string): boolean {
  return constructPath === id || constructPath.startsWith(`${id}/`);
}

/** A construct path relative to its variant, to compare a break with its hardened twin. */
export function relativePath(constructPath: string): string {
  const slash = constructPath.indexOf('/');
  return slash < 0 ? '' : constructPath.slice(slash + 1);
}
