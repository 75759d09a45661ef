/** What the test data buttons do: copy a value, or save it to the customer's payment methods. */

import type { CreatePaymentAccountBody } from "@dollr-kit/core";
import { usePaymentAccounts } from "@dollr-kit/react";
import type { Say } from "./useDevStatus.ts";

export function useTestDataActions(say: Say) {
  const accounts = usePaymentAccounts({ enabled: false });
  const save = async (body: CreatePaymentAccountBody, label: string): Promise<void> => {
    try {
      await accounts.create(body);
      say(`Saved ${label} to the customer's payment methods.`);
    } catch (error) {
      say(`Could not save ${label}: ${error instanceof Error ? error.message : "error"}`);
    }
  };
  const copy = async (value: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(value.replace(/\s/g, ""));
      say(`Copied ${value}.`);
    } catch {
      say(`Could not copy; select ${value} and copy it.`);
    }
  };
  return { save, copy };
}
