// The shop's own module that makes the proxy (the README's "Smallest working example"); the
// adapter recipes beside it import it. Their test replaces it with a proxy in front of the
// simulator.
import { createDollrProxy } from "@dollr-kit/server";

export const proxy = createDollrProxy({
  dollr: {
    clientId: process.env.DOLLR_CLIENT_ID ?? "",
    clientSecret: process.env.DOLLR_CLIENT_SECRET ?? "",
  },
  resolveCustomer: async () => null, // your own auth: { id, partyId } of the signed-in customer
  authorizeSource: async () => false, // may this customer pay this invoice or order?
});
