import type { Results } from '@verdict/shared';
import { CartesianGrid, Legend, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { dateTime, pValue } from '../format';
import { TreatmentLines } from './treatment-lines';

export interface MsprtPoint {
  ranAt: string;
  pValues: Record<string, number>;
}

/** The primary step's always-valid p-value at each analysis, oldest first. */
export function msprtPoints(analyses: Partial<Results>[], primaryStepKey: string): MsprtPoint[] {
  return [...analyses]
    .sort((a, b) => String(a.ranAt ?? '').localeCompare(String(b.ranAt ?? '')))
    .flatMap((analysis) => {
      const step = analysis.steps?.find((candidate) => candidate.stepKey === primaryStepKey);
      const pValues: Record<string, number> = {};
      for (const comparison of step?.comparisons ?? []) if (comparison.msprt) pValues[comparison.variantKey] = comparison.msprt.pValue;
      return Object.keys(pValues).length > 0 && analysis.ranAt ? [{ ranAt: analysis.ranAt, pValues }] : [];
    });
}

/** mSPRT: the always-valid p-value only ever falls; below alpha (split across treatments) it is significant. */
export function MsprtChart({ points, treatmentKeys, alpha }: { points: MsprtPoint[]; treatmentKeys: string[]; alpha: number }) {
  if (points.length === 0) return <p className="muted">No analyses with data yet.</p>;
  const data = points.map((point, index) => ({ label: `#${index + 1}`, ranAt: point.ranAt, ...point.pValues }));
  const threshold = alpha / Math.max(1, treatmentKeys.length);
  return (
    <figure className="chart" aria-label="Always-valid p-value over the analyses">
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 1]} tick={{ fontSize: 12 }} width={36} />
          <Tooltip
            formatter={(value) => pValue(Number(value))}
            labelFormatter={(_label, payload) => dateTime(String(payload?.[0]?.payload?.ranAt ?? ''))}
          />
          <Legend />
          <ReferenceLine y={threshold} stroke="#dc2626" strokeDasharray="6 4" label={{ value: `α = ${threshold}`, fontSize: 11, fill: '#dc2626' }} />
          <TreatmentLines treatmentKeys={treatmentKeys} statistic="p" type="stepAfter" />
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="muted small">
        Always-valid p-value of the primary step after each analysis (mSPRT): safe to watch at any time; significant once it is
        below α split across the treatments.
      </figcaption>
    </figure>
  );
}
