import { describe, expect, it } from "vitest";
import { contrast, luminance, painColours, painLabel, painLegend, UNSCORED } from "./painScale";

describe("painColours", () => {
  it("gives eleven distinct colours for 0..10", () => {
    const colours = Array.from({ length: 11 }, (_, p) => painColours(p).background);
    expect(new Set(colours).size).toBe(11);
    expect(colours).not.toContain(UNSCORED.background);
  });

  it("gets darker as pain rises (sequential)", () => {
    for (let p = 1; p <= 10; p++) {
      expect(luminance(painColours(p).background)).toBeLessThan(luminance(painColours(p - 1).background));
    }
  });

  it("keeps the number readable on every step", () => {
    for (let p = 0; p <= 10; p++) {
      const c = painColours(p);
      expect(contrast(c.background, c.foreground)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("uses the neutral colours when unscored or out of range", () => {
    expect(painColours(null)).toEqual(UNSCORED);
    expect(painColours(11)).toEqual(UNSCORED);
    expect(painColours(-1)).toEqual(UNSCORED);
  });
});

describe("painLabel", () => {
  it("shows the number, or an en dash when unscored", () => {
    expect(painLabel(0)).toBe("0");
    expect(painLabel(7)).toBe("7");
    expect(painLabel(null)).toBe("–");
  });
});

describe("pain legend", () => {
  it("lists 0..10 with 10 the darkest, so high pain is the most salient", () => {
    const legend = painLegend();
    expect(legend.map((x) => x.pain)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const lum = legend.map((x) => luminance(x.colours.background));
    expect(Math.max(...lum)).toBe(lum[0]);
    expect(Math.min(...lum)).toBe(lum[10]);
  });
});
