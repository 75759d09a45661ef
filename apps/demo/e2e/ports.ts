/** Where the e2e servers listen (see playwright.config.ts). */
export const port = Number(process.env.DEMO_E2E_PORT ?? 4310);
/** A stand-alone simulator playing "the real Dollr"… */
export const standInPort = port + 1;
/** …and the demo in real-Dollr mode in front of it. */
export const realModePort = port + 2;
/** A demo server that a test starts, stops and starts again itself (restart.e2e.ts). */
export const restartPort = port + 3;
/** A demo server started with none of the deployment flags (deploy-safety.e2e.ts). */
export const deployPort = port + 4;
