import type { Comparison, FlowStep, StepResult } from '@verdict/shared';
import { count, interval, liftClass, milestoneText, percent, pValue, signedPercent } from '../format';

interface StepTableProps {
  steps: StepResult[];
  /** The flow's steps, for names and kinds; results may list keys the flow no longer has. */
  flowSteps?: FlowStep[];
  primaryStepKey?: string;
  guardrailStepKeys?: string[];
  controlKey?: string;
}

/** Per step and variant: the counts, rates and the comparison of each treatment with control. */
export function StepTable({ steps, flowSteps = [], primaryStepKey, guardrailStepKeys = [], controlKey }: StepTableProps) {
  if (steps.length === 0) return <p className="muted">No step results in this analysis.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Step results">
      <table className="data-table step-table">
        <caption className="sr-only">Results per step and variant</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Variant</th>
            <th scope="col" className="num">Units</th>
            <th scope="col" className="num">Reached</th>
            <th scope="col" className="num">Deviated</th>
            <th scope="col" className="num">Rate</th>
            <th scope="col" className="num">Lift [interval]</th>
            <th scope="col" className="num">p-value</th>
            <th scope="col" className="num">Chance to beat control</th>
            <th scope="col">Significant</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => {
            const flowStep = flowSteps.find((candidate) => candidate.key === step.stepKey);
            const role =
              step.stepKey === primaryStepKey ? 'primary' : guardrailStepKeys.includes(step.stepKey) ? 'guardrail' : null;
            return step.variants.map((variant, index) => {
              const comparison: Comparison | undefined = step.comparisons.find((c) => c.variantKey === variant.variantKey);
              const isControl = controlKey ? variant.variantKey === controlKey : !comparison;
              return (
                <tr
                  key={`${step.stepKey}:${variant.variantKey}`}
                  className={index === 0 ? 'group-start' : undefined}
                  data-step={step.stepKey}
                  data-variant={variant.variantKey}
                >
                  {index === 0 && (
                    <th scope="rowgroup" rowSpan={step.variants.length} className="step-cell">
                      <span>{flowStep?.name ?? step.stepKey}</span>
                      <span className="muted small">{flowStep ? flowStep.kind.replace(/_/g, ' ') : ''}</span>
                      {role && <span className={`tag tag-${role}`}>{role}</span>}
                      {flowStep?.milestone && (
                        <span className="muted small milestone-meaning">
                          Milestone: {milestoneText(flowStep.milestone, flowSteps)}; counted over units assigned at least{' '}
                          {flowStep.milestone.withinDays} days ago.
                        </span>
                      )}
                      {step.excluded !== undefined && step.excluded > 0 && (
                        <span className="small excluded-note">
                          {count(step.excluded)} left out: no usable “{flowStep?.milestone?.perAttribute ?? 'attribute'}” value at
                          assignment (missing, not a number, or ≤ 0).
                        </span>
                      )}
                    </th>
                  )}
                  <td>
                    {variant.variantKey}
                    {isControl && <span className="muted small"> (control)</span>}
                  </td>
                  <td className="num">
                    {count(variant.units)}
                    {variant.excluded !== undefined && variant.excluded > 0 && (
                      <span className="muted small" title="Left out of this step: no usable attribute value at assignment">
                        {' '}
                        (+{count(variant.excluded)} excluded)
                      </span>
                    )}
                  </td>
                  <td className="num">{count(variant.reached)}</td>
                  <td className="num">{count(variant.deviated)}</td>
                  <td className="num">{percent(variant.rate)}</td>
                  {comparison ? (
                    <>
                      <td className="num">
                        <span className={liftClass(comparison.relativeLift)}>{signedPercent(comparison.relativeLift)}</span>{' '}
                        <span className="muted small">{interval(comparison.ciRelative)}</span>
                        {comparison.cuped && comparison.unadjusted && (
                          <details className="cuped small">
                            <summary title={`CUPED-adjusted for behaviour before assignment (θ = ${comparison.cuped.theta.toFixed(3)})`}>
                              {comparison.cuped.varianceReduction < 0.0005
                                ? 'no variance removed'
                                : `\u2212${percent(comparison.cuped.varianceReduction)} variance`}
                            </summary>
                            <span className="muted">
                              Unadjusted: {signedPercent(comparison.unadjusted.absoluteLift)} pts{' '}
                              {interval(comparison.unadjusted.ciAbsolute)}, p {pValue(comparison.unadjusted.pValue)}
                            </span>
                          </details>
                        )}
                      </td>
                      <td className="num">{pValue(comparison.pValue)}</td>
                      <td className="num">{percent(comparison.chanceToBeatControl)}</td>
                      <td>
                        {comparison.significant ? (
                          <span className={`tag ${comparison.absoluteLift >= 0 ? 'tag-up' : 'tag-down'}`}>
                            {comparison.absoluteLift >= 0 ? 'Yes, up' : 'Yes, down'}
                          </span>
                        ) : (
                          <span className="muted">No</span>
                        )}
                      </td>
                    </>
                  ) : (
                    <td colSpan={4} className="muted center">
                      baseline
                    </td>
                  )}
                </tr>
              );
            });
          })}
        </tbody>
      </table>
    </div>
  );
}
