// The presentation's three walks through a map, built as plain data from the analysis
// (`map_insight`) and the map view, so what a slide says is tested without rendering:
// (1) the top pain points one by one, in the analysis's own ranking; (2) stage by stage,
// with each stage's touchpoints, its place on the emotion and pain curve and its figures;
// (3) the most painful flow path, step by step. Figures always carry their n and the
// evidence its strength in words (lib/evidence.ts, lib/metrics.ts, lib/curve.ts).
import type { Analysis, Evidence, EvidenceRules, MapView, Metrics, MetricsDto, Quote } from "../../bindings";
import { formatEmotion } from "../../lib/curve";
import { evidenceWords, formatNpsWithInterval, isWeak } from "../../lib/evidence";
import { formatCes, formatCsat, plural } from "../../lib/metrics";

export type WalkKind = "painpoints" | "stages" | "path";

/** The walks in the order of the tab strip, with the key that opens each. */
export const WALKS: readonly { kind: WalkKind; key: string; label: string }[] = [
  { kind: "painpoints", key: "P", label: "Pain points" },
  { kind: "stages", key: "S", label: "Stages" },
  { kind: "path", key: "F", label: "Pain path" },
];

/** How many of the ranked pain points the first walk shows. */
export const TOP_PAIN_SLIDES = 10;
/** How many of a stage's touchpoints its slide lists (the rest are counted). */
export const STAGE_TOUCHPOINTS = 12;
/** Quotes longer than this are cut (with an ellipsis) so a slide stays readable. */
export const QUOTE_CHARS = 280;

/** The evidence behind a slide's figures, in words. */
export type EvidenceLine = { weak: boolean; text: string };

/** A quote as a slide shows it: the text, who said it and when. */
export type QuoteLine = { id: string; text: string; source: string; date: string; nps: number | null };

export type PainPointSlide = {
  kind: "painPoint";
  key: string;
  touchpointId: string;
  /** 1 for the worst. */
  rank: number;
  title: string;
  stage: string;
  lane: string;
  pain: number;
  /** NPS (with n and its 95% interval), detractors, CSAT, CES: each with its n. */
  figures: string[];
  evidence: EvidenceLine;
  quotes: QuoteLine[];
};

export type StageTouchpoint = { id: string; title: string; lane: string; pain: number | null };

export type StageSlide = {
  kind: "stage";
  key: string;
  stageId: string;
  /** 1-based position of the stage in the map. */
  position: number;
  stages: number;
  title: string;
  description: string;
  /** Its touchpoints in board order (lane by lane), at most `STAGE_TOUCHPOINTS`. */
  touchpoints: StageTouchpoint[];
  /** How many more touchpoints the stage has than are listed. */
  moreTouchpoints: number;
  /** "Mean emotion +1.5 (n=3)" / "Mean pain 5.3 (n=4)", or what is missing. */
  emotion: string;
  pain: string;
  /** "Most painful of 5 scored stages", "2nd most painful of …", when its pain is scored. */
  painRank: string | null;
  figures: string[];
  evidence: EvidenceLine;
};

export type PathStepSlide = {
  kind: "pathStep";
  key: string;
  touchpointId: string;
  /** 1-based step on the path. */
  step: number;
  steps: number;
  title: string;
  stage: string;
  lane: string;
  pain: number | null;
  /** The pain added up over the steps so far (unscored count 0), and over the whole path. */
  runningPain: number;
  totalPain: number;
  previous: string | null;
  next: string | null;
  figures: string[];
  evidence: EvidenceLine | null;
  /** The step's strongest quotes, when it is one of the ranked pain points. */
  quotes: QuoteLine[];
};

export type Slide = PainPointSlide | StageSlide | PathStepSlide;

export type Walks = Record<WalkKind, Slide[]>;

/** What a walk with no slides says instead. */
export const EMPTY_WALK: Record<WalkKind, string> = {
  painpoints: "No touchpoint has a pain score above 0.",
  stages: "The map has no stages yet.",
  path: "No flow path: link touchpoints with flow links to see one.",
};

/** All three walks of a map. */
export function buildWalks(analysis: Analysis, view: MapView): Walks {
  return {
    painpoints: painPointWalk(analysis),
    stages: stageWalk(analysis, view),
    path: pathWalk(analysis, view),
  };
}

/** The top pain points, worst first, exactly as the analysis ranks them. */
export function painPointWalk(analysis: Analysis, top = TOP_PAIN_SLIDES): PainPointSlide[] {
  return analysis.painPoints.slice(0, top).map((p) => ({
    kind: "painPoint",
    key: `pp-${p.touchpointId}`,
    touchpointId: p.touchpointId,
    rank: p.rank,
    title: p.title,
    stage: p.stage,
    lane: p.lane,
    pain: p.pain,
    figures: figureLines(p.figures.metrics, p.figures.evidence, p.detractorPct),
    evidence: evidenceLine(p.figures.evidence, analysis.rules),
    quotes: p.quotes.map(quoteLine),
  }));
}

