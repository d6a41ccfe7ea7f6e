import { Construct } from 'constructs';
import { FeatureGroupDefinition } from '../constructs/feature-group-definition';
import { validateFeatureGroups } from '../constructs/private/feature-group-checks';
import { EndpointSet } from '../constructs/ml-network';
import { StudioAuthMode } from '../constructs/ml-studio';
import { GuardDutySetup } from '../constructs/threat-detection';
import { MlPerson, Persona } from '../constructs/persona';
import { OnCallPerson } from '../constructs/incident-routing';
import { validateOnCall, validateResponsePlanArn } from '../constructs/private/incident-checks';
import { assertSegregationOfDuties } from '../constructs/private/segregation-of-duties';
import { checkVpcCidr } from '../constructs/private/cidr';
import { readModel, readModelFamilies } from './model-settings';
import { ModelQualityMinimums } from '../constructs/model-signature-gate';
import { readEvidenceRetentionDays } from './evidence-settings';
import { assertAlertsReachSomeone, checkAlertTopicPlacement, readAlertTopicArns, readSlackChannels } from './alert-settings';
import { SlackChannel } from '../constructs/security-alert-topic';
import { parseJson, readBoolean, readJsonList, readList, readString, wrap } from './context-values';
import { ServedModelDefinition } from '../constructs/model-serving';
import { assertDistinctCidrs, CIDR_PLAN, EnvironmentCidr, freeCidr, plannedCidr } from './network-plan';
import { checkName, NameRules, validateEnvironmentName } from '../core/names';
import { Soc2MlError } from '../core/errors';
import { closest, didYouMean } from '../core/did-you-mean';

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
  /** AWS Chatbot Slack channels that receive the environment's alerts (`soc2ml:<env>:alertSlack`, else `soc2ml:alertSlack`). */
  readonly alertSlackChannels: SlackChannel[];
  /** Existing SNS topics the environment's alerts are forwarded to (`soc2ml:<env>:alertTopicArn`, else `soc2ml:alertTopicArn`); none when absent. */
  readonly alertTopicArns?: string[];
  /** The IPv4 range of the environment's VPC (from the plan, or `soc2ml:<env>:cidr`). */
  readonly cidr: string;
  /** How many availability zones the VPC spans: 3 for a pinned production environment, else 2. */
  readonly maxAzs: number;
  /** The VPC's interface endpoints: essential for `dev`, complete otherwise (or `soc2ml:<env>:endpoints`). */
  readonly endpoints: EndpointSet;
  /** The people of this environment (from `soc2ml:people`). */
  readonly people: MlPerson[];
  /** The model the environment serves (from `soc2ml:<env>:model`); none when not set. */
  readonly model?: ServedModelDefinition;
  /** What the environment's account baseline adopts (from `soc2ml:<env>:adopt`, else `soc2ml:adopt`). */
  readonly adopt: BaselineAdoption;
  /** Who is on call for the environment's incidents, in escalation order (`soc2ml:<env>:oncall`, else `soc2ml:oncall`). */
  readonly onCall: OnCallPerson[];
}

/**
 * The account singletons a baseline adopts instead of creating, because they exist already (AWS
 * Control Tower, a delegated administrator, an earlier installation): `soc2ml:adopt` for every
 * baseline, or `soc2ml:<env>:adopt` for the baseline of one environment's account.
 */
export interface BaselineAdoption {
  /** The existing GuardDuty detector's id (`guardDuty:<id>`); a detector is created when undefined. */
  readonly guardDutyDetectorId?: string;
  /** Security Hub is enabled already (`securityHub`). */
  readonly securityHub: boolean;
  /** An AWS Config recorder and delivery channel exist (`configRecorder`). */
  readonly configRecorder: boolean;
  /** The ECR registry's scanning configuration is someone else's (`registryScanning`). */
  readonly registryScanning: boolean;
  /** Amazon Macie is enabled already (`macie`). */
  readonly macie: boolean;
  /**
   * The account uses AWS Systems Manager Incident Manager: incidents also start from this response
   * plan (`incidentManager:<response plan ARN>`).
   */
  readonly incidentManagerResponsePlanArn?: string;
}

/** The names `soc2ml:adopt` lists (`guardDuty` as `guardDuty:<detector id>`, `incidentManager` as `incidentManager:<response plan ARN>`). */
export const ADOPTABLE = ['guardDuty', 'securityHub', 'configRecorder', 'registryScanning', 'macie', 'incidentManager'] as const;

