/**
 * Debian's Chromium through playwright-core, with the launch arguments of the root
 * vite.config.ts, and the pages a customer goes through: a mobile-money payment on a fixture's
 * checkout page, watched for console errors (hydration warnings included), Stripe and the card
 * chunk; and the JavaScript a page loads up front (for the bench).
 */
import { gzipSync } from "node:zlib";
import { type Browser, chromium, type Page } from "playwright-core";

/**
 * The host the fixtures are opened at: a name, not the server's own 127.0.0.1 (so the Next.js
 * route must be told its origin), under `.localhost` so the page is a secure context (the kit
 * makes reference ids with `crypto.randomUUID`, which browsers give only to https and localhost).
 */
export const SHOP_HOST = "shop.localhost";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ARGS,
  });
}

export interface PageWatch {
  /** Console errors and warnings, uncaught errors, failed requests. */
  problems: string[];
  /** Every script the page loaded, with its size. */
  scripts: { url: string; bytes: number; gzipBytes: number }[];
  /** Requests that went to Stripe. */
  stripe: string[];
  /** Resolves once every script seen so far has been read. */
  settled(): Promise<void>;
}

/** Records what a page does from now on. */
export function watch(page: Page): PageWatch {
  const reading: Promise<void>[] = [];
  const seen: PageWatch = {
    problems: [],
    scripts: [],
    stripe: [],
    settled: async () => {
      await Promise.all(reading);
    },
  };
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning")
      seen.problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => seen.problems.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) =>
    seen.problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ""}`),
  );
  page.on("request", (request) => {
    if (/stripe\.(com|network)/.test(new URL(request.url()).hostname))
      seen.stripe.push(request.url());
  });
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    reading.push(
      response
        .body()
        .catch(() => Buffer.alloc(0))
        .then((body) => {
          seen.scripts.push({
            url: response.url(),
            bytes: body.length,
            gzipBytes: gzipSync(body, { level: 9 }).length,
          });
        }),
    );
  });
  return seen;
}

const FLOW = '[data-slot="checkout-flow"]';

export async function flowState(page: Page, state: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    ([selector, wanted]) =>
      document.querySelector(selector as string)?.getAttribute("data-state") === wanted,
    [FLOW, state],
    { timeout },
  );
}

/**
 * Pays an invoice by mobile money on a fixture's checkout page, as the demo's e2e tests do:
 * add a wallet (231880000000 succeeds), pay, wait in PROCESSING until `skipTheWait` moves the
 * simulator's clock, and see the payment succeed.
 */
export async function payByMobileMoney(
  page: Page,
  url: string,
  skipTheWait: () => Promise<void>,
): Promise<void> {
  await page.goto(url);
  await flowState(page, "selecting");
  const main = page.getByRole("main");
  await main.getByRole("button", { name: "Add mobile money" }).click();
  await main.getByLabel("Phone number").fill("231880000000");
  await main.getByText(/Operator: MTN/).waitFor();
  await main.getByLabel("Name on the account").fill("Ama Kollie");
  await main.getByRole("button", { name: "Save wallet" }).click();
  await main.getByRole("radio", { checked: true }).filter({ hasText: "000" }).waitFor();
  await main.locator(FLOW).getByText("Total").waitFor();
  await main.getByRole("button", { name: /^Pay / }).click();
  await flowState(page, "processing");
  await skipTheWait();
  await flowState(page, "succeeded");
}

/** The scripts a page loads up front: opened, hydrated, and quiet on the network. */
export async function upFrontScripts(
  browser: Browser,
  url: string,
  ready: (page: Page) => Promise<void>,
): Promise<PageWatch> {
  const page = await browser.newPage();
  try {
    const seen = watch(page);
    await page.goto(url, { waitUntil: "networkidle" });
    await ready(page);
    await seen.settled();
    return seen;
  } finally {
    await page.close();
  }
}
