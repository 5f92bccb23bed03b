import '../testing/jsdom-polyfills';
import { fireEvent, screen, within } from '@testing-library/react';
import type { HypothesisSummary } from '@verdict/shared';
import { renderAt, stubFetch } from '../testing/render';
import { BoardPage } from './board-page';

function hypothesis(id: string, patch: Partial<HypothesisSummary>): HypothesisSummary {
  return {
    id,
    title: `Hypothesis ${id}`,
    statement: `We believe ${id}.`,
    metricArea: 'customer_engagement',
    flowKey: 'onboarding',
    primaryStepKey: 'first_report',
    expectedDirection: 'increase',
    minimumEffect: 0.1,
    cohortKey: null,
    guardrailStepKeys: [],
    cohortExpectations: [],
    impact: 3,
    confidence: 3,
    ease: 3,
    score: 27,
    owner: 'maya',
    evidence: [],
    version: 1,
    status: 'draft',
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    ...patch,
  };
}

const items = [
  hypothesis('a', { status: 'validated', score: 80, title: 'Checklist', latestResult: { experimentKey: 'x', variantKey: 'treatment', relativeLift: 0.462, ciRelative: [0.31, 0.61], progress: 0.65 } }),
  hypothesis('b', { status: 'refuted', score: 40, owner: 'li', metricArea: 'solution_performance' }),
  hypothesis('c', { status: 'running', score: 48, title: 'Digest' }),
  hypothesis('d', { status: 'running', score: 60, title: 'Templates', owner: 'li' }),
  hypothesis('e', { status: 'draft', score: 12 }),
  hypothesis('f', { status: 'archived', score: 99 }),
];

function setUp(path = '/') {
  window.sessionStorage.setItem('verdict.token', 'test-token');
  stubFetch({
    'GET /api/v1/hypotheses': { items, total: items.length },
    'GET /api/v1/flows': { items: [], total: 0 },
  });
  renderAt(path, [{ path: '/', element: <BoardPage /> }]);
}

const count = (status: string) => screen.getByTestId(`count-${status}`).querySelector('.count')?.textContent;
const titles = (status: string) =>
  within(screen.getByTestId(`group-${status}`))
    .queryAllByRole('heading', { level: 3 })
    .map((heading) => heading.textContent);

describe('BoardPage', () => {
  it('counts hypotheses per status and lists each group by priority score', async () => {
    setUp();
    await screen.findByText('Checklist');
    expect([count('draft'), count('running'), count('validated'), count('refuted'), count('inconclusive'), count('archived')]).toEqual([
      '1',
      '2',
      '1',
      '1',
      '0',
      '1',
    ]);
    expect(titles('running')).toEqual(['Templates', 'Digest']);
    expect(screen.queryByTestId('group-archived')).toBeNull();
    const card = within(screen.getByTestId('group-validated')).getByTestId('hypothesis-card');
    expect(within(card).getByTestId('lift').textContent).toBe('+46.2% [+31.0%, +61.0%]');
    expect(within(card).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('65');
  });

  it('filters by owner and recounts, and shows one status when its tab is pressed', async () => {
    setUp();
    await screen.findByText('Checklist');
    fireEvent.change(screen.getByLabelText('Owner'), { target: { value: 'li' } });
    expect(count('running')).toBe('1');
    expect(count('refuted')).toBe('1');
    expect(count('validated')).toBe('0');
    fireEvent.click(screen.getByTestId('count-running'));
    expect(screen.getByTestId('count-running').getAttribute('aria-pressed')).toBe('true');
    expect(titles('running')).toEqual(['Templates']);
    expect(screen.queryByTestId('group-refuted')).toBeNull();
  });
});
