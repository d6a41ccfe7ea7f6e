import { isObject, Json, JsonObject } from '../json';
import { wildcardRegex, wildcardTest } from './reference';

/*
 * IAM policy evaluation for a request within one account, following AWS's documented logic
 * ("Policy evaluation logic", "Policy evaluation for requests within a single account"):
 * 1. an applicable explicit Deny in any policy (identity, permissions boundary, resource) denies;
 * 2. otherwise an Allow is needed from an identity policy or from the resource's policy naming the
 *    principal; a resource policy naming the account only delegates to the identity policies;
 * 3. a permissions boundary, when there is one, must allow too (it limits a role's grants, also those
 *    a resource policy makes to the role's ARN; an IAM user named by a resource policy is not limited);
 * 4. for KMS keys and role trust policies the resource policy is required: without its Allow (to the
 *    principal, or to the account together with an identity Allow) the request is denied.
 * Conditions are decided when the request context holds every key they read and the operator is
 * one of the string, ARN, Bool or Null operators; otherwise the statement applies *maybe*, and the
 * decision is conditional on the keys. Policies whose text synth does not have (AWS-managed
 * policies) are *maybe* on every request, named as such.
 */

/** How a request ends. */
export enum Decision {
  ALLOWED = 'allowed',
  DENIED = 'denied',
  CONDITIONAL = 'conditional',
}

/** One policy the evaluation reads, with its name for the findings. */
export interface NamedPolicy {
  readonly name: string;
  /**
   * The policy document, with every value a string (references already rendered as ARNs), or,
   * with `render`, as written: each statement is then rendered when a request first needs more
   * than its actions.
   */
  readonly document: Json | undefined;
  readonly render?: (statement: JsonObject) => Json;
}

/** The principal making the request. */
export interface RequestPrincipal {
  readonly arn: string;
  readonly account: string;
  readonly kind: 'role' | 'user';
}

export interface EvaluationRequest {
  readonly principal: RequestPrincipal;
  readonly action: string;
  /** The resource ARN (or `*` for actions without resource types). */
  readonly resource: string;
  /** Whether `resource` is a prefix of the resources asked about (any object of a bucket: `arn:aws:s3:::b/`). */
  readonly anySuffix?: boolean;
  /** Condition keys known for the request (lower-case keys), e.g. `aws:securetransport: 'true'`. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

export interface PolicySet {
  readonly identity: readonly NamedPolicy[];
  /** Identity policies whose documents synth does not have (AWS-managed), by name. */
  readonly unknownIdentity?: readonly string[];
  /** The permissions boundary; undefined when the principal has none. */
  readonly boundary?: NamedPolicy;
  /** A boundary synth cannot read (an AWS-managed policy), by name. */
  readonly unknownBoundary?: string;
  /** The resource's own policy (bucket, key, topic, trust policy …). */
  readonly resource?: NamedPolicy;
  /** Whether the resource policy must allow (KMS key policies, role trust policies). */
  readonly resourcePolicyRequired?: boolean;
}

/** The outcome of one request. */
export interface Evaluation {
  readonly decision: Decision;
  /** For a conditional decision: what it depends on (condition keys, `AWS-managed policy X`, `unresolved resource`). */
  readonly keys: readonly string[];
  /** The statements that decided: `<policy> <Sid or #index> (Allow|Deny)`. */
  readonly statements: readonly string[];
}

/** A three-valued fact: true, false, or depends on `keys`, with the statements that made it. */
export interface Tri {
  readonly v: 'yes' | 'no' | 'maybe';
  readonly keys: readonly string[];
  readonly by: readonly string[];
}

const NO: Tri = { v: 'no', keys: [], by: [] };
const YES: Tri = { v: 'yes', keys: [], by: [] };

function or(...xs: Tri[]): Tri {
  const yes = xs.find((x) => x.v === 'yes');
  if (yes) {
    return yes;
  }
  const maybes = xs.filter((x) => x.v === 'maybe');
  return maybes.length === 0 ? NO : { v: 'maybe', keys: [...new Set(maybes.flatMap((m) => m.keys))], by: maybes.flatMap((m) => m.by) };
}

function and(...xs: Tri[]): Tri {
  if (xs.some((x) => x.v === 'no')) {
    return NO;
  }
  const maybes = xs.filter((x) => x.v === 'maybe');
  const by = xs.flatMap((x) => x.by);
  return maybes.length === 0 ? { v: 'yes', keys: [], by } : { v: 'maybe', keys: [...new Set(maybes.flatMap((m) => m.keys))], by };
}

