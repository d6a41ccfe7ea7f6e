import { PolicyKind, POLICY_HOLDING_TYPES, policyDocumentsOf } from '../../../pack/iam/documents';
import { StackTemplate } from '../../../pack/template';

const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
const stack = new StackTemplate('S', 's.json', {
  Resources: {
    Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [statement] }, Policies: [{ PolicyName: 'a', PolicyDocument: { Statement: [statement] } }] } },
    Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [statement] } } },
    Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Statement: [statement] } } },
    Bus: { Type: 'AWS::Events::EventBusPolicy', Properties: { StatementId: 's', Statement: statement } },
    Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
  },
});
const of = (id: string) => policyDocumentsOf(stack.resources.get(id)!).map((d) => [d.location, d.kind]);

describe('policyDocumentsOf', () => {
  test('a role\'s inline policies are identity policies; its trust policy is a trust policy', () => {
    expect(of('Role')).toEqual([['Properties/Policies/0/PolicyDocument', PolicyKind.IDENTITY], ['Properties/AssumeRolePolicyDocument', PolicyKind.TRUST]]);
    expect(of('Managed')).toEqual([['Properties/PolicyDocument', PolicyKind.IDENTITY]]);
  });

  test('resource policies, an event bus policy\'s single statement wrapped in a document', () => {
    expect(of('Key')).toEqual([['Properties/KeyPolicy', PolicyKind.RESOURCE]]);
    expect(policyDocumentsOf(stack.resources.get('Bus')!)[0].document).toEqual({ Statement: statement });
  });

  test('a resource without a policy holds none, and its type is not among the policy holders', () => {
    expect(of('Bucket')).toEqual([]);
    expect(POLICY_HOLDING_TYPES).not.toContain('AWS::S3::Bucket');
    expect(POLICY_HOLDING_TYPES).toContain('AWS::SageMaker::ModelPackageGroup');
  });
});
