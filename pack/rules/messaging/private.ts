import { failed, Outcome, passed } from '../../rule';
import { isObject, Json } from '../../json';
import { asArray, branches, flatten, hasNarrowingCondition, isIntrinsic, isUnset, isWildcardPrincipal, Statement, statementsOf } from '../../values';

/*
 * The public-access test of resource policies (SQS queues, SNS topics, EventBridge buses), shared
 * with pack/rules/events. Any resource policy of another service can use it: it takes a policy
 * document as CloudFormation holds it.
 */

/**
 * Whether a principal value, in any `Fn::If` branch, names everyone: `*`, or an AWS principal
 * with a wildcard (`arn:aws:iam::*:root`), which a resource policy reads as `*`. A reference (a
 * parameter, an import) is taken as the account it names, as the other resource-policy rules do.
 */
function namesEveryone(principal: Json | undefined): boolean {
  return branches(principal).some((p) => {
    if (typeof p === 'string') {
      return p.trim() === '*';
    }
    // An intrinsic has no `AWS` key, so it names no one here.
    return isObject(p) && asArray(p.AWS).flatMap((v) => branches(v)).some((v) => typeof v === 'string' && v.includes('*'));
  });
}

/**
 * An `Allow` to everyone, spelled `*`, `{AWS: "*"}`, `{AWS: ["*"]}`, a wildcard ARN, or a
 * `NotPrincipal` (everyone but those named), with no condition narrowing it to an account,
 * organization, source (`aws:SourceArn`, `aws:SourceAccount`) or network. A service principal is
 * not everyone (without a source condition it is a confused-deputy risk, not public access).
 */
function isPublicGrant(statement: Statement): boolean {
  if (statement.effect !== 'Allow') {
    return false;
  }
  const everyone = isWildcardPrincipal(statement) || statement.notPrincipal !== undefined || namesEveryone(statement.principal);
  return everyone && !hasNarrowingCondition(statement);
}

/**
 * The statements of one branch of a policy document: an object, a JSON string, or a string CDK
 * joined from tokens (`Stack.toJsonString`, whose references become `${…}` placeholders inside
 * JSON strings). Undefined when the document, or one of its statements, cannot be read at synth.
 */
function readStatements(document: Json): readonly Statement[] | undefined {
  let doc: Json = document;
  if (typeof document === 'string' || (isIntrinsic(document) && !('Fn::If' in document))) {
    try {
      doc = JSON.parse(typeof document === 'string' ? document : flatten(document)) as Json;
    } catch {
      return undefined;
    }
  }
  if (!isObject(doc)) {
    return undefined;
  }
  const statements = statementsOf(doc);
  return statements.some((s) => isIntrinsic(s.raw)) ? undefined : statements;
}

/** How a finding names the statement: its `Sid`, or its position. */
function describeStatement(statement: Statement, statements: readonly Statement[]): string {
  return typeof statement.raw.Sid === 'string' ? `statement ${statement.raw.Sid}` : `statement ${statements.indexOf(statement)}`;
}

/**
 * A resource policy grants nothing to everyone without a narrowing condition. `policy` names it
 * in findings (`Its queue policy`); an unset document grants nothing and passes; one that cannot
 * be read at synth fails closed.
 */
export function requirePolicyNotPublic(document: Json | undefined, location: string, policy: string): Outcome {
  for (const branch of branches(document)) {
    if (isUnset(branch)) {
      continue;
    }
    const statements = readStatements(branch as Json);
    if (statements === undefined) {
      return failed(`${policy} is not a literal document (a parameter, import or other token), so it cannot be shown not to be public; make it literal or acknowledge the rule with a reason.`, location);
    }
    const open = statements.find(isPublicGrant);
    if (open) {
      return failed(`${policy} ${describeStatement(open, statements)} allows any principal without a condition narrowing it to an account, organization, source or network.`, location);
    }
  }
  return passed();
}
