import { failed, notApplicable, Outcome, passed } from '../../rule';
import { TemplateResource } from '../../template';
import { isObject, Json, JsonObject } from '../../json';
import { branches, flatten, isIntrinsic, isNoValue } from '../../values';

/** One container definition of a task definition (one `Fn::If` branch of it). */
export interface Container {
  readonly definition: JsonObject;
  /** Its position in `ContainerDefinitions`, for the finding location. */
  readonly index: number;
  /** How a finding names it: its `Name`, or its position. */
  readonly label: string;
}

/**
 * The container definitions of a task definition in every `Fn::If` branch (of the list and of
 * each element), or undefined when the list or an element cannot be read at synth (a parameter,
 * an import), so the rules fail closed.
 */
function containersOf(task: TemplateResource): Container[] | undefined {
  const out: Container[] = [];
  for (const list of branches(task.properties.ContainerDefinitions)) {
    if (list === undefined || isNoValue(list)) {
      continue;
    }
    if (!Array.isArray(list)) {
      return undefined;
    }
    for (const [index, item] of list.entries()) {
      for (const definition of branches(item).filter((d) => !isNoValue(d))) {
        if (!isObject(definition) || isIntrinsic(definition as Json)) {
          return undefined;
        }
        const name = definition.Name;
        out.push({ definition, index, label: typeof name === 'string' ? `container ${name}` : `container ${index} (${flatten(name) || 'unnamed'})` });
      }
    }
  }
  return out;
}

/** What is wrong with one container: a sentence, and the property of the container it is about. */
export interface ContainerProblem {
  readonly detail: string;
  readonly property: string;
}

/**
 * Judge every container of a task definition with `problem`. Container definitions that cannot be
 * read fail closed; a task definition with none is not applicable.
 */
export function checkContainers(task: TemplateResource, problem: (container: Container) => ContainerProblem | undefined): Outcome {
  const containers = containersOf(task);
  if (containers === undefined) {
    return failed('Its ContainerDefinitions come from a value that cannot be known at synth; make them literal or acknowledge the rule with a reason.', 'Properties/ContainerDefinitions');
  }
  if (containers.length === 0) {
    return notApplicable();
  }
  for (const c of containers) {
    const p = problem(c);
    if (p !== undefined) {
      return failed(p.detail, `Properties/ContainerDefinitions/${c.index}/${p.property}`);
    }
  }
  return passed();
}
