import type { AnyProviderEvent, EventContext, EventDetails, EventHandler, Logger, ProviderEventEmitter } from '@openfeature/core';

/**
 * The provider's `events`, as the OpenFeature SDKs read them. The SDKs ship their own emitter
 * class, but importing it would make `@verdict/shared` load an OpenFeature package at runtime
 * for everyone; this one keeps the dependency type-only (the packages are optional peers).
 */
export class VerdictProviderEvents implements ProviderEventEmitter<AnyProviderEvent> {
  private readonly handlers = new Map<AnyProviderEvent, EventHandler[]>();
  private logger: Logger | undefined;

  emit(eventType: AnyProviderEvent, context?: EventContext): void {
    for (const handler of [...(this.handlers.get(eventType) ?? [])]) {
      // A handler's failure is logged, never thrown into the provider (as the SDKs' emitters do).
      Promise.resolve()
        // The SDKs add the provider and domain names to what a provider emits before it reaches users.
        .then(() => handler(context as EventDetails))
        .catch((error: unknown) => this.logger?.error('Error running event handler:', error));
    }
  }

  addHandler(eventType: AnyProviderEvent, handler: EventHandler): void {
    this.handlers.set(eventType, [...(this.handlers.get(eventType) ?? []), handler]);
  }

  removeHandler(eventType: AnyProviderEvent, handler: EventHandler): void {
    const handlers = this.handlers.get(eventType) ?? [];
    const at = handlers.lastIndexOf(handler);
    if (at >= 0) this.handlers.set(eventType, [...handlers.slice(0, at), ...handlers.slice(at + 1)]);
  }

  removeAllHandlers(eventType?: AnyProviderEvent): void {
    if (eventType === undefined) this.handlers.clear();
    else this.handlers.delete(eventType);
  }

  getHandlers(eventType: AnyProviderEvent): EventHandler[] {
    return [...(this.handlers.get(eventType) ?? [])];
  }

  setLogger(logger: Logger): this {
    this.logger = logger;
    return this;
  }
}
