import { failed, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { branches, flatten, isIntrinsic, isTrue, isUnset } from '../../values';
import { literalAlternatives } from '../../readers';

/** The `AWS::Lambda::Permission` properties that narrow a grant (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID). */
const NARROWING_PROPERTIES = ['SourceArn', 'SourceAccount', 'PrincipalOrgID'] as const;

/**
 * No permission lets everyone invoke a function. A permission to `*` is accepted only when
 * `SourceArn`, `SourceAccount` or `PrincipalOrgID` narrows it, and never for a function URL with
 * `AuthType: NONE`, whose callers are anonymous (no condition can narrow them). A permission
 * limited to calls through the function URL (`InvokedViaFunctionUrl`) is judged the same way, and
 * its finding says it is reached through the URL. A principal
 * from a template parameter may be `*` at deploy time and counts as `*` (unless its
 * `AllowedValues` exclude `*`); other references (an account id, an imported value) name a
 * principal and pass.
 */
export const LambdaNotPublic: ResourceRule = {
  id: 'LambdaNotPublic',
  resourceTypes: ['AWS::Lambda::Permission'],
  passes: 'The permission\'s `Principal` is not `*`, or it is narrowed by `SourceArn`, `SourceAccount` or `PrincipalOrgID`; a `FunctionUrlAuthType: NONE` permission to `*` always fails.',
  check: (permission) => {
    if (!mayBeEveryone(permission)) {
      return passed();
    }
    if (branches(permission.properties.FunctionUrlAuthType).some((t) => flatten(t).toUpperCase() === 'NONE')) {
      return failed('It lets anyone invoke the function through a function URL with AuthType NONE.', 'Properties/FunctionUrlAuthType');
    }
    if (!NARROWING_PROPERTIES.some((p) => narrows(permission.properties[p]))) {
      // InvokedViaFunctionUrl limits lambda:InvokeFunction to calls through the function's URL
      // (the L2's addFunctionUrl adds such a permission beside the InvokeFunctionUrl one).
      const how = isTrue(permission.properties.InvokedViaFunctionUrl) ? ' through its function URL (InvokedViaFunctionUrl)' : '';
      return failed(`It lets any principal invoke the function${how}, with no SourceArn, SourceAccount or PrincipalOrgID narrowing it.`, 'Properties/Principal');
    }
    return passed();
  },
};

function mayBeEveryone(permission: TemplateResource): boolean {
  return branches(permission.properties.Principal).some((p) => {
    if (isIntrinsic(p) && typeof p.Ref === 'string' && p.Ref in permission.template.parameters) {
      const allowed = literalAlternatives(p, permission.template);
      return allowed === undefined || allowed.some((a) => flatten(a) === '*');
    }
    return flatten(p) === '*';
  });
}

/** Whether a narrowing property is set, in every branch, to something other than a wildcard. */
function narrows(value: Json | undefined): boolean {
  return branches(value).every((v) => !isUnset(v) && flatten(v) !== '*');
}
