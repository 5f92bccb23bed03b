import { percent } from '../format';

export function ProgressBar({ fraction, label }: { fraction: number; label: string }) {
  const clamped = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(clamped * 100)}
      >
        <div className="progress-fill" style={{ width: `${clamped * 100}%` }} />
      </div>
      <span className="progress-text">{percent(clamped, 0)}</span>
    </div>
  );
}
