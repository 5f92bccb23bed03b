interface CheckboxListProps {
  options: { value: string; label: string }[];
  /** The checked values, in the order they were checked. */
  value: string[];
  onChange(next: string[]): void;
}

/** A row of checkboxes that picks a subset of the options. */
export function CheckboxList({ options, value, onChange }: CheckboxListProps) {
  return (
    <div className="checkbox-list">
      {options.map((option) => (
        <label key={option.value} className="checkbox">
          <input
            type="checkbox"
            checked={value.includes(option.value)}
            onChange={(event) =>
              onChange(event.target.checked ? [...value, option.value] : value.filter((checked) => checked !== option.value))
            }
          />
          {option.label}
        </label>
      ))}
    </div>
  );
}
