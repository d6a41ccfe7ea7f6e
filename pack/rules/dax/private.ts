/** The one DAX resource type: a DynamoDB Accelerator cluster. */
export const CLUSTER = 'AWS::DAX::Cluster';
