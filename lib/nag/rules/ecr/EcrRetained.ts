import { failed, passed, ResourceRule } from '../../rule';
import { branches, flatten, isUnset } from '../../values';

/**
 * Deleting the stack, or dropping the construct, keeps the repository and its images: the images
 * are what ran in production, evidence an audit may ask for. `RetainExceptOnCreate` counts, as
 * only a repository that never finished creating (and so holds no image) is deleted.
 */
export const EcrRetained: ResourceRule = {
  id: 'EcrRetained',
  resourceTypes: ['AWS::ECR::Repository'],
  passes: '`DeletionPolicy: Retain` (or `RetainExceptOnCreate`); the L2 `Repository` default `RemovalPolicy.RETAIN` passes.',
  check: (repository) => {
    for (const value of branches(repository.deletionPolicy)) {
      if (isUnset(value)) {
        return failed('It has no DeletionPolicy, so deleting the stack deletes the repository and every image in it.', 'DeletionPolicy');
      }
      const policy = flatten(value);
      if (policy !== 'Retain' && policy !== 'RetainExceptOnCreate') {
        return failed(`Its DeletionPolicy is ${JSON.stringify(policy)}, so deleting the stack may delete the repository and every image in it.`, 'DeletionPolicy');
      }
    }
    return passed();
  },
};
