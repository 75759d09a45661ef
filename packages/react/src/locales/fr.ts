/**
 * `@dollr-kit/react/locales/fr`: French, for `<DollrCheckoutProvider locale="fr-RW" messages={fr}>`.
 * Customers are addressed as « vous »; mobile-money words follow pawaPay's French pages and
 * Irembo (« saisir son code PIN »). Corrections welcome: docs/translations.md.
 */
import type { DollrCatalog } from "../messages.ts";

export const fr: DollrCatalog = {
  "kit.loading": "Chargement…",
  "kit.retry": "Réessayer",
  "kit.cancel": "Annuler",

  "picker.label": "Moyen de paiement",
  "picker.loading": "Chargement de vos moyens de paiement enregistrés…",
  "picker.empty":
    "Vous n'avez encore aucun moyen de paiement enregistré. Ajoutez-en un ci-dessous.",
  "picker.loadFailed": "Nous n'avons pas pu charger vos moyens de paiement enregistrés.",
  "picker.walletTitle": "{operator}",
  "picker.walletDetail": "Mobile Money {number}",
  "picker.walletDetailSpoken": "Numéro Mobile Money se terminant par {last}",
  "picker.cardTitle": "{brand}",
  "picker.cardDetail": "Carte se terminant par {last4}",
  "picker.singleUse": "Usage unique",
  "picker.addMobileMoney": "Ajouter un compte Mobile Money",
  "picker.addCard": "Ajouter une carte",
  "picker.cardLoading": "Chargement du paiement par carte…",
  "picker.cardUnavailable": "Le paiement par carte est indisponible pour le moment.",
  "picker.cardFormLoadFailed":
    "Nous n'avons pas pu charger le formulaire de carte. Vérifiez votre connexion et réessayez.",

  "mobileMoney.title": "Ajouter un compte Mobile Money",
  "mobileMoney.phoneLabel": "Numéro de téléphone",
  "mobileMoney.phoneHint": "Par exemple : {example}.",
  "mobileMoney.phoneInvalid":
    "Utilisez uniquement des chiffres, des espaces et des tirets, avec un + seulement au début.",
  "mobileMoney.phoneEmpty": "Saisissez votre numéro Mobile Money.",
  "mobileMoney.phoneInputTooLong":
    "C'est trop long pour un numéro de téléphone. Vérifiez le numéro.",
  "mobileMoney.phoneLetters":
    "Un numéro de téléphone ne contient pas de lettres. Vérifiez le numéro.",
  "mobileMoney.phoneOtherDigits": "Saisissez le numéro avec les chiffres 0 à 9.",
  "mobileMoney.phoneHiddenCharacters":
    "Le numéro contient des caractères invisibles, peut-être à cause d'un copier-coller. Saisissez-le de nouveau.",
  "mobileMoney.phoneTooShortNational":
    "Ce numéro est trop court. Au {country}, les numéros ont {digits, plural, one {# chiffre} other {# chiffres}} après le 0.",
  "mobileMoney.phoneTooLongNational":
    "Ce numéro est trop long. Au {country}, les numéros ont {digits, plural, one {# chiffre} other {# chiffres}} après le 0.",
  "mobileMoney.phoneTooShortInternational":
    "Ce numéro est trop court. Au {country}, les numéros ont {digits, plural, one {# chiffre} other {# chiffres}} après {code}.",
  "mobileMoney.phoneTooLongInternational":
    "Ce numéro est trop long. Au {country}, les numéros ont {digits, plural, one {# chiffre} other {# chiffres}} après {code}.",
  "mobileMoney.phoneCountryNotTaken":
    "Ce numéro vient du {country}. Vous ne pouvez payer qu'avec un numéro Mobile Money de ces pays : {countries}.",
  "mobileMoney.phoneCountryUnknown":
    "Vous ne pouvez payer qu'avec un numéro Mobile Money de ces pays : {countries}. Vérifiez l'indicatif du pays.",
  "mobileMoney.phoneNotMobileMoney":
    "Aucun opérateur Mobile Money au {country} n'utilise de numéros commençant par {prefix}. Vérifiez le numéro.",
  "mobileMoney.phoneNeedsCountryCode":
    "Ce numéro peut venir de ces pays : {countries}. Commencez-le par l'indicatif du pays : {codes}.",
  "mobileMoney.phoneShown": "Numéro ({country}) : {number}",
  "mobileMoney.country.LR": "Libéria",
  "mobileMoney.country.RW": "Rwanda",
  "mobileMoney.predicting": "Recherche de votre opérateur…",
  "mobileMoney.predicted": "Opérateur : {operator}",
  "mobileMoney.predictFailed":
    "Nous n'avons pas pu trouver l'opérateur de ce numéro. Choisissez-le ci-dessous.",
  "mobileMoney.operatorLabel": "Opérateur",
  "mobileMoney.operatorDetected": "Détecté ({operator})",
  "mobileMoney.operatorHint":
    "Vous avez gardé votre numéro en changeant de réseau ? Choisissez votre opérateur ici.",
  "mobileMoney.operatorRequired": "Choisissez votre opérateur.",
  "mobileMoney.nameLabel": "Nom du titulaire du compte",
  "mobileMoney.nameRequired": "Saisissez le nom du titulaire du compte.",
  "mobileMoney.submit": "Enregistrer le compte",
  "mobileMoney.submitting": "Enregistrement…",
  "mobileMoney.failed": "Nous n'avons pas pu enregistrer ce compte. {reason}",

  "operator.MTN_MOMO_LBR": "MTN Mobile Money (Libéria)",
  "operator.ORANGE_MONEY_LBR": "Orange Money (Libéria)",
  "operator.MTN_MOMO_RWA": "MTN MoMo (Rwanda)",
  "operator.AIRTEL_RWA": "Airtel Money (Rwanda)",
  "operator.ORANGE_MONEY_RWA": "Orange Money (Rwanda)",

  "card.title": "Ajouter une carte",
  "card.nameLabel": "Nom sur la carte",
  "card.nameRequired": "Saisissez le nom figurant sur la carte.",
  "card.detailsLabel": "Informations de la carte",
  "card.submit": "Enregistrer la carte",
  "card.submitting": "Enregistrement…",
  "card.incomplete": "Saisissez les informations de votre carte.",
  "card.failed": "Nous n'avons pas pu enregistrer cette carte. {reason}",

  "status.loading": "Vérification du paiement…",
  "status.pending": "Lancement du paiement…",
  "status.processing": "En attente de la confirmation du paiement…",
  "status.processingMobileMoney": "Validez le paiement sur votre téléphone",
  "status.processingMobileMoneyHint":
    "Une demande de votre opérateur Mobile Money va s'afficher : entrez votre code PIN.",
  "status.processingCard": "Confirmation de votre paiement par carte…",
  "status.unknown": "Le paiement est en cours ({raw}).",
  "status.longWait":
    "Toujours en attente. Vous pouvez quitter cette page : nous continuons à vérifier.",
  "status.elapsed": "En attente depuis {elapsed}",
  "status.succeeded": "Paiement reçu",
  "status.failed": "Le paiement n'a pas abouti.",
  "status.failedReason": "Motif : {reason}",
  "status.expired":
    "Nous avons arrêté la vérification automatique. Le paiement peut encore aboutir.",
  "status.checkAgain": "Vérifier à nouveau",
  "status.connectionProblem":
    "Le serveur est injoignable pour le moment. Nous continuons d'essayer.",
  "status.notFound": "Nous ne trouvons pas encore ce paiement. Nous continuons à vérifier.",

  "time.hours": "{count, plural, one {# heure} other {# heures}}",
  "time.minutes": "{count, plural, one {# minute} other {# minutes}}",
  "time.seconds": "{count, plural, one {# seconde} other {# secondes}}",

  "error.network": "Le service de paiement est injoignable.",
  "error.networkAction": "Vérifiez votre connexion Internet, puis réessayez.",
  "error.timeout": "Le service de paiement a mis trop de temps à répondre.",
  "error.timeoutAction": "Vérifiez votre connexion Internet, puis réessayez.",
  "error.aborted": "L'opération a été interrompue avant la fin.",
  "error.abortedAction": "Réessayez quand vous serez prêt.",
  "error.rateLimited": "Trop de tentatives en peu de temps.",
  "error.rateLimitedAction": "Patientez une minute, puis réessayez.",
  "error.invalid": "Certaines informations n'ont pas été acceptées.",
  "error.invalidAction": "Vérifiez ce que vous avez saisi, puis réessayez.",
  "error.phoneRejected": "Ce numéro de téléphone n'a pas été accepté.",
  "error.phoneRejectedAction": "Vérifiez le numéro et l'indicatif du pays, puis réessayez.",
  "error.nameRejected": "Le nom n'a pas été accepté.",
  "error.nameRejectedAction": "Vérifiez le nom du titulaire du compte, puis réessayez.",
  "error.signedOut": "Vous n'êtes plus connecté.",
  "error.signedOutAction": "Reconnectez-vous, puis revenez pour payer.",
  "error.forbidden": "Votre compte ne permet pas cette opération.",
  "error.forbiddenAction": "Vérifiez que vous êtes connecté avec le bon compte.",
  "error.notFound": "Nous n'avons pas trouvé ce paiement ou cette commande.",
  "error.notFoundAction": "Vérifiez le lien que vous avez suivi, ou recommencez.",
  "error.sessionExpired": "Votre session de paiement a expiré.",
  "error.sessionExpiredAction": "Recommencez pour payer.",
  "error.conflict": "Cette opération a déjà été lancée.",
  "error.conflictAction": "Patientez un instant, puis vérifiez avant de réessayer.",
  "error.sourceBusy":
    "Un paiement pour cette commande est déjà en cours, peut-être sur un autre appareil.",
  "error.sourceBusyAction": "Attendez qu'il se termine. Nous afficherons son résultat ici.",
  "error.alreadyPaid": "Cette commande est déjà payée.",
  "error.alreadyPaidAction": "Vous n'avez plus rien à payer.",
  "error.cardUsed": "Cette carte ne peut servir que pour un seul paiement.",
  "error.cardUsedAction": "Ajoutez de nouveau la carte, ou choisissez un autre moyen de paiement.",
  "error.server": "Le service de paiement ne fonctionne pas pour le moment.",
  "error.serverAction": "Réessayez dans quelques minutes.",
  "error.service": "Un problème est survenu de notre côté.",
  "error.serviceAction": "Réessayez plus tard. Si le problème persiste, contactez la boutique.",
  "error.unknown": "Un problème est survenu.",
  "error.unknownAction": "Réessayez. Si le problème persiste, contactez la boutique.",

  "failure.notApproved":
    "Paiement non confirmé : il n'a pas été validé à temps sur votre téléphone.",
  "failure.notApprovedAction":
    "Réessayez et validez avec votre code PIN dès que la demande s'affiche.",
  "failure.insufficientFunds": "Solde insuffisant sur votre compte.",
  "failure.insufficientFundsAction":
    "Rechargez votre compte, puis réessayez, ou choisissez un autre moyen de paiement.",
  "failure.payerNotFound": "Ce numéro n'a pas de compte Mobile Money chez cet opérateur.",
  "failure.payerNotFoundAction":
    "Vérifiez le numéro et l'opérateur, ou choisissez un autre moyen de paiement.",
  "failure.otherPayment": "Un autre paiement attend votre validation sur ce compte.",
  "failure.otherPaymentAction":
    "Validez-le ou annulez-le sur votre téléphone, puis réessayez dans quelques minutes.",
  "failure.limit": "Ce paiement dépasse le plafond de votre compte.",
  "failure.limitAction":
    "Choisissez un autre moyen de paiement, ou renseignez-vous sur votre plafond auprès de votre opérateur.",
  "failure.authentication": "La vérification de votre banque n'a pas été terminée.",
  "failure.authenticationAction":
    "Réessayez et terminez la vérification de votre banque, ou utilisez une autre carte.",
  "failure.declined": "Le paiement a été refusé.",
  "failure.declinedAction":
    "Choisissez un autre moyen de paiement, ou demandez la raison à votre banque ou à votre opérateur.",
  "failure.unknown": "Votre banque ou votre opérateur n'a pas donné de raison.",
  "failure.unknownAction": "Réessayez, ou choisissez un autre moyen de paiement.",

  "waitHelp.toggle": "Vous n'avez pas reçu la demande de code PIN ?",
  "waitHelp.intro": "La demande peut mettre une minute à arriver. Si elle n'arrive pas :",
  "waitHelp.checkPhone":
    "Gardez votre téléphone allumé et déverrouillé, avec du réseau, et avec la carte SIM de ce compte.",
  "waitHelp.dial.MTN_MOMO_LBR":
    "Composez {code} depuis votre ligne MTN, choisissez MoMo et trouvez le paiement qui attend votre validation. Entrez ensuite votre code PIN MoMo.",
  "waitHelp.dial.ORANGE_MONEY_LBR":
    "Composez {code} depuis votre ligne Orange, ouvrez Orange Money et trouvez le paiement qui attend votre validation. Entrez ensuite votre code PIN Orange Money.",
  "waitHelp.dial.MTN_MOMO_RWA":
    "Composez {code} depuis votre ligne MTN pour voir le paiement MoMo qui attend votre validation. Entrez ensuite votre code PIN MoMo.",
  "waitHelp.dial.AIRTEL_RWA":
    "Composez {code} depuis votre ligne Airtel, ouvrez Airtel Money et trouvez le paiement qui attend votre validation. Entrez ensuite votre code PIN Airtel Money.",
  "waitHelp.code.MTN_MOMO_LBR": "*156#",
  "waitHelp.code.ORANGE_MONEY_LBR": "*144#",
  "waitHelp.code.MTN_MOMO_RWA": "*182*7*1#",
  "waitHelp.code.AIRTEL_RWA": "*182#",
  "waitHelp.dialLink": "Composer le {code}",
  "waitHelp.generic":
    "Ouvrez le menu Mobile Money de votre téléphone et cherchez le paiement qui attend votre validation. Entrez ensuite votre code PIN.",
  "waitHelp.expiresIn": "La demande expire dans {time}.",
  "waitHelp.expired":
    "La demande a expiré. Si vous l'avez validée à temps, le résultat s'affichera ici sous peu.",

  "flow.loading": "Chargement du paiement…",
  "flow.amount": "Montant",
  "flow.fee": "Frais",
  "flow.total": "Total",
  "flow.sourceTotal": "Prix en {currency}",
  "flow.feeLoading": "Calcul des frais…",
  "flow.feeFailed":
    "Nous n'avons pas pu calculer les frais. Vous verrez le total sur votre téléphone ou auprès de votre banque.",
  "flow.feeByMerchant": "Les frais sont payés par le marchand.",
  "flow.currencyLabel": "Payer en",
  "flow.pay": "Payer {amount}",
  "flow.authenticate": "Confirmer auprès de votre banque",
  "flow.payNoAmount": "Payer",
  "flow.chooseMethod": "Choisissez un moyen de paiement pour continuer.",
  "flow.creatingSession": "Préparation de votre paiement…",
  "flow.executing": "Envoi de la demande de paiement…",
  "flow.requiresAction": "Votre banque doit confirmer qu'il s'agit bien de vous.",
  "flow.authenticating": "Terminez la vérification de votre banque…",
  "flow.authenticationUnavailable":
    "La vérification de carte n'est pas disponible ici. Réessayez ou choisissez un autre moyen de paiement.",
  "flow.verifying": "Nous vérifions si le paiement a abouti…",
  "flow.succeeded": "Paiement reçu. Merci !",
  "flow.failed": "Le paiement n'a pas abouti.",
  "flow.retry": "Réessayer",
  "flow.anotherMethod": "Choisir un autre moyen de paiement",
  "flow.expired": "Nous avons arrêté la vérification automatique. Le paiement peut encore aboutir.",
  "flow.checkAgain": "Vérifier à nouveau",
  "flow.proxyDown":
    "Le serveur de paiement est injoignable. Vérifiez votre connexion et réessayez.",
  "flow.proxyDownRetrying":
    "Le serveur de paiement est injoignable pour le moment. Nous continuons d'essayer.",
  "flow.rateLimited": "Trop de demandes pour le moment. Réessayez dans un instant.",
  "flow.rateLimitedRetrying":
    "Le serveur de paiement nous demande de ralentir. Nous continuons d'essayer.",
  "flow.sessionExpired": "Votre session de paiement a expiré. Recommencez pour payer.",
  "flow.error": "Un problème est survenu.",
  "flow.attemptOpen": "Un paiement pour cette commande est déjà en cours.",
  "flow.busy":
    "Un paiement pour cette commande est déjà en cours, sur cet appareil ou un autre. Nous afficherons son résultat ici.",
  "flow.sourceFree":
    "L'autre paiement pour cette commande n'a pas abouti. Vous pouvez payer maintenant.",
  "flow.sourceForbidden":
    "Vous ne pouvez pas payer cette commande depuis votre compte. Connectez-vous avec le compte qui l'a passée.",
  "flow.sourceNotFound":
    "Nous n'avons pas trouvé cette commande. Vérifiez le lien que vous avez suivi.",
  "flow.alreadyPaid": "Cette commande est déjà payée. Vous n'avez plus rien à payer.",
  "flow.paidElsewhere":
    "L'autre paiement a abouti. Cette commande est payée : vous n'avez plus rien à payer.",
  "flow.cardUsed":
    "Cette carte ne peut servir que pour un seul paiement. Ajoutez-la de nouveau, ou choisissez un autre moyen de paiement.",
  "flow.leaveWarning":
    "Un paiement est en cours. Si vous partez, il peut encore aboutir, et nous continuons à vérifier.",
  "flow.cancel": "Annuler",
  "flow.useAnotherMethod": "Choisir un autre moyen de paiement",
  "flow.attemptLeft":
    "Votre paiement précédent n'a pas abouti. Choisissez comment vous souhaitez payer.",
  "flow.leaveRefused":
    "Ce paiement peut encore aboutir : vous ne pouvez pas encore en changer. Nous continuons à vérifier.",
  "flow.leaveRefusedUntil":
    "Ce paiement peut encore aboutir. S'il n'a pas abouti à {time}, vous pourrez choisir un autre moyen de paiement.",

  "hosted.pay": "Payer sur la page de Dollr",
  "hosted.redirecting": "Ouverture de la page de paiement de Dollr…",
  "hosted.invalidUrl":
    "Ce lien de paiement ne peut pas être ouvert en toute sécurité : nous ne l'avons pas ouvert. Actualisez la page, ou contactez la boutique si le problème persiste.",
  "hosted.failed": "Nous n'avons pas pu ouvrir la page de paiement. Réessayez.",
  "paymentReturn.loading": "Vérification de votre paiement…",
  "paymentReturn.checking": "Nous vérifions si votre paiement a abouti…",
  "paymentReturn.idle": "Cette commande n'est pas encore ouverte au paiement.",
  "paymentReturn.active": "Votre paiement n'a pas commencé ou a été annulé sur la page de Dollr",
  "paymentReturn.activeHint":
    "Si vous venez de payer, vérifiez à nouveau dans un instant. Sinon, retournez à la boutique pour payer.",
  "paymentReturn.processing": "Nous confirmons votre paiement…",
  "paymentReturn.processingHint":
    "Cela peut prendre quelques minutes. Le résultat s'affichera ici.",
  "paymentReturn.unknown": "Votre paiement est en cours ({raw}).",
  "paymentReturn.paid": "Paiement reçu",
  "paymentReturn.canceled": "Cette commande a été annulée",
  "paymentReturn.canceledHint": "Contactez la boutique si vous pensez qu'il s'agit d'une erreur.",
  "paymentReturn.expired":
    "Nous avons arrêté la vérification automatique. Votre paiement peut encore aboutir.",
  "paymentReturn.notFound":
    "Nous n'avons pas trouvé cette commande. Vérifiez le lien que vous avez suivi.",
  "paymentReturn.forbidden":
    "Vous ne pouvez pas voir cette commande depuis votre compte. Connectez-vous avec le compte qui l'a passée.",
  "paymentReturn.summaryInvoice": "Facture {number} : {amount}",
  "paymentReturn.summaryOrder": "Commande {number} : {amount}",
  "paymentReturn.checkAgain": "Vérifier à nouveau",
  "receipt.title": "Reçu",
  "receipt.loading": "Chargement de votre reçu…",
  "receipt.notReady": "Votre reçu sera prêt une fois le paiement terminé",
  "receipt.notFound":
    "Nous n'avons pas trouvé de reçu pour cette commande. Vérifiez le lien que vous avez suivi.",
  "receipt.forbidden":
    "Vous ne pouvez pas voir ce reçu depuis votre compte. Connectez-vous avec le compte qui a passé la commande.",
  "receipt.failed": "Nous n'avons pas pu charger votre reçu.",
  "receipt.retry": "Réessayer",
  "receipt.ready": "Votre reçu : paiement de {amount} effectué.",
  "receipt.amountPaid": "Montant payé",
  "receipt.fee": "Frais",
  "receipt.orderTotal": "Total de la commande",
  "receipt.exchangeRate": "Taux de change",
  "receipt.rate": "1 {from} = {rate} {to}",
  "receipt.invoiceNumber": "Numéro de facture",
  "receipt.orderNumber": "Numéro de commande",
  "receipt.items": "Articles",
  "receipt.quantity": "{quantity} × {amount}",
  "receipt.paymentMethod": "Moyen de paiement",
  "receipt.methodEnding": "{method} se terminant par {digits}",
  "receipt.card": "Carte",
  "receipt.paidAt": "Payé le",
  "receipt.reference": "Référence du paiement",
  "receipt.dollrLink": "Voir le reçu de Dollr",
  "receipt.newTab": "(s'ouvre dans un nouvel onglet)",
};
