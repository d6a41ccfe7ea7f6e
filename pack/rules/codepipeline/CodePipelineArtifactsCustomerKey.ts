import { failed, passed, ResourceRule } from '../../rule';
import { TemplateResource } from '../../template';
import { JsonObject } from '../../json';
import { objectsAt, valuesAt } from '../../readers';
import { customerKeyProblem, itemsOf } from '../bedrock/private';

/** The pipeline's artifact stores: `ArtifactStore`, and the `ArtifactStore` of each `ArtifactStores` entry, through `Fn::If`. */
function storesOf(pipeline: TemplateResource): (JsonObject | null)[] {
  const single = objectsAt(pipeline.properties, ['ArtifactStore']);
  const perRegion = itemsOf(valuesAt(pipeline.properties, ['ArtifactStores'])).flatMap((entry) => (entry === null ? [null] : objectsAt(entry, ['ArtifactStore'])));
  return [...single, ...perRegion];
}

/**
 * A pipeline's artifacts (the source it checks out, what its builds produce: packaged code and
 * models on their way to production) are encrypted with a customer-managed key: the
 * `EncryptionKey` of its artifact store, and of each region's store in a cross-region pipeline.
 * Without one, CodePipeline uses the AWS-managed key `aws/s3`, whatever the bucket's own default,
 * and no key policy of yours limits who decrypts them.
 */
export const CodePipelineArtifactsCustomerKey: ResourceRule = {
  id: 'CodePipelineArtifactsCustomerKey',
  resourceTypes: ['AWS::CodePipeline::Pipeline'],
  passes: '`ArtifactStore.EncryptionKey.Id`, and that of every `ArtifactStores[].ArtifactStore`, names a customer-managed key in every branch (a reference to a key counts; `alias/aws/s3` or no key fails). A store synth cannot read fails.',
  check: (pipeline) => {
    const stores = storesOf(pipeline);
    if (stores.length === 0) {
      return failed('It names no artifact store, so where and how its artifacts are encrypted cannot be shown.', 'Properties/ArtifactStore');
    }
    for (const store of stores) {
      if (store === null) {
        return failed('Its artifact store cannot be read at synth, so that its artifacts are encrypted with a customer-managed key cannot be shown.', 'Properties/ArtifactStore');
      }
      const problem = customerKeyProblem(valuesAt(store, ['EncryptionKey', 'Id']), 'CodePipeline encrypts its artifacts with the AWS-managed key aws/s3');
      if (problem) {
        return failed(`Its artifacts${typeof store.Location === 'string' ? ` in ${store.Location}` : ''} are not encrypted with a customer-managed key: ${problem}.`, 'Properties/ArtifactStore/EncryptionKey');
      }
    }
    return passed();
  },
};
