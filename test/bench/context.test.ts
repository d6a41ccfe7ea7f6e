/*
 * The bench's statistics: medians and the round-by-round spread of a ratio.
 */
import { median, quartiles, roundRatioSpread } from '../../bench/context';

describe('bench statistics', () => {
  test('median of odd and even counts, whatever the order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  test('quartiles interpolate between order statistics', () => {
    expect(quartiles([1, 2, 3, 4, 5])).toEqual([2, 4]);
    expect(quartiles([4, 1, 3, 2])).toEqual([1.75, 3.25]);
    expect(quartiles([7])).toEqual([7, 7]);
  });

  test('the spread of a ratio pairs the variants round by round', () => {
    // Rounds where the pack took 10%, 20%, 30%, 40% and 50% longer than the synth without it.
    expect(roundRatioSpread([110, 240, 390, 560, 750], [100, 200, 300, 400, 500])).toBe('1.200-1.400');
  });
});
