// The hosted pages, served by the simulator's own fetch handler outside /v1 and without a bearer
// token: `GET|POST /pay/{token}` (pay a checkout with a test number or card), `GET
// /pay/{token}/cancel` (303 to the shop's cancel_url) and `GET /receipt/{token}`. Paying goes
// through the same domain code as the API (account, session, execution), so the ledger, status
// endpoints and the source's PROCESSING → PAID all follow the simulator clock as usual.
import { createPaymentAccount } from "./accounts.ts";
import { CARD_CURRENCIES, MOBILE_MONEY_OPERATORS, operatorForPhone } from "./catalog.ts";
import { configForPayToken, configForReceiptToken } from "./checkouts.ts";
import { HttpError } from "./errors.ts";
import { executeCollection } from "./executions.ts";
import { htmlResponse, messagePage, seeOther } from "./hosted-page-html.ts";
import {
  declinedMessage,
  PAGE_CARDS,
  type PayForm,
  payPage,
  quote,
  receiptPage,
} from "./hosted-page-views.ts";
import { evaluate } from "./outcomes.ts";
import { paymentOf } from "./receipts.ts";
import type { World } from "./router.ts";
import { createCheckoutSession } from "./sessions.ts";
import { createParty, findSource, sourceProgress } from "./sources.ts";
import { type CheckoutConfig, type PaymentAccount, type Source, sourceKey } from "./store.ts";

/** A form post is a few fields: anything bigger is refused before it is read whole. */
const MAX_FORM_BYTES = 8 * 1024;

export function isHostedPagePath(path: string): boolean {
  return /^\/(?:pay|receipt)(?:\/|$)/.test(path);
}

interface PageRequest {
  world: World;
  request: Request;
  /** Where the simulator is mounted in the request's path ("" or e.g. "/dollr"). */
  mount: string;
}

const notFoundPage = () =>
  messagePage(
    404,
    "Payment link not found",
    "This link is not valid, or it has expired. Ask the shop for a new link.",
  );

/** Answers a request for a hosted page (`path` is after any basePath). Never throws. */
export async function handleHostedPage(
  world: World,
  request: Request,
  url: URL,
  path: string,
): Promise<Response> {
  const page: PageRequest = {
    world,
    request,
    mount: url.pathname.slice(0, url.pathname.length - path.length),
  };
  const method = request.method.toUpperCase();
  const target = pageOf(path);
  if (!target) return notFoundPage();
  const allow = target.kind === "pay" ? "GET, POST" : "GET";
  if (!allow.split(", ").includes(method))
    return messagePage(405, "Method not allowed", `This page answers ${allow} only.`).then(
      (response) => withHeader(response, "allow", allow),
    );
  try {
    if (target.kind === "receipt") return await showReceipt(page, target.token);
    const config = configForPayToken(world, target.token);
    const source = config && findSource(world, config.source_type, config.source_id);
    if (!config || !source) return notFoundPage();
    if (target.kind === "cancel") return cancel(config);
    if (method === "POST") return await pay(page, config, source);
    return await showPayPage(page, config, source, lastDecline(world, source));
  } catch (error) {
    if (error instanceof HttpError) return refusedPage(error);
    // A bug in the simulator must not take the process down: answer it and keep serving.
    console.error("dollr-simulator: unexpected error on a hosted page", error);
    return messagePage(500, "Something went wrong", "The simulator could not answer this page.");
  }
}

/** The page a path names: `/pay/{token}`, `/pay/{token}/cancel` or `/receipt/{token}`. */
function pageOf(path: string): { kind: "pay" | "cancel" | "receipt"; token: string } | null {
  const match = /^\/(pay|receipt)\/([^/]+)(\/cancel)?$/.exec(path);
  if (!match?.[2] || (match[1] === "receipt" && match[3])) return null;
  return { kind: match[3] ? "cancel" : match[1] === "pay" ? "pay" : "receipt", token: match[2] };
}

/** A refused form (too large, not form-encoded, or a rule the domain code enforces). */
function refusedPage(error: HttpError): Promise<Response> {
  if (error.status === 413)
    return messagePage(413, "Form too large", "The form was too large. Go back and try again.");
  if (error.status === 415)
    return messagePage(415, "Unsupported form", "Send the form as the page does (form-encoded).");
  return messagePage(
    error.status,
    "Payment not started",
    `Your payment could not be started (${error.message}). Go back and try again.`,
  );
}

function withHeader(response: Response, name: string, value: string): Response {
  response.headers.set(name, value);
  return response;
}

function payPath(page: PageRequest, config: CheckoutConfig): string {
  return `${page.mount}/pay/${config.pay_token}`;
}

function showPayPage(
  page: PageRequest,
  config: CheckoutConfig,
  source: Source,
  form: PayForm = {},
  status = 200,
): Promise<Response> {
  const successUrl = config.success_url;
  return htmlResponse(
    status,
    payPage({
      source,
      status: sourceProgress(page.world, source).status,
      action: payPath(page, config),
      cancelPath: config.cancel_url === null ? null : `${payPath(page, config)}/cancel`,
      receiptPath: `${page.mount}/receipt/${config.receipt_token}`,
      successUrl,
      form,
    }),
    { formTargets: successUrl === null ? [] : [new URL(successUrl).origin] },
  );
}

