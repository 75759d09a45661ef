/**
 * The proof: random interleavings of customer actions, tabs, devices, reloads and network faults,
 * run against the simulator in-process on one virtual clock, with the money invariants checked
 * after every step and at the end. In front of the simulator sit the proxy's rules for one
 * payment per source (CONTRACT.md §2: `SOURCE_BUSY`, `ALREADY_PAID`, `"ambiguous": false` on
 * what it refuses before forwarding), so a second device (its own storage and locks) meets them.
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
  | { kind: "rate_limited"; seconds: number }
  /** The proxy could not record it, so it was not sent: 503, `"ambiguous": false`. */
  | { kind: "refused_definite" }
  /** The proxy's single-use card check: 409 `CARD_USED`, `"ambiguous": false`, not sent. */
  | { kind: "card_used" };

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
  /** Another device (its own storage and locks) opens the checkout for the same source. */
  | { kind: "open_device" }
  /** Pay pressed on every open page at the same moment (two devices race for the source). */
  | { kind: "pay_everywhere" }
  | { kind: "close_tab"; page: number }
  | { kind: "strict_remount"; page: number }
  | { kind: "cancel"; page: number }
  | { kind: "retry"; page: number }
  | { kind: "check_again"; page: number }
  /** "Use another method" on a wait that may have no end (allowed only once it is safe). */
  | { kind: "use_another_method"; page: number }
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
  // What the proxy refuses before forwarding (nothing is sent).
  fc.constantFrom({ kind: "refused_definite" as const }, { kind: "card_used" as const }),
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
  { weight: 2, arbitrary: fc.constant({ kind: "open_device" as const }) },
  fc.constant({ kind: "pay_everywhere" as const }),
  fc.record({ kind: fc.constant("close_tab" as const), page }),
  fc.record({ kind: fc.constant("strict_remount" as const), page }),
  fc.record({ kind: fc.constant("cancel" as const), page }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("retry" as const), page }) },
  fc.record({ kind: fc.constant("check_again" as const), page }),
  fc.record({ kind: fc.constant("use_another_method" as const), page }),
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
  "state:busy",
  "state:already_paid",
  "execute:source_busy",
  "execute:refused",
  "execute:card_used",
  "source_free",
];

// ————— the world of one run —————

interface Page {
  id: number;
  device: Device;
  engine: CheckoutEngine;
}

