import type { FlowStep, Milestone } from '@verdict/shared';
import { FieldProblem, InvalidFieldError } from '../common/domain-error';

/**
 * The shape rules of a flow (docs/architecture.md) that a DTO cannot say: the flow starts with its one trigger,
 * step keys are unique, at most two end points. Returns the steps normalised for storage.
 */
export function checkFlowSteps(steps: FlowStep[]): FlowStep[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  steps.forEach((step, i) => {
    if (seen.has(step.key)) problems.push({ field: `steps[${i}].key`, reason: `duplicates step key "${step.key}"` });
    seen.add(step.key);
    if (i === 0 && step.kind !== 'trigger') {
      problems.push({ field: 'steps[0].kind', reason: 'must be trigger: a flow starts with its trigger step' });
    }
    if (i > 0 && step.kind === 'trigger') {
      problems.push({ field: `steps[${i}].kind`, reason: 'must not be trigger: a flow has one trigger, its first step' });
    }
  });
  steps.forEach((step, i) => {
    if (step.milestone) problems.push(...milestoneProblems(step.milestone, `steps[${i}].milestone`, step.key, steps));
  });
  if (steps.filter((step) => step.terminal).length > 2) {
    problems.push({ field: 'steps', reason: 'may mark at most two steps terminal (the flow end points)' });
  }
  if (problems.length > 0) {
    throw new InvalidFieldError(problems);
  }
  return steps.map((step) => ({
    key: step.key,
    name: step.name,
    kind: step.kind,
    terminal: step.terminal ?? false,
    milestone: step.milestone ? normalisedMilestone(step.milestone) : null,
  }));
}

/**
 * A milestone's fields must make exactly one kind (docs/api.md): count `{minEvents}`, relative
 * `{minEvents, perAttribute}` or composite `{anyOf, atLeast}` over other, non-milestone steps.
 */
function milestoneProblems(milestone: Milestone, field: string, stepKey: string, steps: FlowStep[]): FieldProblem[] {
  const { anyOf, atLeast, minEvents, perAttribute } = milestone;
  if (anyOf === undefined) {
    if (atLeast !== undefined) return [{ field: `${field}.anyOf`, reason: 'is required with atLeast: the steps to count' }];
    if (minEvents === undefined) {
      const reason =
        perAttribute !== undefined
          ? 'is required with perAttribute: the aligned events needed per unit of the attribute'
          : 'is required: the aligned events needed (or give anyOf and atLeast for a composite milestone)';
      return [{ field: `${field}.minEvents`, reason }];
    }
    return [];
  }
  const problems: FieldProblem[] = [];
  if (minEvents !== undefined) {
    problems.push({ field: `${field}.minEvents`, reason: 'must be absent on a composite milestone (anyOf): it counts steps, not events' });
  }
  if (perAttribute !== undefined) {
    problems.push({ field: `${field}.perAttribute`, reason: 'must be absent on a composite milestone (anyOf)' });
  }
  if (atLeast === undefined) {
    problems.push({ field: `${field}.atLeast`, reason: 'is required with anyOf: how many of those steps must be reached' });
  } else if (atLeast > anyOf.length) {
    problems.push({
      field: `${field}.atLeast`,
      reason: `must be at most ${anyOf.length}, the number of steps in anyOf`,
    });
  }
  const named = new Set<string>();
  anyOf.forEach((key, j) => {
    const target = steps.find((candidate) => candidate.key === key);
    let reason: string | null = null;
    if (named.has(key)) reason = `duplicates step "${key}"`;
    else if (key === stepKey) reason = 'must name other steps, not the milestone itself';
    else if (!target) reason = `names "${key}", which is not a step of this flow`;
    else if (target.milestone) reason = `names milestone step "${key}": a composite milestone counts non-milestone steps`;
    named.add(key);
    if (reason) problems.push({ field: `${field}.anyOf[${j}]`, reason });
  });
  return problems;
}

/** Only the fields of the milestone's kind, in a fixed order, as stored and served. */
function normalisedMilestone(milestone: Milestone): Milestone {
  if (milestone.anyOf !== undefined) {
    return { anyOf: [...milestone.anyOf], atLeast: milestone.atLeast, withinDays: milestone.withinDays };
  }
  return {
    minEvents: milestone.minEvents,
    withinDays: milestone.withinDays,
    ...(milestone.perAttribute !== undefined ? { perAttribute: milestone.perAttribute } : {}),
  };
}
