/**
 * The servers of the authority benchmark (bench/authority.ts), each in its own process:
 *
 *   tsx bench/authority-servers.ts simulator <seed>
 *       the simulator on 127.0.0.1 (a free port), holding <seed> mobile-money collections that
 *       have all COMPLETED (made in process, then its clock moved past their PROCESSING time);
 *       executions made later stay PROCESSING for an hour (what the latency loop polls).
 *   tsx bench/authority-servers.ts proxy <simulatorUrl> memory|pglite|postgres [databaseUrl]
 *       @dollr-kit/server's proxy in front of it (Node transport, default logger with its output
 *       dropped, as bench/proxy-servers.ts runs it) on the memory stores, on PGlite (a temporary
 *       folder, as the demo keeps it) or on the PostgreSQL database at <databaseUrl>.
 *
 * Each prints one JSON line when listening (`{ "url": … }`), the simulator a second one when it
 * has seeded (`SeededSimulator`), and stops on SIGTERM or when its parent's stdin closes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDollrProxy } from "../packages/server/src/index.ts";
import { createNodeTransport, toNodeListener } from "../packages/server/src/node.ts";
import {
  createPostgresStores,
  migrate,
  type OpenDatabase,
  openDatabase,
} from "../packages/server/src/postgres.ts";
import { startSimulatorServer } from "../packages/simulator/src/node.ts";
import { benchProxyOptions } from "./bench-proxy-options.ts";

/** One collection the simulator holds, as the benchmark seeds the merchant's store with it. */
export interface SeededExecution {
  referenceId: string;
  sessionId: string;
  sourceId: number;
}

/** What the simulator role prints. */
export interface SeededSimulator {
  url: string;
  partyId: number;
  paymentAccountId: string;
  seeded: SeededExecution[];
  /** Wall time the seeding took in that process. */
  seedMs: number;
}

const PROCESSING_MS = 60_000;
const [role, ...args] = process.argv.slice(2);
const cleanups: (() => Promise<void> | void)[] = [];

async function call(
  handler: (request: Request) => Promise<Response>,
  token: string,
  method: string,
  pathname: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await handler(
    new Request(`http://simulator.local${pathname}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${pathname}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

if (role === "simulator") {
  const count = Number(args[0] ?? 0);
  const sim = await startSimulatorServer({
    port: 0,
    host: "127.0.0.1",
    processingMs: PROCESSING_MS,
  });
  cleanups.push(() => sim.close());
  // Listening: the parent may start proxies in front of it while it seeds.
  console.log(JSON.stringify({ url: sim.url }));
  const started = performance.now();
  const { handler } = sim;
  const token = handler.control.issueToken();
  const party = await call(handler, token, "POST", "/v1/parties/create", {
    fullname: "Bench Payer",
    phone: "231880000000",
  });
  const partyId = Number(party.id);
  // A wallet whose number ends in 0: succeeds once PROCESSING_MS has passed.
  const account = await call(
    handler,
    token,
    "POST",
    "/v1/payment-accounts/create?operation_type=COLLECTION",
    {
      account_name: "Bench Payer",
      provider: "MTN_MOMO_LBR",
      method: "MTN_MOMO_LBR",
      party_id: partyId,
      country_code: "LR",
      insensitive_account_number: "231880000000",
    },
  );
  const paymentAccountId = String(account.id);
  const seeded: SeededExecution[] = [];
  for (let i = 0; i < count; i++) {
    const source = handler.control.createSource({
      currency: "USD",
      items: [{ name: "Tea", amount: "12.50" }],
      party_id: partyId,
    });
    const session = await call(handler, token, "POST", "/v1/sessions/checkout", {
      source_type: source.source_type,
      source_id: source.source_id,
    });
    const referenceId = crypto.randomUUID();
    await call(handler, token, "POST", "/v1/executions/collection", {
      session_id: String(session.id),
      payment_account_id: paymentAccountId,
      currency: "USD",
      reference_id: referenceId,
    });
    seeded.push({ referenceId, sessionId: String(session.id), sourceId: source.source_id });
  }
  // Every seeded payment is final (COMPLETED) from now on; later ones stay PROCESSING an hour.
  handler.control.advance(PROCESSING_MS + 1_000);
  handler.control.configure({ processingMs: 3_600_000 });
  const seedMs = Math.round(performance.now() - started);
  const answer: SeededSimulator = { url: sim.url, partyId, paymentAccountId, seeded, seedMs };
  console.log(JSON.stringify(answer));
} else if (
  role === "proxy" &&
  args[0] &&
  ["memory", "pglite", "postgres"].includes(args[1] ?? "")
) {
  const [simulatorUrl, store, databaseUrl] = args as [string, string, string | undefined];
  let stores = {};
  if (store !== "memory") {
    let database: OpenDatabase;
    if (store === "pglite") {
      const folder = mkdtempSync(path.join(tmpdir(), "dollr-bench-pglite-"));
      cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
      database = await openDatabase({ pgliteDir: folder });
    } else {
      if (!databaseUrl) throw new Error("proxy … postgres needs a database URL");
      database = await openDatabase({ url: databaseUrl });
    }
    // Closed before the folder is removed (cleanups run last first).
    cleanups.push(() => database.close());
    await migrate(database.client);
    stores = createPostgresStores(database.client);
  }
  const proxy = createDollrProxy({
    ...benchProxyOptions(simulatorUrl),
    transport: createNodeTransport(),
    ...stores,
  });
  const server = createServer(toNodeListener(proxy));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}${proxy.prefix}` }));
} else {
  console.error(
    "usage: authority-servers.ts simulator <seed> | proxy <simulatorUrl> memory|pglite|postgres [databaseUrl]",
  );
  process.exit(2);
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch {
      // Best effort: the process ends either way.
    }
  }
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
process.stdin.on("end", () => void stop());
process.stdin.resume();
