#!/usr/bin/env node
// The published bin: runs the built CLI (`dist/cli.js`). In the workspace use `pnpm simulator`.
import "../dist/cli.js";
