import { describe, expect, it } from "vitest";
import { digitJump } from "./keys";
import { manyPainPoints, workshopAnalysis, workshopView } from "./testSample";
import { buildWalks, ordinal, painPointWalk, pathWalk, QUOTE_CHARS, quoteLine, stageWalk, TOP_PAIN_SLIDES } from "./walks";

describe("the pain point walk", () => {
  it("shows the ranked pain points in the analysis's order, with figures, evidence and quotes", () => {
    const slides = painPointWalk(workshopAnalysis());
    expect(slides.map((s) => [s.rank, s.title, s.stage, s.lane, s.pain])).toEqual([
      [1, "Checkout", "Buy", "Customer", 8],
      [2, "Onboarding", "Use", "Support", 5],
      [3, "Ad", "Discover", "Customer", 2],
    ]);
    const first = slides[0];
    expect(first.figures).toEqual(["NPS -33 (n=3, 95% CI -80 to +30), 33% detractors · weak", "CSAT 2.5 · 20% satisfied (n=5)"]);
    expect(first.evidence).toEqual({ weak: true, text: "⚠ weak: 3 answers (fewer than 5); old: newest 2026-04-12 (over 180 days)" });
    expect(first.quotes).toEqual([
      { id: "fb_1", text: "<b>Too slow</b>", source: "Survey", date: "2026-04-12", nps: 3 },
      { id: "fb_2", text: "Card refused twice", source: "unknown source", date: "undated", nps: null },
    ]);
    expect(slides[1].figures).toEqual(["no NPS answers"]);
    expect(slides[1].evidence).toEqual({ weak: false, text: "✓ strong: 12 answers" });
  });

  it("never re-sorts: the backend's ranking is the order, cut at the top ones", () => {
    const a = workshopAnalysis();
    a.painPoints.reverse();
    expect(painPointWalk(a).map((s) => s.touchpointId)).toEqual(["tp_1", "tp_3", "tp_2"]);
    expect(painPointWalk(manyPainPoints(25))).toHaveLength(TOP_PAIN_SLIDES);
    expect(painPointWalk(manyPainPoints(25))[2].title).toBe("Pain point 3");
  });

  it("cuts a long quote", () => {
    const q = quoteLine({ feedbackId: "fb", kind: "quote", text: "word ".repeat(100), source: "Call", date: "2026-01-02", nps: null });
    expect(q.text.length).toBeLessThanOrEqual(QUOTE_CHARS);
    expect(q.text.endsWith("…")).toBe(true);
  });
});

describe("the stage walk", () => {
  it("goes through the stages in map order with their touchpoints (lane by lane, hidden lanes left out), curve and figures", () => {
    const slides = stageWalk(workshopAnalysis(), workshopView());
    expect(slides.map((s) => [s.position, s.stages, s.title])).toEqual([
      [1, 3, "Discover"],
      [2, 3, "Buy"],
      [3, 3, "Use"],
    ]);
    expect(slides[0].description).toBe("Finding us");
    expect(slides[1].touchpoints).toEqual([{ id: "tp_2", title: "Checkout", lane: "Customer", pain: 8 }]);
    expect(slides[2].touchpoints.map((t) => [t.title, t.lane])).toEqual([
      ["Help page", "Customer"],
      ["Onboarding", "Support"],
    ]);
    expect([slides[1].emotion, slides[1].pain, slides[1].painRank]).toEqual([
      "Mean emotion \u22122.0 (n=1)",
      "Mean pain 4.5 (n=2)",
      "2nd most painful of 3 scored stages",
    ]);
    expect([slides[2].emotion, slides[2].painRank]).toEqual(["No emotion scored", "Most painful of 3 scored stages"]);
    expect(slides[1].figures).toEqual(["4 feedback items", "NPS -25 (n=4, 95% CI -70 to +25) · weak"]);
    expect(slides[1].evidence.text).toBe("⚠ weak: 4 answers (fewer than 5)");
  });

  it("lists at most twelve touchpoints and counts the rest", () => {
    const v = workshopView();
    v.touchpoints = Array.from({ length: 15 }, (_, i) => ({ ...v.touchpoints[0], id: `tp_x${i}`, title: `T${i}` }));
    const [discover] = stageWalk(workshopAnalysis(v), v);
    expect(discover.touchpoints).toHaveLength(12);
    expect(discover.moreTouchpoints).toBe(3);
  });
});

describe("the pain path walk", () => {
  it("goes step by step with the running pain, where each step is and its neighbours", () => {
    const slides = pathWalk(workshopAnalysis(), workshopView());
    expect(slides.map((s) => [s.step, s.steps, s.title, s.stage, s.lane, s.pain, s.runningPain, s.totalPain])).toEqual([
      [1, 3, "Ad", "Discover", "Customer", 2, 2, 15],
      [2, 3, "Checkout", "Buy", "Customer", 8, 10, 15],
      [3, 3, "Onboarding", "Use", "Support", 5, 15, 15],
    ]);
    expect([slides[0].previous, slides[0].next]).toEqual([null, "Checkout"]);
    expect([slides[2].previous, slides[2].next]).toEqual(["Checkout", null]);
    // The step's own figures and evidence, and its quotes when it is a ranked pain point.
    expect(slides[1].figures).toEqual(["3 feedback items", "NPS -33 (n=3, 95% CI -80 to +30) · weak", "CSAT 2.5 · 20% satisfied (n=5)"]);
    expect(slides[1].evidence?.weak).toBe(true);
    expect(slides[1].quotes.map((q) => q.id)).toEqual(["fb_1", "fb_2"]);
    expect(slides[0].quotes).toEqual([]);
  });

  it("is empty without a flow path", () => {
    const a = workshopAnalysis();
    a.painPaths = [];
    expect(pathWalk(a, workshopView())).toEqual([]);
    expect(buildWalks(a, workshopView()).path).toEqual([]);
  });
});

describe("helpers", () => {
  it.each([
    [1, "1st"],
    [2, "2nd"],
    [3, "3rd"],
    [4, "4th"],
    [11, "11th"],
    [12, "12th"],
    [21, "21st"],
    [22, "22nd"],
    [113, "113th"],
  ])("ordinal(%i) = %s", (n, text) => expect(ordinal(n)).toBe(text));

  it("joins digits typed quickly into one item number, and falls back to the last digit", () => {
    const one = digitJump(null, "1", 0, 12);
    expect(one.index).toBe(0);
    const twelve = digitJump(one.buffer, "2", 300, 12);
    expect(twelve.index).toBe(11);
    // 123 is not an item: the 3 alone is.
    expect(digitJump(twelve.buffer, "3", 500, 12).index).toBe(2);
    // Too late to join: the 2 alone.
    expect(digitJump(one.buffer, "2", 5000, 12).index).toBe(1);
    // 10 after a 1; a lone 0 goes nowhere; nor does a number past the end.
    expect(digitJump(one.buffer, "0", 200, 12).index).toBe(9);
    expect(digitJump(null, "0", 0, 12).index).toBeNull();
    expect(digitJump(null, "7", 0, 3).index).toBeNull();
  });
});
