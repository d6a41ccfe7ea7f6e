import { failed, notApplicable, Outcome, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { branches, isUnset } from '../../values';
import { valuesAt } from '../../readers';
import { unknowableDetail } from './private';

/**
 * Every stage writes access logs (who called which method, from where, with what result) to a
 * destination: a REST API stage (`AWS::ApiGateway::Stage`, which CDK's `RestApi` writes for its
 * `deployOptions`), the stage a `AWS::ApiGateway::Deployment` creates when it names one, and an
 * HTTP or WebSocket API stage. A quick-created HTTP API (`Target` on the API) gets a `$default`
 * stage that cannot be given access logs in the template, so it fails. A destination given by
 * reference or import passes: it names a log group or Firehose stream.
 */
export const ApiGatewayStageAccessLogged: ResourceRule = {
  id: 'ApiGatewayStageAccessLogged',
  resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment', 'AWS::ApiGatewayV2::Stage', 'AWS::ApiGatewayV2::Api'],
  passes: 'REST stages set `AccessLogSetting.DestinationArn`; a deployment that creates a stage (`StageName`) sets `StageDescription.AccessLogSetting.DestinationArn`; HTTP and WebSocket stages set `AccessLogSettings.DestinationArn`; an HTTP API is not quick-created (`Target`). Deployments without a stage and APIs without `Target` are not applicable.',
  check: (resource) => {
    const p = resource.properties;
    switch (resource.type) {
      case 'AWS::ApiGateway::Stage':
        return requireDestination(valuesAt(p.AccessLogSetting, ['DestinationArn']), 'Properties/AccessLogSetting/DestinationArn');
      case 'AWS::ApiGatewayV2::Stage':
        return requireDestination(valuesAt(p.AccessLogSettings, ['DestinationArn']), 'Properties/AccessLogSettings/DestinationArn');
      case 'AWS::ApiGateway::Deployment':
        return createsNothing(resource, 'StageName')
          ? notApplicable()
          : requireDestination(valuesAt(p.StageDescription, ['AccessLogSetting', 'DestinationArn']), 'Properties/StageDescription/AccessLogSetting/DestinationArn');
      default:
        return createsNothing(resource, 'Target')
          ? notApplicable()
          : failed('It is quick-created (Target is set), which gives it a $default stage without access logging; define the stage as an AWS::ApiGatewayV2::Stage (HttpStage) with AccessLogSettings instead.', 'Properties/Target');
    }
  },
};

function requireDestination(values: readonly (Json | undefined)[], location: string): Outcome {
  if (values.some((v) => v === null)) {
    return failed(unknowableDetail(location), location);
  }
  if (values.every(isUnset)) {
    return failed('It writes no access logs: no access-log DestinationArn is set.', location);
  }
  if (values.some(isUnset)) {
    return failed('It writes no access logs in at least one branch of its conditions: there, no access-log DestinationArn is set.', location);
  }
  return passed();
}

/** Whether a property that would create something (a stage, a quick-created API) is unset in every branch. */
function createsNothing(resource: TemplateResource, property: string): boolean {
  return branches(resource.properties[property]).every(isUnset);
}
