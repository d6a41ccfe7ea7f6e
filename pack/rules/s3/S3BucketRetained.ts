import { failed, passed, ResourceRule } from '../../rule';
import { alwaysOneOf, describePolicy, RETAINING_DELETION_POLICIES, RETAINING_REPLACE_POLICIES } from '../../readers';

/**
 * The bucket survives both the deletion of its stack and a replacement (a change to a
 * create-only property such as `BucketName`). `RetainExceptOnCreate` is accepted for deletion:
 * it only deletes a bucket whose creation itself failed, which holds no data yet.
 */
export const S3BucketRetained: ResourceRule = {
  id: 'S3BucketRetained',
  resourceTypes: ['AWS::S3::Bucket'],
  passes: '`DeletionPolicy` is `Retain` (or `RetainExceptOnCreate`) and `UpdateReplacePolicy` is `Retain`.',
  check: (bucket) => {
    if (!alwaysOneOf(bucket.deletionPolicy, bucket.template, RETAINING_DELETION_POLICIES)) {
      return failed(`Its DeletionPolicy is ${describePolicy(bucket.deletionPolicy)}, so deleting the stack can delete the bucket.`, 'DeletionPolicy');
    }
    if (!alwaysOneOf(bucket.updateReplacePolicy, bucket.template, RETAINING_REPLACE_POLICIES)) {
      return failed(`Its UpdateReplacePolicy is ${describePolicy(bucket.updateReplacePolicy)}, so a replacement can delete the old bucket.`, 'UpdateReplacePolicy');
    }
    return passed();
  },
};
