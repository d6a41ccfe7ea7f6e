import { TagKeys } from '../../../core/tags';
import { StackTemplate } from '../../template';
import { flatten } from '../../values';
import { ManagementRecording, managementRecording } from '../cloudtrail/management-events';
import { flowLogsOf } from '../ec2/VpcFlowLogs';

/** The app-wide controls one stack provides. */
interface Controls {
  readonly auditTrail: boolean;
  readonly threatDetection: boolean;
  readonly flowLoggedNetwork: boolean;
}

const controlsByStack = new WeakMap<StackTemplate, Controls>();
const controlsByApp = new WeakMap<readonly StackTemplate[], Controls>();
const holdingsByStack = new WeakMap<StackTemplate, string | undefined>();

/**
 * Whether a VPC of the stack has a flow log on the whole VPC. Flow logs on single subnets or
 * interfaces leave the rest of the network unrecorded, so they do not count.
 */
function hasFlowLoggedVpc(stack: StackTemplate): boolean {
  return stack.ofType('AWS::EC2::VPC').some((vpc) => flowLogsOf(vpc).some((log) => flatten(log.properties.ResourceType) === 'VPC'));
}

/*
 * Existence is what these rules evidence: whether a trail logs, a detector is enabled or a flow
 * log records all traffic is judged on the resource itself by the CloudTrail, GuardDuty and EC2
 * rules, which fail synth.
 */
function controlsOf(stack: StackTemplate): Controls {
  let controls = controlsByStack.get(stack);
  if (!controls) {
    controls = {
      auditTrail: stack.ofType('AWS::CloudTrail::Trail').some((t) => managementRecording(t) === ManagementRecording.WRITES),
      threatDetection: stack.ofType('AWS::GuardDuty::Detector').length > 0,
      flowLoggedNetwork: hasFlowLoggedVpc(stack),
    };
    controlsByStack.set(stack, controls);
  }
  return controls;
}

/**
 * The controls some stack of the app (or the stack judged, should the app list leave it out)
 * provides. The pack passes the same array for every stack, so this is computed once per app:
 * linear in the app's resources, not quadratic in its stacks.
 */
export function appControls(stack: StackTemplate, app: readonly StackTemplate[]): Controls {
  let controls = controlsByApp.get(app);
  if (!controls) {
    const all = app.map(controlsOf);
    controls = {
      auditTrail: all.some((c) => c.auditTrail),
      threatDetection: all.some((c) => c.threatDetection),
      flowLoggedNetwork: all.some((c) => c.flowLoggedNetwork),
    };
    controlsByApp.set(app, controls);
  }
  const own = controlsOf(stack);
  return {
    auditTrail: controls.auditTrail || own.auditTrail,
    threatDetection: controls.threatDetection || own.threatDetection,
    flowLoggedNetwork: controls.flowLoggedNetwork || own.flowLoggedNetwork,
  };
}

/**
 * What makes a stack need the app-wide controls, in words ("SageMaker resources", "classified
 * data" or both), or undefined when it holds neither.
 */
export function sensitiveHoldings(stack: StackTemplate): string | undefined {
  if (holdingsByStack.has(stack)) {
    return holdingsByStack.get(stack);
  }
  let sageMaker = false;
  let classified = false;
  for (const resource of stack.resources.values()) {
    sageMaker ||= resource.type.startsWith('AWS::SageMaker::');
    classified ||= resource.tag(TagKeys.DATA_CLASSIFICATION) !== undefined;
    if (sageMaker && classified) {
      break;
    }
  }
  const holdings = sageMaker && classified ? 'SageMaker resources and classified data' : sageMaker ? 'SageMaker resources' : classified ? 'classified data' : undefined;
  holdingsByStack.set(stack, holdings);
  return holdings;
}
