import { Soc2MlError } from './errors';
/**
 * How sensitive the data in a store is. Written as the `DataClassification` tag, which the
 * rule pack and the evidence report read.
 */
export enum DataClassification {
  /** Data anyone may see. */
  PUBLIC = 'public',
  /** Data for the company's staff only. */
  INTERNAL = 'internal',
  /** Customer or business data whose disclosure harms someone. */
  CONFIDENTIAL = 'confidential',
  /** The most sensitive data: personal data at scale, secrets, regulated data. */
  RESTRICTED = 'restricted',
}

const CLASSIFICATIONS: readonly string[] = Object.values(DataClassification);

/** Every classification, lowest first. */
export function allClassifications(): readonly string[] {
  return CLASSIFICATIONS;
}

/**
 * Check a classification that may come from a JavaScript caller, where the type system
 * cannot help.
 */
export function assertDataClassification(value: unknown, propName: string): asserts value is DataClassification {
  if (value === undefined || value === null) {
    throw new Soc2MlError(`${propName} is required: pass one of DataClassification.${Object.keys(DataClassification).join(', DataClassification.')}.`);
  }
  if (typeof value !== 'string' || !CLASSIFICATIONS.includes(value)) {
    throw new Soc2MlError(`${propName} is ${JSON.stringify(value)}, which is not a data classification: pass one of DataClassification.${Object.keys(DataClassification).join(', DataClassification.')} (tag values ${CLASSIFICATIONS.join(', ')}).`);
  }
}

/** Whether a classification is confidential or above. */
export function isConfidentialOrAbove(classification: DataClassification): boolean {
  return classification === DataClassification.CONFIDENTIAL || classification === DataClassification.RESTRICTED;
}