/** Nothing adopted: the baseline creates every singleton. */
export const ADOPT_NOTHING: BaselineAdoption = { securityHub: false, configRecorder: false, registryScanning: false, macie: false };

/** A person of `soc2ml:people`: who they are, their personas and where they work. */
export interface PersonSettings extends MlPerson {
  /** The environments the person works in; all when absent. */
  readonly environments?: string[];
}

/** The kinds of identity provider persona roles can trust. */
export enum IdentityProviderKind {
  SAML = 'saml',
  OIDC = 'oidc',
}

/** The identity provider of `soc2ml:identityProvider`. */
export interface IdentityProviderSettings {
  readonly kind: IdentityProviderKind;
  /** The provider's ARN in IAM (`arn:aws:iam::<account>:saml-provider/<name>` or `…:oidc-provider/<host>`). */
  readonly arn: string;
  /** The OIDC client id tokens must be issued to (OIDC only). */
  readonly audience?: string;
}

/**
 * The delivery pipeline of `soc2ml:pipeline:*`: the tooling account it runs in and the repository
 * it delivers from. Present only when `soc2ml:pipeline:account` is set.
 */
export interface PipelineSettings {
  /** The tooling account the pipeline runs in (12 digits). */
  readonly account: string;
  /** The pipeline's region; every environment is deployed in it. */
  readonly region: string;
  /** The repository, as the connection's provider names it (`owner/name`). */
  readonly repository: string;
  /** The branch whose every change is delivered. */
  readonly branch: string;
  /** The ARN of the CodeConnections (CodeStar Connections) connection to the repository's provider. */
  readonly connectionArn: string;
}

/** The default app's settings, read from `soc2ml:` context keys. */
export interface PlatformSettings {
  readonly environments: EnvironmentSettings[];
  /** Addresses that receive account-level alerts (and environment alerts where none are set). */
  readonly alertEmails: string[];
  /** AWS Chatbot Slack channels that receive account-level alerts (and environment alerts where none are set). */
  readonly alertSlackChannels: SlackChannel[];
  /** Existing SNS topics account-level alerts are forwarded to (and environment alerts where none are set); none when absent. */
  readonly alertTopicArns?: string[];
  /** The AWS Organizations organization whose principals and resources endpoint policies admit. */
  readonly organizationId?: string;
  /** Everyone who works on the platform, their personas and environments. */
  readonly people: PersonSettings[];
  /** The identity provider people federate through; IAM users with MFA when absent. */
  readonly identityProvider?: IdentityProviderSettings;
  /** The feature groups of every environment's feature store. */
  readonly featureGroups: FeatureGroupDefinition[];
  /** The model families of every environment's registry. */
  readonly modelFamilies: string[];
  /**
   * The minimum model-quality metrics of the families that set some (`soc2ml:modelFamilies` entries
   * such as `{"name": "churn", "minimums": {"auc": 0.8}}`), applied by each production environment's
   * release gate.
   */
  readonly modelQualityMinimums: ModelQualityMinimums;
  /** How people sign in to Studio. */
  readonly studioAuthMode: StudioAuthMode;
  /** The delivery pipeline, when `soc2ml:pipeline:account` is set; the default app has none. */
  readonly pipeline?: PipelineSettings;
  /** How long the evidence archive locks its records, in days (`soc2ml:evidenceRetentionDays`, default 731). */
  readonly evidenceRetentionDays: number;
}

/** The prefix of every context key the platform reads. */
export const CONTEXT_PREFIX = 'soc2ml:';

