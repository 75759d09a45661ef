/**
 * `@dollr-kit/react/locales/rw`: Kinyarwanda, for `<DollrCheckoutProvider locale="rw-RW"
 * messages={rw}>`. Words from Irembo's help centre and Rwandan apps where sourced ("Ishyura",
 * "Injiza PIN yawe", "Emeza", "Igiteranyo"); "Mobile Money" stays in English as it does there.
 * Node's and Chromium's Intl have no Kinyarwanda plural or unit data, so the `time.*` words
 * carry their own forms. Written for review by native speakers: docs/translations.md.
 */
import type { DollrCatalog } from "../messages.ts";

export const rw: DollrCatalog = {
  "kit.loading": "Tegereza gato…",
  "kit.retry": "Ongera ugerageze",
  "kit.cancel": "Hagarika",

  "picker.label": "Uburyo bwo kwishyura",
  "picker.loading": "Turimo kuzana uburyo bwo kwishyura wabitse…",
  "picker.empty": "Nturabika uburyo bwo kwishyura. Ongeraho bumwe hano hepfo.",
  "picker.loadFailed": "Ntitwashoboye kuzana uburyo bwo kwishyura wabitse.",
  "picker.walletTitle": "{operator}",
  "picker.walletDetail": "Mobile Money {number}",
  "picker.walletDetailSpoken": "Nimero ya Mobile Money irangira kuri {last}",
  "picker.cardTitle": "{brand}",
  "picker.cardDetail": "Ikarita irangira kuri {last4}",
  "picker.singleUse": "Rimwe gusa",
  "picker.addMobileMoney": "Ongeraho Mobile Money",
  "picker.addCard": "Ongeraho ikarita",
  "picker.cardLoading": "Turimo gutegura kwishyura ukoresheje ikarita…",
  "picker.cardUnavailable": "Kwishyura ukoresheje ikarita ntibishoboka ubu.",
  "picker.cardFormLoadFailed":
    "Ntitwashoboye gufungura ifishi y'ikarita. Reba interineti yawe, hanyuma wongere ugerageze.",

  "mobileMoney.title": "Ongeraho konti ya Mobile Money",
  "mobileMoney.phoneLabel": "Nimero ya telefone",
  "mobileMoney.phoneHint": "Urugero: {example}.",
  "mobileMoney.phoneInvalid": "Koresha imibare, utwanya n'udukoni gusa, na + ku ntangiriro gusa.",
  "mobileMoney.phoneEmpty": "Injiza nimero yawe ya Mobile Money.",
  "mobileMoney.phoneInputTooLong": "Ibi ni birebire cyane ku nimero ya telefone. Reba nimero.",
  "mobileMoney.phoneLetters": "Nimero ya telefone ntigira inyuguti. Reba nimero.",
  "mobileMoney.phoneOtherDigits": "Andika nimero ukoresheje imibare 0 kugeza kuri 9.",
  "mobileMoney.phoneHiddenCharacters":
    "Nimero irimo inyuguti zitagaragara, wenda kuko wayikopeye. Yongere uyandike.",
  "mobileMoney.phoneTooShortNational":
    "Iyi nimero ni ngufi cyane. Nimero zo muri {country} zigira {digits, plural, one {umubare #} other {imibare #}} nyuma ya 0.",
  "mobileMoney.phoneTooLongNational":
    "Iyi nimero ni ndende cyane. Nimero zo muri {country} zigira {digits, plural, one {umubare #} other {imibare #}} nyuma ya 0.",
  "mobileMoney.phoneTooShortInternational":
    "Iyi nimero ni ngufi cyane. Nimero zo muri {country} zigira {digits, plural, one {umubare #} other {imibare #}} nyuma ya {code}.",
  "mobileMoney.phoneTooLongInternational":
    "Iyi nimero ni ndende cyane. Nimero zo muri {country} zigira {digits, plural, one {umubare #} other {imibare #}} nyuma ya {code}.",
  "mobileMoney.phoneCountryNotTaken":
    "Iyi ni nimero yo muri {country}. Ushobora kwishyura ukoresheje nimero ya Mobile Money yo muri {countries} gusa.",
  "mobileMoney.phoneCountryUnknown":
    "Ushobora kwishyura ukoresheje nimero ya Mobile Money yo muri {countries} gusa. Reba kode y'igihugu.",
  "mobileMoney.phoneNotMobileMoney":
    "Nta sosiyete ya Mobile Money yo muri {country} ikoresha nimero zitangirwa na {prefix}. Reba nimero.",
  "mobileMoney.phoneNeedsCountryCode":
    "Iyi nimero ishobora kuba iyo muri {countries}. Yitangize kode y'igihugu: {codes}.",
  "mobileMoney.phoneShown": "Nimero yo muri {country}: {number}",
  "mobileMoney.country.LR": "Liberiya",
  "mobileMoney.country.RW": "Rwanda",
  "mobileMoney.predicting": "Turimo gushaka sosiyete y'itumanaho yawe…",
  "mobileMoney.predicted": "Sosiyete y'itumanaho: {operator}",
  "mobileMoney.predictFailed":
    "Ntitwamenye sosiyete y'itumanaho y'iyi nimero. Yihitiremo hano hepfo.",
  "mobileMoney.operatorLabel": "Sosiyete y'itumanaho",
  "mobileMoney.operatorDetected": "Yabonetse ({operator})",
  "mobileMoney.operatorHint":
    "Wimuriye nimero yawe ku wundi murongo? Hitamo sosiyete y'itumanaho yawe hano.",
  "mobileMoney.operatorRequired": "Hitamo sosiyete y'itumanaho yawe.",
  "mobileMoney.nameLabel": "Izina rya nyir'konti",
  "mobileMoney.nameRequired": "Injiza izina rya nyir'konti.",
  "mobileMoney.submit": "Bika konti",
  "mobileMoney.submitting": "Turimo kubika…",
  "mobileMoney.failed": "Ntitwashoboye kubika iyi konti. {reason}",

  "operator.MTN_MOMO_LBR": "MTN Mobile Money (Liberiya)",
  "operator.ORANGE_MONEY_LBR": "Orange Money (Liberiya)",
  "operator.MTN_MOMO_RWA": "MTN MoMo (u Rwanda)",
  "operator.AIRTEL_RWA": "Airtel Money (u Rwanda)",
  "operator.ORANGE_MONEY_RWA": "Orange Money (u Rwanda)",

  "card.title": "Ongeraho ikarita",
  "card.nameLabel": "Izina riri ku ikarita",
  "card.nameRequired": "Injiza izina riri ku ikarita.",
  "card.detailsLabel": "Amakuru y'ikarita",
  "card.submit": "Bika ikarita",
  "card.submitting": "Turimo kubika…",
  "card.incomplete": "Injiza amakuru y'ikarita yawe.",
  "card.failed": "Ntitwashoboye kubika iyi karita. {reason}",

  "status.loading": "Turimo kugenzura ubwishyu…",
  "status.pending": "Turimo gutangiza ubwishyu…",
  "status.processing": "Dutegereje ko ubwishyu bwemezwa…",
  "status.processingMobileMoney": "Emeza kwishyura kuri telefone yawe",
  "status.processingMobileMoneyHint":
    "Reba ubutumwa bwa Mobile Money kuri telefone yawe, hanyuma winjize PIN yawe.",
  "status.processingCard": "Turimo kwemeza ubwishyu bw'ikarita yawe…",
  "status.unknown": "Ubwishyu buracyakorwa ({raw}).",
  "status.longWait": "Turacyategereje. Ushobora kuva kuri iyi paji, tuzakomeza kugenzura.",
  "status.elapsed": "Hashize {elapsed}",
  "status.succeeded": "Ubwishyu bwakiriwe",
  "status.failed": "Kwishyura byanze.",
  "status.failedReason": "Impamvu: {reason}",
  "status.expired": "Twahagaritse kugenzura ubwacu. Ubwishyu bushobora kurangira nyuma.",
  "status.checkAgain": "Ongera ugenzure",
  "status.connectionProblem": "Ntidushobora kugera kuri seriveri ubu. Turakomeza kugerageza.",
  "status.notFound": "Ntiturabona ubu bwishyu. Turakomeza kugenzura.",

  "time.hours": "{count, plural, one {isaha #} other {amasaha #}}",
  "time.minutes": "{count, plural, one {umunota #} other {iminota #}}",
  "time.seconds": "{count, plural, one {isegonda #} other {amasegonda #}}",

  "error.network": "Ntitwashoboye kugera kuri serivisi yo kwishyura.",
  "error.networkAction": "Reba ko ufite interineti, hanyuma wongere ugerageze.",
  "error.timeout": "Serivisi yo kwishyura yatinze gusubiza.",
  "error.timeoutAction": "Reba ko ufite interineti, hanyuma wongere ugerageze.",
  "error.aborted": "Byahagaritswe bitarangiye.",
  "error.abortedAction": "Ongera ugerageze igihe witeguye.",
  "error.rateLimited": "Wagerageje inshuro nyinshi mu gihe gito.",
  "error.rateLimitedAction": "Tegereza umunota umwe, hanyuma wongere ugerageze.",
  "error.invalid": "Amwe mu makuru ntiyemewe.",
  "error.invalidAction": "Reba ibyo winjije, hanyuma wongere ugerageze.",
  "error.phoneRejected": "Iyi nimero ya telefone ntiyemewe.",
  "error.phoneRejectedAction": "Reba nimero na kode y'igihugu, hanyuma wongere ugerageze.",
  "error.nameRejected": "Izina ntiryemewe.",
  "error.nameRejectedAction": "Reba izina rya nyir'konti, hanyuma wongere ugerageze.",
  "error.signedOut": "Ntukiri muri konti yawe.",
  "error.signedOutAction": "Ongera winjire, hanyuma ugaruke kwishyura.",
  "error.forbidden": "Konti yawe ntiyemerewe gukora ibi.",
  "error.forbiddenAction": "Reba ko winjiye ukoresheje konti ikwiye.",
  "error.notFound": "Ntitwabonye ubu bwishyu cyangwa iri tumiza.",
  "error.notFoundAction": "Reba umurongo (link) wakurikiye, cyangwa wongere utangire.",
  "error.sessionExpired": "Igihe cyo kwishyura cyarangiye.",
  "error.sessionExpiredAction": "Ongera utangire kugira ngo wishyure.",
  "error.conflict": "Ibi byari byaratangiye.",
  "error.conflictAction": "Tegereza gato, hanyuma ubanze ugenzure mbere yo kongera kugerageza.",
  "error.sourceBusy": "Hari ubwishyu bw'iri tumiza buri gukorwa, wenda ku kindi gikoresho.",
  "error.sourceBusyAction": "Tegereza burangire. Turakwereka ibyavuyemo hano.",
  "error.alreadyPaid": "Iri tumiza ryamaze kwishyurwa.",
  "error.alreadyPaidAction": "Nta kindi usabwa kwishyura.",
  "error.cardUsed": "Iyi karita ikoreshwa ku bwishyu bumwe gusa.",
  "error.cardUsedAction": "Ongera ushyiremo ikarita, cyangwa ukoreshe ubundi buryo bwo kwishyura.",
  "error.server": "Serivisi yo kwishyura ntiri gukora ubu.",
  "error.serverAction": "Ongera ugerageze mu minota mike.",
  "error.service": "Habaye ikibazo iwacu.",
  "error.serviceAction": "Ongera ugerageze nyuma. Nibikomeza, vugana n'iduka.",
  "error.unknown": "Habaye ikibazo.",
  "error.unknownAction": "Ongera ugerageze. Nibikomeza, vugana n'iduka.",

  "failure.notApproved": "Ntiwemeje kwishyura kuri telefone yawe ku gihe.",
  "failure.notApprovedAction": "Ongera ugerageze, maze winjize PIN yawe ubutumwa bukimara kuza.",
  "failure.insufficientFunds": "Nta mafaranga ahagije ari kuri konti yawe.",
  "failure.insufficientFundsAction":
    "Shyira amafaranga kuri konti, hanyuma wongere ugerageze, cyangwa ukoreshe ubundi buryo bwo kwishyura.",
  "failure.payerNotFound": "Iyi nimero nta konti ya Mobile Money ifite kuri iyo sosiyete.",
  "failure.payerNotFoundAction":
    "Reba nimero na sosiyete y'itumanaho, cyangwa ukoreshe ubundi buryo bwo kwishyura.",
  "failure.otherPayment": "Hari ubundi bwishyu butegereje ko ubwemeza kuri iyi konti.",
  "failure.otherPaymentAction":
    "Bwemeze cyangwa ubuhagarike kuri telefone yawe, hanyuma wongere ugerageze mu minota mike.",
  "failure.limit": "Ubu bwishyu burenze urugero konti yawe yemerewe.",
  "failure.limitAction":
    "Koresha ubundi buryo bwo kwishyura, cyangwa ubaze sosiyete y'itumanaho yawe urugero rwawe.",
  "failure.authentication": "Igenzura rya banki yawe ntiryarangiye.",
  "failure.authenticationAction":
    "Ongera ugerageze urangize igenzura rya banki yawe, cyangwa ukoreshe indi karita.",
  "failure.declined": "Kwishyura byanzwe.",
  "failure.declinedAction":
    "Koresha ubundi buryo bwo kwishyura, cyangwa ubaze banki yawe cyangwa sosiyete y'itumanaho impamvu.",
  "failure.unknown": "Banki yawe cyangwa sosiyete y'itumanaho ntiyavuze impamvu.",
  "failure.unknownAction": "Ongera ugerageze, cyangwa ukoreshe ubundi buryo bwo kwishyura.",

  "waitHelp.toggle": "Ntiwabonye ubutumwa busaba PIN?",
  "waitHelp.intro": "Ubutumwa bushobora gutinda umunota umwe. Nibutaza:",
  "waitHelp.checkPhone":
    "Telefone yawe ibe yaka kandi ifunguye, ifite rezo, kandi irimo SIM kadi y'iyi konti.",
  "waitHelp.dial.MTN_MOMO_LBR":
    "Kanda {code} kuri nimero yawe ya MTN, hitamo MoMo, ushake ubwishyu butegereje ko ubwemeza. Hanyuma winjize PIN yawe ya MoMo.",
  "waitHelp.dial.ORANGE_MONEY_LBR":
    "Kanda {code} kuri nimero yawe ya Orange, fungura Orange Money, ushake ubwishyu butegereje ko ubwemeza. Hanyuma winjize PIN yawe ya Orange Money.",
  "waitHelp.dial.MTN_MOMO_RWA":
    "Kanda {code} kuri nimero yawe ya MTN urebe ubwishyu bwa MoMo butegereje ko ubwemeza. Hanyuma winjize PIN yawe ya MoMo.",
  "waitHelp.dial.AIRTEL_RWA":
    "Kanda {code} kuri nimero yawe ya Airtel, fungura Airtel Money, ushake ubwishyu butegereje ko ubwemeza. Hanyuma winjize PIN yawe ya Airtel Money.",
  "waitHelp.code.MTN_MOMO_LBR": "*156#",
  "waitHelp.code.ORANGE_MONEY_LBR": "*144#",
  "waitHelp.code.MTN_MOMO_RWA": "*182*7*1#",
  "waitHelp.code.AIRTEL_RWA": "*182#",
  "waitHelp.dialLink": "Kanda {code}",
  "waitHelp.generic":
    "Fungura Mobile Money kuri telefone yawe, ushake ubwishyu butegereje ko ubwemeza. Hanyuma winjize PIN yawe.",
  "waitHelp.expiresIn": "Ubutumwa burarangira mu {time}.",
  "waitHelp.expired":
    "Igihe cy'ubutumwa cyarangiye. Niba wemeje ku gihe, turakwereka ibyavuyemo hano vuba.",

  "flow.loading": "Turimo gutegura kwishyura…",
  "flow.amount": "Amafaranga",
  "flow.fee": "Ikiguzi cya serivisi",
  "flow.total": "Igiteranyo",
  "flow.sourceTotal": "Igiciro mu {currency}",
  "flow.feeLoading": "Turimo kubara ikiguzi cya serivisi…",
  "flow.feeFailed":
    "Ntitwashoboye kubara ikiguzi cya serivisi. Uzabona igiteranyo kuri telefone yawe cyangwa kuri banki.",
  "flow.feeByMerchant": "Ikiguzi cya serivisi cyishyurwa n'umucuruzi.",
  "flow.currencyLabel": "Ishyura mu",
  "flow.pay": "Ishyura {amount}",
  "flow.authenticate": "Emeza unyuze kuri banki yawe",
  "flow.payNoAmount": "Ishyura",
  "flow.chooseMethod": "Hitamo uburyo bwo kwishyura kugira ngo ukomeze.",
  "flow.creatingSession": "Turimo gutegura ubwishyu bwawe…",
  "flow.executing": "Turimo kohereza icyifuzo cyo kwishyura…",
  "flow.requiresAction": "Banki yawe igomba kwemeza ko ari wowe.",
  "flow.authenticating": "Rangiza igenzura rya banki yawe…",
  "flow.authenticationUnavailable":
    "Igenzura ry'ikarita ntiriboneka hano. Ongera ugerageze cyangwa ukoreshe ubundi buryo bwo kwishyura.",
  "flow.verifying": "Turimo kureba niba ubwishyu bwagenze neza…",
  "flow.succeeded": "Ubwishyu bwakiriwe. Murakoze!",
  "flow.failed": "Kwishyura byanze.",
  "flow.retry": "Ongera ugerageze",
  "flow.anotherMethod": "Koresha ubundi buryo bwo kwishyura",
  "flow.expired": "Twahagaritse kugenzura ubwacu. Ubwishyu bushobora kurangira nyuma.",
  "flow.checkAgain": "Ongera ugenzure",
  "flow.proxyDown":
    "Ntidushobora kugera kuri seriveri yo kwishyura. Reba interineti yawe, hanyuma wongere ugerageze.",
  "flow.proxyDownRetrying":
    "Ntidushobora kugera kuri seriveri yo kwishyura ubu. Turakomeza kugerageza.",
  "flow.rateLimited": "Hari ibyifuzo byinshi ubu. Ongera ugerageze mu kanya gato.",
  "flow.rateLimitedRetrying":
    "Seriveri yo kwishyura yadusabye kugabanya umuvuduko. Turakomeza kugerageza.",
  "flow.sessionExpired": "Igihe cyo kwishyura cyarangiye. Ongera utangire kugira ngo wishyure.",
  "flow.error": "Habaye ikibazo.",
  "flow.attemptOpen": "Hari ubwishyu bw'iri tumiza buri gukorwa.",
  "flow.busy":
    "Hari ubwishyu bw'iri tumiza buri gukorwa, kuri iki gikoresho cyangwa ku kindi. Turakwereka ibyavuyemo hano.",
  "flow.sourceFree": "Ubundi bwishyu bw'iri tumiza ntibwagenze neza. Ushobora kwishyura ubu.",
  "flow.sourceForbidden":
    "Ntushobora kwishyura iri tumiza ukoresheje konti yawe. Injira ukoresheje konti yaritumije.",
  "flow.sourceNotFound": "Ntitwabonye iri tumiza. Reba umurongo (link) wakurikiye.",
  "flow.alreadyPaid": "Iri tumiza ryamaze kwishyurwa. Nta kindi usabwa kwishyura.",
  "flow.paidElsewhere":
    "Ubundi bwishyu bwagenze neza. Iri tumiza ryishyuwe: nta kindi usabwa kwishyura.",
  "flow.cardUsed":
    "Iyi karita ikoreshwa ku bwishyu bumwe gusa. Yongere ushyiremo, cyangwa ukoreshe ubundi buryo bwo kwishyura.",
  "flow.leaveWarning":
    "Hari ubwishyu buri gukorwa. Nuva hano, bushobora kurangira, kandi tuzakomeza kugenzura.",
  "flow.cancel": "Hagarika",
  "flow.useAnotherMethod": "Koresha ubundi buryo bwo kwishyura",
  "flow.attemptLeft": "Ubwishyu bwawe bwa mbere ntibwagenze neza. Hitamo uko ushaka kwishyura.",
  "flow.leaveRefused":
    "Ubu bwishyu bushobora kurangira, ntushobora guhindura ubu. Turakomeza kugenzura.",
  "flow.leaveRefusedUntil":
    "Ubu bwishyu bushobora kurangira. Nibutarangira saa {time}, uzashobora guhitamo ubundi buryo bwo kwishyura.",

  "hosted.pay": "Ishyura kuri paji ya Dollr",
  "hosted.redirecting": "Turimo gufungura paji yo kwishyura ya Dollr…",
  "hosted.invalidUrl":
    "Uyu murongo wo kwishyura ntushobora gufungurwa mu mutekano, ntitwawufunguye. Ongera ufungure paji, cyangwa uvugane n'iduka nibikomeza.",
  "hosted.failed": "Ntitwashoboye gufungura paji yo kwishyura. Ongera ugerageze.",
  "paymentReturn.loading": "Turimo kugenzura ubwishyu bwawe…",
  "paymentReturn.checking": "Turimo kureba niba ubwishyu bwawe bwagenze neza…",
  "paymentReturn.idle": "Iri tumiza ntirirafungurirwa kwishyurwa.",
  "paymentReturn.active": "Ubwishyu bwawe ntiburatangira cyangwa bwahagaritswe kuri paji ya Dollr",
  "paymentReturn.activeHint":
    "Niba umaze kwishyura, ongera ugenzure mu kanya gato. Bitabaye ibyo, subira ku iduka wishyure.",
  "paymentReturn.processing": "Turimo kwemeza ubwishyu bwawe…",
  "paymentReturn.processingHint": "Bishobora gufata iminota mike. Turakwereka ibyavuyemo hano.",
  "paymentReturn.unknown": "Ubwishyu bwawe buracyakorwa ({raw}).",
  "paymentReturn.paid": "Ubwishyu bwakiriwe",
  "paymentReturn.canceled": "Iri tumiza ryahagaritswe",
  "paymentReturn.canceledHint": "Vugana n'iduka niba ubona ko ari ikosa.",
  "paymentReturn.expired":
    "Twahagaritse kugenzura ubwacu. Ubwishyu bwawe bushobora kurangira nyuma.",
  "paymentReturn.notFound": "Ntitwabonye iri tumiza. Reba umurongo (link) wakurikiye.",
  "paymentReturn.forbidden":
    "Ntushobora kureba iri tumiza ukoresheje konti yawe. Injira ukoresheje konti yaritumije.",
  "paymentReturn.summaryInvoice": "Fagitire {number}: {amount}",
  "paymentReturn.summaryOrder": "Itumiza {number}: {amount}",
  "paymentReturn.checkAgain": "Ongera ugenzure",
  "receipt.title": "Inyemezabwishyu",
  "receipt.loading": "Turimo kuzana inyemezabwishyu yawe…",
  "receipt.notReady": "Inyemezabwishyu yawe izaboneka ubwishyu nibumara kurangira",
  "receipt.notFound": "Ntitwabonye inyemezabwishyu y'iri tumiza. Reba umurongo (link) wakurikiye.",
  "receipt.forbidden":
    "Ntushobora kureba iyi nyemezabwishyu ukoresheje konti yawe. Injira ukoresheje konti yatumije.",
  "receipt.failed": "Ntitwashoboye kuzana inyemezabwishyu yawe.",
  "receipt.retry": "Ongera ugerageze",
  "receipt.ready": "Inyemezabwishyu yawe: wishyuye {amount}.",
  "receipt.amountPaid": "Amafaranga wishyuye",
  "receipt.fee": "Ikiguzi cya serivisi",
  "receipt.orderTotal": "Igiteranyo cy'itumiza",
  "receipt.exchangeRate": "Igipimo cy'ivunjisha",
  "receipt.rate": "1 {from} = {rate} {to}",
  "receipt.invoiceNumber": "Nimero ya fagitire",
  "receipt.orderNumber": "Nimero y'itumiza",
  "receipt.items": "Ibyatumijwe",
  "receipt.quantity": "{quantity} × {amount}",
  "receipt.paymentMethod": "Uburyo bwo kwishyura",
  "receipt.methodEnding": "{method} irangira kuri {digits}",
  "receipt.card": "Ikarita",
  "receipt.paidAt": "Byishyuwe ku wa",
  "receipt.reference": "Nimero iranga ubwishyu",
  "receipt.dollrLink": "Reba inyemezabwishyu ya Dollr",
  "receipt.newTab": "(bifunguka mu idirishya rishya)",
};
