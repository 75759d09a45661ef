/**
 * The one call a cart checkout makes to Dollr, `POST /v1/checkouts/create`, and what its failure
 * to answer means: no token (nothing sent), or no answer (Dollr may have made a source that no
 * one will ever see: an unpaid order, harmless, so the caller may try again).
 */
import { DollrKitError, type SourceType } from "@dollr-kit/core/internal";
import type { DollrAnswer, DollrClient } from "../upstream/dollr-client.ts";
import { TokenError } from "../upstream/token-manager.ts";
import { UpstreamFailure } from "../upstream/transport.ts";
import type { CheckedCart } from "./lines.ts";

/** Asks Dollr for the cart's source; throws `DollrKitError` when no answer came. */
export async function askDollr(
  client: DollrClient,
  cart: CheckedCart,
  sourceKind: SourceType,
): Promise<DollrAnswer> {
  const email = cart.customer.email;
  try {
    return await client.call({
      method: "POST",
      path: "/v1/checkouts/create",
      body: {
        mode: cart.mode,
        source_kind: sourceKind,
        party_phone: cart.customer.phone,
        party_name: cart.customer.name,
        ...(email ? { party_email: email } : {}),
        currency: cart.currency,
        // Decimal strings: exact, where a JSON number may not be.
        items: cart.items,
        reference_id: cart.orderReference,
        ...(cart.successUrl ? { success_url: cart.successUrl, cancel_url: cart.cancelUrl } : {}),
        ...(cart.note ? { note: cart.note } : {}),
      },
      kind: "write",
      label: "/v1/checkouts/create",
    });
  } catch (error) {
    if (error instanceof TokenError) {
      throw new DollrKitError(
        error.reason === "rejected" ? "UNAUTHORIZED" : "NETWORK",
        "Dollr's token could not be had: no source was made",
      );
    }
    if (error instanceof UpstreamFailure) {
      throw new DollrKitError(
        error.reason === "timeout" ? "TIMEOUT" : "NETWORK",
        "Dollr did not answer the checkout: try again",
        { ambiguous: true },
      );
    }
    throw error;
  }
}
