import type { Hypothesis } from '@verdict/shared';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { humanize } from '../../format';
import { useHypothesisActions } from '../../hooks/use-hypotheses';
import { routes } from '../../routes';
import { FormError } from '../form/form-error';
import { StatusBadge } from '../status-badge';
import { EditDetailsForm } from './edit-details-form';
import { EvidenceCard } from './evidence-card';
import { ExperimentsCard } from './experiments-card';
import { IterationsCard } from './iterations-card';
import { OverrideForm } from './override-form';
import { ReviseForm } from './revise-form';
import { StatementCard } from './statement-card';
import { StatusHistoryCard } from './status-history-card';
import { VersionsCard } from './versions-card';
import { Can } from '../can';

type Panel = 'edit' | 'revise' | 'override';

const PANEL_BUTTONS: [Panel, string][] = [
  ['edit', 'Edit details'],
  ['revise', 'Revise'],
  ['override', 'Override verdict'],
];

/** One hypothesis: its header and actions, at most one open form, then its statement, experiments and history. */
export function HypothesisView({ hypothesis }: { hypothesis: Hypothesis }) {
  const { archive } = useHypothesisActions(hypothesis.id);
  const [panel, setPanel] = useState<Panel | null>(null);
  const close = () => setPanel(null);
  const running = hypothesis.experiments.some((experiment) => experiment.status === 'running' || experiment.status === 'paused');

  return (
    <section aria-labelledby="hypothesis-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={routes.board}>Hypotheses</Link> / {hypothesis.title}
      </nav>
      <div className="page-header">
        <div>
          <h1 id="hypothesis-title">
            {hypothesis.title} <StatusBadge status={hypothesis.status} />
          </h1>
          <p className="muted">
            Version {hypothesis.version} · {humanize(hypothesis.metricArea)} · flow <code>{hypothesis.flowKey}</code> · owner{' '}
            {hypothesis.owner || '—'}
          </p>
        </div>
        <Can role="editor">
          <div className="button-row">
            {!running && hypothesis.status !== 'archived' && (
              <Link to={routes.experimentNew(hypothesis.id)} className="button primary">
                New experiment
              </Link>
            )}
            {PANEL_BUTTONS.map(([name, label]) => (
              <button key={name} type="button" className="button" aria-expanded={panel === name} onClick={() => setPanel(panel === name ? null : name)}>
                {label}
              </button>
            ))}
            {hypothesis.status !== 'archived' && (
              <button type="button" className="button ghost" disabled={archive.isPending} onClick={() => archive.mutate()}>
                Archive
              </button>
            )}
          </div>
        </Can>
      </div>
      <FormError error={archive.error} />

      {panel === 'edit' && <EditDetailsForm hypothesis={hypothesis} onDone={close} />}
      {panel === 'revise' && <ReviseForm hypothesis={hypothesis} running={running} onDone={close} />}
      {panel === 'override' && <OverrideForm hypothesis={hypothesis} onDone={close} />}

      <div className="grid two">
        <StatementCard hypothesis={hypothesis} />
        <EvidenceCard evidence={hypothesis.evidence} />
      </div>
      <ExperimentsCard hypothesis={hypothesis} />
      <IterationsCard hypothesis={hypothesis} />
      <div className="grid two">
        <StatusHistoryCard history={hypothesis.statusHistory} expectations={hypothesis.expectationHistory} />
        <VersionsCard versions={hypothesis.versions} />
      </div>
    </section>
  );
}
