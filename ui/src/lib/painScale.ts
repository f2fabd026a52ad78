// A colour-blind-safe sequential scale for pain 0–10 (ColorBrewer OrRd, the heatmap's
// scale): pale at 0, dark red at 10, so high pain is the most salient colour and no pain
// stays quiet. The badge always shows the number too, so colour is never the only cue.
import { sequentialColour } from "./heat";

export type PainColours = { background: string; foreground: string };

/** The colour for an unscored touchpoint: neutral, distinct from every step. */
export const UNSCORED: PainColours = { background: "#e6e6e6", foreground: "#333333" };

/** Badge colours for a pain score; null (or out of range) gives the unscored colours. */
export function painColours(pain: number | null): PainColours {
  if (pain === null || !Number.isFinite(pain) || pain < 0 || pain > 10) return UNSCORED;
  const background = sequentialColour(Math.round(pain) / 10);
  return { background, foreground: readableOn(background) };
}

/** The text shown in a pain badge: the score, or an en dash when unscored. */
export function painLabel(pain: number | null): string {
  return pain === null ? "–" : String(pain);
}

/** Black or white, whichever contrasts more with the hex colour given. */
export function readableOn(hex: string): string {
  const bg = luminance(hex);
  const onBlack = (bg + 0.05) / 0.05;
  const onWhite = 1.05 / (bg + 0.05);
  return onBlack >= onWhite ? "#000000" : "#ffffff";
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio between two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The legend of the pain scale: every step's colours, 0 (no pain) to 10 (worst). */
export function painLegend(): { pain: number; colours: PainColours }[] {
  return Array.from({ length: 11 }, (_, pain) => ({ pain, colours: painColours(pain) }));
}
