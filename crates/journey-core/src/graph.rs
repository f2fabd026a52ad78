//! The map as a directed graph: stages and touchpoints are nodes; a stage points to the
//! next stage and to its touchpoints; links point from touchpoint to touchpoint.
//!
//! The graph is rebuilt from a [`JourneyMap`] (itself read from stored rows) and answers
//! questions about the customer's path. Its `NodeIndex` values never leave this module:
//! everything going in or out is a stable id.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::model::{Id, JourneyMap, LinkKind};

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Stage,
    Touchpoint,
}

/// What an edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// Stage to the stage after it.
    NextStage,
    /// Stage to one of its touchpoints.
    Contains,
    /// A link between touchpoints.
    Link(LinkKind),
}

/// A reference to something the map does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GraphError {
    #[error("touchpoint {touchpoint} is in stage {stage}, which does not exist")]
    MissingStage { touchpoint: Id, stage: Id },
    #[error("touchpoint {touchpoint} is in lane {lane}, which does not exist")]
    MissingLane { touchpoint: Id, lane: Id },
    #[error("link {link} points to touchpoint {touchpoint}, which does not exist")]
    MissingTouchpoint { link: Id, touchpoint: Id },
    #[error("id {0} is used twice")]
    DuplicateId(Id),
}

#[derive(Debug, Clone)]
struct Node {
    id: Id,
    kind: NodeKind,
    pain: Option<u8>,
}

/// The graph of one map, keyed by stable ids.
#[derive(Debug, Clone)]
pub struct JourneyGraph {
    graph: DiGraph<Node, EdgeKind>,
    index: HashMap<Id, NodeIndex>,
    /// Stages are the first nodes, touchpoints the rest, both in map order.
    stage_count: usize,
    /// Links are the last edges, in map order, from this edge on.
    first_link_edge: usize,
}

/// A path as touchpoint positions in `map.touchpoints`, with its total pain.
pub(crate) type PathAt = (Vec<usize>, u32);

/// The most painful path through the customer's flow.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PainPath {
    /// Touchpoint ids from the first step to the last.
    pub touchpoints: Vec<Id>,
    /// Sum of the scored pain along the path.
    pub total_pain: u32,
}

impl JourneyGraph {
    /// Builds the graph. A reference to a stage, lane or touchpoint the map does not hold is
    /// an error, never skipped.
    pub fn build(map: &JourneyMap) -> Result<JourneyGraph, GraphError> {
        let n = map.stages.len() + map.touchpoints.len();
        let mut graph = DiGraph::with_capacity(n, n + map.links.len());
        let mut index = HashMap::with_capacity(n);
        let mut add = |graph: &mut DiGraph<Node, EdgeKind>, id: &Id, kind, pain| {
            let ix = graph.add_node(Node {
                id: id.clone(),
                kind,
                pain,
            });
            match index.insert(id.clone(), ix) {
                None => Ok(ix),
                Some(_) => Err(GraphError::DuplicateId(id.clone())),
            }
        };
        let mut previous: Option<NodeIndex> = None;
        for s in &map.stages {
            let ix = add(&mut graph, &s.id, NodeKind::Stage, s.pain)?;
            if let Some(prev) = previous {
                graph.add_edge(prev, ix, EdgeKind::NextStage);
            }
            previous = Some(ix);
        }
        let lanes: std::collections::HashSet<&str> =
            map.lanes.iter().map(|l| l.id.as_str()).collect();
        let stage_ix: HashMap<&str, NodeIndex> = map
            .stages
            .iter()
            .zip(graph.node_indices())
            .map(|(s, ix)| (s.id.as_str(), ix))
            .collect();
        for t in &map.touchpoints {
            let Some(&stage) = stage_ix.get(t.stage_id.as_str()) else {
                return Err(GraphError::MissingStage {
                    touchpoint: t.id.clone(),
                    stage: t.stage_id.clone(),
                });
            };
            if !lanes.contains(t.lane_id.as_str()) {
                return Err(GraphError::MissingLane {
                    touchpoint: t.id.clone(),
                    lane: t.lane_id.clone(),
                });
            }
            let ix = add(&mut graph, &t.id, NodeKind::Touchpoint, t.pain)?;
            graph.add_edge(stage, ix, EdgeKind::Contains);
        }
        let first_link_edge = graph.edge_count();
        let mut this = JourneyGraph {
            graph,
            index,
            stage_count: map.stages.len(),
            first_link_edge,
        };
        for l in &map.links {
            let from = this.touchpoint_ix(&l.id, &l.from)?;
            let to = this.touchpoint_ix(&l.id, &l.to)?;
            this.graph.add_edge(from, to, EdgeKind::Link(l.kind));
        }
        Ok(this)
    }

