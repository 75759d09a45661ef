/**
 * The kit's built-in English, by part: the translator's fallback (`messages.ts`) and the
 * complete catalog (`defaultMessages`, `@dollr-kit/react/locales/en`). Placeholders in braces
 * are filled in by the kit; `{count, plural, one {…} other {…}}` picks a form by the provider's
 * `locale`.
 */

/**
 * The English words of the checkout's parts (provider, picker, forms, status, flow, errors): the
 * translator's fallback. The hosted checkout, the return page and the receipt keep theirs apart
 * (below), so a checkout page does not download words it never shows.
 */
export const checkoutMessages = {
  // Provider-level
  "kit.loading": "Loading…",
  "kit.retry": "Try again",
  "kit.cancel": "Cancel",

  // Payment account picker
  "picker.label": "Payment method",
  "picker.loading": "Loading your saved payment methods…",
  "picker.empty": "You have no saved payment methods yet. Add one below.",
  "picker.loadFailed": "We couldn't load your saved payment methods.",
  "picker.walletTitle": "{operator}",
  "picker.walletDetail": "Mobile money {number}",
  // What a screen reader says instead of the masked number's bullets.
  "picker.walletDetailSpoken": "Mobile money number ending in {last}",
  "picker.cardTitle": "{brand}",
  "picker.cardDetail": "Card ending in {last4}",
  "picker.singleUse": "One-time",
  "picker.addMobileMoney": "Add mobile money",
  "picker.addCard": "Add a card",
  "picker.cardLoading": "Loading card payments…",
  "picker.cardUnavailable": "Card payments are unavailable right now.",
  "picker.cardFormLoadFailed":
    "We couldn't load the card form. Check your connection and try again.",

  // Add mobile money
  "mobileMoney.title": "Add a mobile money wallet",
  "mobileMoney.phoneLabel": "Phone number",
  // The phone as people write it: `{example}` is one national number per country the merchant
  // takes ("088 612 3456 or 0781 234 567"); lists of countries are joined with "or".
  "mobileMoney.phoneHint": "For example {example}.",
  "mobileMoney.phoneInvalid": "Use only digits, spaces and dashes, with a + only at the start.",
  "mobileMoney.phoneEmpty": "Enter your mobile money number.",
  "mobileMoney.phoneInputTooLong": "That's too long for a phone number. Check the number.",
  "mobileMoney.phoneLetters": "A phone number has no letters. Check the number.",
  "mobileMoney.phoneOtherDigits": "Type the number with the digits 0 to 9.",
  "mobileMoney.phoneHiddenCharacters":
    "The number has hidden characters, perhaps from copying it. Type it again.",
  "mobileMoney.phoneTooShortNational":
    "This number is too short. Numbers in {country} have {digits, plural, one {# digit} other {# digits}} after the 0.",
  "mobileMoney.phoneTooLongNational":
    "This number is too long. Numbers in {country} have {digits, plural, one {# digit} other {# digits}} after the 0.",
  "mobileMoney.phoneTooShortInternational":
    "This number is too short. Numbers in {country} have {digits, plural, one {# digit} other {# digits}} after {code}.",
  "mobileMoney.phoneTooLongInternational":
    "This number is too long. Numbers in {country} have {digits, plural, one {# digit} other {# digits}} after {code}.",
  "mobileMoney.phoneCountryNotTaken":
    "This is a number from {country}. You can pay with a mobile money number from {countries} only.",
  "mobileMoney.phoneCountryUnknown":
    "You can pay with a mobile money number from {countries} only. Check the country code.",
  "mobileMoney.phoneNotMobileMoney":
    "No mobile money operator in {country} uses numbers starting {prefix}. Check the number.",
  "mobileMoney.phoneNeedsCountryCode":
    "This number could be from {countries}. Start it with the country code: {codes}.",
  "mobileMoney.phoneShown": "Number in {country}: {number}",
  "mobileMoney.country.LR": "Liberia",
  "mobileMoney.country.RW": "Rwanda",
  "mobileMoney.predicting": "Finding your operator…",
  "mobileMoney.predicted": "Operator: {operator}",
  "mobileMoney.predictFailed": "We couldn't tell this number's operator. Please choose it below.",
  "mobileMoney.operatorLabel": "Operator",
  "mobileMoney.operatorDetected": "Detected ({operator})",
  "mobileMoney.operatorHint": "Moved your number to another network? Choose your operator here.",
  "mobileMoney.operatorRequired": "Choose your operator.",
  "mobileMoney.nameLabel": "Name on the account",
  "mobileMoney.nameRequired": "Enter the name on the account.",
  "mobileMoney.submit": "Save wallet",
  "mobileMoney.submitting": "Saving…",
  "mobileMoney.failed": "We couldn't save this wallet. {reason}",

  // Operators (payment_method → name). Unknown methods show the operator Dollr names.
  "operator.MTN_MOMO_LBR": "MTN Mobile Money (Liberia)",
  "operator.ORANGE_MONEY_LBR": "Orange Money (Liberia)",
  "operator.MTN_MOMO_RWA": "MTN MoMo (Rwanda)",
  "operator.AIRTEL_RWA": "Airtel Money (Rwanda)",
  "operator.ORANGE_MONEY_RWA": "Orange Money (Rwanda)",

  // Add card
  "card.title": "Add a card",
  "card.nameLabel": "Name on the card",
  "card.nameRequired": "Enter the name on the card.",
  "card.detailsLabel": "Card details",
  "card.submit": "Save card",
  "card.submitting": "Saving…",
  "card.incomplete": "Enter your card details.",
  "card.failed": "We couldn't save this card. {reason}",

  // Execution status
  "status.loading": "Checking the payment…",
  "status.pending": "Starting the payment…",
  "status.processing": "Waiting for the payment to be confirmed…",
  "status.processingMobileMoney": "Approve the payment on your phone",
  "status.processingMobileMoneyHint":
    "Look for a prompt from your mobile money operator and enter your PIN.",
  "status.processingCard": "Confirming your card payment…",
  "status.unknown": "The payment is in progress ({raw}).",
  "status.longWait": "Still waiting — you can leave this page, we keep checking.",
  "status.elapsed": "Waiting for {elapsed}",
  "status.succeeded": "Payment received",
  "status.failed": "The payment didn't go through.",
  "status.failedReason": "Reason: {reason}",
  "status.expired": "We stopped checking automatically. The payment may still complete.",
  "status.checkAgain": "Check again",
  "status.connectionProblem": "We can't reach the server right now. We'll keep trying.",
  "status.notFound": "We can't find this payment yet. We'll keep checking.",

  // A wait's length in words, used only where the runtime's Intl has no data for the locale
  // (Kinyarwanda in Node and Chromium): `{count}` is a whole number.
  "time.hours": "{count, plural, one {# hour} other {# hours}}",
  "time.minutes": "{count, plural, one {# minute} other {# minutes}}",
  "time.seconds": "{count, plural, one {# second} other {# seconds}}",

  // Errors in plain words: what happened, then what to do (internal/error-words.ts). The
  // error's own text (HTTP status, the server's words) is never shown: it stays for logs.
  "error.network": "We couldn't reach the payment service.",
  "error.networkAction": "Check your internet connection, then try again.",
  "error.timeout": "The payment service took too long to answer.",
  "error.timeoutAction": "Check your internet connection, then try again.",
  "error.aborted": "This was stopped before it finished.",
  "error.abortedAction": "Try again when you're ready.",
  "error.rateLimited": "There were too many tries in a short time.",
  "error.rateLimitedAction": "Wait a minute, then try again.",
  "error.invalid": "Some of the details weren't accepted.",
  "error.invalidAction": "Check what you entered, then try again.",
  "error.phoneRejected": "This phone number wasn't accepted.",
  "error.phoneRejectedAction": "Check the number and its country code, then try again.",
  "error.nameRejected": "The name wasn't accepted.",
  "error.nameRejectedAction": "Check the name on the account, then try again.",
  "error.signedOut": "You're no longer signed in.",
  "error.signedOutAction": "Sign in again, then come back to pay.",
  "error.forbidden": "Your account can't do this.",
  "error.forbiddenAction": "Check that you're signed in with the right account.",
  "error.notFound": "We couldn't find this payment or order.",
  "error.notFoundAction": "Check the link you followed, or start again.",
  "error.sessionExpired": "Your checkout session ended.",
  "error.sessionExpiredAction": "Start again to pay.",
  "error.conflict": "This was already started once.",
  "error.conflictAction": "Wait a moment, then check again before you try again.",
  "error.sourceBusy": "A payment for this order is already in progress, maybe on another device.",
  "error.sourceBusyAction": "Wait for it to finish. We'll show its result here.",
  "error.alreadyPaid": "This order is already paid.",
  "error.alreadyPaidAction": "There's nothing more to pay.",
  "error.cardUsed": "This card can only be used for one payment.",
  "error.cardUsedAction": "Add the card again, or use another payment method.",
  "error.server": "The payment service isn't working right now.",
  "error.serverAction": "Try again in a few minutes.",
  "error.service": "Something went wrong on our side.",
  "error.serviceAction": "Try again later. If it keeps happening, contact the shop.",
  "error.unknown": "Something went wrong.",
  "error.unknownAction": "Try again. If it keeps happening, contact the shop.",

  // Why a payment failed, from the known words of Dollr's free-text reason (else `unknown`).
  "failure.notApproved": "The payment wasn't approved on your phone in time.",
  "failure.notApprovedAction": "Try again, and enter your PIN as soon as the prompt appears.",
  "failure.insufficientFunds": "There isn't enough money in your wallet or account.",
  "failure.insufficientFundsAction": "Top up, then try again, or use another payment method.",
  "failure.payerNotFound": "This number has no wallet with that operator.",
  "failure.payerNotFoundAction":
    "Check the number and the operator, or use another payment method.",
  "failure.otherPayment": "Another payment is waiting for your approval on this wallet.",
  "failure.otherPaymentAction":
    "Approve or cancel it on your phone, then try again in a few minutes.",
  "failure.limit": "This payment is over your wallet's limit.",
  "failure.limitAction": "Use another payment method, or ask your operator about your limit.",
  "failure.authentication": "Your bank's check wasn't completed.",
  "failure.authenticationAction": "Try again and finish your bank's check, or use another card.",
  "failure.declined": "The payment was declined.",
  "failure.declinedAction": "Use another payment method, or ask your bank or operator why.",
  "failure.unknown": "Your bank or operator didn't say why.",
  "failure.unknownAction": "Try again, or use another payment method.",

  // "Didn't get the prompt?" while a mobile-money payment waits (checkout-flow/wait-help). Each
  // operator's code is its own key so a merchant can correct it; an empty code hides that step.
  "waitHelp.toggle": "Didn't get the prompt?",
  "waitHelp.intro": "The prompt can take a minute to arrive. If it doesn't come:",
  "waitHelp.checkPhone":
    "Keep your phone on and unlocked, with signal, and with this wallet's SIM card in it.",
  "waitHelp.dial.MTN_MOMO_LBR":
    "Dial {code} on your MTN line, choose MoMo and find the payment waiting for your approval. Then enter your MoMo PIN.",
  "waitHelp.dial.ORANGE_MONEY_LBR":
    "Dial {code} on your Orange line, open Orange Money and find the payment waiting for your approval. Then enter your Orange Money PIN.",
  "waitHelp.dial.MTN_MOMO_RWA":
    "Dial {code} on your MTN line to see the MoMo payment waiting for your approval. Then enter your MoMo PIN.",
  "waitHelp.dial.AIRTEL_RWA":
    "Dial {code} on your Airtel line, open Airtel Money and find the payment waiting for your approval. Then enter your Airtel Money PIN.",
  "waitHelp.code.MTN_MOMO_LBR": "*156#",
  "waitHelp.code.ORANGE_MONEY_LBR": "*144#",
  "waitHelp.code.MTN_MOMO_RWA": "*182*7*1#",
  "waitHelp.code.AIRTEL_RWA": "*182#",
  "waitHelp.dialLink": "Dial {code}",
  "waitHelp.generic":
    "Open your mobile money menu and look for a payment waiting for your approval. Then enter your PIN.",
  "waitHelp.expiresIn": "The prompt expires in {time}.",
  "waitHelp.expired":
    "The prompt has expired. If you approved it in time, we'll show the result here shortly.",

  // Checkout flow
  "flow.loading": "Loading checkout…",
  "flow.amount": "Amount",
  "flow.fee": "Fee",
  "flow.total": "Total",
  // The source's own total, shown beside the payer's when the payer pays in another currency.
  "flow.sourceTotal": "Price in {currency}",
  "flow.feeLoading": "Calculating the fee…",
  "flow.feeFailed": "We couldn't calculate the fee. You'll see the total on your phone or bank.",
  "flow.feeByMerchant": "Fees are paid by the merchant.",
  "flow.currencyLabel": "Pay in",
  "flow.pay": "Pay {amount}",
  "flow.authenticate": "Confirm with your bank",
  "flow.payNoAmount": "Pay",
  "flow.chooseMethod": "Choose a payment method to continue.",
  "flow.creatingSession": "Preparing your payment…",
  "flow.executing": "Sending the payment request…",
  "flow.requiresAction": "Your bank needs to confirm it's you.",
  "flow.authenticating": "Complete the check from your bank…",
  "flow.authenticationUnavailable":
    "Card authentication isn't available here. Try again or use another payment method.",
  "flow.verifying": "Checking whether the payment went through…",
  "flow.succeeded": "Payment received. Thank you!",
  "flow.failed": "The payment didn't go through.",
  "flow.retry": "Try again",
  "flow.anotherMethod": "Use another payment method",
  "flow.expired": "We stopped checking automatically. The payment may still complete.",
  "flow.checkAgain": "Check again",
  "flow.proxyDown": "We can't reach the payment server. Check your connection and try again.",
  "flow.proxyDownRetrying": "We can't reach the payment server right now. We'll keep trying.",
  "flow.rateLimited": "Too many requests right now. Please try again in a moment.",
  "flow.rateLimitedRetrying": "The payment server asked us to slow down. We'll keep trying.",
  "flow.sessionExpired": "Your checkout session expired. Start again to pay.",
  "flow.error": "Something went wrong.",
  "flow.attemptOpen": "A payment for this order is already in progress.",
  "flow.busy":
    "A payment for this order is already in progress, on this or another device. We'll show its result here.",
  "flow.sourceFree": "The other payment for this order didn't go through. You can pay now.",
  "flow.sourceForbidden":
    "You can't pay this order from your account. Sign in with the account that placed it.",
  "flow.sourceNotFound": "We couldn't find this order. Check the link you followed.",
  "flow.alreadyPaid": "This order is already paid. There's nothing more to pay.",
  "flow.paidElsewhere":
    "The other payment went through. This order is paid: there's nothing more to pay.",
  "flow.cardUsed":
    "This card can only be used for one payment. Add it again, or use another payment method.",
  "flow.leaveWarning":
    "A payment is in progress. If you leave, it may still complete, and we keep checking.",
  "flow.cancel": "Cancel",
  "flow.useAnotherMethod": "Use another payment method",
  "flow.attemptLeft": "Your earlier payment didn't go through. Choose how you'd like to pay.",
  "flow.leaveRefused":
    "This payment may still go through, so you can't switch yet. We'll keep checking.",
  "flow.leaveRefusedUntil":
    "This payment may still go through. If it hasn't by {time}, you can choose another way to pay.",
} as const;

