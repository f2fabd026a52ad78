// Bidi isolation for user text placed inside strings (aria-label, title, status and
// confirm messages). Rendered user text goes in a <bdi> element instead; a string has no
// element, so the value is wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE.
// Either way, a value holding U+202E RIGHT-TO-LEFT OVERRIDE (or any other bidi control)
// reorders only itself, never the words around it.
//
// Why FSI…PDI is enough (UAX #9, X5c/X6a/X7): the closing PDI pops every embedding and
// override opened after its FSI, so an unterminated RLE/LRE/RLO/LRO inside the value ends
// at the PDI; and a PDF inside the value cannot pop past the isolate. What could still
// break out is handled here, without changing what the value shows on its own:
// - a stray PDI would match our FSI and end the isolate early: it is dropped (alone it
//   matches nothing and does nothing);
// - an unclosed LRI/RLI/FSI would take our PDI for itself: it gets its own PDI;
// - a paragraph separator (bidi class B: newline, U+2029…) ends the paragraph and the
//   isolate with it, so an override after it would run into the text that follows: it
//   becomes a space (what a newline shows as in these one-line strings anyway).

const FSI = "\u2068";
const PDI = "\u2069";
/** The characters of bidi class B (paragraph separators). */
const PARAGRAPH = new Set(["\n", "\r", "\u001c", "\u001d", "\u001e", "\u0085", "\u2029"]);
/** Isolate marks (LRI, RLI, FSI, PDI) and paragraph separators: the characters to rewrite. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+001C–U+001E are paragraph separators (class B) in UAX #9.
const SPECIAL = /[\u2066-\u2069\n\r\u001c-\u001e\u0085\u2029]/;

/** `s` between FSI and PDI, rewritten as above so that nothing in it leaks past them. */
export function isolate(s: string): string {
  return FSI + (SPECIAL.test(s) ? balanced(s) : s) + PDI;
}

function balanced(s: string): string {
  let out = "";
  let open = 0;
  for (const ch of s) {
    if (ch === PDI) {
      if (open === 0) continue;
      open--;
    } else if (ch >= "\u2066" && ch <= "\u2068") {
      open++;
    } else if (PARAGRAPH.has(ch)) {
      out += " ";
      continue;
    }
    out += ch;
  }
  return out + PDI.repeat(open);
}