/** A browser: its own storage and locks (tabs of one device share them). */
interface Device {
  id: number;
  storage: MemoryStorage;
  locks: ReturnType<typeof createMemoryLocks>;
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
  options: {
    wrapTransport?: (transport: EngineTransport) => EngineTransport;
    /** Told each page's device and final state kind at the end. */
    inspect?: (pages: { device: number; kind: CheckoutState["kind"] }[]) => void;
  } = {},
): Promise<void> {
  const { clock, simulator, source, accountId } = await world(s);
  const devices: Device[] = [];
  const newDevice = (): Device => {
    const device = {
      id: devices.length,
      storage: createMemoryStorage(),
      locks: createMemoryLocks(),
    };
    devices.push(device);
    return device;
  };
  const home = newDevice();
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
  /** An attempt as the storage of the device that made it holds it (ids are unique across devices). */
  const stored = (referenceId: string): Attempt | null => {
    for (const device of devices) {
      const { open, latest } = createAttemptLedger({ storage: device.storage }).read(source);
      const found = [open, latest].find((a) => a?.referenceId === referenceId);
      if (found) return found;
    }
    return null;
  };
  const ledgerKey = createAttemptLedger({ storage: home.storage }).keyOf(source);
  /** The device whose storage has the attempt (null: no kit of this run made it). */
  const deviceOf = (referenceId: string) =>
    devices.find((device) => device.storage.getItem(ledgerKey)?.includes(referenceId)) ?? null;

  // ——— the proxy's rules for one payment per source, in front of the simulator ———
  /** Executes the proxy holds the source with before Dollr has them (on their way, or late). */
  const held = new Set<string>();
  /** Reference ids whose latest send the browser saw refused outright (nothing was sent). */
  const refusedOutright = new Map<string, number>();
  const outrightAnswers = new WeakSet<Response>();
  const refuse = (status: number, body: Record<string, unknown>) => {
    const response = Response.json({ ...body, ambiguous: false }, { status });
    outrightAnswers.add(response);
    return response;
  };

  /** The proxy: `SOURCE_BUSY` and `ALREADY_PAID` before anything reaches Dollr. */
  async function proxy(request: Request, referenceId: string | null): Promise<Response> {
    const path = new URL(request.url).pathname;
    const executions = truth();
    const live = executions.find(
      (e) => !normaliseExecutionStatus(e.status).terminal && e.reference_id !== referenceId,
    );
    const holder = live?.reference_id ?? [...held].find((id) => id !== referenceId);
    const busy = () =>
      refuse(409, {
        detail: "A payment for this source is already in progress",
        code: "SOURCE_BUSY",
        reference_id: holder,
        status: live?.status ?? null,
      });
    if (request.method === "POST" && path === "/v1/sessions/checkout") {
      const paid = executions.find((e) => simState(e) === "succeeded");
      if (paid) {
        return refuse(409, {
          detail: "This source is already paid",
          code: "ALREADY_PAID",
          paid_at: paid.settled_at ?? null,
        });
      }
      return holder ? busy() : simulator(request);
    }
    if (referenceId === null) return simulator(request);
    if (holder) return busy();
    held.add(referenceId);
    try {
      return await simulator(request);
    } finally {
      held.delete(referenceId);
    }
  }

  /** The network between the kit and the simulator, with the scenario's faults. */
  async function network(input: string, init: RequestInit): Promise<Response> {
    activity += 1;
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const isExecute = request.method === "POST" && path === "/v1/executions/collection";
    let fault: ExecuteFault | ReadFault = { kind: "none" };
    let referenceId: string | null = null;
    if (isExecute) {
      const body = await request.clone().text();
      referenceId = (JSON.parse(body) as { reference_id: string }).reference_id;
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
    const forward = () => proxy(request, referenceId);
    // A refusal the browser receives: this send was refused outright.
    const seenByBrowser = (response: Response) => {
      if (referenceId && outrightAnswers.has(response)) {
        refusedOutright.set(referenceId, sends.get(referenceId)?.length ?? 0);
      }
      return response;
    };
    try {
      switch (fault.kind) {
        case "none":
          return seenByBrowser(await forward());
        case "latency":
          await sleep(fault.ms);
          return seenByBrowser(await forward());
        case "dropped":
          throw new TypeError("fetch failed");
        case "late":
          // The request reaches Dollr later; the browser has already given up. The proxy
          // holds the source with it meanwhile.
          if (referenceId) held.add(referenceId);
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
        case "refused_definite":
          return seenByBrowser(
            refuse(503, {
              detail: "The payment could not be recorded, so it was not sent",
              code: "STORE_UNAVAILABLE",
            }),
          );
        case "card_used":
          return seenByBrowser(
            refuse(409, {
              detail: "This card was already used for another payment: add the card again",
              code: "CARD_USED",
            }),
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
  const openPage = (device: Device) => {
    const id = nextPage++;
    const engine = createCheckoutEngine({
      transport,
      source,
      storage: device.storage,
      clock,
      locks: device.locks,
      newReferenceId,
      onEvent: (event) => {
        activity += 1;
        if (event.type === "transition") {
          log(`p${id}@d${device.id} ${event.from} → ${event.to} (${event.event})`);
          seen(`state:${event.to}`);
          if (event.from === "busy" && event.to === "selecting") seen("source_free");
        }
        if (event.type === "execute_sent" && event.replay) seen("replay");
        if (event.type === "execute_settled") seen(`execute:${event.outcome}`);
        if (event.type === "attempt_adopted") seen("adopted");
        if (event.type === "not_landed") {
          seen("not_landed");
          // A refusal the proxy decided before forwarding is never verified into "not landed".
          const refusedAt = refusedOutright.get(event.referenceId);
          if (refusedAt !== undefined && refusedAt === sends.get(event.referenceId)?.length) {
            fail(`p${id}: ${event.referenceId} was refused outright, yet verified as not landed`);
          }
        }
      },
      onInvalidTransition: (state, event) =>
        fail(`p${id}: internal event ${event.type} is invalid in ${state.kind}`),
    });
    engine.start();
    pages.push({ id, device, engine });
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
        (state.reason === "not_landed" ||
          state.reason === "rejected" ||
          state.reason === "card_used") &&
        mine
      ) {
        fail(`p${id} shows ${state.reason} but ${mine.reference_id} landed (${mine.status})`);
      }
      if (state.kind === "already_paid" && !executions.some((e) => simState(e) === "succeeded")) {
        fail(`p${id} shows already paid but no payment succeeded`);
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
      case "pay_everywhere":
        for (const { engine } of pages) {
          engine.selectAccount({ id: accountId, currency: "USD" });
          void engine.pay();
        }
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
        openPage(target.device);
        return;
      case "open_tab":
        if (pages.length < 3) openPage(home);
        return;
      case "open_device":
        if (devices.length < 2 && pages.length < 4) openPage(newDevice());
        return;
      case "close_tab":
        // Each device keeps a tab open: someone follows its payment to the end.
        if (!target || pages.filter((p) => p.device === target.device).length < 2) return;
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
      case "use_another_method":
        void target?.engine.useAnotherMethod();
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
    state.kind === "succeeded" ||
    state.kind === "failed" ||
    state.kind === "selecting" ||
    state.kind === "already_paid";

  openPage(home);
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
      } else if (
        state.kind === "expired" ||
        state.kind === "recoverable" ||
        (state.kind === "busy" && state.stalled)
      ) {
        void engine.checkAgain();
      }
    }
    await settle();
  }
  await advance(5 * MINUTE);
  check();

  // The end: every page has a final word, and it is Dollr's. A device that made the payment
  // shows it on every tab; another device shows it as already paid once it asks (or, if it
  // never asked, still offers the picker: paying then meets ALREADY_PAID).
  const executions = truth();
  const success = executions.find((e) => simState(e) === "succeeded");
  const successDevice = success ? deviceOf(success.reference_id) : null;
  for (const { id, device, engine } of pages) {
    const state = engine.getState();
    if (!finished(state)) fail(`p${id} did not finish: ${state.kind}`);
    if (success && device === successDevice && state.kind !== "succeeded") {
      fail(`p${id} shows ${state.kind} but ${success.reference_id} succeeded`);
    }
    const ownLive = executions.some(
      (e) => simState(e) !== "failed" && deviceOf(e.reference_id) === device,
    );
    if (state.kind === "selecting" && ownLive) {
      fail(`p${id} offers to pay while its device's execution is live`);
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
  options.inspect?.(pages.map((p) => ({ device: p.device.id, kind: p.engine.getState().kind })));
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

  it("runs a known hard case: two devices press Pay at once; one pays, the other follows it", async () => {
    let end: { device: number; kind: string }[] = [];
    await runScenario(
      {
        payer: "momo_succeeds",
        successWord: "COMPLETED",
        sessionTtlMs: SESSION_TTL_MS,
        processingMs: 30_000,
        executeFaults: [],
        readFaults: [],
        steps: [
          { waitMs: 0, action: { kind: "open_device" } },
          { waitMs: 0, action: { kind: "pay_everywhere" } },
          { waitMs: 5_000, action: { kind: "reload", page: 1 } },
          { waitMs: 0, action: { kind: "pay", page: 1 } },
        ],
      },
      {
        inspect: (pages) => {
          end = pages;
        },
      },
    );
    expect(end.map(({ device, kind }) => `${device}:${kind}`).sort()).toEqual([
      "0:succeeded",
      "1:already_paid",
    ]);
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
