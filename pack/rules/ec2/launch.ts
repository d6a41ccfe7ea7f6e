import { StackTemplate, TemplateResource } from '../../template';
import { Json, JsonObject } from '../../json';
import { valuesAt } from '../../readers';
import { flatten } from '../../values';
import { itemsOf, resourceNamed } from '../bedrock/private';

/*
 * Readers for what an EC2 instance launches with. An instance, a launch template (under
 * `LaunchTemplateData`) and an Auto Scaling launch configuration spell the same settings
 * (`BlockDeviceMappings`, `MetadataOptions`) at different places; an instance may also take them
 * from a launch template (`LaunchTemplate`), which is how CDK's `requireImdsv2` works: it attaches
 * a template whose only setting is `MetadataOptions.HttpTokens: required`.
 */

export const INSTANCE = 'AWS::EC2::Instance';
export const LAUNCH_TEMPLATE = 'AWS::EC2::LaunchTemplate';
export const LAUNCH_CONFIGURATION = 'AWS::AutoScaling::LaunchConfiguration';
/** The types that say how instances launch. */
export const LAUNCH_TYPES: readonly string[] = [INSTANCE, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION];

/** A launch setting as a resource spells it: every value it can take, and where it is. */
export interface LaunchSetting {
  readonly values: (Json | undefined)[];
  readonly location: string;
}

/** A setting (`BlockDeviceMappings`, `MetadataOptions`, `NetworkInterfaces`) of an instance, launch template or launch configuration. */
export function launchSetting(resource: TemplateResource, name: string): LaunchSetting {
  if (resource.type === LAUNCH_TEMPLATE) {
    return { values: valuesAt(resource.properties.LaunchTemplateData, [name]), location: `Properties/LaunchTemplateData/${name}` };
  }
  return { values: valuesAt(resource.properties[name], []), location: `Properties/${name}` };
}

/** Whether a setting is absent in every value. */
export function isAbsent(setting: LaunchSetting): boolean {
  return setting.values.every((v) => v === undefined);
}

/** The launch template an instance launches from, in one branch of its `LaunchTemplate`. */
export type TemplateSource =
  | { readonly kind: 'none' }
  | { readonly kind: 'found'; readonly template: TemplateResource }
  /** A template that is not in this stack, or a specification synth cannot read: `what` names it. */
  | { readonly kind: 'unknown'; readonly what: string };

/**
 * The launch templates an instance names, one per branch of `LaunchTemplate`: found in the template
 * by `LaunchTemplateId` or `Version` (references), or by `LaunchTemplateName` (a reference or the
 * same literal name).
 */
export function launchTemplatesOf(instance: TemplateResource): TemplateSource[] {
  return valuesAt(instance.properties.LaunchTemplate, []).map((spec): TemplateSource => {
    if (spec === undefined) {
      return { kind: 'none' };
    }
    const [object] = itemsOf([[spec]]);
    if (!object) {
      return { kind: 'unknown', what: 'a LaunchTemplate that cannot be read at synth' };
    }
    const found = findTemplate(instance.template, object);
    if (found) {
      return { kind: 'found', template: found };
    }
    const named = object.LaunchTemplateName ?? object.LaunchTemplateId;
    return { kind: 'unknown', what: `launch template ${flatten(named) || '(unnamed)'}, which is not defined in this stack` };
  });
}

function findTemplate(template: StackTemplate, spec: JsonObject): TemplateResource | undefined {
  for (const reference of [spec.LaunchTemplateId, spec.Version]) {
    const target = template.target(reference);
    if (target?.type === LAUNCH_TEMPLATE) {
      return target;
    }
  }
  return spec.LaunchTemplateName === undefined ? undefined : resourceNamed(template, LAUNCH_TEMPLATE, 'LaunchTemplateName', spec.LaunchTemplateName);
}

const launchedBy = new WeakMap<StackTemplate, Map<string, TemplateResource[]>>();

/** The instances of the template that launch from a launch template (indexed once per template). */
export function instancesLaunchedFrom(launchTemplate: TemplateResource): readonly TemplateResource[] {
  let index = launchedBy.get(launchTemplate.template);
  if (!index) {
    index = new Map();
    for (const instance of launchTemplate.template.ofType(INSTANCE)) {
      for (const source of launchTemplatesOf(instance)) {
        if (source.kind === 'found') {
          index.set(source.template.logicalId, [...(index.get(source.template.logicalId) ?? []), instance]);
        }
      }
    }
    launchedBy.set(launchTemplate.template, index);
  }
  return index.get(launchTemplate.logicalId) ?? [];
}
