import { failed, passed, ResourceRule } from '../../rule';
import { valuesAt } from '../../readers';
import { customerKeyProblem } from './private';

/**
 * A knowledge-base data source encrypts the documents it holds while ingesting them (parsed and
 * chunked copies of the source data) with a customer-managed key. Without
 * `ServerSideEncryptionConfiguration.KmsKeyArn`, Bedrock uses a key AWS owns.
 */
export const BedrockDataSourceKms: ResourceRule = {
  id: 'BedrockDataSourceKms',
  resourceTypes: ['AWS::Bedrock::DataSource'],
  passes: '`ServerSideEncryptionConfiguration.KmsKeyArn` names a customer-managed key (a reference or key ARN, not `alias/aws/…`); absent means an AWS-owned key.',
  check: (source) => {
    const keys = valuesAt(source.properties.ServerSideEncryptionConfiguration, ['KmsKeyArn']);
    const problem = customerKeyProblem(keys, 'Bedrock encrypts the ingested data with a key AWS owns');
    return problem
      ? failed(`Its ingestion data is not encrypted with a customer-managed key: ${problem}.`, 'Properties/ServerSideEncryptionConfiguration/KmsKeyArn')
      : passed();
  },
};
