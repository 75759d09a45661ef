/**
 * The fake Stripe's 3D Secure challenge on the page: a `<dialog>` with "Complete" and "Fail"
 * buttons that finish the challenge (its look is in fake-stripe-challenge-look.ts).
 */
import { styleChallenge } from "./fake-stripe-challenge-look.ts";
import type { CreateFakeStripeOptions, FakeChallenge } from "./fake-stripe-types.ts";

const liveChallengeDialogs = new Set<HTMLDialogElement>();

/** Removes every fake 3DS challenge still on the page, from any fake (test cleanup). */
export function removeFakeStripeChallenges(): void {
  for (const dialog of liveChallengeDialogs) {
    if (dialog.open) dialog.close();
    dialog.remove();
  }
  liveChallengeDialogs.clear();
}

/** Takes a challenge's dialog off the page, if it has one. */
export function closeChallengeDialog(challenge: FakeChallenge): void {
  const dialog = challenge.dialog;
  if (!dialog) return;
  challenge.dialog = null;
  liveChallengeDialogs.delete(dialog);
  if (dialog.open) dialog.close();
  dialog.remove();
}

/**
 * Shows a challenge's dialog (nothing without a DOM) in `options.challengeContainer`, and sets
 * `challenge.dialog`. Its element ids start with the payment intent's id.
 */
export function openChallengeDialog(
  challenge: FakeChallenge,
  paymentIntentId: string,
  options: Pick<CreateFakeStripeOptions, "challengeContainer">,
): void {
  if (typeof document === "undefined") return;
  const dialog = document.createElement("dialog");
  const titleId = `${paymentIntentId}-fake-3ds-title`;
  const textId = `${paymentIntentId}-fake-3ds-text`;
  dialog.setAttribute("data-fake-stripe-challenge", "");
  dialog.setAttribute("aria-labelledby", titleId);
  dialog.setAttribute("aria-describedby", textId);
  const title = document.createElement("h2");
  title.id = titleId;
  title.textContent = "Test 3D Secure authentication";
  const text = document.createElement("p");
  text.id = textId;
  text.textContent =
    "This is a test payment page from the Dollr kit's fake Stripe. Choose how the bank answers.";
  const complete = document.createElement("button");
  complete.type = "button";
  complete.textContent = "Complete";
  complete.setAttribute("data-outcome", "succeeded");
  complete.addEventListener("click", () => void challenge.complete("succeeded"));
  const fail = document.createElement("button");
  fail.type = "button";
  fail.textContent = "Fail";
  fail.setAttribute("data-outcome", "failed");
  fail.addEventListener("click", () => void challenge.complete("failed"));
  // Escape closes a modal dialog ("cancel"): the customer abandoned the challenge.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    void challenge.complete("failed");
  });
  dialog.append(title, text, complete, fail);
  styleChallenge({ dialog, title, text, complete, fail });
  challenge.dialog = dialog;
  liveChallengeDialogs.add(dialog);

  // The top layer: `showModal()` puts the challenge above everything, including a modal
  // `<dialog>` the checkout itself sits in (stripe-js#599). Where it is missing, the
  // challenge goes inside the nearest open dialog so it is not made inert.
  const openDialogs = [...document.querySelectorAll<HTMLDialogElement>("dialog[open]")];
  const host =
    options.challengeContainer?.() ??
    (typeof dialog.showModal === "function" ? document.body : openDialogs.at(-1)) ??
    document.body;
  host.appendChild(dialog);
  if (typeof dialog.showModal === "function") {
    try {
      dialog.showModal();
    } catch {
      dialog.setAttribute("open", "");
    }
  } else {
    dialog.setAttribute("open", "");
  }
  complete.focus();
}
