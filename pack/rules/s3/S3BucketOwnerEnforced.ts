import { failed, passed, ResourceRule } from '../../rule';
import { isObject } from '../../json';
import { asArray, branches, flatten, isUnset } from '../../values';

/**
 * ACLs are disabled (`BucketOwnerEnforced`), so access is governed by policies alone. Like Block
 * Public Access, the S3 default for new buckets is not evidence: the template must declare it.
 */
export const S3BucketOwnerEnforced: ResourceRule = {
  id: 'S3BucketOwnerEnforced',
  resourceTypes: ['AWS::S3::Bucket'],
  passes: '`OwnershipControls` has a rule with `ObjectOwnership: BucketOwnerEnforced` (ACLs disabled) and no other ownership setting, and `AccessControl` is absent, `Private` or `BucketOwnerFullControl`.',
  check: (bucket) => {
    for (const controls of branches(bucket.properties.OwnershipControls)) {
      const rules = isObject(controls) ? asArray(controls.Rules).flatMap((r) => branches(r)) : [];
      const ownerships = rules.map((r) => (isObject(r) ? branches(r.ObjectOwnership).map(flatten) : ['${?}'])).flat();
      if (ownerships.length === 0) {
        return failed('It does not declare OwnershipControls, so ACLs are not proven disabled.', 'Properties/OwnershipControls');
      }
      const other = ownerships.find((o) => o !== 'BucketOwnerEnforced');
      if (other !== undefined) {
        return failed(`Its object ownership is ${JSON.stringify(other)}, not BucketOwnerEnforced, so ACLs can grant access.`, 'Properties/OwnershipControls');
      }
    }
    for (const acl of branches(bucket.properties.AccessControl)) {
      // A canned ACL other than the owner's own is an ACL grant, which ACLs-disabled forbids.
      if (!isUnset(acl) && !['Private', 'BucketOwnerFullControl'].includes(flatten(acl))) {
        return failed(`It sets the canned ACL ${JSON.stringify(flatten(acl))}, which grants access by ACL.`, 'Properties/AccessControl');
      }
    }
    return passed();
  },
};
