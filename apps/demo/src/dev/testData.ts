/** The simulator's test wallets and cards, with what each does, as the panel lists them. */

import type { CreatePaymentAccountBody } from "@dollr-kit/core";

export interface TestItem {
  value: string;
  outcome: string;
  kind: "wallet" | "card";
  body: CreatePaymentAccountBody;
}

const PHONES = [
  { value: "231880000000", outcome: "Succeeds after the wait" },
  { value: "231880000001", outcome: "Fails after the wait" },
  { value: "231880000002", outcome: "Never completes" },
  { value: "231880000003", outcome: "Fails at once" },
] as const;

const CARDS = [
  { value: "4242 4242 4242 4242", pm: "pm_card_visa", last4: "4242", outcome: "Succeeds" },
  {
    value: "4000 0000 0000 3220",
    pm: "pm_card_threeDSecure2Required",
    last4: "3220",
    outcome: "Asks for 3D Secure",
  },
  {
    value: "4000 0000 0000 0002",
    pm: "pm_card_chargeDeclined",
    last4: "0002",
    outcome: "Declined",
  },
] as const;

export const TEST_WALLETS: TestItem[] = PHONES.map(
  (phone): TestItem => ({
    value: phone.value,
    outcome: phone.outcome,
    kind: "wallet",
    body: {
      type: "MOBILE_MONEY",
      phone: phone.value,
      account_name: `Test wallet …${phone.value.slice(-1)}`,
    },
  }),
);

export const TEST_CARDS: TestItem[] = CARDS.map(
  (card): TestItem => ({
    value: card.value,
    outcome: card.outcome,
    kind: "card",
    body: {
      type: "CARD",
      payment_method_id: card.pm,
      account_name: `Test card ${card.last4}`,
      last4: card.last4,
    },
  }),
);
