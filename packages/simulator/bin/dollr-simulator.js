#!/usr/bin/env node
// `dollr-simulator`: the simulator as an HTTP server (dist/cli.js; its source in a checkout).
import { launch } from "./launch.js";

await launch("cli");
