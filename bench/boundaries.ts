// How long the group-sequential boundaries take (timing lives here, never in the tests):
// 50 equally spaced looks computed afresh, and the 336th hourly look of a two-week experiment
// after the first 335 (the analysis' usual case, answered from the previous looks' integration).
//   npm run bench:boundaries
// From the source, not the build: the benchmark always measures the current code.
import { groupSequentialBounds } from '../shared/src';

const RUNS = 10;

function equal(k: number): number[] {
  return Array.from({ length: k }, (_, i) => (i + 1) / k);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds of `run` over RUNS runs; `run` may time a part of itself and return that. */
function time(run: (i: number) => number | void): number[] {
  return Array.from({ length: RUNS }, (_, i) => {
    const start = performance.now();
    const part = run(i);
    return typeof part === 'number' ? part : performance.now() - start;
  });
}

// Fresh fractions every run, so no run is answered from the cache of recent bounds.
const fresh = time((i) => {
  groupSequentialBounds(equal(50).map((t) => t * (1 - (i + 1) * 1e-4)), 0.05);
});
const next = time((i) => {
  const hourly = equal(336).map((t) => t * (1 - (i + 1) * 1e-7));
  groupSequentialBounds(hourly.slice(0, 335), 0.05);
  const start = performance.now();
  groupSequentialBounds(hourly, 0.05);
  return performance.now() - start;
});

console.log(`50 looks afresh:            median ${median(fresh).toFixed(1)} ms, min ${Math.min(...fresh).toFixed(1)} ms (${RUNS} runs)`);
console.log(`look 336 after 335 looks:   median ${median(next).toFixed(1)} ms, min ${Math.min(...next).toFixed(1)} ms (${RUNS} runs)`);
