import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { CreateFlowRequest, Flow, Page, UpdateFlowRequest } from '@verdict/shared';
import { ConflictError, NotFoundError } from '../common/domain-error';
import { isUniqueViolation } from '../common/keys';
import { checkFlowSteps } from './flow-rules';
import { FlowUsageQuery } from './flow-usage.query';
import { FlowEntity } from './flow.entity';

@Injectable()
export class FlowsService {
  constructor(
    @InjectRepository(FlowEntity) private readonly flows: Repository<FlowEntity>,
    private readonly usage: FlowUsageQuery,
  ) {}

  async create(request: CreateFlowRequest): Promise<Flow> {
    const steps = checkFlowSteps(request.steps);
    try {
      const saved = await this.flows.save(
        this.flows.create({ key: request.key, name: request.name, description: request.description ?? null, steps }),
      );
      return toFlow(saved);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`flow "${request.key}" already exists`, 'duplicate_key');
      throw error;
    }
  }

  async list(limit: number, offset: number): Promise<Page<Flow>> {
    const [rows, total] = await this.flows.findAndCount({ order: { createdAt: 'DESC' }, take: limit, skip: offset });
    return { items: rows.map(toFlow), total };
  }

  async get(key: string): Promise<Flow> {
    return toFlow(await this.getEntity(key));
  }

  private async getEntity(key: string): Promise<FlowEntity> {
    const flow = await this.flows.findOne({ where: { key } });
    if (!flow) throw new NotFoundError('flow', key);
    return flow;
  }

  async update(key: string, request: UpdateFlowRequest): Promise<Flow> {
    return this.flows.manager.transaction(async (manager) => {
      // FOR UPDATE: a hypothesis being created or revised on this flow holds it FOR SHARE while
      // it checks its steps, so the steps cannot change under it (and the check below sees
      // every hypothesis committed before this change).
      const flow = await manager.findOne(FlowEntity, { where: { key }, lock: { mode: 'pessimistic_write' } });
      if (!flow) throw new NotFoundError('flow', key);
      if (request.steps !== undefined) {
        const steps = checkFlowSteps(request.steps);
        // Results refer to steps by key: once an experiment uses the flow its steps are fixed.
        const used = await this.usage.experimentCount(manager, flow.id);
        if (used > 0) {
          throw new ConflictError(`flow "${key}" is used by ${used} experiment(s): its steps can no longer change`, 'flow_in_use');
        }
        const stepKeys = new Set(steps.map((step) => step.key));
        for (const { hypothesisId, stepKeys: named } of await this.usage.hypothesisSteps(manager, flow.id)) {
          const missing = named.find((k) => !stepKeys.has(k));
          if (missing) {
            throw new ConflictError(`hypothesis ${hypothesisId} uses step "${missing}", which the new steps drop`, 'flow_in_use');
          }
        }
        flow.steps = steps;
      }
      if (request.name !== undefined) flow.name = request.name;
      if (request.description !== undefined) flow.description = request.description;
      return toFlow(await manager.save(flow));
    });
  }
}

export function toFlow(flow: FlowEntity): Flow {
  return {
    id: flow.id,
    key: flow.key,
    name: flow.name,
    ...(flow.description !== null ? { description: flow.description } : {}),
    steps: flow.steps,
    createdAt: flow.createdAt.toISOString(),
    updatedAt: flow.updatedAt.toISOString(),
  };
}
