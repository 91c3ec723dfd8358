//! External tools some tests need (Chromium, Mermaid's parser), installed by a
//! `.ci/setup-*.sh` script the first time a test asks for one. Tests inside a
//! binary run in parallel threads, and two installers at once fight (two
//! `apt-get install` runs: one loses dpkg's lock and the test fails on a fresh
//! machine), so the install runs behind a lock file: the first caller installs,
//! the others wait for it and then find the tool there.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Scripts that already failed in this test binary: the next test asking fails at
/// once instead of running a failing `apt-get` again.
static FAILED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Makes sure a tool is there: returns at once when `installed()` says so, else
/// runs `bash script` (one caller at a time, across threads and test binaries) and
/// checks again. Panics with the script's name when the tool cannot be had: the
/// tests that need it fail, never skip.
pub fn ensure(script: &Path, installed: impl Fn() -> bool) {
    if installed() {
        return;
    }
    let lock = lock_file(script);
    lock.lock()
        .unwrap_or_else(|e| panic!("cannot lock {}: {e}", lock_path(script).display()));
    // Another caller may have installed it while this one waited.
    if !installed() {
        let failed_before = FAILED.lock().is_ok_and(|f| f.iter().any(|p| p == script));
        assert!(
            !failed_before,
            "{} failed earlier in this run",
            script.display()
        );
        let status = Command::new("bash")
            .arg(script)
            .status()
            .unwrap_or_else(|e| panic!("bash cannot run {}: {e}", script.display()));
        if !status.success() {
            if let Ok(mut f) = FAILED.lock() {
                f.push(script.to_path_buf());
            }
            panic!("{} failed ({status})", script.display());
        }
        assert!(
            installed(),
            "{} succeeded but the tool is still missing",
            script.display()
        );
    }
    // Dropping the file releases the lock.
    drop(lock);
}

/// One lock per script, in the system's temporary folder: Chromium is installed
/// machine-wide, so two checkouts (or two users) testing at once must take turns
/// too.
fn lock_path(script: &Path) -> PathBuf {
    let name = script
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "setup".into());
    std::env::temp_dir().join(format!("cjm-{name}.lock"))
}

/// The lock file, created if missing; read-only when another user created it (a
/// lock needs no write access).
fn lock_file(script: &Path) -> File {
    let path = lock_path(script);
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .or_else(|_| File::open(&path))
        .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()))
}
