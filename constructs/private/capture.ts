import { Duration } from 'aws-cdk-lib';
import { Soc2MlError } from '../../core/errors';

/*
 * Endpoint data capture's privacy defaults, shared by GuardedEndpoint and ModelServing: a sample of
 * requests, kept for a quarter.
 */

/** The share of requests captured when none is given (GuardedEndpointProps.captureSamplingPercentage says why). */
export const DEFAULT_CAPTURE_SAMPLING_PERCENTAGE = 20;

/** How long captured data is kept when no expiration is given. */
export const DEFAULT_CAPTURE_EXPIRATION_DAYS = 90;

/**
 * How long an expired (or overwritten) capture object's version stays before it is removed: a week
 * to undo a mistake, rather than the year a confidential bucket keeps versions, which would keep
 * captured personal data for 90 + 365 days.
 */
export const CAPTURE_NONCURRENT_RETENTION = Duration.days(7);

/** Throw on an expiration of captured data shorter than a day or not in whole days, naming `label`. */
export function checkCaptureExpiration(expiration: Duration | undefined, label: string): void {
  if (expiration === undefined || expiration.isUnresolved()) {
    return;
  }
  const days = expiration.toDays({ integral: false });
  if (!Number.isInteger(days) || days < 1) {
    throw new Soc2MlError(`${label} is ${expiration.toHumanString()}: S3 expires objects after whole days; pass Duration.days(n) with n of 1 or more (for example Duration.days(90)).`);
  }
}