/** Context keys read once for the whole app (after the prefix). */
export const GLOBAL_KEYS = ['environments', 'alertEmails', 'organizationId', 'people', 'identityProvider', 'featureGroups', 'modelFamilies', 'studioAuthMode', 'adopt', 'evidenceRetentionDays', 'oncall', 'alertSlack', 'alertTopicArn'] as const;
/** Context keys read per environment, as `soc2ml:<environment>:<key>`. */
export const ENVIRONMENT_KEYS = ['account', 'region', 'availabilityZones', 'production', 'alertEmails', 'alertSlack', 'alertTopicArn', 'cidr', 'endpoints', 'model', 'adopt', 'oncall'] as const;
/** The namespace of the delivery pipeline's keys, `soc2ml:pipeline:<key>` (no environment may take the name). */
export const PIPELINE_NAMESPACE = 'pipeline';
/** Context keys of the delivery pipeline, as `soc2ml:pipeline:<key>`. */
export const PIPELINE_KEYS = ['account', 'region', 'repository', 'branch', 'connectionArn'] as const;
/** The branch the pipeline delivers when `soc2ml:pipeline:branch` is not set. */
export const DEFAULT_PIPELINE_BRANCH = 'main';

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

  const names = readEnvironmentNames(get('environments'));
  rejectUnknownKeys(all, names);

  const alertEmails = readList(get('alertEmails'), `${CONTEXT_PREFIX}alertEmails`) ?? [];
  const alertSlackChannels = readSlackChannels(get('alertSlack'), `${CONTEXT_PREFIX}alertSlack`) ?? [];
  const alertTopicArns = readAlertTopicArns(get('alertTopicArn'), `${CONTEXT_PREFIX}alertTopicArn`) ?? [];
  const organizationId = readOrganizationId(get('organizationId'));
  const people = readPeople(get('people'), names);
  const identityProvider = readIdentityProvider(get('identityProvider'));
  const featureGroups = readFeatureGroups(get('featureGroups'), names);
  const families = readModelFamilies(get('modelFamilies'), `${CONTEXT_PREFIX}modelFamilies`);
  const modelFamilies = families.names;
  const studioAuthMode = readStudioAuthMode(get('studioAuthMode'));
  const adoptAll = readAdoption(get('adopt'), `${CONTEXT_PREFIX}adopt`) ?? ADOPT_NOTHING;
  const explicitCidrs = readExplicitCidrs(get, names);
  const onCall = readOnCall(get('oncall'), `${CONTEXT_PREFIX}oncall`) ?? [];
  const shared: SharedEnvironmentSettings = { alertEmails, alertSlackChannels, alertTopicArns, people, modelFamilies, adoptAll, explicitCidrs, onCall };
  const environments = names.map((name) => readEnvironment(get, name, shared));

  assertDistinctCidrs(environments.map((e) => ({
    environment: e.name,
    cidr: e.cidr,
    source: explicitCidrs.some((x) => x.environment === e.name) ? `${CONTEXT_PREFIX}${e.name}:cidr` : 'the plan',
  })));

  const pipeline = readPipeline(get, environments);
  const evidenceRetentionDays = readEvidenceRetentionDays(get('evidenceRetentionDays'), `${CONTEXT_PREFIX}evidenceRetentionDays`);

  return { environments, alertEmails, alertSlackChannels, ...(alertTopicArns.length > 0 ? { alertTopicArns } : {}), organizationId, people, identityProvider, featureGroups, modelFamilies, modelQualityMinimums: families.qualityMinimums, studioAuthMode, pipeline, evidenceRetentionDays };
}

/** What every environment's settings start from: the app-wide values an environment may narrow or override. */
interface SharedEnvironmentSettings {
  readonly alertEmails: string[];
  readonly alertSlackChannels: SlackChannel[];
  readonly alertTopicArns: string[];
  readonly people: PersonSettings[];
  readonly modelFamilies: string[];
  readonly adoptAll: BaselineAdoption;
  /** The ranges set with `soc2ml:<env>:cidr`, already checked. */
  readonly explicitCidrs: EnvironmentCidr[];
  /** `soc2ml:oncall`. */
  readonly onCall: OnCallPerson[];
}

/** `soc2ml:environments`: at least one, each named once, none the pipeline's namespace, none starting with another's name and "-". */
function readEnvironmentNames(value: unknown): string[] {
  const names = readList(value, `${CONTEXT_PREFIX}environments`) ?? DEFAULT_ENVIRONMENTS;
  if (names.length === 0) {
    throw new Soc2MlError(`${CONTEXT_PREFIX}environments is empty: name at least one environment, for example -c ${CONTEXT_PREFIX}environments=dev,staging,prod.`);
  }
  const seen = new Set<string>();
  for (const name of names) {
    validateEnvironmentName(name, `${CONTEXT_PREFIX}environments entry`);
    if (name === PIPELINE_NAMESPACE) {
      throw new Soc2MlError(`${CONTEXT_PREFIX}environments names "${PIPELINE_NAMESPACE}", which is the namespace of the delivery pipeline's keys (${CONTEXT_PREFIX}${PIPELINE_NAMESPACE}:…): name the environment otherwise, for example "tooling".`);
    }
    if (seen.has(name)) {
      throw new Soc2MlError(`${CONTEXT_PREFIX}environments names "${name}" twice: each environment must be named once.`);
    }
    seen.add(name);
  }
  for (const a of names) {
    const b = names.find((other) => other !== a && other.startsWith(`${a}-`));
    if (b !== undefined) {
      throw new Soc2MlError(`${CONTEXT_PREFIX}environments names "${a}" and "${b}": the SageMaker resources of "${a}" are those named "${a}-…", which would include those of "${b}". Rename one so neither is the other followed by "-".`);
    }
  }
  return names;
}

