import type {
  AnyProviderEvent,
  ErrorCode,
  EvaluationContext,
  FlagMetadata,
  ResolutionDetails,
  TrackingEventDetails,
} from '@openfeature/core';
import type { Attributes } from '../api';
import { LocalEvaluator, LocalEvaluatorOptions } from '../sdk/local-evaluator';
import { STEP_OUTCOMES, StepOutcome } from '../vocabularies';
import { VerdictProviderEvents } from './provider-event-emitter';

// OpenFeature's names, written out: the packages are type-only imports here (optional peers),
// so their enums and constants are not available at runtime. The types keep the spelling honest.
const FLAG_NOT_FOUND = 'FLAG_NOT_FOUND' as ErrorCode.FLAG_NOT_FOUND;
const TARGETING_KEY_MISSING = 'TARGETING_KEY_MISSING' as ErrorCode.TARGETING_KEY_MISSING;
const TYPE_MISMATCH = 'TYPE_MISMATCH' as ErrorCode.TYPE_MISMATCH;
const CONFIGURATION_CHANGED = 'PROVIDER_CONFIGURATION_CHANGED' as AnyProviderEvent;

/** `new VerdictProvider(…)`: the LocalEvaluator's options, or a LocalEvaluator already made. */
export type VerdictProviderOptions = LocalEvaluatorOptions | LocalEvaluator;

// As the OFREP routes say it: in or out, and the assignment reason (docs/api.md).
const IN_ASSIGNED: FlagMetadata = Object.freeze({ inExperiment: true, assignmentReason: 'assigned' });
const IN_FORCED: FlagMetadata = Object.freeze({ inExperiment: true, assignmentReason: 'forced' });

/**
 * What the server and web providers share (docs/sdk.md, "OpenFeature"): a flag key is an
 * experiment key, its value the unit's variant key, computed by the LocalEvaluator (which also
 * reports the exposure); `track()` becomes a step event.
 */
export class VerdictResolution {
  readonly evaluator: LocalEvaluator;
  readonly events = new VerdictProviderEvents();
  private readonly owned: boolean;
  private unsubscribe: (() => void) | null = null;

  constructor(options: VerdictProviderOptions) {
    this.owned = !(options instanceof LocalEvaluator);
    this.evaluator = options instanceof LocalEvaluator ? options : new LocalEvaluator(options);
    this.subscribe();
  }

  /** The first configuration fetch; the SDK announces PROVIDER_READY when it resolves. */
  initialize(): Promise<void> {
    this.subscribe(); // again, for a borrowed evaluator's provider set after it was closed
    return this.evaluator.ready();
  }

