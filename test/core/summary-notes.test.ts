import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { addSummaryNote, SUMMARY_NOTE_METADATA, summaryNotesOf } from '../../core/summary-notes';

describe('summary notes', () => {
  test('are read from the whole tree, in tree order, each once, and nothing else is', () => {
    const app = new App();
    const a = new Stack(app, 'A');
    const b = new Stack(app, 'B');
    addSummaryNote(a, 'first');
    addSummaryNote(new Construct(b, 'Inner'), 'second');
    addSummaryNote(b, 'first');
    b.node.addMetadata('other', 'not a note');
    expect(summaryNotesOf(app)).toEqual(['first', 'second']);
    expect(a.node.metadata.map((m) => m.type)).toEqual([SUMMARY_NOTE_METADATA]);
    expect(summaryNotesOf(new App())).toEqual([]);
  });
});
