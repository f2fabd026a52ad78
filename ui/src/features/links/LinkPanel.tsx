// The panel for a link selected on the board: where it goes, its kind and label, and
// a delete button.
import type { LinkDto, LinkKind, TouchpointDto } from "../../bindings";
import { ipc } from "../../ipc";
import { TextField } from "../common/fields";
import { useEditsOff } from "../common/readOnly";
import type { Edit } from "../map/useMapSession";
import { LINK_KIND_LABELS, LINK_KINDS } from "./linkKinds";

type Props = {
  link: LinkDto;
  from: TouchpointDto | undefined;
  to: TouchpointDto | undefined;
  edit: Edit;
  onSelectTouchpoint: (id: string) => void;
  onDeleted: () => void;
};

export function LinkPanel({ link, from, to, edit, onSelectTouchpoint, onDeleted }: Props) {
  const editsOff = useEditsOff();
  const update = (patch: { kind?: LinkKind; label?: string | null }) =>
    edit((mapId, v) => {
      const cur = v.links.find((l) => l.id === link.id) ?? link;
      return ipc.updateLink(mapId, link.id, { kind: cur.kind, label: cur.label, ...patch });
    }).then((r) => r !== null);

  return (
    <div className="link-panel" data-testid="link-detail">
      {/* The titles in <bdi>, so bidi controls in one cannot reorder the arrow or the other. */}
      <p className="link-panel__ends">
        <button type="button" className="link-button" disabled={!from} onClick={() => from && onSelectTouchpoint(from.id)}>
          {from ? <bdi>{from.title}</bdi> : "(missing card)"}
        </button>
        <span aria-label="to"> → </span>
        <button type="button" className="link-button" disabled={!to} onClick={() => to && onSelectTouchpoint(to.id)}>
          {to ? <bdi>{to.title}</bdi> : "(missing card)"}
        </button>
      </p>
      <div className="field">
        <label htmlFor="link-panel-kind">Kind</label>
        <select
          id="link-panel-kind"
          data-testid="link-panel-kind"
          disabled={editsOff}
          value={link.kind}
          onChange={(e) => void update({ kind: e.target.value as LinkKind })}
        >
          {LINK_KINDS.map((k) => (
            <option key={k} value={k}>
              {LINK_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label="Label"
        value={link.label ?? ""}
        testId="link-label"
        onCommit={(v) => update({ label: v.trim() === "" ? null : v })}
      />
      {!editsOff && (
        <button
          type="button"
          className="danger"
          data-testid="link-delete"
          onClick={() => void edit((mapId) => ipc.deleteLink(mapId, link.id), onDeleted)}
        >
          Delete link
        </button>
      )}
    </div>
  );
}
