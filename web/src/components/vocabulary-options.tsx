import { humanize } from '../format';

/**
 * The `<option>`s of a select over one of the shared vocabularies (`COHORT_KINDS`,
 * `METRIC_AREAS`, …), in the vocabulary's order, labelled for people unless `label` says otherwise.
 */
export function VocabularyOptions<T extends string>({ values, label = humanize }: { values: readonly T[]; label?: (value: T) => string }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {label(value)}
        </option>
      ))}
    </>
  );
}
