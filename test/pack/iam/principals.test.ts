import { appPrincipals, PrincipalKind } from '../../../pack/iam/principals';
import { iamApp } from '../../helpers/iam-app';

describe('appPrincipals', () => {
  const principals = appPrincipals(iamApp());
  const byId = (id: string) => principals.find((p) => p.id === `Prod/${id}`)!;

  test('every role, as a persona (tagged), a workload (trusted by services only) or other', () => {
    expect(principals.map((p) => [p.id, p.kind, p.persona])).toEqual([
      ['Prod/DataScientist', PrincipalKind.PERSONA, 'data-scientist'],
      ['Prod/Approver', PrincipalKind.PERSONA, 'model-approver'],
      ['Prod/Training', PrincipalKind.WORKLOAD, undefined],
    ]);
  });

  test('identity policies: inline, IAM policies and managed policies naming the role, rendered when asked', () => {
    const ds = byId('DataScientist');
    expect(ds.request).toEqual({ arn: 'arn:aws:iam::111122223333:role/prod-datascientist', account: '111122223333', kind: 'role' });
    expect(ds.policies.identity.map((p) => p.name)).toEqual(['Prod/DataScientistPolicy']);
    expect(byId('Approver').policies.identity.map((p) => p.name)).toEqual(['Prod/ApproverPolicy']);
    const inline = byId('Training').policies.identity[0];
    const statement = (inline.document as { Statement: Record<string, never>[] }).Statement[0];
    expect(inline.render!(statement)).toMatchObject({ Resource: 'arn:aws:s3:::prod-data/*' });
  });

  test('AWS-managed policies are named, their text unknown; the boundary is read', () => {
    expect(byId('Training').policies.unknownIdentity).toEqual(['AmazonSageMakerReadOnly']);
    expect(byId('DataScientist').policies.boundary?.name).toBe('Prod/Boundary');
  });
});
