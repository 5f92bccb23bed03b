import { Injectable } from '@nestjs/common';
import { iterationLifts, type HypothesisIterations } from '@verdict/shared';
import { NotFoundError } from '../common/domain-error';
import { HypothesesService } from './hypotheses.service';
import { HypothesisIterationsQuery } from './hypothesis-iterations.query';

/** The learning across a hypothesis' versions: each version's primary and business-outcome lifts. */
@Injectable()
export class HypothesisIterationsService {
  constructor(
    private readonly hypotheses: HypothesesService,
    private readonly query: HypothesisIterationsQuery,
  ) {}

  async iterations(hypothesisId: string): Promise<HypothesisIterations> {
    const hypothesis = await this.hypotheses.findById(hypothesisId);
    if (!hypothesis) throw new NotFoundError('hypothesis', hypothesisId);
    const outcome = hypothesis.flow?.steps.find((step) => step.kind === 'business_outcome')?.key ?? null;
    const rows = await this.query.forHypothesis(hypothesis.id);
    return {
      hypothesisId: hypothesis.id,
      businessOutcomeStepKey: outcome,
      iterations: rows.map((row) => ({
        version: row.version,
        statement: row.statement,
        primaryStepKey: row.primaryStepKey,
        experimentKey: row.experimentKey,
        analysisId: row.analysisId,
        ranAt: row.ranAt?.toISOString() ?? null,
        verdict: row.results?.verdict.status ?? null,
        ...(row.results
          ? iterationLifts(row.results, row.primaryStepKey, outcome, row.direction)
          : { primary: null, businessOutcome: null }),
      })),
    };
  }
}
