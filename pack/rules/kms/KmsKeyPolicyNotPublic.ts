import { failed, passed, ResourceRule } from '../../rule';
import { isObject } from '../../json';
import { branches, hasNarrowingCondition, isIntrinsic, isWildcardPrincipal, Statement, statementsOf } from '../../values';

/**
 * No key-policy statement allows everyone (`*`, `{AWS: "*"}`, or everyone but a `NotPrincipal`)
 * unless a condition narrows the caller to an account, organization or source (`kms:ViaService`
 * narrows the service a request comes through, not who sends it: it needs a caller condition too). Deny statements
 * restrict and are fine. An absent `KeyPolicy` is the KMS default (the account only) and
 * passes; a policy that cannot be read at synth fails.
 */
export const KmsKeyPolicyNotPublic: ResourceRule = {
  id: 'KmsKeyPolicyNotPublic',
  resourceTypes: ['AWS::KMS::Key'],
  passes: 'No `Allow` statement of `KeyPolicy` has principal `*` (or `{AWS: "*"}`, or a `NotPrincipal`) without a condition narrowing the caller (`aws:SourceAccount`, `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `kms:CallerAccount`, …); `kms:ViaService` alone does not narrow the caller (any account calling through that service gets in).',
  check: (key) => {
    for (const policy of branches(key.properties.KeyPolicy)) {
      if (policy === undefined) {
        continue;
      }
      if (isIntrinsic(policy) || (!isObject(policy) && typeof policy !== 'string')) {
        return failed('Its key policy is not a literal document (a parameter, import or other token), so it cannot be proven not public.', 'Properties/KeyPolicy');
      }
      const open = statementsOf(policy).find(isPublicGrant);
      if (open) {
        const sid = typeof open.raw.Sid === 'string' ? ` (${open.raw.Sid})` : '';
        return failed(`A key-policy statement${sid} allows any principal without a condition narrowing the caller to an account or organization (kms:ViaService alone narrows the service, not the caller).`, 'Properties/KeyPolicy');
      }
    }
    return passed();
  },
};

function isPublicGrant(s: Statement): boolean {
  return s.effect === 'Allow' && (isWildcardPrincipal(s) || s.notPrincipal !== undefined) && !hasNarrowingCondition(s);
}