function readOrganizationId(value: unknown): string | undefined {
  const organizationId = readString(value, `${CONTEXT_PREFIX}organizationId`);
  if (organizationId !== undefined) {
    checkName(NameRules.ORGANIZATION_ID, organizationId, `${CONTEXT_PREFIX}organizationId`);
  }
  return organizationId;
}

/** The feature groups, checked once per environment because their names are scoped to it. */
function readFeatureGroups(value: unknown, environments: string[]): FeatureGroupDefinition[] {
  const featureGroups = readJsonList(value, `${CONTEXT_PREFIX}featureGroups`) as FeatureGroupDefinition[];
  for (const name of environments) {
    validateFeatureGroups(featureGroups, `${CONTEXT_PREFIX}featureGroups`, name);
  }
  return featureGroups;
}

function readStudioAuthMode(value: unknown): StudioAuthMode {
  const authModeName = (readString(value, `${CONTEXT_PREFIX}studioAuthMode`) ?? 'iam').toUpperCase();
  if (!(Object.values(StudioAuthMode) as string[]).includes(authModeName)) {
    throw new Soc2MlError(`${CONTEXT_PREFIX}studioAuthMode is ${JSON.stringify(value)}: pass iam (people assume their persona role and open Studio) or sso (IAM Identity Center, which must be enabled).`);
  }
  return authModeName as StudioAuthMode;
}

/** The ranges set with `soc2ml:<env>:cidr`, read before any environment so a missing range can suggest a free one. */
function readExplicitCidrs(get: (key: string) => unknown, environments: string[]): EnvironmentCidr[] {
  return environments
    .map((name) => ({ name, cidr: readString(get(`${name}:cidr`), `${CONTEXT_PREFIX}${name}:cidr`) }))
    .filter((e): e is { name: string; cidr: string } => e.cidr !== undefined)
    .map((e) => ({ environment: e.name, cidr: checkVpcCidr(e.cidr, `${CONTEXT_PREFIX}${e.name}:cidr`), source: `${CONTEXT_PREFIX}${e.name}:cidr` }));
}

/** One environment's `soc2ml:<env>:*` keys, over the app-wide values. */
function readEnvironment(get: (key: string) => unknown, name: string, shared: SharedEnvironmentSettings): EnvironmentSettings {
  const key = (k: string) => `${CONTEXT_PREFIX}${name}:${k}`;
  const { account, region, availabilityZones } = readPlacement(get, name);
  const production = readBoolean(get(`${name}:production`), key('production')) ?? name === 'prod';
  const emails = readList(get(`${name}:alertEmails`), key('alertEmails')) ?? shared.alertEmails;
  const slack = readSlackChannels(get(`${name}:alertSlack`), key('alertSlack')) ?? shared.alertSlackChannels;
  const ownTopics = readAlertTopicArns(get(`${name}:alertTopicArn`), key('alertTopicArn'));
  const topics = ownTopics ?? shared.alertTopicArns;
  checkAlertTopicPlacement(topics, ownTopics ? key('alertTopicArn') : `${CONTEXT_PREFIX}alertTopicArn`, name, account, region);
  const cidr = environmentCidr(name, shared.explicitCidrs);
  const endpoints = readEndpoints(get(`${name}:endpoints`), name);
  // A zone list exists only for pinned environments (checked in readPlacement), so the VPC never has
  // to ask AWS for zones; an environment-agnostic stack knows two.
  const maxAzs = account !== undefined && production ? PRODUCTION_AZS : DEFAULT_AZS;
  const envPeople = shared.people
    .filter((p) => p.environments === undefined || p.environments.includes(name))
    .map((p): MlPerson => ({ name: p.name, personas: p.personas }));
  const model = readModel(get(`${name}:model`), { key: key('model'), environment: name, production, modelFamilies: shared.modelFamilies, account, region });
  const adopt = readAdoption(get(`${name}:adopt`), key('adopt')) ?? shared.adoptAll;
  const onCall = readOnCall(get(`${name}:oncall`), key('oncall')) ?? shared.onCall;
  if (production && account !== undefined && onCall.length === 0) {
    throw new Soc2MlError(`Environment "${name}" serves production and is pinned to account ${account}, but nobody is on call for its incidents: set ${CONTEXT_PREFIX}oncall (or ${key('oncall')}) to the people paged, in escalation order, for example -c ${CONTEXT_PREFIX}oncall='${ON_CALL_EXAMPLE}'.`);
  }
  assertAlertsReachSomeone(name, production, account, { emails, slackChannels: slack, topicArns: topics });
  return { name, account, region, availabilityZones, production, alertEmails: emails, alertSlackChannels: slack, ...(topics.length > 0 ? { alertTopicArns: topics } : {}), cidr, maxAzs, endpoints, people: envPeople, model, adopt, onCall };
}

