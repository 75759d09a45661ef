/**
 * Shared set-up for the demo's end-to-end tests: every test starts from a fresh simulator, proxy
 * and order book (`POST /__demo/reset`) in a fresh browser context, and helpers drive the shop as
 * a customer would.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  test as base,
  type Cookie,
  expect,
  type Locator,
  type Page,
  type PlaywrightWorkerArgs,
  type TestInfo,
} from "@playwright/test";

export { expect };

const here = path.dirname(fileURLToPath(import.meta.url));
export const SCREENSHOT_DIR = path.resolve(here, "../test-results/screenshots");

export const PHONES = {
  succeeds: "231880000000",
  failsLater: "231880000001",
  neverCompletes: "231880000002",
  failsAtOnce: "231880000003",
} as const;

export const CARDS = {
  visa: "4242 4242 4242 4242",
  threeDSecure: "4000 0000 0000 3220",
  declined: "4000 0000 0000 0002",
} as const;

export interface LedgerExecution {
  reference_id: string;
  source_type: string;
  source_id: number;
  amount: string;
  currency: string;
  status: string;
  requires_action: boolean;
  execute_calls: number;
  payloads: number;
}

export const test = base.extend<{ simulatorControls: boolean; resetDemo: undefined }>({
  /** False for the demo in real-Dollr mode (no /__demo, no /__simulator to reset). */
  simulatorControls: [true, { option: true }],
  resetDemo: [
    async ({ request, page, simulatorControls }, use) => {
      if (simulatorControls) {
        // Writes to the developer controls are JSON (anything else is refused).
        const reset = await request.post("/__demo/reset", { data: {} });
        expect(reset.ok()).toBe(true);
      }
      leaveWithoutAsking(page);
      await use(undefined);
    },
    { auto: true },
  ],
});

/**
 * The kit asks before leaving a page with a payment open (beforeunload): the tests reload and
 * close pages on purpose, so they say "leave".
 */
export function leaveWithoutAsking(page: Page): void {
  page.on("dialog", (dialog) => {
    if (dialog.type() === "beforeunload") void dialog.accept();
  });
}

// --- the shopper -------------------------------------------------------------------------------

/**
 * The same shopper on another device: a new browser context (its own storage, as another phone
 * or browser has) that carries the shopper's cookie, as a sign-in would.
 */
export async function sameShopperElsewhere(
  browser: Browser,
  signedIn: BrowserContext | Cookie[],
  baseURL: string,
  testInfo: TestInfo,
): Promise<BrowserContext> {
  const { locale, timezoneId, colorScheme, viewport } = testInfo.project.use;
  const cookies = Array.isArray(signedIn) ? signedIn : await signedIn.cookies();
  const other = await browser.newContext({
    baseURL,
    locale,
    timezoneId,
    colorScheme,
    viewport,
    storageState: { cookies, origins: [] },
  });
  other.on("page", leaveWithoutAsking);
  return other;
}

/** An HTTP client outside any browser holding the shopper's cookie (as a script would). */
export async function asShopper(
  playwright: PlaywrightWorkerArgs["playwright"],
  signedIn: BrowserContext,
  baseURL: string,
): Promise<APIRequestContext> {
  return playwright.request.newContext({
    baseURL,
    storageState: { cookies: await signedIn.cookies(), origins: [] },
  });
}

export interface OrderAnswer {
  id: number;
  status: "unpaid" | "processing" | "paid" | "failed" | "cancelled";
  payment: { reference_id: string; status: string | null; settled_at: string | null } | null;
}

/** `GET /shop/orders/{id}`: the order as the shop's server knows it. */
export async function orderOnServer(api: APIRequestContext, orderId: number): Promise<OrderAnswer> {
  const response = await api.get(`/shop/orders/${orderId}`);
  expect(response.status(), `GET /shop/orders/${orderId}`).toBe(200);
  return (await response.json()) as OrderAnswer;
}

/** The order page's status, as the server knows it (`data-status`). */
export function orderStatus(page: Page): Locator {
  return page.locator('[data-slot="order-status"]');
}

/** "A payment is in progress", shown on every page. */
export function paymentBanner(page: Page): Locator {
  return page.locator('[data-slot="payment-banner"]');
}

// --- the customer's path ---------------------------------------------------------------------

/** The checkout flow's root (`data-state` is the engine's state). */
export function flow(page: Page): Locator {
  return page.locator('[data-slot="checkout-flow"]');
}

export async function expectFlowState(page: Page, state: string, timeout = 15_000): Promise<void> {
  await expect(flow(page)).toHaveAttribute("data-state", state, { timeout });
}

