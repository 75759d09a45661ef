#!/usr/bin/env node
// `dollr-reconcile`: the reconciler's command (dist/reconciler/cli.js; its source in a checkout
// of the kit's repository).
import { launch } from "./launch.js";

await launch("reconciler/cli");
