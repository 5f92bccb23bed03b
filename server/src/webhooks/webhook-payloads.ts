import type { JourneyMeasurement, WebhookEvent } from '@verdict/shared';

// What each event carries (`data`), and how an event reads in Slack. Pure: no I/O.

export interface VerdictChangedData {
  hypothesis: { id: string; title: string };
  version: number;
  experiment: string | null;
  from: string | null;
  to: string;
  reason: string;
  actor: string;
  analysisId: string | null;
  link: string;
}

export interface ExperimentStatusChangedData {
  experiment: { id: string; key: string; name: string };
  hypothesisId: string;
  from: string;
  to: string;
  actor: string;
  reason: string | null;
  link: string;
}

export interface SrmDetectedData {
  experiment: { id: string; key: string; name: string };
  analysisId: string;
  pValue: number;
  unitsPerVariant: Record<string, number>;
  link: string;
}

export interface AnalysisFailedData {
  experiment: { id: string; key: string; name: string };
  jobId: string;
  attempts: number;
  error: string;
  link: string;
}

export interface ExpectationChangedData {
  hypothesis: { id: string; title: string };
  version: number;
  experiment: string;
  cohortKey: string;
  stepKey: string;
  direction: string;
  from: string | null;
  to: string;
  reason: string;
  analysisId: string;
  link: string;
}

/** journey.health_escalated / journey.health_recovered: a cohort's journey fell below, or came back to, its expectation. */
export interface JourneyHealthData extends Omit<JourneyMeasurement, 'cohortKey'> {
  flow: { id: string; key: string; name: string };
  cohort: { key: string; name: string };
  /** journey.health_recovered only: when the escalation opened. */
  openedAt?: string;
  link: string;
}

const percent = (value: unknown) => (typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : 'n/a');

const VERDICT_EMOJI: Record<string, string> = {
  validated: ':white_check_mark:',
  refuted: ':x:',
  inconclusive: ':grey_question:',
  running: ':arrow_forward:',
  draft: ':pencil2:',
  archived: ':file_cabinet:',
};

/** The headline of an event, one line of plain text. */
export function eventSummary(event: WebhookEvent): string {
  const data = event.data as Record<string, any>;
  switch (event.type) {
    case 'verdict.changed':
      return `${VERDICT_EMOJI[data.to] ?? ''} Hypothesis "${data.hypothesis.title}" (v${data.version}): ${data.from ?? 'new'} → ${data.to}`.trim();
    case 'experiment.status_changed':
      return `Experiment "${data.experiment.name}" (${data.experiment.key}): ${data.from} → ${data.to}`;
    case 'experiment.srm_detected':
      return `:warning: Sample-ratio mismatch in experiment "${data.experiment.name}" (${data.experiment.key}), p = ${Number(data.pValue).toPrecision(3)}`;
    case 'analysis.failed':
      return `:rotating_light: The analysis of experiment "${data.experiment.name}" (${data.experiment.key}) failed after ${data.attempts} attempts`;
    case 'expectation.changed':
      return `${VERDICT_EMOJI[data.to] ?? ''} Hypothesis "${data.hypothesis.title}" (v${data.version}), expectation for ${data.cohortKey} on ${data.stepKey}: ${data.from ?? 'new'} → ${data.to}`.trim();
    case 'journey.health_escalated':
      return `:rotating_light: Journey "${data.flow.name}": ${data.cohort.name} reached ${data.stepKey} at ${percent(data.observedRate)}, expected ${percent(data.expectedRate)} (p = ${Number(data.pValue).toPrecision(3)})`;
    case 'journey.health_recovered':
      return `:white_check_mark: Journey "${data.flow.name}": ${data.cohort.name} is back at ${percent(data.observedRate)} on ${data.stepKey} (expected ${percent(data.expectedRate)})`;
    default:
      return 'Test event from Verdict: this webhook works.';
  }
}

/** A Slack incoming-webhook body: `text` for notifications, `blocks` for the message itself. */
export function slackBody(event: WebhookEvent): { text: string; blocks: unknown[] } {
  const data = event.data as Record<string, any>;
  const text = eventSummary(event);
  const detail = data.reason ?? data.error ?? null;
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text: `*${escapeSlack(text)}*` } }];
  if (detail) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escapeSlack(String(detail)) } });
  const context = [`${event.type} · ${event.createdAt}`];
  if (typeof data.link === 'string') context.push(`<${data.link}|Open in Verdict>`);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context.join(' · ') }] });
  return { text, blocks };
}

/** Slack's mrkdwn treats &, < and > as markup. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
