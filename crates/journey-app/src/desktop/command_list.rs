// The desktop app's commands, declared once: `name(Request) -> Response;`.
//
// This file is the IPC surface. It is expanded, from this one list, into the functions'
// signature checks and the TypeScript `Commands` type (journey-app), the Tauri adapters
// and their handler list (src-tauri/src/lib.rs), and the app manifest and the `main`
// window's capability (src-tauri/build.rs includes this file). Adding a command is one
// line here plus its function in `desktop/api.rs`, which takes `(&mut Ctx, Request)`.
//
// Two groups: `app` commands run on the open database (`fn(&mut Ctx, Request)`);
// `recovery` commands run when it could not be opened (damaged, say), on what is known
// without it (`fn(&mut Recovery, Request)` in `desktop/recovery.rs`).
//
// The file holds only the macro, so that the build script can `include!` it as it is.

/// Calls `$callback! { app { name(Request) -> Response; … } recovery { … } }` with every
/// desktop command.
#[macro_export]
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            app {
            start(StartRequest) -> StartDto;
            list_maps(ListMapsRequest) -> Vec<MapSummaryDto>;
            open_map(OpenMapRequest) -> MapView;
            close_map(CloseMapRequest) -> ();
            create_map(CreateMapRequest) -> MapView;
            update_map(UpdateMapRequest) -> Edited;
            duplicate_map(DuplicateMapRequest) -> Vec<MapSummaryDto>;
            delete_map(DeleteMapRequest) -> Vec<MapSummaryDto>;
            undo_library(UndoLibraryRequest) -> Vec<MapSummaryDto>;
            add_stage(AddStageRequest) -> Edited;
            update_stage(UpdateStageRequest) -> Edited;
            move_stage(MoveStageRequest) -> Edited;
            delete_stage(DeleteStageRequest) -> Edited;
            add_lane(AddLaneRequest) -> Edited;
            update_lane(UpdateLaneRequest) -> Edited;
            move_lane(MoveLaneRequest) -> Edited;
            delete_lane(DeleteLaneRequest) -> Edited;
            add_touchpoint(AddTouchpointRequest) -> Edited;
            update_touchpoint(UpdateTouchpointRequest) -> Edited;
            move_touchpoint(MoveTouchpointRequest) -> Edited;
            delete_touchpoint(DeleteTouchpointRequest) -> Edited;
            add_link(AddLinkRequest) -> Edited;
            update_link(UpdateLinkRequest) -> Edited;
            delete_link(DeleteLinkRequest) -> Edited;
            list_feedback(ListFeedbackRequest) -> Vec<FeedbackDto>;
            add_feedback(AddFeedbackRequest) -> Edited;
            update_feedback(UpdateFeedbackRequest) -> Edited;
            delete_feedback(DeleteFeedbackRequest) -> Edited;
            undo(UndoRequest) -> Edited;
            redo(RedoRequest) -> Edited;
            export_map(ExportMapRequest) -> FileOutcome;
            import_map(ImportMapRequest) -> FileOutcome;
            map_insight(MapInsightRequest) -> Analysis;
            search_map(SearchMapRequest) -> Vec<String>;
            list_map_feedback(ListMapFeedbackRequest) -> Vec<FeedbackDto>;
            set_evidence_rules(SetEvidenceRulesRequest) -> Analysis;
            add_decision(AddDecisionRequest) -> Edited;
            update_decision(UpdateDecisionRequest) -> Edited;
            delete_decision(DeleteDecisionRequest) -> Edited;
            save_round(SaveRoundRequest) -> Edited;
            delete_round(DeleteRoundRequest) -> Edited;
            export_rounds_csv(ExportRoundsCsvRequest) -> FileOutcome;
            export_csv(ExportCsvRequest) -> FileOutcome;
            export_drawing(ExportDrawingRequest) -> FileOutcome;
            export_report(ExportReportRequest) -> FileOutcome;
            library_status(LibraryStatusRequest) -> LibraryStatus;
            connect_library(ConnectLibraryRequest) -> LibraryStatus;
            disconnect_library(DisconnectLibraryRequest) -> LibraryStatus;
            library_maps(LibraryMapsRequest) -> Vec<LibraryMapDto>;
            publish_map(PublishMapRequest) -> Vec<LibraryMapDto>;
            pull_map(PullMapRequest) -> Vec<MapSummaryDto>;
            open_library_map(OpenLibraryMapRequest) -> MapView;
            library_changed(LibraryChangedRequest) -> Option<MapPatch>;
            }
            recovery {
            recovery_status(RecoveryStatusRequest) -> Option<RecoveryDto>;
            restore_backup(RestoreBackupRequest) -> RestoredDto;
            salvage_database(SalvageRequest) -> SalvagedDto;
            }
        }
    };
}
