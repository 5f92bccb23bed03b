import { OpenFeature, ProviderEvents, type EvaluationContext, type EventDetails } from '@openfeature/server-sdk';
import { OpenFeature as WebOpenFeature, ProviderEvents as WebProviderEvents } from '@openfeature/web-sdk';
import { evaluateUnforced, VerdictProvider, VerdictWebProvider } from '@verdict/shared';
import { startTestApp, TestApp } from '../support/app';
import { createCohort, createRunningExperiment, pauseExperiment } from '../support/factories';

// The real OpenFeature SDKs with Verdict's providers, against a running Verdict. The web SDK runs
// in Node here: its CommonJS build needs no DOM, and the provider evaluates locally.

const waitForConfig = () => new Promise((resolve) => setTimeout(resolve, 1100));
const VARIANTS = [
  { key: 'control', weight: 0.5, control: true },
  { key: 'treatment', weight: 0.5, control: false },
];

interface Setup {
  flowKey: string;
  split: string;
  targeted: string;
  narrow: string;
  /** Units and what the bucketing gives them, computed independently of the providers. */
  controlUnit: string;
  treatmentUnit: string;
  outOfCoverageUnit: string;
}

describe('OpenFeature providers (VerdictProvider, VerdictWebProvider) against a running Verdict', () => {
  let t: TestApp;
  let sdkKey: string;
  let setup: Setup;
  const errors: unknown[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    sdkKey = (await t.api('POST', '/api-keys', { name: 'openfeature sdk', scope: 'sdk' })).body.key;
    const cohort = await createCohort(t.api, { rules: [{ attribute: 'companySize', op: 'lt', value: 50 }] });
    const split = await createRunningExperiment(t.api, { coverage: 1, seed: 'of-split', variants: VARIANTS });
    const targeted = await createRunningExperiment(t.api, {
      coverage: 1,
      seed: 'of-targeted',
      targetCohortKeys: [cohort.key],
      forcedVariants: { 'qa-of': 'treatment' },
    });
    const narrow = await createRunningExperiment(t.api, { coverage: 0.1, seed: 'of-narrow' });
    const units = Array.from({ length: 100 }, (_, i) => `of-unit-${i}`);
    const inSplit = (unitId: string) => evaluateUnforced({ seed: 'of-split', variants: VARIANTS, coverage: 1 }, unitId).variantKey;
    setup = {
      flowKey: split.flowKey,
      split: split.key,
      targeted: targeted.key,
      narrow: narrow.key,
      controlUnit: units.find((u) => inSplit(u) === 'control')!,
      treatmentUnit: units.find((u) => inSplit(u) === 'treatment')!,
      outOfCoverageUnit: units.find(
        (u) => evaluateUnforced({ seed: 'of-narrow', variants: VARIANTS, coverage: 0.1 }, u).reason === 'not_in_coverage',
      )!,
    };
    await waitForConfig();
  });
  afterAll(async () => {
    await OpenFeature.close();
    await WebOpenFeature.close();
    await t.close();
  });

  const providerOptions = () => ({
    baseUrl: t.baseUrl,
    apiKey: sdkKey,
    refreshIntervalMs: 0,
    onError: (error: unknown) => errors.push(error),
  });

  describe('@openfeature/server-sdk with VerdictProvider', () => {
    let provider: VerdictProvider;
    const client = () => OpenFeature.getClient('verdict');

    beforeAll(async () => {
      provider = new VerdictProvider(providerOptions());
      await OpenFeature.setProviderAndWait('verdict', provider);
    });

    it('is ready once the configuration is fetched (PROVIDER_READY)', async () => {
      const ready = new Promise<EventDetails | undefined>((resolve) => client().addHandler(ProviderEvents.Ready, resolve));
      // A handler added after the provider became ready runs at once.
      expect((await ready)?.providerName).toBe('Verdict');
      expect(client().providerStatus).toBe('READY');
    });

    it('resolves every path: split, targeting match, forced, out of the experiment, unknown flag, missing targeting key', async () => {
      const details = (flag: string, context: EvaluationContext) => client().getStringDetails(flag, 'fallback', context);
      expect(await details(setup.split, { targetingKey: setup.treatmentUnit })).toMatchObject({
        value: 'treatment',
        variant: 'treatment',
        reason: 'SPLIT',
        flagMetadata: { inExperiment: true, assignmentReason: 'assigned' },
      });
      expect(await details(setup.split, { targetingKey: setup.controlUnit })).toMatchObject({ value: 'control', reason: 'SPLIT' });
      expect(await details(setup.targeted, { targetingKey: 'of-small', companySize: 10 })).toMatchObject({
        reason: 'TARGETING_MATCH',
        flagMetadata: { inExperiment: true },
      });
      expect(await details(setup.targeted, { targetingKey: 'qa-of', companySize: 5000 })).toMatchObject({
        value: 'treatment',
        reason: 'TARGETING_MATCH',
        flagMetadata: { inExperiment: true, assignmentReason: 'forced' },
      });
      expect(await details(setup.targeted, { targetingKey: 'of-large', companySize: 5000 })).toMatchObject({
        value: 'control',
        variant: 'control',
        reason: 'DEFAULT',
        flagMetadata: { inExperiment: false, assignmentReason: 'not_targeted' },
      });
      expect(await details(setup.narrow, { targetingKey: setup.outOfCoverageUnit })).toMatchObject({
        value: 'control',
        reason: 'DEFAULT',
        flagMetadata: { inExperiment: false, assignmentReason: 'not_in_coverage' },
      });
      expect(await details('no-such-experiment', { targetingKey: 'u' })).toMatchObject({
        value: 'fallback',
        reason: 'ERROR',
        errorCode: 'FLAG_NOT_FOUND',
      });
      expect(await details(setup.split, { plan: 'pro' })).toMatchObject({
        value: 'fallback',
        reason: 'ERROR',
        errorCode: 'TARGETING_KEY_MISSING',
      });
      // Variant keys are strings: a number evaluation is a type mismatch, with the default.
      expect(await client().getNumberDetails(setup.split, 7, { targetingKey: 'u' })).toMatchObject({ value: 7, errorCode: 'TYPE_MISMATCH' });
    });

    it('maps booleans: control → false, a treatment → true, out of the experiment → false', async () => {
      const value = (flag: string, targetingKey: string, fallback = true) => client().getBooleanValue(flag, fallback, { targetingKey });
      expect(await value(setup.split, setup.controlUnit)).toBe(false);
      expect(await value(setup.split, setup.treatmentUnit, false)).toBe(true);
      expect(await value(setup.narrow, setup.outOfCoverageUnit)).toBe(false);
      expect(await client().getBooleanDetails('no-such-experiment', true, { targetingKey: 'u' })).toMatchObject({
        value: true,
        errorCode: 'FLAG_NOT_FOUND',
      });
    });

    it('reports exposures as the SDK does, and the server agrees with POST /assignments', async () => {
      const unitId = 'of-exposed-1';
      const value = await client().getStringValue(setup.split, 'fallback', { targetingKey: unitId, plan: 'pro' });
      await provider.evaluator.flush();
      const [row] = await t.dataSource.query(
        `SELECT a.variant_key, a.source, a.attributes FROM assignments a JOIN experiments e ON e.id = a.experiment_id
          WHERE e.key = $1 AND a.unit_id = $2`,
        [setup.split, unitId],
      );
      expect(row).toEqual({ variant_key: value, source: 'sdk', attributes: { plan: 'pro' } });
      const assigned = await t.api('POST', '/assignments', { experimentKey: setup.split, unitId }, sdkKey);
      expect(assigned.body).toMatchObject({ variantKey: value, reason: 'sticky' });
    });

    it('turns track("flowKey:stepKey", context, {outcome}) into a stored step event for the targeting key', async () => {
      const unitId = 'of-tracked-1';
      client().track(`${setup.flowKey}:signup`, { targetingKey: unitId }, { outcome: 'deviated', value: 3, plan: 'pro' });
      await provider.evaluator.flush();
      const rows = await t.dataSource.query(
        `SELECT unit_id, flow_key, step_key, outcome, properties FROM step_events WHERE unit_id = $1`,
        [unitId],
      );
      expect(rows).toEqual([
        { unit_id: unitId, flow_key: setup.flowKey, step_key: 'signup', outcome: 'deviated', properties: { value: 3, plan: 'pro' } },
      ]);
      // Calls it cannot send reach onError, not the server.
      const before = errors.length;
      client().track('no-colon', { targetingKey: unitId }, { outcome: 'aligned' });
      client().track(`${setup.flowKey}:signup`, {}, { outcome: 'aligned' });
      client().track(`${setup.flowKey}:signup`, { targetingKey: unitId }, { outcome: 'maybe' });
      expect(errors.slice(before).map(String)).toEqual([
        expect.stringContaining('must be "flowKey:stepKey"'),
        expect.stringContaining('targetingKey'),
        expect.stringContaining('details.outcome'),
      ]);
    });

    it('announces PROVIDER_CONFIGURATION_CHANGED when a refresh sees an experiment paused', async () => {
      const paused = await createRunningExperiment(t.api, { coverage: 1, seed: 'of-paused' });
      await waitForConfig();
      await provider.evaluator.refresh();
      expect((await client().getStringDetails(paused.key, 'fallback', { targetingKey: 'of-p1' })).reason).toBe('SPLIT');
      const changed = new Promise<EventDetails | undefined>((resolve) => client().addHandler(ProviderEvents.ConfigurationChanged, resolve));
      await pauseExperiment(t.api, paused.key);
      await waitForConfig();
      await provider.evaluator.refresh();
      expect((await changed)?.flagsChanged).toEqual([paused.key]);
      expect(await client().getStringDetails(paused.key, 'fallback', { targetingKey: 'of-p2' })).toMatchObject({
        value: 'control',
        reason: 'DEFAULT',
        flagMetadata: { inExperiment: false, assignmentReason: 'not_running' },
      });
    });

    it('takes an existing LocalEvaluator and leaves it open on close', async () => {
      const shared = new VerdictProvider(providerOptions()).evaluator;
      const wrapped = new VerdictProvider(shared);
      expect(wrapped.evaluator).toBe(shared);
      await OpenFeature.setProviderAndWait('borrowed', wrapped);
      expect(await OpenFeature.getClient('borrowed').getStringValue(setup.split, 'x', { targetingKey: setup.treatmentUnit })).toBe('treatment');
      await OpenFeature.clearProviders();
      await OpenFeature.setProviderAndWait('verdict', provider);
      expect(shared.evaluate(setup.split, setup.controlUnit).variantKey).toBe('control');
      await shared.close();
    });
  });

  describe('@openfeature/web-sdk with VerdictWebProvider', () => {
    let provider: VerdictWebProvider;
    const client = () => WebOpenFeature.getClient('verdict-web');

    beforeAll(async () => {
      provider = new VerdictWebProvider(providerOptions());
      await WebOpenFeature.setContext({ targetingKey: setup.treatmentUnit });
      await WebOpenFeature.setProviderAndWait('verdict-web', provider);
    });

    it('resolves synchronously against the static context: split, forced, out of the experiment, unknown, missing key, booleans', async () => {
      expect(client().providerStatus).toBe('READY');
      expect(client().getStringDetails(setup.split, 'fallback')).toMatchObject({ value: 'treatment', reason: 'SPLIT' });
      expect(client().getBooleanValue(setup.split, false)).toBe(true);
      await WebOpenFeature.setContext({ targetingKey: setup.controlUnit });
      expect(client().getStringDetails(setup.split, 'fallback')).toMatchObject({ value: 'control', reason: 'SPLIT' });
      expect(client().getBooleanValue(setup.split, true)).toBe(false);
      await WebOpenFeature.setContext({ targetingKey: 'qa-of', companySize: 5000 });
      expect(client().getStringDetails(setup.targeted, 'fallback')).toMatchObject({ value: 'treatment', reason: 'TARGETING_MATCH' });
      await WebOpenFeature.setContext({ targetingKey: 'of-small-web', companySize: 3 });
      expect(client().getStringDetails(setup.targeted, 'fallback')).toMatchObject({ reason: 'TARGETING_MATCH' });
      await WebOpenFeature.setContext({ targetingKey: setup.outOfCoverageUnit });
      expect(client().getStringDetails(setup.narrow, 'fallback')).toMatchObject({ value: 'control', reason: 'DEFAULT' });
      expect(client().getBooleanValue(setup.narrow, true)).toBe(false);
      expect(client().getStringDetails('no-such-experiment', 'fallback')).toMatchObject({ value: 'fallback', errorCode: 'FLAG_NOT_FOUND' });
      await WebOpenFeature.setContext({ plan: 'pro' });
      expect(client().getStringDetails(setup.split, 'fallback')).toMatchObject({ value: 'fallback', errorCode: 'TARGETING_KEY_MISSING' });
    });

    it('sends track() as a step event for the context of the page', async () => {
      await WebOpenFeature.setContext({ targetingKey: 'of-web-tracked' });
      client().track(`${setup.flowKey}:activated`, { outcome: 'aligned' });
      await provider.evaluator.flush();
      const rows = await t.dataSource.query(`SELECT flow_key, step_key, outcome FROM step_events WHERE unit_id = $1`, ['of-web-tracked']);
      expect(rows).toEqual([{ flow_key: setup.flowKey, step_key: 'activated', outcome: 'aligned' }]);
    });

    it('announces PROVIDER_CONFIGURATION_CHANGED when an experiment is paused', async () => {
      const changed = new Promise<string[] | undefined>((resolve) =>
        client().addHandler(WebProviderEvents.ConfigurationChanged, (details) => resolve(details?.flagsChanged)),
      );
      await pauseExperiment(t.api, setup.narrow);
      await waitForConfig();
      await provider.evaluator.refresh();
      expect(await changed).toEqual([setup.narrow]);
    });
  });
});
