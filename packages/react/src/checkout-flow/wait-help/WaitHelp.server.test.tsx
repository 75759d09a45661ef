// @vitest-environment node
import { createProxyClient } from "@dollr-kit/core/internal";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { DollrCheckoutProvider } from "../../provider/DollrCheckoutProvider.tsx";
import { WaitHelp } from "./WaitHelp.tsx";

const client = createProxyClient({
  baseUrl: "https://shop.example/api/dollr",
  fetch: vi.fn(async () => new Response("{}")),
});

describe("WaitHelp on the server (no window)", () => {
  it("renders the closed help and no countdown: the time is the browser's to read", () => {
    const html = renderToString(
      <DollrCheckoutProvider client={client} locale="en-US">
        <WaitHelp
          operator="MTN_MOMO_RWA"
          promptExpiresAt={new Date(Date.now() + 60_000).toISOString()}
        />
      </DollrCheckoutProvider>,
    );
    expect(html).toContain("Didn&#x27;t get the prompt?");
    expect(html).toContain('aria-expanded="false"');
    expect(html).not.toContain('role="timer"');
  });
});
