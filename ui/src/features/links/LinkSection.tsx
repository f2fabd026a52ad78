// The links part of a touchpoint's panel: its links (select to highlight the arrow,
// delete), and a form to link it to another card, chosen from a list or by clicking
// the card on the board.
import { memo, type ReactNode, useId, useMemo, useRef, useState } from "react";
import type { LinkDto, LinkKind, TouchpointDto } from "../../bindings";
import { ipc } from "../../ipc";
import { isolate } from "../../lib/bidi";
import { useEditsOff } from "../common/readOnly";
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
  const {
    touchpoint: t,
    touchpoints,
    links,
    edit,
    selectedLinkId,
    onSelectLink,
    linkModeActive,
    onStartLinkMode,
    onCancelLinkMode,
  } = props;
  // A read-only database: the links are listed (and selectable), not added or deleted.
  const editsOff = useEditsOff();
  const kindId = useId();
  const targetId = useId();
  const [kind, setKind] = useState<LinkKind>("flow");
  const [target, setTarget] = useState("");

  const named = useNames(touchpoints);
  const titles = useMemo(() => new Map(named), [named]);
  const mine = useMemo(() => links.filter((l) => l.fromId === t.id || l.toId === t.id), [links, t.id]);
  // A thousand options are built again only when a card's title or the card list changes,
  // not after every edit of a pain score.
  const options = useMemo(
    () =>
      named
        .filter(([id]) => id !== t.id)
        .map(([id, title]) => (
          <option key={id} value={id}>
            {title}
          </option>
        )),
    [named, t.id],
  );

  const create = () => {
    if (target === "") return;
    void edit(
      (mapId) => ipc.addLink(mapId, t.id, target, { kind, label: null }),
      (r) => {
        setTarget("");
        if (r.createdId) onSelectLink(r.createdId);
      },
    );
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
            const title = titles.get(outgoing ? l.toId : l.fromId);
            // The other card's title: in a <bdi> on screen and isolated in the labels, so its
            // bidi controls cannot reorder the words around it.
            const other = title === undefined ? "(missing card)" : <bdi>{title}</bdi>;
            const otherLabel = title === undefined ? "(missing card)" : isolate(title);
            return (
              <li
                key={l.id}
                data-testid="link-item"
                data-link-id={l.id}
                className={l.id === selectedLinkId ? "link-item link-item--selected" : "link-item"}
              >
                <button
                  type="button"
                  className="link-item__select"
                  aria-pressed={l.id === selectedLinkId}
                  aria-label={`${outgoing ? "To" : "From"} ${otherLabel}, ${LINK_KIND_LABELS[l.kind]}`}
                  onClick={() => onSelectLink(l.id)}
                >
                  <span aria-hidden="true">{outgoing ? "→ " : "← "}</span>
                  {other}
                  <span className="link-item__kind">{LINK_KIND_LABELS[l.kind]}</span>
                </button>
                {!editsOff && (
                  <button
                    type="button"
                    className="icon-button danger-subtle"
                    data-testid="link-delete"
                    aria-label={`Delete link ${outgoing ? "to" : "from"} ${otherLabel}`}
                    onClick={() => void edit((mapId) => ipc.deleteLink(mapId, l.id))}
                  >
                    ✕
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}

      {!editsOff && (
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
            <TargetSelect id={targetId} value={target} options={options} onChange={setTarget} />
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
      )}
    </section>
  );
}

type Name = readonly [id: string, title: string];

/** The cards' ids and titles, as the same array for as long as none of them changes. */
function useNames(touchpoints: readonly TouchpointDto[]): readonly Name[] {
  const kept = useRef<readonly Name[]>([]);
  const prev = kept.current;
  const same = prev.length === touchpoints.length && touchpoints.every((x, i) => prev[i][0] === x.id && prev[i][1] === x.title);
  if (!same) kept.current = touchpoints.map((x) => [x.id, x.title] as const);
  return kept.current;
}

type TargetSelectProps = { id: string; value: string; options: ReactNode; onChange: (value: string) => void };

/**
 * The target card list. Memoised on its own: React re-selects a controlled select's
 * options on every render, which walks all of them.
 */
const TargetSelect = memo(function TargetSelect({ id, value, options, onChange }: TargetSelectProps) {
  return (
    <select id={id} data-testid="link-target" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a card…</option>
      {options}
    </select>
  );
});
