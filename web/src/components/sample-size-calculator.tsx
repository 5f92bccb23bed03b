import { AnalysisMethod, Direction, EXPERIMENT_DEFAULTS, planSampleSize, sampleSizePerVariant } from '@verdict/shared';
import { useId, useState } from 'react';
import { count } from '../format';
import { Field } from './form/field';

export interface SampleSizeEstimate {
  perVariant: number;
  total: number;
  /** Days to reach the plan at the expected traffic; null without traffic. */
  days: number | null;
}

/**
 * Per-variant sample size from the shared power formula (for a `method`, the plan the server
 * makes for it: the sequential test needs a little more), and the days it takes at a daily traffic.
 */
export function estimateSampleSize(input: {
  method?: AnalysisMethod;
  baselineRate: number;
  minimumEffect: number;
  alpha: number;
  power: number;
  direction: Direction;
  treatments: number;
  dailyUnits: number;
  coverage?: number;
}): SampleSizeEstimate {
  const perVariant = input.method ? planSampleSize({ ...input, method: input.method }).plannedSampleSize : sampleSizePerVariant(input);
  const total = perVariant * (input.treatments + 1);
  const perDay = input.dailyUnits * (input.coverage ?? 1);
  return { perVariant, total, days: perDay > 0 ? Math.ceil(total / perDay) : null };
}

interface Props {
  minimumEffect: number;
  direction: Direction;
}

/** Inline calculator beside the hypothesis form: how many units, and how long, would a test need? */
export function SampleSizeCalculator({ minimumEffect, direction }: Props) {
  const id = useId();
  const [baseline, setBaseline] = useState('20');
  const [dailyUnits, setDailyUnits] = useState('1000');
  const [treatments, setTreatments] = useState('1');
  const [alpha, setAlpha] = useState(String(EXPERIMENT_DEFAULTS.alpha));
  const [power, setPower] = useState(String(EXPERIMENT_DEFAULTS.power));

  let estimate: SampleSizeEstimate | null = null;
  let problem: string | null = null;
  try {
    if (!Number.isFinite(minimumEffect)) throw new Error('Enter the minimum effect above.');
    estimate = estimateSampleSize({
      baselineRate: Number(baseline) / 100,
      minimumEffect,
      alpha: Number(alpha),
      power: Number(power),
      direction,
      treatments: Number(treatments),
      dailyUnits: Number(dailyUnits),
    });
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }

  return (
    <aside className="calculator card subtle" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Sample size</h3>
      <div className="field-row">
        <Field label="Baseline rate of the primary step (%)" htmlFor={`${id}-baseline`}>
          <input id={`${id}-baseline`} type="number" min="0.1" max="99.9" step="0.1" value={baseline} onChange={(e) => setBaseline(e.target.value)} />
        </Field>
        <Field label="Expected units per day" htmlFor={`${id}-traffic`}>
          <input id={`${id}-traffic`} type="number" min="1" step="1" value={dailyUnits} onChange={(e) => setDailyUnits(e.target.value)} />
        </Field>
      </div>
      <div className="field-row">
        <Field label="Treatments" htmlFor={`${id}-treatments`}>
          <input id={`${id}-treatments`} type="number" min="1" max="10" step="1" value={treatments} onChange={(e) => setTreatments(e.target.value)} />
        </Field>
        <Field label="Alpha" htmlFor={`${id}-alpha`}>
          <input id={`${id}-alpha`} type="number" min="0.001" max="0.5" step="0.01" value={alpha} onChange={(e) => setAlpha(e.target.value)} />
        </Field>
        <Field label="Power" htmlFor={`${id}-power`}>
          <input id={`${id}-power`} type="number" min="0.5" max="0.99" step="0.05" value={power} onChange={(e) => setPower(e.target.value)} />
        </Field>
      </div>
      <output className="calculator-result" htmlFor={`${id}-baseline ${id}-traffic`} aria-live="polite" data-testid="sample-size">
        {estimate ? (
          <>
            <strong>{count(estimate.perVariant)}</strong> units per variant ({count(estimate.total)} in all)
            {estimate.days !== null && (
              <>
                {' '}
                · about <strong>{count(estimate.days)}</strong> {estimate.days === 1 ? 'day' : 'days'} at {count(Number(dailyUnits))}{' '}
                units a day
              </>
            )}
          </>
        ) : (
          <span className="muted">{problem}</span>
        )}
      </output>
    </aside>
  );
}