  /** Flushes what is queued; closes the evaluator when the provider made it. */
  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.owned) await this.evaluator.close();
    else await this.evaluator.flush();
  }

  private subscribe(): void {
    this.unsubscribe ??= this.evaluator.onConfigurationChange((flagsChanged) =>
      this.events.emit(CONFIGURATION_CHANGED, { flagsChanged }),
    );
  }

  /**
   * The variant key: SPLIT when bucketed, TARGETING_MATCH when forced or let in by the
   * experiment's cohorts, DEFAULT (the control's key) when the unit is out of the experiment.
   */
  string(flagKey: string, defaultValue: string, context: EvaluationContext): ResolutionDetails<string> {
    const experiment = this.evaluator.experiment(flagKey);
    if (!experiment) return failure(defaultValue, FLAG_NOT_FOUND, `no running or paused experiment "${flagKey}"`);
    const unitId = context.targetingKey;
    if (typeof unitId !== 'string' || unitId === '') {
      return failure(defaultValue, TARGETING_KEY_MISSING, 'the evaluation context needs a targetingKey (the unit id)');
    }
    const evaluation = this.evaluator.evaluate(flagKey, unitId, attributesOf(context));
    if (evaluation.inExperiment) {
      const targeted = evaluation.reason === 'forced' || experiment.targeting.length > 0;
      return {
        value: evaluation.variantKey,
        variant: evaluation.variantKey,
        reason: targeted ? 'TARGETING_MATCH' : 'SPLIT',
        flagMetadata: evaluation.reason === 'forced' ? IN_FORCED : IN_ASSIGNED,
      };
    }
    const control = (experiment.variants.find((variant) => variant.control) ?? experiment.variants[0]).key;
    return { value: control, variant: control, reason: 'DEFAULT', flagMetadata: { inExperiment: false, assignmentReason: evaluation.reason } };
  }

  /** The control is false, every treatment true. */
  boolean(flagKey: string, defaultValue: boolean, context: EvaluationContext): ResolutionDetails<boolean> {
    return this.booleanOf(flagKey, this.string(flagKey, '', context), defaultValue);
  }

  /** A string resolution of `flagKey` as a boolean. */
  booleanOf(flagKey: string, resolved: ResolutionDetails<string>, defaultValue: boolean): ResolutionDetails<boolean> {
    if (resolved.errorCode) return { ...resolved, value: defaultValue };
    const control = this.evaluator.experiment(flagKey)!.variants.find((variant) => variant.control)?.key;
    return { ...resolved, value: resolved.variant !== control };
  }

  /** Experiments have variant keys (strings): numbers and objects are a type mismatch. */
  mismatch<T>(flagKey: string, defaultValue: T): ResolutionDetails<T> {
    return failure(defaultValue, TYPE_MISMATCH, `"${flagKey}" resolves to a variant key: use a string or boolean evaluation`);
  }

  /**
   * `track("flowKey:stepKey", context, { outcome: 'aligned' | 'deviated', … })` → a step event
   * for the unit `context.targetingKey`; `id` and `occurredAt` pass through, other details
   * become the event's properties. A call it cannot send goes to `onError`.
   */
  track(name: string, context: EvaluationContext, details: TrackingEventDetails = {}): void {
    const separator = name.indexOf(':');
    const unitId = context.targetingKey;
    const { outcome, id, occurredAt, ...properties } = details;
    let problem: string | null = null;
    if (separator <= 0 || separator === name.length - 1) problem = `the event name "${name}" must be "flowKey:stepKey"`;
    else if (typeof unitId !== 'string' || unitId === '') problem = 'the evaluation context needs a targetingKey (the unit id)';
    else if (!STEP_OUTCOMES.includes(outcome as StepOutcome)) problem = `details.outcome must be one of ${STEP_OUTCOMES.join(', ')}`;
    if (problem) {
      this.evaluator.reportError(new Error(`Verdict OpenFeature provider: track("${name}") not sent: ${problem}`));
      return;
    }
    this.evaluator.track({
      unitId: unitId as string,
      flowKey: name.slice(0, separator),
      stepKey: name.slice(separator + 1),
      outcome: outcome as StepOutcome,
      ...(typeof id === 'string' ? { id } : {}),
      ...(typeof occurredAt === 'string' || occurredAt instanceof Date ? { occurredAt } : {}),
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
    });
  }
}

function failure<T>(value: T, errorCode: ErrorCode, errorMessage: string): ResolutionDetails<T> {
  return { value, reason: 'ERROR', errorCode, errorMessage };
}

const NO_ATTRIBUTES: Attributes = Object.freeze({}) as Attributes;

/** The context but its targetingKey, dates as ISO strings (as they would reach the server in JSON). */
function attributesOf(context: EvaluationContext): Attributes {
  let attributes: Attributes | null = null;
  for (const key in context) {
    if (key === 'targetingKey') continue;
    const value = context[key];
    (attributes ??= {})[key] = value instanceof Date ? value.toISOString() : value;
  }
  return attributes ?? NO_ATTRIBUTES;
}

/**
 * The members the server and web providers have alike, over one VerdictResolution; each
 * provider adds its `runsOn` and the resolve methods its SDK wants (promises on the server,
 * plain values in the browser).
 */
export abstract class VerdictProviderCore {
  readonly metadata = { name: 'Verdict' } as const;
  protected readonly resolution: VerdictResolution;

  constructor(options: VerdictProviderOptions) {
    this.resolution = new VerdictResolution(options);
  }

  get events() {
    return this.resolution.events;
  }

  /** The evaluator underneath (its `flush()`, `version`, or `evaluate()` directly). */
  get evaluator(): LocalEvaluator {
    return this.resolution.evaluator;
  }

  initialize(): Promise<void> {
    return this.resolution.initialize();
  }

  onClose(): Promise<void> {
    return this.resolution.close();
  }

  track(name: string, context: EvaluationContext, details: TrackingEventDetails): void {
    this.resolution.track(name, context, details);
  }
}