// The hosted checkout's, the return page's and the receipt's words (hosted-checkout/,
// payment-return/, receipt/): each part adds its own to the translator (`t.with(…)`). The
// return page's words come from the source's status, never from its URL.

export const hostedCheckoutMessages = {
  "hosted.pay": "Pay on Dollr's page",
  "hosted.redirecting": "Opening Dollr's payment page…",
  "hosted.invalidUrl":
    "This payment link can't be opened safely, so we didn't open it. Refresh the page, or contact the shop if it keeps happening.",
  "hosted.failed": "We couldn't open the payment page. Try again.",
} as const;

export const paymentReturnMessages = {
  "paymentReturn.loading": "Checking your payment…",
  "paymentReturn.checking": "Checking whether your payment went through…",
  "paymentReturn.idle": "This order isn't open for payment yet.",
  "paymentReturn.active": "Your payment hasn't started or was cancelled on Dollr's page",
  "paymentReturn.activeHint":
    "If you've just paid, check again in a moment. Otherwise, go back to the shop to pay.",
  "paymentReturn.processing": "We're confirming your payment…",
  "paymentReturn.processingHint": "This can take a few minutes. We'll show the result here.",
  "paymentReturn.unknown": "Your payment is in progress ({raw}).",
  "paymentReturn.paid": "Payment received",
  "paymentReturn.canceled": "This order was cancelled",
  "paymentReturn.canceledHint": "Contact the shop if you think this is a mistake.",
  "paymentReturn.expired": "We stopped checking automatically. Your payment may still complete.",
  "paymentReturn.notFound": "We couldn't find this order. Check the link you followed.",
  "paymentReturn.forbidden":
    "You can't view this order from your account. Sign in with the account that placed it.",
  "paymentReturn.summaryInvoice": "Invoice {number}: {amount}",
  "paymentReturn.summaryOrder": "Order {number}: {amount}",
  "paymentReturn.checkAgain": "Check again",
} as const;

