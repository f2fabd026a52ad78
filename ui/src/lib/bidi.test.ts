import { describe, expect, it } from "vitest";
import { isolate } from "./bidi";

const FSI = "\u2068";
const PDI = "\u2069";

describe("isolate", () => {
  it("wraps a value in FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE", () => {
    expect(isolate("a\u202Eb")).toBe("\u2068a\u202Eb\u2069");
    expect(isolate("Invoice \u202Egnp.exe")).toBe(`${FSI}Invoice \u202Egnp.exe${PDI}`);
    expect(isolate("")).toBe(`${FSI}${PDI}`);
  });

  it("leaves overrides, embeddings, marks and PDFs inside the value as they are", () => {
    // The closing PDI ends what they open; a PDF cannot pop past the isolate.
    const controls = "\u202A\u202B\u202C\u202D\u202E\u200E\u200F\u061C";
    expect(isolate(`x${controls}y`)).toBe(`${FSI}x${controls}y${PDI}`);
  });

  it("drops a PDI that would close the isolate early", () => {
    expect(isolate("a\u2069\u202Eb")).toBe(`${FSI}a\u202Eb${PDI}`);
    // A PDI closing the value's own isolate stays.
    expect(isolate("a\u2067b\u2069c\u2069")).toBe(`${FSI}a\u2067b\u2069c${PDI}`);
  });

  it("closes isolates the value leaves open, so the last PDI is ours", () => {
    expect(isolate("a\u2066b\u2068c")).toBe(`${FSI}a\u2066b\u2068c${PDI}${PDI}${PDI}`);
  });

  it("turns paragraph separators into spaces, since a new paragraph would end the isolate", () => {
    expect(isolate("a\n\u202Eb\r\nc\u2029d\u0085e")).toBe(`${FSI}a \u202Eb  c d e${PDI}`);
  });
});
