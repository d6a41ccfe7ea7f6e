import { ResourceRule } from '../../rule';
import { oneOf, requireSetting } from '../apigateway/private';
import { behaviorValues } from './private';

/**
 * Viewers reach the distribution over HTTPS only: every cache behavior (the default one and each
 * of `CacheBehaviors`) has `ViewerProtocolPolicy` `https-only` or `redirect-to-https`;
 * `allow-all` serves the path over plain HTTP. The property is required, so absent fails.
 */
export const CloudFrontViewerHttps: ResourceRule = {
  id: 'CloudFrontViewerHttps',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  passes: 'Every cache behavior (`DefaultCacheBehavior` and each of `CacheBehaviors`) has `ViewerProtocolPolicy` `https-only` or `redirect-to-https`.',
  check: (distribution) => requireSetting(behaviorValues(distribution, 'ViewerProtocolPolicy'), distribution.template, 'Properties/DistributionConfig/DefaultCacheBehavior/ViewerProtocolPolicy', {
    accepts: oneOf(['https-only', 'redirect-to-https']),
    problem: (shown) => `A cache behavior's ViewerProtocolPolicy is ${shown}, so viewers can fetch its content over plain HTTP.`,
  }),
};
