// Text for the metrics the backend computes. A metric that is null (no answers) shows
// nothing; a figure is always followed by its n.
import type { NpsDto, PainDto, ScaleDto } from "../bindings";

/** A whole number with an explicit sign: "+33", "-20", "0". */
export function signed(value: number): string {
  const rounded = Math.round(value);
  if (rounded > 0) return `+${rounded}`;
  if (rounded < 0) return `-${Math.abs(rounded)}`;
  return "0";
}

/** "NPS +33 (n=3)", or null when there is no NPS. */
export function formatNps(nps: NpsDto | null | undefined): string | null {
  if (!nps) return null;
  return `NPS ${signed(nps.score)} (n=${nps.n})`;
}

/** "pain 5.3 (n=4)", or null when nothing is scored. */
export function formatPain(pain: PainDto | null | undefined): string | null {
  if (!pain) return null;
  return `pain ${pain.mean.toFixed(1)} (n=${pain.n})`;
}

/** "CSAT 4.2 · 80% satisfied (n=5)", or null when there are no answers. */
export function formatCsat(csat: ScaleDto | null | undefined): string | null {
  if (!csat) return null;
  return `CSAT ${csat.mean.toFixed(1)} · ${csat.topPct}% satisfied (n=${csat.n})`;
}

/** "CES 5.5 · 67% easy (n=3)", or null when there are no answers. */
export function formatCes(ces: ScaleDto | null | undefined): string | null {
  if (!ces) return null;
  return `CES ${ces.mean.toFixed(1)} · ${ces.topPct}% easy (n=${ces.n})`;
}

/** "2 promoters, 1 passive, 0 detractors". */
export function formatNpsBreakdown(nps: NpsDto): string {
  return [plural(nps.promoters, "promoter"), plural(nps.passives, "passive"), plural(nps.detractors, "detractor")].join(", ");
}

/** "1 item", "3 items". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
