import { describe, expect, it } from "vitest";
import { createTranslator, formatElapsed } from "../messages.ts";
import { intlSpeaks } from "./durations.ts";
import { fr } from "./fr.ts";
import { rw } from "./rw.ts";
import { sw } from "./sw.ts";

describe("formatElapsed", () => {
  it("writes a wait in the locale's units through Intl", () => {
    expect(formatElapsed(45_000, "en")).toBe("45 sec");
    expect(formatElapsed(125_000, "en")).toBe("2 min 5 sec");
    expect(formatElapsed(3_780_000, "en")).toBe("1 hr 3 min");
    expect(formatElapsed(120_000, "fr-RW", createTranslator(fr, "fr-RW"))).toBe("2\u00a0min");
    expect(formatElapsed(125_000, "sw-RW", createTranslator(sw, "sw-RW"))).toBe(
      "dakika 2 sekunde 5",
    );
  });

  it("falls back to the catalog's words where the runtime's Intl lacks the language", () => {
    // Node 20's ICU (as Chromium's) has no Kinyarwanda plural or unit data: "rw" resolves to
    // another language, and Intl alone would write "2 min 5 sec".
    expect(intlSpeaks("rw-RW")).toBe(false);
    expect(intlSpeaks("fr-RW")).toBe(true);
    expect(intlSpeaks("sw")).toBe(true);
    const t = createTranslator(rw, "rw-RW");
    expect(formatElapsed(60_000, "rw-RW", t)).toBe("umunota 1");
    expect(formatElapsed(125_000, "rw-RW", t)).toBe("iminota 2 amasegonda 5");
    expect(formatElapsed(7_260_000, "rw-RW", t)).toBe("amasaha 2 umunota 1");
    expect(formatElapsed(5_000, "rw-RW", t)).toBe("amasegonda 5");
    expect(t("status.elapsed", { elapsed: formatElapsed(125_000, "rw-RW", t) })).toBe(
      "Hashize iminota 2 amasegonda 5",
    );
    // Without the catalog, the runtime's words (the documented shape stays).
    expect(formatElapsed(125_000, "rw-RW")).not.toContain("iminota");
  });
});
