// What the simulation benchmarks (bench:peeking, bench:cuped) share: numeric command-line
// options, a seeded random source, exact binomial draws and a rate with its simulation error.

/** `--name value` pairs over numeric defaults; an unknown name or a non-number is an error. */
export function parseOptions<T extends { [K in keyof T]: number }>(defaults: T, argv: string[]): T {
  const options = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '') as keyof T;
    const value = Number(argv[i + 1]);
    if (!(key in options) || !Number.isFinite(value)) throw new Error(`unknown option ${argv[i]} ${argv[i + 1]}`);
    options[key] = value as T[keyof T];
  }
  return options;
}

/** xoshiro128** seeded through splitmix32: fast, well mixed, reproducible. Uniform in [0, 1). */
export function createRandom(seed: number): () => number {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4294967296;
  };
}

/** Exact Binomial(n, p) by inverse transform over the pmf, in chunks small enough that (1−p)^n > 1e-200. */
export function binomial(random: () => number, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const chunk = Math.max(1, Math.floor(460 / -Math.log(1 - p)));
  let total = 0;
  for (let left = n; left > 0; left -= chunk) {
    const m = Math.min(chunk, left);
    const ratio = p / (1 - p);
    let pmf = Math.pow(1 - p, m);
    let cdf = pmf;
    const u = random();
    let k = 0;
    while (u > cdf && k < m) {
      pmf *= (ratio * (m - k)) / (k + 1);
      cdf += pmf;
      k++;
    }
    total += k;
  }
  return total;
}

/** A share of the simulations in percent, with its 95 % simulation error. */
export function rateWithError(count: number, sims: number): string {
  const p = count / sims;
  const half = 1.96 * Math.sqrt((p * (1 - p)) / sims);
  return `${(100 * p).toFixed(2)} % ± ${(100 * half).toFixed(2)}`;
}
