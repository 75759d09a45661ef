/**
 * The project annotations every composed story gets: the Storybook preview (MSW loader, the kit's
 * stylesheet, the `locale` / `theme` globals) on top of the React renderer's. Axe is run by the
 * tests themselves, so the a11y addon's annotations are not needed here.
 */
import { setProjectAnnotations } from "@storybook/react-vite";
import preview from "../preview.ts";

setProjectAnnotations([preview]);
