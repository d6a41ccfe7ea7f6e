import { DataClassification } from '../core/data-classification';

/** The type of a feature's values. */
export enum FeatureType {
  /** Whole numbers (64-bit). */
  INTEGRAL = 'Integral',
  /** Floating-point numbers; an event time of this type is a Unix timestamp in seconds. */
  FRACTIONAL = 'Fractional',
  /** Text; an event time of this type is an ISO-8601 timestamp. */
  STRING = 'String',
}

/** One feature of a feature group. */
export interface FeatureDefinition {
  /** The feature's name (letters, digits, `_` and `-`, starting and ending with a letter or digit, at most 64). */
  readonly name: string;
  /** The type of its values. */
  readonly type: FeatureType;
}

/** A feature group: its schema and how it is classified. */
export interface FeatureGroupDefinition {
  /** The group's name within the environment; the feature group is named `<environment>-<name>`. */
  readonly name: string;
  /** The features (the schema). */
  readonly features: FeatureDefinition[];
  /** The feature whose value identifies a record. */
  readonly recordIdentifier: string;
  /** The feature holding each record's event time (`Fractional` or `String`). */
  readonly eventTime: string;
  /** What the group is for. @default - none */
  readonly description?: string;
  /**
   * How sensitive the features are (the `DataClassification` tag).
   *
   * @default DataClassification.CONFIDENTIAL
   */
  readonly dataClassification?: DataClassification;
  /**
   * Whether the features hold personal data (requires confidential or restricted).
   *
   * @default false
   */
  readonly containsPersonalData?: boolean;
  /**
   * Whether the group has an online store (low-latency reads for inference) besides the offline store.
   *
   * @default true
   */
  readonly onlineStore?: boolean;
}
