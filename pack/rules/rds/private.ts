import { failed, Outcome, passed, Verdict } from '../../rule';
import { TemplateResource } from '../../template';
import { isObject, Json } from '../../json';
import { literalAlternatives, prop, requireTrue, valuesAt } from '../../readers';
import { asBoolean, branches, flatten, isCustomerManagedKey, isIntrinsic, isUnset } from '../../values';

/*
 * Readers shared by the database rules (RDS and Aurora, Neptune, DocumentDB, ElastiCache,
 * Redshift): storage encrypted under a customer-managed key, credentials kept out of the template,
 * log exports, and settings held in a parameter group the resource references. Other families
 * with parameter groups or managed secrets could share them.
 */

// ---------------------------------------------------------------------------------------------
// Switches

/**
 * The values a boolean property can take: its literal alternatives (each `Fn::If` branch, a
 * parameter's `AllowedValues`), or its branches as written when some cannot be known, for
 * `requireTrue` to fail closed on.
 */
export function flagValues(resource: TemplateResource, property: string): (Json | undefined)[] {
  const value = resource.properties[property];
  return literalAlternatives(value, resource.template) ?? branches(value);
}

/**
 * What is wrong with one value of a boolean that must not be true (`PubliclyAccessible`): true, or
 * a value synth cannot see; undefined for false or absent, which the caller judges.
 */
export function trueValueProblem(value: Json | undefined, property: string, onDetail: string): Outcome | undefined {
  const flag = asBoolean(value);
  if (flag === true) {
    return failed(onDetail, `Properties/${property}`);
  }
  if (flag === undefined && !isUnset(value)) {
    return failed(`${property} comes from a value that cannot be known at synth (a parameter or import), so it may be true once deployed; make it a literal false.`, `Properties/${property}`);
  }
  return undefined;
}

/** A boolean control literally true in every value it can take (see `requireTrue`). */
export function requireFlag(resource: TemplateResource, property: string, offDetail: string): Outcome {
  return requireTrue(flagValues(resource, property), `Properties/${property}`, offDetail);
}

// ---------------------------------------------------------------------------------------------
// Encryption at rest

/**
 * A key property names a customer-managed key in every branch (a reference, key id or ARN, a
 * customer alias); absent means the service's AWS-managed or AWS-owned key.
 */
