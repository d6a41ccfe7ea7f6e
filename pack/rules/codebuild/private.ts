import { TemplateResource } from '../../template';
import { Json, JsonObject } from '../../json';
import { valuesAt } from '../../readers';
import { itemsOf } from '../bedrock/private';

/*
 * What the CodeBuild rules read of a project: its sources and its artifacts, primary and secondary,
 * each through `Fn::If`. An item synth cannot read is `null`, for a rule to fail closed on.
 */

/** The project's source and secondary sources. */
export function sourcesOf(project: TemplateResource): (JsonObject | null)[] {
  return [...itemsOf(valuesAt(project.properties, ['Source']).map(asList)), ...itemsOf(valuesAt(project.properties, ['SecondarySources']))];
}

/** The project's artifacts and secondary artifacts. */
export function artifactsOf(project: TemplateResource): (JsonObject | null)[] {
  return [...itemsOf(valuesAt(project.properties, ['Artifacts']).map(asList)), ...itemsOf(valuesAt(project.properties, ['SecondaryArtifacts']))];
}

/** One object as a list of one, so `itemsOf` reads single settings and lists alike. */
function asList(value: Json | undefined): Json | undefined {
  return value === undefined || value === null ? value : [value];
}
