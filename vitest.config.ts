import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    exclude: ['node_modules/**', 'dist/**', 'cdk.out/**', '.local/**', 'web/dist/**'],
    testTimeout: 30_000,
    // Browser and stream assertions poll: on a loaded 2-core machine one second (vitest's default) is not enough.
    expect: { poll: { timeout: 20_000, interval: 100 } },
    hookTimeout: 120_000,
    // The OtpService construct deploys prebuilt code: build it once for every suite that synthesizes the stack.
    globalSetup: ['test/support/build-construct-assets.ts'],
    // Test files start Java (DynamoDB Local) and Chromium: two at a time keeps a 2-core machine responsive.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['{resolvers,functions,infra,local,web}/**/*.test.ts'] },
      },
      {
        extends: true,
        // The end-to-end suites share one local stack, started as `npm start` starts it.
        test: { name: 'e2e', include: ['test/**/*.test.ts'], globalSetup: ['test/support/build-construct-assets.ts', 'test/support/global-setup.ts'] },
      },
    ],
  },
});
