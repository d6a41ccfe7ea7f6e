import * as fs from 'fs';
import * as path from 'path';
import { Severity } from './rule';

/*
 * The verdicts contract: what the pack writes into the cloud assembly after judging an app, and
 * what the evidence writer (and anything else downstream) reads. The pack owns this file; its
 * readers depend on it, never the reverse.
 */

/** The file, in the cloud assembly, holding every resource × rule verdict. */
export const VERDICTS_FILE = 'soc2ml-verdicts.json';

/** An acknowledgement that covered a failed verdict: its reason and the construct it was made on. */
export interface AcknowledgedVerdict {
  readonly reason: string;
  readonly at: string;
}

/** A rule a resource failed. */
export interface FailedVerdict {
  readonly rule: string;
  readonly severity: Severity;
  readonly detail: string;
  readonly acknowledged?: AcknowledgedVerdict;
}

/** One resource's (or one stack's) verdicts. */
export interface ResourceVerdicts {
  readonly stack: string;
  readonly constructPath: string;
  readonly logicalId?: string;
  readonly type: string;
  /** Rules the resource passed, by id. */
  readonly passed: readonly string[];
  /** Rules that read the type but found nothing to judge on this resource. */
  readonly notApplicable: readonly string[];
  readonly failed: readonly FailedVerdict[];
}

/** A rule of the pack as the verdicts file lists it. */
export interface RuleSummary {
  readonly id: string;
  readonly criteria: readonly string[];
  readonly severity: Severity;
  readonly resourceTypes: readonly string[];
}

/** Resources of one type, in one stack, that no rule read. */
export interface NotJudgedResources {
  readonly stack: string;
  readonly type: string;
  readonly count: number;
}

/** The verdicts file. */
export interface VerdictDocument {
  readonly plugin: string;
  readonly version: string;
  readonly rules: readonly RuleSummary[];
  readonly resources: readonly ResourceVerdicts[];
  /**
   * Resources of types no rule reads (types that hold no data and grant nothing left out: see
   * `INERT_TYPES`), or whose content is outside the template (a SageMaker pipeline defined in S3:
   * `OUTSIDE_THE_TEMPLATE`), per stack and type: the pack examined nothing about them.
   */
  readonly notJudged: readonly NotJudgedResources[];
}

/** Write the verdicts file into an assembly directory. */
export function writeVerdictDocument(assemblyDirectory: string, document: VerdictDocument): void {
  // Compact: the file is read by programs (the evidence writer), and written on every synth.
  fs.writeFileSync(path.join(assemblyDirectory, VERDICTS_FILE), JSON.stringify(document));
}

/** The verdicts file of an assembly directory; undefined when the pack did not write one. */
export function readVerdictDocument(assemblyDirectory: string): VerdictDocument | undefined {
  const file = path.join(assemblyDirectory, VERDICTS_FILE);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf-8')) as VerdictDocument : undefined;
}