    fn touchpoint_ix(&self, link: &str, id: &str) -> Result<NodeIndex, GraphError> {
        match self.index.get(id) {
            Some(&ix) if self.graph[ix].kind == NodeKind::Touchpoint => Ok(ix),
            _ => Err(GraphError::MissingTouchpoint {
                link: link.to_string(),
                touchpoint: id.to_string(),
            }),
        }
    }

    /// The position in `map.touchpoints` of a touchpoint's node.
    fn position(&self, ix: NodeIndex) -> usize {
        ix.index() - self.stage_count
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// What the id stands for, if the map holds it.
    pub fn kind_of(&self, id: &str) -> Option<NodeKind> {
        self.index.get(id).map(|&ix| self.graph[ix].kind)
    }

    /// Touchpoints one step further along links of `kind`, in the order the links were made.
    pub fn successors(&self, id: &str, kind: LinkKind) -> Vec<Id> {
        self.neighbours(id, kind, Direction::Outgoing)
    }

    /// Touchpoints with a link of `kind` to this one.
    pub fn predecessors(&self, id: &str, kind: LinkKind) -> Vec<Id> {
        self.neighbours(id, kind, Direction::Incoming)
    }

    fn neighbours(&self, id: &str, kind: LinkKind, dir: Direction) -> Vec<Id> {
        let Some(&ix) = self.index.get(id) else {
            return Vec::new();
        };
        let mut edges: Vec<_> = self
            .graph
            .edges_directed(ix, dir)
            .filter(|e| *e.weight() == EdgeKind::Link(kind))
            .collect();
        // petgraph lists a node's edges newest first; the map's order is oldest first.
        edges.sort_by_key(|e| e.id());
        edges
            .into_iter()
            .map(|e| {
                let other = if dir == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                self.graph[other].id.clone()
            })
            .collect()
    }

    /// The flow path along which the customer meets the most pain: the path through `flow`
    /// links whose scored pain adds up highest (ties go to the path found first in map
    /// order). `None` if there are no flow links. The link that closes a cycle (see
    /// [`JourneyGraph::flow_cycles`]) is left out, so a cycle is never walked round.
    pub fn pain_path(&self) -> Option<PainPath> {
        self.best_flow_paths(1).into_iter().next()
    }

    /// The customer's flow on its own (see [`flow_graph`]). The searches below run on it
    /// rather than on the whole graph, where every step would skip stage nodes and other
    /// links.
    fn flow(&self) -> DiGraph<u32, ()> {
        let touchpoints = &self.graph.raw_nodes()[self.stage_count..];
        let flow_links = self.graph.raw_edges()[self.first_link_edge..]
            .iter()
            .filter(|e| e.weight == EdgeKind::Link(LinkKind::Flow))
            .map(|e| (self.position(e.source()), self.position(e.target())));
        flow_graph(
            touchpoints
                .iter()
                .map(|node| u32::from(node.weight.pain.unwrap_or(0))),
            flow_links,
        )
    }

    /// The id of the touchpoint at this position.
    fn touchpoint_id(&self, position: usize) -> Id {
        self.graph[NodeIndex::new(self.stage_count + position)]
            .id
            .clone()
    }

    /// The strongly connected groups of touchpoints joined in a circle by flow links, each
    /// in map order, the groups ordered by their first touchpoint.
    pub fn flow_cycles(&self) -> Vec<Vec<Id>> {
        self.flow_paths_and_cycles(0).1
    }

    /// [`JourneyGraph::best_flow_paths`] and [`JourneyGraph::flow_cycles`] together, from
    /// one search for the flow's strongly connected components.
    pub fn flow_paths_and_cycles(&self, k: usize) -> (Vec<PainPath>, Vec<Vec<Id>>) {
        let (paths, cycles) = flow_paths_and_cycles(&self.flow(), k);
        let ids = |p: Vec<usize>| p.into_iter().map(|i| self.touchpoint_id(i)).collect();
        (
            paths
                .into_iter()
                .map(|(p, total_pain)| PainPath {
                    touchpoints: ids(p),
                    total_pain,
                })
                .collect(),
            cycles.into_iter().map(ids).collect(),
        )
    }

    /// Up to `k` distinct flow paths from an entry (no flow in) to an exit (no flow out),
    /// most painful first. Unscored touchpoints count 0. Inside a cycle only the links
    /// that go forward in map order count, so every path is finite. Ties go to the path
    /// found first in map order: earlier-made links first, then earlier exits.
    pub fn best_flow_paths(&self, k: usize) -> Vec<PainPath> {
        self.flow_paths_and_cycles(k).0
    }

    /// The touchpoints that depend on `id` through `depends_on` links, directly or through
    /// others, in map order (`id` itself excluded).
    pub fn dependents(&self, id: &str) -> Vec<Id> {
        let Some(&start) = self.index.get(id) else {
            return Vec::new();
        };
        let mut seen = std::collections::HashSet::from([start]);
        let mut queue = vec![start];
        while let Some(ix) = queue.pop() {
            for e in self.graph.edges_directed(ix, Direction::Incoming) {
                if *e.weight() == EdgeKind::Link(LinkKind::DependsOn) && seen.insert(e.source()) {
                    queue.push(e.source());
                }
            }
        }
        let mut found: Vec<NodeIndex> = seen.into_iter().filter(|&ix| ix != start).collect();
        found.sort();
        found
            .into_iter()
            .map(|ix| self.graph[ix].id.clone())
            .collect()
    }

    /// Touchpoints where the customer's flow starts: they have flow links out, none in.
    pub fn flow_entries(&self) -> Vec<Id> {
        self.graph
            .node_indices()
            .filter(|&ix| {
                let has = |dir| {
                    self.graph
                        .edges_directed(ix, dir)
                        .any(|e| *e.weight() == EdgeKind::Link(LinkKind::Flow))
                };
                has(Direction::Outgoing) && !has(Direction::Incoming)
            })
            .map(|ix| self.graph[ix].id.clone())
            .collect()
    }
}

/// The customer's flow on its own, as a petgraph graph: one node per touchpoint in map
/// order (a node's index is the touchpoint's position in `map.touchpoints`), weighted by
/// its pain (`pains`, unscored: 0), and one edge per flow link (`flow_links`, each as the
/// positions of its two ends), in map order. [`JourneyGraph`] makes it from its own nodes
/// and edges; the analysis makes it from the positions its index resolved, without the
/// whole graph.
pub(crate) fn flow_graph(
    pains: impl ExactSizeIterator<Item = u32>,
    flow_links: impl Iterator<Item = (usize, usize)>,
) -> DiGraph<u32, ()> {
    let mut flow = DiGraph::with_capacity(pains.len(), pains.len());
    for pain in pains {
        flow.add_node(pain);
    }
    for (from, to) in flow_links {
        flow.add_edge(NodeIndex::new(from), NodeIndex::new(to), ());
    }
    flow
}

/// The `k` most painful paths of a [`flow_graph`] and its cycles, from one search for its
/// strongly connected components, with touchpoints given by their position.
pub(crate) fn flow_paths_and_cycles(
    flow: &DiGraph<u32, ()>,
    k: usize,
) -> (Vec<PathAt>, Vec<Vec<usize>>) {
    let comps = flow_components(flow);
    let paths = best_flow_paths(flow, k, &comps);
    let cycles = comps
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|c| c.into_iter().map(NodeIndex::index).collect())
        .collect();
    (paths, cycles)
}

