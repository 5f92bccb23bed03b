import { configure } from '@testing-library/react';
import { TextDecoder, TextEncoder } from 'node:util';

// findBy*/waitFor give up after 1 s by default; on a loaded two-core machine a first render with
// its queries can take longer. Waiting longer changes no assertion: a test still fails when
// what it waits for never appears.
configure({ asyncUtilTimeout: 5000 });

// Every browser has TextEncoder (the shared bucketing hashes UTF-8 with it); jsdom leaves it out.
Object.assign(globalThis, { TextEncoder, TextDecoder });
