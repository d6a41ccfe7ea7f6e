import { failed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { oneOf, requireSetting, settingOf, unknowableDetail } from '../apigateway/private';

/** Viewer security policies whose minimum is TLS 1.2 (or 1.3). */
const TLS12_VERSIONS = ['TLSv1.2_2018', 'TLSv1.2_2019', 'TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'];

const LOCATION = 'Properties/DistributionConfig/ViewerCertificate';

/**
 * Viewers cannot connect with TLS below 1.2: the distribution has its own certificate (ACM or
 * IAM) and `MinimumProtocolVersion` `TLSv1.2_2018` or later. The default `*.cloudfront.net`
 * certificate (no `ViewerCertificate`, or `CloudFrontDefaultCertificate: true`) fails: CloudFront
 * then fixes the minimum at TLSv1 whatever the template says, and no setting can raise it. A
 * distribution that only serves public content may acknowledge the rule with that reason.
 */
export const CloudFrontViewerTls12: ResourceRule = {
  id: 'CloudFrontViewerTls12',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  passes: `\`ViewerCertificate\` names an ACM or IAM certificate (not \`CloudFrontDefaultCertificate\`, whose minimum is fixed at TLSv1) with \`MinimumProtocolVersion\` one of ${TLS12_VERSIONS.map((v) => `\`${v}\``).join(', ')}.`,
  check: (distribution) => {
    const certificates = valuesAt(distribution.properties.DistributionConfig, ['ViewerCertificate']);
    if (certificates.some((c) => c === undefined)) {
      return failed('It has no ViewerCertificate, so it serves the default *.cloudfront.net certificate, with which CloudFront accepts TLS 1.0 and 1.1 whatever the template says.', LOCATION);
    }
    if (certificates.some((c) => c === null)) {
      return failed(unknowableDetail(LOCATION), LOCATION);
    }
    const defaults = certificates.flatMap((c) => valuesAt(c, ['CloudFrontDefaultCertificate']));
    const usesDefault = settingOf(defaults, distribution.template, (v) => v.toLowerCase() === 'false', 'false');
    if (usesDefault.state !== 'accepted') {
      return usesDefault.state === 'rejected'
        ? failed('It uses the default *.cloudfront.net certificate (CloudFrontDefaultCertificate), with which CloudFront accepts TLS 1.0 and 1.1 whatever MinimumProtocolVersion says.', `${LOCATION}/CloudFrontDefaultCertificate`)
        : failed(unknowableDetail(`${LOCATION}/CloudFrontDefaultCertificate`), `${LOCATION}/CloudFrontDefaultCertificate`);
    }
    return requireSetting(certificates.flatMap((c) => valuesAt(c, ['MinimumProtocolVersion'])), distribution.template, `${LOCATION}/MinimumProtocolVersion`, {
      accepts: oneOf(TLS12_VERSIONS),
      problem: (shown) => `Its MinimumProtocolVersion is ${shown}${shown === 'absent' ? ' (so TLSv1)' : ''}, which lets viewers connect with TLS below 1.2.`,
    });
  },
};
