// Routes for the link arrows drawn over the board. An arrow never crosses a card: it runs
// orthogonally in the gaps the grid leaves between cards (the column gutters between
// stages, the row gutters between lanes, the gap between two cards stacked in a cell),
// with small rounded corners. Arrows sharing a gutter are spread a few pixels apart.
//
// Everything here is pure: the link layer measures the grid and the cards once and hands
// the rectangles in; the routes come back as SVG path data.

export type Rect = { x: number; y: number; width: number; height: number };
export type Point = { x: number; y: number };
/** A range along one axis, `start` ≤ `end`. */
export type Span = { start: number; end: number };

/** A card as the router sees it: its rectangle and its place in the grid. */
export type PlacedCard = {
  rect: Rect;
  /** Index into `BoardGrid.columns`. */
  column: number;
  /** Index into `BoardGrid.rows`. */
  row: number;
  /** Its position in its cell's stack, from the top. */
  slot: number;
};

/** The board's grid: each stage column's x-range and each lane row's y-range, in display order. */
export type BoardGrid = { columns: readonly Span[]; rows: readonly Span[] };

export type LinkEnds = { from: PlacedCard; to: PlacedCard };

/** One routed arrow: its corner points, its SVG path data and where its handle goes. */
export type Route = { points: Point[]; d: string; handle: Point };

/** Corner radius: small, so the corners read as turns and the runs stay straight. */
const RADIUS = 4;
/** Preferred distance between two arrows that share a gutter. */
const SPACING = 3;
/** Closer than this, arrows in a crowded gutter share a track rather than blur into one. */
const MIN_SPACING = 2;
/** Distance kept from the cards on either side of a gutter (strokes are up to 4px wide). */
const EDGE = 2;
/** Runs along a gutter closer than this count as overlapping: touching runs would read as one line. */
const GAP = 6;
/** How far from its centre line an arrow between two stacked cards may move, and its spacing. */
const STACK_HALF = 8;
const STACK_SPACING = 6;
/** Gutter half-width when no card says how far the cards sit from the cell's border. */
const DEFAULT_INSET = 6;

type Channel = {
  /** The gutter's extent across its runs (x for a column gutter, y for a row gutter). */
  lo: number;
  hi: number;
  spacing: number;
  requests: Request[];
  tracks: number;
};

/** One run of one arrow along a channel: its extent along the channel, and the track it gets. */
type Request = { channel: Channel; lo: number; hi: number; order: number; track: number };

type Plan = { requests: Request[]; build: (at: number[]) => Point[] };

/**
 * The links whose two cards are both placed (a card in a collapsed stage or lane, or
 * not on the board, has no place), each with its route, in the links' order.
 */
export function routePlaced<L extends { fromId: string; toId: string }>(
  grid: BoardGrid,
  links: readonly L[],
  places: ReadonlyMap<string, PlacedCard>,
): { link: L; route: Route }[] {
  const drawn: L[] = [];
  const ends: LinkEnds[] = [];
  for (const l of links) {
    const from = places.get(l.fromId);
    const to = places.get(l.toId);
    if (from === undefined || to === undefined) continue;
    drawn.push(l);
    ends.push({ from, to });
  }
  const routes = routeLinks(grid, ends);
  return drawn.map((link, i) => ({ link, route: routes[i] }));
}

/**
 * Routes every link, in order. Linear in the number of links (plus a sort per gutter):
 * each link looks only at its own two cards and the grid's spans.
 */
