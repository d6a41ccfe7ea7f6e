import { closest, didYouMean } from '../../core/did-you-mean';

describe('did you mean', () => {
  test('suggests the closest known name within a typo\'s distance, ignoring case and separators', () => {
    expect(closest('AppHasThreatDetecton', ['AppHasThreatDetection', 'S3BucketVersioned'])).toBe('AppHasThreatDetection');
    expect(closest('soc2ml:prod:acount', ['soc2ml:prod:account', 'soc2ml:prod:region'])).toBe('soc2ml:prod:account');
    expect(closest('alert_emails', ['alertEmails'])).toBe('alertEmails');
  });

  test('suggests nothing for a value unlike every known name', () => {
    expect(closest('completelyDifferent', ['name', 'region'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
    expect(didYouMean('zzz', ['name'])).toBe('');
    expect(didYouMean('nmae', ['name'])).toBe(' Did you mean "name"?');
  });
});
