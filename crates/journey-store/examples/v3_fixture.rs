//! Writes `tests/fixtures/v3-sample.sqlite3`: the version 1 fixture migrated to schema 3
//! (the schema before the workshop tables), as a Journeymap of that schema left it.
//! Run once: `cargo run -p journey-store --example v3_fixture`.

use rusqlite::Connection;
use rusqlite_migration::Migrations;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let out = root.join("v3-sample.sqlite3");
    std::fs::copy(root.join("v1-sample.sqlite3"), &out).expect("copy");
    let mut conn = Connection::open(&out).expect("open");
    journey_store::register_functions(&conn).expect("functions");
    Migrations::from_slice(&journey_store::schema::MIGRATIONS[..3])
        .to_latest(&mut conn)
        .expect("migrate to 3");
    conn.execute_batch("VACUUM").expect("vacuum");
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(v, 3);
    println!("{}", out.display());
}
