import { describe, expect, it } from "vitest";
import type { Evidence } from "../bindings";
import { evidenceWords, formatNpsWithInterval, npsInterval, npsIsWeak } from "./evidence";

function ev(over: Partial<Evidence> = {}): Evidence {
  return {
    n: 12,
    newest: "2026-04-12",
    oldest: "2026-01-01",
    npsCi: null,
    npsWeak: false,
    csatWeak: false,
    cesWeak: false,
    weak: [],
    ...over,
  };
}

describe("npsInterval", () => {
  it("matches the backend's adjusted Wald answers", () => {
    expect(npsInterval({ n: 1, promoters: 0, detractors: 1 })).toEqual({ low: -99, high: 49 });
    expect(npsInterval({ n: 40, promoters: 8, detractors: 24 })).toEqual({ low: -62, high: -13 });
    const all = npsInterval({ n: 200, promoters: 200, detractors: 0 });
    expect(all.high).toBeLessThanOrEqual(100);
    expect(all.low).toBeGreaterThan(90);
  });
});

describe("evidence words", () => {
  it("says why a figure is weak, in words", () => {
    expect(evidenceWords(ev({ n: 3, weak: ["few_answers"] }))).toEqual(["weak: 3 answers"]);
    expect(evidenceWords(ev({ n: 1, weak: ["few_answers", "old"] }), { minN: 5, maxAgeDays: 180 })).toEqual([
      "weak: 1 answer (fewer than 5)",
      "old: newest 2026-04-12 (over 180 days)",
    ]);
    expect(evidenceWords(ev({ n: 0, newest: null, weak: ["no_evidence"] }))).toEqual(["weak: no feedback"]);
    expect(evidenceWords(ev())).toEqual(["strong: 12 answers"]);
  });

  it("formats NPS with n and interval", () => {
    expect(formatNpsWithInterval({ score: -40, n: 40, promoters: 8, passives: 8, detractors: 24 })).toBe(
      "NPS -40 (n=40, 95% CI -62 to -13)",
    );
    expect(formatNpsWithInterval(null)).toBe("no NPS answers");
  });

  it("marks an NPS of one answer weak and one of forty not", () => {
    expect(npsIsWeak({ n: 1 })).toBe(true);
    expect(npsIsWeak({ n: 40 })).toBe(false);
    expect(npsIsWeak(null)).toBe(false);
  });
});
