import { Decision } from '../../../pack/iam/evaluator';
import { accessMatrix, Operation } from '../../../pack/iam/matrix';
import { iamApp } from '../../helpers/iam-app';

describe('accessMatrix', () => {
  const matrix = accessMatrix(iamApp());
  const decision = (principal: string, operation: Operation, target: string) => {
    const p = matrix.principals.find((x) => x.id === `Prod/${principal}`)!;
    const t = matrix.targets.get(operation)!.find((x) => x.id === `Prod/${target}`)!;
    return matrix.cell(p, operation, t)?.evaluation;
  };

  test('targets: classified buckets, keys, model package groups, trails, persona roles', () => {
    expect(matrix.targets.get(Operation.READ_DATA)!.map((t) => [t.id, t.classification, t.resource, t.anySuffix])).toEqual([['Prod/Data', 'confidential', 'arn:aws:s3:::prod-data/', true]]);
    expect(matrix.targets.get(Operation.APPROVE_MODEL)!.map((t) => t.resource)).toEqual(['arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/']);
    expect(matrix.targets.get(Operation.ASSUME_PERSONA)!.map((t) => t.persona)).toEqual(['data-scientist', 'model-approver']);
  });

  test('identity grants within the boundary; the bucket policy\'s TLS deny does not apply to a TLS request', () => {
    expect(decision('DataScientist', Operation.WRITE_DATA, 'Data')).toMatchObject({ decision: Decision.ALLOWED, statements: ['Prod/DataScientistPolicy ReadWriteData (Allow)', 'Prod/Boundary Ceiling (Allow)'] });
    expect(decision('Approver', Operation.WRITE_DATA, 'Data')?.decision).toBe(Decision.DENIED);
  });

  test('the key policy delegates to IAM: the identity policy decides decryption', () => {
    expect(decision('DataScientist', Operation.DECRYPT, 'Key')?.decision).toBe(Decision.ALLOWED);
    expect(decision('Approver', Operation.DECRYPT, 'Key')?.decision).toBe(Decision.DENIED);
  });

  test('approval: denied to the data scientist explicitly, conditional on the approval status for the approver', () => {
    expect(decision('DataScientist', Operation.APPROVE_MODEL, 'Group')).toMatchObject({ decision: Decision.DENIED, statements: ['Prod/DataScientistPolicy NoApprovals (Deny)'] });
    expect(decision('Approver', Operation.APPROVE_MODEL, 'Group')).toMatchObject({ decision: Decision.CONDITIONAL, keys: ['sagemaker:ModelApprovalStatus'] });
  });

  test('an AWS-managed policy leaves what it could grant conditional, unless the boundary denies it', () => {
    expect(decision('Training', Operation.CHANGE_BUCKET_POLICY, 'Data')).toMatchObject({ decision: Decision.CONDITIONAL, keys: ['AWS-managed policy AmazonSageMakerReadOnly'] });
    expect(decision('Training', Operation.STOP_TRAIL, 'Trail')?.decision).toBe(Decision.DENIED);
  });

  test('a persona role needs MFA: no role session assumes it', () => {
    expect(decision('Training', Operation.ASSUME_PERSONA, 'DataScientist')?.decision).toBe(Decision.DENIED);
  });

  test('every cell at once, each principal against each target of each operation but itself', () => {
    // 11 operations with one target each (no GuardDuty detector, no Config recorder), two persona roles to assume.
    expect(matrix.cells().length).toBe(3 * (11 + 2) - 2);
  });
});
