// Checkouts: `POST /v1/checkouts/create` in one call (party, counterparty, source, items,
// publish) and the checkout configs behind the hosted pay and receipt pages.
import type { SourceType } from "./catalog.ts";
import { unprocessable } from "./errors.ts";
import { decimalNumber } from "./money.ts";
import type { World } from "./router.ts";
import {
  addItem,
  createCounterparty,
  createParty,
  createSource,
  iso,
  publishSource,
  sourceProgress,
  totalMinor,
} from "./sources.ts";
import { type CheckoutConfig, type Counterparty, type Source, sourceKey } from "./store.ts";

export const CHECKOUT_MODES = ["HOSTED", "DIRECT"] as const;
export type CheckoutMode = (typeof CHECKOUT_MODES)[number];

/** A checkout request whose fields passed the schema; amounts already in minor units. */
export interface NewCheckout {
  mode: CheckoutMode;
  source_kind: SourceType;
  party_phone: string;
  currency: string;
  items: { name: string; amountMinor: bigint }[];
  party_name?: string | null;
  party_email?: string | null;
  party_relationship?: string | null;
  reference_id?: string | null;
  note?: string | null;
  due_date?: string | null;
  success_url?: string | null;
  cancel_url?: string | null;
  /** Epoch ms of the simulator clock. */
  expires_at?: number | null;
  counterparty_id?: number | null;
}

/** A random token: 24 bytes in hex, behind a prefix that says what it opens. */
function randomToken(prefix: string): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return `${prefix}_${[...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

/** What a pay or receipt token looks like; anything else is not looked up. */
export const PAGE_TOKEN = /^(?:pay|rcpt)_[0-9a-f]{48}$/;

export function createCheckoutConfig(
  world: World,
  source: Source,
  input: Pick<NewCheckout, "mode" | "success_url" | "cancel_url" | "expires_at">,
): CheckoutConfig {
  const config: CheckoutConfig = {
    id: world.store.nextId("checkoutConfig"),
    mode: input.mode,
    source_type: source.type,
    source_id: source.id,
    pay_token: randomToken("pay"),
    receipt_token: randomToken("rcpt"),
    success_url: input.success_url ?? null,
    cancel_url: input.cancel_url ?? null,
    expires_at: input.expires_at ?? null,
    created_at: world.now(),
  };
  world.store.state.checkoutConfigs.set(config.id, config);
  return config;
}

/** The counterparty behind `counterparty_id`: known, and with a party (an account needs one). */
export function reusableCounterparty(world: World, counterpartyId: number): Counterparty {
  const loc = ["body", "counterparty_id"];
  const counterparty = world.store.state.counterparties.get(counterpartyId);
  if (!counterparty) throw unprocessable(loc, `counterparty ${counterpartyId} not found`);
  if (counterparty.party_id === null)
    throw unprocessable(loc, `counterparty ${counterpartyId} has no party to issue the source to`);
  return counterparty;
}

/**
 * Creates and publishes the source of a checkout, and its config. The source is issued to the
 * counterparty named by `counterparty_id` (its party is kept as it is), else to a new party and
 * counterparty made from the request. The caller has checked everything else first.
 */
export function createCheckout(world: World, input: NewCheckout) {
  let counterparty: Counterparty;
  if (input.counterparty_id != null) {
    counterparty = reusableCounterparty(world, input.counterparty_id);
  } else {
    const party = createParty(world, {
      fullname: input.party_name ?? "Customer",
      phone: input.party_phone,
      email: input.party_email ?? null,
    });
    counterparty = createCounterparty(world, {
      relationship_type: input.party_relationship ?? "CUSTOMER",
      party_id: party.id,
    });
  }
  const source = createSource(world, {
    type: input.source_kind,
    counterparty_id: counterparty.id,
    currency: input.currency,
    note: input.note ?? null,
    // The shortcut takes no fee_bearer and Dollr's default is undocumented: the payer pays it.
    fee_bearer: "PAYER",
    as_payment_link: input.mode === "HOSTED",
    reference_id: input.reference_id ?? null,
    due_date: input.due_date ?? null,
  });
  for (const item of input.items) {
    addItem(world, source, {
      name: item.name,
      currency: input.currency,
      qty: 1,
      amountMinor: item.amountMinor,
    });
  }
  publishSource(world, source);
  const config = createCheckoutConfig(world, source, input);
  return { source, config, partyId: counterparty.party_id };
}

/** `{origin}{mount}` of the simulator, from a request to `path` (the path after any basePath). */
export function publicBase(url: URL, path: string): string {
  const mount = url.pathname.endsWith(path) ? url.pathname.slice(0, -path.length) : "";
  return `${url.origin}${mount}`;
}

export function payUrl(base: string, config: CheckoutConfig): string {
  return `${base}/pay/${config.pay_token}`;
}

export function receiptUrl(base: string, config: CheckoutConfig): string {
  return `${base}/receipt/${config.receipt_token}`;
}

/** `CreateCheckoutSourceLinkResponse` (`total_amount` a JSON number, as Dollr's examples). */
export function checkoutJson(
  world: World,
  base: string,
  checkout: { source: Source; config: CheckoutConfig; partyId: number | null },
) {
  const { source, config } = checkout;
  // DIRECT: the merchant's own page pays through sessions/checkout and executions, so there is
  // no page to send the customer to (GET /v1/links/pay still makes one).
  const hosted = config.mode === "HOSTED";
  return {
    mode: config.mode,
    source_type: source.type,
    source_id: source.id,
    source_number: source.number,
    source_status: sourceProgress(world, source).status,
    counterparty_id: source.counterparty_id,
    party_id: checkout.partyId,
    currency: source.currency,
    total_amount: decimalNumber(totalMinor(source), source.currency),
    source_checkout_config_id: config.id,
    url: hosted ? payUrl(base, config) : null,
    reference_id: source.reference_id,
    due_date: source.due_date,
    expires_at: config.expires_at === null ? null : iso(config.expires_at),
    hosted_path_or_token: hosted ? config.pay_token : null,
    success_url: config.success_url,
    cancel_url: config.cancel_url,
  };
}

function configsOf(world: World, source: Source): CheckoutConfig[] {
  const key = sourceKey(source.type, source.id);
  return [...world.store.state.checkoutConfigs.values()].filter(
    (config) => sourceKey(config.source_type, config.source_id) === key,
  );
}

function isLive(world: World, config: CheckoutConfig): boolean {
  return config.expires_at === null || world.now() < config.expires_at;
}

/** The source's newest live checkout config, or a new one (no return URLs, no expiry). */
export function linkConfig(world: World, source: Source): CheckoutConfig {
  const live = configsOf(world, source).filter((config) => isLive(world, config));
  return (
    live[live.length - 1] ??
    createCheckoutConfig(world, source, {
      mode: "HOSTED",
      success_url: null,
      cancel_url: null,
      expires_at: null,
    })
  );
}

/** The config a pay token opens: undefined when unknown or expired. */
export function configForPayToken(world: World, token: string): CheckoutConfig | undefined {
  if (!PAGE_TOKEN.test(token)) return undefined;
  for (const config of world.store.state.checkoutConfigs.values()) {
    if (config.pay_token === token) return isLive(world, config) ? config : undefined;
  }
  return undefined;
}

/** The config a receipt token opens (receipts do not expire). */
export function configForReceiptToken(world: World, token: string): CheckoutConfig | undefined {
  if (!PAGE_TOKEN.test(token)) return undefined;
  for (const config of world.store.state.checkoutConfigs.values()) {
    if (config.receipt_token === token) return config;
  }
  return undefined;
}
