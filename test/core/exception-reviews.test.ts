import { ExceptionReview, pastDueMessage, pastDueReviews, reviewPayload } from '../../core/exception-reviews';

const review = (reviewBy: string, at = `App/Stack/${reviewBy}`, owner?: string): ExceptionReview => ({ reviewBy, rules: ['Soc2Ml::S3BucketVersioned'], at, ...(owner ? { owner } : {}) });

describe('exception reviews', () => {
  test('a review is past due the day after its date, not on it', () => {
    const reviews = [review('2026-04-01'), review('2026-03-31'), review('2026-06-30')];
    expect(pastDueReviews(reviews, '2026-04-01').map((r) => r.reviewBy)).toEqual(['2026-03-31']);
    expect(pastDueReviews(reviews, '2026-04-02').map((r) => r.reviewBy)).toEqual(['2026-03-31', '2026-04-01']);
  });

  test('the message names each past-due exception, its owner and where it was acknowledged, and the fix; none when nothing is due', () => {
    const payload = { reviews: [review('2026-03-31', 'App/Data/Bucket', 'data-platform'), review('2026-09-30')] };
    const text = pastDueMessage(payload, '2026-04-01')!;
    expect(text).toMatch(/^Exception reviews past due on 2026-04-01 .*1 of 2 acknowledged exceptions/);
    expect(text).toContain('- review by 2026-03-31 (owner: data-platform): Soc2Ml::S3BucketVersioned at App/Data/Bucket');
    expect(text).toContain('set a new reviewBy with Soc2MlChecks.acknowledge');
    expect(pastDueMessage(payload, '2026-03-31')).toBeUndefined();
    expect(pastDueMessage({ reviews: payload.reviews, omitted: 4 }, '2026-04-01')).toContain('4 exceptions with later review dates were left out');
  });

  test('the payload stays within the limit: paths go first, then the latest dates, counted', () => {
    const many = Array.from({ length: 200 }, (_, i) => review(`2027-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, `App/Stack/Some/Long/Construct/Path/Number/${i}`));
    const small = reviewPayload(many.slice(0, 3));
    expect(small.reviews[0].at).toBeDefined();
    expect(small.omitted).toBeUndefined();
    const payload = reviewPayload(many, 4000);
    expect(JSON.stringify(payload).length).toBeLessThanOrEqual(4000);
    expect(payload.reviews.every((r) => r.at === undefined)).toBe(true);
    expect(payload.reviews.length + payload.omitted!).toBe(200);
    const kept = payload.reviews.map((r) => r.reviewBy);
    expect(kept).toEqual([...kept].sort());
    expect(kept[kept.length - 1] <= [...many.map((r) => r.reviewBy)].sort()[kept.length]).toBe(true);
  });
});
