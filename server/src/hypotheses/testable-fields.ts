import type { EntityManager } from 'typeorm';
import { FieldProblem, InvalidFieldError, NotFoundError } from '../common/domain-error';
import { CohortEntity } from '../cohorts/cohort.entity';
import type { FlowEntity } from '../flows/flow.entity';

/** What a DTO cannot check of a version's testable fields: the steps belong to the flow, the cohort exists. */
export async function checkTestableFields(
  manager: EntityManager,
  flow: FlowEntity,
  primaryStepKey: string,
  guardrailStepKeys: string[],
  cohortKey: string | null,
): Promise<void> {
  const stepKeys = new Set(flow.steps.map((step) => step.key));
  const problems: FieldProblem[] = [];
  if (!stepKeys.has(primaryStepKey)) {
    problems.push({ field: 'primaryStepKey', reason: `is not a step of flow "${flow.key}"` });
  }
  guardrailStepKeys.forEach((key, i) => {
    const field = `guardrailStepKeys[${i}]`;
    if (!stepKeys.has(key)) problems.push({ field, reason: `is not a step of flow "${flow.key}"` });
    else if (key === primaryStepKey) problems.push({ field, reason: 'is the primary step' });
    else if (guardrailStepKeys.indexOf(key) !== i) problems.push({ field, reason: 'is listed twice' });
  });
  if (problems.length > 0) throw new InvalidFieldError(problems);
  if (cohortKey !== null) {
    const cohort = await manager.findOne(CohortEntity, { where: { key: cohortKey } });
    if (!cohort) throw new NotFoundError('cohort', cohortKey);
  }
}
