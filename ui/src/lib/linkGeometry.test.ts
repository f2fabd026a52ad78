import { describe, expect, it } from "vitest";
import { arrowSegment, borderPoint } from "./linkGeometry";

describe("link geometry", () => {
  const a = { x: 0, y: 0, width: 100, height: 40 };
  const b = { x: 300, y: 0, width: 100, height: 40 };

  it("cuts a horizontal line at the facing edges", () => {
    const seg = arrowSegment(a, b, 0);
    expect(seg.from).toEqual({ x: 100, y: 20 });
    expect(seg.to).toEqual({ x: 300, y: 20 });
  });

  it("leaves a gap beyond the edge", () => {
    const seg = arrowSegment(a, b, 5);
    expect(seg.from.x).toBeCloseTo(105);
    expect(seg.to.x).toBeCloseTo(295);
  });

  it("exits through the top or bottom for steep lines", () => {
    const p = borderPoint(a, { x: 60, y: 1000 });
    expect(p.y).toBeCloseTo(40);
    expect(p.x).toBeGreaterThan(50);
    expect(p.x).toBeLessThan(51);
  });

  it("returns the centre when both points coincide", () => {
    expect(borderPoint(a, { x: 50, y: 20 })).toEqual({ x: 50, y: 20 });
  });
});