/** Every stage in map order, with its touchpoints, curve point and figures. */
export function stageWalk(analysis: Analysis, view: MapView): StageSlide[] {
  const lanes = view.lanes.filter((l) => !l.hidden);
  const curve = new Map(analysis.curve.map((c) => [c.stageId, c]));
  const totals = new Map(analysis.heatmap.stageIds.map((id, i) => [id, analysis.heatmap.stageTotals[i]]));
  const painRanks = painRanking(analysis.curve);
  return view.stages.map((s, i) => {
    const mine = lanes.flatMap((l) =>
      view.touchpoints
        .filter((t) => t.stageId === s.id && t.laneId === l.id)
        .map((t) => ({ id: t.id, title: t.title, lane: l.name, pain: t.pain })),
    );
    const c = curve.get(s.id);
    const total = totals.get(s.id);
    const metrics = total?.metrics ?? s.metrics;
    const rank = painRanks.get(s.id);
    return {
      kind: "stage",
      key: `st-${s.id}`,
      stageId: s.id,
      position: i + 1,
      stages: view.stages.length,
      title: s.name,
      description: s.description,
      touchpoints: mine.slice(0, STAGE_TOUCHPOINTS),
      moreTouchpoints: Math.max(0, mine.length - STAGE_TOUCHPOINTS),
      emotion:
        c === undefined || c.meanEmotion === null ? "No emotion scored" : `Mean emotion ${formatEmotion(c.meanEmotion)} (n=${c.emotionN})`,
      pain: c === undefined || c.meanPain === null ? "No pain scored" : `Mean pain ${c.meanPain.toFixed(1)} (n=${c.painN})`,
      painRank:
        rank === undefined
          ? null
          : `${rank.rank === 1 ? "Most" : `${ordinal(rank.rank)} most`} painful of ${plural(rank.of, "scored stage")}`,
      figures: [plural(metrics.feedbackCount, "feedback item"), ...figureLines(metrics, total?.evidence ?? null, null)],
      evidence: total === undefined ? { weak: true, text: "weak: no analysis" } : evidenceLine(total.evidence, analysis.rules),
    };
  });
}

/** The most painful flow path, one slide per step. */
export function pathWalk(analysis: Analysis, view: MapView): PathStepSlide[] {
  const path = analysis.painPaths[0];
  if (path === undefined) return [];
  const byId = new Map(view.touchpoints.map((t) => [t.id, t]));
  const stageNames = new Map(view.stages.map((s) => [s.id, s.name]));
  const laneNames = new Map(view.lanes.map((l) => [l.id, l.name]));
  const evidence = new Map(analysis.touchpoints.map((t) => [t.id, t.evidence]));
  const quotes = new Map(analysis.painPoints.map((p) => [p.touchpointId, p.quotes]));
  let running = 0;
  return path.steps.map((s, i) => {
    running += s.pain ?? 0;
    const t = byId.get(s.touchpointId);
    const ev = evidence.get(s.touchpointId) ?? null;
    return {
      kind: "pathStep",
      key: `ps-${i}-${s.touchpointId}`,
      touchpointId: s.touchpointId,
      step: i + 1,
      steps: path.steps.length,
      title: s.title,
      stage: t === undefined ? "" : (stageNames.get(t.stageId) ?? ""),
      lane: t === undefined ? "" : (laneNames.get(t.laneId) ?? ""),
      pain: s.pain,
      runningPain: running,
      totalPain: path.totalPain,
      previous: i > 0 ? path.steps[i - 1].title : null,
      next: i + 1 < path.steps.length ? path.steps[i + 1].title : null,
      figures: t === undefined ? [] : [plural(t.metrics.feedbackCount, "feedback item"), ...figureLines(t.metrics, ev, null)],
      evidence: ev === null ? null : evidenceLine(ev, analysis.rules),
      quotes: (quotes.get(s.touchpointId) ?? []).map(quoteLine),
    };
  });
}

/**
 * The figure lines of a slide: NPS with its n and 95% interval ("no NPS answers" when
 * there are none), the share of detractors, CSAT and CES with their n; a figure resting
 * on too few answers says so.
 */
export function figureLines(m: Metrics | MetricsDto, ev: Evidence | null, detractorPct: number | null): string[] {
  const weak = (w: boolean | undefined) => (w ? " · weak" : "");
  const nps = formatNpsWithInterval(m.nps, ev?.npsCi) + (detractorPct === null ? "" : `, ${detractorPct}% detractors`);
  const lines = [m.nps === null ? nps : nps + weak(ev?.npsWeak)];
  const csat = formatCsat(m.csat);
  if (csat !== null) lines.push(csat + weak(ev?.csatWeak));
  const ces = formatCes(m.ces);
  if (ces !== null) lines.push(ces + weak(ev?.cesWeak));
  return lines;
}

/** "✓ strong: 12 answers" / "⚠ weak: 3 answers (fewer than 5); old: …". */
export function evidenceLine(ev: Evidence, rules: EvidenceRules): EvidenceLine {
  const weak = isWeak(ev);
  return { weak, text: `${weak ? "⚠" : "✓"} ${evidenceWords(ev, rules).join("; ")}` };
}

export function quoteLine(q: Quote): QuoteLine {
  const text = q.text.length > QUOTE_CHARS ? `${q.text.slice(0, QUOTE_CHARS - 1).trimEnd()}…` : q.text;
  return { id: q.feedbackId, text, source: q.source === "" ? "unknown source" : q.source, date: q.date ?? "undated", nps: q.nps };
}

/** Each scored stage's rank by mean pain (1 = most painful; ties share a rank). */
function painRanking(curve: Analysis["curve"]): Map<string, { rank: number; of: number }> {
  const scored = curve.filter((c) => c.meanPain !== null) as (Analysis["curve"][number] & { meanPain: number })[];
  return new Map(scored.map((c) => [c.stageId, { rank: 1 + scored.filter((o) => o.meanPain > c.meanPain).length, of: scored.length }]));
}

/** "1st", "2nd", "3rd", "4th", "11th", "22nd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = ["th", "st", "nd", "rd"][n % 10] ?? "th";
  return `${n}${suffix}`;
}
