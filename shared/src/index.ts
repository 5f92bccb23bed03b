// @verdict/shared: pure statistics, bucketing, the verdict rule, API types and the SDK.
export * from './api/types';
export * from './stats';
export * from './verdict';
export * from './bucketing';
export * from './sdk';
