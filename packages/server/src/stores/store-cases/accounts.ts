/**
 * `AccountStore`: records round-trip unchanged, everything is scoped by customer, and binding a
 * single-use card is atomic (two reference ids racing: one wins, on any connection).
 */
import {
  accountRecord,
  at,
  check,
  HOSTILE_STRINGS,
  race,
  type StoreCase,
  same,
  uuid,
  withFixture,
} from "./support.ts";

export const ACCOUNT_CASES: readonly StoreCase[] = [
  withFixture(
    "accounts round-trip unchanged, oldest first, hostile strings included",
    async (f) => {
      const me = uuid();
      const wallet = accountRecord({ customerId: me, createdAt: at(1) });
      const card = accountRecord({
        customerId: me,
        type: "CARD",
        provider: "STRIPE",
        method: "CREDIT_CARD",
        currencies: [],
        countryCode: null,
        accountNumber: null,
        operator: null,
        brand: "visa",
        last4: "4242",
        singleUse: true,
        usedByReferenceId: uuid(),
        createdAt: at(2),
      });
      const hostile = HOSTILE_STRINGS.map((text, i) =>
        accountRecord({
          customerId: me,
          id: `${text}#${i}`,
          accountName: text,
          provider: text,
          method: text,
          currencies: [text, "USD", "NULL", 'a,"b"'],
          countryCode: text,
          accountNumber: text,
          operator: text,
          brand: text,
          last4: text,
          usedByReferenceId: text,
          createdAt: at(3 + i),
        }),
      );
      const all = [wallet, card, ...hostile];
      for (const account of all) await f.accounts.save(account);
      for (const account of all) {
        same(await f.accounts.get(me, account.id), account, "a saved account");
      }
      same(await f.accounts.list(me), all, "the customer's accounts, oldest first");
      const renamed = { ...wallet, accountName: "Renamed" };
      await f.accounts.save(renamed);
      same(await f.accounts.get(me, wallet.id), renamed, "saving again replaces the account");
      const listed = await f.accounts.list(me);
      check(listed.length === all.length, "replacing does not add an account");
    },
  ),

  withFixture("accounts are scoped by customer", async (f) => {
    const [alice, bob] = [uuid(), uuid()];
    const account = accountRecord({ customerId: alice });
    await f.accounts.save(account);
    check((await f.accounts.get(bob, account.id)) === null, "another customer's account is null");
    same(await f.accounts.list(bob), [], "another customer's list is empty");
    check(!(await f.accounts.remove(bob, account.id)), "another customer cannot remove it");
    check(!(await f.accounts.bindSingleUse(bob, account.id, uuid())), "nor bind it");
    const twin = { ...account, customerId: bob, accountName: "Bob's" };
    await f.accounts.save(twin);
    same(await f.accounts.get(alice, account.id), account, "one id, two customers: both kept");
    check(await f.accounts.remove(alice, account.id), "the owner removes it");
    check(!(await f.accounts.remove(alice, account.id)), "removing twice answers false");
    check((await f.accounts.get(alice, account.id)) === null, "removed");
    same(await f.accounts.get(bob, account.id), twin, "the other customer's account stays");
  }),

  withFixture("bindSingleUse: two reference ids racing on two connections, one wins", async (f) => {
    const me = uuid();
    const card = accountRecord({ customerId: me, type: "CARD", singleUse: true });
    await f.accounts.save(card);
    const [x, y] = [uuid(), uuid()];
    const results = await race(f, 40, (stores, i) =>
      stores.accounts.bindSingleUse(me, card.id, i % 4 < 2 ? x : y),
    );
    const xWon = results.filter((ok, i) => ok && i % 4 < 2).length;
    const yWon = results.filter((ok, i) => ok && i % 4 >= 2).length;
    check(
      (xWon === 20 && yWon === 0) || (xWon === 0 && yWon === 20),
      `every bind of exactly one id must win (x: ${xWon}/20, y: ${yWon}/20)`,
    );
    const [winner, loser] = xWon ? [x, y] : [y, x];
    check((await f.accounts.get(me, card.id))?.usedByReferenceId === winner, "bound to the winner");
    await f.accounts.releaseSingleUse(me, card.id, loser);
    check(
      (await f.accounts.get(me, card.id))?.usedByReferenceId === winner,
      "only its holder frees it",
    );
    await f.accounts.releaseSingleUse(me, card.id, winner);
    check((await f.accounts.get(me, card.id))?.usedByReferenceId === null, "freed");
    check(await f.accounts.bindSingleUse(me, card.id, loser), "a freed card binds again");
    check(!(await f.accounts.bindSingleUse(me, uuid(), x)), "an unknown account does not bind");
  }),
];
