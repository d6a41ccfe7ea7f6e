import { isObject } from '../../json';
import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { actionsOfServices, expandAction, IamAction, wildcardRegex } from '../../iam/reference';
import { asArray, coversAllResources, flatten, hasNarrowingCondition, Statement, statementsOf } from '../../values';
import { identityDocuments, isAllResourcesArn } from './private';

/** The services whose permissions-management actions an Allow with `NotAction` is checked against. */
const NOT_ACTION_SERVICES = ['iam', 'kms', 's3', 'sts', 'organizations'];
/** How many expanded actions a finding names. */
const NAMED = 6;
const PERMISSIONS_MANAGEMENT = 'Permissions management';
/** The actions that read data under any KMS key (AWS Config's blocked KMS actions). */
const DECRYPT_ACTIONS: readonly string[] = ['kms:Decrypt', 'kms:ReEncryptFrom'];

/**
 * Least privilege judged by access level, with wildcards and `NotAction` expanded against the IAM
 * reference. An identity policy (inline or managed) fails when one Allow statement, on every
 * resource (`*`, an all-resources ARN or `NotResource`), grants:
 * - a service-wide wildcard (`iam:*`, `s3:*`, `kms:*`; `*` itself is IamNoAdminStatements');
 * - an action whose access level includes *Permissions management* (`iam:Put*Policy`,
 *   `kms:PutKeyPolicy`, `s3:PutBucketPolicy`) and that supports resource-level permissions, without a
 *   narrowing condition (an account,
 *   organization, source or VPC key, a key of the action's own service, or `aws:ResourceTag`);
 * - `iam:PassRole` without `iam:PassedToService`;
 * - `kms:Decrypt` or `kms:ReEncryptFrom` without a narrowing condition (`kms:ViaService`,
 *   `kms:EncryptionContext…`, an account or organization key, `aws:ResourceTag`): every key whose
 *   key policy delegates to IAM could decrypt the data it protects.
 * A managed policy used only as a permissions boundary is a ceiling, not a grant: not applicable.
 */
export const IamLeastPrivilege: ResourceRule = {
  id: 'IamLeastPrivilege',
  resourceTypes: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
  passes: 'No Allow statement on every resource (`*`, `arn:*:*:*:*:*`-like, or `NotResource`) grants a service-wide wildcard (`s3:*`), an action whose IAM access level includes Permissions management without a narrowing condition, `iam:PassRole` without an `iam:PassedToService` condition, or `kms:Decrypt`/`kms:ReEncryptFrom` without a narrowing condition (`kms:ViaService`, `kms:EncryptionContext…`, account, organization, `aws:ResourceTag`); permissions boundaries are exempt.',
  check: (resource) => {
    if (isBoundaryOnly(resource)) {
      return notApplicable();
    }
    const findings: string[] = [];
    let location: string | undefined;
    for (const { document, location: at } of identityDocuments(resource)) {
      for (const statement of statementsOf(document)) {
        const finding = statement.effect === 'Allow' && onEveryResource(statement) ? judge(statement) : undefined;
        if (finding) {
          findings.push(`${statement.raw.Sid !== undefined ? `Statement ${flatten(statement.raw.Sid)}` : 'A statement'} ${finding}`);
          location ??= at;
        }
      }
    }
    return findings.length > 0 ? failed(findings.join(' '), location) : passed();
  },
};

function onEveryResource(statement: Statement): boolean {
  if (statement.resources === undefined) {
    return statement.raw.NotResource !== undefined;
  }
  return coversAllResources(statement.resources) || statement.resources.some(isAllResourcesArn);
}

/** What is wrong with an Allow on every resource, or undefined. */
function judge(statement: Statement): string | undefined {
  const wildcards = (statement.actions ?? []).filter((a) => /^[a-z0-9-]+:\*+$/i.test(a.trim()));
  if (wildcards.length > 0) {
    const count = wildcards.reduce((n, w) => n + expandAction(w.trim()).length, 0);
    return `allows the service-wide wildcard ${wildcards.join(', ')} on every resource: ${count} actions, among them ${describe(wildcards.flatMap((w) => managingOf(w.trim())))}.`;
  }
  const complement = statement.actions ? undefined : notActionComplement(statement.notActions ?? []);
  const via = statement.actions ? statement.actions.filter((a) => /[*?]/.test(a)) : [];
  const how = via.length > 0 ? ` (${via.join(', ')} expands to them)` : statement.actions ? '' : ' (through NotAction)';
  const managing = complement ? complement.filter(isPermissionsManagement) : unique(statement.actions!.flatMap((a) => managingOf(a.trim())));
  if (managing.length > 0 && !narrows(statement, managing)) {
    return `allows permissions-management actions on every resource without a narrowing condition: ${describe(managing)}${how}.`;
  }
  const passRole = complement ? complement.some((a) => a.id === 'iam:PassRole') : statement.actions!.some((a) => wildcardRegex(a.trim()).test('iam:PassRole'));
  if (passRole && !hasConditionKey(statement, 'iam:passedtoservice')) {
    return `allows iam:PassRole on every resource without an iam:PassedToService condition${how}: any role can be handed to any service.`;
  }
  const decrypting = complement
    ? complement.filter((a) => DECRYPT_ACTIONS.includes(a.id))
    : DECRYPT_ACTIONS.filter((d) => statement.actions!.some((a) => wildcardRegex(a.trim()).test(d))).flatMap((d) => expandAction(d));
  if (decrypting.length > 0 && !narrows(statement, decrypting)) {
    const patterns = via.filter((p) => DECRYPT_ACTIONS.some((d) => wildcardRegex(p.trim()).test(d)));
    const through = complement ? ' (through NotAction)' : patterns.length > 0 ? ` (through ${patterns.join(', ')})` : '';
    return `allows ${decrypting.map((a) => a.id).join(' and ')} on every resource without a narrowing condition${through}: it can decrypt with any key of the account whose key policy lets IAM policies grant it.`;
  }
  return undefined;
}

