// jstat ships no type declarations. Its module export is the jStat object itself (which also
// carries `jStat`), so both `import { jStat } from 'jstat'` and `import * as jstat` work.
declare module 'jstat' {
  type Fn = (...args: number[]) => number;
  interface Distribution {
    pdf: Fn;
    cdf: Fn;
    inv: Fn;
    mean: Fn;
    variance: Fn;
  }
  interface JStat {
    normal: Distribution;
    chisquare: Distribution;
    beta: Distribution;
    gamma: Distribution;
    studentt: Distribution;
    centralF: Distribution;
    binomial: { pdf: Fn; cdf: Fn };
    erf: Fn;
    erfc: Fn;
    erfcinv: Fn;
    gammaln: Fn;
    betaln: Fn;
    betafn: Fn;
    /** Regularized lower incomplete gamma P(a, x). */
    lowRegGamma: Fn;
    /** Regularized incomplete beta I_x(a, b), argument order (x, a, b). */
    ibeta: Fn;
    ibetainv: Fn;
    factorial: Fn;
    factorialln: Fn;
    combination: Fn;
  }
  export const jStat: JStat;
  export const normal: Distribution;
  export const chisquare: Distribution;
  export const beta: Distribution;
  export const gamma: Distribution;
  export const studentt: Distribution;
  export const centralF: Distribution;
  export const binomial: JStat['binomial'];
  export const erf: Fn;
  export const erfc: Fn;
  export const erfcinv: Fn;
  export const gammaln: Fn;
  export const betaln: Fn;
  export const betafn: Fn;
  export const lowRegGamma: Fn;
  export const ibeta: Fn;
  export const ibetainv: Fn;
  export const factorial: Fn;
  export const factorialln: Fn;
  export const combination: Fn;
}
