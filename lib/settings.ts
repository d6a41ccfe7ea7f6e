import { Construct } from 'constructs';
import { EndpointSet } from '../constructs/ml-network';
import { PlatformKey } from '../constructs/platform-key';
import { checkVpcCidr } from '../constructs/private/cidr';
import { assertDistinctCidrs, CIDR_PLAN, freeCidr, plannedCidr } from './network-plan';

/** Everything the default app needs to know about one environment. */
export interface EnvironmentSettings {
  /** Lowercase name: `dev`, `staging`, `prod`. */
  readonly name: string;
  /** The AWS account, when the environment is pinned to one. */
  readonly account?: string;
  /** The AWS region, when the environment is pinned to one. */
  readonly region?: string;
  /** The availability zones of the account and region (required with both). */
  readonly availabilityZones?: string[];
  /** Whether the environment serves production (stricter defaults). */
  readonly production: boolean;
  /** Addresses that receive the environment's alerts. */
  readonly alertEmails: string[];
  /** The IPv4 range of the environment's VPC (from the plan, or `soc2ml:<env>:cidr`). */
  readonly cidr: string;
  /** How many availability zones the VPC spans: 3 for a pinned production environment, else 2. */
  readonly maxAzs: number;
  /** The VPC's interface endpoints: essential for `dev`, complete otherwise (or `soc2ml:<env>:endpoints`). */
  readonly endpoints: EndpointSet;
}

/** The default app's settings, read from `soc2ml:` context keys. */
export interface PlatformSettings {
  readonly environments: EnvironmentSettings[];
  /** Addresses that receive account-level alerts (and environment alerts where none are set). */
  readonly alertEmails: string[];
  /** The AWS Organizations organization whose principals and resources endpoint policies admit. */
  readonly organizationId?: string;
}

/** The prefix of every context key the platform reads. */
export const CONTEXT_PREFIX = 'soc2ml:';

/** Context keys read once for the whole app (after the prefix). */
export const GLOBAL_KEYS = ['environments', 'alertEmails', 'organizationId'] as const;
/** Context keys read per environment, as `soc2ml:<environment>:<key>`. */
export const ENVIRONMENT_KEYS = ['account', 'region', 'availabilityZones', 'production', 'alertEmails', 'cidr', 'endpoints'] as const;

export const DEFAULT_ENVIRONMENTS = ['dev', 'staging', 'prod'];

/** The values of `soc2ml:<env>:endpoints`. */
const ENDPOINT_SETS: Readonly<Record<string, EndpointSet>> = {
  complete: EndpointSet.COMPLETE,
  essential: EndpointSet.ESSENTIAL,
};

/** Zones of a pinned production environment; an environment-agnostic stack knows only two. */
const PRODUCTION_AZS = 3;
const DEFAULT_AZS = 2;

/**
 * Read and check the `soc2ml:` context of an app. This and `bin/` are the only places that read
 * context; constructs take everything as props.
 */
