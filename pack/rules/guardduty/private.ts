import { TemplateResource } from '../../template';
import { isObject, Json } from '../../json';
import { valuesAt } from '../../readers';
import { asArray, asBoolean, branches, flatten, isUnset } from '../../values';

/** Whether a protection is on, off, or cannot be known at synth. */
export type Protection = 'on' | 'off' | 'unknown';

/** Off wins over unknown, which wins over on: a protection is on only if on in every branch. */
function worst(states: readonly Protection[]): Protection {
  if (states.includes('off')) {
    return 'off';
  }
  return states.includes('unknown') ? 'unknown' : 'on';
}

function fromBoolean(value: Json | undefined): Protection {
  if (value === null) {
    return 'unknown'; // a level the pack cannot see through
  }
  const b = asBoolean(value);
  return b === true ? 'on' : b === false || isUnset(value) ? 'off' : 'unknown';
}

function fromStatus(value: Json | undefined): Protection {
  const status = isUnset(value) ? 'DISABLED' : flatten(value).toUpperCase();
  return status === 'ENABLED' ? 'on' : status === 'DISABLED' ? 'off' : 'unknown';
}

/**
 * Whether a detector protection is on, given either as a `Features` entry (the current API) or as
 * the older `DataSources` flag. A `Features` entry for the protection decides when present, as
 * GuardDuty applies it over the data source; without one the data source decides; with neither
 * the protection counts as off, since the template does not evidence it.
 */
export function protection(detector: TemplateResource, feature: string, dataSourcePath: readonly string[]): Protection {
  return worst(branches(detector.properties.Features).map((features) => {
    const entries = asArray(features).flatMap(branches).filter(isObject).filter((e) => flatten(e.Name).toUpperCase() === feature);
    if (entries.length > 0) {
      return worst(entries.flatMap((e) => branches(e.Status)).map(fromStatus));
    }
    return worst(valuesAt(detector.properties.DataSources, dataSourcePath).map(fromBoolean));
  }));
}

/** Where a finding about a protection points: the form the detector uses. */
export function protectionLocation(detector: TemplateResource): string {
  const { Features: features, DataSources: dataSources } = detector.properties;
  return isUnset(features) && !isUnset(dataSources) ? 'Properties/DataSources' : 'Properties/Features';
}
