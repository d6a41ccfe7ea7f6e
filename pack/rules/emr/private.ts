import { failed, Outcome, passed } from '../../rule';
import { StackTemplate, TemplateResource } from '../../template';
import { isObject, Json, JsonObject } from '../../json';
import { asBoolean, branches, flatten, isIntrinsic, isUnset, someBranchNote, variantsOf } from '../../values';
import { literalValues, resourceNamed } from '../bedrock/private';

/*
 * An EMR cluster names its security configuration (`AWS::EMR::SecurityConfiguration`) by name; the
 * encryption rules judge the JSON document of the configuration that name refers to in the app. A
 * name that refers to nothing there (a configuration made by hand, by another tool, or taken from
 * a parameter) cannot be proven at synth and fails closed.
 */

export const SECURITY_CONFIGURATION = 'AWS::EMR::SecurityConfiguration';

const LOCATION = 'Properties/SecurityConfiguration';

/** What is wrong with a security configuration's document, completing "Its security configuration X …", or undefined. */
export type DocumentJudge = (document: JsonObject, template: StackTemplate) => string | undefined;

/**
 * The cluster's security configuration, in every `Fn::If` branch of its name, is one of the app
 * whose document `judge` accepts. `consequence` completes "It names no security configuration, so …".
 */
export function checkSecurityConfiguration(cluster: TemplateResource, consequence: string, judge: DocumentJudge): Outcome {
  for (const name of branches(cluster.properties.SecurityConfiguration)) {
    if (name === undefined || isUnset(name)) {
      return failed(`It names no security configuration, so ${consequence}.`, LOCATION);
    }
    const config = securityConfigurationNamed(cluster.template, name);
    if (!config) {
      return failed(`Its security configuration ${flatten(name)} is not defined in the app (a name typed by hand, a parameter or a configuration made elsewhere), so what it encrypts cannot be proven at synth.`, LOCATION);
    }
    if (config.template === cluster.template && config.condition !== undefined && config.condition !== cluster.condition) {
      return failed(`Its security configuration ${config.logicalId} exists only when condition ${config.condition} holds, so its encryption cannot be proven.`, LOCATION);
    }
    for (const document of documentsOf(config)) {
      const problem = document === undefined ? 'has no SecurityConfiguration document'
        : document === null ? 'holds its document in a value synth cannot read (a parameter, an import, or text that is not JSON)'
          : judge(document, config.template);
      if (problem) {
        return failed(`Its security configuration ${config.logicalId} ${problem}.`, LOCATION);
      }
    }
  }
  return passed();
}

/**
 * The security configuration a name refers to: through `Ref` (which gives a configuration's name)
 * in the template or across stacks, by the same spelling of `Name` in the template, or by a
 * literal `Name` in any stack of the app.
 */
function securityConfigurationNamed(template: StackTemplate, name: Json): TemplateResource | undefined {
  const found = resourceNamed(template, SECURITY_CONFIGURATION, 'Name', name);
  const spelled = flatten(name);
  if (found || template.target(name) || spelled === '' || spelled.includes('${')) {
    return found;
  }
  for (const stack of template.app?.stacks ?? []) {
    const config = stack.ofType(SECURITY_CONFIGURATION).find((r) => flatten(r.properties.Name) === spelled);
    if (config) {
      return config;
    }
  }
  return undefined;
}

/**
 * The documents a configuration's `SecurityConfiguration` can be, per `Fn::If` branch: an object as
 * written, or a JSON string parsed. A string CDK joins around references (`Stack.toJsonString`,
 * `Fn::Sub`) is read with each reference as a `${…}` placeholder, a parameter's as a `Ref` to it (so
 * its `AllowedValues` count). `undefined` for an absent document, `null` for one synth cannot read.
 */
function documentsOf(config: TemplateResource): (JsonObject | null | undefined)[] {
  const out: (JsonObject | null | undefined)[] = [];
  for (const value of branches(config.properties.SecurityConfiguration)) {
    if (isUnset(value)) {
      out.push(undefined);
    } else if (typeof value === 'string') {
      out.push(parseDocument(value));
    } else if (isObject(value) && !isIntrinsic(value)) {
      out.push(value);
    } else {
      out.push(...variantsOf(value as Json).map((v) => parseDocument(flatten(v), config.template)));
    }
  }
  return out;
}

function parseDocument(text: string, template?: StackTemplate): JsonObject | null {
  const parameter = (v: unknown): unknown => {
    const m = typeof v === 'string' ? /^\$\{([A-Za-z0-9]+)\}$/.exec(v) : null;
    return m && template?.parameters[m[1]] !== undefined ? { Ref: m[1] } : v;
  };
  try {
    const document = JSON.parse(text, (_key, v) => parameter(v)) as Json;
    return isObject(document) ? document : null;
  } catch {
    return null;
  }
}

/**
 * Why a boolean setting is not literally true in every value (a parameter counting by its
 * `AllowedValues`), or undefined when it is. `absent` and `off` complete "Its security
 * configuration X …".
 */
export function notTrue(values: readonly (Json | undefined)[], template: StackTemplate, property: string, absent: string, off: string): string | undefined {
  const known = literalValues(values, template);
  if (known === undefined) {
    return `sets ${property} from a value that cannot be known at synth, so it may be false once deployed`;
  }
  if (known.some((v) => isUnset(v))) {
    return `${absent}${someBranchNote(known)}`;
  }
  return known.every((v) => asBoolean(v) === true) ? undefined : `${off}${someBranchNote(known)}`;
}
