/**
 * The proof: random interleavings of customer actions, tabs, reloads and network faults, run
 * against the simulator in-process on one virtual clock, with the money invariants checked
 * after every step and at the end.
 *
 * Runs: `DOLLR_PROPERTY_RUNS` (default 1000; `pnpm test:soak` sets 10000). A failure prints
 * fast-check's seed and path; replay it with `DOLLR_PROPERTY_SEED=<seed>` (and
 * `DOLLR_PROPERTY_PATH=<path>` to go straight to the shrunk case).
 */
import { createSimulator, type LedgerExecution } from "@dollr-kit/simulator";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createProxyClient } from "../proxy-client.ts";
import { normaliseExecutionStatus } from "../status.ts";
import { createManualClock, type ManualClock } from "./clock.ts";
import { type Attempt, createAttemptLedger } from "./ledger.ts";
import { createMemoryLocks } from "./locks.ts";
import type { CheckoutState } from "./machine.ts";
import { attemptOf, type CheckoutEngine, createCheckoutEngine } from "./runner.ts";
import { createMemoryStorage, type MemoryStorage } from "./storage.ts";
import type { EngineTransport } from "./transport.ts";

const RUNS = Number(process.env.DOLLR_PROPERTY_RUNS ?? "") || 1000;
const SEED = process.env.DOLLR_PROPERTY_SEED ? Number(process.env.DOLLR_PROPERTY_SEED) : undefined;
const PATH = process.env.DOLLR_PROPERTY_PATH || undefined;
const BASE_URL = "http://simulator.test";
const MINUTE = 60_000;
const SESSION_TTL_MS = 15 * MINUTE;
/** Late deliveries stay inside the grace window: the proxy's upstream timeout must too. */
const MAX_LATE_DELIVERY_MS = 20_000;

// ————— scenarios —————

type Payer =
  | "momo_succeeds"
  | "momo_fails_later"
  | "momo_never_settles"
  | "momo_fails_now"
  | "card_ok"
  | "card_declined"
  | "card_3ds";

type ExecuteFault =
  | { kind: "none" }
  | { kind: "latency"; ms: number }
  | { kind: "dropped" }
  | { kind: "late"; ms: number }
  | { kind: "lost_after_commit" }
  | { kind: "error_502_commit" }
  | { kind: "error_503" }
  | { kind: "rate_limited"; seconds: number };

type ReadFault =
  | { kind: "none" }
  | { kind: "latency"; ms: number }
  | { kind: "dropped" }
  | { kind: "error_503" }
  | { kind: "rate_limited"; seconds: number };

type Action =
  | { kind: "pay"; page: number }
  | { kind: "double_pay"; page: number }
  | { kind: "reload"; page: number }
  | { kind: "open_tab" }
  | { kind: "close_tab"; page: number }
  | { kind: "strict_remount"; page: number }
  | { kind: "cancel"; page: number }
  | { kind: "retry"; page: number }
  | { kind: "check_again"; page: number }
  | { kind: "authenticate"; page: number; outcome: "succeeded" | "failed"; tell: boolean };

interface Step {
  waitMs: number;
  action: Action;
}

interface Scenario {
  payer: Payer;
  successWord: "COMPLETED" | "SUCCESSFUL";
  sessionTtlMs: number;
  processingMs: number;
  executeFaults: ExecuteFault[];
  readFaults: ReadFault[];
  steps: Step[];
}

const page = fc.nat({ max: 3 });
const latencyMs = fc.constantFrom(50, 1_500, 8_000);

const executeFault: fc.Arbitrary<ExecuteFault> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: "none" as const }) },
  // A long hold outlives the session: the execute then meets a dead session.
  fc.record({
    kind: fc.constant("latency" as const),
    ms: fc.constantFrom(50, 1_500, 8_000, 16 * MINUTE),
  }),
  fc.constant({ kind: "dropped" as const }),
  fc.record({
    kind: fc.constant("late" as const),
    ms: fc.integer({ min: 0, max: MAX_LATE_DELIVERY_MS }),
  }),
  fc.constant({ kind: "lost_after_commit" as const }),
  fc.constant({ kind: "error_502_commit" as const }),
  fc.constant({ kind: "error_503" as const }),
  fc.record({
    kind: fc.constant("rate_limited" as const),
    seconds: fc.integer({ min: 1, max: 30 }),
  }),
);

