import { failed, Outcome, passed } from '../../rule';
import { StackTemplate, TemplateResource } from '../../template';
import { isObject, Json } from '../../json';
import { literalAlternatives, valuesAt } from '../../readers';
import { asBoolean, flatten, isCustomerManagedKey, isIntrinsic, isUnset } from '../../values';

/*
 * Readers the data-service rules share (DynamoDB, EFS, OpenSearch, Kinesis, Backup, Secrets
 * Manager), kept here with the OpenSearch ones: a setting judged in every value it can take at
 * deploy time, a customer-managed key setting, and a JSON document written as an object, a JSON
 * string or a string CDK joined from tokens. Nothing in them is specific to these services.
 */

/** Stands for a value synth cannot know: an import, a parameter without `AllowedValues`, another intrinsic. */
export const UNKNOWABLE = Symbol('unknowable');

/** One value a setting can take at deploy time: a literal, `undefined` (absent), or `UNKNOWABLE`. */
export type Setting = Json | undefined | typeof UNKNOWABLE;

/**
 * Every value the setting at `path` under `value` can take at deploy time: each `Fn::If` branch at
 * each level (`valuesAt`), and a `Ref` to a template parameter as each of its `AllowedValues`.
 */
export function settingsAt(value: Json | undefined, path: readonly string[], template: StackTemplate): Setting[] {
  return valuesAt(value, path).flatMap((v): Setting[] => (v === null ? [UNKNOWABLE] : literalAlternatives(v, template) ?? [UNKNOWABLE]));
}

/** A resource's setting at a property path (see `settingsAt`). */
export function resourceSettings(resource: TemplateResource, path: readonly string[]): Setting[] {
  return settingsAt(resource.properties, path, resource.template);
}

/** Whether a setting is literally true (`true` or `"true"`). */
export const isOn = (value: Json): boolean => asBoolean(value) === true;

/** A setting's value as a finding quotes it. */
export function quote(value: Json | undefined): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}

/**
 * The finding for a setting that synth cannot see through, at `location` (`Properties/A/B`);
 * `risk` completes "so it may … once deployed".
 */
export function unknowableDetail(location: string, risk = 'be off'): string {
  const property = location.split('/').slice(1).join('.');
  return `Its ${property} comes from a value synth cannot know (an import, a parameter without AllowedValues, or another intrinsic), so it may ${risk} once deployed; write it literally (or give the parameter AllowedValues) or acknowledge the rule with a reason.`;
}

/**
 * A setting `accept`s every value it can take. The first absent or refused value fails with
 * `wrong(value)`; then a value synth cannot know fails closed.
 */
export function requireSetting(settings: readonly Setting[], accept: (value: Json) => boolean, location: string, wrong: (value: Json | undefined) => string): Outcome {
  const refused = settings.findIndex((s) => s !== UNKNOWABLE && (s === undefined || !accept(s)));
  if (refused >= 0) {
    return failed(wrong(settings[refused] as Json | undefined), location);
  }
  return settings.includes(UNKNOWABLE) ? failed(unknowableDetail(location), location) : passed();
}

/**
 * The key setting at `path` under `value` names a customer-managed key in every branch: a
 * reference to a key (how one is written), a key id or ARN, or a customer alias. `owner` starts
 * the finding ("It", "Its replica in eu-west-1"); `fallback` says what an absent key means.
 */
export function requireCustomerKeyAt(value: Json | undefined, path: readonly string[], location: string, owner: string, fallback: string): Outcome {
  const property = path[path.length - 1];
  for (const key of valuesAt(value, path)) {
    if (key === null) {
      return failed(`${owner} has a ${property} that cannot be read at synth (an intrinsic around its settings), so its key cannot be shown to be customer-managed.`, location);
    }
    if (isUnset(key)) {
      return failed(`${owner} names no ${property}, so ${fallback}, not with a customer-managed key whose use the account controls and audits.`, location);
    }
    if (!isCustomerManagedKey(key)) {
      return failed(`${owner} names the AWS-managed key ${flatten(key)} as ${property}, not a customer-managed key.`, location);
    }
  }
  return passed();
}

/**
 * One `Fn::If` branch of a JSON document as CloudFormation holds it: an object or array, a JSON
 * string, or a string CDK joined from tokens (`Stack.toJsonString`, `Fn::Join`, `Fn::Sub`), whose
 * references become `${…}` placeholders inside JSON strings. Undefined when synth cannot read it:
 * a parameter, an import, or a token outside a JSON string.
 */
export function readJsonDocument(branch: Json): Json | undefined {
  if (Array.isArray(branch) || (isObject(branch) && !isIntrinsic(branch))) {
    return branch;
  }
  let text: string;
  if (typeof branch === 'string') {
    text = branch;
  } else if (isIntrinsic(branch)) {
    text = flatten(branch);
  } else {
    return undefined;
  }
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// OpenSearch Service domains

/** The managed-cluster domain types: OpenSearch Service, and the legacy Elasticsearch one. */
export const DOMAIN_TYPES: readonly string[] = ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'];

/** A domain switch (`EncryptionAtRestOptions.Enabled`, …) is on in every value it can take. */
export function requireDomainSwitch(domain: TemplateResource, path: readonly string[], off: string): Outcome {
  return requireSetting(resourceSettings(domain, path), isOn, `Properties/${path.join('/')}`,
    (v) => `${off} (${path.join('.')} is ${quote(v)}; absent means off).`);
}
