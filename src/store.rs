//! The only module that touches map files: reading with a fingerprint, and atomic
//! saves that never leave a half-written map and never silently overwrite a file
//! someone else changed since it was loaded.

use std::fs;
use std::hash::{Hash, Hasher};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What a file looked like when it was read: size, modification time and a hash of
/// its content. A later save compares the file on disk against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

impl Fingerprint {
    pub fn of(bytes: &[u8], modified: Option<SystemTime>) -> Fingerprint {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        Fingerprint {
            len: bytes.len() as u64,
            modified,
            hash: h.finish(),
        }
    }
}

/// Reads a whole file, or standard input for `-`.
pub fn read(path: &Path) -> io::Result<(Vec<u8>, Fingerprint)> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin().read_to_end(&mut buf)?;
        let fp = Fingerprint::of(&buf, None);
        return Ok((buf, fp));
    }
    let bytes = fs::read(path)?;
    let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
    let fp = Fingerprint::of(&bytes, modified);
    Ok((bytes, fp))
}

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
pub fn changed_on_disk(path: &Path, loaded: &Fingerprint) -> io::Result<bool> {
    match fs::read(path) {
        Ok(bytes) => {
            let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
            let now = Fingerprint::of(&bytes, modified);
            Ok(now.len != loaded.len || now.hash != loaded.hash || now.modified != loaded.modified)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e),
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
/// it the target's permissions, rename it over the target, fsync the folder.
pub fn save(path: &Path, contents: &[u8]) -> io::Result<()> {
    save_with(path, |f| f.write_all(contents))
}

/// `save` with the writing step given, so tests can make it fail half-way.
pub fn save_with(
    path: &Path,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> io::Result<()> {
    let target = real_target(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "map".into());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    // On any error below, dropping `tmp` removes the temporary file; the target is
    // untouched because the rename has not happened.
    write(tmp.as_file_mut())?;
    tmp.as_file_mut().flush()?;
    tmp.as_file().sync_all()?;
    match fs::metadata(&target) {
        Ok(meta) => fs::set_permissions(tmp.path(), meta.permissions())?,
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
        let (_, fp) = read(&p).unwrap();
        fs::write(&p, "two, from git pull").unwrap();
        assert!(matches!(
            save_checked(&p, b"mine", Some(&fp)),
            Err(SaveError::ChangedOnDisk)
        ));
        assert_eq!(fs::read_to_string(&p).unwrap(), "two, from git pull");
        let (_, fp2) = read(&p).unwrap();
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
