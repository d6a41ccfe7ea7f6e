import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AcknowledgementSpec } from './nag-packs';

/*
 * Acknowledgements with the metadata the exceptions register reads beside CDK's own record
 * (`aws:cdk:acknowledged-rules`): whose exception it is (the platform's, made by this library's
 * constructs, or the user's), and its owner and review date where given.
 */

/** The metadata type of an exception's register entry, on the construct the acknowledgement is made on. */
export const EXCEPTION_METADATA_TYPE = 'soc2ml:exception';

/** Who made an exception. */
export enum ExceptionOrigin {
  /** This library's constructs, for what their design needs. */
  PLATFORM = 'platform',
  /** The app's authors (any acknowledgement not recorded as another's). */
  USER = 'user',
  /** The AWS CDK itself (CloudFormation Validate's W3010 when a stack reads its availability zones). */
  AWS_CDK = 'aws-cdk-lib',
}

/** The register entry an exception's metadata carries. */
export interface ExceptionMetadata {
  /** The acknowledgement ids it covers (`Namespace::Rule`). */
  readonly ids: readonly string[];
  readonly origin: ExceptionOrigin;
  readonly owner?: string;
  /** `YYYY-MM-DD`. */
  readonly reviewBy?: string;
}

/** Acknowledge rules on a construct and record the exceptions as the platform's own. */
export function acknowledgeForPlatform(scope: IConstruct, ...specs: AcknowledgementSpec[]): void {
  acknowledgeWithMetadata(scope, specs, { origin: ExceptionOrigin.PLATFORM });
}

/** Acknowledge rules the CDK way, and record the register entry beside them. */
export function acknowledgeWithMetadata(scope: IConstruct, specs: readonly AcknowledgementSpec[], entry: Omit<ExceptionMetadata, 'ids'>): void {
  if (specs.length === 0) {
    return;
  }
  Validations.of(scope).acknowledge(...specs);
  const data: ExceptionMetadata = { ids: specs.map((s) => s.id), ...entry };
  scope.node.addMetadata(EXCEPTION_METADATA_TYPE, data);
}