/** Evaluate one request against the policies that apply to it. */
export function evaluateRequest(request: EvaluationRequest, policies: PolicySet): Evaluation {
  // Nothing that could allow the action: an implicit deny, whatever else applies.
  // (A resource policy naming only the account grants nothing without an identity Allow.)
  const mayAllow = (p: NamedPolicy) => statementsFor(p, request.action).some((c) => c.effect === 'Allow');
  const resourceMayAllow = policies.resource !== undefined
    && statementsFor(policies.resource, request.action).some((c) => c.effect === 'Allow' && principalApplies(c.rendered(), request.principal) === 'principal');
  if ((policies.unknownIdentity ?? []).length === 0 && !policies.identity.some(mayAllow) && !resourceMayAllow) {
    // Name the principal's own explicit denies, which say why more plainly than an absent allow.
    const denies = policies.identity.flatMap((p) => statementsApplying(p, request, false)).filter((s) => s.effect === 'Deny' && s.applies.v === 'yes');
    return { decision: Decision.DENIED, keys: [], statements: denies.flatMap((d) => d.applies.by) };
  }
  const resourceStatements = policies.resource ? statementsApplying(policies.resource, request, true) : [];
  const identityStatements = policies.identity.flatMap((p) => statementsApplying(p, request, false));
  const boundaryStatements = policies.boundary ? statementsApplying(policies.boundary, request, false) : [];

  const deny = or(...[...identityStatements, ...boundaryStatements, ...resourceStatements].filter((s) => s.effect === 'Deny').map((s) => s.applies));
  if (deny.v === 'yes') {
    return { decision: Decision.DENIED, keys: [], statements: deny.by };
  }
  const allows = (list: readonly Applying[], via?: 'principal' | 'account') => or(...list.filter((s) => s.effect === 'Allow' && (via === undefined || s.via === via)).map((s) => s.applies));
  const identity = or(allows(identityStatements), ...(policies.unknownIdentity ?? []).map((n) => maybe(`AWS-managed policy ${n}`)));
  const toPrincipal = allows(resourceStatements, 'principal');
  const toAccount = allows(resourceStatements, 'account');
  const boundary = policies.unknownBoundary !== undefined ? maybe(`AWS-managed boundary ${policies.unknownBoundary}`)
    : policies.boundary ? allows(boundaryStatements) : YES;

  const grant = policies.resourcePolicyRequired ? or(toPrincipal, and(toAccount, identity)) : or(identity, toPrincipal);
  // An IAM user named by a resource policy is not limited by its boundary; a role is.
  const allowed = request.principal.kind === 'user' ? or(and(grant, boundary), toPrincipal) : and(grant, boundary);
  if (allowed.v === 'no') {
    return { decision: Decision.DENIED, keys: [], statements: [] };
  }
  const result = deny.v === 'maybe' ? and(allowed, deny) : allowed;
  if (result.v === 'yes') {
    return { decision: Decision.ALLOWED, keys: [], statements: result.by };
  }
  return { decision: Decision.CONDITIONAL, keys: [...new Set([...allowed.keys, ...deny.keys])].sort(), statements: [...new Set([...result.by, ...deny.by])] };
}

function maybe(key: string): Tri {
  return { v: 'maybe', keys: [key], by: [key] };
}

interface Applying {
  readonly effect: 'Allow' | 'Deny';
  /** For resource policies: whether the statement names the principal itself or its account. */
  readonly via?: 'principal' | 'account';
  readonly applies: Tri;
}

/**
 * A statement read once: its effect, name, form as written (for its actions) and rendered form.
 * Most statements are only ever matched against actions, so the name and the rendering are made
 * when first asked for.
 */
class Compiled {
  public readonly effect: 'Allow' | 'Deny';
  private renderedForm?: JsonObject;

  constructor(private readonly policy: NamedPolicy, public readonly raw: JsonObject, private readonly index: number) {
    this.effect = raw.Effect === 'Deny' ? 'Deny' : 'Allow';
  }

  public get name(): string {
    const sid = this.raw.Sid;
    return `${this.policy.name} ${typeof sid === 'string' && sid !== '' ? sid : `#${this.index}`} (${this.effect})`;
  }

  public rendered(): JsonObject {
    this.renderedForm ??= this.policy.render ? this.policy.render(this.raw) as JsonObject : this.raw;
    return this.renderedForm;
  }
}

/**
 * A policy's statements read once, indexed by the services their actions name: a statement naming
 * actions of given services only (no wildcard in a service part) can cover only those services'
 * actions; one with `NotAction` or a wildcard service can cover any. Each list keeps template order.
 */
