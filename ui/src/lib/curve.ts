// The emotion and pain curve under the stage headers: the mean per stage (of the
// touchpoints that have one) with its n, and the chart's geometry for columns of any width.
import type { StageDto, TouchpointDto } from "../bindings";

export type CurveStage = { stageId: string; meanEmotion: number | null; emotionN: number; meanPain: number | null; painN: number };

/** Mean emotion (−2..+2) and mean pain (0..10) per stage, two decimals, with n. */
export function stageCurve(stages: readonly StageDto[], touchpoints: readonly TouchpointDto[]): CurveStage[] {
  const acc = new Map(stages.map((s) => [s.id, { e: 0, en: 0, p: 0, pn: 0 }]));
  for (const t of touchpoints) {
    const a = acc.get(t.stageId);
    if (a === undefined) continue;
    if (t.emotion !== null) {
      a.e += t.emotion;
      a.en += 1;
    }
    if (t.pain !== null) {
      a.p += t.pain;
      a.pn += 1;
    }
  }
  return stages.map((s) => {
    const a = acc.get(s.id) ?? { e: 0, en: 0, p: 0, pn: 0 };
    return {
      stageId: s.id,
      meanEmotion: a.en > 0 ? round2(a.e / a.en) : null,
      emotionN: a.en,
      meanPain: a.pn > 0 ? round2(a.p / a.pn) : null,
      painN: a.pn,
    };
  });
}

export type Column = { x: number; width: number };
export type CurvePointXY = { stageId: string; x: number; y: number; value: number; n: number };
export type CurveGeometry = { emotion: CurvePointXY[]; pain: CurvePointXY[]; emotionLine: string; painLine: string };

/** Vertical room above and below the plotted band, for the labels. */
export const CURVE_PAD = 14;

/**
 * Points at the centre of each stage's column: emotion on −2 (bottom) … +2 (top), pain
 * on 0 (top) … 10 (bottom), so both read "down is worse". Stages without a value are
 * left out of their line.
 */
export function curveGeometry(curve: readonly CurveStage[], columns: readonly Column[], height: number): CurveGeometry {
  const band = Math.max(1, height - 2 * CURVE_PAD);
  const emotion: CurvePointXY[] = [];
  const pain: CurvePointXY[] = [];
  curve.forEach((c, i) => {
    const col = columns[i];
    if (col === undefined) return;
    const x = round1(col.x + col.width / 2);
    if (c.meanEmotion !== null) {
      emotion.push({ stageId: c.stageId, x, y: round1(CURVE_PAD + ((2 - c.meanEmotion) / 4) * band), value: c.meanEmotion, n: c.emotionN });
    }
    if (c.meanPain !== null) {
      pain.push({ stageId: c.stageId, x, y: round1(CURVE_PAD + (c.meanPain / 10) * band), value: c.meanPain, n: c.painN });
    }
  });
  const line = (ps: CurvePointXY[]) => ps.map((p) => `${p.x},${p.y}`).join(" ");
  return { emotion, pain, emotionLine: line(emotion), painLine: line(pain) };
}

/** Columns of equal width after a left offset (when the real ones cannot be measured). */
export function evenColumns(count: number, width: number, offset = 0): Column[] {
  return Array.from({ length: count }, (_, i) => ({ x: offset + i * width, width }));
}

/** "+1.5", "−0.3", "0". */
export function formatEmotion(v: number): string {
  const r = Math.round(v * 10) / 10;
  if (r > 0) return `+${r.toFixed(1)}`;
  if (r < 0) return `\u2212${Math.abs(r).toFixed(1)}`;
  return "0";
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