// An action without resource-level permissions (logs:PutResourcePolicy for vended logs) can only be
// granted on `*`: naming resources cannot fix it, so it is not a finding here.
function isPermissionsManagement(action: IamAction): boolean {
  return action.accessLevel.includes(PERMISSIONS_MANAGEMENT) && action.resourceLevel;
}

const managingByPattern = new Map<string, readonly IamAction[]>();

/** The permissions-management actions a pattern expands to, computed once per pattern. */
function managingOf(pattern: string): readonly IamAction[] {
  let out = managingByPattern.get(pattern);
  if (!out) {
    out = expandAction(pattern).filter(isPermissionsManagement);
    managingByPattern.set(pattern, out);
  }
  return out;
}

/** The actions of the checked services an Allow with `NotAction` grants. */
function notActionComplement(notActions: readonly string[]): IamAction[] {
  const excluded = notActions.map((p) => wildcardRegex(p.trim()));
  return actionsOfServices(NOT_ACTION_SERVICES).filter((a) => !excluded.some((re) => re.test(a.id)));
}

/**
 * Whether a condition narrows permissions-management actions: a narrowing key of the pack (account,
 * organization, source, VPC), `aws:ResourceTag/…`, or a key of the actions' own service
 * (`iam:PermissionsBoundary`, `kms:GrantIsForAWSResource`), under a positive operator.
 */
function narrows(statement: Statement, actions: readonly IamAction[]): boolean {
  if (hasNarrowingCondition(statement)) {
    return true;
  }
  const services = new Set(actions.map((a) => a.id.slice(0, a.id.indexOf(':')).toLowerCase()));
  return positiveConditionKeys(statement).some((k) => k.startsWith('aws:resourcetag/') || services.has(k.slice(0, k.indexOf(':'))));
}

function hasConditionKey(statement: Statement, key: string): boolean {
  return positiveConditionKeys(statement).includes(key);
}

/** The condition keys (lower case) under operators that require something (not `…IfExists`, not negations, not `Null`). */
function positiveConditionKeys(statement: Statement): string[] {
  return Object.entries(statement.condition).flatMap(([operator, block]) => {
    const op = operator.toLowerCase();
    if (!isObject(block) || op.includes('not') || op.endsWith('ifexists') || op === 'null') {
      return [];
    }
    return Object.entries(block).filter(([, v]) => asArray(v).map(flatten).every((x) => x !== '*')).map(([k]) => k.toLowerCase());
  });
}

function unique(actions: readonly IamAction[]): IamAction[] {
  return [...new Map(actions.map((a) => [a.id, a])).values()];
}

/** A few actions by name, and how many there are. */
function describe(actions: readonly IamAction[]): string {
  if (actions.length === 0) {
    return 'no permissions-management action';
  }
  const named = actions.slice(0, NAMED).map((a) => `${a.id} (${a.accessLevel})`).join(', ');
  return actions.length > NAMED ? `${named} and ${actions.length - NAMED} more permissions-management actions` : named;
}

/**
 * Whether a managed policy serves only as a permissions boundary: some role or user names it in
 * `PermissionsBoundary`, and nothing attaches it (`Roles`, `Users`, `Groups`, `ManagedPolicyArns`).
 */
function isBoundaryOnly(resource: TemplateResource): boolean {
  if (resource.type !== 'AWS::IAM::ManagedPolicy') {
    return false;
  }
  const p = resource.properties;
  if ([p.Roles, p.Users, p.Groups].some((v) => asArray(v).length > 0)) {
    return false;
  }
  const referencing = (type: string, property: string) => resource.template.app?.referencing(type, property, resource)
    ?? resource.template.referencing(type, property, resource.logicalId);
  const boundaryOf = ['AWS::IAM::Role', 'AWS::IAM::User'].some((t) => referencing(t, 'PermissionsBoundary').length > 0);
  const attached = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'].some((t) => referencing(t, 'ManagedPolicyArns').length > 0);
  return boundaryOf && !attached;
}