const ON_CALL_EXAMPLE = '[{"name":"Alice Ng","email":"alice@example.com","phone":"+14155550100"},{"name":"Bob Ode","email":"bob@example.com"}]';

/** `soc2ml:oncall` (or an environment's): people in escalation order; undefined when absent. */
function readOnCall(value: unknown, key: string): OnCallPerson[] | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const people = readJsonList(value, key) as OnCallPerson[];
  validateOnCall(people, key);
  return people;
}

/** Where an environment is pinned: an account and a region with their zones, or nothing at all. */
function readPlacement(get: (key: string) => unknown, name: string): Pick<EnvironmentSettings, 'account' | 'region' | 'availabilityZones'> {
  const key = (k: string) => `${CONTEXT_PREFIX}${name}:${k}`;
  const account = readString(get(`${name}:account`), key('account'));
  const region = readString(get(`${name}:region`), key('region'));
  if (account !== undefined) {
    checkName(NameRules.ACCOUNT_ID, account, key('account'), `an AWS account id is 12 digits, for example -c ${key('account')}=111111111111`);
  }
  if (region !== undefined) {
    checkName(NameRules.REGION, region, key('region'));
  }
  if ((account === undefined) !== (region === undefined)) {
    throw new Soc2MlError(`Environment "${name}" sets ${account === undefined ? key('region') : key('account')} but not ${account === undefined ? key('account') : key('region')}: pin an environment to both an account and a region, or to neither.`);
  }
  const availabilityZones = readList(get(`${name}:availabilityZones`), key('availabilityZones'));
  if (account !== undefined && (availabilityZones === undefined || availabilityZones.length === 0)) {
    throw new Soc2MlError(`Environment "${name}" is pinned to account ${account} and region ${region}, but ${key('availabilityZones')} is not set, so synth would have to ask AWS for them. Add the list to cdk.context.json or pass -c ${key('availabilityZones')}=${region}a,${region}b,${region}c.`);
  }
  for (const az of availabilityZones ?? []) {
    if (region !== undefined && !az.startsWith(region)) {
      throw new Soc2MlError(`${key('availabilityZones')} contains ${JSON.stringify(az)}, which is not in region ${region}: list the zones of ${region} (for example ${region}a).`);
    }
  }
  if (availabilityZones !== undefined && account === undefined) {
    throw new Soc2MlError(`${key('availabilityZones')} is set but environment "${name}" has no account and region: an environment-agnostic stack cannot choose zones. Set ${key('account')} and ${key('region')} too, or drop the zones.`);
  }
  return { account, region, availabilityZones };
}

/** The environment's `soc2ml:<env>:cidr`, else its range in the plan. */
function environmentCidr(name: string, explicitCidrs: EnvironmentCidr[]): string {
  const key = (k: string) => `${CONTEXT_PREFIX}${name}:${k}`;
  const cidr = explicitCidrs.find((e) => e.environment === name)?.cidr ?? plannedCidr(name);
  if (cidr === undefined) {
    throw new Soc2MlError(`Environment "${name}" has no address range: the plan covers only ${Object.entries(CIDR_PLAN).map(([env, range]) => `${env} (${range})`).join(', ')}. Set ${key('cidr')} to a private /16 to /22 no other environment uses, for example -c ${key('cidr')}=${freeCidr([...Object.values(CIDR_PLAN).map((c) => ({ cidr: c })), ...explicitCidrs])}.`);
  }
  return cidr;
}

