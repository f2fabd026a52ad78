import { describe, expect, it } from "vitest";
import { drawnScale, fitZoom, MAX_ZOOM, MIN_ZOOM, zoomIn, zoomOut } from "./zoom";

describe("zoom", () => {
  it("steps in and out, stopping at the ends", () => {
    expect(zoomIn(1)).toBe(1.1);
    expect(zoomOut(1)).toBe(0.9);
    expect(zoomOut(0.62)).toBe(0.5);
    expect(zoomIn(0.62)).toBe(0.67);
    expect(zoomIn(MAX_ZOOM)).toBe(MAX_ZOOM);
    expect(zoomOut(MIN_ZOOM)).toBe(MIN_ZOOM);
  });

  it("fits the content to the viewport, never above 1", () => {
    expect(fitZoom({ width: 2000, height: 1000 }, { width: 1240, height: 900 })).toBe(0.62);
    expect(fitZoom({ width: 1000, height: 3000 }, { width: 1200, height: 900 })).toBe(0.3);
    expect(fitZoom({ width: 500, height: 400 }, { width: 1200, height: 900 })).toBe(1);
    expect(fitZoom({ width: 100000, height: 400 }, { width: 1200, height: 900 })).toBe(MIN_ZOOM);
    expect(fitZoom({ width: 0, height: 0 }, { width: 1200, height: 900 })).toBe(1);
  });

  it("reads the drawn scale from the rectangles", () => {
    expect(drawnScale(620, 1000)).toBeCloseTo(0.62);
    expect(drawnScale(0, 0)).toBe(1);
  });
});
