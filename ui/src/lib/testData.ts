// Small builders for the DTOs the tests need.
import type {
  Analysis,
  DecisionDto,
  Evidence,
  Figures,
  LaneDto,
  LinkDto,
  ListPatch,
  MapPatch,
  MapView,
  MetricsDto,
  StageDto,
  TouchpointDto,
} from "../bindings";

export function metrics(over: Partial<MetricsDto> = {}): MetricsDto {
  return { feedbackCount: 0, nps: null, csat: null, ces: null, pain: null, ...over };
}

export function stage(id: string, over: Partial<StageDto> = {}): StageDto {
  return { id, name: id, description: "", pain: null, emotion: null, metrics: metrics(), ...over };
}

export function lane(id: string, over: Partial<LaneDto> = {}): LaneDto {
  return { id, name: id, kind: "custom", builtIn: false, hidden: false, metrics: metrics(), ...over };
}

export function tp(id: string, stageId: string, laneId: string, over: Partial<TouchpointDto> = {}): TouchpointDto {
  return {
    id,
    stageId,
    laneId,
    title: id,
    description: "",
    channel: "",
    owner: "",
    pain: null,
    emotion: null,
    metrics: metrics(),
    ...over,
  };
}

export function link(id: string, fromId: string, toId: string, over: Partial<LinkDto> = {}): LinkDto {
  return { id, fromId, toId, kind: "flow", label: null, ...over };
}

export function decision(id: string, touchpointId: string, over: Partial<DecisionDto> = {}): DecisionDto {
  return { id, touchpointId, kind: "decision", text: id, owner: "", due: null, createdAt: "2026-12-01T10:00:00Z", ...over };
}

export function view(over: Partial<MapView> = {}): MapView {
  return {
    location: "local",
    readOnly: null,
    map: {
      id: "jm_1",
      name: "Map",
      description: "",
      personaName: "",
      personaDescription: "",
      createdAt: "2025-01-01T00:00:00Z",
      updatedAt: "2025-01-01T00:00:00Z",
    },
    stages: [stage("st_a"), stage("st_b")],
    lanes: [lane("ln_1"), lane("ln_2")],
    touchpoints: [tp("tp_1", "st_a", "ln_1"), tp("tp_2", "st_a", "ln_1"), tp("tp_3", "st_b", "ln_2")],
    links: [link("lk_1", "tp_1", "tp_3")],
    decisions: [],
    rounds: [],
    metrics: metrics(),
    canUndo: false,
    canRedo: false,
    ...over,
  };
}

/** A deep copy, as a fresh view from the backend would be. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function diffList<T extends { id: string }>(prev: readonly T[], next: readonly T[]): ListPatch<T> {
  const before = new Map(prev.map((x) => [x.id, JSON.stringify(x)]));
  const ids = new Set(next.map((x) => x.id));
  const kept = prev.map((x) => x.id).filter((id) => ids.has(id));
  const sameOrder = kept.length === next.length && kept.every((id, i) => id === next[i].id);
  return {
    changed: next.filter((x) => before.get(x.id) !== JSON.stringify(x)),
    removed: prev.map((x) => x.id).filter((id) => !ids.has(id)),
    order: sameOrder ? null : next.map((x) => x.id),
  };
}

/** The patch the backend would send for `prev` → `next` (as `MapPatch::between` does). */
export function patchBetween(prev: MapView, next: MapView, feedbackChanged: string[] = []): MapPatch {
  return {
    map: next.map,
    stages: diffList(prev.stages, next.stages),
    lanes: diffList(prev.lanes, next.lanes),
    touchpoints: diffList(prev.touchpoints, next.touchpoints),
    links: diffList(prev.links, next.links),
    decisions: diffList(prev.decisions, next.decisions),
    rounds: diffList(prev.rounds, next.rounds),
    metrics: next.metrics,
    canUndo: next.canUndo,
    canRedo: next.canRedo,
    feedbackChanged,
  };
}

/** Figures with the given metrics and evidence (strong, no feedback, unless told). */
export function figures(over: Partial<MetricsDto> = {}, evidence: Partial<Evidence> = {}): Figures {
  return {
    metrics: metrics(over),
    evidence: { n: 0, newest: null, oldest: null, npsCi: null, npsWeak: false, csatWeak: false, cesWeak: false, weak: [], ...evidence },
  };
}

/** An analysis of `v` with nothing found, to override per test. */
export function analysis(v: MapView, over: Partial<Analysis> = {}): Analysis {
  const lanes = v.lanes.filter((l) => !l.hidden);
  return {
    mapId: v.map.id,
    mapName: v.map.name,
    rules: { minN: 5, maxAgeDays: 180, today: "2026-12-02" },
    map: figures(),
    painPoints: [],
    painRanking: (over.painPoints ?? []).map((p) => p.touchpointId),
    painPaths: [],
    cycles: [],
    structure: { orphans: [], deadEnds: [], backwards: [], staleHandoffs: [] },
    handoffCount: over.handoffs?.length ?? 0,
    handoffs: [],
    handoffsPerStage: [],
    handoffsPerLanePair: [],
    backstage: [],
    heatmap: {
      stageIds: v.stages.map((s) => s.id),
      laneIds: lanes.map((l) => l.id),
      cells: lanes.flatMap((l) =>
        v.stages.map((s) => ({
          stageId: s.id,
          laneId: l.id,
          touchpoints: v.touchpoints.filter((t) => t.stageId === s.id && t.laneId === l.id).length,
          figures: figures(),
        })),
      ),
      stageTotals: v.stages.map(() => figures()),
      laneTotals: lanes.map(() => figures()),
    },
    curve: [],
    touchpoints: v.touchpoints.map((t) => ({ id: t.id, evidence: figures().evidence, painUnbacked: false })),
    ...over,
  };
}