function readEndpoints(value: unknown, name: string): EndpointSet {
  const key = (k: string) => `${CONTEXT_PREFIX}${name}:${k}`;
  const endpointsName = readString(value, key('endpoints')) ?? (name === 'dev' ? 'essential' : 'complete');
  if (!Object.prototype.hasOwnProperty.call(ENDPOINT_SETS, endpointsName)) {
    throw new Soc2MlError(`${key('endpoints')} is ${JSON.stringify(endpointsName)}: pass ${Object.keys(ENDPOINT_SETS).join(' or ')}.`);
  }
  return ENDPOINT_SETS[endpointsName];
}

/**
 * The pipeline's settings: none without `soc2ml:pipeline:account`. With it, every environment is a
 * stage of its own, pinned to an account of its own in the pipeline's region.
 */
function readPipeline(get: (key: string) => unknown, environments: EnvironmentSettings[]): PipelineSettings | undefined {
  const key = (k: string) => `${CONTEXT_PREFIX}${PIPELINE_NAMESPACE}:${k}`;
  const value = (k: string) => readString(get(`${PIPELINE_NAMESPACE}:${k}`), key(k));
  const account = value('account');
  if (account === undefined) {
    const stray = PIPELINE_KEYS.find((k) => value(k) !== undefined);
    if (stray !== undefined) {
      throw new Soc2MlError(`${key(stray)} is set but ${key('account')} is not: the pipeline appears only with the tooling account it runs in. Pass -c ${key('account')}=<12 digits>, or remove ${key(stray)}.`);
    }
    return undefined;
  }
  checkName(NameRules.ACCOUNT_ID, account, key('account'), `an AWS account id is 12 digits, for example -c ${key('account')}=000000000000`);
  const required = (k: string, example: string): string => {
    const v = value(k);
    if (v === undefined) {
      throw new Soc2MlError(`${key('account')} is set but ${key(k)} is not: pass -c ${key(k)}=${example}.`);
    }
    return v;
  };
  const region = required('region', 'eu-west-1');
  checkName(NameRules.REGION, region, key('region'));
  const repository = required('repository', 'my-org/my-ml-platform');
  if (!/^[\w.-]+(\/[\w.-]+)+$/.test(repository)) {
    throw new Soc2MlError(`${key('repository')} is ${JSON.stringify(repository)}: pass the repository as its provider names it, owner/name (for example my-org/my-ml-platform).`);
  }
  const connectionArn = required('connectionArn', `arn:aws:codeconnections:${region}:${account}:connection/<id>`);
  if (!/^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z]{2}(-[a-z]+)+-\d:\d{12}:connection\/[\w-]+$/.test(connectionArn)) {
    throw new Soc2MlError(`${key('connectionArn')} is ${JSON.stringify(connectionArn)}, which is not the ARN of a CodeConnections connection: pass one such as arn:aws:codeconnections:${region}:${account}:connection/<id> (Developer Tools console, Settings, Connections).`);
  }
  const branch = value('branch') ?? DEFAULT_PIPELINE_BRANCH;
  // The branch is written into the pipeline and into the synth step's command line.
  if (!/^[A-Za-z0-9._][A-Za-z0-9._/-]*$/.test(branch) || branch.includes('..')) {
    throw new Soc2MlError(`${key('branch')} is ${JSON.stringify(branch)}: pass a branch name of letters, digits, ".", "_", "-" and "/" (for example main).`);
  }

  const accounts = new Map<string, string>();
  for (const env of environments) {
    const envKey = (k: string) => `${CONTEXT_PREFIX}${env.name}:${k}`;
    if (env.account === undefined) {
      throw new Soc2MlError(`${key('account')} is set, so every environment is deployed by the pipeline to an account of its own, but environment "${env.name}" is not pinned: pass -c ${envKey('account')}=<12 digits> -c ${envKey('region')}=${region} -c ${envKey('availabilityZones')}=${region}a,${region}b,${region}c.`);
    }
    const other = accounts.get(env.account);
    if (other !== undefined) {
      throw new Soc2MlError(`Environments "${other}" and "${env.name}" are both pinned to account ${env.account}: with the pipeline each environment has an account of its own, so a change is proven in one before it reaches the next. Give ${envKey('account')} another account.`);
    }
    accounts.set(env.account, env.name);
    if (env.region !== region) {
      throw new Soc2MlError(`${envKey('region')} is ${env.region}, but the pipeline runs in ${region} (${key('region')}): a pipeline deploying to another region needs an artifact bucket in that region, which this app does not create. Pin the environment to ${region}.`);
    }
  }
  return { account, region, repository, branch, connectionArn };
}

