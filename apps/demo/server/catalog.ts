/**
 * The shop's catalog. Prices live here, on the server: the browser only says which products and
 * how many, and the order (with its amount) is made on the server.
 */

export interface Product {
  id: string;
  name: string;
  description: string;
  /** Unit price, major units, as a decimal string. */
  price: string;
  currency: "USD";
}

export const CATALOG: readonly Product[] = Object.freeze([
  {
    id: "coffee",
    name: "Nimba coffee, 250 g",
    description: "Medium roast from the Nimba highlands, ground for a French press.",
    price: "9.50",
    currency: "USD",
  },
  {
    id: "tea",
    name: "Rwandan green tea",
    description: "Loose-leaf tea from the hills of Rubaya, 100 g tin.",
    price: "6.00",
    currency: "USD",
  },
  {
    id: "basket",
    name: "Agaseke basket",
    description: "A hand-woven lidded basket in sisal and sweetgrass.",
    price: "24.00",
    currency: "USD",
  },
  {
    id: "scarf",
    name: "Country-cloth scarf",
    description: "Hand-loomed cotton, indigo and white stripes.",
    price: "18.25",
    currency: "USD",
  },
]);

export function findProduct(id: string): Product | undefined {
  return CATALOG.find((product) => product.id === id);
}

/** "9.50" → 950n. Throws on anything but a plain decimal with at most two places. */
export function toCents(amount: string): bigint {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) throw new Error(`Not a price: ${amount}`);
  return BigInt(match[1] ?? "0") * 100n + BigInt((match[2] ?? "").padEnd(2, "0"));
}

/** 950n → "9.50". */
export function fromCents(cents: bigint): string {
  const whole = cents / 100n;
  const part = (cents % 100n).toString().padStart(2, "0");
  return `${whole}.${part}`;
}