const readFault: fc.Arbitrary<ReadFault> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: "none" as const }) },
  fc.record({ kind: fc.constant("latency" as const), ms: latencyMs }),
  fc.constant({ kind: "dropped" as const }),
  fc.constant({ kind: "error_503" as const }),
  fc.record({
    kind: fc.constant("rate_limited" as const),
    seconds: fc.integer({ min: 1, max: 60 }),
  }),
);

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("pay" as const), page }) },
  fc.record({ kind: fc.constant("double_pay" as const), page }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("reload" as const), page }) },
  fc.constant({ kind: "open_tab" as const }),
  fc.record({ kind: fc.constant("close_tab" as const), page }),
  fc.record({ kind: fc.constant("strict_remount" as const), page }),
  fc.record({ kind: fc.constant("cancel" as const), page }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("retry" as const), page }) },
  fc.record({ kind: fc.constant("check_again" as const), page }),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("authenticate" as const),
      page,
      outcome: fc.constantFrom("succeeded" as const, "failed" as const),
      tell: fc.boolean(),
    }),
  },
);

const waitMs = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 5_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 5_000, max: 2 * MINUTE }) },
  fc.integer({ min: 2 * MINUTE, max: 12 * MINUTE }),
);

const scenario: fc.Arbitrary<Scenario> = fc.record({
  payer: fc.constantFrom<Payer>(
    "momo_succeeds",
    "momo_succeeds",
    "momo_fails_later",
    "momo_never_settles",
    "momo_fails_now",
    "card_ok",
    "card_declined",
    "card_3ds",
  ),
  successWord: fc.constantFrom("COMPLETED" as const, "SUCCESSFUL" as const),
  sessionTtlMs: fc.constantFrom(3 * MINUTE, 15 * MINUTE),
  // From seconds to past the session's life (15 minutes).
  processingMs: fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 1_000, max: MINUTE }) },
    { weight: 2, arbitrary: fc.integer({ min: MINUTE, max: 6 * MINUTE }) },
    fc.integer({ min: 6 * MINUTE, max: 20 * MINUTE }),
  ),
  executeFaults: fc.array(executeFault, { maxLength: 4 }),
  readFaults: fc.array(readFault, { maxLength: 8 }),
  steps: fc.array(fc.record({ waitMs, action }), { minLength: 1, maxLength: 10 }),
});

// ————— coverage: what the random runs went through, so a weak generator cannot pass quietly —————

const coverage = new Map<string, number>();
function seen(what: string) {
  coverage.set(what, (coverage.get(what) ?? 0) + 1);
}
/** Paths every full run must have walked at least once. */
const MUST_COVER = [
  "state:requires_action",
  "state:verifying",
  "state:expired",
  "state:recoverable",
  "state:succeeded",
  "state:failed",
  "execute:ambiguous",
  "execute:session_expired",
  "not_landed",
  "replay",
  "adopted",
  "late_delivery",
];

// ————— the world of one run —————

interface Page {
  id: number;
  engine: CheckoutEngine;
}

class Violation extends Error {
  override readonly name = "Violation";
}

function referenceIds(): () => string {
  let n = 0;
  return () => {
    n += 1;
    const hex = n.toString(16).padStart(12, "0");
    return `00000000-0000-4000-8000-${hex}`;
  };
}

const PHONES: Partial<Record<Payer, string>> = {
  momo_succeeds: "231880000000",
  momo_fails_later: "231880000001",
  momo_never_settles: "231880000002",
  momo_fails_now: "231880000003",
};
const CARDS: Partial<Record<Payer, string>> = {
  card_ok: "pm_card_visa",
  card_declined: "pm_card_chargeDeclined",
  card_3ds: "pm_card_threeDSecure2Required",
};

