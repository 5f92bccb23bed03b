import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AnalysisJob, AnalysisJobState, AnalysisRecord, Page, Results } from '@verdict/shared';
import { ConflictError, NotFoundError } from '../common/domain-error';
import { ExperimentEntity } from '../experiments/experiment.entity';
import { AnalysisQueueService } from '../jobs/analysis-queue.service';
import { AnalysisEntity } from './analysis.entity';

const JOB_STATES: Record<string, AnalysisJobState> = {
  active: 'running',
  completed: 'done',
  failed: 'failed',
};

/** The read side of analyses and "run one now"; the runs themselves are the runner's. */
@Injectable()
export class AnalysisService {
  constructor(
    @InjectRepository(AnalysisEntity) private readonly analyses: Repository<AnalysisEntity>,
    @InjectRepository(ExperimentEntity) private readonly experiments: Repository<ExperimentEntity>,
    private readonly queue: AnalysisQueueService,
  ) {}

  async requestRun(experimentKey: string): Promise<{ jobId: string }> {
    const experiment = await this.experimentByKey(experimentKey);
    if (experiment.status === 'draft') {
      throw new ConflictError(`experiment "${experimentKey}" has not started: there is nothing to analyse`);
    }
    return { jobId: await this.queue.enqueue(experiment.id, 'manual') };
  }

  async list(experimentKey: string, limit = 50, offset = 0): Promise<Page<AnalysisRecord>> {
    const experiment = await this.experimentByKey(experimentKey);
    const [rows, total] = await this.analyses.findAndCount({
      where: { experimentId: experiment.id },
      order: { ranAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { items: rows.map((row) => toRecord(row, experiment.key)), total };
  }

  async latestResults(experimentKey: string): Promise<Results> {
    return (await this.latestAnalysis(experimentKey)).latest.results!;
  }

  /** The experiment and its latest successful analysis; 404 for an unknown experiment or before the first analysis. */
  async latestAnalysis(experimentKey: string): Promise<{ experiment: ExperimentEntity; latest: AnalysisEntity }> {
    const experiment = await this.experimentByKey(experimentKey);
    const latest = await this.analyses.findOne({
      where: { experimentId: experiment.id, status: 'succeeded' },
      order: { ranAt: 'DESC', id: 'DESC' },
    });
    if (!latest?.results) throw new NotFoundError('results of experiment', experimentKey);
    return { experiment, latest };
  }

  async job(jobId: string): Promise<AnalysisJob> {
    // The job's state before the row: a run commits its analysis before BullMQ marks the job
    // completed, so a job read as done always finds its row (read together, they could race).
    const job = await this.queue.getJob(jobId);
    const jobState = job ? await job.getState() : undefined;
    const [row, requested] = await Promise.all([this.analyses.findOneBy({ jobId }), this.queue.requestedRun(jobId)]);
    if (!job && !row && !requested) throw new NotFoundError('analysis job', jobId);
    const experimentId = job?.data.experimentId ?? row?.experimentId ?? requested!.experimentId;
    const experiment = await this.experiments.findOne({ where: { id: experimentId }, select: { key: true } });
    let state: AnalysisJobState;
    if (jobState !== undefined) state = JOB_STATES[jobState] ?? 'queued';
    else if (row) state = row.status === 'succeeded' ? 'done' : 'failed';
    // Recorded but not in Redis: it lost the job and is about to get it back (see requeueLost).
    else state = 'queued';
    const succeeded = row?.status === 'succeeded' ? row : null;
    return {
      jobId,
      experimentKey: experiment?.key ?? '',
      state,
      analysisId: succeeded?.id ?? null,
      error: succeeded ? null : (row?.error ?? (job?.failedReason || null)),
    };
  }

  private async experimentByKey(key: string): Promise<ExperimentEntity> {
    const experiment = await this.experiments.findOneBy({ key });
    if (!experiment) throw new NotFoundError('experiment', key);
    return experiment;
  }
}

function toRecord(row: AnalysisEntity, experimentKey: string): AnalysisRecord {
  return {
    id: row.id,
    experimentKey,
    ranAt: row.ranAt.toISOString(),
    trigger: row.trigger,
    status: row.status,
    error: row.error,
    durationMs: row.durationMs,
    verdict: row.results?.verdict ?? null,
    results: row.results,
  };
}
