//! A repository owned by another user: git refuses to read it (safe.directory), and pmctl says so
//! instead of claiming there is no repository.

#[cfg(unix)]
#[test]
fn a_repository_of_another_user_is_named_as_such() {
    use assert_cmd::Command;

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let run = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir.path())
            .output()
            .unwrap_or_else(|e| panic!("git: {e}"))
    };
    run(&["init", "-q"]);
    std::fs::create_dir(dir.path().join("postmortems")).unwrap_or_else(|e| panic!("{e}"));
    // Only root can give the repository away; elsewhere this check cannot be set up.
    if std::os::unix::fs::chown(dir.path().join(".git"), Some(65534), Some(65534)).is_err() {
        eprintln!("skipped: not allowed to change the repository's owner");
        return;
    }
    let output = Command::cargo_bin("pmctl")
        .unwrap_or_else(|e| panic!("{e}"))
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args(["actions", "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("safe.directory"), "{stderr}");
}
