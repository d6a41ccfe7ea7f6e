import { failed, notApplicable, Outcome, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { oneOf, openAccessProblem, requireSetting, settingOf } from './private';

const ROUTE = 'AWS::ApiGatewayV2::Route';

/** Authorization types of HTTP and WebSocket routes that identify the caller. */
const AUTHORIZED_TYPES = ['AWS_IAM', 'CUSTOM', 'JWT'];

/** Route keys only an HTTP API has (`GET /models`, `ANY /{proxy+}`); `$default` is shared by both. */
const HTTP_ROUTE_KEY = /^(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /;

/**
 * Every HTTP API route authenticates its caller (`AWS_IAM`, a Lambda authorizer or JWT; absent
 * means `NONE`), `OPTIONS` routes included: an HTTP API answers CORS preflight itself when
 * `CorsConfiguration` is set, so an `OPTIONS` route only exists to send the request to a backend.
 * A WebSocket API authorizes once, on `$connect` (API Gateway accepts an authorizer on no other
 * route): its `$connect` route is judged on its own authorization, and its other routes on their
 * API's `$connect` route, which must exist. A route of an API outside the template is judged on
 * its own authorization, except WebSocket-only keys (`$disconnect`, message routes), which are not
 * applicable: their API's `$connect` route is judged in its own template.
 */
export const ApiGatewayRouteAuthorized: ResourceRule = {
  id: 'ApiGatewayRouteAuthorized',
  resourceTypes: [ROUTE],
  passes: 'HTTP API routes, and the `$connect` route of a WebSocket API, have `AuthorizationType` `AWS_IAM`, `CUSTOM` or `JWT` (absent means `NONE`); other WebSocket routes pass when their API\'s `$connect` route does.',
  check: (route) => {
    const key = typeof route.properties.RouteKey === 'string' ? route.properties.RouteKey : undefined;
    if (key === '$connect' || !isWebSocketRoute(route, key)) {
      return ownAuthorization(route);
    }
    const api = route.template.target(route.properties.ApiId);
    if (!api) {
      return notApplicable();
    }
    const connect = route.template.referencing(ROUTE, 'ApiId', api.logicalId).filter((r) => r.properties.RouteKey === '$connect');
    if (connect.length === 0) {
      return failed(`Its WebSocket API ${api.logicalId} has no $connect route, so connections are accepted without authorization and every message reaches this route.`, 'Properties/ApiId');
    }
    for (const c of connect) {
      const outcome = ownAuthorization(c);
      if (outcome.detail !== undefined) {
        return failed(`Its WebSocket API authorizes nobody on connection: on its $connect route (${c.logicalId}), ${outcome.detail.charAt(0).toLowerCase()}${outcome.detail.slice(1)}`, 'Properties/ApiId');
      }
    }
    return passed();
  },
};

function ownAuthorization(route: TemplateResource): Outcome {
  return requireSetting([route.properties.AuthorizationType], route.template, 'Properties/AuthorizationType', {
    accepts: oneOf(AUTHORIZED_TYPES),
    whenAbsent: 'NONE',
    problem: openAccessProblem('this route'),
  });
}

/**
 * Whether a route belongs to a WebSocket API: its API in the template says so, or (an API
 * outside the template) its key is one only a WebSocket API has.
 */
function isWebSocketRoute(route: TemplateResource, key: string | undefined): boolean {
  const api = route.template.target(route.properties.ApiId);
  if (api) {
    return settingOf([api.properties.ProtocolType], api.template, (v) => v === 'WEBSOCKET').state === 'accepted';
  }
  return key !== undefined && key !== '$default' && !HTTP_ROUTE_KEY.test(key);
}
