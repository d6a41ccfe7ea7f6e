import type { Json, JsonObject } from './json';

/*
 * Helpers for reading CloudFormation values that may be intrinsics. Rules decide what an
 * unresolvable value means; these helpers only say what can be known.
 */

function isObj(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a value is an intrinsic function or a `Ref` (a single key `Ref` or `Fn::…`). */
export function isIntrinsic(value: Json | undefined): value is JsonObject {
  if (!isObj(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** Whether a value is a `Ref` or `Fn::GetAtt`. */
export function isRefOrGetAtt(value: Json | undefined): boolean {
  return isIntrinsic(value) && ('Ref' in value || 'Fn::GetAtt' in value);
}

/**
 * Every value a property can take: both branches of each `Fn::If`, recursively. A rule that
 * passes only if every branch passes treats conditions conservatively.
 */
export function branches(value: Json | undefined): (Json | undefined)[] {
  if (isObj(value) && Array.isArray(value['Fn::If']) && value['Fn::If'].length === 3) {
    const [, a, b] = value['Fn::If'];
    return [...branches(a), ...branches(b)];
  }
  return [value];
}

/** Whether a value is `AWS::NoValue` (the property is removed). */
export function isNoValue(value: Json | undefined): boolean {
  return isObj(value) && value.Ref === 'AWS::NoValue';
}

/** A value as a boolean: CloudFormation accepts `true` and `"true"`; undefined when unknowable. */
export function asBoolean(value: Json | undefined): boolean | undefined {
  if (value === true || (typeof value === 'string' && value.toLowerCase() === 'true')) {
    return true;
  }
  if (value === false || (typeof value === 'string' && value.toLowerCase() === 'false')) {
    return false;
  }
  return undefined;
}

/**
 * ` (in at least one branch)` for a finding about one of a setting's possible values when it has
 * several (`Fn::If` branches, a parameter's `AllowedValues`); nothing when it has one, as in most
 * templates.
 */
export function someBranchNote(alternatives: readonly unknown[]): string {
  return alternatives.length > 1 ? ' (in at least one branch)' : '';
}

/** Whether every branch of a value is literally true. */
export function isTrue(value: Json | undefined): boolean {
  return branches(value).every((v) => asBoolean(v) === true);
}

/** Whether some branch of a value is literally true (or unknowable). */
export function mayBeTrue(value: Json | undefined): boolean {
  return branches(value).some((v) => asBoolean(v) !== false && v !== undefined && !isNoValue(v));
}

/** A value as a number, when it is a literal number or numeric string. */
export function asNumber(value: Json | undefined): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '' && !isNaN(Number(value))) {
    return Number(value);
  }
  return undefined;
}

/** A value as an array (a single value becomes a one-element array; undefined becomes []). */
export function asArray(value: Json | undefined): Json[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/**
 * Render a value as a string with placeholders for what cannot be known, so patterns can be
 * matched: `{Fn::Join: ['', ['arn:', {Ref: 'AWS::Partition'}, ':iam::aws:policy/X']]}` becomes
 * `arn:${AWS::Partition}:iam::aws:policy/X`. `Fn::Sub` keeps its `${…}` placeholders.
 */
export function flatten(value: Json | undefined): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return value.map(flatten).join(',');
  }
  if (typeof value.Ref === 'string') {
    return `\${${value.Ref}}`;
  }
  const join = value['Fn::Join'];
  if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map(flatten).join(join[0]);
  }
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string') {
    return sub;
  }
  if (Array.isArray(sub) && typeof sub[0] === 'string') {
    // Variables of the map are replaced by what they stand for: `${Arn}/*` with `Arn: GetAtt
    // Bucket.Arn` reads as `${Bucket.Arn}/*`, as if written in the string itself.
    const variables = isObj(sub[1]) ? sub[1] : {};
    return sub[0].replace(/\$\{([^}!]+)\}/g, (whole, name: string) => (name in variables ? flatten(variables[name]) : whole));
  }
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt)) {
    return `\${${getAtt.map(flatten).join('.')}}`;
  }
  if (typeof getAtt === 'string') {
    return `\${${getAtt}}`;
  }
  const importValue = value['Fn::ImportValue'];
  if (importValue !== undefined) {
    return `\${Import:${flatten(importValue)}}`;
  }
  return '${?}';
}

/** Whether a value is unset: absent, null, empty string or `AWS::NoValue`. */
export function isUnset(value: Json | undefined): boolean {
  return value === undefined || value === null || value === '' || isNoValue(value);
}

