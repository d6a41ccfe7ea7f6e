/*
 * The quarterly access review's exception check: invoked by the reminder's schedule with the
 * exceptions register's review dates (written at synth), it says which have passed on the day it
 * runs, to the alert topic. Its result (the day, how many dates, which are past due) goes to the
 * evidence archive through the function's on-success destination (EventBridge).
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { EXCEPTION_REVIEWS_TOPIC_VARIABLE, ExceptionReview, ExceptionReviewPayload, pastDueMessage, pastDueReviews } from '../../core/exception-reviews';

const sns = new SNSClient({});

/** What EventBridge sends: the reminder's payload, and the time the schedule fired (absent when invoked by hand). */
export interface ExceptionReviewEvent extends ExceptionReviewPayload {
  readonly time?: string;
}

export interface ExceptionReviewResult {
  readonly day: string;
  readonly reviewDates: number;
  readonly omitted: number;
  readonly pastDue: readonly ExceptionReview[];
  readonly alerted: boolean;
}

export async function handler(event: ExceptionReviewEvent): Promise<ExceptionReviewResult> {
  const topicArn = process.env[EXCEPTION_REVIEWS_TOPIC_VARIABLE];
  if (!topicArn) {
    throw new Error(`${EXCEPTION_REVIEWS_TOPIC_VARIABLE} is not set: the function is deployed by AccessReview, which sets it.`);
  }
  if (!Array.isArray(event?.reviews)) {
    throw new Error('The event has no reviews list: the function expects the payload of the quarterly access review reminder.');
  }
  const day = dayOf(event.time);
  const message = pastDueMessage(event, day);
  if (message !== undefined) {
    await sns.send(new PublishCommand({ TopicArn: topicArn, Subject: `Exception reviews past due on ${day}`, Message: message }));
  }
  const result = { day, reviewDates: event.reviews.length, omitted: event.omitted ?? 0, pastDue: pastDueReviews(event.reviews, day), alerted: message !== undefined };
  console.log(JSON.stringify({ day, reviewDates: result.reviewDates, pastDue: result.pastDue.length }));
  return result;
}

/** The UTC day of the schedule's time, or of now. */
function dayOf(time: string | undefined): string {
  const at = time === undefined ? new Date() : new Date(time);
  if (isNaN(at.getTime())) {
    throw new Error(`The event's time is ${JSON.stringify(time)}, not a date: the function expects the time EventBridge gives a scheduled event.`);
  }
  return at.toISOString().slice(0, 10);
}
