import type { EntityManager } from 'typeorm';
import type { CohortExpectation } from '@verdict/shared';
import { FieldProblem, InvalidFieldError, NotFoundError } from '../common/domain-error';
import { CohortEntity } from '../cohorts/cohort.entity';
import type { FlowEntity } from '../flows/flow.entity';

/** The expectations as stored: only their own fields, `minimumEffect` null when absent. */
export function plainExpectations(expectations: CohortExpectation[]): CohortExpectation[] {
  return expectations.map((e) => ({
    cohortKey: e.cohortKey,
    stepKey: e.stepKey,
    direction: e.direction,
    minimumEffect: e.minimumEffect ?? null,
    baselineRate: e.baselineRate,
  }));
}

/**
 * What a DTO cannot check of a version's testable fields: the steps belong to the flow, the
 * cohorts exist and define someone (rules or members), no expectation is listed twice.
 */
export async function checkTestableFields(
  manager: EntityManager,
  flow: FlowEntity,
  primaryStepKey: string,
  guardrailStepKeys: string[],
  cohortKey: string | null,
  cohortExpectations: CohortExpectation[] = [],
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
  // The expectations' cohorts and the audience, in one read.
  const cohortKeys = [...new Set([...cohortExpectations.map((e) => e.cohortKey), ...(cohortKey !== null ? [cohortKey] : [])])];
  const cohorts = cohortKeys.length > 0 ? await manager.find(CohortEntity, { where: cohortKeys.map((key) => ({ key })) }) : [];
  const byKey = new Map(cohorts.map((cohort) => [cohort.key, cohort]));
  const seen = new Set<string>();
  cohortExpectations.forEach((expectation, i) => {
    const field = `cohortExpectations[${i}]`;
    const cohort = byKey.get(expectation.cohortKey);
    if (!cohort) problems.push({ field: `${field}.cohortKey`, reason: `no cohort with key "${expectation.cohortKey}"` });
    else if (!definesSomeone(cohort)) problems.push({ field: `${field}.cohortKey`, reason: matchesNobody(cohort.key) });
    if (!stepKeys.has(expectation.stepKey)) problems.push({ field: `${field}.stepKey`, reason: `is not a step of flow "${flow.key}"` });
    const key = `${expectation.cohortKey}:${expectation.stepKey}`;
    if (seen.has(key)) problems.push({ field, reason: 'expects of the same cohort and step twice' });
    seen.add(key);
  });
  if (problems.length > 0) throw new InvalidFieldError(problems);
  if (cohortKey !== null) {
    const cohort = byKey.get(cohortKey);
    if (!cohort) throw new NotFoundError('cohort', cohortKey);
    if (!definesSomeone(cohort)) throw new InvalidFieldError([{ field: 'cohortKey', reason: matchesNobody(cohortKey) }]);
  }
}

const matchesNobody = (key: string) => `cohort "${key}" has no rules and no members: it matches nobody`;

function definesSomeone(cohort: CohortEntity): boolean {
  return (cohort.rules?.length ?? 0) > 0 || (cohort.members?.length ?? 0) > 0;
}
