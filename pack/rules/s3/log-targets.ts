import { StackTemplate, TemplateResource } from '../../template';
import { isObject } from '../../json';
import { flatten, principalsOf, statementCoversAction, statementsOf } from '../../values';

/** Which buckets of a template other buckets name as their logging destination. */
interface LogDestinations {
  /** Logical ids of destination buckets referenced by `Ref`/`Fn::GetAtt`. */
  readonly logicalIds: ReadonlySet<string>;
  /** Literal bucket names used as destinations. */
  readonly names: ReadonlySet<string>;
}

// Templates are immutable once read, so each index is built once per template: a per-bucket scan
// of every other bucket (or policy) would make the pack quadratic in buckets.
const destinationIndex = new WeakMap<StackTemplate, LogDestinations>();
const policiesByName = new WeakMap<StackTemplate, ReadonlyMap<string, readonly TemplateResource[]>>();

function logDestinations(template: StackTemplate): LogDestinations {
  let index = destinationIndex.get(template);
  if (!index) {
    const logicalIds = new Set<string>();
    const names = new Set<string>();
    for (const source of template.ofType('AWS::S3::Bucket')) {
      const logging = source.properties.LoggingConfiguration;
      if (!isObject(logging)) {
        continue;
      }
      const destination = logging.DestinationBucketName;
      const target = template.target(destination);
      // A bucket logging to itself is not thereby a log target (nor excused from logging).
      if (target && target !== source) {
        logicalIds.add(target.logicalId);
      }
      if (typeof destination === 'string' && destination !== source.properties.BucketName) {
        names.add(destination);
      }
    }
    index = { logicalIds, names };
    destinationIndex.set(template, index);
  }
  return index;
}

/**
 * Whether a bucket receives S3 server access logs: another bucket of the template names it as
 * its logging destination, its bucket policy lets the S3 logging service put objects, or it
 * grants the log-delivery group write access by ACL (how CDK authorizes delivery without the
 * `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` feature flag, also across stacks).
 */
export function isAccessLogTarget(bucket: TemplateResource): boolean {
  const destinations = logDestinations(bucket.template);
  if (destinations.logicalIds.has(bucket.logicalId)) {
    return true;
  }
  const ownName = bucket.properties.BucketName;
  if (typeof ownName === 'string' && destinations.names.has(ownName)) {
    return true;
  }
  if (flatten(bucket.properties.AccessControl) === 'LogDeliveryWrite') {
    return true;
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
  const byName = policiesWithLiteralBucket(template).get(ownName) ?? [];
  return [...new Set([...byRef, ...byName])];
}

function policiesWithLiteralBucket(template: StackTemplate): ReadonlyMap<string, readonly TemplateResource[]> {
  let index = policiesByName.get(template);
  if (!index) {
    const map = new Map<string, TemplateResource[]>();
    for (const policy of template.ofType('AWS::S3::BucketPolicy')) {
      const name = policy.properties.Bucket;
      if (typeof name === 'string') {
        map.set(name, [...(map.get(name) ?? []), policy]);
      }
    }
    index = map;
    policiesByName.set(template, index);
  }
  return index;
}
