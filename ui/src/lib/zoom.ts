// Board zoom: the steps Ctrl+= and Ctrl+− move between, and the scale that fits the whole
// grid into the window (Ctrl+0).

export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5] as const;
export const MIN_ZOOM = ZOOM_STEPS[0];
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1];

/** The next step above the scale (the largest at the top). */
export function zoomIn(z: number): number {
  return ZOOM_STEPS.find((s) => s > z + 1e-9) ?? MAX_ZOOM;
}

/** The next step below the scale (the smallest at the bottom). */
export function zoomOut(z: number): number {
  return [...ZOOM_STEPS].reverse().find((s) => s < z - 1e-9) ?? MIN_ZOOM;
}

/**
 * The scale at which content of the given size fits the viewport, never above 1 (a small
 * map is not blown up) nor below the smallest step; rounded down to two decimals.
 */
export function fitZoom(content: { width: number; height: number }, viewport: { width: number; height: number }): number {
  if (content.width <= 0 || content.height <= 0 || viewport.width <= 0 || viewport.height <= 0) return 1;
  const z = Math.min(viewport.width / content.width, viewport.height / content.height, 1);
  return Math.max(MIN_ZOOM, Math.floor(z * 100) / 100);
}

/** The scale an element is drawn at: its on-screen width over its layout width (1 when unknown). */
export function drawnScale(rectWidth: number, layoutWidth: number): number {
  if (!(rectWidth > 0) || !(layoutWidth > 0)) return 1;
  return rectWidth / layoutWidth;
}