interface PolicyStatements {
  readonly byService: ReadonlyMap<string, readonly number[]>;
  readonly anyService: readonly number[];
  readonly all: readonly Compiled[];
}

const compiled = new WeakMap<NamedPolicy, PolicyStatements>();
const byAction = new WeakMap<NamedPolicy, Map<string, readonly Compiled[]>>();
const NONE: readonly Compiled[] = [];

function compile(policy: NamedPolicy): PolicyStatements {
  let statements = compiled.get(policy);
  if (!statements) {
    const all = rawStatements(policy.document).map((raw, i) => new Compiled(policy, raw, i));
    const byService = new Map<string, number[]>();
    const anyService: number[] = [];
    all.forEach((c, i) => {
      const m = matcherOf(c.raw);
      if (!m) {
        return; // neither Action nor NotAction: covers no action
      }
      if (m.negated || m.services === undefined) {
        anyService.push(i);
        return;
      }
      for (const service of m.services) {
        let list = byService.get(service);
        if (!list) {
          list = [];
          byService.set(service, list);
        }
        list.push(i);
      }
    });
    statements = { byService, anyService, all };
    compiled.set(policy, statements);
  }
  return statements;
}

/** The statements of a policy whose actions cover `action`; each policy is read once, and each action looked up once. */
function statementsFor(policy: NamedPolicy, action: string): readonly Compiled[] {
  let actions = byAction.get(policy);
  if (!actions) {
    actions = new Map();
    byAction.set(policy, actions);
  }
  let list = actions.get(action);
  if (!list) {
    const { byService, anyService, all } = compile(policy);
    const service = askedAbout(action).service;
    // The statements that could cover the action, in template order: all of them for an action whose
    // service is a wildcard; else those of its service and those of any (the two lists share none).
    const ofService = service === undefined ? [] : byService.get(service) ?? [];
    const candidates = service === undefined ? all.map((_, i) => i)
      : anyService.length === 0 ? ofService
        : ofService.length === 0 ? anyService
          : [...ofService, ...anyService].sort((a, b) => a - b);
    list = NONE;
    for (const i of candidates) {
      const c = all[i];
      if (actionApplies(c.raw, action)) {
        // Most policies have no statement for most actions: they share one empty list.
        list = list === NONE ? [c] : [...list, c];
      }
    }
    actions.set(action, list);
  }
  return list;
}

/** Whether some Allow statement of the policy names the action (whatever its resources and conditions). */
export function allowsAction(policy: NamedPolicy, action: string): boolean {
  return statementsFor(policy, action).some((c) => c.effect === 'Allow');
}

const named = new WeakMap<NamedPolicy, Map<string, Set<string>>>();

/**
 * The principals a resource policy's Allow statements for the action name directly: their ARNs,
 * `*` standing for everyone (a wildcard principal, or a statement with `NotPrincipal`).
 */
export function namedArns(policy: NamedPolicy, action: string): ReadonlySet<string> {
  let byAction = named.get(policy);
  if (!byAction) {
    byAction = new Map();
    named.set(policy, byAction);
  }
  let arns = byAction.get(action);
  if (!arns) {
    arns = new Set(statementsFor(policy, action).filter((c) => c.effect === 'Allow').flatMap((c) => {
      const r = c.rendered();
      const p = r.NotPrincipal !== undefined ? '*' : r.Principal;
      return p === '*' ? ['*'] : isObject(p) ? strings(p.AWS) : [];
    }));
    byAction.set(action, arns);
  }
  return arns;
}

/** The statements of a policy that may apply to the request, each with how surely. */
function statementsApplying(policy: NamedPolicy, request: EvaluationRequest, isResourcePolicy: boolean): Applying[] {
  const out: Applying[] = [];
  for (const c of statementsFor(policy, request.action)) {
    const { effect, name } = c;
    const s = c.rendered();
    let via: 'principal' | 'account' | undefined;
    if (isResourcePolicy) {
      via = principalApplies(s, request.principal);
      if (via === undefined) {
        continue;
      }
    }
    const resource = resourceApplies(s, request);
    const applies = resource.v === 'no' ? resource : and(resource, conditionApplies(s.Condition, request.context ?? {}));
    if (applies.v !== 'no') {
      out.push({ effect, via, applies: { ...applies, by: [name] } });
    }
  }
  return out;
}

function rawStatements(document: Json | undefined): JsonObject[] {
  if (!isObject(document)) {
    return [];
  }
  const statements = document.Statement;
  return (Array.isArray(statements) ? statements : [statements]).filter(isObject);
}

