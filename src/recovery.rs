//! Recovery files: unsaved work kept outside the user's map, so that a crash, a
//! closed terminal or a killed session loses nothing.
//!
//! Every editor session writes its own files (named after the map and the
//! session), so two editors on one map never overwrite or remove each other's
//! work; opening the map finds them all. The files hold a map's unsaved text, so
//! they are as private as can be: `0600` in a `0700` folder. They are written here
//! with a small atomic write of their own: a temporary file (created `0600`) in the
//! same folder, synced, then renamed over the old one.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// Where cjm keeps its data: `$CJM_DATA_DIR` when set (tests, portable setups),
/// else the platform's data directory for cjm.
fn data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("CJM_DATA_DIR") {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "cjm").map(|p| p.data_dir().to_path_buf())
}

/// The folder that holds every recovery file.
pub fn folder() -> Option<PathBuf> {
    Some(data_dir()?.join("recovery"))
}

/// FNV-1a with 64 bits. Recovery file names must come out the same in every
/// build: a file written before a toolchain upgrade has to be found after it,
/// which `DefaultHasher` does not promise.
fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The part of a recovery file's name shared by every session on one map: the
/// map's stem (for a person looking in the folder) and a hash of its absolute
/// path, so that two `journey.ron` in different folders never meet.
fn map_key(file: &Path) -> String {
    let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "map".into());
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "{safe}-{:016x}",
        fnv1a64(abs.as_os_str().as_encoded_bytes())
    )
}

/// One editor session: the process id and when the session started, so that a
/// later process with the same id does not take over a crashed one's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    id: String,
}

impl Session {
    pub fn new() -> Session {
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let ms = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        let pid = std::process::id();
        let id = if n == 0 {
            format!("{pid}-{ms}")
        } else {
            format!("{pid}-{ms}-{n}")
        };
        Session { id }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// The process that ran the session, for telling sessions apart on screen.
    pub fn pid(id: &str) -> Option<u32> {
        id.split('-').next()?.parse().ok()
    }
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

/// What a recovery file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The map's unsaved state.
    Autosave,
    /// Text back from `$EDITOR` that does not load, kept until the user decides.
    RejectedEdit,
}

impl Kind {
    fn suffix(self) -> &'static str {
        match self {
            Kind::Autosave => ".ron",
            Kind::RejectedEdit => ".edit.ron",
        }
    }
}

/// The recovery file of `kind` for `file` in `session`:
/// `STEM-HASH.SESSION.ron`, or `STEM-HASH.SESSION.edit.ron` for a rejected edit.
pub fn path(file: &Path, session: &Session, kind: Kind) -> Option<PathBuf> {
    Some(path_in(&folder()?, file, session, kind))
}

fn path_in(folder: &Path, file: &Path, session: &Session, kind: Kind) -> PathBuf {
    folder.join(format!("{}.{}{}", map_key(file), session.id, kind.suffix()))
}

/// What a map file looked like when a session read it: its size, modification
/// time and content hash (the editor's change-check fingerprint, as plain
/// numbers: this module imports nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

/// The map file a session's work started from, as the session read it: a
/// save of restored work must find the file still so, or ask first, as a save
/// of any edit does. Kept on the first line of a recovery file, as a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// The map file did not exist yet.
    NoFile,
    File(Seen),
    /// A file written by an earlier cjm, which did not say.
    Unknown,
}

/// How the first line of every recovery file starts.
const BASE_LINE: &str = "// cjm recovery, started from: ";

fn base_line(base: Option<&Seen>) -> String {
    match base {
        None => format!("{BASE_LINE}no file\n"),
        Some(fp) => {
            let modified = fp
                .modified
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map(|d| format!("{}.{:09}", d.as_secs(), d.subsec_nanos()))
                .unwrap_or_else(|| "none".into());
            format!(
                "{BASE_LINE}len={} modified={modified} hash={:016x}\n",
                fp.len, fp.hash
            )
        }
    }
}

/// The base a recovery file's text names, and the text without that line.
fn split_base(text: &str) -> (Base, &str) {
    let Some(rest) = text.strip_prefix(BASE_LINE) else {
        return (Base::Unknown, text);
    };
    let (line, body) = rest.split_once('\n').unwrap_or((rest, ""));
    if line == "no file" {
        return (Base::NoFile, body);
    }
    let field = |name: &str| {
        line.split(' ')
            .find_map(|w| w.strip_prefix(name)?.strip_prefix('='))
    };
    let modified = match field("modified") {
        Some("none") => Some(None),
        Some(m) => m.split_once('.').and_then(|(s, n)| {
            let d = Duration::new(s.parse().ok()?, n.parse().ok()?);
            Some(SystemTime::UNIX_EPOCH.checked_add(d))
        }),
        None => None,
    };
    let len = field("len").and_then(|l| l.parse().ok());
    let hash = field("hash").and_then(|h| u64::from_str_radix(h, 16).ok());
    match (len, modified, hash) {
        (Some(len), Some(modified), Some(hash)) => (
            Base::File(Seen {
                len,
                modified,
                hash,
            }),
            body,
        ),
        _ => (Base::Unknown, body),
    }
}

