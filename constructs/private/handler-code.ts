import * as fs from 'fs';
import * as path from 'path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Soc2MlError } from '../../core/errors';

/** The Lambda handlers this library bundles (`handlers/<name>/index.ts`). */
export enum Handler {
  MODEL_SIGNATURE_GATE = 'model-signature-gate',
  MACIE_CLASSIFICATION_JOB = 'macie-classification-job',
  EVIDENCE_ARCHIVE_WRITER = 'evidence-archive-writer',
  EXCEPTION_REVIEWS = 'exception-reviews',
}

/**
 * The code of a handler: the esbuild bundle made when the package is built
 * (`scripts/bundle-handlers.ts`), so synth needs neither esbuild nor Docker. In the published
 * package it is `dist/assets/<name>` beside the compiled constructs; in a clone of the repository,
 * `dist/assets/<name>` at its root.
 */
export function handlerCode(handler: Handler): lambda.Code {
  const candidates = [
    path.join(__dirname, '..', '..', 'assets', handler),
    path.join(__dirname, '..', '..', 'dist', 'assets', handler),
  ];
  const dir = candidates.find((d) => fs.existsSync(path.join(d, 'index.js')));
  if (dir === undefined) {
    throw new Soc2MlError(`The bundle of the ${handler} Lambda handler is missing (looked for index.js in ${candidates.join(' and ')}): run "npm run bundle" (or "npm run build") in cdk-soc2-ml first.`);
  }
  return lambda.Code.fromAsset(dir);
}
