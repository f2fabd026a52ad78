// A lane's row label, kept in view while the board scrolls sideways: its name with the
// lane's accent, and buttons to rename, move up/down, hide and (custom lanes) delete it.
import { memo, useState } from "react";
import type { LaneDto } from "../../bindings";
import { isolate } from "../../lib/bidi";
import { laneAccentClass } from "../../lib/lanes";
import { plural } from "../../lib/metrics";
import { ConfirmButton } from "../common/ConfirmButton";
import { InlineTextInput } from "../common/InlineTextInput";
import { useEditsOff } from "../common/readOnly";
import { useBoardActions } from "./boardActions";

type Props = {
  lane: LaneDto;
  first: boolean;
  last: boolean;
  /** Shown as a narrow strip with its name and card count. */
  collapsed?: boolean;
  cardCount?: number;
};

export const LaneLabel = memo(function LaneLabel({ lane, first, last, collapsed = false, cardCount = 0 }: Props) {
  const actions = useBoardActions();
  // A read-only database: the lane shows (and collapses); rename, move, hide and delete go.
  const editsOff = useEditsOff();
  const [renaming, setRenaming] = useState(false);
  // The name as it goes into labels and prompts: isolated, so its bidi controls stay in it.
  const isolatedName = isolate(lane.name);
  const collapse = (
    <button
      type="button"
      className="icon-button lane-label__collapse"
      data-action="collapse"
      data-testid="collapse-lane"
      aria-expanded={!collapsed}
      aria-label={`${collapsed ? "Expand" : "Collapse"} lane ${isolatedName}`}
      title={collapsed ? "Expand" : "Collapse"}
      onClick={() => actions.toggleLaneCollapsed(lane.id)}
    >
      {collapsed ? "▸" : "▾"}
    </button>
  );

  if (collapsed) {
    return (
      <div
        className={`lane-label lane-label--collapsed ${laneAccentClass(lane.kind)}`}
        data-testid="lane-label"
        data-lane-label=""
        data-lane-id={lane.id}
        data-collapsed="true"
      >
        <div className="lane-label__inner lane-label__inner--collapsed">
          {collapse}
          <span className="lane-label__name" data-testid="lane-name">
            <bdi>{lane.name}</bdi>
          </span>
          <span className="lane-label__kind" data-testid="collapsed-count">
            {plural(cardCount, "card")}
          </span>
        </div>
      </div>
    );
  }

  return (
    <div className={`lane-label ${laneAccentClass(lane.kind)}`} data-testid="lane-label" data-lane-label="" data-lane-id={lane.id}>
      <div className="lane-label__inner">
        {collapse}
        {renaming ? (
          <InlineTextInput
            initial={lane.name}
            ariaLabel="Lane name"
            testId="lane-name-input"
            onSubmit={(name) => {
              setRenaming(false);
              if (name !== lane.name) actions.renameLane(lane.id, name);
            }}
            onCancel={() => setRenaming(false)}
          />
        ) : (
          <span className="lane-label__name" data-testid="lane-name" onDoubleClick={editsOff ? undefined : () => setRenaming(true)}>
            <bdi>{lane.name}</bdi>
          </span>
        )}
        {!lane.builtIn && <span className="lane-label__kind">custom</span>}
        {!editsOff && (
          <div className="lane-label__tools">
            <button
              type="button"
              className="icon-button"
              data-action="rename"
              aria-label={`Rename lane ${isolatedName}`}
              title="Rename"
              onClick={() => setRenaming(true)}
            >
              ✎
            </button>
            <button
              type="button"
              className="icon-button"
              data-action="move-up"
              aria-label={`Move lane ${isolatedName} up`}
              title="Move up"
              disabled={first}
              onClick={() => actions.moveLane(lane.id, -1)}
            >
              ▲
            </button>
            <button
              type="button"
              className="icon-button"
              data-action="move-down"
              aria-label={`Move lane ${isolatedName} down`}
              title="Move down"
              disabled={last}
              onClick={() => actions.moveLane(lane.id, 1)}
            >
              ▼
            </button>
            <button
              type="button"
              className="icon-button"
              data-action="hide"
              data-testid="hide-lane"
              aria-label={`Hide lane ${isolatedName}`}
              title="Hide"
              onClick={() => actions.setLaneHidden(lane.id, true)}
            >
              ⊘
            </button>
            {!lane.builtIn && (
              <ConfirmButton
                className="icon-button danger-subtle"
                label="✕"
                ariaLabel={`Delete lane ${isolatedName}`}
                testId="delete-lane"
                prompt={`Delete “${isolatedName}” and its touchpoints?`}
                onConfirm={() => actions.deleteLane(lane.id)}
              />
            )}
          </div>
        )}
      </div>
    </div>
  );
});
