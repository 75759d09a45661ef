// Type tests, checked by `tsc` (pnpm --filter @dollr-kit/react typecheck): a catalog or an
// override with a missing, extra or misspelt key does not compile. The runtime part only proves
// the helpers hand their input back.
import type { ComponentProps } from "react";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type DollrCatalog,
  type DollrMessages,
  defaultMessages,
  defineMessages,
  type MessageKey,
} from "../messages.ts";
import type { DollrCheckoutProvider } from "../provider/DollrCheckoutProvider.tsx";
import { en } from "./en.ts";
import { fr } from "./fr.ts";
import { rw } from "./rw.ts";
import { sw } from "./sw.ts";

type Messages = NonNullable<ComponentProps<typeof DollrCheckoutProvider>["messages"]>;

describe("catalog types", () => {
  it("a catalog has every key and no other, and each shipped one is a DollrCatalog", () => {
    expectTypeOf<keyof DollrCatalog>().toEqualTypeOf<MessageKey>();
    expectTypeOf(en).toEqualTypeOf<DollrCatalog>();
    expectTypeOf(fr).toEqualTypeOf<DollrCatalog>();
    expectTypeOf(rw).toEqualTypeOf<DollrCatalog>();
    expectTypeOf(sw).toEqualTypeOf<DollrCatalog>();
    // A catalog is what `messages` takes.
    expectTypeOf(fr).toExtend<Messages>();

    const { "flow.pay": _dropped, ...missingOne } = defaultMessages;
    // @ts-expect-error: a catalog without "flow.pay" is incomplete
    const incomplete: DollrCatalog = missingOne;
    // @ts-expect-error: "flow.payy" is not a key
    const extra: DollrCatalog = { ...defaultMessages, "flow.payy": "Payer" };
    void incomplete;
    void extra;
  });

  it("a partial override with a misspelt key does not compile, literal or not", () => {
    // @ts-expect-error: an object literal gets TypeScript's excess-property check
    const literal: DollrMessages = { "flow.payy": "Payer {amount}" };
    void literal;
    const built = { "flow.pay": "Payer {amount}", "flow.payy": "Payer" };
    // @ts-expect-error: defineMessages rejects a key the kit does not know, even off a variable
    defineMessages(built);
    const good = { "flow.pay": "Payer {amount}", "kit.retry": () => "Réessayer" };
    expectTypeOf(defineMessages(good)).toEqualTypeOf<typeof good>();
    expectTypeOf(defineMessages(good)).toExtend<Messages>();
    // @ts-expect-error: a value is a template or a function of the values, not a number
    defineMessages({ "flow.pay": 3 });
    expect(defineMessages(good)).toBe(good);
  });
});
