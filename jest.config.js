// Three tiers: pure unit tests beside the code, API end-to-end tests against real
// PostgreSQL and Redis, and browser tests that drive the built console in Chromium.
const transform = { '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] };
// content-disposition (under @fastify/static) ships ESM only; Jest on Node 20 cannot require ESM.
const transformIgnorePatterns = ['/node_modules/(?!content-disposition/)'];
const moduleNameMapper = { '^@verdict/shared$': '<rootDir>/shared/src/index.ts' };

module.exports = {
  // Jest reads the test timeout globally, not per project: the e2e and browser tests need more than 5 s.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testMatch: ['<rootDir>/shared/src/**/*.spec.ts', '<rootDir>/server/src/**/*.spec.ts'],
    },
    {
      displayName: 'web',
      testEnvironment: 'jsdom',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/web/src/**/*.spec.tsx', '<rootDir>/web/src/**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/web/src/testing/setup.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFiles: ['<rootDir>/test/support/test-env.ts'],
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFiles: ['<rootDir>/test/support/test-env.ts'],
    },
  ],
};
