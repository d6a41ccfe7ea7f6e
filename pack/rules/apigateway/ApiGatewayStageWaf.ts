import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { StackTemplate, TemplateResource } from '../../template';
import { isObject, Json } from '../../json';
import { asArray, branches, flatten, isUnset } from '../../values';
import { valuesAt } from '../../readers';

const ASSOCIATION = 'AWS::WAFv2::WebACLAssociation';
const DEPLOYMENT = 'AWS::ApiGateway::Deployment';

/**
 * A REST API stage reachable from the internet (an `AWS::ApiGateway::Stage`, or the stage an
 * `AWS::ApiGateway::Deployment` creates with `StageName`) has a web ACL in front of it: an
 * `AWS::WAFv2::WebACLAssociation` of the app whose `ResourceArn` names the stage, by a reference
 * to the stage (`stage.stageArn`) or to its API together with its literal name
 * (`…/restapis/${Api}/stages/prod`). A private API (every endpoint type `PRIVATE`) is not
 * applicable: it is reached only through interface endpoints of a VPC. A warning, not an error:
 * an API whose every method requires IAM or a token is not open to anonymous web requests, and a
 * stage behind a CloudFront distribution may be filtered there (which synth cannot tie to the
 * stage); acknowledge with the protection in front.
 */
export const ApiGatewayStageWaf: ResourceRule = {
  id: 'ApiGatewayStageWaf',
  resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'],
  examines: [ASSOCIATION, 'AWS::ApiGateway::RestApi'],
  passes: 'An `AWS::WAFv2::WebACLAssociation` of the app whose `ResourceArn` references the stage (`stage.stageArn`), or its REST API with the stage\'s literal name (the only way to name a stage a deployment creates with `StageName`); stages of a private API (every `EndpointConfiguration.Types` entry `PRIVATE`) and deployments that create no stage are not applicable.',
  check: (stage) => {
    const api = stage.template.target(stage.properties.RestApiId);
    if ((api && privateOnly(api)) || (stage.type === DEPLOYMENT && branches(stage.properties.StageName).every(isUnset))) {
      return notApplicable();
    }
    if (associationsOf(stage, api).length > 0) {
      return passed();
    }
    return failed('No AWS::WAFv2::WebACLAssociation of the app names this stage, so no web ACL filters the requests that reach it.', 'Properties');
  },
};

/** Whether every endpoint type of a REST API is PRIVATE in every branch (`valuesAt` gives one value per branch). */
function privateOnly(api: TemplateResource): boolean {
  return valuesAt(api.properties.EndpointConfiguration, ['Types']).every((types) => {
    const list = types === null ? [] : asArray(types);
    return list.length > 0 && list.every((x) => flatten(x).toUpperCase() === 'PRIVATE');
  });
}

/** The web ACL associations of the app whose ResourceArn names the stage. */
function associationsOf(stage: TemplateResource, api: TemplateResource | undefined): TemplateResource[] {
  const stacks = stage.template.app?.stacks ?? [stage.template];
  const name = flatten(stage.properties.StageName);
  return stacks.flatMap((s) => s.ofType(ASSOCIATION).filter((association) => {
    const arn = association.properties.ResourceArn;
    const targets = referencedResources(s, arn);
    return targets.includes(stage) || (api !== undefined && targets.includes(api) && name !== '' && !name.includes('${') && flatten(arn).endsWith(`/stages/${name}`));
  }));
}

/** The resources a value refers to (`Ref`, `Fn::GetAtt`, an import or stack output), wherever they sit in it. */
function referencedResources(stack: StackTemplate, value: Json | undefined): TemplateResource[] {
  if (Array.isArray(value)) {
    return value.flatMap((v) => referencedResources(stack, v));
  }
  if (!isObject(value)) {
    return [];
  }
  const target = stack.target(value);
  if (target) {
    return [target];
  }
  const sub = value['Fn::Sub'];
  const text = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
  // `${Api}` and `${Api.RootResourceId}` in a Fn::Sub string name resources of the template.
  const named = text === undefined ? [] : [...text.matchAll(/\$\{([^}!.]+)(?:\.[^}]*)?\}/g)].flatMap((m) => stack.resources.get(m[1]) ?? []);
  return [...named, ...Object.values(value).flatMap((v) => referencedResources(stack, v as Json))];
}
