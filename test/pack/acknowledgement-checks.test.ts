/*
 * Friction 1 of the newcomer issue: a misspelt acknowledgement id and an empty reason were
 * accepted and written into the audit evidence. The pack now refuses both at synth.
 */
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { AcknowledgementChecks, MIN_REASON_LENGTH } from '../../pack/acknowledgement-checks';
import { Soc2MlChecks } from '../../pack/soc2-ml-checks';
import { tempOutdir } from '../helpers/app-context';
import { runPackOnStack } from './helpers';

const REASON = 'Public reference data from a vendor feed; nothing confidential is stored here.';

/** A stack with one resource no rule reads, so only the acknowledgements are judged. */
const plain = (stack: Stack) => new CfnResource(stack, 'Handle', { type: 'AWS::CloudFormation::WaitConditionHandle' });

describe('acknowledgements checked at synth', () => {
  test('friction 1: a misspelt id of the pack fails synth, suggesting the closest rule', () => {
    const run = runPackOnStack((stack) => {
      Validations.of(plain(stack)).acknowledge({ id: 'Soc2Ml::AppHasThreatDetecton', reason: REASON });
    });
    expect(run.violations).toEqual([expect.objectContaining({
      ruleName: AcknowledgementChecks.UNKNOWN_RULE,
      severity: 'fatal',
      description: expect.stringContaining('Did you mean "Soc2Ml::AppHasThreatDetection"?'),
      constructPaths: ['Test/Handle'],
    })]);
  });

  test('friction 1: an empty or short reason fails synth, for any plugin\'s acknowledgement', () => {
    const run = runPackOnStack((stack) => {
      Validations.of(plain(stack)).acknowledge({ id: 'Soc2Ml::AppHasThreatDetection', reason: '' });
      Validations.of(stack).acknowledge({ id: 'AwsSolutions::AwsSolutions-S1', reason: 'x'.repeat(MIN_REASON_LENGTH - 1) });
    });
    expect(run.violations.map((v) => [v.ruleName, v.constructPaths])).toEqual([
      [AcknowledgementChecks.NO_REASON, ['Test']],
      [AcknowledgementChecks.NO_REASON, ['Test/Handle']],
    ].sort());
  });

  test('a known id with a sentence for a reason passes', () => {
    const run = runPackOnStack((stack) => {
      Validations.of(plain(stack)).acknowledge({ id: 'Soc2Ml::AppHasThreatDetection', reason: 'x'.repeat(MIN_REASON_LENGTH) });
    });
    expect(run.violations).toEqual([]);
  });

  test('no acknowledgement can hide the check of acknowledgements, and the error names the fix', () => {
    const app = new App({ outdir: tempOutdir() });
    Validations.of(app).addPlugins(new Soc2MlChecks(app));
    const stack = new Stack(app, 'Test');
    plain(stack);
    Validations.of(stack).acknowledge(
      { id: 'Soc2Ml::AppHasThreatDetecton', reason: REASON },
      { id: `Soc2Ml::${AcknowledgementChecks.UNKNOWN_RULE}`, reason: REASON },
    );
    expect(() => app.synth()).toThrow(/AppHasThreatDetecton[\s\S]*Spell the id as Soc2Ml::<rule>/);
  });
});