export function routeLinks(grid: BoardGrid, links: readonly LinkEnds[]): Route[] {
  const { columns, rows } = grid;
  const inset = insets(grid, links);
  const channels = new Map<string, Channel>();
  const channel = (key: string, lo: number, hi: number, spacing = SPACING): Channel => {
    let c = channels.get(key);
    if (c === undefined) {
      c = { lo, hi: Math.max(lo, hi), spacing, requests: [], tracks: 0 };
      channels.set(key, c);
    }
    return c;
  };
  // Gutter i of n + 1 lies left of column i (gutter n right of the last one). The outer
  // gutters keep to the grid's side: beyond them are the sticky lane labels or nothing.
  const columnGutter = (i: number) =>
    channel(
      `c${i}`,
      i === 0 ? columns[0].start : columns[i - 1].end - inset.column,
      i === columns.length ? columns[columns.length - 1].end : columns[i].start + inset.column,
    );
  const rowGutter = (j: number) =>
    channel(
      `r${j}`,
      j === 0 ? rows[0].start : rows[j - 1].end - inset.row,
      j === rows.length ? rows[rows.length - 1].end : rows[j].start + inset.row,
    );

  const plans = links.map((link, order): Plan => {
    const a = link.from;
    const b = link.to;
    const A = a.rect;
    const B = b.rect;
    const request = (c: Channel, p: number, q: number): Request => {
      const r = { channel: c, lo: Math.min(p, q), hi: Math.max(p, q), order, track: 0 };
      c.requests.push(r);
      return r;
    };
    if (!placed(grid, a) || !placed(grid, b)) {
      // Not in the grid (never for a measured board): a straight line between the centres.
      return { requests: [], build: () => [centre(A), centre(B)] };
    }
    const ay = A.y + A.height / 2;
    const by = B.y + B.height / 2;

    if (a.column === b.column) {
      if (a.row === b.row && Math.abs(a.slot - b.slot) === 1) {
        // Neighbours in one stack: straight down (or up) through the gap between them.
        const down = b.slot > a.slot;
        const cx = (Math.max(A.x, B.x) + Math.min(A.x + A.width, B.x + B.width)) / 2;
        const gap = channel(
          `s${a.column}:${a.row}:${Math.min(a.slot, b.slot)}`,
          cx - STACK_HALF - EDGE,
          cx + STACK_HALF + EDGE,
          STACK_SPACING,
        );
        return {
          requests: [request(gap, 0, 0)],
          build: ([x]) =>
            down
              ? [
                  { x, y: A.y + A.height },
                  { x, y: B.y },
                ]
              : [
                  { x, y: A.y },
                  { x, y: B.y + B.height },
                ],
        };
      }
      // Elsewhere in the same column: out to the gutter on its right and back into B's right edge.
      const g = columnGutter(a.column + 1);
      return {
        requests: [request(g, ay, by)],
        build: ([x]) => [
          { x: A.x + A.width, y: ay },
          { x, y: ay },
          { x, y: by },
          { x: B.x + B.width, y: by },
        ],
      };
    }

    // Forward leaves A's right edge and enters B's left; backward flow is the mirror image.
    const forward = b.column > a.column;
    const exitX = forward ? A.x + A.width : A.x;
    const entryX = forward ? B.x : B.x + B.width;
    const first = forward ? a.column + 1 : a.column;
    const last = forward ? b.column : b.column + 1;
    const g1 = columnGutter(first);
    if (first === last) {
      // Level neighbours: one straight run, which takes no track in the gutter it crosses.
      if (Math.abs(ay - by) < 0.05)
        return {
          requests: [],
          build: () => [
            { x: exitX, y: ay },
            { x: entryX, y: by },
          ],
        };
      // Neighbouring columns: one vertical run in the gutter between them.
      return {
        requests: [request(g1, ay, by)],
        build: ([x]) => [
          { x: exitX, y: ay },
          { x, y: ay },
          { x, y: by },
          { x: entryX, y: by },
        ],
      };
    }
    // Further away: across along the row gutter on A's side of B's row (for B in A's own
    // row, the one nearer the two cards), so the run passes between lanes, not through them.
    const h = b.row > a.row ? b.row : b.row < a.row ? b.row + 1 : nearerEdge(rows[b.row], (ay + by) / 2) ? b.row : b.row + 1;
    const g2 = columnGutter(last);
    const rg = rowGutter(h);
    const hy = mid(rg);
    return {
      requests: [request(g1, ay, hy), request(rg, mid(g1), mid(g2)), request(g2, hy, by)],
      build: ([x1, y, x2]) => [
        { x: exitX, y: ay },
        { x: x1, y: ay },
        { x: x1, y },
        { x: x2, y },
        { x: x2, y: by },
        { x: entryX, y: by },
      ],
    };
  });

  for (const c of channels.values()) assignTracks(c);
  return plans.map((p) => finish(p.build(p.requests.map(position))));
}

/** Whether a card's column and row are in the grid. */
function placed(grid: BoardGrid, c: PlacedCard): boolean {
  return c.column >= 0 && c.column < grid.columns.length && c.row >= 0 && c.row < grid.rows.length;
}

/** Whether `y` is nearer the row's top than its bottom. */
function nearerEdge(row: Span, y: number): boolean {
  return y - row.start <= row.end - y;
}

/**
 * How far cards sit inside their cells: how wide the free band along a cell's border is.
 * Read from the linked cards themselves (every card of a column has the same x-range; the
 * top card of a stack sits the cell's padding below its top).
 */
