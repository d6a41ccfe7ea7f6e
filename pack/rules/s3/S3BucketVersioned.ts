import { failed, passed, ResourceRule } from '../../rule';
import { isObject } from '../../json';
import { branches, flatten } from '../../values';

/** Versioning keeps overwritten and deleted objects recoverable. `Suspended`, absent or unknowable fails. */
export const S3BucketVersioned: ResourceRule = {
  id: 'S3BucketVersioned',
  resourceTypes: ['AWS::S3::Bucket'],
  passes: '`VersioningConfiguration.Status` is `Enabled`.',
  check: (bucket) => {
    for (const config of branches(bucket.properties.VersioningConfiguration)) {
      const status = isObject(config) ? branches(config.Status).map(flatten) : [''];
      const bad = status.find((s) => s !== 'Enabled');
      if (bad !== undefined) {
        return failed(bad === '' ? 'Versioning is not enabled.' : `Its versioning status is ${JSON.stringify(bad)}, not Enabled.`, 'Properties/VersioningConfiguration');
      }
    }
    return passed();
  },
};