/// Strongly connected components of the flow, each sorted by node index (map order),
/// ordered by their first node.
fn flow_components(flow: &DiGraph<u32, ()>) -> Vec<Vec<NodeIndex>> {
    let mut comps: Vec<Vec<NodeIndex>> = petgraph::algo::tarjan_scc(flow)
        .into_iter()
        .map(|mut c| {
            c.sort_unstable();
            c
        })
        .collect();
    comps.sort_unstable_by_key(|c| c[0]);
    comps
}

/// The `k` best paths of [`JourneyGraph::best_flow_paths`], as touchpoint positions with
/// their total pain: a k-best dynamic program over the flow in topological order.
fn best_flow_paths(flow: &DiGraph<u32, ()>, k: usize, comps: &[Vec<NodeIndex>]) -> Vec<PathAt> {
    if k == 0 {
        return Vec::new();
    }
    let n = flow.node_count();
    let mut component = vec![usize::MAX; n];
    for (i, c) in comps.iter().enumerate() {
        for &ix in c {
            component[ix.index()] = i;
        }
    }
    // Inside a cycle (a strongly connected component) only the links that go forward in
    // map order are walked: the one that closes the circle is left out, so every path is
    // finite and no cycle is walked round.
    let usable = |a: NodeIndex, b: NodeIndex| component[a.index()] != component[b.index()] || a < b;
    let dag = petgraph::visit::EdgeFiltered::from_fn(flow, |e| usable(e.source(), e.target()));
    let Ok(order) = petgraph::algo::toposort(&dag, None) else {
        return Vec::new();
    };
    // For each node, its best paths so far: (total pain, predecessor and its rank), k
    // slots per node in one flat table (`len` says how many are used), and two buffers
    // reused for every node: no allocation per node.
    type Candidate = (u32, Option<(NodeIndex, usize)>);
    let mut best: Vec<Candidate> = vec![(0, None); n * k];
    let mut len = vec![0usize; n];
    let mut exits: Vec<NodeIndex> = Vec::new();
    let mut incoming = Vec::new();
    let mut here: Vec<Candidate> = Vec::new();
    for &ix in &order {
        incoming.clear();
        incoming.extend(
            flow.edges_directed(ix, Direction::Incoming)
                .filter(|e| usable(e.source(), ix))
                .map(|e| (e.id(), e.source())),
        );
        incoming.sort_unstable_by_key(|&(id, _)| id);
        let has_out = flow
            .edges_directed(ix, Direction::Outgoing)
            .any(|e| usable(ix, e.target()));
        if incoming.is_empty() && !has_out {
            continue; // no flow at all
        }
        let weight = flow[ix];
        here.clear();
        if incoming.is_empty() {
            here.push((weight, None));
        }
        for &(_, pred) in &incoming {
            let at = pred.index() * k;
            for (rank, (total, _)) in best[at..at + len[pred.index()]].iter().enumerate() {
                here.push((total + weight, Some((pred, rank))));
            }
        }
        // Stable: among equal totals, earlier links and better ranks stay first.
        here.sort_by_key(|c| std::cmp::Reverse(c.0));
        here.truncate(k);
        if !has_out {
            exits.push(ix);
        }
        let at = ix.index() * k;
        best[at..at + here.len()].copy_from_slice(&here);
        len[ix.index()] = here.len();
    }
    exits.sort_unstable();
    let mut ends: Vec<(u32, NodeIndex, usize)> = exits
        .iter()
        .flat_map(|&ix| {
            let at = ix.index() * k;
            best[at..at + len[ix.index()]]
                .iter()
                .enumerate()
                .map(move |(r, (t, _))| (*t, ix, r))
        })
        .collect();
    ends.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    ends.truncate(k);
    ends.into_iter()
        .map(|(total, end, rank)| {
            let mut path = vec![end.index()];
            let mut at = (end, rank);
            while let Some(prev) = best[at.0.index() * k + at.1].1 {
                path.push(prev.0.index());
                at = prev;
            }
            path.reverse();
            (path, total)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::MapBuilder;

    /// a(2) → b(9) → d(1)
    ///   ↘ c(3) ↗
    fn diamond() -> JourneyMap {
        MapBuilder::new()
            .stage("st_1")
            .lane("ln_1")
            .touchpoint("a", "st_1", "ln_1", Some(2))
            .touchpoint("b", "st_1", "ln_1", Some(9))
            .touchpoint("c", "st_1", "ln_1", Some(3))
            .touchpoint("d", "st_1", "ln_1", Some(1))
            .link("a", "b", LinkKind::Flow)
            .link("a", "c", LinkKind::Flow)
            .link("b", "d", LinkKind::Flow)
            .link("c", "d", LinkKind::Flow)
            .link("d", "a", LinkKind::Handoff)
            .build()
    }

    #[test]
    fn builds_from_ids() {
        let g = JourneyGraph::build(&diamond()).expect("valid map");
        assert_eq!(g.node_count(), 5);
        // 4 contains + 5 links
        assert_eq!(g.edge_count(), 9);
        assert_eq!(g.successors("a", LinkKind::Flow), ["b", "c"]);
        assert_eq!(g.predecessors("d", LinkKind::Flow), ["b", "c"]);
        assert_eq!(g.successors("d", LinkKind::Handoff), ["a"]);
        assert_eq!(g.flow_entries(), ["a"]);
        assert_eq!(g.kind_of("st_1"), Some(NodeKind::Stage));
        assert_eq!(g.kind_of("nope"), None);
    }

    #[test]
    fn pain_path_takes_the_painful_branch() {
        let g = JourneyGraph::build(&diamond()).expect("valid map");
        assert_eq!(
            g.pain_path(),
            Some(PainPath {
                touchpoints: vec!["a".into(), "b".into(), "d".into()],
                total_pain: 12
            })
        );
    }

    #[test]
    fn missing_references_are_errors() {
        let mut m = diamond();
        m.links[0].to = "ghost".into();
        assert_eq!(
            JourneyGraph::build(&m).unwrap_err(),
            GraphError::MissingTouchpoint {
                link: m.links[0].id.clone(),
                touchpoint: "ghost".into()
            }
        );
        let mut m = diamond();
        m.touchpoints[1].stage_id = "st_x".into();
        assert!(matches!(
            JourneyGraph::build(&m),
            Err(GraphError::MissingStage { .. })
        ));
        let mut m = diamond();
        m.touchpoints[1].lane_id = "ln_x".into();
        assert!(matches!(
            JourneyGraph::build(&m),
            Err(GraphError::MissingLane { .. })
        ));
    }

    #[test]
    fn no_flow_no_pain_path() {
        let m = MapBuilder::new()
            .stage("s")
            .lane("l")
            .touchpoint("a", "s", "l", Some(5))
            .build();
        assert_eq!(JourneyGraph::build(&m).expect("valid").pain_path(), None);
    }
}
