import { failed, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { branches, flatten } from '../../values';

/**
 * A VPC records its traffic: an `AWS::EC2::FlowLog` of the app names it (`ResourceType: VPC`; in
 * its own template or in another stack, through an export or a stack output) and captures `ALL`
 * traffic, the evidence incident investigation needs (accepted flows show what an intruder
 * reached, not only what was blocked). A flow log of the same template deployed under a condition
 * the VPC does not share may not exist, so it does not count.
 */
export const VpcFlowLogs: ResourceRule = {
  id: 'VpcFlowLogs',
  resourceTypes: ['AWS::EC2::VPC'],
  examines: ['AWS::EC2::FlowLog'],
  passes: 'An `AWS::EC2::FlowLog` of the app (in the VPC\'s stack, or in another through an export or stack output) with `ResourceType: VPC`, `ResourceId` referencing the VPC and `TrafficType: ALL` (the L2 `flowLogs` prop or `vpc.addFlowLog`).',
  check: (vpc) => {
    const logs = flowLogsOf(vpc)
      .filter((log) => branches(log.properties.ResourceType).every((t) => t === 'VPC'))
      .filter((log) => log.template !== vpc.template || log.condition === undefined || log.condition === vpc.condition);
    if (logs.length === 0) {
      return failed('No flow log of the app records this VPC\'s traffic.', 'Properties');
    }
    const trafficTypes = logs.map((log) => branches(log.properties.TrafficType).map((t) => (t === undefined ? 'unset' : flatten(t))));
    if (trafficTypes.some((types) => types.every((t) => t.toUpperCase() === 'ALL'))) {
      return passed();
    }
    const seen = [...new Set(trafficTypes.flat())];
    if (seen.some((t) => t.includes('${'))) {
      return failed(`Its flow logs' TrafficType (${seen.join(', ')}) is not known at synth, so capturing ALL traffic cannot be proven.`, 'Properties');
    }
    return failed(`Its flow logs capture only ${seen.join(', ')} traffic, not ALL.`, 'Properties');
  },
};

/** The flow logs that name a VPC, in its own template or in any stack of the app. */
export function flowLogsOf(vpc: TemplateResource): readonly TemplateResource[] {
  return vpc.template.app?.referencing('AWS::EC2::FlowLog', 'ResourceId', vpc) ?? vpc.template.referencing('AWS::EC2::FlowLog', 'ResourceId', vpc.logicalId);
}
