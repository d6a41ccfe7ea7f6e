import { Errors } from 'aws-cdk-lib';
import { Soc2MlError } from './errors';

/**
 * The message a person reads for an error: ours and CDK's validation errors (a failed check's
 * report) alone, anything else with its stack (a bug to report).
 */
export function describeError(e: unknown): string {
  if (Soc2MlError.isSoc2MlError(e) || Errors.isValidationError(e)) {
    return e.message;
  }
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
