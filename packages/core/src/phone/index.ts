/** Phone numbers as people in Dollr's markets write them. */
export * from "./format.ts";
export * from "./markets.ts";
export * from "./parse.ts";