/** From the shop: puts products in the cart and checks out; ends on the checkout page. */
export async function orderSomething(
  page: Page,
  products: string[] = ["Nimba coffee, 250 g"],
): Promise<{ orderId: number }> {
  await page.goto("/");
  for (const name of products) {
    await shop(page)
      .getByRole("button", { name: `Add to cart: ${name}` })
      .click();
  }
  await shop(page).getByRole("button", { name: "Check out" }).click();
  await page.waitForURL(/\/checkout\/\d+$/);
  await expectFlowState(page, "selecting");
  const orderId = Number(new URL(page.url()).pathname.split("/").pop());
  return { orderId };
}

/** The page's main content: what the customer uses (the developer panel is outside it). */
export function shop(page: Page): Locator {
  return page.getByRole("main");
}

/** Adds a mobile-money wallet through the kit's form (it becomes the chosen method). */
export async function addWallet(page: Page, phone: string, name = "Ama Kollie"): Promise<void> {
  const main = shop(page);
  await main.getByRole("button", { name: "Add mobile money" }).click();
  await main.getByLabel("Phone number").fill(phone);
  await expect(main.getByText(/Operator: MTN/)).toBeVisible();
  await main.getByLabel("Name on the account").fill(name);
  await main.getByRole("button", { name: "Save wallet" }).click();
  await expect(main.getByRole("radio", { checked: true })).toContainText(phone.slice(-3));
}

/** Adds a card through the kit's form with the fake Stripe's card field. */
export async function addCard(page: Page, number: string, name = "Ama Kollie"): Promise<void> {
  const main = shop(page);
  await main.getByRole("button", { name: "Add a card" }).click();
  await main.getByLabel("Name on the card").fill(name);
  await main.getByLabel("Card number").fill(number);
  await main.getByRole("button", { name: "Save card" }).click();
  await expect(main.getByRole("radio", { checked: true })).toContainText(number.slice(-4));
}

export function payButton(page: Page): Locator {
  return flow(page).getByRole("button", { name: /^Pay / });
}

/** Presses Tab until `target` has the focus (failing after `max` presses). */
export async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) {
      return;
    }
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

/** The developer panel's "Skip the wait": moves the simulator clock past the PROCESSING time. */
export async function skipTheWait(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^Skip the wait/ }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Moved the simulator clock" }),
  ).toBeVisible();
}

// --- the simulator's side --------------------------------------------------------------------

export async function ledger(request: APIRequestContext): Promise<LedgerExecution[]> {
  const response = await request.get("/__simulator/ledger");
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { executions: LedgerExecution[] }).executions;
}

/**
 * The ledger holds exactly one execution, named by exactly one execute request, matching
 * `expected`: the "one payment, never two" check most tests end with.
 */
export async function expectOneExecution(
  request: APIRequestContext,
  expected: Partial<LedgerExecution> = {},
): Promise<void> {
  const executions = await ledger(request);
  expect(executions).toHaveLength(1);
  expect(executions[0]).toMatchObject({ ...expected, execute_calls: 1 });
}

export async function setFaults(request: APIRequestContext, faults: unknown[]): Promise<void> {
  const response = await request.post("/__simulator/faults", { data: { faults } });
  expect(response.ok()).toBe(true);
}

/**
 * Holds the page's payment status checks at the demo server (unanswered) until released: a
 * waiting state stays on screen as long as a test needs, with no timer to race.
 */
export async function holdStatusChecks(request: APIRequestContext, hold: boolean): Promise<void> {
  const response = await request.post("/__demo/proxy", { data: { hold_status: hold } });
  expect(response.ok()).toBe(true);
}

export async function advanceClock(request: APIRequestContext, ms: number): Promise<void> {
  const response = await request.post("/__simulator/clock", { data: { advanceMs: ms } });
  expect(response.ok()).toBe(true);
}

// --- evidence ----------------------------------------------------------------------------------

/** axe on the whole page as it is now: no violations allowed. */
export async function expectAccessible(
  page: Page,
  what: string,
  options: { devPanel?: boolean } = {},
): Promise<void> {
  const builder = new AxeBuilder({ page });
  // The developer panel is checked on its own (dev-panel.e2e.ts); leaving it out elsewhere
  // halves the time axe takes on two cores.
  if (!options.devPanel) builder.exclude(".dev-panel");
  const results = await builder.analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
        .map((node) => `    ${node.target.join(" ")}: ${node.failureSummary ?? ""}`)
        .join("\n")}`,
  );
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

/**
 * A full-page screenshot of what the customer sees (the developer panel hidden), kept under
 * test-results/screenshots/.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    fullPage: true,
    animations: "disabled",
    caret: "hide",
    style:
      ".dev-panel { display: none !important; } .app[data-simulator] .layout { grid-template-columns: minmax(0, 1fr) !important; }",
  });
}

/** The state is recorded and accessible. */
export async function checkpoint(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}
