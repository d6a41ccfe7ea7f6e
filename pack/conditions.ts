import { isObject, Json, JsonObject } from './json';

/*
 * Conditions decidable at synth. A condition built only from literals (and from other decidable
 * conditions) has one value in every deployment: an `Fn::If` on it deploys one branch only, and a
 * resource under a false one is never created. Such conditions are decided here so the rules judge
 * what will deploy (a dead branch is not a finding). Anything that refers to a parameter, a pseudo
 * parameter or another resource stays undecided, and the rules keep requiring every branch to pass.
 */

/** The value of a condition when it can be known at synth; undefined otherwise. */
export function decideCondition(name: string, conditions: JsonObject, seen: ReadonlySet<string> = new Set()): boolean | undefined {
  if (seen.has(name) || !(name in conditions)) {
    return undefined;
  }
  return decide(conditions[name], conditions, new Set([...seen, name]));
}

function decide(expression: Json | undefined, conditions: JsonObject, seen: ReadonlySet<string>): boolean | undefined {
  if (typeof expression === 'boolean') {
    return expression;
  }
  if (!isObject(expression) || Object.keys(expression).length !== 1) {
    return undefined;
  }
  const [fn, args] = Object.entries(expression)[0];
  if (fn === 'Condition' && typeof args === 'string') {
    return decideCondition(args, conditions, seen);
  }
  if (!Array.isArray(args)) {
    return undefined;
  }
  switch (fn) {
    case 'Fn::Equals': {
      const [a, b] = args.map(literal);
      return a === undefined || b === undefined ? undefined : a === b;
    }
    case 'Fn::Not': {
      const v = decide(args[0], conditions, seen);
      return v === undefined ? undefined : !v;
    }
    case 'Fn::And': {
      const values = args.map((a) => decide(a, conditions, seen));
      return values.includes(false) ? false : values.every((v) => v === true) ? true : undefined;
    }
    case 'Fn::Or': {
      const values = args.map((a) => decide(a, conditions, seen));
      return values.includes(true) ? true : values.every((v) => v === false) ? false : undefined;
    }
    default:
      return undefined;
  }
}

/** A value CloudFormation compares as a string, when it is a literal. */
function literal(value: Json | undefined): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
}

/**
 * A value with every `Fn::If` on a decidable condition replaced by the branch that deploys, at any
 * depth. Returns the same object when nothing is decidable, so untouched templates are not copied.
 */
export function withDecidedBranches(value: Json | undefined, conditions: JsonObject, decided: Map<string, boolean | undefined>): Json | undefined {
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const w = withDecidedBranches(v, conditions, decided);
      changed ||= w !== v;
      return w as Json;
    });
    return changed ? out : value;
  }
  if (!isObject(value)) {
    return value;
  }
  const ifArgs = value['Fn::If'];
  if (Array.isArray(ifArgs) && ifArgs.length === 3 && typeof ifArgs[0] === 'string' && Object.keys(value).length === 1) {
    const name = ifArgs[0];
    if (!decided.has(name)) {
      decided.set(name, decideCondition(name, conditions));
    }
    const v = decided.get(name);
    if (v !== undefined) {
      return withDecidedBranches(v ? ifArgs[1] : ifArgs[2], conditions, decided);
    }
  }
  let changed = false;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    const w = withDecidedBranches(v, conditions, decided);
    changed ||= w !== v;
    if (w !== undefined) {
      out[k] = w;
    }
  }
  return changed ? out : value;
}