async function world(s: Scenario) {
  const clock: ManualClock = createManualClock(Date.UTC(2026, 0, 1));
  const simulator = createSimulator({
    clock,
    processingMs: s.processingMs,
    successWord: s.successWord,
    sessionTtlMs: s.sessionTtlMs,
    // The proxy refreshes Dollr's token; here one token must outlive the longest run.
    tokenTtlMinutes: 7 * 24 * 60,
  });
  const token = simulator.control.issueToken();
  const direct = async (method: string, path: string, body?: unknown) => {
    const response = await simulator(
      new Request(`${BASE_URL}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const json = await response.json();
    if (!response.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
    return json;
  };
  const created = simulator.control.createSource({
    currency: "USD",
    items: [{ name: "Order", amount: "12.50" }],
    fee_bearer: "PAYER",
  });
  const source = { type: "INVOICE" as const, id: created.source_id };
  const phone = PHONES[s.payer];
  const card = CARDS[s.payer];
  const accountBody = phone
    ? {
        account_name: "Wallet",
        provider: "PAWAPAY",
        method: "MTN_MOMO_LBR",
        party_id: created.party_id,
        insensitive_account_number: phone,
      }
    : {
        account_name: "Card",
        provider: "STRIPE",
        method: "CREDIT_CARD",
        party_id: created.party_id,
        payment_method_id: card,
      };
  const account = await direct(
    "POST",
    "/v1/payment-accounts/create?operation_type=COLLECTION",
    accountBody,
  );
  return { clock, simulator, source, accountId: String(account.id) };
}

/** Runs one scenario; throws a `Violation` (with a trace) when an invariant breaks. */
async function runScenario(
  s: Scenario,
  options: { wrapTransport?: (transport: EngineTransport) => EngineTransport } = {},
): Promise<void> {
  const { clock, simulator, source, accountId } = await world(s);
  const storage: MemoryStorage = createMemoryStorage();
  const locks = createMemoryLocks();
  const executeFaults = [...s.executeFaults];
  const readFaults = [...s.readFaults];
  const trace: string[] = [];
  const sends = new Map<string, string[]>();
  let activity = 0;
  let healed = false;

  const log = (line: string) =>
    trace.push(`${new Date(clock.now()).toISOString().slice(11, 23)} ${line}`);
  // The first violation is kept: one thrown inside the fetch wrapper is caught by the client.
  let violation: Violation | null = null;
  const fail = (message: string): never => {
    violation ??= new Violation(
      `${message}\n  scenario: ${JSON.stringify(s)}\n  trace:\n    ${trace.join("\n    ")}`,
    );
    throw violation;
  };
  const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
  const ledger = createAttemptLedger({ storage });
  const stored = (referenceId: string): Attempt | null => {
    const { open, latest } = ledger.read(source);
    return [open, latest].find((a) => a?.referenceId === referenceId) ?? null;
  };

  /** The network between the kit and the simulator, with the scenario's faults. */
  async function network(input: string, init: RequestInit): Promise<Response> {
    activity += 1;
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const isExecute = request.method === "POST" && path === "/v1/executions/collection";
    let fault: ExecuteFault | ReadFault = { kind: "none" };
    if (isExecute) {
      const body = await request.clone().text();
      const referenceId = (JSON.parse(body) as { reference_id: string }).reference_id;
      const bodies = sends.get(referenceId) ?? [];
      bodies.push(body);
      sends.set(referenceId, bodies);
      // The attempt must be in storage, counting this send, before the request leaves.
      const attempt = stored(referenceId);
      if (attempt?.outcome !== "open" || attempt.executeCalls < bodies.length) {
        fail(`execute ${referenceId} #${bodies.length} left without its attempt written first`);
      }
      if (new Set(bodies).size > 1) fail(`reference ${referenceId} sent with two payloads`);
      fault = healed ? fault : (executeFaults.shift() ?? fault);
      log(`→ execute ${referenceId.slice(-4)} #${bodies.length} fault=${fault.kind}`);
    } else {
      fault = healed ? fault : (readFaults.shift() ?? fault);
      if (fault.kind !== "none") log(`→ ${request.method} ${path} fault=${fault.kind}`);
    }
    const forward = () => simulator(request);
    try {
      switch (fault.kind) {
        case "none":
          return await forward();
        case "latency":
          await sleep(fault.ms);
          return await forward();
        case "dropped":
          throw new TypeError("fetch failed");
        case "late":
          // The request reaches Dollr later; the browser has already given up.
          clock.setTimeout(() => {
            activity += 1;
            void forward().then(
              () => {
                log("late execute delivered");
                seen("late_delivery");
              },
              () => undefined,
            );
          }, fault.ms);
          throw new TypeError("fetch failed");
        case "lost_after_commit":
          await forward();
          throw new TypeError("fetch failed");
        case "error_502_commit":
          await forward();
          return Response.json({ detail: "Bad gateway" }, { status: 502 });
        case "error_503":
          return Response.json({ detail: "Service unavailable" }, { status: 503 });
        case "rate_limited":
          return Response.json(
            { detail: "Too many requests" },
            { status: 429, headers: { "retry-after": String(fault.seconds) } },
          );
      }
    } finally {
      activity += 1;
    }
  }

  const client = createProxyClient({
    baseUrl: BASE_URL,
    fetch: network,
    headers: { authorization: `Bearer ${simulator.control.issueToken()}` },
  });
  // The real client must satisfy the engine's narrow transport.
  const real: EngineTransport = client;
  const transport = options.wrapTransport ? options.wrapTransport(real) : real;
  const newReferenceId = referenceIds();

  let nextPage = 0;
  const pages: Page[] = [];
  const openPage = () => {
    const id = nextPage++;
    const engine = createCheckoutEngine({
      transport,
      source,
      storage,
      clock,
      locks,
      newReferenceId,
      onEvent: (event) => {
        activity += 1;
        if (event.type === "transition") {
          log(`p${id} ${event.from} → ${event.to} (${event.event})`);
          seen(`state:${event.to}`);
        }
        if (event.type === "execute_sent" && event.replay) seen("replay");
        if (event.type === "execute_settled") seen(`execute:${event.outcome}`);
        if (event.type === "not_landed") seen("not_landed");
        if (event.type === "attempt_adopted") seen("adopted");
      },
      onInvalidTransition: (state, event) =>
        fail(`p${id}: internal event ${event.type} is invalid in ${state.kind}`),
    });
    engine.start();
    pages.push({ id, engine });
    return engine;
  };
  const pick = (index: number): Page | undefined => pages[index % Math.max(1, pages.length)];

  /** Lets every promise settle: until nothing moves for a few turns of the event loop. */
  async function settle() {
    let quiet = 0;
    let seen = -1;
    for (let turn = 0; quiet < 3; turn += 1) {
      if (turn > 10_000) fail("the engine never settled (a busy loop?)");
      await new Promise((resolve) => setImmediate(resolve));
      const now = activity + clock.pending() * 1_000_003;
      quiet = now === seen ? quiet + 1 : 0;
      seen = now;
    }
  }

  /** Moves virtual time forward, firing timers in order and settling after each. */
  async function advance(ms: number) {
    const until = clock.now() + ms;
    await settle();
    for (let at = clock.nextAt(); at !== null && at <= until; at = clock.nextAt()) {
      clock.runNext();
      await settle();
      check();
    }
    clock.advance(until - clock.now());
    await settle();
  }

  const truth = () =>
    simulator.control.ledger().executions.filter((e) => e.source_id === source.id);
  const simState = (e: LedgerExecution) => normaliseExecutionStatus(e.status).state;

  /** The invariants that hold at every moment. */
  function check() {
    if (violation) throw violation;
    const executions = truth().sort((a, b) => a.created_at.localeCompare(b.created_at));
    // No double charge: at most one success per source, and a new execution only after the
    // previous one failed for good.
    if (executions.filter((e) => simState(e) === "succeeded").length > 1) {
      fail("two successful executions for one source");
    }
    for (let i = 1; i < executions.length; i += 1) {
      const before = executions[i - 1] as LedgerExecution;
      const after = executions[i] as LedgerExecution;
      if (simState(before) !== "failed" || (before.settled_at ?? "") > after.created_at) {
        fail(
          `execution ${after.reference_id} started while ${before.reference_id} could still move money`,
        );
      }
    }
    for (const execution of executions) {
      if (execution.payloads > 1) fail(`reference ${execution.reference_id} had two payloads`);
      const sent = sends.get(execution.reference_id)?.length ?? 0;
      if (execution.execute_calls > sent) {
        fail(
          `simulator saw ${execution.execute_calls} executes of ${execution.reference_id}, the kit sent ${sent}`,
        );
      }
    }
    // Never a wrong final word on screen.
    for (const { id, engine } of pages) {
      const state = engine.getState();
      const attempt = attemptOf(state);
      const mine = attempt && executions.find((e) => e.reference_id === attempt.referenceId);
      if (state.kind === "succeeded" && (!mine || simState(mine) !== "succeeded")) {
        fail(`p${id} shows succeeded but Dollr says ${mine?.status ?? "nothing"}`);
      }
      if (
        state.kind === "failed" &&
        state.reason === "declined" &&
        (!mine || simState(mine) !== "failed")
      ) {
        fail(`p${id} shows declined but Dollr says ${mine?.status ?? "nothing"}`);
      }
      if (
        state.kind === "failed" &&
        (state.reason === "not_landed" || state.reason === "rejected") &&
        mine
      ) {
        fail(`p${id} shows ${state.reason} but ${mine.reference_id} landed (${mine.status})`);
      }
    }
  }

  async function act(step: Action) {
    const target = "page" in step ? pick(step.page) : undefined;
    log(`action ${step.kind}${target ? ` p${target.id}` : ""}`);
    switch (step.kind) {
      case "pay":
        target?.engine.selectAccount({ id: accountId, currency: "USD" });
        void target?.engine.pay();
        return;
      case "double_pay":
        target?.engine.selectAccount({ id: accountId, currency: "USD" });
        void target?.engine.pay();
        void target?.engine.pay();
        return;
      case "reload":
        if (!target) return;
        target.engine.dispose();
        pages.splice(pages.indexOf(target), 1);
        openPage();
        return;
      case "open_tab":
        if (pages.length < 3) openPage();
        return;
      case "close_tab":
        if (!target || pages.length < 2) return;
        target.engine.dispose();
        pages.splice(pages.indexOf(target), 1);
        return;
      case "strict_remount":
        target?.engine.stop();
        target?.engine.start();
        return;
      case "cancel":
        target?.engine.cancel();
        return;
      case "retry":
        void target?.engine.retry();
        return;
      case "check_again":
        void target?.engine.checkAgain();
        return;
      case "authenticate": {
        const state = target?.engine.getState();
        if (!target || (state?.kind !== "requires_action" && state?.kind !== "authenticating"))
          return;
        if (state.kind === "requires_action") target.engine.beginAuthentication();
        try {
          simulator.control.authenticate(state.clientSecret, step.outcome);
        } catch {
          // Already authenticated (another tab did it): Stripe would say so too.
        }
        // `tell: false`: the page died before it could tell the engine (the reload resumes).
        if (step.tell) target.engine.authenticationFinished(step.outcome);
        return;
      }
    }
  }

  const finished = (state: CheckoutState) =>
    state.kind === "succeeded" || state.kind === "failed" || state.kind === "selecting";

  openPage();
  for (const step of s.steps) {
    await advance(step.waitMs);
    await act(step.action);
    await settle();
    check();
  }

  // The network heals; the customer waits, finishes 3D Secure and asks again until it ends.
  healed = true;
  for (let round = 0; round < 12; round += 1) {
    await advance(5 * MINUTE);
    if (pages.every(({ engine }) => finished(engine.getState()))) break;
    for (const { engine } of pages) {
      const state = engine.getState();
      if (state.kind === "requires_action" || state.kind === "authenticating") {
        if (state.kind === "requires_action") engine.beginAuthentication();
        try {
          simulator.control.authenticate(state.clientSecret, "succeeded");
        } catch {
          // Already done.
        }
        engine.authenticationFinished("succeeded");
      } else if (state.kind === "expired" || state.kind === "recoverable") {
        void engine.checkAgain();
      }
    }
    await settle();
  }
  await advance(5 * MINUTE);
  check();

  // The end: every page has a final word, and it is Dollr's.
  const executions = truth();
  const success = executions.find((e) => simState(e) === "succeeded");
  for (const { id, engine } of pages) {
    const state = engine.getState();
    if (!finished(state)) fail(`p${id} did not finish: ${state.kind}`);
    if (success && state.kind !== "succeeded") {
      fail(`p${id} shows ${state.kind} but ${success.reference_id} succeeded`);
    }
    if (state.kind === "selecting" && executions.some((e) => simState(e) !== "failed")) {
      fail(`p${id} offers to pay while an execution is live`);
    }
  }
  // Every execution Dollr has was either followed to its end by the kit's ledger, or failed.
  for (const execution of executions) {
    const attempt = stored(execution.reference_id);
    const state = simState(execution);
    if (attempt?.outcome === "not_landed")
      fail(`${execution.reference_id} landed but is recorded as not landed`);
    if (state === "succeeded" && attempt?.outcome !== "succeeded") {
      fail(
        `${execution.reference_id} succeeded but the ledger says ${attempt?.outcome ?? "nothing"}`,
      );
    }
  }
}