/** The decline of the source's last payment, while the source is payable again. */
function lastDecline(world: World, source: Source): PayForm | undefined {
  if (sourceProgress(world, source).status !== "ACTIVE") return undefined;
  const references = world.store.state.executionsBySource.get(sourceKey(source.type, source.id));
  const last = references?.[references.length - 1];
  const execution = last === undefined ? undefined : world.store.state.executions.get(last);
  if (!execution) return undefined;
  const state = evaluate(execution, world.now());
  return state.phase === "failed" || state.phase === "expired"
    ? { error: declinedMessage(state.gatewayMessage) }
    : undefined;
}

function cancel(config: CheckoutConfig): Promise<Response> | Response {
  if (config.cancel_url === null)
    return messagePage(404, "No page to return to", "The shop gave no cancel page for this link.");
  return seeOther(new URL(config.cancel_url).href);
}

async function showReceipt(page: PageRequest, token: string): Promise<Response> {
  const config = configForReceiptToken(page.world, token);
  const source = config && findSource(page.world, config.source_type, config.source_id);
  const payment = source ? paymentOf(page.world, source) : null;
  if (!source || !payment)
    return messagePage(404, "Receipt not found", "There is no receipt at this link (yet).");
  return htmlResponse(200, receiptPage(source, payment));
}

/** Reads a form-encoded body of at most MAX_FORM_BYTES. */
async function readForm(request: Request): Promise<URLSearchParams> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") throw new HttpError(415, "Unsupported form");
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > MAX_FORM_BYTES) throw new HttpError(413, "Too large");
  let text = "";
  if (request.body !== null) {
    const reader = request.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
      if (text.length > MAX_FORM_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw new HttpError(413, "Too large");
      }
    }
  }
  return new URLSearchParams(text);
}

const PREFIXES = MOBILE_MONEY_OPERATORS.map((operator) => operator.prefix).join(", ");

type Chosen = { account: PaymentAccount } | { error: PayForm };

/** The payment account the form names, made for the source's party; or what was wrong. */
function accountFromForm(world: World, source: Source, form: URLSearchParams): Chosen {
  const method = form.get("method");
  if (method === "mobile_money") {
    const typed = (form.get("phone") ?? "").slice(0, 40);
    const phone = typed.replace(/[\s-]/g, "").replace(/^\+/, "");
    const operator = /^\d{12}$/.test(phone) ? operatorForPhone(phone) : undefined;
    if (!operator)
      return {
        error: {
          field: "phone",
          phone: typed,
          error: `Enter a test mobile money number: 12 digits starting with ${PREFIXES}, such as 231880000000.`,
        },
      };
    if (!operator.currencies.includes(source.currency) || !quote(source, operator.method))
      return {
        error: {
          field: "phone",
          phone: typed,
          error: `${operator.carrier} cannot pay in ${source.currency}. Use a number of an operator that can.`,
        },
      };
    const account = createPaymentAccount(world, "COLLECTION", {
      account_name: "Hosted checkout wallet",
      provider: "PAWAPAY",
      method: operator.method,
      party_id: payerPartyId(world, source, phone),
      country_code: operator.country,
      insensitive_account_number: phone,
    });
    return { account };
  }
  if (method === "card") {
    const card = form.get("card") ?? "";
    if (!Object.hasOwn(PAGE_CARDS, card))
      return { error: { field: "card", error: "Choose one of the test cards." } };
    if (
      !(CARD_CURRENCIES as readonly string[]).includes(source.currency) ||
      !quote(source, "CREDIT_CARD")
    )
      return { error: { field: "card", error: `Cards cannot pay in ${source.currency}.` } };
    const account = createPaymentAccount(world, "COLLECTION", {
      account_name: "Hosted checkout card",
      provider: "STRIPE",
      method: "CREDIT_CARD",
      party_id: payerPartyId(world, source, null),
      payment_method_id: card,
    });
    return { account };
  }
  return { error: { field: "method", error: "Choose how you want to pay." } };
}

/** The source's party; a source issued to a counterparty without one gets a new party. */
function payerPartyId(world: World, source: Source, phone: string | null): number {
  const counterparty = world.store.state.counterparties.get(source.counterparty_id);
  if (counterparty?.party_id != null) return counterparty.party_id;
  return createParty(world, { fullname: "Hosted checkout payer", phone: phone ?? "" }).id;
}

/**
 * Pays the checkout as an API client would: payment account, checkout session, collection
 * execution. 303 to success_url (or back to the page) once the payment is under way; back to the
 * page when it was declined at once (the page then says so), or when the source is not payable.
 */
async function pay(page: PageRequest, config: CheckoutConfig, source: Source): Promise<Response> {
  const form = await readForm(page.request);
  const { world } = page;
  const back = () => seeOther(payPath(page, config));
  if (sourceProgress(world, source).status !== "ACTIVE") return back();
  const chosen = accountFromForm(world, source, form);
  if ("error" in chosen) return showPayPage(page, config, source, chosen.error, 422);
  const session = createCheckoutSession(world, { source_id: source.id, source_type: source.type });
  const execution = executeCollection(world, {
    session_id: String(session.id),
    payment_account_id: String(chosen.account.id),
    currency: source.currency,
    reference_id: crypto.randomUUID(),
  });
  const { phase } = evaluate(execution, world.now());
  if (phase === "failed" || phase === "expired") return back();
  return config.success_url === null ? back() : seeOther(new URL(config.success_url).href);
}
