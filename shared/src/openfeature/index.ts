// OpenFeature providers on the local evaluator. The OpenFeature packages are optional peer
// dependencies, imported for their types only: nothing here loads them at runtime.
export { VerdictProvider } from './verdict-provider';
export { VerdictWebProvider } from './verdict-web-provider';
export type { VerdictProviderOptions } from './verdict-resolution';