function readPeople(value: unknown, environments: string[]): PersonSettings[] {
  const key = `${CONTEXT_PREFIX}people`;
  const list = readJsonList(value, key);
  const people = list.map((entry, i): PersonSettings => {
    const at = `${key}[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new Soc2MlError(`${at} is ${JSON.stringify(entry)}: describe a person as {"name": "alice", "personas": ["data-scientist"]}.`);
    }
    const o = entry as Record<string, unknown>;
    const unknownField = Object.keys(o).find((k) => !['name', 'personas', 'environments'].includes(k));
    if (unknownField !== undefined) {
      throw new Soc2MlError(`${at} has an unknown field "${unknownField}": a person has name, personas and (optionally) environments.`);
    }
    const envs = o.environments === undefined ? undefined : readList(o.environments, `${at}.environments`);
    for (const env of envs ?? []) {
      if (!environments.includes(env)) {
        throw new Soc2MlError(`${at}.environments names "${env}", which is not in ${CONTEXT_PREFIX}environments (${environments.join(', ')}): fix the name or remove it.`);
      }
    }
    return { name: o.name as string, personas: o.personas as Persona[], environments: envs };
  });
  assertSegregationOfDuties(people, key);
  return people;
}

function readIdentityProvider(value: unknown): IdentityProviderSettings | undefined {
  const key = `${CONTEXT_PREFIX}identityProvider`;
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const example = `{"type": "saml", "arn": "arn:aws:iam::111111111111:saml-provider/Okta"} or {"type": "oidc", "arn": "arn:aws:iam::111111111111:oidc-provider/login.example.com", "audience": "<client id>"}`;
  const o = (typeof value === 'string' ? parseJson(value, key, example) : value) as Record<string, unknown>;
  const kind = typeof o?.type === 'string' ? o.type.toLowerCase() : undefined;
  if (kind !== IdentityProviderKind.SAML && kind !== IdentityProviderKind.OIDC) {
    throw new Soc2MlError(`${key}.type is ${JSON.stringify(o?.type)}: pass ${example}.`);
  }
  const pattern = kind === IdentityProviderKind.SAML ? /^arn:aws[a-z-]*:iam::\d{12}:saml-provider\/[\w+=,.@-]+$/ : /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/[^\s]+$/;
  if (typeof o.arn !== 'string' || !pattern.test(o.arn)) {
    throw new Soc2MlError(`${key}.arn is ${JSON.stringify(o.arn)}, which is not the ARN of a ${kind.toUpperCase()} provider in IAM: pass ${example}.`);
  }
  if (kind === IdentityProviderKind.OIDC && (typeof o.audience !== 'string' || o.audience.trim() === '')) {
    throw new Soc2MlError(`${key}.audience is ${JSON.stringify(o.audience)}: an OIDC provider needs the client id its tokens are issued to, so tokens for other applications cannot assume persona roles.`);
  }
  return { kind, arn: o.arn, audience: kind === IdentityProviderKind.OIDC ? (o.audience as string) : undefined };
}

function contextEntries(scope: Construct): Record<string, unknown> {
  // `getAllContext` returns the app's context, cdk.json's and -c values included.
  return scope.node.getAllContext() as Record<string, unknown>;
}

/** Every context key the platform reads, in full, for "did you mean" (from the key lists above, so new keys join it). */
export function knownContextKeys(environments: readonly string[]): string[] {
  return [
    ...GLOBAL_KEYS.map((k) => `${CONTEXT_PREFIX}${k}`),
    ...environments.flatMap((env) => ENVIRONMENT_KEYS.map((k) => `${CONTEXT_PREFIX}${env}:${k}`)),
    ...PIPELINE_KEYS.map((k) => `${CONTEXT_PREFIX}${PIPELINE_NAMESPACE}:${k}`),
  ];
}

/** A prefix that was meant to be `soc2ml:` (`soc2-ml:`, `soc2:`, `soc2ml.`, `SOC2ML:`), and what follows it. */
const NEAR_MISS_PREFIX = /^soc[-_. ]?2(?:[-_. ]?ml)?[:.]/i;

function rejectUnknownKeys(all: Record<string, unknown>, environments: string[]): void {
  const known = knownContextKeys(environments);
  for (const fullKey of Object.keys(all)) {
    if (!fullKey.startsWith(CONTEXT_PREFIX)) {
      rejectNearMissPrefix(fullKey, known);
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
    if (env === PIPELINE_NAMESPACE && (PIPELINE_KEYS as readonly string[]).includes(sub)) {
      continue;
    }
    const hint = environments.includes(env)
      ? `per-environment keys are ${ENVIRONMENT_KEYS.join(', ')}`
      : env === PIPELINE_NAMESPACE
        ? `the pipeline's keys are ${PIPELINE_KEYS.join(', ')}`
        : `"${env}" is not in ${CONTEXT_PREFIX}environments (${environments.join(', ')}); global keys are ${GLOBAL_KEYS.join(', ')}`;
    throw new Soc2MlError(`Unknown context key ${fullKey}:${didYouMean(fullKey, known)} ${hint}. Fix the spelling or remove it.`);
  }
}

/** A key whose prefix is almost `soc2ml:` would be ignored without a word: refuse it. */
function rejectNearMissPrefix(fullKey: string, known: readonly string[]): void {
  const match = NEAR_MISS_PREFIX.exec(fullKey);
  if (!match) {
    return;
  }
  const meant = `${CONTEXT_PREFIX}${fullKey.slice(match[0].length)}`;
  const suggestion = known.includes(meant) ? meant : closest(meant, known) ?? meant;
  throw new Soc2MlError(`Context key ${fullKey} is not read: the platform's keys start with "${CONTEXT_PREFIX}". Did you mean "${suggestion}"?`);
}

function readAdoption(value: unknown, key: string): BaselineAdoption | undefined {
  const names = readList(value, key);
  if (names === undefined) {
    return undefined;
  }
  let guardDutyDetectorId: string | undefined;
  let incidentManagerResponsePlanArn: string | undefined;
  const flags = new Set<string>();
  for (const entry of names) {
    const [name, ...rest] = entry.split(':');
    if (name === 'guardDuty') {
      const id = rest.join(':');
      if (id === '') {
        throw new Soc2MlError(`${key} lists "${entry}" without the detector's id: write guardDuty:<detector id>, the id "aws guardduty list-detectors" prints in that account and region.`);
      }
      guardDutyDetectorId = wrap(`${key} lists "${entry}"`, () => GuardDutySetup.adopt(id).existingDetectorId);
    } else if (name === 'incidentManager') {
      incidentManagerResponsePlanArn = readResponsePlan(entry, rest.join(':'), key);
    } else if ((ADOPTABLE as readonly string[]).includes(name) && rest.length === 0) {
      flags.add(name);
    } else {
      throw new Soc2MlError(`${key} lists ${JSON.stringify(entry)}: list what the account already has, from ${ADOPTABLE.map(adoptableForm).join(', ')} (for example -c ${key}=securityHub,configRecorder).`);
    }
  }
  return {
    guardDutyDetectorId,
    securityHub: flags.has('securityHub'),
    configRecorder: flags.has('configRecorder'),
    registryScanning: flags.has('registryScanning'),
    macie: flags.has('macie'),
    incidentManagerResponsePlanArn,
  };
}

/** How `soc2ml:adopt` spells an adoptable singleton. */
function adoptableForm(name: typeof ADOPTABLE[number]): string {
  return name === 'guardDuty' ? 'guardDuty:<detector id>' : name === 'incidentManager' ? 'incidentManager:<response plan ARN>' : name;
}

function readResponsePlan(entry: string, arn: string, key: string): string {
  if (arn === '') {
    throw new Soc2MlError(`${key} lists "${entry}" without the response plan: write incidentManager:<response plan ARN>, for example incidentManager:arn:aws:ssm-incidents::111111111111:response-plan/ml-platform.`);
  }
  wrap(`${key} lists "${entry}"`, () => validateResponsePlanArn(arn, 'the response plan'));
  return arn;
}

