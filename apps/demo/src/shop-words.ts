/**
 * The shop's own words around the kit's checkout, in each language the demo offers. The rest of
 * the shop (products, cart, developer panel) stays in English. The French, Kinyarwanda and
 * Swahili here welcome a native speaker's review, as the kit's catalogs do.
 */
import { type LanguageCode, useLanguage } from "./language.ts";

const en = {
  language: "Language",
  checkout: "Checkout",
  order: "Order",
  yourOrder: "Your order",
  orderTotal: "Order total",
  amountSetByServer: "The amount was set by the shop's server when your order was made.",
  payment: "Payment",
  viewReceipt: "View your receipt",
  continueShopping: "Continue shopping",
  payElsewhere: "Or pay on Dollr's page",
  payElsewhereHint:
    "Dollr's own payment page, with mobile money or a card. It brings you back here.",
};

export type ShopWords = typeof en;

const WORDS: Record<LanguageCode, ShopWords> = {
  en,
  fr: {
    language: "Langue",
    checkout: "Paiement de la commande",
    order: "Commande",
    yourOrder: "Votre commande",
    orderTotal: "Total de la commande",
    amountSetByServer:
      "Le montant a été fixé par le serveur de la boutique lors de votre commande.",
    payment: "Paiement",
    viewReceipt: "Voir votre reçu",
    continueShopping: "Continuer vos achats",
    payElsewhere: "Ou payez sur la page de Dollr",
    payElsewhereHint:
      "La page de paiement de Dollr, par mobile money ou par carte. Elle vous ramène ici.",
  },
  rw: {
    language: "Ururimi",
    checkout: "Kwishyura ibyo watumije",
    order: "Ibyo watumije",
    yourOrder: "Ibyo watumije",
    orderTotal: "Igiteranyo",
    amountSetByServer: "Amafaranga yashyizweho na seriveri y'iduka igihe watumizaga.",
    payment: "Kwishyura",
    viewReceipt: "Reba inyemezabwishyu yawe",
    continueShopping: "Komeza guhaha",
    payElsewhere: "Cyangwa wishyurire ku rupapuro rwa Dollr",
    payElsewhereHint:
      "Urupapuro rwa Dollr rwo kwishyura, ukoresheje Mobile Money cyangwa ikarita. Rukugarura hano.",
  },
  sw: {
    language: "Lugha",
    checkout: "Lipia oda",
    order: "Oda",
    yourOrder: "Oda yako",
    orderTotal: "Jumla ya oda",
    amountSetByServer: "Kiasi kiliwekwa na seva ya duka ulipoagiza.",
    payment: "Malipo",
    viewReceipt: "Angalia risiti yako",
    continueShopping: "Endelea kununua",
    payElsewhere: "Au lipa kwenye ukurasa wa Dollr",
    payElsewhereHint: "Ukurasa wa malipo wa Dollr, kwa pesa za simu au kadi. Unakurudisha hapa.",
  },
};

/** The shop's words in the language shown. */
export function useShopWords(): ShopWords {
  return WORDS[useLanguage().code];
}