function strings(value: Json | undefined): string[] {
  if (value === undefined || value === null) {
    return [];
  }
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
}

/** A statement's `Action` or `NotAction` entries, read once: literal ones in a set, wildcards as patterns. */
interface ActionMatcher {
  readonly literal: ReadonlySet<string>;
  /** Tests of the wildcard entries, each given the action in lower case. */
  readonly patterns: readonly ((lowerAction: string) => boolean)[];
  readonly negated: boolean;
  /**
   * The services the entries name (lower case), when no entry has a wildcard in its service part:
   * an action of another service matches no entry, without testing the patterns.
   */
  readonly services?: ReadonlySet<string>;
}

/** The service prefix of an action or action pattern, lower case; undefined when the prefix has a wildcard (or there is none). */
function serviceOf(entry: string): string | undefined {
  const colon = entry.indexOf(':');
  const service = colon < 0 ? undefined : entry.slice(0, colon);
  return service === undefined || /[*?]/.test(service) ? undefined : service.toLowerCase();
}

const matchers = new WeakMap<JsonObject, ActionMatcher | null>();

function matcherOf(s: JsonObject): ActionMatcher | null {
  let m = matchers.get(s);
  if (m === undefined) {
    const negated = s.Action === undefined;
    m = negated && s.NotAction === undefined ? null : new Matcher(strings(negated ? s.NotAction : s.Action), negated);
    matchers.set(s, m);
  }
  return m;
}

/** An `ActionMatcher` whose literal set and patterns are built when an action of one of its services is first asked about. */
class Matcher implements ActionMatcher {
  public readonly services?: ReadonlySet<string>;
  private built?: { readonly literal: ReadonlySet<string>; readonly patterns: readonly ((lowerAction: string) => boolean)[] };

  constructor(private readonly entries: readonly string[], public readonly negated: boolean) {
    const services = new Set<string>();
    for (const e of entries) {
      const service = serviceOf(e);
      if (service === undefined) {
        return;
      }
      services.add(service);
    }
    this.services = services;
  }

  public get literal(): ReadonlySet<string> {
    return this.build().literal;
  }

  public get patterns(): readonly ((lowerAction: string) => boolean)[] {
    return this.build().patterns;
  }

  private build() {
    this.built ??= {
      literal: new Set(this.entries.filter((e) => !/[*?]/.test(e)).map((e) => e.toLowerCase())),
      patterns: this.entries.filter((e) => /[*?]/.test(e)).map(wildcardTest),
    };
    return this.built;
  }
}

/** An action asked about: lower case, and its service (the matrix asks about the few actions of its operations, many times). */
const requested = new Map<string, { readonly lower: string; readonly service?: string }>();

function askedAbout(action: string): { readonly lower: string; readonly service?: string } {
  let asked = requested.get(action);
  if (!asked) {
    asked = { lower: action.toLowerCase(), service: serviceOf(action) };
    requested.set(action, asked);
  }
  return asked;
}

function actionApplies(s: JsonObject, action: string): boolean {
  const m = matcherOf(s);
  if (!m) {
    return false;
  }
  const asked = askedAbout(action);
  const hit = (m.services === undefined || asked.service === undefined || m.services.has(asked.service))
    && (m.literal.has(asked.lower) || m.patterns.some((test) => test(asked.lower)));
  return m.negated ? !hit : hit;
}

/** Whether a resource policy's statement names the principal (`principal`), its account (`account`), or not at all. */
function principalApplies(s: JsonObject, principal: RequestPrincipal): 'principal' | 'account' | undefined {
  if (s.NotPrincipal !== undefined) {
    return principalNamed(s.NotPrincipal, principal) === undefined ? 'principal' : undefined;
  }
  return principalNamed(s.Principal, principal);
}

function principalNamed(value: Json | undefined, principal: RequestPrincipal): 'principal' | 'account' | undefined {
  const aws = value === '*' ? ['*'] : isObject(value) ? strings(value.AWS) : [];
  if (aws.includes('*') || aws.includes(principal.arn)) {
    return 'principal';
  }
  return aws.some((a) => a === principal.account || a === `arn:aws:iam::${principal.account}:root` || /^arn:[^:]+:iam::(\d+|[A-Z_]+):root$/.test(a) && a.split(':')[4] === principal.account) ? 'account' : undefined;
}

/** Marks a rendered value synth could not resolve (a parameter, an unknown reference). */
export const UNRESOLVED = '{unresolved}';

