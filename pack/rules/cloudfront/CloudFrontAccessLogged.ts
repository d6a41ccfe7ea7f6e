import { failed, passed, ResourceRule } from '../../rule';
import { isUnset } from '../../values';
import { valuesAt } from '../../readers';
import { unknowableDetail } from '../apigateway/private';
import { deliversAccessLogs } from './private';

const LOCATION = 'Properties/DistributionConfig/Logging';

/**
 * The distribution's viewer requests are logged: standard logging to S3 (`Logging.Bucket`, in
 * every branch), or standard logging v2, which CDK's `Distribution` does not write and users
 * declare with `AWS::Logs::DeliverySource` (`LogType: ACCESS_LOGS`, the distribution's ARN) and an
 * `AWS::Logs::Delivery` to a log group, bucket or Firehose stream. Legacy logging needs an
 * ACL-enabled bucket, which the S3 ownership control refuses; logging v2 needs none.
 */
export const CloudFrontAccessLogged: ResourceRule = {
  id: 'CloudFrontAccessLogged',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  passes: '`DistributionConfig.Logging.Bucket` is set, or an `AWS::Logs::DeliverySource` with `LogType: ACCESS_LOGS` names the distribution in its `ResourceArn` and an `AWS::Logs::Delivery` delivers from it.',
  check: (distribution) => {
    const buckets = valuesAt(distribution.properties.DistributionConfig, ['Logging', 'Bucket']);
    if (buckets.every((b) => b !== null && !isUnset(b)) || deliversAccessLogs(distribution)) {
      return passed();
    }
    if (buckets.some((b) => b === null)) {
      return failed(unknowableDetail(LOCATION), LOCATION);
    }
    return failed('It logs no viewer requests: no Logging.Bucket (in every branch), and no AWS::Logs::DeliverySource of ACCESS_LOGS for it with an AWS::Logs::Delivery.', LOCATION);
  },
};
