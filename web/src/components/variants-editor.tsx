import { Field } from './form/field';

export interface VariantDraft {
  key: string;
  name: string;
  /** Percent text, "50" = 0.5. */
  weightPercent: string;
  control: boolean;
}

/** Variants in their fixed order, with weights in percent and exactly one control. */
export function VariantsEditor({ value, onChange }: { value: VariantDraft[]; onChange(next: VariantDraft[]): void }) {
  const update = (index: number, patch: Partial<VariantDraft>) =>
    onChange(value.map((item, position) => (position === index ? { ...item, ...patch } : item)));
  const total = value.reduce((sum, item) => sum + (Number(item.weightPercent) || 0), 0);
  const splitEvenly = () => {
    const share = Math.floor((10000 / value.length)) / 100;
    onChange(
      value.map((item, index) => ({
        ...item,
        weightPercent: String(index === 0 ? Math.round((100 - share * (value.length - 1)) * 100) / 100 : share),
      })),
    );
  };
  return (
    <fieldset className="field">
      <legend>Variants</legend>
      {value.map((variant, index) => (
        <div key={index} className="repeat-row">
          <Field label="Key" htmlFor={`variant-${index}-key`}>
            <input id={`variant-${index}-key`} required value={variant.key} onChange={(event) => update(index, { key: event.target.value })} />
          </Field>
          <Field label="Name" htmlFor={`variant-${index}-name`} className="grow">
            <input id={`variant-${index}-name`} value={variant.name} onChange={(event) => update(index, { name: event.target.value })} />
          </Field>
          <Field label="Weight (%)" htmlFor={`variant-${index}-weight`} className="narrow">
            <input
              id={`variant-${index}-weight`}
              type="number"
              min="0"
              max="100"
              step="any"
              value={variant.weightPercent}
              onChange={(event) => update(index, { weightPercent: event.target.value })}
            />
          </Field>
          <label className="checkbox">
            <input
              type="radio"
              name="control-variant"
              checked={variant.control}
              onChange={() => onChange(value.map((item, position) => ({ ...item, control: position === index })))}
            />
            Control
          </label>
          <button
            type="button"
            className="button ghost small"
            disabled={value.length <= 2}
            aria-label={`Remove variant ${variant.key || index + 1}`}
            onClick={() => onChange(value.filter((_, position) => position !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      <div className="button-row">
        <button
          type="button"
          className="button small"
          onClick={() => onChange([...value, { key: `treatment_${value.length}`, name: '', weightPercent: '0', control: false }])}
        >
          Add variant
        </button>
        <button type="button" className="button small ghost" onClick={splitEvenly}>
          Split evenly
        </button>
        <span className={`small ${Math.abs(total - 100) > 1e-4 ? 'field-error' : 'muted'}`}>Total {Math.round(total * 100) / 100}%</span>
      </div>
    </fieldset>
  );
}
