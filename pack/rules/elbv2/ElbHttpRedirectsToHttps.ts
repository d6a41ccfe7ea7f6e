import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { elementsOf } from '../sagemaker/private';
import { LISTENER, LISTENER_RULE, listenerProtocols, mayUseProtocol, nonHttpsRedirect } from './private';

/**
 * A listener that accepts plain HTTP only sends clients to HTTPS: every default action is a
 * `redirect` with `RedirectConfig.Protocol: HTTPS` (absent keeps `#{protocol}`, i.e. HTTP), and so
 * is every action of each listener rule on it, since a rule forwarding a path would serve that
 * path in clear. HTTPS, TLS, TCP and UDP listeners are not applicable. A listener whose protocol
 * synth cannot know, and a rule on a listener outside the template, pass only if they redirect.
 */
export const ElbHttpRedirectsToHttps: ResourceRule = {
  id: 'ElbHttpRedirectsToHttps',
  resourceTypes: [LISTENER, LISTENER_RULE],
  passes: 'On an `HTTP` listener, every `DefaultActions` entry, and every `Actions` entry of its listener rules, has `Type: redirect` and `RedirectConfig.Protocol: HTTPS`; listeners of other protocols (and their rules) are not applicable.',
  check: (resource) => {
    const rule = resource.type === LISTENER_RULE;
    const listener = rule ? resource.template.target(resource.properties.ListenerArn) : resource;
    if (listener && !mayUseProtocol(listener, ['HTTP'])) {
      return notApplicable();
    }
    const actions = rule ? 'Actions' : 'DefaultActions';
    const problem = nonHttpsRedirect(elementsOf(resource.properties[actions]), resource.template);
    if (problem === undefined) {
      return passed();
    }
    return failed(detail(listener, rule, problem), `Properties/${actions}`);
  },
};

function detail(listener: TemplateResource | undefined, rule: boolean, problem: string): string {
  const served = `it has ${problem}, so requests are served over plain HTTP instead of being redirected to HTTPS.`;
  if (!listener) {
    return `Its listener is outside this template, so synth cannot know that it is not a plain HTTP listener, and ${served} If the listener is HTTPS or TLS, acknowledge the rule with that reason.`;
  }
  const subject = rule ? `Its listener ${listener.logicalId}` : 'It';
  return listenerProtocols(listener) === undefined
    ? `${subject} has a protocol that cannot be known at synth (it may be HTTP), and ${served} Make the protocol literal, or acknowledge the rule with a reason.`
    : `${subject} accepts plain HTTP, and ${served}`;
}
