import { failed, passed, ResourceRule } from '../../rule';
import { isObject } from '../../json';
import { branches, isTrue, isUnset } from '../../values';

const SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;

/**
 * All four Block Public Access settings are on at bucket level. S3 has turned them all on for every
 * new bucket since April 2023, and a bucket that declares no `PublicAccessBlockConfiguration` gets
 * that default: absent passes. A declared configuration is what S3 applies, and a setting it leaves
 * out is off: each of the four must then be true. An explicit false, or a setting from a parameter
 * or condition that may be false, fails.
 */
export const S3BucketPublicAccessBlocked: ResourceRule = {
  id: 'S3BucketPublicAccessBlocked',
  resourceTypes: ['AWS::S3::Bucket'],
  passes: '`PublicAccessBlockConfiguration` is absent (S3\'s default for new buckets since April 2023: all four on), or sets `BlockPublicAcls`, `BlockPublicPolicy`, `IgnorePublicAcls` and `RestrictPublicBuckets` all to `true` (a declared configuration that leaves one out turns it off, and fails).',
  check: (bucket) => {
    for (const config of branches(bucket.properties.PublicAccessBlockConfiguration)) {
      if (isUnset(config)) {
        continue;
      }
      if (!isObject(config)) {
        return failed('Its PublicAccessBlockConfiguration cannot be read at synth (a parameter, import or token), so all four settings are not proven true.', 'Properties/PublicAccessBlockConfiguration');
      }
      const off = SETTINGS.filter((s) => !isTrue(config[s]));
      if (off.length > 0) {
        return failed(`Block Public Access is not proven on for ${off.join(', ')} (false, absent, or a value that may be false at deploy time).`, `Properties/PublicAccessBlockConfiguration/${off[0]}`);
      }
    }
    return passed();
  },
};
