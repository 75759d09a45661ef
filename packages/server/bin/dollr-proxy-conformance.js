#!/usr/bin/env node
// `dollr-proxy-conformance`: the conformance suite's command (dist/conformance/cli.js; its source
// in a checkout of the kit's repository).
import { launch } from "./launch.js";

await launch("conformance/cli");
