import { failed, Outcome, passed, ResourceRule } from '../../rule';
import { StackTemplate, TemplateResource } from '../../template';
import { isObject, Json } from '../../json';
import { branches, flatten, isNoValue } from '../../values';
import { literalAlternatives, valuesAt } from '../../readers';

const DOMAIN = 'AWS::SageMaker::Domain';
const LOCATION = 'Properties/UserSettings/SecurityGroups';

/**
 * A Studio user profile's apps stay inside their domain's network boundary: every security group
 * the profile names in `UserSettings.SecurityGroups` is one of the groups of the domain its
 * `DomainId` references (`DefaultUserSettings.SecurityGroups`). A profile that names none takes
 * the domain's and passes.
 *
 * Groups compare as written: the same literal id, the same reference (`Fn::GetAtt` of the same
 * security group, `Ref` of the same parameter), or a parameter whose every `AllowedValues` entry
 * is one of the domain's literal ids. Every `Fn::If` branch of the profile is judged against every
 * branch of the domain.
 *
 * A domain outside the template (a literal or imported id, a parameter, another stack's export)
 * cannot be read, so a profile that names its own groups for one fails closed: an auditor would
 * not take "probably the domain's groups" as evidence of the boundary. The fix is to define the
 * profile beside its domain, or to leave its groups out, or to acknowledge the rule naming who
 * keeps the groups in line.
 */
export const SageMakerUserProfileDomainSecurityGroups: ResourceRule = {
  id: 'SageMakerUserProfileDomainSecurityGroups',
  resourceTypes: ['AWS::SageMaker::UserProfile'],
  passes: '`UserSettings.SecurityGroups` is absent or empty (the profile takes its domain\'s), or every group it names is one of `DefaultUserSettings.SecurityGroups` of the `AWS::SageMaker::Domain` its `DomainId` references in the same template, in every `Fn::If` branch; naming groups for a domain outside the template fails closed.',
  check: (profile) => {
    const lists = valuesAt(profile.properties.UserSettings, ['SecurityGroups']).filter((list) => !takesDomainGroups(list));
    if (lists.length === 0) {
      return passed();
    }
    const domains = domainsOf(profile);
    if (domains === undefined) {
      return failed(`It names its own security groups, but its DomainId (${flatten(profile.properties.DomainId)}) is not a domain of this template (a literal or imported id, a parameter, or another stack's export), so synth cannot show the groups are the domain's; define the profile in its domain's stack, or leave UserSettings.SecurityGroups out so it takes the domain's.`, LOCATION);
    }
    for (const domain of domains) {
      for (const domainGroups of valuesAt(domain.properties.DefaultUserSettings, ['SecurityGroups'])) {
        for (const list of lists) {
          const outcome = judgeGroups(list, domainGroups, domain);
          if (outcome) {
            return outcome;
          }
        }
      }
    }
    return passed();
  },
};

/** Whether a branch of `UserSettings.SecurityGroups` leaves the domain's groups in force (absent or an empty list). */
function takesDomainGroups(list: Json | undefined): boolean {
  return list === undefined || (Array.isArray(list) && list.every((g) => branches(g).every(isNoValue)));
}

/** The domains a profile's `DomainId` references in its template (every branch), or undefined when one is not there. */
function domainsOf(profile: TemplateResource): TemplateResource[] | undefined {
  const out: TemplateResource[] = [];
  for (const id of branches(profile.properties.DomainId)) {
    const domain = profile.template.target(id);
    if (domain === undefined || domain.type !== DOMAIN) {
      return undefined;
    }
    out.push(domain);
  }
  return out;
}

/** A failure when a branch of the profile's groups is not within a branch of the domain's; undefined when it is. */
function judgeGroups(list: Json | undefined, domainGroups: Json | undefined, domain: TemplateResource): Outcome | undefined {
  const template = domain.template;
  if (list !== null && domainGroups !== null && canonical(list) === canonical(domainGroups)) {
    return undefined;
  }
  if (list === null || !Array.isArray(list)) {
    return failed(`Its UserSettings.SecurityGroups cannot be read at synth (a parameter, import or other token) and is not written as its domain ${domain.logicalId}'s list, so its groups cannot be shown to be the domain's; list the groups literally or acknowledge the rule with a reason.`, LOCATION);
  }
  if (domainGroups === null || (domainGroups !== undefined && !Array.isArray(domainGroups))) {
    return failed(`Its domain ${domain.logicalId}'s DefaultUserSettings.SecurityGroups cannot be read at synth (a parameter, import or other token), so the profile's own security groups cannot be shown to be the domain's; write the domain's groups literally, leave the profile's out, or acknowledge the rule with a reason.`, LOCATION);
  }
  const allowed = domainGroupSet(domainGroups, template);
  for (const group of list.flatMap((g) => branches(g)).filter((g): g is Json => g !== undefined && !isNoValue(g))) {
    if (isDomainGroup(group, allowed, template)) {
      continue;
    }
    const where = domainGroups === undefined ? `its domain ${domain.logicalId} names no DefaultUserSettings.SecurityGroups` : `it is not one of its domain ${domain.logicalId}'s DefaultUserSettings.SecurityGroups`;
    const unknowable = literalAlternatives(group, template) === undefined && template.target(group) === undefined;
    return failed(unknowable
      ? `Its security group ${flatten(group)} cannot be known at synth (an import or a parameter without AllowedValues) and ${where}, so the profile's apps may run outside the domain's network boundary; name one of the domain's groups or acknowledge the rule with a reason.`
      : `Its security group ${flatten(group)} steps outside the domain's network boundary: ${where}.`, LOCATION);
  }
  return undefined;
}

/**
 * The groups a domain certainly has, in canonical form: each entry as written, and also the
 * literal id it must be when it can be only one (a parameter with a single allowed value).
 */
function domainGroupSet(domainGroups: readonly Json[] | undefined, template: StackTemplate): ReadonlySet<string> {
  const out = new Set<string>();
  for (const entry of domainGroups ?? []) {
    out.add(canonical(entry));
    const literals = new Set((literalAlternatives(entry, template) ?? []).map(canonical));
    if (literals.size === 1) {
      out.add([...literals][0]);
    }
  }
  return out;
}

/** Whether a profile's group (one branch) is certainly one of the domain's. */
function isDomainGroup(group: Json, allowed: ReadonlySet<string>, template: StackTemplate): boolean {
  if (allowed.has(canonical(group))) {
    return true;
  }
  const literals = literalAlternatives(group, template);
  return literals !== undefined && literals.length > 0 && literals.every((v) => v !== undefined && allowed.has(canonical(v)));
}

/** A value as JSON with sorted keys, so equal references compare equal. */
function canonical(value: Json | undefined): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (isObject(value)) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
