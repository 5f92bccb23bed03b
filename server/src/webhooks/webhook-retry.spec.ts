import { MAX_ATTEMPTS, retryDelayMs } from './webhook-retry';

describe('webhook retry schedule', () => {
  it('waits 10 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h: 8 attempts in all', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((failed) => retryDelayMs(failed));
    expect(delays).toEqual([10, 60, 300, 1800, 7200, 21600, 43200].map((seconds) => seconds * 1000));
    expect(MAX_ATTEMPTS).toBe(8);
  });

  it('shrinks by the test scale', () => {
    expect(retryDelayMs(1, 0.001)).toBe(10);
    expect(retryDelayMs(7, 0.001)).toBe(43_200);
  });
});
