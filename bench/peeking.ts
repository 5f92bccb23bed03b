// Peeking simulation (issue 3): why Verdict does not flag winners by looking every day.
//
// 10,000 A/A experiments (no true difference), analysed once a day for 14 days, through
// four rules: a naive z-test at every look, Verdict's group-sequential test (Lan–DeMets
// O'Brien–Fleming spending), mSPRT, and a single fixed-horizon z-test at the planned sample.
// Then the same with a true effect equal to the minimum effect, for power. Each rule runs on
// the sample Verdict plans for its method (planSampleSize): the group-sequential plan is
// slightly larger, so that it keeps the power the plan promises.
//
// Binomial draws are exact (inverse transform, chunked so (1−p)^n never underflows) from a
// seeded xoshiro128** generator, so a run is reproducible: `npm run bench:peeking -- --seed 7`.
//
//   npm run bench:peeking [-- --sims 10000 --looks 14 --seed 20261122]
import {
  decideVerdict,
  groupSequentialBounds,
  msprt,
  msprtTau2,
  obrienFlemingSpending,
  planSampleSize,
  sampleSizePerVariant,
  zTest,
  type VerdictInput,
  type VerdictStatus,
} from '../shared/src';
import { binomial, createRandom, parseOptions, rateWithError } from './simulation';

interface Options {
  sims: number;
  looks: number;
  seed: number;
  baselineRate: number;
  minimumEffect: number;
  alpha: number;
  power: number;
}

function readOptions(argv: string[]): Options {
  return parseOptions<Options>({
    sims: 10_000,
    looks: 14,
    seed: 20261122,
    baselineRate: 0.1,
    minimumEffect: 0.1,
    alpha: 0.05,
    power: 0.8,
  }, argv);
}

interface Tally {
  naive: number;
  sequential: number;
  sequentialUp: number;
  msprt: number;
  msprtUp: number;
  fixed: number;
  fixedUp: number;
  naiveUp: number;
  /** Sum of the look at which the sequential test stopped (or `looks` if never). */
  sequentialStopLook: number;
  /** Verdicts of the full rule (decideVerdict, method sequential, increase hypothesis) at the first final one. */
  verdicts: Record<VerdictStatus, number>;
}

function simulate(options: Options, treatmentRate: number, seed: number, planned: number): Tally {
  const random = createRandom(seed);
  const { looks, alpha, baselineRate } = options;
  const perLook = Math.ceil(planned / looks);
  const bounds = groupSequentialBounds(
    Array.from({ length: looks }, (_, i) => Math.min(1, ((i + 1) * perLook) / planned)),
    alpha,
  );
  const tau2 = msprtTau2(options.minimumEffect, baselineRate);
  const tally: Tally = {
    naive: 0,
    naiveUp: 0,
    sequential: 0,
    sequentialUp: 0,
    msprt: 0,
    msprtUp: 0,
    fixed: 0,
    fixedUp: 0,
    sequentialStopLook: 0,
    verdicts: { running: 0, blocked: 0, validated: 0, refuted: 0, inconclusive: 0 },
  };
  const verdictInput = (look: number, test: ReturnType<typeof zTest>): VerdictInput => {
    const t = Math.min(1, (look * perLook) / planned);
    return {
      method: 'sequential',
      alpha,
      direction: 'increase',
      minimumEffect: options.minimumEffect,
      primaryStepKey: 'need_met',
      guardrailStepKeys: [],
      controlKey: 'control',
      treatmentKeys: ['treatment'],
      steps: [
        {
          stepKey: 'need_met',
          comparisons: [
            {
              variantKey: 'treatment',
              ...test,
              sequential: {
                look,
                informationFraction: t,
                z: test.z,
                upperBound: bounds[look - 1],
                lowerBound: -bounds[look - 1],
                alphaSpent: obrienFlemingSpending(t, alpha),
              },
              msprt: null,
              plannedSampleReached: t >= 1,
            },
          ],
        },
      ],
      srm: { pValue: 1, flagged: false },
      finalLook: look === looks,
      stopped: false,
    };
  };

  for (let sim = 0; sim < options.sims; sim++) {
    let units = 0;
    let xc = 0;
    let xt = 0;
    let naive = false;
    let naiveUp = false;
    let sequential: 'up' | 'down' | null = null;
    let stopLook = looks;
    let msprtP = 1;
    let msprtDone = false;
    let msprtUp = false;
    let verdict: VerdictStatus | null = null;
    for (let look = 1; look <= looks; look++) {
      units += perLook;
      xc += binomial(random, perLook, baselineRate);
      xt += binomial(random, perLook, treatmentRate);
      const control = { units, conversions: xc };
      const treatment = { units, conversions: xt };
      const test = zTest({ control, treatment, alpha });
      if (test.pValue < alpha && !naive) {
        naive = true;
        naiveUp = test.z > 0;
      }
      if (sequential === null && Math.abs(test.z) >= bounds[look - 1]) {
        sequential = test.z > 0 ? 'up' : 'down';
        stopLook = look;
      }
      if (!msprtDone) {
        msprtP = msprt({ control, treatment, tau2, alpha, previousPValue: msprtP }).pValue;
        if (msprtP < alpha) {
          msprtDone = true;
          msprtUp = test.absoluteLift > 0;
        }
      }
      if (verdict === null) {
        const decided = decideVerdict(verdictInput(look, test));
        if (decided.final || look === looks) verdict = decided.status;
      }
      if (look === looks && test.pValue < alpha) {
        tally.fixed++;
        if (test.z > 0) tally.fixedUp++;
      }
    }
    if (naive) tally.naive++;
    if (naiveUp) tally.naiveUp++;
    if (sequential) tally.sequential++;
    if (sequential === 'up') tally.sequentialUp++;
    if (msprtDone) tally.msprt++;
    if (msprtUp) tally.msprtUp++;
    tally.sequentialStopLook += stopLook;
    tally.verdicts[verdict ?? 'running']++;
  }
  return tally;
}

