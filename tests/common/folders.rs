//! Settings and recovery folders for tests that call the editor's library code
//! (`cjm::tui::run::open`), which finds them as the binary does: through
//! `CJM_CONFIG_DIR` and `CJM_DATA_DIR`. A test must not change its own process's
//! environment (other tests' threads read it), so the test runs again in a
//! child process of its test binary, started with both variables set to fresh
//! temporary folders.
use std::path::PathBuf;
use std::process::Command;

/// Marks the child run: the name of the test it runs.
const CHILD: &str = "CJM_TEST_CHILD";

/// The folders as the child sees them.
pub struct Folders {
    pub config: PathBuf,
    pub data: PathBuf,
}

/// In the test process: runs test `name` (its full path in the test binary, as
/// `cargo test -- --exact` takes it) in a child with its own settings and
/// recovery folders, fails if the child fails, and returns `None` (the test is
/// done). In that child: returns the folders, for the test to go on with.
pub fn own_folders(name: &str) -> Option<Folders> {
    if std::env::var_os(CHILD).is_some_and(|n| n == name) {
        let var = |k: &str| PathBuf::from(std::env::var_os(k).unwrap());
        return Some(Folders {
            config: var("CJM_CONFIG_DIR"),
            data: var("CJM_DATA_DIR"),
        });
    }
    let (config, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let out = Command::new(std::env::current_exe().unwrap())
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env_clear()
        .envs(super::bin::environment())
        .env(CHILD, name)
        .env("CJM_CONFIG_DIR", config.path())
        .env("CJM_DATA_DIR", data.path())
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{name} failed:\n{said}");
    assert!(said.contains("1 passed"), "{name} did not run:\n{said}");
    None
}
