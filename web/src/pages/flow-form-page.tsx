import { milestoneKind, type CreateFlowRequest, type Flow, type FlowStep, type Milestone } from '@verdict/shared';
import { FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Field } from '../components/form/field';
import { FormActions } from '../components/form/form-actions';
import { ErrorMessage, Loading } from '../components/query-state';
import { emptyStep, StepDraft, StepsEditor } from '../components/steps-editor';
import { useCreateFlow, useFlow, useUpdateFlow } from '../hooks/use-flows';
import { routes } from '../routes';
import { useCan } from '../hooks/use-me';

/** The keys a composite milestone can count: steps that still exist and are not milestones (keys may have been edited). */
const countableKeys = (drafts: StepDraft[]) => new Set(drafts.filter((step) => !step.milestone).map((step) => step.key.trim()));

export function toSteps(drafts: StepDraft[]): FlowStep[] {
  const countable = countableKeys(drafts);
  return drafts.map((step) => ({
    key: step.key.trim(),
    name: step.name.trim(),
    kind: step.kind,
    terminal: step.terminal,
    ...(step.milestone ? { milestone: toMilestone(step, countable) } : {}),
  }));
}

function toMilestone(step: StepDraft, countable: Set<string>): Milestone {
  const withinDays = Number(step.withinDays);
  switch (step.milestoneKind) {
    case 'composite':
      return { anyOf: step.anyOf.filter((key) => countable.has(key)), atLeast: Number(step.atLeast), withinDays };
    case 'relative':
      return { minEvents: Number(step.minEvents), withinDays, perAttribute: step.perAttribute.trim() };
    default:
      return { minEvents: Number(step.minEvents), withinDays };
  }
}

export const fromSteps = (steps: FlowStep[]): StepDraft[] =>
  steps.map((step) => ({
    ...emptyStep(step.kind),
    key: step.key,
    name: step.name,
    terminal: Boolean(step.terminal),
    ...(step.milestone
      ? {
          milestone: true,
          milestoneKind: milestoneKind(step.milestone),
          minEvents: String(step.milestone.minEvents ?? 10),
          withinDays: String(step.milestone.withinDays),
          perAttribute: step.milestone.perAttribute ?? 'seats',
          anyOf: step.milestone.anyOf ?? [],
          atLeast: String(step.milestone.atLeast ?? 1),
        }
      : {}),
  }));

/** What the form can tell before the server does: a composite milestone's choice of steps. */
export function milestoneProblem(drafts: StepDraft[]): string | null {
  const countable = countableKeys(drafts);
  for (const step of drafts) {
    if (!step.milestone || step.milestoneKind !== 'composite') continue;
    const chosen = step.anyOf.filter((key) => countable.has(key));
    if (chosen.length === 0) return `Milestone "${step.name.trim() || step.key.trim()}": choose the steps it counts.`;
    if (Number(step.atLeast) > chosen.length) {
      return `Milestone "${step.name.trim() || step.key.trim()}": "at least" can be at most ${chosen.length}, the number of steps chosen.`;
    }
  }
  return null;
}

export function FlowFormPage() {
  const { key } = useParams();
  const flow = useFlow(key);
  if (key && flow.isPending) return <Loading />;
  if (key && flow.isError) return <ErrorMessage error={flow.error} title={`Could not load flow ${key}`} />;
  return <FlowForm flow={key ? flow.data : undefined} />;
}

function FlowForm({ flow }: { flow?: Flow }) {
  const navigate = useNavigate();
  const create = useCreateFlow();
  const update = useUpdateFlow(flow?.key ?? '');
  const canEdit = useCan('editor');
  const mutation = flow ? update : create;
  const [key, setKey] = useState(flow?.key ?? '');
  const [name, setName] = useState(flow?.name ?? '');
  const [description, setDescription] = useState(flow?.description ?? '');
  const [steps, setSteps] = useState<StepDraft[]>(
    flow ? fromSteps(flow.steps) : [emptyStep('trigger'), emptyStep('step'), emptyStep('need_met')],
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!key.trim() || !name.trim()) return setProblem('Key and name are required.');
    if (steps.some((step) => !step.key.trim() || !step.name.trim())) return setProblem('Every step needs a key and a name.');
    if (steps[0]?.kind !== 'trigger') return setProblem('A flow starts with one trigger step.');
    const milestone = milestoneProblem(steps);
    if (milestone) return setProblem(milestone);
    setProblem(null);
    setSaved(false);
    if (flow) {
      const stepsChanged = JSON.stringify(toSteps(steps)) !== JSON.stringify(toSteps(fromSteps(flow.steps)));
      update.mutate(
        { name: name.trim(), description: description.trim(), ...(stepsChanged ? { steps: toSteps(steps) } : {}) },
        { onSuccess: () => setSaved(true) },
      );
    } else {
      const body: CreateFlowRequest = { key: key.trim(), name: name.trim(), steps: toSteps(steps) };
      if (description.trim()) body.description = description.trim();
      create.mutate(body, { onSuccess: () => navigate(routes.flows) });
    }
  }

  return (
    <section aria-labelledby="flow-form-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={routes.flows}>Flows</Link> / {flow ? flow.key : 'New'}
      </nav>
      <h1 id="flow-form-title">{flow ? flow.name : 'New flow'}</h1>
      <form className="card form" onSubmit={onSubmit} noValidate aria-label={flow ? 'Edit flow' : 'New flow'}>
        {/* Read-only for viewers: the fields show the values, the buttons are hidden (styles.css). */}
        <fieldset className="bare" disabled={!canEdit}>
          <div className="field-row">
            <Field label="Key" htmlFor="flow-key">
              <input id="flow-key" required disabled={Boolean(flow)} value={key} onChange={(event) => setKey(event.target.value)} />
            </Field>
            <Field label="Name" htmlFor="flow-name" className="grow">
              <input id="flow-name" required value={name} onChange={(event) => setName(event.target.value)} />
            </Field>
          </div>
          <Field label="Description" htmlFor="flow-description">
            <textarea id="flow-description" rows={2} value={description} onChange={(event) => setDescription(event.target.value)} />
          </Field>
          <StepsEditor value={steps} onChange={setSteps} />
          {flow && <p className="muted small">Steps can only change while no experiment uses this flow.</p>}
          <FormActions
            submitLabel={flow ? 'Save changes' : 'Create flow'}
            pendingLabel="Saving…"
            pending={mutation.isPending}
            problem={problem}
            error={mutation.error}
            saved={saved}
            cancelTo={routes.flows}
            cancelLabel="Back to flows"
          />
        </fieldset>
      </form>
    </section>
  );
}
