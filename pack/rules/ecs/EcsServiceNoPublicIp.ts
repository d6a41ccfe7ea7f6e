import { failed, passed, ResourceRule } from '../../rule';
import { literalValuesAt } from '../../readers';
import { flatten, someBranchNote } from '../../values';

const LOCATION = 'Properties/NetworkConfiguration/AwsvpcConfiguration/AssignPublicIp';

/**
 * An ECS service (or task set) does not give its tasks public IP addresses. With `awsvpc`
 * networking each task has its own network interface; `AssignPublicIp: ENABLED` gives it an
 * address reachable from the internet whenever its subnet routes to an internet gateway, which
 * leaves only the security group between the task and the internet. Absent means `DISABLED`.
 * Every `Fn::If` branch counts, and a parameter by its `AllowedValues`; a value synth cannot read
 * fails closed. Services without `awsvpc` networking (bridge or host mode on EC2) get no address of
 * their own and pass.
 */
export const EcsServiceNoPublicIp: ResourceRule = {
  id: 'EcsServiceNoPublicIp',
  resourceTypes: ['AWS::ECS::Service', 'AWS::ECS::TaskSet'],
  passes: '`NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp` absent (`DISABLED`, the default) or `DISABLED` in every `Fn::If` branch (a parameter counts by its `AllowedValues`).',
  check: (service) => {
    const values = literalValuesAt(service.properties.NetworkConfiguration, ['AwsvpcConfiguration', 'AssignPublicIp'], service.template);
    if (values === undefined) {
      return failed('Its AssignPublicIp comes from a value synth cannot read, which may be ENABLED at deploy time.', LOCATION);
    }
    if (values.some((v) => v !== undefined && flatten(v).toUpperCase() === 'ENABLED')) {
      return failed(`Its tasks get public IP addresses (AssignPublicIp ENABLED${someBranchNote(values)}), reachable from the internet through any subnet that routes to an internet gateway.`, LOCATION);
    }
    return passed();
  },
};
