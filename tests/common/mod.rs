//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// The example corpus copied into a folder outside any repository, so that history is
/// unavailable and the output does not depend on this project's own commits.
pub fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("postmortems");
    let target = dir.path().join("postmortems");
    std::fs::create_dir_all(&target).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(&source).unwrap_or_else(|e| panic!("{e}")).flatten() {
        std::fs::copy(entry.path(), target.join(entry.file_name())).unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}
