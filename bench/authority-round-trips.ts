/**
 * Database round trips the proxy adds on its hot path (part 1 of bench/authority.ts): the real
 * proxy (`createDollrProxy` on `createPostgresStores(countingClient(…).client)`) in front of the
 * in-process simulator, driven in process: a wallet, a session, an execute, then polls while
 * PROCESSING, on this instance and on a second instance that never saw the execute, then the poll
 * that sees COMPLETED. Every store call is recorded with the round trips it made.
 */
import type { SourceRef } from "../packages/core/src/internal.ts";
import {
  type AccountStore,
  type AttemptStore,
  createDollrProxy,
  type ProxyLogger,
} from "../packages/server/src/index.ts";
import { countingClient, createPostgresStores, migrate } from "../packages/server/src/postgres.ts";
import { createSimulator } from "../packages/simulator/src/index.ts";
import { CREDENTIALS, round } from "./authority-common.ts";
import { type DatabaseKind, type Opener, traced } from "./authority-databases.ts";

const silent: ProxyLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface StepCount {
  step: string;
  /** HTTP status of the proxy's answer. */
  status: number;
  /** Dollr's status word in the answer, when there was one. */
  word: string | null;
  roundTrips: number;
  /** Store calls made during the step, each with the round trips it made (`name×n`). */
  calls: string[];
}

export interface RoundTripResult {
  database: DatabaseKind;
  steps: StepCount[];
  perExecute: number;
  /** The first poll after the execute (same answer as the execute's). */
  firstPoll: number;
  /** Mean over the later PROCESSING polls on the instance that made the execute. */
  perUnchangedPoll: number;
  unchangedPolls: number;
}

export async function measureRoundTrips(
  database: DatabaseKind,
  open: Opener,
  polls = 10,
): Promise<RoundTripResult> {
  const db = await open();
  try {
    await migrate(db.client);
    const counter = countingClient(db.client);
    const stores = createPostgresStores(counter.client);
    const log: string[] = [];
    const tell = (call: string, n: number) => log.push(`${call}×${n}`);
    const attempts: AttemptStore = traced("attempts", stores.attempts, counter, tell);
    const accounts: AccountStore = traced("accounts", stores.accounts, counter, tell);
    // The shared rate-limit counters (issue 17) live in the same database.
    const limits = traced("limits", stores.limits, counter, tell);
    const simulator = createSimulator({ processingMs: 60_000 });
    const source = simulator.control.createSource({
      currency: "USD",
      items: [{ name: "Tea", amount: "12.50" }],
    });
    const customer = { id: "bench", partyId: source.party_id };
    // Two instances of the proxy on one database (a second server, a restart, serverless).
    const instance = () =>
      createDollrProxy<typeof customer>({
        dollr: { baseUrl: "http://simulator.local", ...CREDENTIALS },
        fetch: (upstream) => simulator(upstream),
        resolveCustomer: () => customer,
        authorizeSource: () => true,
        logger: silent,
        currencies: ["USD"],
        attempts,
        accounts,
        limits,
      });
    const first = instance();
    const second = instance();
    const steps: StepCount[] = [];
    const step = async (
      name: string,
      proxy: typeof first,
      method: "GET" | "POST",
      route: string,
      body?: unknown,
    ) => {
      log.length = 0;
      const before = counter.queries();
      const response = await proxy(
        new Request(`http://proxy.local${proxy.prefix}${route}`, {
          method,
          headers: { "content-type": "application/json" },
          body: body === undefined ? null : JSON.stringify(body),
        }),
      );
      const json = (await response.json()) as Record<string, unknown>;
      steps.push({
        step: name,
        status: response.status,
        word: typeof json.status === "string" ? json.status : null,
        roundTrips: counter.queries() - before,
        calls: [...log],
      });
      if (!response.ok) throw new Error(`${name}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };

    const wallet = await step("save a wallet", first, "POST", "/kit/payment-accounts", {
      type: "MOBILE_MONEY",
      phone: "231880000000",
      account_name: "Bench Payer",
    });
    const ref: SourceRef = { source_type: source.source_type, source_id: source.source_id };
    const session = await step("open a session", first, "POST", "/v1/sessions/checkout", ref);
    const referenceId = crypto.randomUUID();
    await step("execute", first, "POST", "/v1/executions/collection", {
      session_id: String(session.id),
      payment_account_id: String(wallet.id),
      currency: "USD",
      reference_id: referenceId,
    });
    const status = `/v1/status/collection/${referenceId}`;
    for (let i = 1; i <= polls; i++) {
      simulator.control.advance(2_000);
      await step(`poll ${i} (PROCESSING)`, first, "GET", status);
    }
    await step("poll on a 2nd instance, 1st time (PROCESSING)", second, "GET", status);
    await step("poll on a 2nd instance, 2nd time (PROCESSING)", second, "GET", status);
    simulator.control.advance(60_000);
    await step("poll that sees COMPLETED", first, "GET", status);
    await step("poll after COMPLETED", first, "GET", status);
    await step("poll after COMPLETED, 2nd instance", second, "GET", status);
    await step("poll after COMPLETED, 2nd instance, again", second, "GET", status);

    const of = (name: string) => steps.find((s) => s.step === name) as StepCount;
    const unchanged = steps.filter((s) => /^poll \d+ /.test(s.step)).slice(1);
    return {
      database,
      steps,
      perExecute: of("execute").roundTrips,
      firstPoll: of("poll 1 (PROCESSING)").roundTrips,
      perUnchangedPoll: round(
        unchanged.reduce((sum, s) => sum + s.roundTrips, 0) / (unchanged.length || 1),
      ),
      unchangedPolls: unchanged.length,
    };
  } finally {
    await db.close();
  }
}
