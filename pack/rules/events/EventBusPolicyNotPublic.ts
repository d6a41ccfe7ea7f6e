import { Outcome, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { isObject, Json, JsonObject } from '../../json';
import { flatten, isIntrinsic, isUnset } from '../../values';
import { requirePolicyNotPublic } from '../messaging/private';

/**
 * No event-bus policy lets every account put events on the bus (or manage its rules). An
 * `AWS::Events::EventBusPolicy` is written three ways: `Statement` (one statement, what the L2
 * `EventBus.addToResourcePolicy` writes), or the deprecated `Principal`/`Action`/`Condition`
 * (`Principal: "*"` is every account, `Condition` narrows it to an organization). The bus itself
 * can carry a whole document in `Policy`. Each is read as a policy document and judged as the
 * queue and topic policies are; one that cannot be read at synth fails closed.
 */
export const EventBusPolicyNotPublic: ResourceRule = {
  id: 'EventBusPolicyNotPublic',
  resourceTypes: ['AWS::Events::EventBusPolicy', 'AWS::Events::EventBus'],
  passes: 'Neither `Policy` of the bus nor an `EventBusPolicy` (`Statement`, or the deprecated `Principal` with `Condition`) allows principal `*` (or a `NotPrincipal`) without a narrowing condition such as `aws:PrincipalOrgID` or `aws:SourceAccount`. Absent `Policy` means only the owner account.',
  check: (resource) => {
    if (resource.type === 'AWS::Events::EventBus') {
      return requirePolicyNotPublic(resource.properties.Policy, 'Properties/Policy', 'Its event-bus policy');
    }
    return checkEventBusPolicy(resource);
  },
};

function checkEventBusPolicy(policy: TemplateResource): Outcome {
  const p = policy.properties;
  if (isUnset(p.Statement)) {
    return requirePolicyNotPublic({ Statement: [legacyStatement(p)] }, 'Properties/Principal', 'Its event-bus policy');
  }
  const statement = parseStatement(p.Statement);
  // A statement that cannot be parsed is passed on as is: the document reader fails it closed.
  return requirePolicyNotPublic(statement === undefined ? p.Statement : { Statement: statement }, 'Properties/Statement', 'Its event-bus policy');
}

/**
 * `Statement` as an object: written as one, as a JSON string, or as a string CDK joined from
 * tokens (`Fn::Join`, whose references become `${…}` placeholders). Undefined when unreadable.
 */
function parseStatement(value: Json): Json | undefined {
  if (typeof value !== 'string' && !(isIntrinsic(value) && 'Fn::Join' in value)) {
    return value;
  }
  try {
    return JSON.parse(flatten(value)) as Json;
  } catch {
    return undefined;
  }
}

/** The deprecated form as the statement EventBridge builds from it (`PutPermission`). */
function legacyStatement(p: JsonObject): JsonObject {
  const statement: JsonObject = { Effect: 'Allow', Principal: { AWS: p.Principal ?? null }, Action: p.Action ?? 'events:PutEvents' };
  const condition = p.Condition;
  if (isObject(condition) && !isUnset(condition.Key)) {
    statement.Condition = { [flatten(condition.Type) || 'StringEquals']: { [flatten(condition.Key)]: condition.Value ?? null } };
  }
  return statement;
}
