import * as fs from 'fs';
import * as path from 'path';
import { VariantName } from '../fixtures/default-app-variants';
import { templateFilesOf } from './app-context';

/** Every resource of every template in a cloud assembly (nested assemblies included): `template file → logical id → type`. */
export type LogicalIds = Record<string, Record<string, string>>;

export function logicalIdsOf(outdir: string): LogicalIds {
  const out: LogicalIds = {};
  for (const file of templateFilesOf(outdir)) {
    const template = JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf-8')) as { Resources?: Record<string, { Type: string }> };
    const ids: Record<string, string> = {};
    for (const logicalId of Object.keys(template.Resources ?? {}).sort()) {
      ids[logicalId] = template.Resources![logicalId].Type;
    }
    out[file.split(path.sep).join('/')] = ids;
  }
  return out;
}

const SNAPSHOT = path.join(__dirname, '..', 'platform', 'logical-ids.snapshot.json');

/**
 * The logical ids and types pinned for a variant of the default app. Logical ids are public API (a
 * changed id makes CloudFormation replace the resource: a new, empty bucket; a new key); an
 * intended change regenerates the snapshot with `npm run snapshot:ids` in the same commit.
 */
export function pinnedLogicalIds(variant: VariantName): LogicalIds {
  return (JSON.parse(fs.readFileSync(SNAPSHOT, 'utf-8')) as Record<VariantName, LogicalIds>)[variant];
}
