import { failed, notApplicable, passed, StackRule } from '../../rule';
import { appControls, sensitiveHoldings } from './private';

/** Who did what to the ML platform and its data is recorded somewhere in the app. */
export const AppHasAuditTrail: StackRule = {
  id: 'AppHasAuditTrail',
  resourceTypes: ['AWS::SageMaker::*', 'AWS::CloudTrail::Trail'],
  passes: 'A stack holding SageMaker resources or `DataClassification`-tagged data belongs to an app in which some stack defines an `AWS::CloudTrail::Trail` recording write management events (a trail of data events only, or of read-only management events, does not count); other stacks are not applicable.',
  check: (stack, app) => {
    const holdings = sensitiveHoldings(stack);
    if (!holdings) {
      return notApplicable();
    }
    if (appControls(stack, app).auditTrail) {
      return passed();
    }
    return failed(`The stack holds ${holdings}, but no stack of the app defines a CloudTrail trail recording management writes, so changes to them go unlogged.`);
  },
};
