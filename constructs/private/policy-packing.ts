import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { Soc2MlError } from '../../core/errors';

/** IAM's limit on a managed policy document, in characters without whitespace. */
export const MANAGED_POLICY_LIMIT = 6144;

// Room for what synth cannot measure: the longest a reference can resolve to at deploy time.
const BUDGET = MANAGED_POLICY_LIMIT - 400;
const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws-us-gov',
  'AWS::Region': 'ap-southeast-2',
  'AWS::AccountId': '123456789012',
  'AWS::URLSuffix': 'amazonaws.com.cn',
  'AWS::StackName': 'x'.repeat(128),
};
const LONGEST_REFERENCE = 'x'.repeat(128);

/** A deploy-time upper bound of a resolved value's text: references become their longest form. */
function worstCase(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(worstCase);
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  const o = node as Record<string, unknown>;
  if (Array.isArray(o['Fn::Join'])) {
    const [delimiter, parts] = o['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => worstCase(p)).map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(delimiter);
  }
  if (typeof o.Ref === 'string') {
    return PSEUDO[o.Ref] ?? LONGEST_REFERENCE;
  }
  if (o['Fn::GetAtt'] !== undefined || o['Fn::ImportValue'] !== undefined || o['Fn::Sub'] !== undefined || o['Fn::Select'] !== undefined) {
    return LONGEST_REFERENCE;
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, worstCase(v)]));
}

/** The size a policy document holding these statements can reach when deployed. */
export function worstCaseSize(scope: Construct, statements: iam.PolicyStatement[]): number {
  const document = { Version: '2012-10-17', Statement: statements.map((s) => worstCase(Stack.of(scope).resolve(s.toStatementJson()))) };
  return JSON.stringify(document).replace(/\s/g, '').length;
}

/**
 * Customer-managed policies holding the statements, in order, as few as IAM's size limit allows:
 * `<id>`, then `<id>2`, `<id>3`… only when one would be too large.
 */
export function managedPolicies(scope: Construct, id: string, props: { statements: iam.PolicyStatement[]; roles: iam.IRole[]; description: string }): iam.ManagedPolicy[] {
  const chunks: iam.PolicyStatement[][] = [];
  for (const statement of props.statements) {
    const current = chunks[chunks.length - 1];
    if (current && worstCaseSize(scope, [...current, statement]) <= BUDGET) {
      current.push(statement);
    } else {
      if (worstCaseSize(scope, [statement]) > BUDGET) {
        throw new Soc2MlError(`${scope.node.path}/${id}: statement ${statement.sid ?? ''} alone can exceed IAM's ${MANAGED_POLICY_LIMIT}-character limit on a managed policy; split it.`);
      }
      chunks.push([statement]);
    }
  }
  return chunks.map((statements, i) => new iam.ManagedPolicy(scope, i === 0 ? id : `${id}${i + 1}`, {
    description: chunks.length === 1 ? props.description : `${props.description} (${i + 1} of ${chunks.length})`,
    statements,
    roles: props.roles,
  }));
}
