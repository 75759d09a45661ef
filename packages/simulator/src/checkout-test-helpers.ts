// Helpers for the checkout, hosted page and receipt tests: a checkout made over the API, form
// posts as a browser sends them, and a few reads of the pages' HTML. Not exported.
import type { Loose, TestClient } from "./test-helpers.ts";

export const SHOP = "https://shop.example";

/** A checkout request with one item; `fields` override or add fields. */
export function checkoutRequest(fields: Record<string, unknown> = {}) {
  return {
    mode: "HOSTED",
    source_kind: "ORDER",
    party_phone: "231880000000",
    party_name: "Jane Doe",
    currency: "USD",
    items: [{ name: "T-shirt", currency: "USD", amount: 12.5 }],
    success_url: `${SHOP}/thanks?order=42`,
    cancel_url: `${SHOP}/cart`,
    ...fields,
  };
}

/** `POST /v1/checkouts/create`, which must succeed. */
export async function createCheckout(client: TestClient, fields: Record<string, unknown> = {}) {
  const answer = await client.post("/v1/checkouts/create", checkoutRequest(fields));
  if (answer.status !== 200) throw new Error(`checkout: ${JSON.stringify(answer.body)}`);
  return answer.body as Loose;
}

/** A browser's form submission: form-encoded, redirects not followed. */
export function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
}

export async function getPage(url: string): Promise<{ response: Response; text: string }> {
  const response = await fetch(url, { redirect: "manual" });
  return { response, text: await response.text() };
}

/** Ids of the visible form controls that have no `<label for>`. */
export function unlabelledControls(text: string): string[] {
  const controls = [...text.matchAll(/<(input|select|textarea)\b[^>]*>/g)]
    .map((match) => match[0])
    .filter((tag) => !/type="hidden"/.test(tag));
  return controls
    .map((tag) => /\bid="([^"]+)"/.exec(tag)?.[1] ?? tag)
    .filter((id) => !text.includes(`<label for="${id}">`));
}

/** The path and query of a Location header. */
export function locationOf(response: Response): string | null {
  return response.headers.get("location");
}
