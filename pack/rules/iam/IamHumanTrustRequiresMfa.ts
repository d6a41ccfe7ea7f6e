import { failed, notApplicable, Outcome, passed, ResourceRule, Verdict } from '../../rule';
import { StackTemplate, TemplateResource } from '../../template';
import { Json } from '../../json';
import { asArray, asBoolean, asNumber, branches, conditionValue, flatten, principalsOf, Statement, statementCoversAction, statementsOf } from '../../values';
import { TagKeys } from '../../../core/tags';

/** The tag that declares a role a person's role, whoever its trust names. */

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];

enum Caller {
  /** A person may sign in as it: an account (its root delegates to every user), a user, everyone. */
  HUMAN = 'human',
  /** A role or role session: machines, or people already authenticated upstream. */
  ROLE = 'role',
  /** Synth cannot tell (a parameter, an import, an attribute of another resource). */
  UNKNOWN = 'unknown',
}

/**
 * A role people can assume requires MFA in the statement that lets them: `Bool:
 * aws:MultiFactorAuthPresent: true` (or a `NumericLessThan[Equals]` bound on
 * `aws:MultiFactorAuthAge`, which is absent without MFA). `BoolIfExists` does not count: the key is
 * absent on calls made with long-term access keys, which it lets through.
 *
 * People are AWS principals that are an account (`…:root`, a bare account id, `AccountPrincipal`),
 * an IAM user, or `*`. Service principals, federated principals (SAML, OIDC) and roles are exempt:
 * machines cannot do MFA, and a role was assumed under its own trust; so is an account trusted
 * only for callers whose `aws:PrincipalArn` is a role. A role tagged `Persona` is a person's role
 * by declaration: every statement that lets an AWS principal other than a role assume it (by any
 * assume action, whatever its conditions on `aws:PrincipalArn`) needs MFA; its federated (the IdP
 * authenticates the person) and service statements stay exempt. An AWS principal synth cannot
 * classify fails closed: if it is a role, acknowledge so.
 */
export const IamHumanTrustRequiresMfa: ResourceRule = {
  id: 'IamHumanTrustRequiresMfa',
  resourceTypes: ['AWS::IAM::Role'],
  passes: 'Every Allow statement of `AssumeRolePolicyDocument` letting an account root, an account id, an IAM user or `*` assume the role (and, on a role tagged `Persona`, every statement letting any AWS principal but a role assume it) has `Bool: { aws:MultiFactorAuthPresent: true }` (not `BoolIfExists`); roles trusted only by services, federation or other roles (also, without the tag, an account narrowed by an `aws:PrincipalArn` condition to roles) are not applicable; an unclassifiable AWS principal fails closed.',
  check: (role) => {
    const persona = role.tag(TagKeys.PERSONA) !== undefined;
    let judged = false;
    for (const statement of statementsOf(role.properties.AssumeRolePolicyDocument)) {
      if (statement.effect !== 'Allow') {
        continue;
      }
      const outcome = persona ? judgePersonaStatement(role, statement) : judgeStatement(role, statement);
      if (outcome === undefined) {
        continue;
      }
      if (outcome.verdict !== Verdict.PASSED) {
        return outcome;
      }
      judged = true;
    }
    return judged ? passed() : notApplicable();
  },
};

const LOCATION = 'Properties/AssumeRolePolicyDocument';

function judgePersonaStatement(role: TemplateResource, statement: Statement): Outcome | undefined {
  if (!ASSUME_ACTIONS.some((a) => statementCoversAction(statement, a))) {
    return undefined;
  }
  // Federation (the IdP authenticates the person) and services are exempt even on a persona role;
  // so is trust limited to other roles, assumed under their own trust.
  const aws = principalsOf(statement.principal).awsRaw.flatMap((p) => branches(p));
  if (aws.length === 0 || aws.every((p) => classify(role.template, p) === Caller.ROLE)) {
    return undefined;
  }
  return mfaOutcome(statement, `The role is tagged ${TagKeys.PERSONA} (a person's role) but a statement lets ${describePrincipal(statement)} assume it`);
}

function judgeStatement(role: TemplateResource, statement: Statement): Outcome | undefined {
  if (!statementCoversAction(statement, 'sts:AssumeRole')) {
    return undefined;
  }
  if (onlyRolesByCondition(statement)) {
    return undefined;
  }
  const principals = principalsOf(statement.principal).awsRaw.flatMap((p) => branches(p));
  const callers = principals.map((p) => ({ principal: flatten(p), caller: classify(role.template, p) }));
  const human = callers.find((c) => c.caller === Caller.HUMAN);
  if (human) {
    return mfaOutcome(statement, `A statement lets ${human.principal === '*' ? 'anyone (*)' : human.principal} assume the role`);
  }
  const unknown = callers.find((c) => c.caller === Caller.UNKNOWN);
  if (unknown) {
    return mfaOutcome(statement, `A statement lets ${unknown.principal}, which synth cannot tell from a person (if it is a role, acknowledge so), assume the role`);
  }
  return undefined;
}

function mfaOutcome(statement: Statement, who: string): Outcome {
  if (requiresMfa(statement)) {
    return passed();
  }
  if (conditionValue(statement, 'BoolIfExists', 'aws:MultiFactorAuthPresent') !== undefined) {
    return failed(`${who} with BoolIfExists on aws:MultiFactorAuthPresent, which lets calls made with long-term access keys (no MFA key) through.`, LOCATION);
  }
  return failed(`${who} without requiring MFA (Bool aws:MultiFactorAuthPresent true).`, LOCATION);
}

function requiresMfa(statement: Statement): boolean {
  const present = asArray(conditionValue(statement, 'Bool', 'aws:MultiFactorAuthPresent'));
  if (present.length > 0 && present.every((v) => asBoolean(v) === true)) {
    return true;
  }
  return ['NumericLessThan', 'NumericLessThanEquals'].some((op) => {
    const age = asArray(conditionValue(statement, op, 'aws:MultiFactorAuthAge'));
    return age.length > 0 && age.every((v) => asNumber(v) !== undefined);
  });
}

/**
 * Whether a condition on `aws:PrincipalArn` admits only roles: the usual way to trust a role of
 * another stack or account through its account root without a circular reference.
 */
function onlyRolesByCondition(statement: Statement): boolean {
  return ['StringEquals', 'StringLike', 'ArnEquals', 'ArnLike'].some((op) => {
    const arns = asArray(conditionValue(statement, op, 'aws:PrincipalArn')).map((v) => flatten(v));
    return arns.length > 0 && arns.every((arn) => /:(role|assumed-role)\//.test(arn));
  });
}

function classify(template: StackTemplate, principal: Json | undefined): Caller {
  const target = template.target(principal);
  if (target) {
    if (target.type === 'AWS::IAM::User') {
      return Caller.HUMAN;
    }
    return target.type === 'AWS::IAM::Role' ? Caller.ROLE : Caller.UNKNOWN;
  }
  const arn = flatten(principal).trim();
  if (arn === '*' || /^\d{12}$/.test(arn) || arn === '${AWS::AccountId}' || /:root$/.test(arn) || /:(user|federated-user)\//.test(arn)) {
    return Caller.HUMAN;
  }
  if (/:(role|assumed-role)\//.test(arn)) {
    return Caller.ROLE;
  }
  return Caller.UNKNOWN;
}

function describePrincipal(statement: Statement): string {
  const p = principalsOf(statement.principal);
  const all = [...p.aws, ...p.service, ...p.federated, ...p.canonicalUser];
  return all.length > 0 ? all.join(', ') : 'a principal';
}
