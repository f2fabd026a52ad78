// Words for how far a figure can be trusted: weak figures are marked in text (never by
// colour alone), with the reason, and NPS comes with its 95% interval.
import type { Evidence, EvidenceRules, NpsDto, NpsInterval } from "../bindings";
import { plural, signed } from "./metrics";

/** The default rules the backend applies (used before an analysis has arrived). */
export const DEFAULT_MIN_N = 5;

/**
 * The 95% interval of an NPS by the adjusted-Wald method (as the backend computes it):
 * add 3 answers to n and 3/4 to each of promoters and detractors, then ± 1.96 standard
 * errors, clamped to −100..+100 and rounded outwards.
 */
export function npsInterval(nps: Pick<NpsDto, "n" | "promoters" | "detractors">): NpsInterval {
  const n = nps.n + 3;
  const pro = (nps.promoters + 0.75) / n;
  const det = (nps.detractors + 0.75) / n;
  const centre = pro - det;
  const margin = 1.96 * Math.sqrt(Math.max(0, (pro + det - centre * centre) / n));
  return {
    low: Math.max(-100, Math.floor((centre - margin) * 100)),
    high: Math.min(100, Math.ceil((centre + margin) * 100)),
  };
}

/** "95% CI -62 to -13". */
export function formatInterval(ci: NpsInterval): string {
  return `95% CI ${signed(ci.low)} to ${signed(ci.high)}`;
}

/** "NPS -40 (n=40, 95% CI -62 to -13)", or "no NPS answers". */
export function formatNpsWithInterval(nps: NpsDto | null, ci?: NpsInterval | null): string {
  if (nps === null) return "no NPS answers";
  return `NPS ${signed(nps.score)} (n=${nps.n}, ${formatInterval(ci ?? npsInterval(nps))})`;
}

/** Whether an NPS rests on too few answers to be trusted. */
export function npsIsWeak(nps: Pick<NpsDto, "n"> | null, minN = DEFAULT_MIN_N): boolean {
  return nps !== null && nps.n < minN;
}

/**
 * The evidence in words: each weak reason ("weak: 3 answers", "old: newest 2026-04-12",
 * "weak: no feedback"), or, when it is strong, "strong: 12 answers".
 */
export function evidenceWords(e: Evidence, rules?: Pick<EvidenceRules, "minN" | "maxAgeDays">): string[] {
  if (e.weak.length === 0) return [`strong: ${plural(e.n, "answer")}`];
  return e.weak.map((w) => {
    if (w === "no_evidence") return "weak: no feedback";
    if (w === "few_answers") return `weak: ${plural(e.n, "answer")}${rules ? ` (fewer than ${rules.minN})` : ""}`;
    return `old: newest ${e.newest ?? "undated"}${rules ? ` (over ${rules.maxAgeDays} days)` : ""}`;
  });
}

/** Whether the evidence is weak for any reason. */
export function isWeak(e: Evidence): boolean {
  return e.weak.length > 0;
}
