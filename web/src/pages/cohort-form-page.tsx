import { COHORT_KINDS, RULE_OPS } from '@verdict/shared';
import type { Cohort, CohortKind, CohortRule, CreateCohortRequest, RuleOp } from '@verdict/shared';
import { FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Field } from '../components/form/field';
import { FormActions } from '../components/form/form-actions';
import { ErrorMessage, Loading } from '../components/query-state';
import { useCohort, useCreateCohort, useUpdateCohort } from '../hooks/use-cohorts';
import { routes } from '../routes';
import { VocabularyOptions } from '../components/vocabulary-options';
import { useCan } from '../hooks/use-me';

interface RuleDraft {
  attribute: string;
  op: RuleOp;
  value: string;
}

export function formatRuleValue(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Text to the rule's value: a list for in/nin, a number for comparisons, else the text (numbers stay numbers). */
export function parseRuleValue(op: RuleOp, text: string): unknown {
  const scalar = (part: string): string | number => {
    const trimmed = part.trim();
    return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
  };
  if (op === 'in' || op === 'nin') return text.split(',').map(scalar).filter((part) => part !== '');
  if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') return Number(text);
  if (op === 'contains') return text.trim();
  return scalar(text);
}

export function CohortFormPage() {
  const { key } = useParams();
  const cohort = useCohort(key);
  if (key && cohort.isPending) return <Loading />;
  if (key && cohort.isError) return <ErrorMessage error={cohort.error} title={`Could not load cohort ${key}`} />;
  return <CohortForm cohort={key ? cohort.data : undefined} />;
}

function CohortForm({ cohort }: { cohort?: Cohort }) {
  const navigate = useNavigate();
  const create = useCreateCohort();
  const update = useUpdateCohort(cohort?.key ?? '');
  const canEdit = useCan('editor');
  const mutation = cohort ? update : create;
  const [key, setKey] = useState(cohort?.key ?? '');
  const [name, setName] = useState(cohort?.name ?? '');
  const [kind, setKind] = useState<CohortKind>(cohort?.kind ?? 'segment');
  const [rules, setRules] = useState<RuleDraft[]>(
    cohort?.rules.map((rule) => ({ attribute: rule.attribute, op: rule.op, value: formatRuleValue(rule.value) })) ?? [
      { attribute: '', op: 'eq', value: '' },
    ],
  );
  const [members, setMembers] = useState((cohort?.members ?? []).join('\n'));
  const [problem, setProblem] = useState<string | null>(null);
  const updateRule = (index: number, patch: Partial<RuleDraft>) =>
    setRules(rules.map((rule, position) => (position === index ? { ...rule, ...patch } : rule)));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!key.trim() || !name.trim()) return setProblem('Key and name are required.');
    const filled = rules.filter((rule) => rule.attribute.trim());
    const parsedRules: CohortRule[] = filled.map((rule) => ({
      attribute: rule.attribute.trim(),
      op: rule.op,
      value: parseRuleValue(rule.op, rule.value),
    }));
    const memberList = members
      .split(/[\s,]+/)
      .map((member) => member.trim())
      .filter(Boolean);
    setProblem(null);
    const body: Omit<CreateCohortRequest, 'key'> = {
      name: name.trim(),
      kind,
      rules: kind === 'focus_group' ? [] : parsedRules,
      members: kind === 'focus_group' ? memberList : [],
    };
    if (cohort) update.mutate(body, { onSuccess: () => navigate(routes.cohorts) });
    else create.mutate({ key: key.trim(), ...body }, { onSuccess: () => navigate(routes.cohorts) });
  }

  return (
    <section aria-labelledby="cohort-form-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={routes.cohorts}>Cohorts</Link> / {cohort ? cohort.key : 'New'}
      </nav>
      <h1 id="cohort-form-title">{cohort ? cohort.name : 'New cohort'}</h1>
      <form className="card form" onSubmit={onSubmit} noValidate aria-label={cohort ? 'Edit cohort' : 'New cohort'}>
        {/* Read-only for viewers: the fields show the values, the buttons are hidden (styles.css). */}
        <fieldset className="bare" disabled={!canEdit}>
          <div className="field-row">
            <Field label="Key" htmlFor="cohort-key">
              <input id="cohort-key" required disabled={Boolean(cohort)} value={key} onChange={(event) => setKey(event.target.value)} />
            </Field>
            <Field label="Name" htmlFor="cohort-name" className="grow">
              <input id="cohort-name" required value={name} onChange={(event) => setName(event.target.value)} />
            </Field>
            <Field label="Kind" htmlFor="cohort-kind">
              <select id="cohort-kind" value={kind} onChange={(event) => setKind(event.target.value as CohortKind)}>
                <VocabularyOptions values={COHORT_KINDS} />
              </select>
            </Field>
          </div>
          {kind === 'focus_group' ? (
            <Field label="Members (unit ids, one per line or comma-separated)" htmlFor="cohort-members">
              <textarea id="cohort-members" rows={5} value={members} onChange={(event) => setMembers(event.target.value)} />
            </Field>
          ) : (
            <fieldset className="field">
              <legend>Rules (all must hold)</legend>
              {rules.map((rule, index) => (
                <div key={index} className="repeat-row">
                  <Field label="Attribute" htmlFor={`rule-${index}-attribute`}>
                    <input id={`rule-${index}-attribute`} value={rule.attribute} placeholder="company_size" onChange={(event) => updateRule(index, { attribute: event.target.value })} />
                  </Field>
                  <Field label="Operator" htmlFor={`rule-${index}-op`} className="narrow">
                    <select id={`rule-${index}-op`} value={rule.op} onChange={(event) => updateRule(index, { op: event.target.value as RuleOp })}>
                      <VocabularyOptions values={RULE_OPS} label={String} />
                    </select>
                  </Field>
                  <Field label={`Value${rule.op === 'in' || rule.op === 'nin' ? 's (comma-separated)' : ''}`} htmlFor={`rule-${index}-value`} className="grow">
                    <input id={`rule-${index}-value`} value={rule.value} onChange={(event) => updateRule(index, { value: event.target.value })} />
                  </Field>
                  <button type="button" className="button ghost small" aria-label={`Remove rule ${index + 1}`} onClick={() => setRules(rules.filter((_, position) => position !== index))}>
                    Remove
                  </button>
                </div>
              ))}
              <button type="button" className="button small" onClick={() => setRules([...rules, { attribute: '', op: 'eq', value: '' }])}>
                Add rule
              </button>
            </fieldset>
          )}
          <FormActions
            submitLabel={cohort ? 'Save changes' : 'Create cohort'}
            pendingLabel="Saving…"
            pending={mutation.isPending}
            problem={problem}
            error={mutation.error}
            cancelTo={routes.cohorts}
          />
        </fieldset>
      </form>
    </section>
  );
}
