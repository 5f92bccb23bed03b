import type { FlowStep, StepResult } from '@verdict/shared';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { percent } from '../format';
import { useNarrowScreen } from '../hooks/use-narrow-screen';

export const SERIES_COLOURS = ['#64748b', '#2563eb', '#16a34a', '#d97706', '#9333ea', '#0891b2'];

/** Conversion rate per step (in flow order), one bar per variant. */
export function FunnelChart({ steps, flowSteps = [], variantKeys }: { steps: StepResult[]; flowSteps?: FlowStep[]; variantKeys: string[] }) {
  const narrow = useNarrowScreen();
  const data = steps.map((step) => {
    const row: Record<string, string | number> = {
      step: flowSteps.find((candidate) => candidate.key === step.stepKey)?.name ?? step.stepKey,
    };
    for (const variant of step.variants) row[variant.variantKey] = variant.rate;
    return row;
  });
  return (
    <figure className="chart" aria-label="Funnel: conversion rate per step and variant">
      <ResponsiveContainer width="100%" height={narrow ? 340 : 280}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="step"
            tick={{ fontSize: narrow ? 10 : 12 }}
            interval={0}
            angle={narrow ? -40 : 0}
            textAnchor={narrow ? 'end' : 'middle'}
            height={narrow ? 90 : 30}
          />
          <YAxis tickFormatter={(value: number) => percent(value, 0)} domain={[0, 1]} tick={{ fontSize: 12 }} width={48} />
          <Tooltip formatter={(value) => percent(Number(value))} />
          <Legend />
          {variantKeys.map((key, index) => (
            <Bar key={key} dataKey={key} fill={SERIES_COLOURS[index % SERIES_COLOURS.length]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
