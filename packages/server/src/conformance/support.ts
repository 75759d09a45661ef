/**
 * What the conformance checks share: their context, failures, and the small steps many checks
 * take (a source, a session, a wallet, a simulator fault).
 */
import type { CheckResult as ContractCheck, SourceRef } from "@dollr-kit/core/internal";
import { describe, field, type Probe, type ProbeAnswer } from "./probe.ts";

/** A check failed: the message says which rule and shows the answer. */
export class CheckFailure extends Error {
  override readonly name = "CheckFailure";
}

/** A check could not run here (it needs a fixture or the simulator). */
export class CheckSkipped extends Error {
  override readonly name = "CheckSkipped";
}

/** Talks to the simulator's `/__simulator` controls, when the proxy runs in front of one. */
export interface SimulatorAccess {
  url: string;
  post(path: string, body: unknown): Promise<{ status: number; json: unknown }>;
  get(path: string): Promise<{ status: number; json: unknown }>;
}

/** Fixtures: data a real merchant proxy needs to be told about. */
export interface ConformanceFixtures {
  /** A source the customer may pay (made through the simulator when absent). */
  source?: SourceRef;
  /** A source the customer may not pay (default: INVOICE 2147483000). */
  forbiddenSource?: SourceRef;
  /** A mobile-money number to save (default 231880000000, the simulator's "succeeds"). */
  phone?: string;
  /** A Stripe test PaymentMethod (default `pm_card_visa`). */
  cardPaymentMethodId?: string;
  /** The currency to execute in (default `USD`). */
  currency?: string;
}

/** What the checks share during one run. */
export interface CheckContext {
  probe: Probe;
  simulator: SimulatorAccess | null;
  fixtures: Required<Omit<ConformanceFixtures, "source">> & { source?: SourceRef };
  hasOther: boolean;
  hasAnonymous: boolean;
  /** Whether checks may execute payments (the simulator, or `--allow-execute`). */
  mayExecute: boolean;
  /** Whether payout routes should answer 404 (the default: payouts off). */
  payoutsOff: boolean;
  /** Strings that must never appear in an answer. */
  forbiddenStrings: string[];
  /** The shop's public origin (`--public-origin`), or null: then the Host check is skipped. */
  publicOrigin: string | null;
  /** Filled as checks go: ids to reuse. */
  state: {
    walletId?: string;
    otherWalletId?: string;
    sessionId?: string;
    referenceId?: string;
    /** The source of `referenceId`'s payment. */
    source?: SourceRef;
    /** The source each session was opened for. */
    sessionSources?: Record<string, SourceRef>;
  };
}

/** One check. */
export interface Check {
  id: string;
  title: string;
  run(context: CheckContext): Promise<void>;
}

export const UUID = (): string => crypto.randomUUID();

export function expectStatus(answer: ProbeAnswer, allowed: number[], rule: string): void {
  if (!allowed.includes(answer.status)) {
    throw new CheckFailure(`${rule}: expected ${allowed.join(" or ")}, got ${describe(answer)}`);
  }
}

export function expectShape<T>(result: ContractCheck<T>, answer: ProbeAnswer, what: string): T {
  if (result.ok) return result.value;
  const where = result.detail.map((d) => `${d.loc.slice(1).join(".")}: ${d.msg}`).join("; ");
  throw new CheckFailure(`${what} does not match the contract (${where}): ${describe(answer)}`);
}

export async function newSource(context: CheckContext): Promise<SourceRef> {
  if (context.simulator) {
    const made = await context.simulator.post("/__simulator/sources", {
      currency: "USD",
      items: [{ name: "Conformance check", amount: "10.00" }],
      fee_bearer: "PAYER",
    });
    const json = made.json as { source_type?: unknown; source_id?: unknown } | null;
    if (made.status !== 200 || typeof json?.source_id !== "number") {
      throw new CheckFailure(`the simulator did not make a source (HTTP ${made.status})`);
    }
    return {
      source_type: json.source_type === "ORDER" ? "ORDER" : "INVOICE",
      source_id: json.source_id,
    };
  }
  if (context.fixtures.source) return context.fixtures.source;
  throw new CheckSkipped(
    "needs a source: run in front of the simulator, or pass --source INVOICE:<id>",
  );
}

export async function newSession(context: CheckContext, source?: SourceRef): Promise<string> {
  const paying = source ?? (await newSource(context));
  const answer = await context.probe.send({
    method: "POST",
    path: "/v1/sessions/checkout",
    json: paying,
  });
  expectStatus(answer, [200, 201], "a checkout session for an allowed source");
  const id = field(answer, "id");
  if (typeof id !== "string" && typeof id !== "number") {
    throw new CheckFailure(`a checkout session has an id: ${describe(answer)}`);
  }
  context.state.sessionSources = { ...context.state.sessionSources, [String(id)]: paying };
  return String(id);
}

export async function wallet(
  context: CheckContext,
  as: "customer" | "other" = "customer",
): Promise<string> {
  const known = as === "customer" ? context.state.walletId : context.state.otherWalletId;
  if (known) return known;
  const answer = await context.probe.send({
    method: "POST",
    path: "/kit/payment-accounts",
    json: {
      type: "MOBILE_MONEY",
      phone: context.fixtures.phone,
      account_name: "Conformance wallet",
    },
    as,
  });
  expectStatus(answer, [200, 201], "saving a mobile-money account");
  const id = field(answer, "id");
  if (typeof id !== "string")
    throw new CheckFailure(`a saved account has a string id: ${describe(answer)}`);
  if (as === "customer") context.state.walletId = id;
  else context.state.otherWalletId = id;
  return id;
}

export function requireOther(context: CheckContext): void {
  if (!context.hasOther) throw new CheckSkipped("needs a second customer: pass --other-header");
}

export function requireExecute(context: CheckContext): void {
  if (!context.mayExecute) {
    throw new CheckSkipped(
      "executes payments: run in front of the simulator, or pass --allow-execute",
    );
  }
}

export function requireSimulator(context: CheckContext): SimulatorAccess {
  if (!context.simulator) throw new CheckSkipped("needs the simulator's /__simulator controls");
  return context.simulator;
}

/** Runs `body` with one simulator fault armed, and clears the faults whatever happens. */
export async function withFault(
  simulator: SimulatorAccess,
  fault: Record<string, unknown>,
  body: () => Promise<void>,
): Promise<void> {
  const armed = await simulator.post("/__simulator/faults", fault);
  if (armed.status !== 200)
    throw new CheckFailure(`the simulator took the fault (HTTP ${armed.status})`);
  try {
    await body();
  } finally {
    await simulator.post("/__simulator/faults", { clear: true });
  }
}
