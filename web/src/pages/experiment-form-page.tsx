import { ANALYSIS_METHODS, EXPERIMENT_DEFAULTS } from '@verdict/shared';
import type { AnalysisMethod, CreateExperimentRequest, Experiment, HypothesisSummary, VarianceReductionMethod } from '@verdict/shared';
import { FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { CheckboxList } from '../components/form/checkbox-list';
import { Field } from '../components/form/field';
import { FormActions } from '../components/form/form-actions';
import { ErrorMessage, Loading } from '../components/query-state';
import { estimateSampleSize } from '../components/sample-size-calculator';
import { VariantDraft, VariantsEditor } from '../components/variants-editor';
import { count, percent } from '../format';
import { useCohorts } from '../hooks/use-cohorts';
import { useCreateExperiment, useExperiment, useUpdateExperiment } from '../hooks/use-experiments';
import { useHypotheses } from '../hooks/use-hypotheses';
import { routes } from '../routes';
import { VocabularyOptions } from '../components/vocabulary-options';

const METHOD_CHOICES: Record<AnalysisMethod, string> = {
  sequential: 'Sequential (group-sequential, peek-safe)',
  fixed: 'Fixed horizon',
  msprt: 'mSPRT (always valid)',
};

export interface ExperimentDraft {
  key: string;
  name: string;
  hypothesisId: string;
  variants: VariantDraft[];
  coveragePercent: string;
  targetCohortKeys: string[];
  method: AnalysisMethod;
  alpha: string;
  power: string;
  baselinePercent: string;
  analysisIntervalMinutes: string;
  seed: string;
  /** Empty: the server computes the plan from the hypothesis. */
  plannedSampleSize: string;
  varianceReduction: VarianceReductionMethod;
  lookbackDays: string;
}

const DEFAULT_VARIANTS: VariantDraft[] = [
  { key: 'control', name: 'Control', weightPercent: '50', control: true },
  { key: 'treatment', name: 'Treatment', weightPercent: '50', control: false },
];

function draftFrom(experiment: Experiment): ExperimentDraft {
  return {
    key: experiment.key,
    name: experiment.name,
    hypothesisId: experiment.hypothesisId,
    variants: experiment.variants.map((variant) => ({
      key: variant.key,
      name: variant.name ?? '',
      weightPercent: String(Math.round(variant.weight * 1e6) / 1e4),
      control: variant.control,
    })),
    coveragePercent: String(Math.round(experiment.coverage * 1e4) / 100),
    targetCohortKeys: experiment.targetCohortKeys,
    method: experiment.method,
    alpha: String(experiment.alpha),
    power: String(experiment.power),
    baselinePercent: String(Math.round(experiment.baselineRate * 1e6) / 1e4),
    analysisIntervalMinutes: String(experiment.analysisIntervalMinutes),
    seed: experiment.seed,
    plannedSampleSize: String(experiment.plannedSampleSize),
    varianceReduction: experiment.varianceReduction.method,
    lookbackDays: String(experiment.varianceReduction.lookbackDays),
  };
}

/** "33.34" → 0.3334, without binary noise (0.33340000000000003) leaking into the request. */
const fromPercent = (text: string): number => Math.round(Number(text) * 1e7) / 1e9;

/** Checks what the browser can check, and turns the draft into the API's request body. */
export function toRequest(draft: ExperimentDraft): { body?: CreateExperimentRequest; problem?: string } {
  if (!draft.key.trim() || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(draft.key.trim()))
    return { problem: 'The key is required and may hold letters, digits, "-", "_" and "." only.' };
  if (!draft.name.trim()) return { problem: 'The name is required.' };
  if (!draft.hypothesisId) return { problem: 'Choose the hypothesis this experiment tests.' };
  if (draft.variants.filter((variant) => variant.control).length !== 1) return { problem: 'Mark exactly one variant as control.' };
  if (draft.variants.some((variant) => !variant.key.trim())) return { problem: 'Every variant needs a key.' };
  const weights = draft.variants.map((variant) => fromPercent(variant.weightPercent));
  if (weights.some((weight) => !(weight > 0))) return { problem: 'Every weight must be above 0.' };
  if (Math.abs(weights.reduce((sum, weight) => sum + weight, 0) - 1) > 1e-6) return { problem: 'Weights must add up to 100%.' };
  const coverage = fromPercent(draft.coveragePercent);
  if (!(coverage > 0 && coverage <= 1)) return { problem: 'Coverage must be above 0% and at most 100%.' };
  const baselineRate = fromPercent(draft.baselinePercent);
  if (!(baselineRate > 0 && baselineRate < 1)) return { problem: 'The baseline rate must lie between 0% and 100%.' };
  const body: CreateExperimentRequest = {
    key: draft.key.trim(),
    name: draft.name.trim(),
    hypothesisId: draft.hypothesisId,
    variants: draft.variants.map((variant, index) => ({
      key: variant.key.trim(),
      ...(variant.name.trim() ? { name: variant.name.trim() } : {}),
      weight: weights[index],
      control: variant.control,
    })),
    coverage,
    targetCohortKeys: draft.targetCohortKeys,
    method: draft.method,
    alpha: Number(draft.alpha),
    power: Number(draft.power),
    baselineRate,
    analysisIntervalMinutes: Number(draft.analysisIntervalMinutes),
  };
  const lookbackDays = Number(draft.lookbackDays);
  if (!Number.isInteger(lookbackDays) || lookbackDays < 1 || lookbackDays > 30) {
    return { problem: 'The CUPED lookback must be a whole number of days from 1 to 30.' };
  }
  body.varianceReduction = { method: draft.varianceReduction, lookbackDays };
  if (draft.seed.trim()) body.seed = draft.seed.trim();
  if (draft.plannedSampleSize.trim()) {
    const planned = Number(draft.plannedSampleSize);
    if (!Number.isInteger(planned) || planned < 1) return { problem: 'The planned sample size must be a whole number of units.' };
    body.plannedSampleSize = planned;
  }
  return { body };
}

export function ExperimentFormPage() {
  const { key } = useParams();
  const existing = useExperiment(key);
  if (key && existing.isPending) return <Loading />;
  if (key && existing.isError) return <ErrorMessage error={existing.error} />;
  return <ExperimentForm experiment={key ? existing.data : undefined} />;
}

function ExperimentForm({ experiment }: { experiment?: Experiment }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const hypotheses = useHypotheses();
  const cohorts = useCohorts();
  const create = useCreateExperiment();
  const update = useUpdateExperiment(experiment?.key ?? '');
  const mutation = experiment ? update : create;
  const [problem, setProblem] = useState<string | null>(null);
  const [draft, setDraft] = useState<ExperimentDraft>(() =>
    experiment
      ? draftFrom(experiment)
      : {
          key: '',
          name: '',
          hypothesisId: params.get('hypothesisId') ?? '',
          variants: DEFAULT_VARIANTS,
          coveragePercent: String(EXPERIMENT_DEFAULTS.coverage * 100),
          targetCohortKeys: [],
          method: EXPERIMENT_DEFAULTS.method,
          alpha: String(EXPERIMENT_DEFAULTS.alpha),
          power: String(EXPERIMENT_DEFAULTS.power),
          baselinePercent: '20',
          analysisIntervalMinutes: String(EXPERIMENT_DEFAULTS.analysisIntervalMinutes),
          seed: '',
          plannedSampleSize: '',
          varianceReduction: EXPERIMENT_DEFAULTS.varianceReduction.method,
          lookbackDays: String(EXPERIMENT_DEFAULTS.varianceReduction.lookbackDays),
        },
  );
  const set = <K extends keyof ExperimentDraft>(name: K, value: ExperimentDraft[K]) => setDraft({ ...draft, [name]: value });
  const hypothesis: HypothesisSummary | undefined = hypotheses.data?.items.find((item) => item.id === draft.hypothesisId);

  let plan: string | null = null;
  if (hypothesis) {
    try {
      const estimate = estimateSampleSize({
        baselineRate: Number(draft.baselinePercent) / 100,
        minimumEffect: hypothesis.minimumEffect,
        alpha: Number(draft.alpha),
        power: Number(draft.power),
        direction: hypothesis.expectedDirection,
        treatments: Math.max(1, draft.variants.length - 1),
        dailyUnits: 0,
        method: draft.method,
      });
      plan = `${count(estimate.perVariant)} units per variant (${count(estimate.total)} in all) to detect a ${(hypothesis.minimumEffect * 100).toFixed(1)}% ${hypothesis.expectedDirection} of ${hypothesis.primaryStepKey}.`;
    } catch (error) {
      plan = error instanceof Error ? error.message : String(error);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const { body, problem: found } = toRequest(draft);
    if (!body) {
      setProblem(found ?? 'Check the form.');
      return;
    }
    setProblem(null);
    if (experiment) {
      const { key: _key, hypothesisId: _hypothesisId, ...changes } = body;
      // An untouched plan is left to the server, which recomputes it when the design changes.
      if (draft.plannedSampleSize === String(experiment.plannedSampleSize)) delete changes.plannedSampleSize;
      update.mutate(changes, { onSuccess: (saved) => navigate(routes.experiment(saved.key)) });
    } else {
      create.mutate(body, { onSuccess: (saved) => navigate(routes.experiment(saved.key)) });
    }
  }

  return (
    <section aria-labelledby="experiment-form-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={routes.experiments}>Experiments</Link> / {experiment ? experiment.key : 'New'}
      </nav>
      <h1 id="experiment-form-title">{experiment ? `Edit ${experiment.name}` : 'New experiment'}</h1>
      <form className="card form" onSubmit={onSubmit} noValidate aria-label={experiment ? 'Edit experiment' : 'New experiment'}>
        <div className="field-row">
          <Field label="Key (URL-safe)" htmlFor="experiment-key">
            <input id="experiment-key" required disabled={Boolean(experiment)} value={draft.key} onChange={(e) => set('key', e.target.value)} />
          </Field>
          <Field label="Name" htmlFor="experiment-name" className="grow">
            <input id="experiment-name" required value={draft.name} onChange={(e) => set('name', e.target.value)} />
          </Field>
        </div>
        <Field label="Hypothesis" htmlFor="experiment-hypothesis" hint={hypothesis?.statement}>
          <select
            id="experiment-hypothesis"
            required
            disabled={Boolean(experiment)}
            value={draft.hypothesisId}
            onChange={(e) => set('hypothesisId', e.target.value)}
          >
            <option value="">{hypotheses.isPending ? 'Loading…' : 'Choose a hypothesis'}</option>
            {(hypotheses.data?.items ?? [])
              .filter((item) => item.status !== 'archived')
              .map((item) => (
                <option key={item.id} value={item.id}>
                  {item.title} (v{item.version})
                </option>
              ))}
          </select>
        </Field>
        <VariantsEditor value={draft.variants} onChange={(variants) => set('variants', variants)} />
        <div className="field-row">
          <Field label="Coverage (%)" htmlFor="experiment-coverage">
            <input id="experiment-coverage" type="number" min="1" max="100" step="any" value={draft.coveragePercent} onChange={(e) => set('coveragePercent', e.target.value)} />
          </Field>
          <Field label="Baseline rate of the primary step (%)" htmlFor="experiment-baseline">
            <input id="experiment-baseline" type="number" min="0.1" max="99.9" step="any" required value={draft.baselinePercent} onChange={(e) => set('baselinePercent', e.target.value)} />
          </Field>
          <Field label="Method" htmlFor="experiment-method">
            <select id="experiment-method" value={draft.method} onChange={(e) => set('method', e.target.value as AnalysisMethod)}>
              <VocabularyOptions values={ANALYSIS_METHODS} label={(method) => METHOD_CHOICES[method]} />
            </select>
          </Field>
        </div>
        <div className="field-row">
          <Field label="Alpha" htmlFor="experiment-alpha">
            <input id="experiment-alpha" type="number" min="0.001" max="0.5" step="any" value={draft.alpha} onChange={(e) => set('alpha', e.target.value)} />
          </Field>
          <Field label="Power" htmlFor="experiment-power">
            <input id="experiment-power" type="number" min="0.5" max="0.99" step="any" value={draft.power} onChange={(e) => set('power', e.target.value)} />
          </Field>
          <Field label="Analysis interval (minutes)" htmlFor="experiment-interval">
            <input id="experiment-interval" type="number" min="1" step="1" value={draft.analysisIntervalMinutes} onChange={(e) => set('analysisIntervalMinutes', e.target.value)} />
          </Field>
          <Field label="Seed (defaults to the key)" htmlFor="experiment-seed">
            <input id="experiment-seed" value={draft.seed} onChange={(e) => set('seed', e.target.value)} />
          </Field>
        </div>
        <fieldset className="field">
          <legend>Targeting (any of these cohorts; none = everyone)</legend>
          {(cohorts.data?.items ?? []).length === 0 ? (
            <p className="muted small">
              No cohorts yet. <Link to={routes.cohortNew}>Define one</Link> to target.
            </p>
          ) : (
            <CheckboxList
              options={cohorts.data!.items.map((cohort) => ({ value: cohort.key, label: cohort.name }))}
              value={draft.targetCohortKeys}
              onChange={(keys) => set('targetCohortKeys', keys)}
            />
          )}
        </fieldset>
        <div className="field-row">
          <label className="field" htmlFor="experiment-variance-reduction">
            <span>Variance reduction</span>
            <select
              id="experiment-variance-reduction"
              value={draft.varianceReduction}
              onChange={(e) => set('varianceReduction', e.target.value as VarianceReductionMethod)}
            >
              <option value="cuped">CUPED: use behaviour before assignment</option>
              <option value="none">None</option>
            </select>
          </label>
          <label className="field" htmlFor="experiment-lookback">
            <span>Lookback before assignment (days)</span>
            <input
              id="experiment-lookback"
              type="number"
              min="1"
              max="30"
              step="1"
              value={draft.lookbackDays}
              disabled={draft.varianceReduction !== 'cuped'}
              onChange={(e) => set('lookbackDays', e.target.value)}
            />
          </label>
        </div>
        {plan && (
          <p className="calculator-result" data-testid="planned-sample-size">
            Planned sample: {plan}
            {draft.varianceReduction === 'cuped' && !experiment && ' CUPED may lower it: the server estimates by how much from the flow’s recent history.'}
          </p>
        )}
        {experiment && experiment.varianceReduction.method === 'cuped' && (
          <p className="muted small" data-testid="cuped-plan">
            {count(experiment.plannedSampleSize)} per variant with CUPED, {count(experiment.plannedSampleSizeWithout)} without
            (expected variance reduction {percent(experiment.expectedVarianceReduction, 0)}).
          </p>
        )}
        <Field label="Planned units per variant (leave empty to use the computed plan)" htmlFor="experiment-planned" className="narrow-wide">
          <input
            id="experiment-planned"
            type="number"
            min="1"
            step="1"
            inputMode="numeric"
            value={draft.plannedSampleSize}
            onChange={(e) => set('plannedSampleSize', e.target.value)}
          />
        </Field>
        <FormActions
          submitLabel={experiment ? 'Save changes' : 'Create experiment'}
          pendingLabel="Saving…"
          pending={mutation.isPending}
          problem={problem}
          error={mutation.error}
          cancelTo={experiment ? routes.experiment(experiment.key) : routes.experiments}
        />
      </form>
    </section>
  );
}
