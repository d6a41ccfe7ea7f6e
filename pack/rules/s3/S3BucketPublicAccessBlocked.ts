import { failed, passed, ResourceRule } from '../../rule';
import { isObject } from '../../json';
import { branches, isTrue } from '../../values';

const SETTINGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;

/**
 * All four Block Public Access settings are on at bucket level. S3 turns them on for new buckets
 * by default, but a template that does not declare them leaves the settings unmanaged (anyone
 * may switch them off without drift) and proves nothing, so they must be written. A setting
 * from a parameter or condition that may be false fails.
 */
export const S3BucketPublicAccessBlocked: ResourceRule = {
  id: 'S3BucketPublicAccessBlocked',
  resourceTypes: ['AWS::S3::Bucket'],
  passes: '`PublicAccessBlockConfiguration` sets `BlockPublicAcls`, `BlockPublicPolicy`, `IgnorePublicAcls` and `RestrictPublicBuckets` all to `true`.',
  check: (bucket) => {
    for (const config of branches(bucket.properties.PublicAccessBlockConfiguration)) {
      if (!isObject(config)) {
        return failed('It does not declare PublicAccessBlockConfiguration with all four settings true.', 'Properties/PublicAccessBlockConfiguration');
      }
      const off = SETTINGS.filter((s) => !isTrue(config[s]));
      if (off.length > 0) {
        return failed(`Block Public Access is not proven on for ${off.join(', ')} (false, absent, or a value that may be false at deploy time).`, `Properties/PublicAccessBlockConfiguration/${off[0]}`);
      }
    }
    return passed();
  },
};
