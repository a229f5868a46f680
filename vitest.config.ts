import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: browser tests are heavy, so keep parallelism modest.
    maxWorkers: 2,
    // S3, SES v2, DynamoDB and SQS servers on loopback, started once per run.
    globalSetup: ['test/global-setup-aws.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    coverage: { include: ['core/**'], provider: 'v8' },
  },
});
