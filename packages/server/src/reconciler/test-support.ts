/**
 * Test harness for the reconciler (not exported): the proxy harness (browser → proxy over HTTP)
 * on a frozen clock that only the simulator's `advance` moves, the same simulator served on
 * 127.0.0.1 for the reconciler to reach over real HTTP, and every request it sends recorded with
 * the simulated time it left at.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { LostResponseError, type SimulatorHandler } from "@dollr-kit/simulator";
import { createRequestListener } from "@remix-run/node-fetch-server";
import type { LogFields, ProxyLogger } from "../logging.ts";
import type { AttemptStore } from "../stores/attempt-store.ts";
import type { LogEvent } from "../test-support.ts";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  type Harness,
  type HarnessOptions,
  newReferenceId,
  PHONES,
  startHarness,
} from "../test-support.ts";
import type { DollrFetch } from "../upstream/transport.ts";
import type { ReconcilerOptions, SettledEvent } from "./options.ts";
import { createReconciler, type Reconciler } from "./reconciler.ts";

/** A request the reconciler sent to the simulator. */
export interface SentRequest {
  method: string;
  path: string;
  /** The simulated time it left at (epoch ms). */
  at: number;
  /** The answer's status, once it came (0 when there was none). */
  status: number;
}

/** Serves a simulator handler on 127.0.0.1 (a lost response drops the connection). */
export async function serveSimulator(handler: SimulatorHandler) {
  const server = createServer((req, res) => {
    createRequestListener(async (request: Request) => {
      try {
        return await handler(request);
      } catch (error) {
        if (!(error instanceof LostResponseError)) throw error;
        req.socket.destroy();
        return new Response(null, { status: 204 });
      }
    })(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * A `sleep` on simulated time: sleepers wake one at a time in the order of their wake-up time,
 * each moving the simulator's clock to it; a macrotask between wake-ups lets the woken one send
 * its request at that time.
 */
export function virtualSleep(simulator: SimulatorHandler) {
  const sleepers: { at: number; wake: () => void }[] = [];
  let scheduled = false;
  const slept: number[] = [];
  const flush = () => {
    scheduled = false;
    sleepers.sort((a, b) => a.at - b.at);
    const first = sleepers.shift();
    if (!first) return;
    const behind = first.at - simulator.control.now();
    if (behind > 0) simulator.control.advance(behind);
    first.wake();
    if (sleepers.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };
  const sleep = (ms: number) =>
    new Promise<void>((wake) => {
      slept.push(ms);
      sleepers.push({ at: simulator.control.now() + Math.ceil(Math.max(0, ms)), wake });
      schedule();
    });
  return { sleep, slept };
}

function recordingLogger(logs: LogEvent[]): ProxyLogger {
  const at = (level: LogEvent["level"]) => (message: string, fields: LogFields) => {
    logs.push({ level, message, fields, line: JSON.stringify({ level, message, ...fields }) });
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** What a reconciler under test told the merchant. */
export interface Heard {
  /** Every `onSettled` call: attempts, and sources when `checkouts` is followed. */
  settled: SettledEvent[];
  unresolved: string[];
  logs: LogEvent[];
}

export interface ReconcilerHarness {
  h: Harness;
  /** The simulator's URL on 127.0.0.1 (what the reconciler reaches). */
  dollrUrl: string;
  /** Every request a reconciler of this harness sent. */
  sent: SentRequest[];
  /** Status reads among `sent`. */
  statusReads(): SentRequest[];
  /** A reconciler on the harness's store and clock; hooks record into `heard`. */
  reconciler(
    overrides?: Partial<ReconcilerOptions>,
    heard?: Heard,
  ): { reconciler: Reconciler; heard: Heard };
  /** A mobile-money execute through the proxy (as the browser would); answers the reference id. */
  pay(options?: { phone?: string; as?: "alice" | "bob" }): Promise<string>;
  close(): Promise<void>;
}

export const emptyHeard = (): Heard => ({ settled: [], unresolved: [], logs: [] });

/** Starts the proxy harness on a frozen clock and serves its simulator over HTTP. */
export async function startReconcilerHarness(
  options: HarnessOptions & { attempts?: AttemptStore } = {},
): Promise<ReconcilerHarness> {
  let simulator: SimulatorHandler | null = null;
  const frozen = Date.parse("2026-07-01T10:00:00.000Z");
  const h = await startHarness({
    ...options,
    simulator: { clock: { now: () => frozen }, ...options.simulator },
    proxy: {
      now: () => (simulator as SimulatorHandler).control.now(),
      // The reconciler's tests make many payments on one phone: the proxy's limits are not theirs.
      rateLimits: false,
      ...options.proxy,
      ...(options.attempts ? { attempts: options.attempts } : {}),
    },
  });
  simulator = h.simulator;
  const served = await serveSimulator(h.simulator);
  const sent: SentRequest[] = [];
  const recorded: DollrFetch = async (request) => {
    const entry: SentRequest = {
      method: request.method,
      path: new URL(request.url).pathname,
      at: h.simulator.control.now(),
      status: 0,
    };
    sent.push(entry);
    const response = await fetch(request);
    entry.status = response.status;
    return response;
  };
  const harness: ReconcilerHarness = {
    h,
    dollrUrl: served.url,
    sent,
    statusReads: () => sent.filter((s) => s.path.startsWith("/v1/status/")),
    reconciler(overrides = {}, heard = emptyHeard()) {
      const reconciler = createReconciler({
        dollr: { baseUrl: served.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
        fetch: recorded,
        attempts: h.attempts,
        onSettled: (payment) => {
          heard.settled.push(payment);
        },
        onUnresolved: (attempt) => {
          heard.unresolved.push(attempt.referenceId);
        },
        now: () => h.simulator.control.now(),
        sleep: virtualSleep(h.simulator).sleep,
        logger: recordingLogger(heard.logs),
        ...overrides,
      });
      return { reconciler, heard };
    },
    async pay({ phone = PHONES.succeeds, as = "alice" } = {}) {
      const source = await h.source(as);
      const sessionId = await h.session(as, source);
      const wallet = await h.wallet(as, phone);
      const referenceId = newReferenceId();
      const answer = await h.call("POST", "/v1/executions/collection", {
        as,
        json: {
          session_id: sessionId,
          payment_account_id: wallet,
          currency: "USD",
          reference_id: referenceId,
        },
      });
      if (answer.status !== 200 && answer.status !== 502) {
        throw new Error(`execute: ${answer.status} ${answer.text}`);
      }
      return referenceId;
    },
    async close() {
      await served.close();
      await h.close();
    },
  };
  return harness;
}
