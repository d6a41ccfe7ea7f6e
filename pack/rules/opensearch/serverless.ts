import { failed, notApplicable, Outcome, passed } from '../../rule';
import { TemplateResource } from '../../template';
import { Json } from '../../json';
import { branches, isUnset } from '../../values';
import { readJsonDocument, resourceSettings, UNKNOWABLE, unknowableDetail } from './private';

/** The OpenSearch Serverless resource holding encryption and network policies. */
export const SECURITY_POLICY = 'AWS::OpenSearchServerless::SecurityPolicy';

/**
 * Judge an OpenSearch Serverless security policy of one `Type` (`encryption`, `network`): each
 * `Fn::If` branch of its `Policy`, parsed from its JSON string, goes to `problem`, which says what
 * is wrong or returns undefined. Policies of another type are not applicable; a type or a document
 * synth cannot read fails closed.
 */
export function checkSecurityPolicy(policy: TemplateResource, type: string, problem: (document: Json) => string | undefined): Outcome {
  const types = resourceSettings(policy, ['Type']);
  if (types.includes(UNKNOWABLE)) {
    return failed(unknowableDetail('Properties/Type'), 'Properties/Type');
  }
  if (!types.some((t) => typeof t === 'string' && t.toLowerCase() === type)) {
    return notApplicable();
  }
  for (const branch of branches(policy.properties.Policy)) {
    const document = isUnset(branch) ? undefined : readJsonDocument(branch as Json);
    if (document === undefined) {
      return failed(`Its ${type} policy is not a JSON document synth can read (a parameter, an import, or a token outside a JSON string), so it cannot be judged; write it literally or acknowledge the rule with a reason.`, 'Properties/Policy');
    }
    const detail = problem(document);
    if (detail !== undefined) {
      return failed(detail, 'Properties/Policy');
    }
  }
  return passed();
}
