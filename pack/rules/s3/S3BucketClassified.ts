import { TagKeys } from '../../../core/tags';
import { allClassifications } from '../../../core/data-classification';
import { failed, passed, ResourceRule } from '../../rule';
import { tagAlternatives } from '../../readers';

/**
 * The bucket carries a `DataClassification` tag with one of the platform's classifications, in
 * lowercase exactly as `SecureBucket` writes them. The match is case-sensitive on purpose: tag
 * values are compared case-sensitively by ABAC conditions (`aws:ResourceTag`, `StringEquals`),
 * SCPs and the evidence report, so `Confidential` would silently escape them. A value from a
 * parameter passes only if each of its `AllowedValues` is a classification.
 */
export const S3BucketClassified: ResourceRule = {
  id: 'S3BucketClassified',
  resourceTypes: ['AWS::S3::Bucket'],
  passes: `A \`${TagKeys.DATA_CLASSIFICATION}\` tag whose value is one of ${allClassifications().map((c) => `\`${c}\``).join(', ')} (lowercase, case-sensitive).`,
  check: (bucket) => {
    const values = tagAlternatives(bucket, TagKeys.DATA_CLASSIFICATION);
    if (values === undefined) {
      return failed(`Its ${TagKeys.DATA_CLASSIFICATION} tag comes from a value that cannot be known at synth (give a parameter AllowedValues, or write the value).`, 'Properties/Tags');
    }
    for (const v of values) {
      if (v === undefined) {
        return failed(`It has no ${TagKeys.DATA_CLASSIFICATION} tag.`, 'Properties/Tags');
      }
      if (typeof v !== 'string' || !allClassifications().includes(v)) {
        return failed(`Its ${TagKeys.DATA_CLASSIFICATION} tag is ${JSON.stringify(v)}, not one of ${allClassifications().join(', ')} (lowercase).`, 'Properties/Tags');
      }
    }
    return passed();
  },
};
