import { Construct } from 'constructs';
import { didYouMean } from '../../core/did-you-mean';
import { Soc2MlError } from '../../core/errors';

/*
 * Props checked where TypeScript cannot check them: from plain JavaScript, JSON or `as any`, a
 * string where a construct belongs (a key's ARN for `encryptionKey`) would otherwise reach CDK,
 * which synthesizes something weaker without a word, and a misspelt prop would be ignored.
 */

/** What a prop holds: a construct of a kind (with the import that makes one from a name or ARN), or any other value. */
export type PropKind = 'key' | 'bucket' | 'topic' | 'role' | 'vpc' | 'value';

/** Every prop of a props type and its kind: the compiler makes the list complete. */
export type PropShape<T> = { readonly [K in keyof Required<T>]: PropKind };

const IMPORTS: Record<Exclude<PropKind, 'value'>, (value: string) => string> = {
  key: (v) => `kms.Key.fromKeyArn(this, 'Key', '${v}')`,
  bucket: (v) => (v.startsWith('arn:') ? `s3.Bucket.fromBucketArn(this, 'Bucket', '${v}')` : `s3.Bucket.fromBucketName(this, 'Bucket', '${v}')`),
  topic: (v) => `sns.Topic.fromTopicArn(this, 'Topic', '${v}')`,
  role: (v) => `iam.Role.fromRoleArn(this, 'Role', '${v}')`,
  vpc: (v) => `ec2.Vpc.fromVpcAttributes(this, 'Vpc', { vpcId: '${v}', availabilityZones: [...], privateSubnetIds: [...] })`,
};

/**
 * Refuse a prop the construct does not have (naming the closest it has) and a construct-typed
 * prop given as something other than a construct (with the import that turns it into one).
 */
export function checkProps<T extends object>(construct: string, props: T | undefined, shape: PropShape<T>): void {
  if (props === undefined || props === null) {
    return;
  }
  const known = Object.keys(shape);
  for (const name of Object.keys(props)) {
    if (!known.includes(name)) {
      throw new Soc2MlError(`${construct} has no prop "${name}":${didYouMean(name, known)} its props are ${known.join(', ')}.`);
    }
  }
  for (const [name, kind] of Object.entries(shape) as [string, PropKind][]) {
    const value = (props as Record<string, unknown>)[name];
    // Interfaces (IKey, IAlertDestination) may be met by plain objects; only a primitive is surely wrong.
    if (kind === 'value' || value === undefined || Construct.isConstruct(value) || (typeof value === 'object' && value !== null)) {
      continue;
    }
    const fix = typeof value === 'string'
      ? `import it: ${IMPORTS[kind](value)}`
      : `pass a ${kind} construct (for example ${IMPORTS[kind]('…')})`;
    throw new Soc2MlError(`${construct} prop ${name} is ${JSON.stringify(value)}, not a ${kind} construct: ${fix}.`);
  }
}
