import { Outcome, passed, Verdict } from '../../rule';
import { TemplateResource } from '../../template';
import { isObject, Json } from '../../json';
import { branches, flatten, isNoValue } from '../../values';
import { isOn, requireSetting, settingsAt } from '../opensearch/private';

/*
 * A DynamoDB table keeps its per-table settings on itself (`AWS::DynamoDB::Table`) or, for a
 * global table (`AWS::DynamoDB::GlobalTable`, what TableV2 writes), on each replica: every replica
 * must carry the control.
 */

const GLOBAL_TABLE = 'AWS::DynamoDB::GlobalTable';

/** The types the DynamoDB rules read. */
export const TABLE_TYPES: readonly string[] = ['AWS::DynamoDB::Table', GLOBAL_TABLE];

/** Where a per-table setting lives: the table, or one replica of a global table. */
export interface SettingsHolder {
  /** The object holding the settings; `null` when synth cannot read it. */
  readonly value: Json;
  /** Its location, e.g. `Properties` or `Properties/Replicas/1`. */
  readonly at: string;
  /** How a finding names it: `It`, `Its replica in eu-west-1`. */
  readonly name: string;
}

/** The table itself, or every replica of a global table (through `Fn::If` on the list and its items). */
export function holdersOf(table: TemplateResource): SettingsHolder[] {
  if (table.type !== GLOBAL_TABLE) {
    return [{ value: table.properties, at: 'Properties', name: 'It' }];
  }
  const holders: SettingsHolder[] = [];
  for (const list of branches(table.properties.Replicas)) {
    if (!Array.isArray(list)) {
      holders.push({ value: null, at: 'Properties/Replicas', name: 'Its replica list' });
      continue;
    }
    list.forEach((item, i) => {
      for (const replica of branches(item).filter((r) => !isNoValue(r))) {
        holders.push({ value: replica ?? null, at: `Properties/Replicas/${i}`, name: `Its replica in ${regionOf(replica)}` });
      }
    });
  }
  return holders;
}

function regionOf(replica: Json | undefined): string {
  const region = isObject(replica) ? flatten(replica.Region) : '';
  return region === '' ? 'an unknown region' : region === '${AWS::Region}' ? "the stack's region" : region;
}

/**
 * Judge each holder's outcome with `judge`, the first failure winning: on a table the table, on a
 * global table every replica.
 */
export function onEveryHolder(table: TemplateResource, judge: (holder: SettingsHolder) => Outcome): Outcome {
  for (const holder of holdersOf(table)) {
    const outcome = judge(holder);
    if (outcome.verdict === Verdict.FAILED) {
      return outcome;
    }
  }
  return passed();
}

/** A boolean setting at `path` is literally true on the table, or on every replica of a global table. */
export function requireOnEveryReplica(table: TemplateResource, path: readonly string[], off: (holder: string, value: Json | undefined) => string): Outcome {
  return onEveryHolder(table, (holder) => requireSetting(settingsAt(holder.value, path, table.template), isOn,
    `${holder.at}/${path.join('/')}`, (v) => off(holder.name, v)));
}