export const receiptMessages = {
  "receipt.title": "Receipt",
  "receipt.loading": "Loading your receipt…",
  "receipt.notReady": "Your receipt will be ready once the payment is complete",
  "receipt.notFound": "We couldn't find a receipt for this order. Check the link you followed.",
  "receipt.forbidden":
    "You can't view this receipt from your account. Sign in with the account that placed the order.",
  "receipt.failed": "We couldn't load your receipt.",
  "receipt.retry": "Try again",
  "receipt.ready": "Your receipt: {amount} paid.",
  "receipt.amountPaid": "Amount paid",
  "receipt.fee": "Fee",
  "receipt.orderTotal": "Order total",
  "receipt.exchangeRate": "Exchange rate",
  "receipt.rate": "1 {from} = {rate} {to}",
  "receipt.invoiceNumber": "Invoice number",
  "receipt.orderNumber": "Order number",
  "receipt.items": "Items",
  "receipt.quantity": "{quantity} × {amount}",
  "receipt.paymentMethod": "Payment method",
  "receipt.methodEnding": "{method} ending in {digits}",
  "receipt.card": "Card",
  "receipt.paidAt": "Paid on",
  "receipt.reference": "Payment reference",
  "receipt.dollrLink": "View Dollr's receipt",
  "receipt.newTab": "(opens in a new tab)",
} as const;

/** Every English word of the kit, by key: the complete catalog (`@dollr-kit/react/locales/en`). */
type EveryEnglishWord = typeof checkoutMessages &
  typeof hostedCheckoutMessages &
  typeof paymentReturnMessages &
  typeof receiptMessages;

export const defaultMessages: Readonly<EveryEnglishWord> = /* @__PURE__ */ Object.freeze(
  // Object.assign, not a spread: a bundler drops a pure call of plain names when it is unused,
  // where it keeps a spread's objects (a spread may run getters).
  /* @__PURE__ */ Object.assign(
    {},
    checkoutMessages,
    hostedCheckoutMessages,
    paymentReturnMessages,
    receiptMessages,
  ),
);
