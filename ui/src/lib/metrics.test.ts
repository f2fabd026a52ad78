import { describe, expect, it } from "vitest";
import { formatCes, formatCsat, formatNps, formatNpsBreakdown, formatPain, signed } from "./metrics";

const nps = (score: number, n: number) => ({ score, n, promoters: 2, passives: 0, detractors: 1 });

describe("formatNps", () => {
  it("writes the score with its sign and n", () => {
    expect(formatNps(nps(33, 3))).toBe("NPS +33 (n=3)");
    expect(formatNps(nps(-20, 5))).toBe("NPS -20 (n=5)");
    expect(formatNps(nps(0, 2))).toBe("NPS 0 (n=2)");
  });

  it("gives nothing for a missing NPS", () => {
    expect(formatNps(null)).toBeNull();
    expect(formatNps(undefined)).toBeNull();
  });

  it("breaks an NPS down by answer group", () => {
    expect(formatNpsBreakdown(nps(33, 3))).toBe("2 promoters, 0 passives, 1 detractor");
  });
});

describe("other metrics", () => {
  it("formats pain with one decimal and n", () => {
    expect(formatPain({ mean: 5.33, max: 8, n: 4 })).toBe("pain 5.3 (n=4)");
    expect(formatPain({ mean: 5, max: 5, n: 1 })).toBe("pain 5.0 (n=1)");
    expect(formatPain(null)).toBeNull();
  });

  it("formats CSAT and CES with their top share", () => {
    expect(formatCsat({ mean: 4.25, topPct: 80, n: 5 })).toBe("CSAT 4.3 · 80% satisfied (n=5)");
    expect(formatCes({ mean: 5.5, topPct: 67, n: 3 })).toBe("CES 5.5 · 67% easy (n=3)");
    expect(formatCsat(null)).toBeNull();
    expect(formatCes(null)).toBeNull();
  });

  it("rounds and signs whole numbers", () => {
    expect(signed(12.6)).toBe("+13");
    expect(signed(-0.4)).toBe("0");
    expect(signed(-7)).toBe("-7");
  });
});
