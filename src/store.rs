//! Atomic saves that never leave a half-written map, never silently overwrite a
//! file someone else changed since it was loaded, keep the file's mode, owner and
//! group, and replace nothing but a regular file. Reading is `files`' job.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::files::{Problem, not_a_file};

pub use crate::files::Fingerprint;

/// Why a save did not happen.
#[derive(Debug)]
pub enum SaveError {
    /// The file on disk is no longer the one that was loaded (a `git pull`, another
    /// editor): the caller decides whether to overwrite, reload or cancel.
    ChangedOnDisk,
    Io(io::Error),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::ChangedOnDisk => write!(f, "the file changed on disk since it was loaded"),
            SaveError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for SaveError {}

impl From<io::Error> for SaveError {
    fn from(e: io::Error) -> Self {
        SaveError::Io(e)
    }
}

/// True when the file at `path` is not the one `loaded` describes. A file that is
/// gone counts as changed only when it existed at load time.
fn changed_on_disk(path: &Path, loaded: &Fingerprint) -> io::Result<bool> {
    check_replaceable(path)?;
    match crate::files::read(path) {
        Ok((_, now)) => {
            Ok(now.len != loaded.len || now.hash != loaded.hash || now.modified != loaded.modified)
        }
        Err(e) => match e.problem {
            Problem::Io(e) if e.kind() == io::ErrorKind::NotFound => Ok(true),
            Problem::Io(e) => Err(e),
            // A file grown past the limit is not the one that was loaded.
            Problem::TooLarge => Ok(true),
            _ => Err(io::Error::other(e.to_string())),
        },
    }
}

/// True when the file at `path` is no longer the one `loaded` describes
/// (`None`: there was no file, and now there is one).
pub fn changed(path: &Path, loaded: Option<&Fingerprint>) -> io::Result<bool> {
    match loaded {
        Some(fp) => changed_on_disk(path, fp),
        None => Ok(path.exists()),
    }
}

/// Saves `contents` to `path` atomically after checking that the file is still the
/// one that was loaded (`expected`; `None` for a file that did not exist). Returns
/// the new fingerprint.
pub fn save_checked(
    path: &Path,
    contents: &[u8],
    expected: Option<&Fingerprint>,
) -> Result<Fingerprint, SaveError> {
    match expected {
        Some(fp) if changed_on_disk(path, fp)? => return Err(SaveError::ChangedOnDisk),
        None if path.exists() => return Err(SaveError::ChangedOnDisk),
        _ => {}
    }
    save(path, contents)?;
    let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
    Ok(Fingerprint::of(contents, modified))
}

/// Atomic save: write a temporary file in the same folder, flush and fsync it, give
/// it the target's owner, group and permissions, rename it over the target, fsync
/// the folder. Only a regular file (or a symlink to one, written through) is ever
/// replaced: a folder, device, FIFO or socket at `path` is an error and stays as
/// it is.
pub fn save(path: &Path, contents: &[u8]) -> io::Result<()> {
    save_with(path, |f| f.write_all(contents))
}

/// `save` with the writing step given, so tests can make it fail half-way.
fn save_with(path: &Path, write: impl FnOnce(&mut fs::File) -> io::Result<()>) -> io::Result<()> {
    let target = real_target(path);
    check_replaceable(&target)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "map".into());
    remove_stale_temporaries(&dir, &name);
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(&name, std::process::id()))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    // On any error below, dropping `tmp` removes the temporary file; the target is
    // untouched because the rename has not happened.
    write(tmp.as_file_mut())?;
    tmp.as_file_mut().flush()?;
    tmp.as_file().sync_all()?;
    match fs::metadata(&target) {
        Ok(meta) => {
            // Owner first: changing it may clear set-id bits the mode then restores.
            keep_owner(tmp.as_file(), &meta);
            fs::set_permissions(tmp.path(), meta.permissions())?;
        }
        // A new file: the temporary file is private (0600); a map is a document,
        // readable like any file an editor creates.
        #[cfg(unix)]
        Err(_) => {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o644))?;
        }
        #[cfg(not(unix))]
        Err(_) => {}
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    sync_dir(&dir);
    Ok(())
}

