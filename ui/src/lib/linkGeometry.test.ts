import { describe, expect, it } from "vitest";
import { type BoardGrid, type PlacedCard, type Point, type Rect, type Route, routeLinks } from "./linkGeometry";

// A hand-built board shaped like the real one: three stage columns 240 wide after a
// 190-wide lane label, two lanes 200 tall after the headers, cells padded by 7, and three
// cards 50 tall stacked 6 apart in every cell.
const PAD = 7;
const CARD_H = 50;
const STACK_GAP = 6;
const grid: BoardGrid = {
  columns: [0, 1, 2].map((i) => ({ start: 190 + i * 240, end: 190 + (i + 1) * 240 })),
  rows: [0, 1].map((j) => ({ start: 100 + j * 200, end: 100 + (j + 1) * 200 })),
};

function card(column: number, row: number, slot: number): PlacedCard {
  const c = grid.columns[column];
  const r = grid.rows[row];
  const rect = { x: c.start + PAD, y: r.start + PAD + slot * (CARD_H + STACK_GAP), width: c.end - c.start - 2 * PAD, height: CARD_H };
  return { rect, column, row, slot };
}

const cards: PlacedCard[] = [];
for (let column = 0; column < 3; column++)
  for (let row = 0; row < 2; row++) for (let slot = 0; slot < 3; slot++) cards.push(card(column, row, slot));

function route(from: PlacedCard, to: PlacedCard): Route {
  return routeLinks(grid, [{ from, to }])[0];
}

/** Whether the axis-aligned segment p–q passes through the open interior of r. */
function crosses(p: Point, q: Point, r: Rect): boolean {
  return Math.max(p.x, q.x) > r.x && Math.min(p.x, q.x) < r.x + r.width && Math.max(p.y, q.y) > r.y && Math.min(p.y, q.y) < r.y + r.height;
}

/** The cards (other than the link's ends) that a route passes through. */
function crossed(r: Route, from: PlacedCard, to: PlacedCard): PlacedCard[] {
  const hit: PlacedCard[] = [];
  for (const c of cards) {
    if (c === from || c === to) continue;
    for (let i = 0; i + 1 < r.points.length; i++) {
      if (crosses(r.points[i], r.points[i + 1], c.rect)) {
        hit.push(c);
        break;
      }
    }
  }
  return hit;
}

function orthogonal(r: Route): boolean {
  return r.points.every((p, i) => i === 0 || p.x === r.points[i - 1].x || p.y === r.points[i - 1].y);
}

const right = (c: PlacedCard) => c.rect.x + c.rect.width;
const bottom = (c: PlacedCard) => c.rect.y + c.rect.height;
const cy = (c: PlacedCard) => c.rect.y + c.rect.height / 2;
const last = (r: Route) => r.points[r.points.length - 1];
const beforeLast = (r: Route) => r.points[r.points.length - 2];
/** The x-range a column gutter's runs may use (the cards on either side, less a margin). */
const columnGutter = (i: number) => ({ lo: grid.columns[i].start - PAD + 2, hi: grid.columns[i].start + PAD - 2 });

