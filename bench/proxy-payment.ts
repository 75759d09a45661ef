/**
 * The payment the latency benchmarks poll (bench/proxy.ts, bench/authority-latency.ts): a source
 * made at the simulator, then a wallet, a session and an execute through the proxy, so the
 * payment is the source's customer's (`x-bench-party`, as the benchmarks' proxies resolve it).
 */
import { json } from "./children.ts";

export async function paymentThroughProxy(
  simulatorUrl: string,
  proxyUrl: string,
): Promise<{ referenceId: string; customer: Record<string, string> }> {
  const source = await json(`${simulatorUrl}/__simulator/sources`, {
    method: "POST",
    body: JSON.stringify({ currency: "USD", items: [{ name: "Tea", amount: "12.50" }] }),
  });
  const customer = { "x-bench-party": String(source.party_id) };
  const account = await json(`${proxyUrl}/kit/payment-accounts`, {
    method: "POST",
    headers: customer,
    body: JSON.stringify({
      type: "MOBILE_MONEY",
      phone: "231880000000",
      account_name: "Bench Payer",
    }),
  });
  const session = await json(`${proxyUrl}/v1/sessions/checkout`, {
    method: "POST",
    headers: customer,
    body: JSON.stringify({ source_type: source.source_type, source_id: source.source_id }),
  });
  const referenceId = crypto.randomUUID();
  await json(`${proxyUrl}/v1/executions/collection`, {
    method: "POST",
    headers: customer,
    body: JSON.stringify({
      session_id: String(session.id),
      payment_account_id: String(account.id),
      currency: "USD",
      reference_id: referenceId,
    }),
  });
  return { referenceId, customer };
}
