import { ResourceRule } from '../../rule';
import { requireRetainedOnDelete } from '../../readers';

/**
 * Deleting the stack, or dropping the construct, keeps the repository and its images: the images
 * are what ran in production, evidence an audit may ask for. `RetainExceptOnCreate` counts, as
 * only a repository that never finished creating (and so holds no image) is deleted.
 */
export const EcrRetained: ResourceRule = {
  id: 'EcrRetained',
  resourceTypes: ['AWS::ECR::Repository'],
  passes: '`DeletionPolicy: Retain` (or `RetainExceptOnCreate`); the L2 `Repository` default `RemovalPolicy.RETAIN` passes.',
  check: (repository) => requireRetainedOnDelete(repository, 'deletes the repository and every image in it'),
};
