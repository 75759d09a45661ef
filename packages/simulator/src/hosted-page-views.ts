// The hosted pay page and receipt page as HTML: what the customer sees for each source state.
// Every dynamic string goes through the `html` tag, which escapes it.
import {
  CARD_CURRENCIES,
  MOBILE_MONEY_OPERATORS,
  type MobileMoneyOperator,
  type PaymentMethod,
} from "./catalog.ts";
import { HttpError } from "./errors.ts";
import { type CollectionPrice, priceCollection } from "./fees.ts";
import { html, layout, type SafeHtml, timeElement } from "./hosted-page-html.ts";
import { MESSAGES } from "./outcomes.ts";
import { feeMinorOf, money, type Payment, paymentMethodSummary } from "./receipts.ts";
import type { SourceStatus } from "./sources.ts";
import { totalMinor } from "./sources.ts";
import type { Source } from "./store.ts";

/** The test cards the page offers (3DS ones need `/__simulator/authenticate`, so not here). */
export const PAGE_CARDS: Readonly<Record<string, string>> = {
  pm_card_visa: "Visa ending 4242 (approved)",
  pm_card_mastercard: "Mastercard ending 4444 (approved)",
  pm_card_chargeDeclined: "Visa ending 0002 (declined)",
};

/** Why the customer's last attempt failed, in their words. */
export function declinedMessage(gatewayMessage: string | null): string {
  const reasons: Record<string, string> = {
    [MESSAGES.insufficientFunds]: "your wallet does not have enough money",
    [MESSAGES.notApproved]: "it was not approved on your phone in time",
    [MESSAGES.expired]: "it was not approved before the checkout session ended",
    [MESSAGES.cardDeclined]: "your card was declined",
  };
  const reason = gatewayMessage === null ? undefined : reasons[gatewayMessage];
  return `Your payment was declined${reason ? `: ${reason}` : ""}. You have not been charged, and you can try again.`;
}

function kindOf(source: Source): string {
  return source.type === "INVOICE" ? "invoice" : "order";
}

/** The operator whose test numbers the page suggests for this currency. */
function exampleOperator(currency: string): MobileMoneyOperator | undefined {
  return MOBILE_MONEY_OPERATORS.find((operator) => operator.currencies.includes(currency));
}

/** What paying this source with `method` costs in its own currency; null when it cannot. */
export function quote(source: Source, method: PaymentMethod): CollectionPrice | null {
  try {
    return priceCollection(
      {
        baseMinor: totalMinor(source),
        baseCurrency: source.currency,
        payerCurrency: source.currency,
        method,
        feeBearer: source.fee_bearer,
      },
      ["form"],
    );
  } catch (error) {
    if (error instanceof HttpError) return null;
    throw error;
  }
}

function itemsTable(source: Source, caption = "What you are paying for"): SafeHtml {
  return html`<table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Item</th><th scope="col">Qty</th><th scope="col" class="amount">Amount</th></tr></thead>
<tbody>
${source.items.map(
  (item) =>
    html`<tr><td>${item.name}</td><td>${item.qty}</td><td class="amount">${money(item.amountMinor * BigInt(item.qty), item.currency)}</td></tr>\n`,
)}</tbody>
<tfoot><tr><th scope="row" colspan="2">Total</th><td class="amount">${money(totalMinor(source), source.currency)}</td></tr></tfoot>
</table>`;
}

/** What the customer pays; with PAYER the fee is on top, with PAYEE the shop pays it. */
function priceLine(source: Source, price: CollectionPrice): SafeHtml {
  return source.fee_bearer === "PAYER" && price.feeMinor > 0n
    ? html`<p class="hint">You pay ${money(price.payerMinor, price.payerCurrency)}, including a fee of ${money(price.feeMinor, price.payerCurrency)}.</p>`
    : html`<p class="hint">You pay ${money(price.payerMinor, price.payerCurrency)}.</p>`;
}

function mobileMoneyForm(source: Source, action: string, form: PayForm): SafeHtml | null {
  const operator = exampleOperator(source.currency);
  const price = operator ? quote(source, operator.method) : null;
  if (!operator || !price) return null;
  const invalid = form.field === "phone";
  return html`<section aria-labelledby="momo-heading">
<h2 id="momo-heading">Pay with mobile money</h2>
<form method="post" action="${action}">
<input type="hidden" name="method" value="mobile_money">
<label for="phone">Mobile money number</label>
<input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel" required maxlength="20" value="${form.phone ?? ""}" aria-describedby="phone-hint${invalid ? " form-error" : ""}"${invalid ? html` aria-invalid="true"` : ""}>
<p id="phone-hint" class="hint">Country code and number, digits only. Test numbers: ${operator.prefix}0000000 is approved after a moment; a number ending in 3, such as ${operator.prefix}0000003, is declined.</p>
${priceLine(source, price)}
<button type="submit">Pay ${money(price.payerMinor, price.payerCurrency)} with mobile money</button>
</form>
</section>`;
}

