import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { asBoolean } from '../../values';
import { literalAlternatives } from '../../readers';
import { unknowableDetail } from '../apigateway/private';
import { attributeValues, LISTENER, mayUseProtocol } from './private';

const ATTRIBUTE = 'access_logs.s3.enabled';

/**
 * The load balancer writes access logs to S3 (attribute `access_logs.s3.enabled: true`).
 * Application Load Balancers always (an absent `Type` is `application`); Network Load Balancers
 * when they have a TLS listener in the template, since their access logs record TLS requests only
 * (TCP and UDP flows are evidenced by VPC flow logs); Gateway Load Balancers have no access logs.
 */
export const ElbAccessLogged: ResourceRule = {
  id: 'ElbAccessLogged',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  passes: '`LoadBalancerAttributes` holds `access_logs.s3.enabled: true` (in every branch) on Application Load Balancers and on Network Load Balancers with a TLS listener; other Network and Gateway Load Balancers are not applicable.',
  check: (lb) => {
    if (!producesAccessLogs(lb)) {
      return notApplicable();
    }
    // A value from a parameter counts by its AllowedValues; one synth cannot read is null.
    const values = attributeValues(lb.properties.LoadBalancerAttributes, ATTRIBUTE)
      .flatMap((v) => (v === null || v === undefined ? [v] : literalAlternatives(v, lb.template) ?? [null]));
    if (values.some((v) => v !== null && asBoolean(v) !== true)) {
      return failed(`It writes no access logs: its ${ATTRIBUTE} attribute is not "true" (absent means false) in every branch of its conditions.`, 'Properties/LoadBalancerAttributes');
    }
    if (values.some((v) => v === null)) {
      return failed(unknowableDetail('Properties/LoadBalancerAttributes'), 'Properties/LoadBalancerAttributes');
    }
    return passed();
  },
};

function producesAccessLogs(lb: TemplateResource): boolean {
  const types = literalAlternatives(lb.properties.Type, lb.template)?.map((t) => t ?? 'application');
  if (types === undefined || types.includes('application')) {
    return true;
  }
  return types.includes('network') && lb.template.referencing(LISTENER, 'LoadBalancerArn', lb.logicalId).some((l) => mayUseProtocol(l, ['TLS']));
}
