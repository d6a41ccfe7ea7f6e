import { failed, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { isObject, Json } from '../../json';
import { actionMatches, asArray, asBoolean, branches, flatten, isIntrinsic, isWildcardPrincipal, Statement, statementsOf } from '../../values';
import { bucketPoliciesOf } from './log-targets';

/**
 * The bucket policy refuses every S3 request made without TLS: a `Deny` of `s3:*` to `*` on the
 * bucket and its objects under `Bool` (or `BoolIfExists`) `aws:SecureTransport: false`, which is
 * what `enforceSSL: true` writes. A policy CDK cannot read at synth (a parameter, an import, a
 * token) proves nothing and fails: the control must be visible in the template.
 */
export const S3BucketTlsOnly: ResourceRule = {
  id: 'S3BucketTlsOnly',
  resourceTypes: ['AWS::S3::Bucket'],
  examines: ['AWS::S3::BucketPolicy'],
  passes: 'Every bucket policy attached to the bucket (and there is one) denies `s3:*` to principal `*` on the bucket and its objects under the single condition `Bool` `aws:SecureTransport: false`.',
  check: (bucket) => {
    const policies = bucketPoliciesOf(bucket);
    if (policies.length === 0) {
      return failed('It has no bucket policy, so nothing denies requests made without TLS.');
    }
    for (const policy of policies) {
      if (policy.condition !== undefined && policy.condition !== bucket.condition) {
        return failed(`Its bucket policy ${policy.logicalId} exists only when condition ${policy.condition} holds, so TLS enforcement cannot be proven.`);
      }
      for (const document of branches(policy.properties.PolicyDocument)) {
        if (document === undefined || isIntrinsic(document) || (!isObject(document) && typeof document !== 'string')) {
          return failed(`Its bucket policy ${policy.logicalId} is not a literal document (a parameter, import or other token), so TLS enforcement cannot be proven at synth.`);
        }
        if (!deniesInsecureTransport(statementsOf(document), bucket)) {
          return failed(`Its bucket policy ${policy.logicalId} does not deny s3:* to principal * on the bucket and its objects when aws:SecureTransport is false.`);
        }
      }
    }
    return passed();
  },
};

/**
 * Whether the statements deny every S3 action to everyone over plain HTTP on the bucket and on
 * its objects (one statement may cover the bucket and another the objects).
 */
function deniesInsecureTransport(statements: readonly Statement[], bucket: TemplateResource): boolean {
  const denials = statements.filter((s) => s.effect === 'Deny'
    && s.notPrincipal === undefined
    && isWildcardPrincipal(s)
    && coversAllS3Actions(s)
    && onlyWhenInsecure(s.condition));
  const arn = `arn:\${AWS::Partition}:s3:::\${${bucket.logicalId}}`;
  // `NotResource` statements are left out: what they exclude cannot be told from names alone.
  const patterns = denials.flatMap((s) => s.resources ?? []).map((r) => normalizeArn(flatten(r), bucket));
  return patterns.some((p) => actionMatches(p, arn)) && patterns.some((p) => actionMatches(p, `${arn}/*`));
}

function coversAllS3Actions(s: Statement): boolean {
  if (s.actions) {
    // The literal action `s3:*` matches only patterns that match every S3 action (`*`, `s3:*`, `S3:*`).
    return s.actions.some((a) => actionMatches(a, 's3:*'));
  }
  if (s.notActions) {
    // `NotAction` denies everything it does not list: it covers S3 only if it lists no S3 action.
    return !s.notActions.some((a) => !a.includes(':') || actionMatches(a.split(':')[0], 's3'));
  }
  return false;
}

/**
 * The condition is `aws:SecureTransport: false` and nothing else: any further key, being ANDed,
 * would let some plain-HTTP requests through. `BoolIfExists` is as strict (S3 always sets the key).
 */
function onlyWhenInsecure(condition: { [key: string]: Json }): boolean {
  const operators = Object.entries(condition);
  if (operators.length !== 1) {
    return false;
  }
  const [operator, block] = operators[0];
  if (!['bool', 'boolifexists'].includes(operator.toLowerCase()) || !isObject(block)) {
    return false;
  }
  const keys = Object.entries(block);
  if (keys.length !== 1 || keys[0][0].toLowerCase() !== 'aws:securetransport') {
    return false;
  }
  const values = asArray(keys[0][1]);
  return values.length > 0 && values.every((v) => asBoolean(v) === false);
}

/**
 * Rewrite the spellings of this bucket's ARN (`Fn::GetAtt` Arn, `Ref` in an ARN, its literal
 * name, a literal partition) to one form, so ARN patterns can be matched as IAM globs.
 */
function normalizeArn(pattern: string, bucket: TemplateResource): string {
  const canonical = `arn:\${AWS::Partition}:s3:::\${${bucket.logicalId}}`;
  let p = pattern.split(`\${${bucket.logicalId}.Arn}`).join(canonical);
  p = p.replace(/^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|\$\{AWS::Partition\}):s3:::/, 'arn:${AWS::Partition}:s3:::');
  const name = bucket.properties.BucketName;
  if (typeof name === 'string' && name !== '') {
    const literal = 'arn:${AWS::Partition}:s3:::' + name;
    if (p === literal || p.startsWith(`${literal}/`)) {
      p = canonical + p.slice(literal.length);
    }
  }
  return p;
}
