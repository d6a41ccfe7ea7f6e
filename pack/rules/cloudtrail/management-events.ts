import { isObject, Json } from '../../json';
import { asArray, asBoolean, branches, flatten, isUnset } from '../../values';
import { TemplateResource } from '../../template';

/** What a trail records of management events, over every branch of its selectors. */
export enum ManagementRecording {
  /** Write (mutating) management events are recorded, by every variant the template allows. */
  WRITES = 'writes',
  /** Management events are recorded, but only read-only ones: every change goes unlogged. */
  READS_ONLY = 'reads-only',
  /** No management events at all (a data-events trail). */
  NONE = 'none',
  /** Synth cannot tell (a selector from a parameter, an import). */
  UNKNOWN = 'unknown',
}

/**
 * What a trail records of management events. No selectors is CloudTrail's default: all management
 * events, reads and writes. Basic selectors record management events unless
 * `IncludeManagementEvents: false`, of the kinds `ReadWriteType` names (default `All`). Advanced
 * selectors record them when a selector's `eventCategory` equals `Management`, of the kinds its
 * `readOnly` field allows (absent: both).
 */
export function managementRecording(trail: TemplateResource): ManagementRecording {
  const advanced = branches(trail.properties.AdvancedEventSelectors);
  const basic = branches(trail.properties.EventSelectors);
  const results = advanced.some((a) => !isUnset(a) && !(Array.isArray(a) && a.length === 0))
    ? advanced.map(advancedRecording)
    : basic.map(basicRecording);
  for (const worst of [ManagementRecording.UNKNOWN, ManagementRecording.READS_ONLY, ManagementRecording.NONE]) {
    if (results.includes(worst)) {
      return worst;
    }
  }
  return ManagementRecording.WRITES;
}

function basicRecording(selectors: Json | undefined): ManagementRecording {
  // No selectors (CDK's Trail writes an empty list) leaves CloudTrail's default: every management event.
  if (isUnset(selectors) || (Array.isArray(selectors) && selectors.length === 0)) {
    return ManagementRecording.WRITES;
  }
  return combine(selectors, basicSelector);
}

function advancedRecording(selectors: Json | undefined): ManagementRecording {
  return combine(selectors, advancedSelector);
}

/** What a list of selectors records: writes if any selector does, else reads if any does. */
function combine(selectors: Json | undefined, judge: (selector: Json | undefined) => ManagementRecording): ManagementRecording {
  if (!Array.isArray(selectors)) {
    return ManagementRecording.UNKNOWN;
  }
  let reads = false;
  for (const s of selectors.flatMap((x) => branches(x))) {
    const recording = judge(s);
    if (recording === ManagementRecording.WRITES || recording === ManagementRecording.UNKNOWN) {
      return recording;
    }
    reads ||= recording === ManagementRecording.READS_ONLY;
  }
  return reads ? ManagementRecording.READS_ONLY : ManagementRecording.NONE;
}

function basicSelector(s: Json | undefined): ManagementRecording {
  if (!isObject(s)) {
    return ManagementRecording.UNKNOWN;
  }
  const include = isUnset(s.IncludeManagementEvents) ? true : asBoolean(s.IncludeManagementEvents);
  if (include !== true) {
    return include === false ? ManagementRecording.NONE : ManagementRecording.UNKNOWN;
  }
  const kind = isUnset(s.ReadWriteType) ? 'All' : flatten(s.ReadWriteType);
  if (kind === 'All' || kind === 'WriteOnly') {
    return ManagementRecording.WRITES;
  }
  return kind === 'ReadOnly' ? ManagementRecording.READS_ONLY : ManagementRecording.UNKNOWN;
}

function advancedSelector(s: Json | undefined): ManagementRecording {
  const fields = isObject(s) ? asArray(s.FieldSelectors).filter(isObject) : undefined;
  if (!fields) {
    return ManagementRecording.UNKNOWN;
  }
  const category = fields.find((f) => flatten(f.Field) === 'eventCategory');
  if (!category || !asArray(category.Equals).map((v) => flatten(v)).includes('Management')) {
    return ManagementRecording.NONE;
  }
  const readOnly = fields.find((f) => flatten(f.Field) === 'readOnly');
  const only = readOnly ? asArray(readOnly.Equals).map((v) => flatten(v)) : [];
  return !readOnly || only.length === 0 || only.includes('false') ? ManagementRecording.WRITES : ManagementRecording.READS_ONLY;
}
