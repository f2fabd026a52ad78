// The heatmap's figures and colours. One colour-blind-safe sequential scale (ColorBrewer
// OrRd: pale cream to dark red), so "worse" is always darker and more salient; the number
// is printed in every cell, and weak cells are marked with "*" as well as hatched.
import type { Figures } from "../bindings";
import { readableOn } from "./painScale";

export type HeatMetric = "pain" | "max_pain" | "nps" | "feedback";

export const HEAT_METRICS: readonly { value: HeatMetric; label: string; legend: string }[] = [
  { value: "pain", label: "Mean pain", legend: "mean pain 0–10 (10 = worst)" },
  { value: "max_pain", label: "Max pain", legend: "highest pain 0–10 (10 = worst)" },
  { value: "nps", label: "NPS", legend: "NPS −100 to +100 (darker = lower, worse)" },
  { value: "feedback", label: "Feedback count", legend: "feedback items (darker = more)" },
];

/** ColorBrewer OrRd, 9 classes: sequential, safe for the common colour-vision deficiencies. */
export const SEQUENTIAL = ["#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#b30000", "#7f0000"] as const;

/** The scale's colour at t (0..1, clamped), interpolated between its stops. */
export function sequentialColour(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (SEQUENTIAL.length - 1);
  const i = Math.min(SEQUENTIAL.length - 2, Math.floor(x));
  const f = x - i;
  const a = rgb(SEQUENTIAL[i]);
  const b = rgb(SEQUENTIAL[i + 1]);
  return hex(a.map((c, k) => Math.round(c + (b[k] - c) * f)) as [number, number, number]);
}

export type HeatValue = {
  /** The figure, or null when the cell has none. */
  value: number | null;
  /** The text printed in the cell: "6.5", "−40", "12", or "–" for none. */
  text: string;
  /** Where it sits on the colour scale (0..1, 1 = worst or most). */
  t: number;
  /** Whether the figure rests on weak evidence. */
  weak: boolean;
};

/** "+20", "−40" (a true minus sign), "0". */
export function signedMinus(value: number): string {
  const r = Math.round(value);
  if (r > 0) return `+${r}`;
  if (r < 0) return `\u2212${Math.abs(r)}`;
  return "0";
}

/** The figure a cell shows for a metric; `maxFeedback` scales the feedback counts. */
export function heatValue(f: Figures, metric: HeatMetric, maxFeedback: number): HeatValue {
  const m = f.metrics;
  const weakAny = f.evidence.weak.length > 0;
  switch (metric) {
    case "pain":
      return m.pain === null ? none() : { value: m.pain.mean, text: m.pain.mean.toFixed(1), t: m.pain.mean / 10, weak: weakAny };
    case "max_pain":
      return m.pain === null ? none() : { value: m.pain.max, text: String(m.pain.max), t: m.pain.max / 10, weak: weakAny };
    case "nps":
      return m.nps === null
        ? none()
        : { value: m.nps.score, text: signedMinus(m.nps.score), t: (100 - m.nps.score) / 200, weak: f.evidence.npsWeak || weakAny };
    case "feedback":
      return {
        value: m.feedbackCount,
        text: String(m.feedbackCount),
        t: maxFeedback > 0 ? m.feedbackCount / maxFeedback : 0,
        weak: weakAny,
      };
  }
}

/** Background and text colours for a value (a neutral grey for none). */
export function heatColours(v: HeatValue): { background: string; foreground: string } {
  if (v.value === null) return { background: "#f0f0f0", foreground: "#333333" };
  const background = sequentialColour(v.t);
  return { background, foreground: readableOn(background) };
}

function none(): HeatValue {
  return { value: null, text: "–", t: 0, weak: false };
}

function rgb(h: string): [number, number, number] {
  const n = parseInt(h.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex(c: [number, number, number]): string {
  return `#${c.map((x) => x.toString(16).padStart(2, "0")).join("")}`;
}
