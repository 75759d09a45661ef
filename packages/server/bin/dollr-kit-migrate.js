#!/usr/bin/env node
// `dollr-kit-migrate`: applies the PostgreSQL/PGlite stores' schema migrations, from the published
// package (built to dist/). In this repository run `pnpm --filter @dollr-kit/server migrate` instead.
await import("../dist/stores/postgres/cli.js");
