import { Line, type LineProps } from 'recharts';
import { SERIES_COLOURS } from './funnel-chart';

interface TreatmentLinesProps {
  treatmentKeys: string[];
  /** The plotted statistic, named in the legend: "z (treatment)". */
  statistic: string;
  /** How points are joined: a smooth curve, or steps for a value that only changes at each analysis. */
  type: LineProps['type'];
}

/** One line per treatment in a sequential chart, coloured as the treatment is in the funnel chart. */
export function TreatmentLines({ treatmentKeys, statistic, type }: TreatmentLinesProps) {
  return (
    <>
      {treatmentKeys.map((key, index) => (
        <Line
          key={key}
          type={type}
          dataKey={key}
          name={`${statistic} (${key})`}
          // The funnel gives the control the first colour; treatments follow it.
          stroke={SERIES_COLOURS[(index + 1) % SERIES_COLOURS.length]}
          strokeWidth={2}
          isAnimationActive={false}
        />
      ))}
    </>
  );
}
