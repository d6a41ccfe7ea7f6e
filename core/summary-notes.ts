import { IConstruct } from 'constructs';

/*
 * Lines the synth summary prints for the app (for example a setting the app runs without that a
 * deployed environment would need): construct metadata of one type, added by the platform and read
 * by the evidence writer, so neither imports the other.
 */

/** The construct metadata type of a summary note. */
export const SUMMARY_NOTE_METADATA = 'cdk-soc2-ml:summary-note';

/** Add a line to the synth summary, on the construct it is about. */
export function addSummaryNote(scope: IConstruct, text: string): void {
  scope.node.addMetadata(SUMMARY_NOTE_METADATA, text);
}

/** Every summary note in the tree under `root`, in tree order, each once. */
export function summaryNotesOf(root: IConstruct): string[] {
  const notes = root.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === SUMMARY_NOTE_METADATA).map((m) => String(m.data)));
  return [...new Set(notes)];
}