/// Refuses to replace anything but a regular file: renaming over `/dev/null` or a
/// FIFO would turn it into a file (and, as root, break the system). A path that
/// does not exist yet is fine.
fn check_replaceable(path: &Path) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) => match not_a_file(&meta) {
            None => Ok(()),
            Some(kind) => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "is {kind}, not a regular file; cjm only replaces regular files, so nothing was written"
                ),
            )),
        },
        Err(_) => Ok(()),
    }
}

/// The owner and group of the file being replaced go to its replacement. Root can
/// always do this. Anyone else may only keep the group (when a member of it): then
/// the saved file becomes theirs, as with every editor that saves by rename, since
/// refusing to save would be worse. So failures here are not errors.
#[cfg(unix)]
fn keep_owner(tmp: &fs::File, target: &fs::Metadata) {
    use std::os::unix::fs::{MetadataExt, fchown};
    let Ok(mine) = tmp.metadata() else { return };
    if mine.uid() == target.uid() && mine.gid() == target.gid() {
        return;
    }
    if fchown(tmp, Some(target.uid()), Some(target.gid())).is_err() {
        let _ = fchown(tmp, None, Some(target.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_: &fs::File, _: &fs::Metadata) {}

/// Temporary files are named `.NAME.cjm-PID-RANDOM.tmp`: the pid says whose save
/// it is, so that a later save can tell a leftover from a live one.
fn temp_prefix(name: &str, pid: u32) -> String {
    format!(".{name}.cjm-{pid}-")
}

/// A save killed with `kill -9` (or a power cut) leaves its temporary file behind.
/// The next save of the same map removes such leftovers, but never a concurrent
/// save's file: one named with a pid is removed only when no process has that pid
/// (read from /proc; a save from another pid namespace sharing the folder is the
/// one case this cannot see, and it then fails cleanly at its rename, leaving the
/// map as it was). Files whose writer cannot be told (no /proc, or named by an
/// older cjm without a pid) are removed once they are an hour old, far longer
/// than any save takes.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let start = format!(".{name}.");
    let procfs = Path::new("/proc/self").exists();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(middle) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&start))
            .and_then(|n| n.strip_suffix(".tmp"))
        else {
            continue;
        };
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let pid = middle
            .strip_prefix("cjm-")
            .and_then(|m| m.split('-').next())
            .and_then(|p| p.parse::<u32>().ok());
        let stale = match pid {
            Some(pid) if procfs => {
                pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists()
            }
            // An older cjm's name: a dot, the map's name, six random characters.
            None if middle.contains('.') || middle.len() != 6 => false,
            _ => meta
                .modified()
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > Duration::from_secs(3600)),
        };
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Saving through a symlink replaces the file it points to, not the link.
fn real_target(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).unwrap_or(path.to_path_buf()),
        _ => path.to_path_buf(),
    }
}

/// Makes the rename durable. Best effort: not every platform can open a folder.
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Settings (`settings.ron`) live here: `$CJM_CONFIG_DIR` or the platform's.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("CJM_CONFIG_DIR") {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "cjm").map(|p| p.config_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.ron");
        fs::write(&p, "old").unwrap();
        let err = save_with(&p, |f| {
            f.write_all(b"half")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        });
        assert!(err.is_err());
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_changed_file_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.ron");
        fs::write(&p, "one").unwrap();
        let (_, fp) = crate::files::read(&p).unwrap();
        fs::write(&p, "two, from git pull").unwrap();
        assert!(matches!(
            save_checked(&p, b"mine", Some(&fp)),
            Err(SaveError::ChangedOnDisk)
        ));
        assert_eq!(fs::read_to_string(&p).unwrap(), "two, from git pull");
        let (_, fp2) = crate::files::read(&p).unwrap();
        save_checked(&p, b"mine", Some(&fp2)).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "mine");
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.ron");
        fs::write(&p, "x").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        save(&p, b"y").unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
}
