import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AcknowledgementSpec, awsSolutionsRuleId, complianceAcknowledgements } from '../../core/nag-packs';
import { acknowledgeForPlatform } from '../../core/acknowledgements';

/**
 * A resource (or ARN pattern) as cdk-nag names it in a granular finding such as
 * `AwsSolutions-IAM5[Resource::<Bucket.Arn>/*]`: joins are flattened, `Ref` becomes `<Name>` and
 * `Fn::GetAtt` becomes `<LogicalId.Attribute>` (cdk-nag's flattenCfnReference, which it does not
 * export).
 */
export function nagResourceName(scope: IConstruct, value: string): string {
  return flatten(Stack.of(scope).resolve(value));
}

function flatten(node: unknown): string {
  if (node === undefined) {
    return '';
  }
  if (typeof node === 'string') {
    return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  }
  const o = node as Record<string, unknown>;
  if (Array.isArray(o['Fn::Join'])) {
    const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
    return items.map(flatten).join(delimiter);
  }
  if (o['Fn::Sub'] !== undefined) {
    return flatten(o['Fn::Sub']);
  }
  if (Array.isArray(o['Fn::GetAtt'])) {
    const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (o['Fn::ImportValue'] !== undefined) {
    return flatten(o['Fn::ImportValue']);
  }
  if (o.Ref !== undefined) {
    return `<${flatten(o.Ref)}>`;
  }
  return JSON.stringify(node);
}

/**
 * Acknowledge cdk-nag's AwsSolutions-IAM5 (wildcard permissions) for exactly the wildcard
 * resources given, on the policy that holds them, so any wildcard added later is still a finding.
 */
export function acknowledgeWildcardResources(policy: IConstruct, resources: readonly string[], reason: string): void {
  acknowledgeForPlatform(policy, ...resources.map((resource) => ({
    id: awsSolutionsRuleId('IAM5', `Resource::${nagResourceName(policy, resource)}`),
    reason,
  })));
}

/**
 * The acknowledgements of the NIST, HIPAA and PCI `S3BucketReplicationEnabled` rule, one per pack,
 * with one reason: why the bucket stays in its region.
 */
export function replicationAcknowledgements(reason: string): AcknowledgementSpec[] {
  return complianceAcknowledgements('S3BucketReplicationEnabled', reason);
}
