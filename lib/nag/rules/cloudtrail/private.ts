import { failed, Outcome, passed } from '../../rule';
import type { Json } from '../../template';
import { asBoolean, isUnset } from '../../values';

/**
 * A boolean control that must be literally true in every value it can take (pass
 * `branches(value)`, so each side of an `Fn::If` counts). A value CDK cannot see through (a
 * parameter, an import) fails closed: it may be false once deployed, and an auditor would not
 * accept "probably on" as evidence.
 */
export function requireTrue(values: readonly (Json | undefined)[], location: string, offDetail: string): Outcome {
  if (values.every((v) => asBoolean(v) === true)) {
    return passed();
  }
  if (values.some((v) => asBoolean(v) === false || isUnset(v))) {
    return failed(offDetail, location);
  }
  const property = location.split('/').pop();
  return failed(`${property} comes from a value that cannot be known at synth (a parameter or import), so it may be false once deployed; make it literal or acknowledge the rule with a reason.`, location);
}
