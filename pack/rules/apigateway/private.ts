import { failed, Outcome, passed } from '../../rule';
import { StackTemplate } from '../../template';
import { Json } from '../../json';
import { isUnset } from '../../values';
import { literalAlternatives } from '../../readers';

/*
 * Readers for enumerated string settings (an authorization type, a TLS policy, a protocol), used
 * by the API Gateway, load-balancer, CloudFront, Cognito and Lambda rules. Every value a setting
 * can take counts: each `Fn::If` branch, and each `AllowedValues` entry of a parameter it names.
 */

/** What an enumerated setting is in its worst value. */
export type Setting =
  | { readonly state: 'accepted' }
  /** A literal value the rule does not accept; `defaulted` when the service chose it (absent). */
  | { readonly state: 'rejected'; readonly value: string; readonly defaulted: boolean }
  /** Absent in some branch, and the service has no default the rule accepts. */
  | { readonly state: 'absent' }
  /** A value synth cannot read (another intrinsic, an import, a parameter without AllowedValues). */
  | { readonly state: 'unknown' };

/**
 * The worst state of a setting over the raw values it can take (pass `[value]`, or
 * `valuesAt(…)`, whose `null` stands for a level synth cannot read). A rejected value beats an
 * absent one, which beats an unknown one. `whenAbsent` is the value the service uses when the
 * setting is absent: an absent setting is judged as that value.
 */
export function settingOf(values: readonly (Json | undefined)[], template: StackTemplate, accepts: (value: string) => boolean, whenAbsent?: string): Setting {
  let absent = false;
  let unknown = false;
  for (const raw of values) {
    const literals = raw === null ? undefined : literalAlternatives(raw, template);
    if (literals === undefined) {
      unknown = true;
      continue;
    }
    for (const v of literals) {
      const value = isUnset(v) ? whenAbsent : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
      if (value === null) {
        unknown = true;
      } else if (value === undefined) {
        absent = true;
      } else if (!accepts(value)) {
        return { state: 'rejected', value, defaulted: isUnset(v) };
      }
    }
  }
  return absent ? { state: 'absent' } : unknown ? { state: 'unknown' } : { state: 'accepted' };
}

/** How a rule judges one enumerated setting. */
export interface SettingRequirement {
  readonly accepts: (value: string) => boolean;
  /** The value the service uses when the setting is absent; without it, absent fails. */
  readonly whenAbsent?: string;
  /**
   * What is wrong, given how the value reads (`"TLS_1_0"`, `absent (so "NONE")`, `absent`): a
   * sentence for the finding's detail.
   */
  readonly problem: (shown: string) => string;
}

/** Judge a setting: passed when every value it can take is accepted. */
export function requireSetting(values: readonly (Json | undefined)[], template: StackTemplate, location: string, requirement: SettingRequirement): Outcome {
  const setting = settingOf(values, template, requirement.accepts, requirement.whenAbsent);
  switch (setting.state) {
    case 'accepted':
      return passed();
    case 'rejected':
      return failed(requirement.problem(setting.defaulted ? `absent (so ${JSON.stringify(setting.value)})` : JSON.stringify(setting.value)), location);
    case 'absent':
      return failed(requirement.problem('absent'), location);
    default:
      return failed(unknowableDetail(location), location);
  }
}

/** The detail of a setting synth cannot read, naming the property at the end of `location`. */
export function unknowableDetail(location: string): string {
  const property = location.split('/').pop();
  return `Its ${property} comes from a value that cannot be known at synth (a parameter without AllowedValues, an import or another intrinsic), so it may be insecure once deployed; make it literal, or acknowledge the rule with a reason.`;
}

/** A predicate accepting exactly the listed values. */
export function oneOf(accepted: readonly string[]): (value: string) => boolean {
  return (value) => accepted.includes(value);
}

// ---------------------------------------------------------------------------------------------
// API Gateway

/**
 * Security policies of custom domain names that refuse TLS 1.0 and 1.1: the legacy `TLS_1_2`
 * and the enhanced policies (`SecurityPolicy_…`), each of which accepts TLS 1.2 or 1.3 only
 * (API Gateway's "Supported security policies"). `TLS_1_0` is the one legacy policy left out.
 */
export const API_GATEWAY_TLS12_POLICIES: readonly string[] = [
  'TLS_1_2',
  'SecurityPolicy_TLS13_1_3_2025_09',
  'SecurityPolicy_TLS13_1_3_FIPS_2025_09',
  'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_2021_06',
  'SecurityPolicy_TLS13_2025_EDGE',
  'SecurityPolicy_TLS12_PFS_2025_EDGE',
  'SecurityPolicy_TLS12_2018_EDGE',
];

/** How a method or route that lets anyone in reads in a finding. */
export function openAccessProblem(what: string): (shown: string) => string {
  return (shown) => `Its AuthorizationType is ${shown}, so anyone who can reach the API can call ${what} without authenticating.`;
}