export function platformSettingsFromContext(scope: Construct): PlatformSettings {
  const all = contextEntries(scope);
  const get = (key: string): unknown => all[`${CONTEXT_PREFIX}${key}`];

  const names = readList(get('environments'), `${CONTEXT_PREFIX}environments`) ?? DEFAULT_ENVIRONMENTS;
  if (names.length === 0) {
    throw new Error(`${CONTEXT_PREFIX}environments is empty: name at least one environment, for example -c ${CONTEXT_PREFIX}environments=dev,staging,prod.`);
  }
  const seen = new Set<string>();
  for (const name of names) {
    PlatformKey.validateEnvironmentName(name, `${CONTEXT_PREFIX}environments entry`);
    if (seen.has(name)) {
      throw new Error(`${CONTEXT_PREFIX}environments names "${name}" twice: each environment must be named once.`);
    }
    seen.add(name);
  }

  rejectUnknownKeys(all, names);

  const alertEmails = readList(get('alertEmails'), `${CONTEXT_PREFIX}alertEmails`) ?? [];
  const organizationId = readString(get('organizationId'), `${CONTEXT_PREFIX}organizationId`);
  if (organizationId !== undefined && !/^o-[a-z0-9]{10,32}$/.test(organizationId)) {
    throw new Error(`${CONTEXT_PREFIX}organizationId is ${JSON.stringify(organizationId)}, which is not an AWS Organizations id: pass one such as -c ${CONTEXT_PREFIX}organizationId=o-a1b2c3d4e5 ("o-" and 10 to 32 lowercase letters or digits), or remove it to keep the perimeter to the account.`);
  }
  const explicitCidrs = names
    .map((name) => ({ name, cidr: readString(get(`${name}:cidr`), `${CONTEXT_PREFIX}${name}:cidr`) }))
    .filter((e): e is { name: string; cidr: string } => e.cidr !== undefined)
    .map((e) => ({ environment: e.name, cidr: checkVpcCidr(e.cidr, `${CONTEXT_PREFIX}${e.name}:cidr`), source: `${CONTEXT_PREFIX}${e.name}:cidr` }));
  const environments = names.map((name): EnvironmentSettings => {
    const key = (k: string) => `${CONTEXT_PREFIX}${name}:${k}`;
    const account = readString(get(`${name}:account`), key('account'));
    const region = readString(get(`${name}:region`), key('region'));
    if (account !== undefined && !/^\d{12}$/.test(account)) {
      throw new Error(`${key('account')} is ${JSON.stringify(account)}: an AWS account id is 12 digits, for example -c ${key('account')}=111111111111.`);
    }
    if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
      throw new Error(`${key('region')} is ${JSON.stringify(region)}: pass a region code such as eu-west-1.`);
    }
    if ((account === undefined) !== (region === undefined)) {
      throw new Error(`Environment "${name}" sets ${account === undefined ? key('region') : key('account')} but not ${account === undefined ? key('account') : key('region')}: pin an environment to both an account and a region, or to neither.`);
    }
    const availabilityZones = readList(get(`${name}:availabilityZones`), key('availabilityZones'));
    if (account !== undefined && (availabilityZones === undefined || availabilityZones.length === 0)) {
      throw new Error(`Environment "${name}" is pinned to account ${account} and region ${region}, but ${key('availabilityZones')} is not set, so synth would have to ask AWS for them. Add the list to cdk.context.json or pass -c ${key('availabilityZones')}=${region}a,${region}b,${region}c.`);
    }
    for (const az of availabilityZones ?? []) {
      if (region !== undefined && !az.startsWith(region)) {
        throw new Error(`${key('availabilityZones')} contains ${JSON.stringify(az)}, which is not in region ${region}: list the zones of ${region} (for example ${region}a).`);
      }
    }
    if (availabilityZones !== undefined && account === undefined) {
      throw new Error(`${key('availabilityZones')} is set but environment "${name}" has no account and region: an environment-agnostic stack cannot choose zones. Set ${key('account')} and ${key('region')} too, or drop the zones.`);
    }
    const production = readBoolean(get(`${name}:production`), key('production')) ?? name === 'prod';
    const emails = readList(get(`${name}:alertEmails`), key('alertEmails')) ?? alertEmails;
    const cidr = explicitCidrs.find((e) => e.environment === name)?.cidr ?? plannedCidr(name);
    if (cidr === undefined) {
      throw new Error(`Environment "${name}" has no address range: the plan covers only ${Object.entries(CIDR_PLAN).map(([env, range]) => `${env} (${range})`).join(', ')}. Set ${key('cidr')} to a private /16 to /22 no other environment uses, for example -c ${key('cidr')}=${freeCidr([...Object.values(CIDR_PLAN).map((c) => ({ cidr: c })), ...explicitCidrs])}.`);
    }
    const endpointsName = readString(get(`${name}:endpoints`), key('endpoints')) ?? (name === 'dev' ? 'essential' : 'complete');
    if (!Object.prototype.hasOwnProperty.call(ENDPOINT_SETS, endpointsName)) {
      throw new Error(`${key('endpoints')} is ${JSON.stringify(endpointsName)}: pass ${Object.keys(ENDPOINT_SETS).join(' or ')}.`);
    }
    const endpoints = ENDPOINT_SETS[endpointsName];
    // A zone list exists only for pinned environments (checked above), so the VPC never has to ask
    // AWS for zones; an environment-agnostic stack knows two.
    const maxAzs = account !== undefined && production ? PRODUCTION_AZS : DEFAULT_AZS;
    return { name, account, region, availabilityZones, production, alertEmails: emails, cidr, maxAzs, endpoints };
  });

  assertDistinctCidrs(environments.map((e) => ({
    environment: e.name,
    cidr: e.cidr,
    source: explicitCidrs.some((x) => x.environment === e.name) ? `${CONTEXT_PREFIX}${e.name}:cidr` : 'the plan',
  })));

  return { environments, alertEmails, organizationId };
}

function contextEntries(scope: Construct): Record<string, unknown> {
  // `getAllContext` returns the app's context, cdk.json's and -c values included.
  return scope.node.getAllContext() as Record<string, unknown>;
}

function rejectUnknownKeys(all: Record<string, unknown>, environments: string[]): void {
  for (const fullKey of Object.keys(all)) {
    if (!fullKey.startsWith(CONTEXT_PREFIX)) {
      continue;
    }
    const key = fullKey.slice(CONTEXT_PREFIX.length);
    if ((GLOBAL_KEYS as readonly string[]).includes(key)) {
      continue;
    }
    const [env, ...rest] = key.split(':');
    const sub = rest.join(':');
    if (environments.includes(env) && (ENVIRONMENT_KEYS as readonly string[]).includes(sub)) {
      continue;
    }
    const hint = environments.includes(env)
      ? `per-environment keys are ${ENVIRONMENT_KEYS.join(', ')}`
      : `"${env}" is not in ${CONTEXT_PREFIX}environments (${environments.join(', ')}); global keys are ${GLOBAL_KEYS.join(', ')}`;
    throw new Error(`Unknown context key ${fullKey}: ${hint}. Fix the spelling or remove it.`);
  }
}

function readString(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new Error(`${key} is ${JSON.stringify(value)}: pass a string.`);
  }
  return value.trim();
}

function readList(value: unknown, key: string): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'string') {
    // `-c key=a,b` arrives as a string; a JSON array written on the command line too.
    const text = value.trim();
    if (text.startsWith('[')) {
      return readList(parseJson(text, key), key);
    }
    return text === '' ? [] : text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value.map((v: string) => v.trim());
  }
  throw new Error(`${key} is ${JSON.stringify(value)}: pass a list of strings (a JSON array in cdk.json, or a comma-separated string with -c).`);
}

function readBoolean(value: unknown, key: string): boolean | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (value === true || value === 'true') {
    return true;
  }
  if (value === false || value === 'false') {
    return false;
  }
  throw new Error(`${key} is ${JSON.stringify(value)}: pass true or false.`);
}

function parseJson(text: string, key: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${key} is ${JSON.stringify(text)}, which looks like JSON but does not parse: pass a JSON array or a comma-separated list.`);
  }
}
