#!/usr/bin/env node
// `dollr-kit-migrate`: applies the PostgreSQL/PGlite stores' schema migrations
// (dist/stores/postgres/cli.js; its source in a checkout of the kit's repository).
import { launch } from "./launch.js";

await launch("stores/postgres/cli");
