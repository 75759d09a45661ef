/**
 * What a screen-reader or keyboard user gets from the checkout, read from Chromium: each status
 * change announced once, and the focus where they expect it after Pay, success and failure.
 */

import {
  announcements,
  focusInfo,
  liveRegionsInAXTree,
  recordAnnouncements,
} from "./a11y-probes.ts";
import {
  addWallet,
  advanceClock,
  expect,
  expectFlowState,
  expectOneExecution,
  flow,
  orderSomething,
  PHONES,
  payButton,
  test,
} from "./fixtures.ts";
import { CATALOGS } from "./kit-words.ts";

const { en } = CATALOGS;

/** How many of Chromium's live regions hold `text` right now. */
async function liveRegionsSaying(page: Parameters<typeof liveRegionsInAXTree>[0], text: string) {
  const regions = await liveRegionsInAXTree(page);
  return regions.filter((region) => region.text.includes(text));
}

test("each status change of a payment is announced once, processing then success", async ({
  page,
  request,
}) => {
  await recordAnnouncements(page);
  await orderSomething(page);
  await addWallet(page, PHONES.succeeds);
  await payButton(page).click();
  await expectFlowState(page, "processing");
  const processing = en["status.processingMobileMoney"];
  await expect(flow(page)).toContainText(processing);
  // Chromium's tree: the words are in one live region, not also in the visible status (which
  // would be read twice).
  await expect.poll(async () => (await liveRegionsSaying(page, processing)).length).toBe(1);

  await advanceClock(request, 90_000);
  await expectFlowState(page, "succeeded");
  const succeeded = en["flow.succeeded"];
  await expect(flow(page)).toContainText(succeeded);
  await expect.poll(async () => (await liveRegionsSaying(page, succeeded)).length).toBe(1);
  // The wait's words are no longer in any live region (nothing stale to re-read).
  expect(await liveRegionsSaying(page, processing)).toEqual([]);

  const said = await announcements(page);
  const texts = said.map((announcement) => announcement.text);
  // Nothing said twice, by one region or by two.
  expect(
    texts.filter((text, index) => texts.indexOf(text) !== index),
    `announced twice, in: ${JSON.stringify(said)}`,
  ).toEqual([]);
  const whenProcessing = texts.findIndex((text) => text.includes(processing));
  const whenSucceeded = texts.findIndex((text) => text.includes(succeeded));
  expect(whenProcessing, JSON.stringify(said)).toBeGreaterThanOrEqual(0);
  expect(whenSucceeded, JSON.stringify(said)).toBeGreaterThan(whenProcessing);
  // Each said by exactly one region.
  expect(texts.filter((text) => text.includes(processing))).toHaveLength(1);
  expect(texts.filter((text) => text.includes(succeeded))).toHaveLength(1);
  await expectOneExecution(request, { status: "COMPLETED" });
});

test("the focus follows the payment: the waiting status after Pay, then the result", async ({
  page,
  request,
}) => {
  await orderSomething(page);
  await addWallet(page, PHONES.succeeds);
  await payButton(page).focus();
  await page.keyboard.press("Enter");
  await expectFlowState(page, "processing");
  await expect
    .poll(() => focusInfo(page), { message: "after Pay: the focus is in the waiting status" })
    .toMatchObject({ onBody: false, inStatus: true });

  await advanceClock(request, 90_000);
  await expectFlowState(page, "succeeded");
  await expect
    .poll(() => focusInfo(page), { message: "on success: the focus is on the result's message" })
    .toMatchObject({
      onBody: false,
      inFlow: true,
      text: expect.stringContaining(en["flow.succeeded"]),
    });
  await expectOneExecution(request, { status: "COMPLETED" });
});

test("after a failure the focus is on the error message, and its action is the next tab stop", async ({
  page,
  request,
}) => {
  await orderSomething(page);
  // …3: the operator refuses at once (insufficient funds).
  await addWallet(page, PHONES.failsAtOnce);
  await payButton(page).focus();
  await page.keyboard.press("Enter");
  await expectFlowState(page, "failed");
  await expect(flow(page)).toContainText(en["flow.failed"]);
  await expect
    .poll(() => focusInfo(page), { message: "after a failure: the focus is on the error" })
    .toMatchObject({
      onBody: false,
      inFlow: true,
      text: expect.stringContaining(en["flow.failed"]),
    });
  await page.keyboard.press("Tab");
  await expect(
    flow(page).getByRole("button", { name: en["flow.retry"], exact: true }),
  ).toBeFocused();
  await expectOneExecution(request, { status: "FAILED" });
});
