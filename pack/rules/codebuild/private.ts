import { TemplateResource } from '../../template';
import { JsonObject } from '../../json';
import { objectsAt, valuesAt } from '../../readers';
import { itemsOf } from '../bedrock/private';

/*
 * What the CodeBuild rules read of a project: its sources and its artifacts, primary and secondary,
 * each through `Fn::If`. An item synth cannot read is `null`, for a rule to fail closed on.
 */

/** The project's source and secondary sources. */
export function sourcesOf(project: TemplateResource): (JsonObject | null)[] {
  return [...objectsAt(project.properties, ['Source']), ...itemsOf(valuesAt(project.properties, ['SecondarySources']))];
}

/** The project's artifacts and secondary artifacts. */
export function artifactsOf(project: TemplateResource): (JsonObject | null)[] {
  return [...objectsAt(project.properties, ['Artifacts']), ...itemsOf(valuesAt(project.properties, ['SecondaryArtifacts']))];
}
