// The links part of a touchpoint's panel: its links (select to highlight the arrow,
// delete), and a form to link it to another card, chosen from a list or by clicking
// the card on the board.
import { useId, useMemo, useState } from "react";
import type { LinkDto, LinkKind, TouchpointDto } from "../../bindings";
import { ipc } from "../../ipc";
import type { Edit } from "../map/useMapSession";
import { LINK_KIND_LABELS, LINK_KINDS } from "./linkKinds";

type Props = {
  touchpoint: TouchpointDto;
  touchpoints: TouchpointDto[];
  links: LinkDto[];
  edit: Edit;
  selectedLinkId: string | null;
  onSelectLink: (id: string) => void;
  linkModeActive: boolean;
  onStartLinkMode: (kind: LinkKind) => void;
  onCancelLinkMode: () => void;
};

export function LinkSection(props: Props) {
  const { touchpoint: t, touchpoints, links, edit, selectedLinkId, onSelectLink, linkModeActive, onStartLinkMode, onCancelLinkMode } = props;
  const kindId = useId();
  const targetId = useId();
  const [kind, setKind] = useState<LinkKind>("flow");
  const [target, setTarget] = useState("");

  const titles = useMemo(() => new Map(touchpoints.map((x) => [x.id, x.title])), [touchpoints]);
  const mine = useMemo(() => links.filter((l) => l.fromId === t.id || l.toId === t.id), [links, t.id]);
  const options = useMemo(
    () =>
      touchpoints
        .filter((x) => x.id !== t.id)
        .map((x) => (
          <option key={x.id} value={x.id}>
            {x.title}
          </option>
        )),
    [touchpoints, t.id],
  );

  const create = () => {
    if (target === "") return;
    void edit((mapId) => ipc.addLink(mapId, t.id, target, { kind, label: null }), (r) => {
      setTarget("");
      if (r.createdId) onSelectLink(r.createdId);
    });
  };

  return (
    <section className="panel__section" aria-labelledby={`${kindId}-h`}>
      <h3 id={`${kindId}-h`}>Links</h3>
      {mine.length === 0 ? (
        <p className="muted">No links yet.</p>
      ) : (
        <ul className="link-list">
          {mine.map((l) => {
            const outgoing = l.fromId === t.id;
            const other = titles.get(outgoing ? l.toId : l.fromId) ?? "(missing card)";
            return (
              <li key={l.id} data-testid="link-item" data-link-id={l.id} className={l.id === selectedLinkId ? "link-item link-item--selected" : "link-item"}>
                <button
                  type="button"
                  className="link-item__select"
                  aria-pressed={l.id === selectedLinkId}
                  aria-label={`${outgoing ? "To" : "From"} ${other}, ${LINK_KIND_LABELS[l.kind]}`}
                  onClick={() => onSelectLink(l.id)}
                >
                  <span aria-hidden="true">{outgoing ? "→ " : "← "}</span>
                  {other}
                  <span className="link-item__kind">{LINK_KIND_LABELS[l.kind]}</span>
                </button>
                <button
                  type="button"
                  className="icon-button danger-subtle"
                  data-testid="link-delete"
                  aria-label={`Delete link ${outgoing ? "to" : "from"} ${other}`}
                  onClick={() => void edit((mapId) => ipc.deleteLink(mapId, l.id))}
                >
                  ✕
                </button>
              </li>
            );
          })}
        </ul>
      )}

      <div className="link-form">
        <h4>Link to…</h4>
        <div className="field">
          <label htmlFor={kindId}>Kind</label>
          <select id={kindId} data-testid="link-kind" value={kind} onChange={(e) => setKind(e.target.value as LinkKind)}>
            {LINK_KINDS.map((k) => (
              <option key={k} value={k}>
                {LINK_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={targetId}>Target card</label>
          <select id={targetId} data-testid="link-target" value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">Choose a card…</option>
            {options}
          </select>
        </div>
        <div className="button-row">
          <button type="button" className="primary" data-testid="link-create" disabled={target === ""} onClick={create}>
            Create link
          </button>
          {linkModeActive ? (
            <button type="button" onClick={onCancelLinkMode}>
              Cancel picking
            </button>
          ) : (
            <button type="button" data-testid="link-pick" onClick={() => onStartLinkMode(kind)}>
              Pick card on board
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
