//! The save lock: one file, `NAME.lock` in the live folder, that a session
//! holds while it reads, merges and writes the map, so that two sessions'
//! saves never interleave (each would otherwise merge with the file as it was
//! before the other's save, and the second rename would drop the first's work).
//!
//! The lock is a file created with `create_new`, which the file system makes
//! atomic (also on NFS v3 and later). It holds this machine's name and the
//! holder's process id, so that a lock left by a session that was killed is
//! seen as stale: on this machine when its process is gone, anywhere once it
//! is older than `LOCK_STALE` (a save takes milliseconds). A stale lock is
//! removed and taken. Two sessions that find one stale lock at the same moment
//! could both remove it; the window is one `unlink` wide, and the map file is
//! replaced by rename whatever happens, so the worst case is one merge made
//! against a file one save older, which the next save's check catches.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{FOLDER, IGNORE, host, read_small, real, running};

/// A lock older than this is a killed session's, wherever it ran.
pub const LOCK_STALE: Duration = Duration::from_secs(10);
/// How long a save waits for another session's save to finish.
pub const LOCK_WAIT: Duration = Duration::from_secs(3);

/// The save lock, held until dropped.
#[derive(Debug)]
pub struct SaveLock {
    path: PathBuf,
}

impl Drop for SaveLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// The lock file for `map`.
pub fn lock_path(map: &Path) -> PathBuf {
    let (dir, name) = real(map);
    dir.join(FOLDER).join(format!("{name}.lock"))
}

/// Takes the save lock for `map`, waiting up to `wait` for another session
/// to finish its save. A stale lock is taken over.
pub fn lock(map: &Path, wait: Duration) -> io::Result<SaveLock> {
    let path = lock_path(map);
    if let Some(folder) = path.parent() {
        make_folder(folder)?;
    }
    let start = Instant::now();
    loop {
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                let held = SaveLock { path };
                f.write_all(format!("host: {}\npid: {}\n", host(), std::process::id()).as_bytes())?;
                return Ok(held);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                if is_stale(&path) {
                    let _ = fs::remove_file(&path);
                } else if start.elapsed() >= wait {
                    return Err(io::Error::new(
                        io::ErrorKind::WouldBlock,
                        format!("another cjm session is saving this map ({})", holder(&path)),
                    ));
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => return Err(e),
        }
    }
}

/// The live folder, made with its `.gitignore` when missing.
fn make_folder(folder: &Path) -> io::Result<()> {
    match fs::create_dir(folder) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    let ignore = folder.join(".gitignore");
    if !ignore.exists() {
        fs::write(&ignore, IGNORE)?;
    }
    Ok(())
}

/// The host and pid a lock file names, when it names them.
fn owner(path: &Path) -> Option<(String, u32)> {
    let text = read_small(path, 1024).ok()??;
    let mut host = None;
    let mut pid = None;
    for line in text.lines() {
        match line.split_once(": ") {
            Some(("host", h)) => host = Some(h.to_string()),
            Some(("pid", p)) => pid = p.trim().parse().ok(),
            _ => {}
        }
    }
    Some((host?, pid?))
}

fn holder(path: &Path) -> String {
    match owner(path) {
        Some((h, p)) => format!("process {p} on {}", super::file::one_line(&h)),
        None => "a process cjm cannot name".into(),
    }
}

/// A lock whose process is gone from this machine, or that is older than any
/// save takes. A lock being written this instant (no pid yet) is young, so it
/// is left alone.
fn is_stale(path: &Path) -> bool {
    let old = fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > LOCK_STALE);
    let dead = owner(path).is_some_and(|(h, pid)| h == host() && !running(pid));
    old || dead
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_in(dir: &Path) -> PathBuf {
        let p = dir.join("journey.ron");
        fs::write(&p, "x").unwrap();
        p
    }

    #[test]
    fn a_held_lock_makes_the_next_wait_and_is_gone_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let held = lock(&map, LOCK_WAIT).unwrap();
        assert!(lock_path(&map).exists());
        let err = lock(&map, Duration::from_millis(100)).unwrap_err();
        assert!(
            err.to_string().contains("another cjm session is saving"),
            "{err}"
        );
        drop(held);
        assert!(!lock_path(&map).exists());
        lock(&map, Duration::ZERO).unwrap();
    }

    #[test]
    fn a_dead_sessions_lock_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let mut dead = std::process::Command::new("true").spawn().unwrap();
        let pid = dead.id();
        dead.wait().unwrap();
        make_folder(&dir.path().join(FOLDER)).unwrap();
        fs::write(lock_path(&map), format!("host: {}\npid: {pid}\n", host())).unwrap();
        let start = Instant::now();
        lock(&map, Duration::ZERO).unwrap();
        assert!(start.elapsed() < Duration::from_secs(1));
    }

    #[test]
    fn an_old_lock_from_another_machine_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        make_folder(&dir.path().join(FOLDER)).unwrap();
        let p = lock_path(&map);
        fs::write(&p, "host: elsewhere\npid: 1\n").unwrap();
        assert!(lock(&map, Duration::ZERO).is_err(), "a fresh lock holds");
        let f = fs::File::options().write(true).open(&p).unwrap();
        f.set_modified(std::time::SystemTime::now() - LOCK_STALE * 2)
            .unwrap();
        drop(f);
        lock(&map, Duration::ZERO).unwrap();
    }
}