function insets(grid: BoardGrid, links: readonly LinkEnds[]): { column: number; row: number } {
  let column = Infinity;
  let row = Infinity;
  for (const l of links) {
    for (const c of [l.from, l.to]) {
      if (!placed(grid, c)) continue;
      const col = grid.columns[c.column];
      column = Math.min(column, c.rect.x - col.start, col.end - (c.rect.x + c.rect.width));
      if (c.slot === 0) row = Math.min(row, c.rect.y - grid.rows[c.row].start);
    }
  }
  return {
    column: Number.isFinite(column) ? Math.max(0, column) : DEFAULT_INSET,
    row: Number.isFinite(row) ? Math.max(0, row) : DEFAULT_INSET,
  };
}

/**
 * Gives each run its track: runs that overlap (or nearly touch) along the gutter get
 * different tracks, others share one, so a gutter needs only as many tracks as runs
 * overlap at one place. Deterministic: runs are taken in order of position, then of link.
 * A gutter holds as many tracks as fit MIN_SPACING apart; beyond that, runs share the
 * track that frees up first.
 */
function assignTracks(c: Channel): void {
  const room = Math.max(0, c.hi - c.lo - 2 * EDGE);
  const cap = Math.max(1, Math.floor(room / MIN_SPACING) + 1);
  c.requests.sort((p, q) => p.lo - q.lo || p.hi - q.hi || p.order - q.order);
  const ends: number[] = [];
  for (const r of c.requests) {
    let t = ends.findIndex((end) => end + GAP < r.lo);
    if (t < 0 && ends.length < cap) t = ends.push(-Infinity) - 1;
    if (t < 0) {
      t = 0;
      for (let i = 1; i < ends.length; i++) if (ends[i] < ends[t]) t = i;
    }
    ends[t] = Math.max(ends[t], r.hi);
    r.track = t;
  }
  c.tracks = ends.length;
  c.spacing = c.tracks > 1 ? Math.min(c.spacing, room / (c.tracks - 1)) : 0;
}

/** A run's position across its gutter: the tracks centred on the gutter's middle. */
function position(r: Request): number {
  const c = r.channel;
  return mid(c) + (r.track - (c.tracks - 1) / 2) * c.spacing;
}

function mid(c: Channel): number {
  return (c.lo + c.hi) / 2;
}

export function centre(r: Rect): Point {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/** The route from its corner points: rounded to 0.1px, straightened, with its path and handle. */
function finish(raw: Point[]): Route {
  const points = simplify(raw.map(round));
  // The handle sits on the middle run (the gutter run), always on its straight part.
  const segments = points.length - 1;
  const i = Math.floor(segments / 2);
  const handle = segments === 0 ? points[0] : round({ x: (points[i].x + points[i + 1].x) / 2, y: (points[i].y + points[i + 1].y) / 2 });
  return { points, d: pathData(points), handle };
}

/** Drops repeated points and points where the line goes straight on. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last !== undefined && last.x === p.x && last.y === p.y) continue;
    const before = out[out.length - 2];
    if (before !== undefined && straightOn(before, last, p)) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/** Whether b lies on the way from a to c (collinear, same direction). */
function straightOn(a: Point, b: Point, c: Point): boolean {
  const ux = b.x - a.x;
  const uy = b.y - a.y;
  const vx = c.x - b.x;
  const vy = c.y - b.y;
  return Math.abs(ux * vy - uy * vx) < 1e-6 && ux * vx + uy * vy > 0;
}

/**
 * SVG path data: straight runs joined by quadratic corners. A corner takes at most half of
 * each run beside it, so the last run keeps a straight end and the arrowhead (oriented
 * along it) points squarely into the target's edge.
 */
function pathData(points: Point[]): string {
  let d = `M${fmt(points[0])}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i - 1];
    const v = points[i];
    const n = points[i + 1];
    const r = Math.min(RADIUS, dist(p, v) / 2, dist(v, n) / 2);
    d += ` L${fmt(toward(v, p, r))} Q${fmt(v)} ${fmt(toward(v, n, r))}`;
  }
  if (points.length > 1) d += ` L${fmt(points[points.length - 1])}`;
  return d;
}

/** The point `r` along the way from `from` to `to`. */
function toward(from: Point, to: Point, r: number): Point {
  const len = dist(from, to);
  return len === 0 ? from : { x: from.x + ((to.x - from.x) * r) / len, y: from.y + ((to.y - from.y) * r) / len };
}

function dist(p: Point, q: Point): number {
  return Math.hypot(q.x - p.x, q.y - p.y);
}

function round(p: Point): Point {
  return { x: r1(p.x), y: r1(p.y) };
}

function r1(n: number): number {
  // `+ 0` turns -0 into 0, so it prints as "0".
  return Math.round(n * 10) / 10 + 0;
}

function fmt(p: Point): string {
  const q = round(p);
  return `${q.x} ${q.y}`;
}
