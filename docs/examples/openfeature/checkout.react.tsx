// A React page that reads a Verdict experiment through OpenFeature and reports a step with
// track(). Shown in docs/sdk.md ("A React app") and rendered by web/src/openfeature-example.spec.tsx.
import { OpenFeature, OpenFeatureProvider, useStringFlagValue, useTrack } from '@openfeature/react-sdk';
import { VerdictWebProvider, type VerdictProviderOptions } from '@verdict/shared';

/** Once, before the first render: the signed-in customer is the unit of every evaluation. */
export async function startFlags(customer: { id: string; country: string }, verdict: VerdictProviderOptions): Promise<void> {
  await OpenFeature.setContext({ targetingKey: customer.id, country: customer.country });
  await OpenFeature.setProviderAndWait(new VerdictWebProvider(verdict));
}

export function App() {
  return (
    <OpenFeatureProvider>
      <Checkout />
    </OpenFeatureProvider>
  );
}

function Checkout() {
  const layout = useStringFlagValue('one-page-checkout', 'control'); // 'control' | 'treatment'
  const { track } = useTrack();
  return (
    <section aria-label="Checkout" data-layout={layout}>
      <h1>{layout === 'treatment' ? 'Pay in one page' : 'Checkout'}</h1>
      <button onClick={() => track('checkout:pay', { outcome: 'aligned' })}>Pay</button>
    </section>
  );
}
