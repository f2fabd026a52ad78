// Geometry for the link arrows drawn over the board: a straight line between two card
// centres, cut where it leaves the first card and enters the second, so the arrowhead
// touches the target card's edge.

export type Rect = { x: number; y: number; width: number; height: number };
export type Point = { x: number; y: number };

export function centre(r: Rect): Point {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/**
 * Where the ray from the rectangle's centre towards `toward` crosses its border, pushed
 * out by `gap` pixels. Returns the centre itself when `toward` is the centre.
 */
export function borderPoint(r: Rect, toward: Point, gap = 0): Point {
  const c = centre(r);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const halfW = r.width / 2;
  const halfH = r.height / 2;
  const tx = dx === 0 ? Infinity : halfW / Math.abs(dx);
  const ty = dy === 0 ? Infinity : halfH / Math.abs(dy);
  const t = Math.min(tx, ty);
  const len = Math.hypot(dx, dy);
  const extra = gap / len;
  return { x: c.x + dx * (t + extra), y: c.y + dy * (t + extra) };
}

/** The segment an arrow from card `a` to card `b` is drawn along. */
export function arrowSegment(a: Rect, b: Rect, gap = 2): { from: Point; to: Point } {
  const ca = centre(a);
  const cb = centre(b);
  return { from: borderPoint(a, cb, gap), to: borderPoint(b, ca, gap) };
}
