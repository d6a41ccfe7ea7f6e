import { closest, didYouMean } from '../../core/did-you-mean';

describe('did you mean', () => {
  test('suggests the closest known name within a typo\'s distance, ignoring case and separators', () => {
    expect(closest('AppHasThreatDetecton', ['AppHasThreatDetection', 'S3BucketVersioned'])).toBe('AppHasThreatDetection');
    expect(closest('soc2ml:prod:acount', ['soc2ml:prod:account', 'soc2ml:prod:region'])).toBe('soc2ml:prod:account');
    expect(closest('alert_emails', ['alertEmails'])).toBe('alertEmails');
    // A name the value begins wins over a nearer spelling.
    expect(closest('soc2ml:pipeline:repo', ['soc2ml:pipeline:region', 'soc2ml:pipeline:repository'])).toBe('soc2ml:pipeline:repository');
  });

  test('suggests nothing for a value unlike every known name', () => {
    expect(closest('completelyDifferent', ['name', 'region'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
    expect(didYouMean('zzz', ['name'])).toBe('');
    expect(didYouMean('nmae', ['name'])).toBe(' Did you mean "name"?');
  });
});
