// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- jstat has no types; web and bench compile shared/src from outside and need this declaration
/// <reference path="./jstat-module.d.ts" />
// The one place that imports jstat, so the declaration travels with it.
export { jStat } from 'jstat';
