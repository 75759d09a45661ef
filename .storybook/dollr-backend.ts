/**
 * The stories' backend: the real proxy in front of an in-process simulator
 * (`createDevBackend` from @dollr-kit/server/dev), running in the browser inside MSW. Every story
 * gets a fresh one from its loader, so no story sees another's accounts, executions or faults.
 *
 * The workspace packages are not linked at the repository root (only inside each package), so
 * this module reaches them by relative path; Vite and TypeScript resolve those to the same files
 * as the packages' own `@dollr-kit/*` imports.
 */
import { type HttpHandler, http } from "msw";
import {
  createProxyClient,
  DEFAULT_POLLING_POLICY,
  type EngineClock,
  type PollingPolicy,
  type ProxyClient,
  type SavedPaymentAccount,
  systemClock,
} from "../packages/core/src/internal.ts";
import { createDevBackend, type DevBackend } from "../packages/server/src/dev-backend.ts";
import type {
  FaultSpecInput,
  LedgerExecution,
  SimulatorControl,
  SimulatorOptions,
} from "../packages/simulator/src/index.ts";

/** Where the stories' proxy is mounted (the dev backend's default prefix). */
export const STORY_PROXY_PATH = "/api/dollr";

export interface StoryWallet {
  /** Digits with the country code; the last digit picks the outcome (0 pays, 1 fails later, 2 stays PROCESSING, 3 fails at once). */
  phone: string;
  name?: string;
}

export interface StoryCard {
  /** A simulator test card: `pm_card_visa`, `pm_card_threeDSecure2Required`, `pm_card_chargeDeclined`. */
  paymentMethodId: string;
  last4?: string;
  name?: string;
}

export interface StoryBackendOptions {
  /** The simulator's options (e.g. a short `processingMs`, `sessionTtlMs`). */
  simulator?: SimulatorOptions;
  /** The invoice being paid. @default 12.50 USD of tea, fee paid by the payer */
  invoice?: {
    currency?: string;
    items?: { name: string; amount: string }[];
    feeBearer?: "PAYER" | "PAYEE";
  };
  /** Wallets the customer saved before the story starts. */
  wallets?: StoryWallet[];
  /** Cards the customer saved before the story starts. */
  cards?: StoryCard[];
  /** Simulator faults, set after the accounts are saved. */
  faults?: FaultSpecInput;
}

export interface StoryBackend {
  /** The proxy + simulator as one fetch handler. */
  backend: DevBackend;
  /** The simulator's controls: `advance(ms)`, `ledger()`, `setFaults(...)`, … */
  control: SimulatorControl;
  /** The invoice made for this story. */
  source: { type: "INVOICE" | "ORDER"; id: number };
  /** The saved accounts, in the order given (wallets, then cards). */
  accounts: SavedPaymentAccount[];
  /** The browser's client: real `fetch` to {@link STORY_PROXY_PATH}, answered by MSW. */
  client: ProxyClient;
  /**
   * The simulator's time with real timers: `control.advance(ms)` moves the engine and the
   * simulator together, so a ten-minute wait takes one call instead of ten minutes.
   */
  clock: EngineClock;
  /** MSW handlers that send the proxy's and the simulator's paths to this backend. */
  handlers: HttpHandler[];
  /** Opens a session and executes in process (for `<ExecutionStatus>` stories). */
  collect(
    accountId: string,
    currency?: string,
  ): Promise<{ referenceId: string; status: string; startedAt: number }>;
  /** The simulator's executions. */
  executions(): LedgerExecution[];
}

/** A quick polling schedule for stories: every 250 ms, errors retried within a second. */
export const STORY_POLICY: PollingPolicy = Object.freeze({
  ...DEFAULT_POLLING_POLICY,
  tiers: Object.freeze([{ untilMs: Number.POSITIVE_INFINITY, delayMs: 250 }]),
  errorBackoffBaseMs: 250,
  errorBackoffMaxMs: 1_000,
});

/** A fresh proxy + simulator with the story's invoice, saved accounts and faults. */
export async function createStoryBackend(options: StoryBackendOptions = {}): Promise<StoryBackend> {
  // The proxy reads the simulator's clock, so a moved clock expires sessions on both sides alike.
  let control: SimulatorControl | null = null;
  const simulatorNow = () => control?.now() ?? Date.now();
  const backend = createDevBackend({
    simulator: options.simulator ?? {},
    // Stories print nothing: the proxy's request log would flood the browser console.
    logger: { info() {}, warn() {}, error() {} },
    proxy: { now: simulatorNow },
  });
  control = backend.simulator.control;

  const invoice = options.invoice ?? {};
  const created = control.createSource({
    currency: invoice.currency ?? "USD",
    items: invoice.items ?? [{ name: "Tea", amount: "12.50" }],
    fee_bearer: invoice.feeBearer ?? "PAYER",
  });
  const source = { type: created.source_type, id: Number(created.source_id) };

  // Set-up goes straight to the backend, not through the worker: it cannot race the worker's start.
  const origin = globalThis.location?.origin ?? "http://localhost";
  const direct = createProxyClient({
    baseUrl: `${origin}${STORY_PROXY_PATH}`,
    fetch: (input, init) => backend(new Request(input, init)),
  });
  const accounts: SavedPaymentAccount[] = [];
  for (const wallet of options.wallets ?? []) {
    accounts.push(
      await direct.createPaymentAccount({
        type: "MOBILE_MONEY",
        phone: wallet.phone,
        account_name: wallet.name ?? "Ama Kollie",
      }),
    );
  }
  for (const card of options.cards ?? []) {
    accounts.push(
      await direct.createPaymentAccount({
        type: "CARD",
        payment_method_id: card.paymentMethodId,
        account_name: card.name ?? "Ama Kollie",
        ...(card.last4 ? { last4: card.last4 } : {}),
      }),
    );
  }
  if (options.faults) control.setFaults(options.faults);

  const serve = ({ request }: { request: Request }) => backend(request);
  const simulatorControl = control;
  return {
    backend,
    control: simulatorControl,
    source,
    accounts,
    client: createProxyClient({ baseUrl: STORY_PROXY_PATH }),
    clock: { ...systemClock, now: () => simulatorControl.now() },
    handlers: [http.all(`*${STORY_PROXY_PATH}/*`, serve), http.all("*/__simulator/*", serve)],
    async collect(accountId, currency = invoice.currency ?? "USD") {
      const session = await direct.createCheckoutSession({
        source_type: source.type,
        source_id: source.id,
      });
      const referenceId = crypto.randomUUID();
      const startedAt = simulatorControl.now();
      const answer = await direct.executeCollection({
        session_id: session.id,
        payment_account_id: accountId,
        currency,
        reference_id: referenceId,
      });
      return { referenceId, status: answer.status, startedAt };
    },
    executions: () => simulatorControl.ledger().executions,
  };
}
