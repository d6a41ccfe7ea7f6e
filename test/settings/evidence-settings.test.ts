import { App } from 'aws-cdk-lib';
import { readEvidenceRetentionDays } from '../../settings/evidence-settings';
import { platformSettingsFromContext } from '../../settings/platform-settings';

describe('soc2ml:evidenceRetentionDays', () => {
  test('defaults to 731 days and reads a number or the string -c passes', () => {
    expect(platformSettingsFromContext(new App()).evidenceRetentionDays).toBe(731);
    expect(platformSettingsFromContext(new App({ context: { 'soc2ml:evidenceRetentionDays': '1096' } })).evidenceRetentionDays).toBe(1096);
    expect(readEvidenceRetentionDays(400, 'k')).toBe(400);
  });

  test('refuses less than 400 days, or not a whole number, naming the key', () => {
    expect(() => platformSettingsFromContext(new App({ context: { 'soc2ml:evidenceRetentionDays': 365 } })))
      .toThrow(/soc2ml:evidenceRetentionDays is 365: .*at least 400/);
    expect(() => readEvidenceRetentionDays('two years', 'soc2ml:evidenceRetentionDays')).toThrow(/soc2ml:evidenceRetentionDays is "two years"/);
  });
});
