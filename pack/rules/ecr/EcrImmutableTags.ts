import { failed, passed, ResourceRule } from '../../rule';
import { branches, flatten, isUnset } from '../../values';

/**
 * A tag, once pushed, always names the same image, so what was tested and approved is what runs.
 * `IMMUTABLE_WITH_EXCLUSION` fails: the tags its filters exclude (typically `latest` or release
 * channels, the ones deployments follow) can be moved to an unreviewed image. A team that deploys
 * only by digest acknowledges the rule with that reason.
 */
export const EcrImmutableTags: ResourceRule = {
  id: 'EcrImmutableTags',
  resourceTypes: ['AWS::ECR::Repository'],
  passes: '`ImageTagMutability: IMMUTABLE` (not `MUTABLE`, the default, nor `IMMUTABLE_WITH_EXCLUSION`).',
  check: (repository) => {
    const location = 'Properties/ImageTagMutability';
    for (const value of branches(repository.properties.ImageTagMutability)) {
      const mutability = isUnset(value) ? 'MUTABLE' : flatten(value).toUpperCase();
      if (mutability === 'IMMUTABLE') {
        continue;
      }
      if (mutability === 'IMMUTABLE_WITH_EXCLUSION') {
        return failed('Tags matching its exclusion filters stay mutable, so they can be moved to another image.', location);
      }
      if (mutability === 'MUTABLE') {
        return failed('Its image tags are mutable, so a tag can be moved to another image after it was reviewed.', location);
      }
      return failed(`ImageTagMutability is ${JSON.stringify(flatten(value))}, which cannot be known to be IMMUTABLE at synth; make it literal or acknowledge the rule with a reason.`, location);
    }
    return passed();
  },
};
