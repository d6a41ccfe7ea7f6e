import { TagKeys } from '../../../core/tags';
import { DataClassification, isConfidentialOrAbove } from '../../../core/data-classification';
import { failed, notApplicable, passed, ResourceRule } from '../../rule';
import { asBoolean } from '../../values';
import { tagAlternatives } from '../../readers';

/**
 * A bucket tagged as holding personal data is classified confidential or restricted, so the
 * controls of those classes (and the ABAC rules keyed on them) apply to it. A `PersonalData`
 * tag that may be `true` (case-insensitively) at deploy time, including one from a parameter,
 * makes the rule apply; without the tag, or with a value that is never `true`, it does not.
 */
export const S3BucketPersonalDataProtected: ResourceRule = {
  id: 'S3BucketPersonalDataProtected',
  resourceTypes: ['AWS::S3::Bucket'],
  passes: `A bucket tagged \`${TagKeys.PERSONAL_DATA}=true\` (any case) is tagged \`${TagKeys.DATA_CLASSIFICATION}\` \`${DataClassification.CONFIDENTIAL}\` or \`${DataClassification.RESTRICTED}\`; buckets without that tag are not applicable.`,
  check: (bucket) => {
    const personal = tagAlternatives(bucket, TagKeys.PERSONAL_DATA);
    if (personal !== undefined && personal.every((v) => v === undefined || asBoolean(v) !== true)) {
      return notApplicable();
    }
    const classes = tagAlternatives(bucket, TagKeys.DATA_CLASSIFICATION);
    const ok = classes !== undefined && classes.every((c) => typeof c === 'string' && isClassification(c) && isConfidentialOrAbove(c));
    if (!ok) {
      return failed(`It is tagged ${TagKeys.PERSONAL_DATA}=true but its ${TagKeys.DATA_CLASSIFICATION} is not proven ${DataClassification.CONFIDENTIAL} or ${DataClassification.RESTRICTED}.`, 'Properties/Tags');
    }
    return passed();
  },
};

function isClassification(value: string): value is DataClassification {
  return (Object.values(DataClassification) as string[]).includes(value);
}
