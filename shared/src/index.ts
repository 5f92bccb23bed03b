// @verdict/shared: pure statistics, bucketing, the verdict rule, the analysis core, the API
// types, the shared vocabularies, defaults and number format, the SDK and its OpenFeature providers.
export * from './vocabularies';
export * from './defaults';
export * from './format/number-format';
export * from './api';
export * from './stats';
export * from './verdict';
export * from './analysis';
export * from './bucketing';
export * from './sdk';
export * from './openfeature';
