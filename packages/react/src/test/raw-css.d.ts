// The stylesheet as text (Vite's `?raw`), for the Storybook tokens page. A narrow pattern, so it
// never clashes with vite/client's `*?raw` where those types are loaded.
declare module "*/styles.css?raw" {
  const css: string;
  export default css;
}

declare module "*/shadcn-tokens.css?raw" {
  const css: string;
  export default css;
}
