import { failed, passed, ResourceRule } from '../../rule';
import { isObject } from '../../json';
import { branches, flatten, isCustomerManagedKey, isIntrinsic, isUnset } from '../../values';

/**
 * Images are encrypted with a customer-managed KMS key, whose policy and audit trail the account
 * controls. `KMS` without a key uses the AWS-managed `aws/ecr` key, which fails like the default
 * AES256.
 */
export const EcrKmsEncryption: ResourceRule = {
  id: 'EcrKmsEncryption',
  resourceTypes: ['AWS::ECR::Repository'],
  passes: '`EncryptionConfiguration.EncryptionType` `KMS` or `KMS_DSSE` with `KmsKey` a customer-managed key (a reference or key ARN; not `alias/aws/ecr`, not omitted).',
  check: (repository) => {
    const location = 'Properties/EncryptionConfiguration';
    for (const config of branches(repository.properties.EncryptionConfiguration)) {
      if (isUnset(config)) {
        return failed('It sets no encryption configuration, so images are encrypted with AES256 under an AWS-owned key.', location);
      }
      if (isIntrinsic(config) || !isObject(config)) {
        return failed('Its encryption configuration comes from a value that cannot be read at synth; make it literal or acknowledge the rule with a reason.', location);
      }
      for (const value of branches(config.EncryptionType)) {
        const type = flatten(value).toUpperCase();
        if (type === 'AES256' || isUnset(value)) {
          return failed('It uses AES256 encryption, whose key the account does not control.', `${location}/EncryptionType`);
        }
        if (type !== 'KMS' && type !== 'KMS_DSSE') {
          return failed(`Its encryption type is ${JSON.stringify(type)}, which cannot be known to be KMS at synth; make it literal or acknowledge the rule with a reason.`, `${location}/EncryptionType`);
        }
      }
      if (!isCustomerManagedKey(config.KmsKey)) {
        return failed('It uses KMS encryption with the AWS-managed key (aws/ecr), whose policy the account cannot restrict.', `${location}/KmsKey`);
      }
    }
    return passed();
  },
};