/// The base of the recovery file at `path` (its first line only is read).
pub fn base(path: &Path) -> Base {
    use std::io::{BufRead, BufReader, Read};
    let Ok(f) = fs::File::open(path) else {
        return Base::Unknown;
    };
    let mut line = String::new();
    let _ = BufReader::new(f.take(512)).read_line(&mut line);
    split_base(&line).0
}

/// Writes this session's recovery file of `kind` for `file`, atomically and
/// privately; never touches the user's file. `base` is the map file as this
/// session read it (`None`: there was none).
pub fn write(
    file: &Path,
    session: &Session,
    kind: Kind,
    text: &str,
    base: Option<&Seen>,
) -> io::Result<PathBuf> {
    write_in(
        &folder().ok_or_else(no_data_dir)?,
        file,
        session,
        kind,
        text,
        base,
    )
}

fn write_in(
    folder: &Path,
    file: &Path,
    session: &Session,
    kind: Kind,
    text: &str,
    base: Option<&Seen>,
) -> io::Result<PathBuf> {
    ensure_private_folder(folder)?;
    remove_stale_temporaries(folder);
    let path = path_in(folder, file, session, kind);
    let mut bytes = base_line(base).into_bytes();
    bytes.extend_from_slice(text.as_bytes());
    write_atomic(folder, &path, &bytes)?;
    Ok(path)
}

/// How old a temporary file in the recovery folder must be before it counts
/// as left over: one being written now changes as it grows, and the slowest
/// recovery write finishes in seconds.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// A session killed while it wrote a recovery file leaves its temporary file
/// (`.XXXXXX.tmp`, as large as the map) behind. Every write and every look for
/// a map's files removes those older than `STALE_AFTER`; a younger one may be
/// another session's write under way, and is left alone.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with('.') && name.ends_with(".tmp")) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if meta.is_file() && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Removes this session's own recovery file of `kind`, if there is one.
pub fn remove(file: &Path, session: &Session, kind: Kind) {
    if let Some(p) = path(file, session, kind) {
        let _ = fs::remove_file(p);
    }
}

/// True when this session's recovery file of `kind` is on disk.
pub fn exists(file: &Path, session: &Session, kind: Kind) -> bool {
    path(file, session, kind).is_some_and(|p| p.exists())
}

/// A recovery file found for a map.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub path: PathBuf,
    pub kind: Kind,
    /// The id of the session that wrote it.
    pub session: String,
    pub text: String,
    pub written: SystemTime,
    /// Written before the map file last changed (a `git pull` or a save from
    /// elsewhere after the crash).
    pub older: bool,
}

/// Every recovery file for `file`, from any session, newest first.
pub fn find(file: &Path) -> Vec<Found> {
    folder().map(|d| find_in(&d, file)).unwrap_or_default()
}

fn find_in(dir: &Path, file: &Path) -> Vec<Found> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    // Work an earlier version left in a world-readable folder is made private
    // as soon as it is looked at.
    let _ = make_private(dir);
    remove_stale_temporaries(dir);
    let key = map_key(file);
    let file_time = fs::metadata(file).and_then(|m| m.modified()).ok();
    let mut found: Vec<Found> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name();
            let (session, kind) = parse_name(&name.to_string_lossy(), &key)?;
            let path = e.path();
            // Only regular files: reading a FIFO someone left here would wait
            // for ever.
            let meta = fs::metadata(&path).ok().filter(fs::Metadata::is_file)?;
            let written = meta.modified().ok()?;
            let bytes = fs::read(&path).ok()?;
            let text = String::from_utf8_lossy(&bytes);
            Some(Found {
                text: split_base(&text).1.to_string(),
                older: file_time.is_some_and(|t| t > written),
                path,
                kind,
                session,
                written,
            })
        })
        .collect();
    found.sort_by(|a, b| b.written.cmp(&a.written).then(a.path.cmp(&b.path)));
    found
}

/// The session and kind of a recovery file of the map `key`, or `None` for any
/// other file in the folder (another map's, a temporary file).
fn parse_name(name: &str, key: &str) -> Option<(String, Kind)> {
    let rest = name.strip_prefix(key)?.strip_prefix('.')?;
    let (session, kind) = if let Some(s) = rest.strip_suffix(Kind::RejectedEdit.suffix()) {
        (s, Kind::RejectedEdit)
    } else {
        (rest.strip_suffix(Kind::Autosave.suffix())?, Kind::Autosave)
    };
    let well_formed = !session.is_empty()
        && session.starts_with(|c: char| c.is_ascii_digit())
        && session.chars().all(|c| c.is_ascii_digit() || c == '-');
    well_formed.then(|| (session.to_string(), kind))
}