describe("checkout engine against the simulator (property)", () => {
  it(`keeps one payment one payment over ${RUNS} random runs`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, (s) => runScenario(s)),
      {
        numRuns: RUNS,
        seed: SEED,
        path: PATH,
        endOnFailure: PATH !== undefined,
      },
    );
    if (SEED === undefined && RUNS >= 1000) {
      const missed = MUST_COVER.filter((what) => !coverage.has(what));
      expect(missed, "paths no run walked").toEqual([]);
    }
  }, 600_000);

  it("runs a known hard case: lost response, reload, second tab, 3DS never told", async () => {
    await runScenario({
      payer: "card_3ds",
      successWord: "SUCCESSFUL",
      sessionTtlMs: SESSION_TTL_MS,
      processingMs: 5_000,
      executeFaults: [{ kind: "lost_after_commit" }],
      readFaults: [{ kind: "error_503" }, { kind: "rate_limited", seconds: 10 }],
      steps: [
        { waitMs: 0, action: { kind: "double_pay", page: 0 } },
        { waitMs: 0, action: { kind: "open_tab" } },
        { waitMs: 3_000, action: { kind: "reload", page: 0 } },
        {
          waitMs: 3_000,
          action: { kind: "authenticate", page: 0, outcome: "succeeded", tell: false },
        },
        { waitMs: 0, action: { kind: "reload", page: 0 } },
      ],
    });
  });

  it("runs a known hard case: a dropped execute lands late, inside the grace window", async () => {
    await runScenario({
      payer: "momo_succeeds",
      successWord: "COMPLETED",
      sessionTtlMs: SESSION_TTL_MS,
      processingMs: 30_000,
      executeFaults: [{ kind: "late", ms: MAX_LATE_DELIVERY_MS }],
      readFaults: [],
      steps: [
        { waitMs: 0, action: { kind: "pay", page: 0 } },
        { waitMs: 40_000, action: { kind: "retry", page: 0 } },
        { waitMs: 0, action: { kind: "pay", page: 0 } },
      ],
    });
  });

  it("fails when an execute lands after the grace window (why the proxy's upstream timeout is bounded)", async () => {
    const tooLate: Scenario = {
      payer: "momo_succeeds",
      successWord: "COMPLETED",
      sessionTtlMs: SESSION_TTL_MS,
      processingMs: 30_000,
      executeFaults: [{ kind: "late", ms: 45_000 }],
      readFaults: [],
      steps: [{ waitMs: 0, action: { kind: "pay", page: 0 } }],
    };
    await expect(runScenario(tooLate)).rejects.toThrow(/not_landed but .* landed/);
  });

  it("fails on a planted bug: a transport that re-sends an execute after an ambiguous failure", async () => {
    const blindRetry = (transport: EngineTransport): EngineTransport => ({
      ...transport,
      createCheckoutSession: (body, options) => transport.createCheckoutSession(body, options),
      getCollectionStatus: (id, options) => transport.getCollectionStatus(id, options),
      executeCollection: (body, options) =>
        transport
          .executeCollection(body, options)
          .catch(() => transport.executeCollection(body, options)),
    });
    const plain: Scenario = {
      payer: "momo_succeeds",
      successWord: "COMPLETED",
      sessionTtlMs: SESSION_TTL_MS,
      processingMs: 5_000,
      executeFaults: [{ kind: "lost_after_commit" }],
      readFaults: [],
      steps: [{ waitMs: 0, action: { kind: "pay", page: 0 } }],
    };
    await expect(runScenario(plain)).resolves.toBeUndefined();
    await expect(runScenario(plain, { wrapTransport: blindRetry })).rejects.toThrow(
      /left without its attempt written first/,
    );
  });
});
