import { failed, notApplicable, passed, StackRule } from '../../rule';
import { appControls, sensitiveHoldings } from './private';

/** Threats to the ML platform and its data are detected somewhere in the app. */
export const AppHasThreatDetection: StackRule = {
  id: 'AppHasThreatDetection',
  resourceTypes: ['AWS::SageMaker::*', 'AWS::GuardDuty::Detector'],
  passes: 'A stack holding SageMaker resources or `DataClassification`-tagged data belongs to an app in which some stack defines an `AWS::GuardDuty::Detector`; other stacks are not applicable.',
  check: (stack, app) => {
    const holdings = sensitiveHoldings(stack);
    if (!holdings) {
      return notApplicable();
    }
    if (appControls(stack, app).threatDetection) {
      return passed();
    }
    return failed(`The stack holds ${holdings}, but no stack of the app defines a GuardDuty detector to detect threats to them.`);
  },
};
