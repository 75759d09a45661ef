/**
 * Where the e2e servers listen (see playwright.config.ts): a block of five ports on 127.0.0.1,
 * `DEMO_E2E_PORT` and the four after it. Unless that variable is set, the first process to load
 * this file (Playwright's runner, with the config) finds a free block and sets it, so its workers
 * (which inherit the environment) agree, and a second test command on the same machine gets
 * another block. The block lies below the kernel's ephemeral range: a port found free there can be
 * taken minutes later by any outgoing connection (a fetch, the browser), and the servers that
 * tests start themselves bind theirs late.
 */
import { execFileSync } from "node:child_process";

const BLOCK = 5;

function freeBlock(): number {
  // Synchronous (the config cannot await): a child Node binds each port of a random block.
  const script = `
    const net = require("node:net");
    const fs = require("node:fs");
    let ephemeralLow = 32768;
    try {
      ephemeralLow = Number(fs.readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\\s+/)[0]) || ephemeralLow;
    } catch {}
    const low = 10000;
    const blocks = Math.max(1, Math.floor((Math.max(ephemeralLow, low + ${BLOCK}) - low) / ${BLOCK}) - 1);
    const tryPort = (port) => new Promise((ok) => {
      const server = net.createServer();
      server.once("error", () => ok(false));
      server.listen(port, "127.0.0.1", () => server.close(() => ok(true)));
    });
    (async () => {
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const base = low + Math.floor(Math.random() * blocks) * ${BLOCK};
        let free = true;
        for (let i = 0; i < ${BLOCK} && free; i += 1) free = await tryPort(base + i);
        if (free) { process.stdout.write(String(base)); return; }
      }
      process.exit(1);
    })();`;
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

process.env.DEMO_E2E_PORT ??= String(freeBlock());

export const port = Number(process.env.DEMO_E2E_PORT);
/** A stand-alone simulator playing "the real Dollr"… */
export const standInPort = port + 1;
/** …and the demo in real-Dollr mode in front of it. */
export const realModePort = port + 2;
/** A demo server that a test starts, stops and starts again itself (restart.e2e.ts). */
export const restartPort = port + 3;
/** A demo server started with none of the deployment flags (deploy-safety.e2e.ts). */
export const deployPort = port + 4;
