import { describe, expect, it } from "vitest";
import type { Figures } from "../bindings";
import { heatColours, heatValue, SEQUENTIAL, sequentialColour, signedMinus } from "./heat";
import { contrast, luminance } from "./painScale";

function figures(over: Partial<Figures["metrics"]> = {}, weak: Figures["evidence"]["weak"] = [], npsWeak = false): Figures {
  return {
    metrics: { feedbackCount: 0, nps: null, csat: null, ces: null, pain: null, ...over },
    evidence: { n: 0, newest: null, oldest: null, npsCi: null, npsWeak, csatWeak: false, cesWeak: false, weak },
  };
}

describe("sequential scale", () => {
  it("runs from the first stop to the last and gets darker", () => {
    expect(sequentialColour(0)).toBe(SEQUENTIAL[0]);
    expect(sequentialColour(1)).toBe(SEQUENTIAL[SEQUENTIAL.length - 1]);
    expect(sequentialColour(2)).toBe(SEQUENTIAL[SEQUENTIAL.length - 1]);
    let prev = Number.POSITIVE_INFINITY;
    for (let i = 0; i <= 20; i++) {
      const l = luminance(sequentialColour(i / 20));
      expect(l).toBeLessThan(prev);
      prev = l;
    }
  });

  it("keeps the printed number readable", () => {
    for (let i = 0; i <= 10; i++) {
      const c = heatColours({ value: i, text: "", t: i / 10, weak: false });
      expect(contrast(c.background, c.foreground)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe("heatValue", () => {
  it("prints each metric", () => {
    const f = figures({
      pain: { mean: 6.5, max: 9, n: 2 },
      nps: { score: -40, n: 10, promoters: 1, passives: 4, detractors: 5 },
      feedbackCount: 10,
    });
    expect(heatValue(f, "pain", 10)).toMatchObject({ text: "6.5", t: 0.65, weak: false });
    expect(heatValue(f, "max_pain", 10)).toMatchObject({ text: "9", t: 0.9 });
    expect(heatValue(f, "nps", 10)).toMatchObject({ text: "\u221240", t: 0.7 });
    expect(heatValue(f, "feedback", 20)).toMatchObject({ text: "10", t: 0.5 });
  });

  it("shows an en dash for none and marks weak figures", () => {
    expect(heatValue(figures(), "pain", 0)).toMatchObject({ text: "–", value: null });
    expect(heatValue(figures(), "nps", 0).text).toBe("–");
    const weak = figures({ nps: { score: 100, n: 1, promoters: 1, passives: 0, detractors: 0 } }, [], true);
    expect(heatValue(weak, "nps", 0)).toMatchObject({ text: "+100", weak: true });
    expect(heatValue(figures({ feedbackCount: 1 }, ["few_answers"]), "feedback", 1).weak).toBe(true);
  });

  it("signs with a true minus", () => {
    expect(signedMinus(-40)).toBe("\u221240");
    expect(signedMinus(12)).toBe("+12");
    expect(signedMinus(0)).toBe("0");
  });
});
