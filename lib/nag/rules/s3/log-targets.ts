import { TemplateResource } from '../../template';
import { isObject } from '../../template';
import { flatten, principalsOf, statementCoversAction, statementsOf } from '../../values';

/**
 * Whether a bucket receives S3 server access logs: another bucket of the template names it as
 * its logging destination, or its bucket policy lets the S3 logging service put objects.
 */
export function isAccessLogTarget(bucket: TemplateResource): boolean {
  const template = bucket.template;
  const ownName = bucket.properties.BucketName;
  for (const other of template.ofType('AWS::S3::Bucket')) {
    const logging = other.properties.LoggingConfiguration;
    if (!isObject(logging) || other === bucket) {
      continue;
    }
    const destination = logging.DestinationBucketName;
    if (template.target(destination) === bucket) {
      return true;
    }
    if (typeof ownName === 'string' && flatten(destination) === ownName) {
      return true;
    }
  }
  for (const policy of bucketPoliciesOf(bucket)) {
    for (const s of statementsOf(policy.properties.PolicyDocument)) {
      if (s.effect === 'Allow' && principalsOf(s.principal).service.includes('logging.s3.amazonaws.com') && statementCoversAction(s, 's3:PutObject')) {
        return true;
      }
    }
  }
  return false;
}

/** The `AWS::S3::BucketPolicy` resources of the template attached to a bucket. */
export function bucketPoliciesOf(bucket: TemplateResource): TemplateResource[] {
  const template = bucket.template;
  const byRef = template.referencing('AWS::S3::BucketPolicy', 'Bucket', bucket.logicalId);
  const ownName = bucket.properties.BucketName;
  if (typeof ownName !== 'string') {
    return [...byRef];
  }
  const byName = template.ofType('AWS::S3::BucketPolicy').filter((p) => p.properties.Bucket === ownName);
  return [...new Set([...byRef, ...byName])];
}