/// Removes a found recovery file: the user chose to discard it.
pub fn discard(found: &Found) -> io::Result<()> {
    match fs::remove_file(&found.path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Makes a found recovery file this session's own recovery file of `kind` (by
/// renaming it), so that this session cleans it up once its work is saved or
/// let go, and a crash keeps it.
pub fn adopt(found: &Found, file: &Path, session: &Session, kind: Kind) -> io::Result<PathBuf> {
    let dir = found.path.parent().ok_or_else(no_data_dir)?;
    let own = path_in(dir, file, session, kind);
    fs::rename(&found.path, &own)?;
    Ok(own)
}

fn no_data_dir() -> io::Error {
    io::Error::new(
        io::ErrorKind::NotFound,
        "no data directory for recovery files (set CJM_DATA_DIR)",
    )
}

/// Creates the folder `0700`, and makes an existing one private if it is not
/// (earlier versions created it world-readable).
fn ensure_private_folder(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    #[cfg(not(unix))]
    fs::create_dir_all(dir)?;
    make_private(dir)
}

/// Takes group and other permissions off the recovery folder.
fn make_private(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = fs::metadata(dir)?;
        if meta.permissions().mode() & 0o077 != 0 {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

fn write_atomic(dir: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    // On any error below, dropping `tmp` removes the temporary file.
    tmp.as_file_mut().write_all(bytes)?;
    tmp.as_file_mut().flush()?;
    tmp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        // tempfile creates it 0600 already; said again so that no platform
        // default can widen it.
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o600))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A data folder of its own for each test, and a map beside it.
    fn folders() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let rec = dir.path().join("data").join("recovery");
        let map = dir.path().join("m.ron");
        (dir, rec, map)
    }

    #[test]
    fn the_hash_is_fixed_across_builds() {
        // FNV-1a 64 reference values: a change here renames every recovery file,
        // and a crash's work would no longer be found.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(
            map_key(Path::new("/home/ana/maps/journey.ron")),
            "journey-8de17b888082bea0"
        );
    }

    #[test]
    fn two_maps_with_one_name_in_different_folders_do_not_share_files() {
        assert_ne!(
            map_key(Path::new("/a/journey.ron")),
            map_key(Path::new("/b/journey.ron"))
        );
    }

    #[test]
    fn each_session_has_its_own_file_and_all_are_found_newest_first() {
        let (dir, rec, map) = folders();
        let (a, b) = (Session::new(), Session::new());
        assert_ne!(a, b);
        let pa = write_in(&rec, &map, &a, Kind::Autosave, "from a", None).unwrap();
        let old = SystemTime::now() - Duration::from_secs(60);
        fs::File::options()
            .write(true)
            .open(&pa)
            .unwrap()
            .set_modified(old)
            .unwrap();
        write_in(&rec, &map, &b, Kind::Autosave, "from b", None).unwrap();
        write_in(&rec, &map, &b, Kind::RejectedEdit, "bad edit from b", None).unwrap();
        // Another map's file and a stray temporary file are not this map's.
        write_in(
            &rec,
            &dir.path().join("other.ron"),
            &a,
            Kind::Autosave,
            "x",
            None,
        )
        .unwrap();
        fs::write(rec.join(format!(".{}.x.tmp", map_key(&map))), "tmp").unwrap();
        let found = find_in(&rec, &map);
        let texts: Vec<_> = found.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert_eq!(texts[2], "from a", "oldest last");
        assert!(found.iter().any(|f| f.kind == Kind::RejectedEdit));
        assert!(
            found.iter().all(|f| !f.older),
            "the map file does not exist"
        );

        // A session removes only its own file.
        let _ = fs::remove_file(path_in(&rec, &map, &b, Kind::Autosave));
        let left: Vec<_> = find_in(&rec, &map).into_iter().map(|f| f.text).collect();
        assert_eq!(left, ["bad edit from b", "from a"]);
    }

    #[test]
    fn a_file_written_before_the_map_changed_is_said_to_be_older() {
        let (_dir, rec, map) = folders();
        let p = write_in(&rec, &map, &Session::new(), Kind::Autosave, "w", None).unwrap();
        let old = SystemTime::now() - Duration::from_secs(60);
        fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(old)
            .unwrap();
        fs::write(&map, "pulled").unwrap();
        assert!(find_in(&rec, &map)[0].older);
    }

    #[test]
    fn adopting_a_file_makes_it_this_sessions_own() {
        let (_dir, rec, map) = folders();
        let (crashed, now) = (Session::new(), Session::new());
        write_in(&rec, &map, &crashed, Kind::Autosave, "crashed work", None).unwrap();
        let found = find_in(&rec, &map).remove(0);
        let own = adopt(&found, &map, &now, Kind::Autosave).unwrap();
        assert_eq!(own, path_in(&rec, &map, &now, Kind::Autosave));
        assert_eq!(
            split_base(&fs::read_to_string(&own).unwrap()).1,
            "crashed work"
        );
        assert!(!found.path.exists());
        discard(&find_in(&rec, &map)[0]).unwrap();
        assert!(find_in(&rec, &map).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn recovery_files_are_private_and_so_is_their_folder() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, rec, map) = folders();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let s = Session::new();
        let p = write_in(&rec, &map, &s, Kind::Autosave, "secret", None).unwrap();
        assert_eq!(mode(&p), 0o600);
        assert_eq!(mode(&rec), 0o700);
        let e = write_in(&rec, &map, &s, Kind::RejectedEdit, "secret edit", None).unwrap();
        assert_eq!(mode(&e), 0o600);

        // A folder an earlier version left world-readable is made private, and
        // a file it left 0644 is replaced by a private one.
        fs::set_permissions(&rec, fs::Permissions::from_mode(0o755)).unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
        write_in(&rec, &map, &s, Kind::Autosave, "secret 2", None).unwrap();
        assert_eq!(mode(&rec), 0o700);
        assert_eq!(mode(&p), 0o600);
        assert_eq!(split_base(&fs::read_to_string(&p).unwrap()).1, "secret 2");
        // Opening a map (looking for its recovery files) is enough.
        fs::set_permissions(&rec, fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(find_in(&rec, &map).len(), 2);
        assert_eq!(mode(&rec), 0o700);
    }

    #[test]
    fn the_file_the_work_started_from_is_kept_with_it() {
        let (dir, rec, map) = folders();
        let fp = Seen {
            len: 7,
            modified: Some(SystemTime::UNIX_EPOCH + Duration::new(1_700_000_000, 123)),
            hash: 0xfeed,
        };
        let s = Session::new();
        let p = write_in(&rec, &map, &s, Kind::Autosave, "work", Some(&fp)).unwrap();
        assert_eq!(base(&p), Base::File(fp));
        assert_eq!(
            find_in(&rec, &map)[0].text,
            "work",
            "the line is not the work"
        );
        let new = dir.path().join("new.ron");
        let p = write_in(&rec, &new, &s, Kind::Autosave, "new work", None).unwrap();
        assert_eq!(base(&p), Base::NoFile);
        // An earlier cjm's file says nothing, and its text is all work.
        let old = path_in(&rec, &dir.path().join("old.ron"), &s, Kind::Autosave);
        fs::write(&old, "JourneyMap()").unwrap();
        assert_eq!(base(&old), Base::Unknown);
        assert_eq!(
            find_in(&rec, &dir.path().join("old.ron"))[0].text,
            "JourneyMap()"
        );
    }

    #[test]
    fn temporary_files_a_killed_write_left_are_removed_once_stale() {
        let (_dir, rec, map) = folders();
        let s = Session::new();
        write_in(&rec, &map, &s, Kind::Autosave, "first", None).unwrap();
        let stale = rec.join(".a1B2c3.tmp");
        let fresh = rec.join(".d4E5f6.tmp");
        fs::write(&stale, "x".repeat(1000)).unwrap();
        fs::write(&fresh, "another session's write under way").unwrap();
        let old = SystemTime::now() - Duration::from_secs(120);
        fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(old)
            .unwrap();
        // Opening the map (looking for its files) is enough, as is a write.
        find_in(&rec, &map);
        assert!(!stale.exists(), "a leftover from a killed write is removed");
        assert!(fresh.exists(), "a write under way is left alone");
        fs::write(&stale, "again").unwrap();
        fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(old)
            .unwrap();
        write_in(&rec, &map, &s, Kind::Autosave, "second", None).unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists());
    }

    #[test]
    fn names_of_other_files_are_not_taken_for_recovery_files() {
        let key = "m-0123456789abcdef";
        assert_eq!(
            parse_name("m-0123456789abcdef.12-34.ron", key),
            Some(("12-34".into(), Kind::Autosave))
        );
        assert_eq!(
            parse_name("m-0123456789abcdef.12-34.edit.ron", key),
            Some(("12-34".into(), Kind::RejectedEdit))
        );
        for other in [
            ".m-0123456789abcdef.12-34.ron.tmp",
            "m-0123456789abcdef.ron",
            "m-0123456789abcdef.x1.ron",
            "m-0123456789abcdef-kept-17.ron",
            "m-0123456789abcdef.fedcba9876543210.1-2.ron",
        ] {
            assert_eq!(parse_name(other, key), None, "{other}");
        }
    }
}
