// Load a browser module in Node: `const { Live } = await browser("live.js")`.
// Dynamic imports, so that the hooks registered here apply to them (static
// imports are resolved before any module runs).
import { register } from "node:module";

register("./hooks.js", import.meta.url);

// What the pure code touches of the browser: a frame is the next turn of the loop.
globalThis.requestAnimationFrame ??= (fn) => setImmediate(fn);

export const browser = (path) => import(new URL(`../../static/js/${path}`, import.meta.url).href);

/** Wait for the batched `change` (requestAnimationFrame) to have fired. */
export const frame = () => new Promise((done) => setImmediate(done));
