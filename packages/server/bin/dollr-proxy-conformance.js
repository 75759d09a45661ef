#!/usr/bin/env node
// `dollr-proxy-conformance`: the conformance suite's command in the published package (built to
// dist/). In this repository run `pnpm --filter @dollr-kit/server conformance -- --url …` instead.
await import("../dist/conformance/cli.js");
