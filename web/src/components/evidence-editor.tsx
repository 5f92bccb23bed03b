import { EVIDENCE_KINDS } from '@verdict/shared';
import type { Evidence, EvidenceKind } from '@verdict/shared';
import { Field } from './form/field';
import { VocabularyOptions } from './vocabulary-options';

/** An editable list of evidence: each a kind, a source and a note. */
export function EvidenceEditor({ value, onChange }: { value: Evidence[]; onChange(next: Evidence[]): void }) {
  const update = (index: number, patch: Partial<Evidence>) =>
    onChange(value.map((item, position) => (position === index ? { ...item, ...patch } : item)));
  return (
    <fieldset className="field">
      <legend>Evidence that led to it</legend>
      {value.length === 0 && <p className="muted small">No evidence yet: interviews, surveys, analytics, past tests.</p>}
      {value.map((item, index) => (
        <div key={index} className="repeat-row">
          <Field label="Kind" htmlFor={`evidence-${index}-kind`}>
            <select
              id={`evidence-${index}-kind`}
              value={item.kind}
              onChange={(event) => update(index, { kind: event.target.value as EvidenceKind })}
            >
              <VocabularyOptions values={EVIDENCE_KINDS} />
            </select>
          </Field>
          <Field label="Source" htmlFor={`evidence-${index}-source`}>
            <input
              id={`evidence-${index}-source`}
              value={item.source}
              placeholder="12 customer interviews"
              onChange={(event) => update(index, { source: event.target.value })}
            />
          </Field>
          <Field label="Note" htmlFor={`evidence-${index}-note`} className="grow">
            <input id={`evidence-${index}-note`} value={item.note} onChange={(event) => update(index, { note: event.target.value })} />
          </Field>
          <button
            type="button"
            className="button ghost small"
            aria-label={`Remove evidence ${index + 1}`}
            onClick={() => onChange(value.filter((_, position) => position !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button small"
        onClick={() => onChange([...value, { kind: 'qualitative', source: '', note: '' }])}
      >
        Add evidence
      </button>
    </fieldset>
  );
}
