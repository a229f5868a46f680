/**
 * Entry point of `npm run dev`: silences the AWS SDK's Node 20 notice
 * before any SDK module loads, then runs dev/run.ts.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
await import('./run.js');