describe("link routes", () => {
  it("runs in the gutter between neighbouring columns, from A's right edge into B's left edge", () => {
    const a = card(0, 0, 0);
    const b = card(1, 0, 2);
    const r = route(a, b);
    expect(r.points[0]).toEqual({ x: right(a), y: cy(a) });
    expect(last(r)).toEqual({ x: b.rect.x, y: cy(b) });
    expect(r.points).toHaveLength(4);
    const x = r.points[1].x;
    expect(x).toBeGreaterThanOrEqual(columnGutter(1).lo);
    expect(x).toBeLessThanOrEqual(columnGutter(1).hi);
    expect(orthogonal(r)).toBe(true);
    expect(crossed(r, a, b)).toEqual([]);
  });

  it("is one straight run between two cards level with each other", () => {
    const a = card(0, 0, 1);
    const b = card(1, 0, 1);
    const r = route(a, b);
    expect(r.points).toEqual([
      { x: right(a), y: cy(a) },
      { x: b.rect.x, y: cy(b) },
    ]);
    expect(r.d).toBe(`M${right(a)} ${cy(a)} L${b.rect.x} ${cy(b)}`);
    expect(r.handle).toEqual({ x: (right(a) + b.rect.x) / 2, y: cy(a) });
  });

  it("skips a column along the row gutter, around the cards in between", () => {
    const a = card(0, 0, 1);
    const b = card(2, 0, 1);
    const r = route(a, b);
    expect(r.points).toHaveLength(6);
    // Both cards sit nearer the lane's top: the run goes along the gutter under the headers.
    const y = r.points[2].y;
    expect(r.points[3].y).toBe(y);
    expect(y).toBeGreaterThanOrEqual(grid.rows[0].start);
    expect(y).toBeLessThan(grid.rows[0].start + PAD);
    // Down the gutter just left of B's column, into its left edge at its middle.
    expect(r.points[3].x).toBeGreaterThanOrEqual(columnGutter(2).lo);
    expect(r.points[3].x).toBeLessThanOrEqual(columnGutter(2).hi);
    expect(last(r)).toEqual({ x: b.rect.x, y: cy(b) });
    expect(orthogonal(r)).toBe(true);
    expect(crossed(r, a, b)).toEqual([]);
    // The handle is on the middle run, the one along the row gutter.
    expect(r.handle.y).toBe(y);
  });

  it("crosses between lanes along the gutter nearest B's row", () => {
    const a = card(0, 0, 0);
    const b = card(2, 1, 2);
    const r = route(a, b);
    const y = r.points[2].y;
    const boundary = grid.rows[1].start;
    expect(Math.abs(y - boundary)).toBeLessThanOrEqual(PAD - 2);
    expect(crossed(r, a, b)).toEqual([]);
    // Upwards too: along the gutter under B's lane.
    const up = route(card(0, 1, 2), card(2, 0, 0));
    expect(Math.abs(up.points[2].y - boundary)).toBeLessThanOrEqual(PAD - 2);
  });

  it("mirrors backward links: out of A's left edge, into B's right edge", () => {
    const a = card(2, 1, 0);
    const b = card(0, 0, 2);
    const r = route(a, b);
    expect(r.points[0]).toEqual({ x: a.rect.x, y: cy(a) });
    expect(last(r)).toEqual({ x: right(b), y: cy(b) });
    expect(r.points[1].x).toBeGreaterThanOrEqual(columnGutter(2).lo);
    expect(r.points[1].x).toBeLessThanOrEqual(columnGutter(2).hi);
    expect(r.points[4].x).toBeGreaterThanOrEqual(columnGutter(1).lo);
    expect(r.points[4].x).toBeLessThanOrEqual(columnGutter(1).hi);
    expect(crossed(r, a, b)).toEqual([]);
    const near = route(card(1, 0, 0), card(0, 1, 1));
    expect(near.points).toHaveLength(4);
    expect(crossed(near, card(1, 0, 0), card(0, 1, 1))).toEqual([]);
  });

  it("goes straight down (or up) the gap between neighbours in one stack", () => {
    const a = card(1, 0, 0);
    const b = card(1, 0, 1);
    const down = route(a, b);
    expect(down.points).toHaveLength(2);
    expect(down.points[0].y).toBe(bottom(a));
    expect(last(down).y).toBe(b.rect.y);
    expect(down.points[0].x).toBe(last(down).x);
    const up = route(b, a);
    expect(up.points[0].y).toBe(b.rect.y);
    expect(last(up).y).toBe(bottom(a));
    // Both directions at once are told apart.
    const both = routeLinks(grid, [
      { from: a, to: b },
      { from: b, to: a },
    ]);
    expect(both[0].points[0].x).not.toBe(both[1].points[0].x);
  });

  it("leaves the column on its right and comes back into B's right edge within a column", () => {
    const a = card(1, 0, 0);
    const b = card(1, 0, 2);
    const r = route(a, b);
    expect(r.points[0]).toEqual({ x: right(a), y: cy(a) });
    expect(last(r)).toEqual({ x: right(b), y: cy(b) });
    expect(r.points[1].x).toBeGreaterThan(right(a));
    expect(crossed(r, a, b)).toEqual([]);
    const lanes = route(card(2, 1, 1), card(2, 0, 0));
    expect(last(lanes)).toEqual({ x: right(card(2, 0, 0)), y: cy(card(2, 0, 0)) });
    // The last column's outer gutter stays inside the grid.
    expect(lanes.points[1].x).toBeLessThanOrEqual(grid.columns[2].end);
  });

  it("never passes through a card other than its ends, for any pair of cards", () => {
    for (const a of cards) {
      for (const b of cards) {
        if (a === b) continue;
        const r = route(a, b);
        expect(orthogonal(r)).toBe(true);
        expect(crossed(r, a, b)).toEqual([]);
      }
    }
  });

  it("ends with a straight run into B's edge, so the arrowhead points into it", () => {
    for (const [a, b] of [
      [card(0, 0, 0), card(2, 1, 1)],
      [card(2, 0, 0), card(0, 1, 1)],
      [card(1, 0, 0), card(1, 1, 1)],
    ]) {
      const r = route(a, b);
      const p = beforeLast(r);
      const q = last(r);
      expect(p.y).toBe(q.y);
      expect(Math.abs(q.x - p.x)).toBeGreaterThanOrEqual(2);
      // The path's last command is a straight line to B's edge.
      expect(r.d.endsWith(` L${q.x} ${q.y}`)).toBe(true);
    }
  });

  it("rounds its corners", () => {
    const r = route(card(0, 0, 0), card(2, 1, 1));
    expect(r.d.startsWith(`M${r.points[0].x} ${r.points[0].y} L`)).toBe(true);
    expect(r.d.match(/Q/g)).toHaveLength(4);
    // Each corner is drawn with its own point as the control point.
    for (const p of r.points.slice(1, -1)) expect(r.d).toContain(`Q${p.x} ${p.y} `);
  });

  it("spreads arrows sharing a gutter apart, inside the gutter", () => {
    // Three cards of one cell to three cards of the next column's other lane, all
    // overlapping in the gutter.
    const links = [0, 1, 2].map((i) => ({ from: card(0, 0, i), to: card(1, 1, i) }));
    const xs = routeLinks(grid, links).map((r) => r.points[1].x);
    expect(new Set(xs).size).toBe(3);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(columnGutter(1).lo);
      expect(x).toBeLessThanOrEqual(columnGutter(1).hi);
    }
    // The same input always gives the same routes.
    expect(routeLinks(grid, links)).toEqual(routeLinks(grid, links));
  });

  it("lets runs that do not overlap share a track", () => {
    const upper = { from: card(0, 0, 0), to: card(1, 0, 1) };
    const lower = { from: card(0, 1, 0), to: card(1, 1, 1) };
    const [a, b] = routeLinks(grid, [upper, lower]);
    expect(a.points[1].x).toBe(b.points[1].x);
    // A level neighbour crosses the gutter without taking a track from the others.
    const [bent, level] = routeLinks(grid, [upper, { from: card(0, 0, 2), to: card(1, 0, 2) }]);
    expect(level.points).toHaveLength(2);
    expect(bent.points[1].x).toBe(grid.columns[1].start);
  });

  it("keeps a crowded gutter's arrows inside it", () => {
    const links = Array.from({ length: 1000 }, (_, i) => ({ from: card(0, i % 2, i % 3), to: card(1, (i + 1) % 2, (i + 2) % 3) }));
    const routes = routeLinks(grid, links);
    expect(routes).toHaveLength(1000);
    for (const r of routes) {
      expect(r.points[1].x).toBeGreaterThanOrEqual(columnGutter(1).lo);
      expect(r.points[1].x).toBeLessThanOrEqual(columnGutter(1).hi);
    }
  });

  it("draws a straight line for a card outside the grid", () => {
    const stray = { ...card(0, 0, 0), column: 7 };
    const r = route(stray, card(1, 0, 0));
    expect(r.points).toHaveLength(2);
  });

  it("survives an unmeasured board (all rectangles zero, as in jsdom)", () => {
    const zero = { x: 0, y: 0, width: 0, height: 0 };
    const flat: BoardGrid = { columns: [{ start: 0, end: 0 }], rows: [{ start: 0, end: 0 }] };
    const r = routeLinks(flat, [{ from: { rect: zero, column: 0, row: 0, slot: 0 }, to: { rect: zero, column: 0, row: 0, slot: 2 } }])[0];
    expect(r.d).toMatch(/^M0 0/);
    expect(r.handle).toEqual({ x: 0, y: 0 });
  });
});