export function requireCustomerKey(resource: TemplateResource, keyProperty: string): Outcome {
  const key = resource.properties[keyProperty];
  if (isCustomerManagedKey(key)) {
    return passed();
  }
  const aws = branches(key).find((k) => !isUnset(k) && /(^|:)alias\/aws\//.test(flatten(k)));
  return failed(aws === undefined
    ? `It names no ${keyProperty}, so its data is encrypted under an AWS-managed key, not a customer-managed one whose use the customer controls and audits.`
    : `Its ${keyProperty} names the AWS-managed key ${flatten(aws)}, not a customer-managed key.`, `Properties/${keyProperty}`);
}

/**
 * What a database is created from, when it restores a snapshot or replicates a source (the
 * property names RDS, Neptune and DocumentDB share), for findings about settings it would inherit.
 */
export function inheritedFrom(resource: TemplateResource): string | undefined {
  const p = resource.properties;
  const sources: [Json | undefined, string][] = [
    [p.DBSnapshotIdentifier, 'the snapshot'],
    [p.SnapshotIdentifier, 'the snapshot'],
    [p.SourceDBInstanceIdentifier, 'the source instance'],
    [p.SourceDBClusterIdentifier, 'the source cluster'],
    [p.SourceDbiResourceId, 'the source instance'],
    [p.SourceDBInstanceAutomatedBackupsArn, 'the automated backups'],
  ];
  const found = sources.find(([v]) => branches(v).some((b) => !isUnset(b)));
  return found ? `${found[1]} ${flatten(found[0])}` : undefined;
}

/**
 * Storage is encrypted (`encryptedProperty` literally true in every branch; absent means
 * unencrypted) under a customer-managed key. `inherited` names where the setting would otherwise
 * come from (a snapshot, a source database), which synth cannot see.
 */
export function requireEncryptedStorage(resource: TemplateResource, encryptedProperty: string, keyProperty: string, inherited?: string): Outcome {
  const source = inherited ? ` It is created from ${inherited}, whose encryption it would inherit and synth cannot see: state ${encryptedProperty} and ${keyProperty}.` : '';
  const encrypted = requireFlag(resource, encryptedProperty, `Its storage is not encrypted: ${encryptedProperty} is absent or false (the default is unencrypted).${source}`);
  return encrypted.verdict === Verdict.PASSED ? requireCustomerKey(resource, keyProperty) : encrypted;
}

// ---------------------------------------------------------------------------------------------
// Credentials

const SECRETS_MANAGER_REFERENCE = /^\s*\{\{resolve:secretsmanager:/;

/** Whether every branch of a value is a `{{resolve:secretsmanager:…}}` dynamic reference. */
export function isSecretsManagerReference(value: Json | undefined): boolean {
  return branches(value).every((v) => !isUnset(v) && SECRETS_MANAGER_REFERENCE.test(flatten(v)));
}

/**
 * What is wrong with a secret property (a password, an AUTH token), if anything: every branch that
 * sets it must be a Secrets Manager dynamic reference, so the secret never sits in the template
 * and is stored, encrypted and rotatable in Secrets Manager.
 */
export function secretProblem(value: Json | undefined, property: string): string | undefined {
  for (const v of branches(value)) {
    if (isUnset(v) || SECRETS_MANAGER_REFERENCE.test(flatten(v))) {
      continue;
    }
    const text = flatten(v);
    if (/\{\{resolve:ssm-secure:/.test(text)) {
      return `Its ${property} resolves an SSM SecureString parameter, not a Secrets Manager secret (a generated, rotatable secret).`;
    }
    if (typeof v === 'string' || !text.includes('${')) {
      return `Its ${property} is written literally in the template, where anyone who can read the template or the stack can read it.`;
    }
    if (isObject(v) && typeof v.Ref === 'string' && Object.keys(v).length === 1) {
      return `Its ${property} comes from the template parameter ${v.Ref}, typed in at deploy time rather than generated and kept in Secrets Manager.`;
    }
    return `Its ${property} comes from a value that cannot be known at synth, so it cannot be shown to be a Secrets Manager reference.`;
  }
  return undefined;
}

/** The properties through which a database's master credentials are managed. */
export interface CredentialProperties {
  /** The boolean that turns on IAM database authentication, where the service has one. */
  readonly iam?: string;
  /** The boolean that has the service manage the master password in Secrets Manager. */
  readonly manage: string;
  /** The path of the managed secret's KMS key. */
  readonly managedSecretKey: readonly string[];
  readonly password: string;
}

/**
 * No literal password, and the master credentials are IAM database authentication, a password
 * the service manages in Secrets Manager (under a customer-managed key, as the pack asks of every
 * secret), or a password resolved from a Secrets Manager secret.
 */
export function requireManagedCredentials(resource: TemplateResource, names: CredentialProperties): Outcome {
  const p = resource.properties;
  const problem = secretProblem(p[names.password], names.password);
  if (problem) {
    return failed(problem, `Properties/${names.password}`);
  }
  if (names.iam !== undefined && flagValues(resource, names.iam).every((v) => asBoolean(v) === true)) {
    return passed();
  }
  if (flagValues(resource, names.manage).every((v) => asBoolean(v) === true)) {
    const keys = valuesAt(p[names.managedSecretKey[0]], names.managedSecretKey.slice(1));
    if (keys.every((k) => k !== null && isCustomerManagedKey(k))) {
      return passed();
    }
    return failed(`Its managed master secret is encrypted with the AWS-managed key aws/secretsmanager (${names.managedSecretKey.join('.')} names no customer-managed key).`, `Properties/${names.managedSecretKey.join('/')}`);
  }
  if (isSecretsManagerReference(p[names.password])) {
    return passed();
  }
  const iam = names.iam === undefined ? '' : `${names.iam} is not true, `;
  return failed(`Its master credentials are not managed: ${iam}${names.manage} is not true and ${names.password} is not a {{resolve:secretsmanager:…}} reference.`, `Properties/${names.iam ?? names.manage}`);
}

// ---------------------------------------------------------------------------------------------
// Log exports

/**
 * What is missing from a log-export list, if anything: every branch must include each of
 * `required` (compared case-insensitively).
 */
export function logExportsProblem(value: Json | undefined, property: string, required: readonly string[]): string | undefined {
  for (const list of branches(value)) {
    if (!isUnset(list) && !Array.isArray(list)) {
      return `Its ${property} comes from a value that cannot be known at synth, so the ${required.join(' and ')} log export cannot be proven.`;
    }
    const items = (Array.isArray(list) ? list : []).flatMap((item) => branches(item));
    const exported = new Set(items.filter((i) => typeof i === 'string').map((i) => (i as string).toLowerCase()));
    const missing = required.filter((r) => !exported.has(r.toLowerCase()));
    if (missing.length === 0) {
      continue;
    }
    if (items.some((i) => isIntrinsic(i))) {
      return `Its ${property} holds a value that cannot be known at synth, so the ${missing.join(' and ')} log export cannot be proven.`;
    }
    return `It does not export its ${missing.join(' and ')} log${missing.length > 1 ? 's' : ''} to CloudWatch Logs (${property}).`;
  }
  return undefined;
}

/** The resource's log-export property includes each of `required` in every branch. */
export function requireLogExports(resource: TemplateResource, property: string, required: readonly string[]): Outcome {
  const problem = logExportsProblem(resource.properties[property], property, required);
  return problem === undefined ? passed() : failed(problem, `Properties/${property}`);
}

// ---------------------------------------------------------------------------------------------
// Parameter groups

/** A setting a resource must have in the parameter group it references. */
export interface GroupSetting {
  /** The resource's property naming the group, e.g. `DBParameterGroupName`. */
  readonly property: string;
  /** The group's CloudFormation type. */
  readonly groupType: string;
  readonly parameter: string;
  /** The values that satisfy the control, lowercase; a comma-separated value needs each item among them. */
  readonly accepted: readonly string[];
  /** The value a finding asks for, as the user writes it. */
  readonly expected: string;
  /** What happens when the setting is missing, completing "…, so …". */
  readonly consequence: string;
}

/**
 * The literal values a parameter can take in a parameter list: a map of names to values (RDS,
 * Neptune, DocumentDB) or a list of `{ParameterName|ParameterKey|Name, ParameterValue|Value}`
 * (Redshift, an RDS option's settings), names compared case-insensitively. `undefined` in the
 * result stands for an unset parameter; the result is undefined when some branch cannot be known
 * at synth.
 */
export function parameterValues(parameters: Json | undefined, name: string, resource: TemplateResource): (Json | undefined)[] | undefined {
  const out: (Json | undefined)[] = [];
  for (const container of branches(parameters)) {
    let value: Json | undefined;
    if (isUnset(container)) {
      value = undefined;
    } else if (Array.isArray(container)) {
      const entries = container.flatMap((e) => branches(e));
      if (!entries.every((e) => isObject(e) && !isIntrinsic(e))) {
        return undefined;
      }
      const entry = entries.find((e) => flatten(prop(e, 'ParameterName') ?? prop(e, 'ParameterKey') ?? prop(e, 'Name')).toLowerCase() === name.toLowerCase());
      value = entry === undefined ? undefined : prop(entry, 'ParameterValue') ?? prop(entry, 'Value');
    } else if (isObject(container) && !isIntrinsic(container)) {
      value = prop(container, name);
    } else {
      return undefined;
    }
    const alternatives = literalAlternatives(value, resource.template);
    if (alternatives === undefined) {
      return undefined;
    }
    out.push(...alternatives);
  }
  return out;
}

/**
 * Judge the literal values a setting can take (`parameterValues`) against what the control
 * accepts; `where` names the group in the findings.
 */
export function settingOutcome(values: readonly (Json | undefined)[] | undefined, setting: GroupSetting, where: string, location: string): Outcome {
  if (values === undefined) {
    return failed(`${where} sets ${setting.parameter} from a value that cannot be known at synth, so ${setting.consequence}.`, location);
  }
  for (const v of values) {
    if (v === undefined || v === null) {
      return failed(`${where} does not set ${setting.parameter} to ${setting.expected}, so ${setting.consequence}.`, location);
    }
    // A list value (`TCPIP,SSL`, `ddl,dml_read`) passes only if each of its items does.
    if (!flatten(v).split(',').every((item) => setting.accepted.includes(item.trim().toLowerCase()))) {
      return failed(`${where} sets ${setting.parameter} to ${JSON.stringify(v)}, so ${setting.consequence}.`, location);
    }
  }
  return passed();
}

/**
 * The resource references (in every branch) a parameter group of this template whose
 * `Parameters` set the parameter to an accepted value. No group is the engine's default group,
 * which the template does not show to set it; a group named literally or imported cannot be read
 * at synth, and fails closed.
 */
export function requireGroupSetting(resource: TemplateResource, setting: GroupSetting): Outcome {
  const location = `Properties/${setting.property}`;
  for (const name of branches(resource.properties[setting.property])) {
    if (isUnset(name)) {
      return failed(`It names no ${setting.property}, so the engine's default parameter group applies and nothing shows ${setting.parameter} set to ${setting.expected}: ${setting.consequence}.`, location);
    }
    const group = resource.template.target(name);
    if (group?.type !== setting.groupType) {
      return failed(`Its ${setting.property} (${flatten(name)}) is not a ${setting.groupType} of this template, so whether it sets ${setting.parameter} to ${setting.expected} cannot be known at synth; declare the group in the stack.`, location);
    }
    const outcome = settingOutcome(parameterValues(group.properties.Parameters, setting.parameter, group), setting, `Its parameter group ${group.logicalId}`, location);
    if (outcome.verdict !== Verdict.PASSED) {
      return outcome;
    }
  }
  return passed();
}

/**
 * A cluster writes its audit log and exports it to CloudWatch Logs: `EnableCloudwatchLogsExports`
 * includes `audit`, and the cluster parameter group it references turns the audit log on (Neptune
 * and DocumentDB write none by default, so an export alone publishes nothing).
 */
export function requireExportedAuditLog(cluster: TemplateResource, setting: Omit<GroupSetting, 'property' | 'consequence'>, service: string): Outcome {
  const exported = requireLogExports(cluster, 'EnableCloudwatchLogsExports', ['audit']);
  if (exported.verdict !== Verdict.PASSED) {
    return exported;
  }
  return requireGroupSetting(cluster, { ...setting, property: 'DBClusterParameterGroupName', consequence: `${service} writes no audit log to export` });
}
