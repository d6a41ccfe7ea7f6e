import * as crypto from 'crypto';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/*
 * SageMaker models, endpoint configurations and monitoring job definitions cannot change in
 * place, and CloudFormation replaces a named resource only under a new name. So their names are
 * the environment's (`<environment>-…`, which the platform's roles are scoped to) followed by a
 * digest of what the resource is: a change gives a new name, and the replacement goes through.
 */

/** SageMaker's limit on these names. */
const MAX_NAME = 63;

/** A short digest of what a resource is at synth time (references as CloudFormation writes them). */
export function digest(scope: Construct, value: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(Stack.of(scope).resolve(value))).digest('hex').slice(0, 8);
}

/** `<prefix>-<digest>`, within SageMaker's 63 characters. */
export function physicalName(prefix: string, hash: string): string {
  return `${prefix.slice(0, MAX_NAME - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}
