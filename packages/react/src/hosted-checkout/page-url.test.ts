import { describe, expect, it } from "vitest";
import { checkPageUrl, type PageUrlProblem } from "./page-url.ts";

const PAY = "https://pay.dollr.example/pay/pay_0123456789abcdef";

describe("checkPageUrl: only an absolute https link (http on this machine) is opened", () => {
  it.each([
    PAY,
    "https://pay.dollr.example:8443/pay/x?withSummary=false#top",
    "HTTPS://PAY.DOLLR.EXAMPLE/pay/x",
    "http://localhost:4010/pay/pay_x",
    "http://127.0.0.1:4010/pay/pay_x",
    "http://[::1]:4010/pay/pay_x",
  ])("opens %s", (url) => {
    const check = checkPageUrl(url);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.url).toBe(new URL(url).href);
  });

  const refused: [string, unknown, PageUrlProblem][] = [
    ["nothing", "", "missing"],
    ["a number", 42, "missing"],
    ["an object", { href: PAY }, "missing"],
    ["javascript:", "javascript:alert(document.cookie)", "not_absolute"],
    ["javascript: in capitals", "JavaScript:alert(1)", "not_absolute"],
    ["javascript: after a tab", "\tjavascript:alert(1)", "malformed"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>", "not_absolute"],
    ["a vbscript: URL", "vbscript:msgbox(1)", "not_absolute"],
    ["a relative path", "/pay/pay_x", "not_absolute"],
    ["a bare path", "pay/pay_x", "not_absolute"],
    ["a protocol-relative URL", "//evil.example/pay", "not_absolute"],
    ["https: without slashes", "https:evil.example/pay", "not_absolute"],
    ["a backslash host", "https:\\\\evil.example/pay", "malformed"],
    ["a backslash after the host", "https://pay.dollr.example\\@evil.example/", "malformed"],
    ["a leading space", ` ${PAY}`, "malformed"],
    ["a newline inside", "https://pay.dollr.example/pa\ny", "malformed"],
    ["a non-ASCII host", "https://pаy.dollr.example/pay", "malformed"],
    ["a mailto: link", "mailto:help@dollr.example", "not_absolute"],
    ["ftp", "ftp://files.example/x", "not_absolute"],
    ["http to another host", "http://pay.dollr.example/pay/x", "insecure"],
    ["http to a look-alike of localhost", "http://localhost.evil.example/pay", "insecure"],
    ["credentials", "https://pay.dollr.example@evil.example/pay", "credentials"],
    ["a user and password", "https://user:secret@pay.dollr.example/pay", "credentials"],
    ["an empty host", "https:///pay", "not_absolute"],
    ["a huge link", `https://pay.dollr.example/${"a".repeat(5000)}`, "malformed"],
  ];
  it.each(refused)("refuses %s", (_name, url, problem) => {
    const check = checkPageUrl(url);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.error.problem).toBe(problem);
      // The message never quotes the link (it may carry a payment token).
      if (typeof url === "string" && url.length > 8) expect(check.error.message).not.toContain(url);
    }
  });

  it("keeps to allowedOrigins when given", () => {
    expect(checkPageUrl(PAY, ["https://pay.dollr.example"]).ok).toBe(true);
    expect(checkPageUrl(PAY, ["https://pay.dollr.example/"]).ok).toBe(true);
    const elsewhere = checkPageUrl("https://evil.example/pay", ["https://pay.dollr.example"]);
    expect(elsewhere.ok ? null : elsewhere.error.problem).toBe("origin");
    // A list of nothing usable allows nothing.
    expect(checkPageUrl(PAY, ["not an origin"]).ok).toBe(false);
  });
});
