import { failed, notApplicable, passed, StackRule } from '../../rule';
import { appControls, sensitiveHoldings } from './private';

/** The network the ML platform runs in records its traffic. */
export const AppHasFlowLoggedNetwork: StackRule = {
  id: 'AppHasFlowLoggedNetwork',
  resourceTypes: ['AWS::SageMaker::*', 'AWS::EC2::VPC', 'AWS::EC2::FlowLog'],
  passes: 'A stack holding SageMaker resources or `DataClassification`-tagged data belongs to an app in which some stack defines an `AWS::EC2::VPC` with an `AWS::EC2::FlowLog` (`ResourceType: VPC`) on it in the same template; other stacks are not applicable.',
  check: (stack, app) => {
    const holdings = sensitiveHoldings(stack);
    if (!holdings) {
      return notApplicable();
    }
    if (appControls(stack, app).flowLoggedNetwork) {
      return passed();
    }
    return failed(`The stack holds ${holdings}, but no stack of the app defines a VPC with a flow log, so network traffic to and from them is not recorded.`);
  },
};
