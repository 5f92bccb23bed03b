// jsdom lacks a few Web APIs that react-router and the shared package use at import time.
// Component specs import this module first.
import { TextDecoder, TextEncoder } from 'node:util';

const scope = globalThis as Record<string, unknown>;
scope.TextEncoder ??= TextEncoder;
scope.TextDecoder ??= TextDecoder;

// Recharts' ResponsiveContainer observes its size; jsdom has no layout, so nothing ever resizes.
scope.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
