import { humanize } from '../format';

/** One badge for hypothesis, experiment and verdict statuses; the colour follows the word. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {label ?? humanize(status)}
    </span>
  );
}
