/*
 * The package's own error: a mistake in settings or props that a person fixes. Its message names
 * the key or prop, the value and the fix; the frames are this package's, never the user's, so it
 * carries none unless SOC2ML_DEBUG is set. `bin/app.ts`, `synthWithEvidence` and the CLI print the
 * message alone (core/describe-error.ts).
 *
 * This file imports nothing: the Lambda handlers bundle it (through core/evidence-records.ts), and
 * an import of aws-cdk-lib here once put all of aws-cdk-lib (40 MB) into a function's bundle.
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