function cardForm(source: Source, action: string): SafeHtml | null {
  const price = (CARD_CURRENCIES as readonly string[]).includes(source.currency)
    ? quote(source, "CREDIT_CARD")
    : null;
  if (!price) return null;
  return html`<section aria-labelledby="card-heading">
<h2 id="card-heading">Pay with a test card</h2>
<form method="post" action="${action}">
<input type="hidden" name="method" value="card">
<label for="card">Test card</label>
<select id="card" name="card">
${Object.entries(PAGE_CARDS).map(([id, label]) => html`<option value="${id}">${label}</option>\n`)}</select>
${priceLine(source, price)}
<button type="submit">Pay ${money(price.payerMinor, price.payerCurrency)} by card</button>
</form>
</section>`;
}

/** What the customer typed and what was wrong with it, when a form comes back. */
export interface PayForm {
  error?: string;
  /** The field the error is about, marked aria-invalid. */
  field?: "phone" | "card" | "method";
  phone?: string;
}

export interface PayPageInput {
  source: Source;
  status: SourceStatus;
  /** The page's own path (form action), and its cancel and receipt paths. */
  action: string;
  cancelPath: string | null;
  receiptPath: string;
  successUrl: string | null;
  form?: PayForm;
}

function statusSection(input: PayPageInput): SafeHtml {
  const kind = kindOf(input.source);
  switch (input.status) {
    case "PAID":
      return html`<p class="notice" role="status">This ${kind} is already paid. Thank you.</p>
<p><a href="${input.receiptPath}">See the receipt</a></p>
${input.successUrl ? html`<p><a href="${input.successUrl}">Return to the shop</a></p>` : ""}`;
    case "PROCESSING":
      return html`<p class="notice" role="status">Your payment is being processed. If you paid with mobile money, approve the prompt on your phone.</p>
<p><a href="${input.action}">Check again</a></p>`;
    case "CANCELED":
      return html`<p class="notice" role="status">This ${kind} was canceled, so it cannot be paid.</p>`;
    default:
      return html`<p class="notice" role="status">This ${kind} is not open for payment yet.</p>`;
  }
}

export function payPage(input: PayPageInput): SafeHtml {
  const { source, form = {} } = input;
  const title = `Pay ${kindOf(input.source)} ${source.number}`;
  const forms =
    input.status === "ACTIVE"
      ? [mobileMoneyForm(source, input.action, form), cardForm(source, input.action)]
      : [];
  const body = html`<h1>${title}</h1>
${source.note ? html`<p>${source.note}</p>` : ""}
${itemsTable(source)}
${form.error ? html`<p id="form-error" class="alert" role="alert">${form.error}</p>` : ""}
${input.status === "ACTIVE" ? forms : statusSection(input)}
${input.cancelPath && input.status !== "PAID" ? html`<p><a href="${input.cancelPath}">Cancel and return to the shop</a></p>` : ""}`;
  return layout(title, body);
}

export function receiptPage(source: Source, payment: Payment): SafeHtml {
  const { execution, account } = payment;
  const method = paymentMethodSummary(account);
  const title = `Receipt for ${kindOf(source)} ${source.number}`;
  const body = html`<h1>${title}</h1>
<p class="notice" role="status">Paid. Thank you.</p>
<dl>
<dt>Amount paid</dt><dd>${money(execution.payerMinor, execution.payer_currency)}</dd>
<dt>${source.fee_bearer === "PAYER" ? "Fee (included)" : "Fee (paid by the shop)"}</dt><dd>${money(feeMinorOf(source, payment), execution.payer_currency)}</dd>
<dt>${kindOf(source) === "invoice" ? "Invoice" : "Order"} number</dt><dd>${source.number}</dd>
<dt>Payment method</dt><dd>${method.label} ending ${method.last_digits}</dd>
<dt>Paid on</dt><dd>${timeElement(payment.paidAt)}</dd>
<dt>Payment reference</dt><dd>${execution.reference_id}</dd>
${source.reference_id ? html`<dt>Shop reference</dt><dd>${source.reference_id}</dd>` : ""}
</dl>
${itemsTable(source, "What you paid for")}`;
  return layout(title, body);
}
