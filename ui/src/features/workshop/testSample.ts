// A small map and its analysis for the presentation's tests: three stages, two visible
// lanes and a hidden one, three ranked pain points with quotes, a three-step pain path.
import type { Analysis, MapView, PainPointInsight } from "../../bindings";
import { analysis, figures, lane, link, stage, tp, view } from "../../lib/testData";

export function workshopView(): MapView {
  return view({
    map: { ...view().map, name: "Checkout journey" },
    stages: [
      stage("st_a", { name: "Discover", description: "Finding us" }),
      stage("st_b", { name: "Buy" }),
      stage("st_c", { name: "Use" }),
    ],
    lanes: [lane("ln_1", { name: "Customer" }), lane("ln_2", { name: "Support" }), lane("ln_h", { name: "Hidden", hidden: true })],
    touchpoints: [
      tp("tp_1", "st_a", "ln_1", { title: "Ad", pain: 2, emotion: 1 }),
      tp("tp_5", "st_b", "ln_h", { title: "Back office", pain: 1 }),
      tp("tp_3", "st_c", "ln_2", { title: "Onboarding", pain: 5 }),
      tp("tp_2", "st_b", "ln_1", {
        title: "Checkout",
        pain: 8,
        emotion: -2,
        metrics: {
          feedbackCount: 3,
          nps: { score: -33, n: 3, promoters: 0, passives: 2, detractors: 1 },
          csat: { mean: 2.5, topPct: 20, n: 5 },
          ces: null,
          pain: { mean: 8, max: 8, n: 1 },
        },
      }),
      tp("tp_4", "st_c", "ln_1", { title: "Help page" }),
    ],
    links: [link("lk_1", "tp_1", "tp_2"), link("lk_2", "tp_2", "tp_3")],
  });
}

function painPoint(rank: number, touchpointId: string, title: string, stage: string, laneName: string, pain: number): PainPointInsight {
  return { rank, touchpointId, title, stage, lane: laneName, pain, figures: figures({}, { n: 12 }), detractorPct: null, quotes: [] };
}

export function workshopAnalysis(v: MapView = workshopView()): Analysis {
  const a = analysis(v);
  a.painPoints = [
    {
      ...painPoint(1, "tp_2", "Checkout", "Buy", "Customer", 8),
      figures: figures(
        {
          feedbackCount: 3,
          nps: { score: -33, n: 3, promoters: 0, passives: 2, detractors: 1 },
          csat: { mean: 2.5, topPct: 20, n: 5 },
        },
        { n: 3, newest: "2026-04-12", npsCi: { low: -80, high: 30 }, npsWeak: true, weak: ["few_answers", "old"] },
      ),
      detractorPct: 33,
      quotes: [
        { feedbackId: "fb_1", kind: "quote", text: "<b>Too slow</b>", source: "Survey", date: "2026-04-12", nps: 3 },
        { feedbackId: "fb_2", kind: "review", text: "Card refused twice", source: "", date: null, nps: null },
      ],
    },
    painPoint(2, "tp_3", "Onboarding", "Use", "Support", 5),
    painPoint(3, "tp_1", "Ad", "Discover", "Customer", 2),
  ];
  a.painRanking = ["tp_2", "tp_3", "tp_1", "tp_5"];
  a.painPaths = [
    {
      rank: 1,
      totalPain: 15,
      unscored: [],
      steps: [
        { touchpointId: "tp_1", title: "Ad", pain: 2 },
        { touchpointId: "tp_2", title: "Checkout", pain: 8 },
        { touchpointId: "tp_3", title: "Onboarding", pain: 5 },
      ],
    },
  ];
  a.curve = [
    { stageId: "st_a", stage: "Discover", meanEmotion: 1, emotionN: 1, meanPain: 2, painN: 1 },
    { stageId: "st_b", stage: "Buy", meanEmotion: -2, emotionN: 1, meanPain: 4.5, painN: 2 },
    { stageId: "st_c", stage: "Use", meanEmotion: null, emotionN: 0, meanPain: 5, painN: 1 },
  ];
  a.heatmap.stageTotals[1] = figures(
    { feedbackCount: 4, nps: { score: -25, n: 4, promoters: 0, passives: 3, detractors: 1 }, pain: { mean: 4.5, max: 8, n: 2 } },
    { n: 4, npsCi: { low: -70, high: 25 }, npsWeak: true, weak: ["few_answers"] },
  );
  a.touchpoints = a.touchpoints.map((t) =>
    t.id === "tp_2" ? { ...t, evidence: { ...t.evidence, n: 3, npsCi: { low: -80, high: 30 }, npsWeak: true, weak: ["few_answers"] } } : t,
  );
  return a;
}

/** An analysis with `n` ranked pain points (for the progress and the number keys). */
export function manyPainPoints(n: number, v: MapView = workshopView()): Analysis {
  const a = workshopAnalysis(v);
  a.painPoints = Array.from({ length: n }, (_, i) =>
    painPoint(i + 1, `tp_${i + 1}`, `Pain point ${i + 1}`, "Buy", "Customer", 10 - (i % 10)),
  );
  return a;
}
