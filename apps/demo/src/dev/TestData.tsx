/** The "Test data" section: the simulator's test wallets and cards. */

import { DevSection } from "./DevSection.tsx";
import { TestList } from "./TestList.tsx";
import { TEST_CARDS, TEST_WALLETS } from "./testData.ts";
import type { Say } from "./useDevStatus.ts";
import { useTestDataActions } from "./useTestDataActions.ts";

export function TestData({ say }: { say: Say }) {
  const { save, copy } = useTestDataActions(say);
  return (
    <DevSection title="Test data">
      <p className="dev-help">
        Type these in the checkout, or save one straight to the customer's payment methods.
      </p>
      <TestList
        title="Mobile money (MTN Liberia)"
        items={TEST_WALLETS}
        onCopy={copy}
        onSave={save}
      />
      <TestList title="Cards (any name)" items={TEST_CARDS} onCopy={copy} onSave={save} />
    </DevSection>
  );
}
