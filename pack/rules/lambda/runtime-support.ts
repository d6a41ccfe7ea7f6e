/*
 * When AWS Lambda deprecates each managed runtime: the "Deprecation date" column of the supported
 * and deprecated runtime tables of AWS Lambda's runtime support policy
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). From that date Lambda
 * stops patching the runtime. Dates AWS marks as projected are taken as given; update the table
 * (and its date) when AWS changes one or adds a runtime.
 */

/**
 * The day the table reflects AWS's page: as read that day by endoflife.date's scraper of the page,
 * and agreeing with cfn-lint's transcription (LmbdRuntimeLifecycle.json, 2026-06-02).
 */
export const RUNTIME_TABLE_AS_OF = '2026-08-16';

/** Runtime identifier → deprecation date (ISO day). */
export const RUNTIME_DEPRECATIONS: Readonly<Record<string, string>> = {
  'nodejs': '2016-08-30',
  'nodejs4.3': '2020-03-05',
  'nodejs4.3-edge': '2020-03-05',
  'nodejs6.10': '2019-08-12',
  'nodejs8.10': '2020-03-06',
  'nodejs10.x': '2021-07-30',
  'nodejs12.x': '2023-03-31',
  'nodejs14.x': '2023-12-04',
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'nodejs22.x': '2027-04-30',
  'nodejs24.x': '2028-04-30',
  'python2.7': '2021-07-15',
  'python3.6': '2022-07-18',
  'python3.7': '2023-12-04',
  'python3.8': '2024-10-14',
  'python3.9': '2025-12-15',
  'python3.10': '2026-10-31',
  'python3.11': '2027-06-30',
  'python3.12': '2028-10-31',
  'python3.13': '2029-06-30',
  'python3.14': '2029-06-30',
  'java8': '2024-01-08',
  'java8.al2': '2027-06-30',
  'java8.al2023': '2029-06-30',
  'java11': '2027-06-30',
  'java11.al2023': '2029-06-30',
  'java17': '2027-06-30',
  'java17.al2023': '2029-06-30',
  'java21': '2029-06-30',
  'java25': '2029-06-30',
  'dotnetcore1.0': '2019-06-27',
  'dotnetcore2.0': '2019-05-30',
  'dotnetcore2.1': '2022-01-05',
  'dotnetcore3.1': '2023-04-03',
  'dotnet5.0': '2022-05-10',
  'dotnet6': '2024-12-20',
  'dotnet7': '2024-05-14',
  'dotnet8': '2026-11-10',
  'dotnet9': '2026-11-10',
  'dotnet10': '2028-11-14',
  'go1.x': '2024-01-08',
  'ruby2.5': '2021-07-30',
  'ruby2.7': '2023-12-07',
  'ruby3.2': '2026-03-31',
  'ruby3.3': '2027-03-31',
  'ruby3.4': '2028-03-31',
  'ruby4.0': '2029-03-31',
  'provided': '2024-01-08',
  'provided.al2': '2026-07-31',
  'provided.al2023': '2029-06-30',
};

/** A runtime as a language family and a version to order it by. */
export interface RuntimeVersion {
  /** `nodejs`, `python`, `java`, `dotnet` (`dotnetcore` included), `ruby`, `go`, `provided`. */
  readonly family: string;
  /** The language version (`[3, 14]`); for OS-only runtimes, the Amazon Linux version (`provided.al2023` is `[2023]`). */
  readonly version: readonly number[];
}

/** A runtime identifier read as family and version; undefined for a name of no known shape. */
export function parseRuntime(runtime: string): RuntimeVersion | undefined {
  const m = /^([a-z]+?)(core)?(\d+(?:\.\d+)?)?(?:\.x)?(?:[.-]([a-z0-9]+))?$/.exec(runtime);
  if (!m) {
    return undefined;
  }
  const [, family, , digits, suffix] = m;
  if (family === 'provided') {
    const os = /^al(\d+)$/.exec(suffix ?? 'al1');
    return os ? { family, version: [Number(os[1])] } : undefined;
  }
  return digits === undefined ? (family === 'nodejs' ? { family, version: [0] } : undefined) : { family, version: digits.split('.').map(Number) };
}

/** Whether version `a` is newer than `b` (`[3, 15]` after `[3, 14]`, `[26]` after `[24]`). */
export function isNewer(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) {
      return d > 0;
    }
  }
  return false;
}

/** Whether the table knows a runtime of the family at `version` or newer. */
export function tableHasNewerOrEqual(parsed: RuntimeVersion): boolean {
  return Object.keys(RUNTIME_DEPRECATIONS).some((known) => {
    const k = parseRuntime(known);
    return k !== undefined && k.family === parsed.family && !isNewer(parsed.version, k.version);
  });
}

// ---------------------------------------------------------------------------------------------
// The day of synth

/** The environment variable that fixes the day of synth (`YYYY-MM-DD`), for tests and reproducible builds. */
export const SYNTH_DATE_VARIABLE = 'SOC2ML_SYNTH_DATE';

/**
 * The day of synth as `YYYY-MM-DD`: `SOC2ML_SYNTH_DATE` when set, else today in UTC (so the
 * verdict is the same all day, wherever synth runs). An Error when the variable is malformed.
 */
export function synthDay(): string | Error {
  const fixed = process.env[SYNTH_DATE_VARIABLE];
  if (fixed === undefined || fixed === '') {
    return new Date().toISOString().slice(0, 10);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fixed) || isNaN(Date.parse(`${fixed}T00:00:00Z`))) {
    return new Error(`${SYNTH_DATE_VARIABLE} is ${JSON.stringify(fixed)}, not a day written YYYY-MM-DD`);
  }
  return fixed;
}

/** The ISO day `days` after `day`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
