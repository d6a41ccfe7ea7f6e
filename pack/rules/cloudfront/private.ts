import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { flatten } from '../../values';
import { valuesAt } from '../../readers';
import { elementsOf } from '../sagemaker/private';

/**
 * The values a property of every cache behavior can take (the default one and each of
 * `CacheBehaviors`), through `Fn::If` at each level; `null` where synth cannot read a level.
 */
export function behaviorValues(distribution: TemplateResource, property: string): (Json | undefined)[] {
  const out: (Json | undefined)[] = [];
  for (const config of valuesAt(distribution.properties.DistributionConfig, [])) {
    if (config === null || config === undefined) {
      out.push(config === null ? null : undefined);
      continue;
    }
    out.push(...valuesAt(config, ['DefaultCacheBehavior', property]));
    for (const behaviors of valuesAt(config, ['CacheBehaviors'])) {
      for (const behavior of behaviors === null ? [null] : elementsOf(behaviors)) {
        out.push(...(behavior === null ? [null] : valuesAt(behavior, [property])));
      }
    }
  }
  return out;
}

/**
 * Whether CloudFront standard logging (v2) delivers the distribution's access logs: an
 * `AWS::Logs::DeliverySource` of `LogType: ACCESS_LOGS` whose `ResourceArn` names the
 * distribution, and an `AWS::Logs::Delivery` from that source (by `Ref` or by its name).
 */
export function deliversAccessLogs(distribution: TemplateResource): boolean {
  const template = distribution.template;
  const own = `\${${distribution.logicalId}}`;
  const sources = template.ofType('AWS::Logs::DeliverySource')
    .filter((s) => flatten(s.properties.LogType) === 'ACCESS_LOGS' && flatten(s.properties.ResourceArn).includes(own));
  return sources.some((source) => template.ofType('AWS::Logs::Delivery').some((delivery) => {
    const name = delivery.properties.DeliverySourceName;
    return template.target(name) === source || (typeof name === 'string' && name === source.properties.Name);
  }));
}
