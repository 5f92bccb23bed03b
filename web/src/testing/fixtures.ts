import type { Flow } from '@verdict/shared';

/** A three-step flow, as GET /flows/onboarding answers it. */
export const onboardingFlow: Flow = {
  id: 'f1',
  key: 'onboarding',
  name: 'Onboarding',
  steps: [
    { key: 'signup', name: 'Sign-up', kind: 'trigger' },
    { key: 'setup', name: 'Setup', kind: 'step' },
    { key: 'first_report', name: 'First report', kind: 'need_met' },
  ],
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
};
