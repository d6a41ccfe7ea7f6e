import { failed, passed, ResourceRule } from '../../rule';
import { branches, flatten } from '../../values';

/**
 * A VPC records its traffic: an `AWS::EC2::FlowLog` of the same template names it (`ResourceType:
 * VPC`) and captures `ALL` traffic, the evidence incident investigation needs (accepted flows show
 * what an intruder reached, not only what was blocked). A flow log deployed under a condition the
 * VPC does not share may not exist, so it does not count.
 */
export const VpcFlowLogs: ResourceRule = {
  id: 'VpcFlowLogs',
  resourceTypes: ['AWS::EC2::VPC'],
  passes: 'An `AWS::EC2::FlowLog` in the same template with `ResourceType: VPC`, `ResourceId` referencing the VPC and `TrafficType: ALL` (the L2 `flowLogs` prop or `vpc.addFlowLog`).',
  check: (vpc) => {
    const logs = vpc.template.referencing('AWS::EC2::FlowLog', 'ResourceId', vpc.logicalId)
      .filter((log) => branches(log.properties.ResourceType).every((t) => t === 'VPC'))
      .filter((log) => log.condition === undefined || log.condition === vpc.condition);
    if (logs.length === 0) {
      return failed('No flow log in the template records this VPC\'s traffic.', 'Properties');
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
