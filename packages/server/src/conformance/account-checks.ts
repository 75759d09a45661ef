/**
 * The checks of saved payment accounts: a wallet is saved, listed and never answered with its
 * full number; a card is saved single-use and can be deleted; another customer can neither see
 * nor delete the customer's accounts.
 */
import { checkRequest, maskPhoneNumber, SavedPaymentAccountSchema } from "@dollr-kit/core/internal";
import { describe, field } from "./probe.ts";
import {
  type Check,
  CheckFailure,
  expectShape,
  expectStatus,
  requireOther,
  wallet,
} from "./support.ts";

export const ACCOUNT_CHECKS: readonly Check[] = [
  {
    id: "accounts.mobile-money",
    title: "A wallet is saved, listed, and never answered with its full number",
    async run(context) {
      const id = await wallet(context);
      const { probe, fixtures } = context;
      const list = await probe.send({ method: "GET", path: "/kit/payment-accounts" });
      expectStatus(list, [200], "the saved accounts");
      const accounts = field(list, "payment_accounts");
      if (!Array.isArray(accounts))
        throw new CheckFailure(`the list is {"payment_accounts": [...]}: ${describe(list)}`);
      const saved = accounts.find((a) => (a as { id?: unknown }).id === id);
      if (!saved) throw new CheckFailure(`the list holds the new account ${id}: ${describe(list)}`);
      const account = expectShape(
        checkRequest(SavedPaymentAccountSchema, saved, "body"),
        list,
        "a saved account",
      );
      if (account.type !== "MOBILE_MONEY")
        throw new CheckFailure(`the account's type is MOBILE_MONEY: ${describe(list)}`);
      if (account.masked_number !== maskPhoneNumber(fixtures.phone)) {
        throw new CheckFailure(
          `masked_number shows only the last 3 digits (${maskPhoneNumber(fixtures.phone)}): ${describe(list)}`,
        );
      }
    },
  },
  {
    id: "accounts.card",
    title: "A card account is saved single-use and can be deleted (then 404)",
    async run({ probe, fixtures }) {
      const created = await probe.send({
        method: "POST",
        path: "/kit/payment-accounts",
        json: {
          type: "CARD",
          payment_method_id: fixtures.cardPaymentMethodId,
          account_name: "Conformance card",
          last4: "4242",
        },
      });
      expectStatus(created, [200, 201], "saving a card account");
      const account = expectShape(
        checkRequest(SavedPaymentAccountSchema, created.json, "body"),
        created,
        "a card account",
      );
      if (account.type !== "CARD" || account.single_use !== true) {
        throw new CheckFailure(`a card account is CARD and single_use: ${describe(created)}`);
      }
      const path = `/kit/payment-accounts/${encodeURIComponent(account.id)}`;
      expectStatus(
        await probe.send({ method: "DELETE", path }),
        [200, 204],
        "deleting a saved account",
      );
      const list = await probe.send({ method: "GET", path: "/kit/payment-accounts" });
      if (list.text.includes(`"id":"${account.id}"`))
        throw new CheckFailure(`a deleted account is not listed: ${describe(list)}`);
      expectStatus(await probe.send({ method: "DELETE", path }), [404], "deleting it again");
    },
  },
  {
    id: "ownership.accounts",
    title: "Another customer cannot see or delete the customer's accounts",
    async run(context) {
      requireOther(context);
      const id = await wallet(context);
      const list = await context.probe.send({
        method: "GET",
        path: "/kit/payment-accounts",
        as: "other",
      });
      expectStatus(list, [200], "the other customer's list");
      const ids = ((field(list, "payment_accounts") as { id?: unknown }[] | undefined) ?? []).map(
        (a) => a.id,
      );
      if (ids.includes(id))
        throw new CheckFailure(`another customer's list shows account ${id}: ${describe(list)}`);
      const removed = await context.probe.send({
        method: "DELETE",
        path: `/kit/payment-accounts/${encodeURIComponent(id)}`,
        as: "other",
      });
      expectStatus(removed, [403, 404], "deleting another customer's account");
    },
  },
];
