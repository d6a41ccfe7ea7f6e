import { Errors } from 'aws-cdk-lib';

/*
 * The package's own error: a mistake in settings or props that a person fixes. Its message names
 * the key or prop, the value and the fix; the frames are this package's, never the user's, so it
 * carries none unless SOC2ML_DEBUG is set. `bin/app.ts`, `synthWithEvidence` and the CLI print the
 * message alone.
 */

const SOC2ML_ERROR = Symbol.for('cdk-soc2-ml.Soc2MlError');

export class Soc2MlError extends Error {
  /** Whether a value is this package's error (also from another copy of the package). */
  public static isSoc2MlError(x: unknown): x is Soc2MlError {
    return typeof x === 'object' && x !== null && SOC2ML_ERROR in x;
  }

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    Object.defineProperty(this, SOC2ML_ERROR, { value: true });
    Object.defineProperty(this, 'name', { value: 'Soc2MlError', enumerable: false });
    if (process.env.SOC2ML_DEBUG === undefined) {
      // Printed uncaught, the error shows its message, not eighteen lines of our frames.
      Object.defineProperty(this, 'stack', { value: `${this.name}: ${message}`, writable: true, enumerable: false });
    }
  }
}

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
