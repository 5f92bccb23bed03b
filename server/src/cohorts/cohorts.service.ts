import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { Cohort, CreateCohortRequest, Page, UpdateCohortRequest } from '@verdict/shared';
import { ConflictError, NotFoundError } from '../common/domain-error';
import { isUniqueViolation } from '../common/keys';
import { checkCohort } from './cohort-rules';
import { CohortEntity } from './cohort.entity';

@Injectable()
export class CohortsService {
  constructor(@InjectRepository(CohortEntity) private readonly cohorts: Repository<CohortEntity>) {}

  async create(request: CreateCohortRequest): Promise<Cohort> {
    const rules = (request.rules ?? []).map(({ attribute, op, value }) => ({ attribute, op, value }));
    const members = [...new Set(request.members ?? [])];
    checkCohort(request.kind, rules, members);
    try {
      const saved = await this.cohorts.save(
        this.cohorts.create({ key: request.key, name: request.name, kind: request.kind, rules, members }),
      );
      return toCohort(saved);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`cohort "${request.key}" already exists`, 'duplicate_key');
      throw error;
    }
  }

  async list(limit: number, offset: number): Promise<Page<Cohort>> {
    const [rows, total] = await this.cohorts.findAndCount({ order: { createdAt: 'DESC' }, take: limit, skip: offset });
    return { items: rows.map(toCohort), total };
  }

  async get(key: string): Promise<Cohort> {
    const cohort = await this.cohorts.findOne({ where: { key } });
    if (!cohort) throw new NotFoundError('cohort', key);
    return toCohort(cohort);
  }

  /** Throws 404 naming the first unknown key. */
  async requireKeys(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const found = new Set((await this.cohorts.find({ where: { key: In(keys) } })).map((cohort) => cohort.key));
    const missing = keys.find((key) => !found.has(key));
    if (missing !== undefined) throw new NotFoundError('cohort', missing);
  }

  async update(key: string, request: UpdateCohortRequest): Promise<Cohort> {
    const cohort = await this.cohorts.findOne({ where: { key } });
    if (!cohort) throw new NotFoundError('cohort', key);
    if (request.name !== undefined) cohort.name = request.name;
    if (request.kind !== undefined) cohort.kind = request.kind;
    if (request.rules !== undefined) cohort.rules = request.rules.map(({ attribute, op, value }) => ({ attribute, op, value }));
    if (request.members !== undefined) cohort.members = [...new Set(request.members)];
    checkCohort(cohort.kind, cohort.rules, cohort.members);
    return toCohort(await this.cohorts.save(cohort));
  }
}

export function toCohort(cohort: CohortEntity): Cohort {
  return {
    id: cohort.id,
    key: cohort.key,
    name: cohort.name,
    kind: cohort.kind,
    rules: cohort.rules,
    members: cohort.members,
    createdAt: cohort.createdAt.toISOString(),
    updatedAt: cohort.updatedAt.toISOString(),
  };
}