/**
 * Whether a KMS key reference names a customer-managed key. Key ids, key ARNs, aliases of
 * customer keys, and references (`Ref`, `Fn::GetAtt`, imports, parameters) all count: CDK cannot
 * see through them and a reference to a key is how a customer-managed key is written.
 * `alias/aws/…` (an AWS-managed key), in any branch, does not; nor does an unset value.
 */
export function isCustomerManagedKey(value: Json | undefined): boolean {
  return branches(value).every((v) => {
    if (isUnset(v)) {
      return false;
    }
    return !/(^|:)alias\/aws\//.test(flatten(v));
  });
}

// ---------------------------------------------------------------------------------------------
// IAM policy documents

/** One statement of a policy document, normalized. */
export interface Statement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: string[] | undefined;
  readonly notActions: string[] | undefined;
  readonly resources: Json[] | undefined;
  readonly principal: Json | undefined;
  readonly notPrincipal: Json | undefined;
  readonly condition: JsonObject;
  readonly raw: JsonObject;
}

/**
 * The statements of a policy document (object or JSON string) in every `Fn::If` branch, of the
 * document, its statement list and each statement; [] when none can be read.
 */
export function statementsOf(document: Json | undefined): readonly Statement[] {
  // Several rules read the same document; it is parsed once per synth.
  const cached = isObj(document) ? parsedDocuments.get(document) : undefined;
  if (cached) {
    return cached;
  }
  const out: Statement[] = [];
  for (const branch of branches(document)) {
    let doc = branch;
    if (typeof doc === 'string') {
      try {
        doc = JSON.parse(doc) as Json;
      } catch {
        continue;
      }
    }
    if (!isObj(doc)) {
      continue;
    }
    // A statement that is `AWS::NoValue` in a branch is no statement; one with an `Fn::If` inside
    // (in its principal, actions, resources or conditions) is every statement its branches make.
    const statements = branches(doc.Statement).flatMap((list) => asArray(list)).flatMap((s) => branches(s))
      .filter(isObj).filter((s) => !isNoValue(s)).flatMap((s) => variantsOf(s).filter(isObj));
    for (const s of statements) {
      out.push({
        effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
        actions: s.Action === undefined ? undefined : asArray(s.Action).map(flatten),
        notActions: s.NotAction === undefined ? undefined : asArray(s.NotAction).map(flatten),
        resources: s.Resource === undefined ? undefined : asArray(s.Resource),
        principal: s.Principal,
        notPrincipal: s.NotPrincipal,
        condition: isObj(s.Condition) ? s.Condition : {},
        raw: s,
      });
    }
  }
  if (isObj(document)) {
    parsedDocuments.set(document, out);
  }
  return out;
}

const parsedDocuments = new WeakMap<object, Statement[]>();

/** Past this many combinations of branches, a value is judged as written (its `Fn::If`s unresolved). */
const MAX_VARIANTS = 64;

/**
 * Every value a JSON value can take once each `Fn::If` inside it picks a branch (the product over
 * its conditions); a branch that is `AWS::NoValue` drops its key or list entry. The value itself when
 * it holds no `Fn::If`, or when the combinations would exceed `MAX_VARIANTS`.
 */
export function variantsOf(value: Json): Json[] {
  // Most values hold no Fn::If: a scan is linear, the expansion copies lists as it goes.
  if (!containsIf(value)) {
    return [value];
  }
  const out = expand(value);
  return out === undefined || out.length > MAX_VARIANTS ? [value] : out;
}

function containsIf(value: Json): boolean {
  if (Array.isArray(value)) {
    return value.some(containsIf);
  }
  if (!isObj(value)) {
    return false;
  }
  return 'Fn::If' in value || Object.values(value).some((v) => containsIf(v as Json));
}

function expand(value: Json): Json[] | undefined {
  if (Array.isArray(value)) {
    let acc: Json[][] = [[]];
    for (const item of value) {
      const options = expand(item);
      if (options === undefined || acc.length * options.length > MAX_VARIANTS) {
        return undefined;
      }
      acc = acc.flatMap((prefix) => options.map((o) => (isNoValue(o) ? prefix : [...prefix, o])));
    }
    return acc;
  }
  if (!isObj(value)) {
    return [value];
  }
  const ifArgs = value['Fn::If'];
  if (Array.isArray(ifArgs) && ifArgs.length === 3 && Object.keys(value).length === 1) {
    const a = expand(ifArgs[1]);
    const b = expand(ifArgs[2]);
    return a === undefined || b === undefined ? undefined : [...a, ...b];
  }
  let acc: JsonObject[] = [{}];
  for (const [key, v] of Object.entries(value)) {
    const options = expand(v);
    if (options === undefined || acc.length * options.length > MAX_VARIANTS) {
      return undefined;
    }
    acc = acc.flatMap((prefix) => options.map((o) => (isNoValue(o) ? prefix : { ...prefix, [key]: o })));
  }
  return acc;
}
const actionPatterns = new Map<string, RegExp>();

