import type { Results } from '@verdict/shared';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { decimal, percent } from '../format';
import { TreatmentLines } from './treatment-lines';

/** Early boundaries can be 8+ or infinite; the chart clips them so the later looks stay readable. */
const CLIP = 6;
const clip = (value: number) => (Number.isFinite(value) ? Math.max(-CLIP, Math.min(CLIP, value)) : value > 0 ? CLIP : -CLIP);

export interface LookPoint {
  look: number;
  informationFraction: number;
  upperBound: number;
  lowerBound: number;
  z: Record<string, number>;
}

/** The primary step's sequential state at each analysis that made a new look, oldest first. */
export function sequentialLooks(analyses: Partial<Results>[], primaryStepKey: string): LookPoint[] {
  const byLook = new Map<number, LookPoint>();
  const ordered = [...analyses].sort((a, b) => String(a.ranAt ?? '').localeCompare(String(b.ranAt ?? '')));
  for (const analysis of ordered) {
    const step = analysis.steps?.find((candidate) => candidate.stepKey === primaryStepKey);
    for (const comparison of step?.comparisons ?? []) {
      const state = comparison.sequential;
      if (!state || state.look < 1) continue;
      const point = byLook.get(state.look) ?? {
        look: state.look,
        informationFraction: state.informationFraction,
        upperBound: state.upperBound,
        lowerBound: state.lowerBound,
        z: {},
      };
      point.z[comparison.variantKey] = state.z;
      byLook.set(state.look, point);
    }
  }
  return [...byLook.values()].sort((a, b) => a.look - b.look);
}

/** z of each treatment against the group-sequential boundaries, look by look. */
export function SequentialChart({ looks, treatmentKeys }: { looks: LookPoint[]; treatmentKeys: string[] }) {
  if (looks.length === 0) return <p className="muted">No sequential looks yet: the first analysis with data makes one.</p>;
  const data = looks.map((point) => {
    const row: Record<string, number | string> = {
      t: point.informationFraction,
      look: point.look,
      upper: clip(point.upperBound),
      lower: clip(point.lowerBound),
    };
    for (const key of treatmentKeys) if (point.z[key] !== undefined) row[key] = clip(point.z[key]);
    return row;
  });
  return (
    <figure className="chart" aria-label="Sequential z statistic against its boundaries">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            dataKey="t"
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={(value: number) => percent(value, 0)}
            tick={{ fontSize: 12 }}
          />
          <YAxis domain={[-CLIP, CLIP]} tick={{ fontSize: 12 }} width={36} />
          <Tooltip formatter={(value) => decimal(Number(value))} labelFormatter={(value) => `t = ${percent(Number(value))}`} />
          <Legend />
          <ReferenceLine y={0} stroke="#94a3b8" />
          <Line type="monotone" dataKey="upper" name="Upper boundary" stroke="#dc2626" strokeDasharray="6 4" dot isAnimationActive={false} />
          <Line type="monotone" dataKey="lower" name="Lower boundary" stroke="#dc2626" strokeDasharray="6 4" dot isAnimationActive={false} />
          <TreatmentLines treatmentKeys={treatmentKeys} statistic="z" type="monotone" />
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="muted small">
        Horizontal axis: information fraction, the share of the planned sample. Crossing a boundary is significant at that look (Lan–DeMets O'Brien–Fleming spending). Values beyond ±{CLIP} are drawn at
        the edge; the last look is at t = {percent(looks[looks.length - 1].informationFraction, 0)} of the planned sample.
      </figcaption>
    </figure>
  );
}
