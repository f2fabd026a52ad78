// One map in the library. The row itself opens the map (click, or Enter when focused);
// its buttons rename, duplicate and delete it.
import { useState } from "react";
import type { MapSummaryDto } from "../../bindings";
import { isolate } from "../../lib/bidi";
import { formatTimestamp } from "../../lib/dates";
import { ConfirmButton } from "../common/ConfirmButton";
import { InlineTextInput } from "../common/InlineTextInput";

type Props = {
  map: MapSummaryDto;
  /** False on a read-only database: the row opens the map, with no buttons to change it. */
  editable?: boolean;
  onOpen: () => void;
  onRename: (name: string) => void;
  onDuplicate: () => void;
  onDelete: () => void;
};

export function MapRow({ map, editable = true, onOpen, onRename, onDuplicate, onDelete }: Props) {
  const [renaming, setRenaming] = useState(false);
  // The name as it goes into labels and the prompt: isolated, so its bidi controls stay in it.
  const isolatedName = isolate(map.name);

  return (
    <tr
      className="map-row"
      data-testid="map-row"
      data-map-id={map.id}
      tabIndex={0}
      aria-label={`Open map ${isolatedName}`}
      onClick={() => {
        if (!renaming) onOpen();
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter" && e.target === e.currentTarget) {
          e.preventDefault();
          onOpen();
        }
      }}
    >
      <td className="map-row__name">
        {renaming ? (
          <InlineTextInput
            initial={map.name}
            ariaLabel="Map name"
            testId="map-name-input"
            onSubmit={(name) => {
              setRenaming(false);
              onRename(name);
            }}
            onCancel={() => setRenaming(false)}
          />
        ) : (
          <span data-testid="map-name">
            <bdi>{map.name}</bdi>
          </span>
        )}
      </td>
      <td>{map.personaName ? <bdi>{map.personaName}</bdi> : <span className="muted">—</span>}</td>
      <td className="num">{map.stageCount}</td>
      <td className="num">{map.touchpointCount}</td>
      <td>
        <time dateTime={map.updatedAt}>{formatTimestamp(map.updatedAt)}</time>
      </td>
      <td className="map-row__actions" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
        {editable && (
          <>
            <button type="button" data-testid="rename-map" aria-label={`Rename ${isolatedName}`} onClick={() => setRenaming(true)}>
              Rename
            </button>
            <button type="button" data-testid="duplicate-map" aria-label={`Duplicate ${isolatedName}`} onClick={onDuplicate}>
              Duplicate
            </button>
            <ConfirmButton
              label="Delete"
              ariaLabel={`Delete ${isolatedName}`}
              prompt={`Delete “${isolatedName}”?`}
              testId="delete-map"
              onConfirm={onDelete}
            />
          </>
        )}
      </td>
    </tr>
  );
}