/** Whether an IAM action pattern (with `*`/`?` wildcards) matches an action, case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  let re = actionPatterns.get(pattern);
  if (!re) {
    re = new RegExp('^' + pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('') + '$', 'i');
    actionPatterns.set(pattern, re);
  }
  return re.test(action);
}

/** Whether a statement's actions cover `action` (through `Action` or `NotAction`). */
export function statementCoversAction(statement: Statement, action: string): boolean {
  if (statement.actions) {
    return statement.actions.some((a) => actionMatches(a, action));
  }
  if (statement.notActions) {
    return !statement.notActions.some((a) => actionMatches(a, action));
  }
  return false;
}

/** The principals of a statement, by kind, flattened to strings. `*` alone becomes `{ aws: ['*'] }`. */
export interface Principals {
  readonly aws: string[];
  readonly service: string[];
  readonly federated: string[];
  readonly canonicalUser: string[];
  /** The AWS principal values as written (to resolve references). */
  readonly awsRaw: Json[];
}

export function principalsOf(principal: Json | undefined): Principals {
  if (principal === undefined) {
    return { aws: [], service: [], federated: [], canonicalUser: [], awsRaw: [] };
  }
  if (typeof principal === 'string') {
    return { aws: [principal], service: [], federated: [], canonicalUser: [], awsRaw: [principal] };
  }
  if (!isObj(principal)) {
    return { aws: ['${?}'], service: [], federated: [], canonicalUser: [], awsRaw: [principal] };
  }
  const awsRaw = asArray(principal.AWS);
  return {
    aws: awsRaw.map(flatten),
    service: asArray(principal.Service).map(flatten),
    federated: asArray(principal.Federated).map(flatten),
    canonicalUser: asArray(principal.CanonicalUser).map(flatten),
    awsRaw,
  };
}

/** Whether a statement's principal is everyone (`*` or `{AWS: '*'}`). */
export function isWildcardPrincipal(statement: Statement): boolean {
  return principalsOf(statement.principal).aws.includes('*');
}

/**
 * Condition keys that narrow a grant to an account, organization, resource or network. Not
 * `kms:ViaService`: it narrows the path a request takes (through S3, say), not who makes it, so any
 * principal of any account calling that service still gets through.
 */
export const NARROWING_CONDITION_KEYS = [
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:principalorgid',
  'aws:principalaccount',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'kms:calleraccount',
] as const;

/**
 * Whether a statement carries a narrowing condition: one of `NARROWING_CONDITION_KEYS` under a
 * positive operator (`StringEquals`, `ArnLike`, …, not `…IfExists`, not a negation) with a value
 * that is not a bare wildcard.
 */
export function hasNarrowingCondition(statement: Statement): boolean {
  for (const [operator, block] of Object.entries(statement.condition)) {
    if (!isObj(block)) {
      continue;
    }
    const op = operator.toLowerCase();
    if (op.includes('not') || op.endsWith('ifexists') || op === 'null') {
      continue;
    }
    for (const [key, value] of Object.entries(block)) {
      if (!(NARROWING_CONDITION_KEYS as readonly string[]).includes(key.toLowerCase())) {
        continue;
      }
      const values = asArray(value).map(flatten);
      if (values.length > 0 && values.every((v) => v !== '*' && v !== '')) {
        return true;
      }
    }
  }
  return false;
}

/** The value a condition gives a key under an operator, matching both case-insensitively. */
export function conditionValue(statement: Statement, operator: string, key: string): Json | undefined {
  for (const [op, block] of Object.entries(statement.condition)) {
    if (op.toLowerCase() !== operator.toLowerCase() || !isObj(block)) {
      continue;
    }
    for (const [k, v] of Object.entries(block)) {
      if (k.toLowerCase() === key.toLowerCase()) {
        return v;
      }
    }
  }
  return undefined;
}

/** Whether a resource list covers everything (`*`). */
export function coversAllResources(resources: Json[] | undefined): boolean {
  return (resources ?? []).some((r) => flatten(r) === '*');
}
