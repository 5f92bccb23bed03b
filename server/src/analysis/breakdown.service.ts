import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  computeResults,
  OUTSIDE_AUDIENCE,
  type AnalysisCounts,
  type Breakdown,
  type BreakdownRow,
  type Results,
} from '@verdict/shared';
import { InvalidFieldError } from '../common/domain-error';
import { AnalysisService } from './analysis.service';
import { CohortEntity } from '../cohorts/cohort.entity';
import { ExperimentEntity } from '../experiments/experiment.entity';
import { FlowEntity } from '../flows/flow.entity';
import { HypothesisVersionEntity } from '../hypotheses/hypothesis-version.entity';
import { analysisPlan } from './analysis-plan';
import { frequentAttributeValues } from './breakdown.query';
import { breakdownRows } from './cohort-breakdown';
import { StepMetricsQuery } from './step-metrics.query';

/** Values an attribute breakdown shows: the most frequent ones. */
export const ATTRIBUTE_BREAKDOWN_VALUES = 20;

const BY_ATTRIBUTE = /^attribute:([A-Za-z0-9_.:-]{1,100})$/;

/** The `by` of `GET /experiments/:key/breakdown`: null for cohorts, else the attribute's name (400 otherwise). */
export function parseBy(by: string | undefined): string | null {
  if (by === undefined) return null;
  const match = BY_ATTRIBUTE.exec(by);
  if (!match) throw new InvalidFieldError([{ field: 'by', reason: 'must be attribute:NAME (letters, digits, _ . : -, at most 100)' }]);
  return match[1];
}

/** The read side of cohort learning: the stored breakdown, a breakdown by attribute, results on one cohort. */
@Injectable()
export class BreakdownService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stepMetrics: StepMetricsQuery,
    private readonly analyses: AnalysisService,
  ) {}

  async breakdown(experimentKey: string, by: string | undefined): Promise<Breakdown> {
    const attribute = parseBy(by);
    const { experiment, latest } = await this.analyses.latestAnalysis(experimentKey);
    const stored = latest.breakdown;
    const base = {
      analysisId: latest.id,
      ranAt: latest.ranAt.toISOString(),
      audienceCohortKey: stored?.audienceCohortKey ?? null,
      expectations: stored?.expectations ?? [],
    };
    if (attribute === null) return { ...base, cohorts: stored?.cohorts ?? [] };
    return { ...base, cohorts: await this.byAttribute(experiment, attribute, latest.ranAt) };
  }

  /** The latest results with the steps, sample-ratio check and progress counted on one cohort. */
  async cohortResults(experimentKey: string, cohortKey: string): Promise<Results> {
    const { experiment, latest } = await this.analyses.latestAnalysis(experimentKey);
    const results = latest.results!;
    const isOutside = cohortKey === OUTSIDE_AUDIENCE && !!latest.breakdown?.audienceCohortKey;
    if (!isOutside && !(await this.dataSource.getRepository(CohortEntity).existsBy({ key: cohortKey }))) {
      throw new InvalidFieldError([{ field: 'cohort', reason: `no cohort with key "${cohortKey}"` }]);
    }
    const flow = await this.dataSource.getRepository(FlowEntity).findOneByOrFail({ id: experiment.flowId });
    const version = await this.dataSource
      .getRepository(HypothesisVersionEntity)
      .findOneByOrFail({ hypothesisId: experiment.hypothesisId, version: experiment.hypothesisVersion });
    const row = latest.breakdown?.cohorts.find((candidate) => candidate.cohortKey === cohortKey);
    const counts = rowCounts(row, experiment.variants.map((v) => v.key), flow.steps.map((s) => s.key));
    // Exploratory: one look at the cohort's counts; the verdict stays the experiment's.
    const computed = computeResults(analysisPlan(experiment, version), flow.steps, counts, null, latest.ranAt);
    return { ...results, steps: computed.steps, srm: computed.srm, progress: computed.progress, cohortKey };
  }

  /**
   * The 20 most frequent values of one assignment attribute, counted like the analysis as of
   * its time: one statement for the values, one pass for their counts.
   */
  private async byAttribute(experiment: ExperimentEntity, attribute: string, asOf: Date): Promise<BreakdownRow[]> {
    const flow = await this.dataSource.getRepository(FlowEntity).findOneByOrFail({ id: experiment.flowId });
    const variantKeys = experiment.variants.map((variant) => variant.key);
    return this.dataSource.transaction(async (manager) => {
      const values = await frequentAttributeValues(manager, { experimentId: experiment.id, attribute, asOf, limit: ATTRIBUTE_BREAKDOWN_VALUES });
      if (values.length === 0) return [];
      const metrics = await this.stepMetrics.run(
        manager,
        {
          experimentId: experiment.id,
          flowKey: flow.key,
          steps: flow.steps,
          asOf,
          groups: (param) => {
            const name = param(attribute);
            return values.map((value) => `(a.attributes ->> ${name}::text) = ${param(value)}::text`);
          },
        },
        variantKeys,
      );
      const control = experiment.variants.find((variant) => variant.control)!;
      const rows = values.flatMap((value, i) => {
        const counts = metrics.groups?.[i];
        return counts ? [{ attribute, value, label: `${attribute} = ${value}`, counts }] : [];
      });
      return breakdownRows({
        rows,
        total: metrics,
        stepKeys: flow.steps.map((step) => step.key),
        variantKeys,
        controlKey: control.key,
        treatmentKeys: experiment.variants.filter((variant) => !variant.control).map((variant) => variant.key),
        alpha: experiment.alpha,
      });
    });
  }
}

/** A stored row's counts as the analysis core reads them (zeros for a cohort nobody matched). */
function rowCounts(row: BreakdownRow | undefined, variantKeys: string[], stepKeys: string[]): AnalysisCounts {
  const steps = Object.fromEntries(
    stepKeys.map((stepKey) => {
      const step = row?.steps.find((candidate) => candidate.stepKey === stepKey);
      return [
        stepKey,
        Object.fromEntries(
          variantKeys.map((key) => {
            const v = step?.variants.find((candidate) => candidate.variantKey === key);
            return [key, { units: v?.units ?? 0, reached: v?.reached ?? 0, deviated: v?.deviated ?? 0 }];
          }),
        ),
      ];
    }),
  );
  return {
    units: Object.fromEntries(variantKeys.map((key) => [key, row?.unitsPerVariant[key] ?? 0])),
    firstAssignedAt: null,
    steps,
  };
}
