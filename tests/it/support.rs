//! Helpers shared by the test modules.

use journey_app::App;

/// An app on a fresh database file in a temporary folder.
pub struct TestApp {
    pub app: App,
    pub dir: tempfile::TempDir,
}

impl TestApp {
    pub fn new() -> TestApp {
        let dir = tempfile::tempdir().expect("tempdir");
        let app = App::open(&dir.path().join("maps.sqlite3")).expect("opens");
        TestApp { app, dir }
    }

    /// Every map, exported, in list order: what "the database is unchanged" means to a user.
    pub fn snapshot(&self) -> String {
        let mut s = String::new();
        for m in self.app.list_maps().expect("list") {
            s.push_str(&self.app.export_map(&m.id).expect("export"));
        }
        s
    }

    /// Closes and reopens the database, as a restart would.
    pub fn reopen(self) -> TestApp {
        let TestApp { app, dir } = self;
        drop(app);
        let app = App::open(&dir.path().join("maps.sqlite3")).expect("reopens");
        TestApp { app, dir }
    }
}

/// The map's `updatedAt` moves with every edit, undo included; compare the rest.
pub fn strip_updated(json: &str) -> String {
    json.lines()
        .filter(|l| !l.trim_start().starts_with("\"updatedAt\""))
        .collect::<Vec<_>>()
        .join("\n")
}
