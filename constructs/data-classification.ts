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
