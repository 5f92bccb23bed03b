import type { FlowStep } from '@verdict/shared';
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
    milestone: step.milestone ? { minEvents: step.milestone.minEvents, withinDays: step.milestone.withinDays } : null,
  }));
}