function main(): void {
  const options = readOptions(process.argv.slice(2));
  const started = Date.now();
  const planned = sampleSizePerVariant(options);
  const sequentialPlanned = planSampleSize({ ...options, method: 'sequential' }).plannedSampleSize;
  const effectRate = options.baselineRate * (1 + options.minimumEffect);
  // The fixed-horizon plan for the naive, mSPRT and fixed rules; the sequential plan for the
  // group-sequential rule and the verdicts (the same seeds: the same draws, more of them).
  const aa = simulate(options, options.baselineRate, options.seed, planned);
  const ab = simulate(options, effectRate, options.seed + 1, planned);
  const aaSeq = simulate(options, options.baselineRate, options.seed, sequentialPlanned);
  const abSeq = simulate(options, effectRate, options.seed + 1, sequentialPlanned);
  aa.sequential = aaSeq.sequential;
  aa.sequentialUp = aaSeq.sequentialUp;
  aa.sequentialStopLook = aaSeq.sequentialStopLook;
  aa.verdicts = aaSeq.verdicts;
  ab.sequential = abSeq.sequential;
  ab.sequentialUp = abSeq.sequentialUp;
  ab.sequentialStopLook = abSeq.sequentialStopLook;
  ab.verdicts = abSeq.verdicts;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const { sims, looks } = options;
  const powerShare = (count: number) => `${((100 * count) / ab.fixedUp).toFixed(1)} %`;

  console.log(
    `Peeking simulation: ${sims.toLocaleString('en-US')} experiments per scenario, ${looks} equally spaced looks, ` +
      `baseline ${options.baselineRate}, minimum effect ${options.minimumEffect * 100} % (relative), alpha ${options.alpha}, ` +
      `planned ${planned} units per variant (power ${options.power}; ${sequentialPlanned} for the group-sequential test), seed ${options.seed}; exact binomial draws; ${seconds} s.`,
  );
  console.log('');
  console.log('| Rule | False positives, A/A (any look) | Power at the minimum effect (significant up) | Share of fixed-horizon power |');
  console.log('|---|---|---|---|');
  console.log(
    `| Naive z-test at every look (peeking) | ${rateWithError(aa.naive, sims)} | ${rateWithError(ab.naiveUp, sims)} | ${powerShare(ab.naiveUp)} |`,
  );
  console.log(
    `| Group-sequential, O'Brien–Fleming spending (Verdict default) | ${rateWithError(aa.sequential, sims)} | ${rateWithError(ab.sequentialUp, sims)} | ${powerShare(ab.sequentialUp)} |`,
  );
  console.log(
    `| mSPRT, always-valid p (Verdict \`msprt\`) | ${rateWithError(aa.msprt, sims)} | ${rateWithError(ab.msprtUp, sims)} | ${powerShare(ab.msprtUp)} |`,
  );
  console.log(
    `| Fixed horizon: one z-test at the planned sample (Verdict \`fixed\`) | ${rateWithError(aa.fixed, sims)} | ${rateWithError(ab.fixedUp, sims)} | 100 % |`,
  );
  console.log('');
  console.log(
    `Group-sequential with a true effect stops on average at look ${(ab.sequentialStopLook / sims).toFixed(1)} of ${looks} ` +
      `(A/A: ${(aa.sequentialStopLook / sims).toFixed(1)}). ± is the 95 % simulation error.`,
  );
  console.log('');
  console.log('Verdicts of the full rule (sequential method, "increase" hypothesis, no guardrails):');
  console.log('');
  console.log('| Scenario | validated | refuted | inconclusive |');
  console.log('|---|---|---|---|');
  for (const [label, tally] of [
    ['A/A (no effect)', aa],
    [`true effect = minimum effect (+${options.minimumEffect * 100} %)`, ab],
  ] as const) {
    const share = (status: VerdictStatus) => `${((100 * tally.verdicts[status]) / sims).toFixed(2)} %`;
    console.log(`| ${label} | ${share('validated')} | ${share('refuted')} | ${share('inconclusive')} |`);
  }
  console.log('');
  const sequentialRate = aa.sequential / sims;
  const allowed = options.alpha + 1.96 * Math.sqrt((options.alpha * (1 - options.alpha)) / sims);
  const checks = [
    [`A/A validated (a false win) ≤ alpha within simulation error`, aa.verdicts.validated / sims <= allowed],
    [`group-sequential false positives ≤ alpha within simulation error (≤ ${(100 * allowed).toFixed(2)} %)`, sequentialRate <= allowed],
    ['mSPRT false positives ≤ alpha within simulation error', aa.msprt / sims <= allowed],
    ['group-sequential keeps ≥ 90 % of fixed-horizon power', ab.sequentialUp >= 0.9 * ab.fixedUp],
    [
      `group-sequential power on its plan within one point of the promised ${options.power} (simulation error aside)`,
      Math.abs(ab.sequentialUp / sims - options.power) <= 0.01 + 1.96 * Math.sqrt((options.power * (1 - options.power)) / sims),
    ],
  ] as const;
  for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'} ${label}`);
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
}

main();
