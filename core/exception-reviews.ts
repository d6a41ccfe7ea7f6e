/*
 * Exception review dates, from the synth to the quarterly access review: the register's review
 * dates (`Soc2MlChecks.acknowledge(..., { reviewBy })`) travel in the reminder's payload, and the
 * function the reminder invokes says which have passed on the day it runs. A list computed at
 * synth would go stale between deployments; the dates do not.
 */

/** The variable that holds the alert topic's ARN in the exception review function. */
export const EXCEPTION_REVIEWS_TOPIC_VARIABLE = 'ALERT_TOPIC_ARN';

/** An exception with a review date, as the reminder carries it. */
export interface ExceptionReview {
  /** `YYYY-MM-DD`: the exception is past due on any later day. */
  readonly reviewBy: string;
  /** Its acknowledgement ids (`Namespace::Rule`). */
  readonly rules: readonly string[];
  /** The construct path it was acknowledged on (absent when the payload had to be shortened). */
  readonly at?: string;
  readonly owner?: string;
}

/** What the reminder sends the function. */
export interface ExceptionReviewPayload {
  readonly reviews: readonly ExceptionReview[];
  /** Exceptions left out of `reviews` to keep the payload within EventBridge's limit. */
  readonly omitted?: number;
}

/** EventBridge's limit on a target's input is 8,192 characters; the rest is left for the event around it. */
export const MAX_PAYLOAD_CHARACTERS = 7000;

/**
 * The payload for a set of reviews, within `MAX_PAYLOAD_CHARACTERS`: construct paths are dropped
 * first, then the latest review dates, which are counted in `omitted` (the earliest are the first
 * to fall due).
 */
export function reviewPayload(reviews: readonly ExceptionReview[], limit = MAX_PAYLOAD_CHARACTERS): ExceptionReviewPayload {
  const sorted = [...reviews].sort((a, b) => a.reviewBy.localeCompare(b.reviewBy) || (a.at ?? '').localeCompare(b.at ?? ''));
  const fits = (p: ExceptionReviewPayload) => JSON.stringify(p).length <= limit;
  const full = { reviews: sorted };
  if (fits(full)) {
    return full;
  }
  const short = sorted.map(({ at: _at, ...rest }) => rest);
  let kept = short.length;
  while (kept > 0 && !fits({ reviews: short.slice(0, kept), omitted: short.length - kept })) {
    kept--;
  }
  return { reviews: short.slice(0, kept), omitted: short.length - kept };
}

/** The reviews whose date is before `day` (`YYYY-MM-DD`), earliest first. */
export function pastDueReviews(reviews: readonly ExceptionReview[], day: string): ExceptionReview[] {
  return reviews.filter((r) => r.reviewBy < day).sort((a, b) => a.reviewBy.localeCompare(b.reviewBy));
}

/** The alert naming the past-due reviews, or undefined when none is past due. */
export function pastDueMessage(payload: ExceptionReviewPayload, day: string): string | undefined {
  const due = pastDueReviews(payload.reviews, day);
  if (due.length === 0) {
    return undefined;
  }
  const lines = due.map((r) => `- review by ${r.reviewBy}${r.owner ? ` (owner: ${r.owner})` : ''}: ${r.rules.join(', ')}${r.at ? ` at ${r.at}` : ''}`);
  const omitted = payload.omitted ? ` ${payload.omitted} exceptions with later review dates were left out of this check (see soc2-evidence/exceptions).` : '';
  return `Exception reviews past due on ${day} (SOC 2 CC6.2, CC6.3, as part of the quarterly access review): ${due.length} of ${payload.reviews.length} acknowledged exceptions with a review date `
    + `have passed it. Review each (is the reason still true? is the owner right?), then set a new reviewBy with Soc2MlChecks.acknowledge and redeploy, or remove the exception.${omitted}\n${lines.join('\n')}`;
}
