#!/usr/bin/env node
// `dollr-reconcile`: the reconciler's command in the published package (built to dist/). In this
// repository run `pnpm --filter @dollr-kit/server reconcile -- --once --config …` instead.
await import("../dist/reconciler/cli.js");
