import { failed, passed, ResourceRule } from '../../rule';
import { isObject } from '../../json';
import { asArray, branches, flatten, isUnset } from '../../values';

/**
 * ACLs are disabled (`BucketOwnerEnforced`), so access is governed by policies alone. S3 has created
 * every new bucket with ACLs disabled since April 2023, and CloudFormation applies that default to
 * a bucket that declares no `OwnershipControls`: an absent setting is that default and passes. An
 * explicit weaker ownership (`ObjectWriter`, `BucketOwnerPreferred`) or a granting canned ACL fails.
 */
export const S3BucketOwnerEnforced: ResourceRule = {
  id: 'S3BucketOwnerEnforced',
  resourceTypes: ['AWS::S3::Bucket'],
  passes: '`OwnershipControls` is absent (S3\'s default for new buckets since April 2023: ACLs disabled) or every rule of it sets `ObjectOwnership: BucketOwnerEnforced`; and `AccessControl` is absent, `Private` or `BucketOwnerFullControl`. An explicit `ObjectWriter` or `BucketOwnerPreferred`, or an empty rule list, fails.',
  check: (bucket) => {
    for (const controls of branches(bucket.properties.OwnershipControls)) {
      if (isUnset(controls)) {
        continue;
      }
      const rules = isObject(controls) ? asArray(controls.Rules).flatMap((r) => branches(r)) : [];
      const ownerships = rules.map((r) => (isObject(r) ? branches(r.ObjectOwnership).map(flatten) : ['${?}'])).flat();
      if (ownerships.length === 0) {
        return failed('Its OwnershipControls name no object ownership (or cannot be read at synth), so ACLs are not proven disabled.', 'Properties/OwnershipControls');
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
