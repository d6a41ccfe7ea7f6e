/*
 * The release checks of the model release gate, beside the signature: a model version must carry
 * model-quality statistics (the JSON SageMaker's model-quality baselining and evaluation steps
 * write, at `ModelMetrics.ModelQuality.Statistics.S3Uri`) whose metrics meet its family's minimums,
 * and a Clarify bias report (`ModelMetrics.Bias.Report` or `PostTrainingReport`). Everything that
 * cannot be read or understood fails the check: a release is approved on evidence, not on its
 * absence.
 */
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ModelMetrics } from '@aws-sdk/client-sagemaker';
import { objectStream, parseS3Uri, VerificationFailure } from './model-signature';

/** The minimums of each model package group's quality metrics, by group name then metric name. */
export type ReleaseMinimums = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** What a model version must carry to be released, read from `GateEnvironment.RELEASE_CHECKS`. */
export interface ReleaseRequirements {
  readonly minimums: ReleaseMinimums;
}

/** What the release checks found: every failure, and what was read. */
export interface ReleaseFindings {
  /** Why the version may not be released; empty when it may. */
  readonly failures: string[];
  /** What the checks read and accepted, for the log (the metrics and the bias report). */
  readonly evidence: string[];
}

/** The package fields the release checks read. */
export interface ReleasePackage {
  readonly ModelPackageGroupName?: string;
  readonly ModelMetrics?: ModelMetrics;
}

/** Statistics larger than this are not model-quality statistics (they are a few kilobytes). */
const MAX_STATISTICS_BYTES = 1024 * 1024;

/**
 * Parse the release requirements the construct writes into the function's environment. Throws on
 * anything else: the function is misconfigured, and no decision may be taken with it.
 */
export function parseReleaseRequirements(text: string): ReleaseRequirements {
  const parsed: unknown = JSON.parse(text);
  const minimums = (parsed as { minimums?: unknown })?.minimums;
  if (typeof minimums !== 'object' || minimums === null || Array.isArray(minimums)) {
    throw new Error(`the release requirements ${text} have no "minimums" object`);
  }
  for (const [group, metrics] of Object.entries(minimums)) {
    if (typeof metrics !== 'object' || metrics === null || Object.values(metrics).some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
      throw new Error(`the release minimums of ${group} are ${JSON.stringify(metrics)}, not an object of numbers`);
    }
  }
  return { minimums: minimums as ReleaseMinimums };
}

/** Run both release checks on a package, collecting every failure rather than stopping at the first. */
export async function checkRelease(s3: S3Client, pkg: ReleasePackage, requirements: ReleaseRequirements): Promise<ReleaseFindings> {
  const failures: string[] = [];
  const evidence: string[] = [];
  const minimums = requirements.minimums[pkg.ModelPackageGroupName ?? ''] ?? {};
  await collect(failures, evidence, 'model-quality statistics', () => checkQuality(s3, pkg.ModelMetrics, minimums));
  await collect(failures, evidence, 'bias report', () => checkBiasReport(s3, pkg.ModelMetrics));
  return { failures, evidence };
}

/** Run one check: its failure (a judgement, or an error reading what it needs) is recorded, never thrown. */
async function collect(failures: string[], evidence: string[], what: string, check: () => Promise<string>): Promise<void> {
  try {
    evidence.push(await check());
  } catch (e) {
    const error = e as Error;
    failures.push(e instanceof VerificationFailure ? error.message : `its ${what} could not be read (${error.name}: ${error.message})`);
  }
}

/** The quality statistics, read and compared with the minimums; returns what was accepted. */
async function checkQuality(s3: S3Client, metrics: ModelMetrics | undefined, minimums: Readonly<Record<string, number>>): Promise<string> {
  const uri = metrics?.ModelQuality?.Statistics?.S3Uri;
  if (!uri) {
    throw new VerificationFailure('it carries no model-quality statistics (ModelMetrics.ModelQuality.Statistics.S3Uri): register it with the statistics its evaluation step wrote');
  }
  const text = await readObjectText(s3, uri, 'model-quality statistics');
  let statistics: unknown;
  try {
    statistics = JSON.parse(text);
  } catch {
    throw new VerificationFailure(`its model-quality statistics ${uri} are not JSON`);
  }
  const values = metricValues(statistics, uri);
  const below: string[] = [];
  for (const [metric, minimum] of Object.entries(minimums)) {
    const value = values.get(metric);
    if (value === undefined) {
      below.push(`${metric} is missing (minimum ${minimum})`);
    } else if (!(value >= minimum)) {
      below.push(`${metric} is ${value}, below the minimum ${minimum}`);
    }
  }
  if (below.length > 0) {
    throw new VerificationFailure(`its model-quality statistics ${uri} do not meet the family's minimums: ${below.join(', ')}`);
  }
  const met = Object.keys(minimums).map((m) => `${m} ${values.get(m)}`).join(', ');
  return `model-quality statistics ${uri}${met ? ` meet the minimums (${met})` : ' are present (the family sets no minimums)'}`;
}

/**
 * The metrics of model-quality statistics: every `<problem>_metrics` object (binary_classification,
 * multiclass_classification, regression) whose entries are `{ "value": <number> }`. Statistics
 * without such an object, or a metric whose value is not a finite number, are malformed.
 */
export function metricValues(statistics: unknown, uri: string): Map<string, number> {
  if (typeof statistics !== 'object' || statistics === null || Array.isArray(statistics)) {
    throw new VerificationFailure(`its model-quality statistics ${uri} are not a JSON object`);
  }
  const groups = Object.entries(statistics as Record<string, unknown>).filter(([key]) => key.endsWith('_metrics'));
  if (groups.length === 0) {
    throw new VerificationFailure(`its model-quality statistics ${uri} hold no metrics (no binary_classification_metrics, multiclass_classification_metrics or regression_metrics)`);
  }
  const values = new Map<string, number>();
  for (const [group, metrics] of groups) {
    if (typeof metrics !== 'object' || metrics === null) {
      throw new VerificationFailure(`its model-quality statistics ${uri} have a malformed ${group}`);
    }
    for (const [name, metric] of Object.entries(metrics as Record<string, unknown>)) {
      const value = (metric as { value?: unknown } | null)?.value;
      if (value === undefined) {
        continue; // a confusion matrix or a curve: not a scalar metric
      }
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new VerificationFailure(`its model-quality statistics ${uri} give ${group}.${name} the value ${JSON.stringify(value)}, not a number`);
      }
      values.set(name, value);
    }
  }
  return values;
}

/** The bias report: it must be named and exist; returns where it is, for the record. */
async function checkBiasReport(s3: S3Client, metrics: ModelMetrics | undefined): Promise<string> {
  const uri = metrics?.Bias?.Report?.S3Uri ?? metrics?.Bias?.PostTrainingReport?.S3Uri;
  if (!uri) {
    throw new VerificationFailure('it carries no bias report (ModelMetrics.Bias.Report or PostTrainingReport): register it with the analysis its Clarify step wrote');
  }
  const { bucket, key } = parseS3Uri(uri);
  await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return `bias report ${uri} recorded`;
}

/** An S3 object's text, refused when it is larger than what it claims to be (statistics are a few kilobytes). */
async function readObjectText(s3: S3Client, uri: string, what: string): Promise<string> {
  const body = await objectStream(s3, uri);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_STATISTICS_BYTES) {
      throw new VerificationFailure(`its ${what} ${uri} hold more than ${MAX_STATISTICS_BYTES} bytes, more than ${what} do`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf-8');
}