function resourceApplies(s: JsonObject, request: EvaluationRequest): Tri {
  const [list, negate] = s.Resource !== undefined ? [strings(s.Resource), false] : s.NotResource !== undefined ? [strings(s.NotResource), true] : [['*'], false];
  const matched = or(...list.map((p): Tri => (p.includes(UNRESOLVED) ? maybe('unresolved resource') : globMatches(p, request.resource, request.anySuffix ?? false) ? YES : NO)));
  if (!negate) {
    return matched;
  }
  return matched.v === 'yes' ? NO : matched.v === 'no' ? YES : matched;
}

/**
 * Whether an IAM wildcard pattern matches a resource, or with `anySuffix` some resource that
 * starts with it (then every pattern that has not failed when the prefix is consumed can still be
 * completed).
 */
export function globMatches(pattern: string, resource: string, anySuffix: boolean): boolean {
  if (!anySuffix) {
    return pattern === '*' || arnRegex(pattern).test(resource);
  }
  // Some resource starting with `resource` matches when the pattern agrees with it up to its first
  // `*` (which absorbs the rest), or all along (the suffix then completes the pattern).
  for (let i = 0; i < resource.length; i++) {
    const c = pattern[i];
    if (c === undefined) {
      return false;
    }
    if (c === '*') {
      return true;
    }
    if (c !== '?' && c !== resource[i]) {
      return false;
    }
  }
  return true;
}

const arnRegexes = new Map<string, RegExp>();

// ARNs compare case-sensitively, unlike actions.
function arnRegex(pattern: string): RegExp {
  let re = arnRegexes.get(pattern);
  if (!re) {
    re = new RegExp(wildcardRegex(pattern).source, 's');
    arnRegexes.set(pattern, re);
  }
  return re;
}

const STRING_OPERATORS: Record<string, (actual: string, expected: string) => boolean> = {
  stringequals: (a, e) => a === e,
  stringequalsignorecase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  stringlike: (a, e) => globMatches(e, a, false),
  arnequals: (a, e) => a === e,
  arnlike: (a, e) => globMatches(e, a, false),
  bool: (a, e) => a.toLowerCase() === e.toLowerCase(),
  numericequals: (a, e) => Number(a) === Number(e),
  numericlessthan: (a, e) => Number(a) < Number(e),
  numericlessthanequals: (a, e) => Number(a) <= Number(e),
  numericgreaterthan: (a, e) => Number(a) > Number(e),
  numericgreaterthanequals: (a, e) => Number(a) >= Number(e),
};

/** Whether a `Condition` block holds for the request context: decided where it can be, otherwise maybe on its keys. */
export function conditionApplies(condition: Json | undefined, context: Readonly<Record<string, string | readonly string[]>>): Tri {
  if (!isObject(condition)) {
    return YES;
  }
  const parts: Tri[] = [];
  for (const [rawOperator, block] of Object.entries(condition)) {
    if (!isObject(block)) {
      continue;
    }
    for (const [rawKey, expected] of Object.entries(block)) {
      parts.push(decideOne(rawOperator, rawKey, strings(expected), context));
    }
  }
  return and(...parts);
}

function decideOne(rawOperator: string, rawKey: string, expected: readonly string[], context: Readonly<Record<string, string | readonly string[]>>): Tri {
  const key = rawKey.toLowerCase();
  let op = rawOperator.toLowerCase();
  const forAll = op.startsWith('forallvalues:');
  op = op.replace(/^for(all|any)value:|^for(all|any)values:/, '');
  const ifExists = op.endsWith('ifexists');
  op = op.replace(/ifexists$/, '');
  // A key the context holds as an empty list is known to be absent from the request.
  const present = Object.prototype.hasOwnProperty.call(context, key);
  if (op === 'null') {
    if (!present) {
      return maybe(rawKey);
    }
    const absent = context[key].length === 0;
    return expected.some((e) => e.toLowerCase() === String(absent)) ? YES : NO;
  }
  const negated = op.startsWith('stringnot') || op.startsWith('arnnot') || op === 'numericnotequals';
  const base = op.replace(/^stringnot/, 'string').replace(/^arnnot/, 'arn').replace(/^numericnot/, 'numeric');
  const compare = STRING_OPERATORS[base];
  if (!present || !compare) {
    return maybe(rawKey);
  }
  const actual = context[key];
  const values = typeof actual === 'string' ? [actual] : [...actual];
  if (values.length === 0) {
    return ifExists || forAll ? YES : NO;
  }
  const hit = (v: string) => expected.some((e) => compare(v, e));
  const matches = forAll ? values.every(hit) : values.some(hit);
  return (negated ? !matches : matches) ? YES : NO;
}
