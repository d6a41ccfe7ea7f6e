import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { isObject } from '../../json';
import { branches, flatten, isUnset } from '../../values';
import { isAccessLogTarget } from './log-targets';

/**
 * Server access logging is on, to another bucket. A bucket that receives access logs is not
 * applicable: logging it to itself would log its own deliveries without end, and its access is
 * recorded by CloudTrail. A destination given by reference or import passes (it names a bucket).
 */
export const S3BucketAccessLogged: ResourceRule = {
  id: 'S3BucketAccessLogged',
  resourceTypes: ['AWS::S3::Bucket'],
  passes: '`LoggingConfiguration.DestinationBucketName` names another bucket; buckets that receive server access logs are not applicable.',
  check: (bucket) => {
    const logging = bucket.properties.LoggingConfiguration;
    if (isUnset(logging)) {
      return isAccessLogTarget(bucket)
        ? notApplicable()
        : failed('Server access logging is not enabled.', 'Properties/LoggingConfiguration');
    }
    for (const config of branches(logging)) {
      const destination = isObject(config) ? config.DestinationBucketName : undefined;
      if (isUnset(config) || isUnset(destination)) {
        // Without a destination S3 writes the logs into the bucket itself.
        return failed(isUnset(config)
          ? 'Server access logging is not enabled in every branch of its condition.'
          : 'Its LoggingConfiguration has no DestinationBucketName, so it logs to itself.', 'Properties/LoggingConfiguration');
      }
      const ownName = bucket.properties.BucketName;
      if (bucket.template.target(destination) === bucket || (typeof ownName === 'string' && flatten(destination) === ownName)) {
        return failed('It logs to itself, which logs its own log deliveries.', 'Properties/LoggingConfiguration/DestinationBucketName');
      }
    }
    return passed();
  },
};
