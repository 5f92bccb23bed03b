import { slackBody } from './webhook-payloads';

describe('slackBody', () => {
  it('makes a headline, the reason and a link, with Slack markup escaped', () => {
    const body = slackBody({
      id: 'e1',
      type: 'verdict.changed',
      createdAt: '2026-12-01T10:00:00.000Z',
      data: {
        hypothesis: { id: 'h1', title: 'Cart <b> & co' },
        version: 2,
        from: 'running',
        to: 'validated',
        reason: 'p < 0.01',
        link: 'https://verdict.example.com/hypotheses/h1',
      },
    });
    expect(body.text).toBe(':white_check_mark: Hypothesis "Cart <b> & co" (v2): running → validated');
    expect(body.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*:white_check_mark: Hypothesis "Cart &lt;b&gt; &amp; co" (v2): running → validated*' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'p &lt; 0.01' } },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: 'verdict.changed · 2026-12-01T10:00:00.000Z · <https://verdict.example.com/hypotheses/h1|Open in Verdict>' },
        ],
      },
    ]);
  });
});
