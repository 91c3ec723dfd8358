// Mermaid's own parser under node: `node parse.mjs FILE…` parses each file as one
// diagram and prints `ok TYPE FILE` or `error FILE: message`; exits 1 when any
// diagram fails (or is not a journey with --journey), 2 when the setup is broken.
// Used by cjm's tests to prove every Mermaid export parses.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

// Mermaid and DOMPurify expect a browser; jsdom gives them enough of one to parse.
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const k of ["Element", "HTMLElement", "Node", "DocumentFragment", "DOMParser", "navigator"]) {
  if (!(k in globalThis)) {
    Object.defineProperty(globalThis, k, { value: dom.window[k], configurable: true, writable: true });
  }
}

let mermaid;
try {
  mermaid = (await import("mermaid")).default;
  mermaid.initialize({ startOnLoad: false });
} catch (e) {
  console.error(`setup: cannot load mermaid: ${e?.stack ?? e}`);
  process.exit(2);
}

const args = process.argv.slice(2);
const journeyOnly = args.includes("--journey");
const files = args.filter((a) => a !== "--journey");
let failed = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  try {
    const r = await mermaid.parse(text);
    if (journeyOnly && r?.diagramType !== "journey") {
      failed++;
      console.log(`error ${file}: parsed as ${r?.diagramType}, not journey`);
    } else {
      console.log(`ok ${r?.diagramType} ${file}`);
    }
  } catch (e) {
    failed++;
    console.log(`error ${file}: ${String(e?.message ?? e).replace(/\n/g, "\\n")}`);
  }
}
process.exit(failed ? 1 : 0);
