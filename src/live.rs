//! The live file: how an editor tells others what it has on screen right now,
//! unsaved edits included, so that `cjm present FILE --follow` on a projector
//! (another terminal, another SSH login, another machine sharing the folder)
//! shows the slide of the stage the facilitator is on.
//!
//! There is no server and no socket: an editor writes a small file, a follower
//! reads it. Nothing here ever writes the map itself, so nothing here can
//! corrupt it; the worst a broken live file can do is show an old slide.
//!
//! # The protocol (version 1)
//!
//! **Where.** In a folder `.cjm-live` beside the map, in the map's real folder
//! (symbolic links resolved), so that a reader anywhere that sees the map's
//! folder (the same machine, an SSH login, NFS, a synced folder) finds it by
//! the map's path alone. The folder holds a `.gitignore` of `*`, so git ignores
//! it, and the file itself, without anyone editing the project's ignore rules;
//! `cjm check`, `report` and the merge tools read only `*.ron` files outside
//! hidden folders, so they never see it.
//!
//! **One file per editor session**: `NAME.SESSION.live`, `NAME` the map's file
//! name and `SESSION` the editor's session id (digits and `-`, so the name
//! splits at its last dot). Sessions never write each other's files.
//!
//! **Content**: a first line `cjm-live 1`, then `key: value` lines, a blank
//! line, and the map in canonical RON, exactly `length` bytes of it:
//!
//! ```text
//! cjm-live 1
//! host: laptop          the machine the editor runs on
//! pid: 4242             its process id there
//! session: 4242-1764750000000
//! seq: 7                grows whenever the map, the slide or the timer changes
//! beat: 19              grows on every write, at least every HEARTBEAT
//! changed: 1764750012345   when seq last grew (ms since 1970, the editor's clock)
//! slide: 3              0 the overview, N stage N
//! stage: checkout       that stage's id (empty on the overview)
//! timer: 540000 Decide  ms left on the workshop timer and its activity (absent: none)
//! length: 5120
//!
//! (the map)
//! ```
//!
//! Keys a reader does not know are skipped, so a later version can add some;
//! a first line with a higher version is refused.
//!
//! **Writing**: a temporary file in `.cjm-live`, renamed over the live file, so
//! a reader sees the old file or the new one, never half of one. A change is
//! written at most every `MIN_GAP`, and the file is written again every
//! `HEARTBEAT` even when nothing changed, so a reader on another machine can
//! tell a living editor from one that was killed. It is not synced to disk:
//! after a power cut it may be empty, which a reader skips. It has the map
//! file's permissions, so a private map's unsaved text stays private.
//!
//! **Removing**: the editor removes its file when it ends (quit, signal, lost
//! terminal), and the folder when nothing else is in it. A killed editor
//! leaves its file behind; the next editor on the same machine removes it.
//!
//! **Reading**: a reader lists `.cjm-live`, reads the files of its map that
//! changed since it last looked (inode, size and modification time), and follows the
//! living session that changed last. A file from this machine is alive while
//! its process is; one from another machine while its `beat` keeps growing
//! (it is taken for gone after `STALE` without a new beat). Files that do not
//! read as live files, or are not regular files, are skipped.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// The folder beside the map that holds the live files.
pub const FOLDER: &str = ".cjm-live";
/// The protocol version this build writes and the highest it reads.
pub const VERSION: u32 = 1;
/// A change waits at most this long before it is written, and no longer is
/// spent between two writes: a burst of keys is one write, and a projector a
/// second behind is still in step with the room.
pub const MIN_GAP: Duration = Duration::from_millis(200);
/// The longest an editor goes without writing its file.
pub const HEARTBEAT: Duration = Duration::from_secs(2);
/// A file from another machine whose beat has not grown for this long is
/// taken for a killed editor's.
pub const STALE: Duration = Duration::from_secs(6);

const MAGIC: &str = "cjm-live";
const SUFFIX: &str = ".live";
const IGNORE: &str =
    "# Written by cjm while a map is open in its editor, for `cjm present --follow`.\n*\n";

/// What an editor shows, as it publishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// The map in canonical RON.
    pub map: String,
    /// 0 the overview, N stage N.
    pub slide: usize,
    /// The id of the stage on that slide; empty on the overview.
    pub stage: String,
    /// The workshop timer: when it ends (on the editor's clock) and what for.
    pub timer: Option<(Instant, String)>,
}

/// The first part of a live file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    pub host: String,
    pub pid: u32,
    pub session: String,
    pub seq: u64,
    pub beat: u64,
    /// When `seq` last grew, in milliseconds since 1970 on the writer's clock.
    pub changed: u64,
    pub slide: usize,
    pub stage: String,
    /// Time left on the workshop timer when the file was written, and its activity.
    pub timer: Option<(Duration, String)>,
}

/// A live file read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub header: Header,
    /// The map's text, or why it cannot be had (the file was cut short).
    pub map: Result<String, String>,
}

/// A header value on one line: line breaks in it (a stage name in the timer's
/// activity) become spaces.
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// The text of a live file.
pub fn encode(h: &Header, map: &str) -> String {
    let mut out = format!("{MAGIC} {VERSION}\n");
    let mut line = |k: &str, v: String| {
        out.push_str(k);
        out.push_str(": ");
        out.push_str(&one_line(&v));
        out.push('\n');
    };
    line("host", h.host.clone());
    line("pid", h.pid.to_string());
    line("session", h.session.clone());
    line("seq", h.seq.to_string());
    line("beat", h.beat.to_string());
    line("changed", h.changed.to_string());
    line("slide", h.slide.to_string());
    line("stage", h.stage.clone());
    if let Some((left, what)) = &h.timer {
        line("timer", format!("{} {what}", left.as_millis()));
    }
    line("length", map.len().to_string());
    out.push('\n');
    out.push_str(map);
    out
}

/// Reads a live file's text. A header that does not read is an error (the file
/// is skipped); a map shorter or longer than its `length` is kept as the
/// reason it cannot be shown.
pub fn decode(text: &str) -> Result<Published, String> {
    let (head, body) = text
        .split_once("\n\n")
        .ok_or_else(|| "no end of header".to_string())?;
    let mut lines = head.lines();
    let first = lines.next().unwrap_or_default();
    let version = first
        .strip_prefix(MAGIC)
        .map(str::trim)
        .ok_or_else(|| "not a live file".to_string())?;
    match version.parse::<u32>() {
        Ok(v) if v <= VERSION => {}
        Ok(v) => return Err(format!("written by a newer cjm (live file version {v})")),
        Err(_) => return Err("not a live file".to_string()),
    }
    let mut h = Header::default();
    let mut length = None;
    let mut pid = None;
    for l in lines {
        let Some((k, v)) = l
            .split_once(": ")
            .or_else(|| l.strip_suffix(':').map(|k| (k, "")))
        else {
            return Err(format!("a header line without a key: {l:?}"));
        };
        let num = |v: &str| {
            v.parse::<u64>()
                .map_err(|_| format!("{k} is not a number: {v:?}"))
        };
        match k {
            "host" => h.host = v.to_string(),
            "pid" => pid = Some(u32::try_from(num(v)?).map_err(|_| "pid out of range")?),
            "session" => h.session = v.to_string(),
            "seq" => h.seq = num(v)?,
            "beat" => h.beat = num(v)?,
            "changed" => h.changed = num(v)?,
            "slide" => h.slide = usize::try_from(num(v)?).unwrap_or(usize::MAX),
            "stage" => h.stage = v.to_string(),
            "timer" => {
                let (ms, what) = v.split_once(' ').unwrap_or((v, ""));
                h.timer = Some((Duration::from_millis(num(ms)?), what.to_string()));
            }
            "length" => length = Some(num(v)?),
            _ => {}
        }
    }
    h.pid = pid.ok_or_else(|| "no pid".to_string())?;
    let length = length.ok_or_else(|| "no length".to_string())?;
    let map = if body.len() as u64 == length {
        Ok(body.to_string())
    } else {
        Err(format!(
            "the live file holds {} bytes of map where it says {length}",
            body.len()
        ))
    };
    Ok(Published { header: h, map })
}

/// This machine's name, as live files record it.
pub fn host() -> String {
    let name = rustix::system::uname();
    one_line(&name.nodename().to_string_lossy())
}

/// True while process `pid` runs on this machine (one we may not signal runs
/// too).
fn running(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(e) => e == rustix::io::Errno::PERM,
    }
}

/// The map's real folder and file name: symbolic links resolved, so that every
/// path to one map finds one folder of live files. A map not saved yet has its
/// folder resolved.
fn real(map: &Path) -> (PathBuf, String) {
    let name = map
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "map".into());
    if let Ok(p) = fs::canonicalize(map)
        && let (Some(dir), Some(n)) = (p.parent(), p.file_name())
    {
        return (dir.to_path_buf(), n.to_string_lossy().into_owned());
    }
    let dir = match map.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = fs::canonicalize(&dir)
        .or_else(|_| std::path::absolute(&dir))
        .unwrap_or(dir);
    (dir, name)
}

/// The folder of live files for `map`.
pub fn folder(map: &Path) -> PathBuf {
    real(map).0.join(FOLDER)
}

/// The map name and session of a live file's name, when it is one.
fn parse_name(file: &str) -> Option<(&str, &str)> {
    let stem = file.strip_suffix(SUFFIX)?;
    let (name, session) = stem.rsplit_once('.')?;
    let ok = !name.is_empty()
        && !session.is_empty()
        && session.chars().all(|c| c.is_ascii_digit() || c == '-');
    ok.then_some((name, session))
}

/// Session ids become file names: anything but digits and `-` is dropped.
fn session_part(session: &str) -> String {
    let s: String = session
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    if s.is_empty() { "0".into() } else { s }
}

fn epoch_ms(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// One editor session's live file, kept current.
pub struct Writer {
    map: PathBuf,
    folder: PathBuf,
    path: PathBuf,
    header: Header,
    state: Option<State>,
    /// The state changed since the last write.
    dirty: bool,
    last_write: Option<Instant>,
    /// The file is on disk (written and not removed since).
    written: bool,
}

impl Writer {
    /// The writer for `map` in editor session `session`. Nothing is written
    /// until the first `publish`.
    pub fn new(map: &Path, session: &str) -> Writer {
        let (dir, name) = real(map);
        let folder = dir.join(FOLDER);
        let session = session_part(session);
        let path = folder.join(format!("{name}.{session}{SUFFIX}"));
        Writer {
            map: dir.join(&name),
            folder,
            path,
            header: Header {
                host: host(),
                pid: std::process::id(),
                session,
                ..Header::default()
            },
            state: None,
            dirty: false,
            last_write: None,
            written: false,
        }
    }

    /// The live file this writer keeps.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Takes what the editor shows now; it is written by the next `tick` that
    /// is due.
    pub fn set(&mut self, state: State) {
        if self.state.as_ref() != Some(&state) {
            self.state = Some(state);
            self.dirty = true;
            self.header.seq += 1;
            self.header.changed = epoch_ms(SystemTime::now());
        }
    }

    /// Writes the file when a change waits and `MIN_GAP` has passed since the
    /// last write, or when the heartbeat is due. Returns whether it wrote.
    pub fn tick(&mut self, now: Instant) -> io::Result<bool> {
        let Some(state) = &self.state else {
            return Ok(false);
        };
        let since = self.last_write.map(|t| now.saturating_duration_since(t));
        let due = match since {
            None => true,
            Some(s) => (self.dirty && s >= MIN_GAP) || s >= HEARTBEAT,
        };
        if !due {
            return Ok(false);
        }
        self.header.beat += 1;
        self.header.slide = state.slide;
        self.header.stage = state.stage.clone();
        self.header.timer = state
            .timer
            .as_ref()
            .map(|(end, what)| (end.saturating_duration_since(now), what.clone()));
        let text = encode(&self.header, &state.map);
        // Counted as a write even when it fails, so a folder that cannot be
        // written is tried again at the heartbeat, not on every turn.
        self.last_write = Some(now);
        self.dirty = false;
        if !self.written {
            self.sweep();
        }
        self.write(&text)?;
        self.written = true;
        Ok(true)
    }

    fn write(&self, text: &str) -> io::Result<()> {
        match fs::create_dir(&self.folder) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
        let ignore = self.folder.join(".gitignore");
        if !ignore.exists() {
            fs::write(&ignore, IGNORE)?;
        }
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(&self.folder)?;
        tmp.write_all(text.as_bytes())?;
        tmp.flush()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&self.map)
                .map(|m| m.permissions().mode() & 0o666)
                .unwrap_or(0o644);
            fs::set_permissions(tmp.path(), fs::Permissions::from_mode(mode))?;
        }
        tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }

    /// Removes what killed sessions left for this map on this machine (their
    /// process is gone), and temporary files older than a minute.
    fn sweep(&self) {
        let Ok(entries) = fs::read_dir(&self.folder) else {
            return;
        };
        let (_, name) = real(&self.map);
        for e in entries.flatten() {
            let file = e.file_name().to_string_lossy().into_owned();
            let p = e.path();
            if file.ends_with(".tmp") {
                let old = e
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > Duration::from_secs(60));
                if old {
                    let _ = fs::remove_file(&p);
                }
                continue;
            }
            if p == self.path || parse_name(&file).map(|(n, _)| n) != Some(name.as_str()) {
                continue;
            }
            if let Ok(Some(text)) = read_small(&p, 64 * 1024)
                && let Ok(found) = decode_head(&text)
                && found.host == self.header.host
                && !running(found.pid)
            {
                let _ = fs::remove_file(&p);
            }
        }
    }

    /// Removes this session's live file, and the folder when nothing else is
    /// left in it.
    pub fn remove(&mut self) {
        if !self.written {
            return;
        }
        self.written = false;
        let _ = fs::remove_file(&self.path);
        let left = fs::read_dir(&self.folder)
            .map(|rd| rd.flatten().any(|e| e.file_name() != ".gitignore"))
            .unwrap_or(true);
        if !left {
            let _ = fs::remove_file(self.folder.join(".gitignore"));
            // Fails, harmlessly, when another session wrote meanwhile.
            let _ = fs::remove_dir(&self.folder);
        }
    }
}

/// Reads the header of a file that may be cut anywhere after it.
fn decode_head(text: &str) -> Result<Header, String> {
    let head = text.split_once("\n\n").map(|(h, _)| h).unwrap_or(text);
    decode(&format!("{head}\n\n")).map(|p| p.header)
}

/// At most `limit` bytes of a regular file; `None` for anything else (a FIFO
/// would block the reader, a device never end).
fn read_small(p: &Path, limit: u64) -> io::Result<Option<String>> {
    let meta = fs::symlink_metadata(p)?;
    if !meta.is_file() {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    fs::File::open(p)?.take(limit).read_to_end(&mut bytes)?;
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// Why a session is not followed any more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gone {
    /// Its process has ended (this machine).
    Ended,
    /// Its file has not been written for `STALE` (another machine).
    Silent,
}

/// What a reader found for its map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found<'a> {
    /// The living session that changed last.
    Live(&'a Published),
    /// Only sessions that are gone: the one that changed last, and why.
    Gone(&'a Published, Gone),
    /// No live file.
    Nobody,
}

/// What tells one version of a file from the next without reading it: each
/// write is a new file renamed into place, so its inode changes even where
/// the modification time is coarse (whole seconds on some shares).
type Stamp = (Option<SystemTime>, u64, u64);

fn stamp(meta: &fs::Metadata) -> Stamp {
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(meta);
    #[cfg(not(unix))]
    let ino = 0;
    (meta.modified().ok(), meta.len(), ino)
}

struct Seen {
    stamp: Stamp,
    published: Option<Published>,
    /// When this reader last saw the beat grow.
    beat_at: Instant,
}

/// Follows the live files of one map.
pub struct Reader {
    folder: PathBuf,
    name: String,
    limit: u64,
    host: String,
    seen: HashMap<PathBuf, Seen>,
}

impl Reader {
    /// A reader of `map`'s live files, reading none larger than `limit` bytes.
    pub fn new(map: &Path, limit: u64) -> Reader {
        let (dir, name) = real(map);
        Reader {
            folder: dir.join(FOLDER),
            name,
            limit,
            host: host(),
            seen: HashMap::new(),
        }
    }

    /// Looks at the live files again (reading only those that changed) and
    /// says which session to follow.
    pub fn poll(&mut self, now: Instant) -> Found<'_> {
        let mut present = Vec::new();
        if let Ok(entries) = fs::read_dir(&self.folder) {
            for e in entries.flatten() {
                let file = e.file_name().to_string_lossy().into_owned();
                if parse_name(&file).map(|(n, _)| n) == Some(self.name.as_str()) {
                    present.push(e.path());
                }
            }
        }
        self.seen.retain(|p, _| present.contains(p));
        for p in present {
            let Ok(meta) = fs::symlink_metadata(&p) else {
                continue;
            };
            let stamp = stamp(&meta);
            if self.seen.get(&p).is_some_and(|s| s.stamp == stamp) {
                continue;
            }
            let published = match read_small(&p, self.limit) {
                Ok(Some(text)) => decode(&text).ok(),
                _ => None,
            };
            let before = self.seen.get(&p);
            let grew = match (before.and_then(|s| s.published.as_ref()), &published) {
                (Some(a), Some(b)) => a.header.beat != b.header.beat,
                _ => true,
            };
            let beat_at = match before {
                Some(s) if !grew => s.beat_at,
                Some(_) => now,
                // Seen for the first time: as old as its modification time
                // says, so a file a killed editor left hours ago is not
                // followed for a while first.
                None => {
                    let age = stamp
                        .0
                        .and_then(|t| t.elapsed().ok())
                        .unwrap_or(Duration::ZERO);
                    now.checked_sub(age.min(STALE)).unwrap_or(now)
                }
            };
            self.seen.insert(
                p,
                Seen {
                    stamp,
                    published,
                    beat_at,
                },
            );
        }
        let mut live: Option<&Published> = None;
        let mut gone: Option<(&Published, Gone)> = None;
        let newer = |a: &Published, b: &Published| {
            (a.header.changed, a.header.seq) > (b.header.changed, b.header.seq)
        };
        for s in self.seen.values() {
            let Some(p) = &s.published else {
                continue;
            };
            let why = if p.header.host == self.host {
                (!running(p.header.pid)).then_some(Gone::Ended)
            } else {
                (now.saturating_duration_since(s.beat_at) >= STALE).then_some(Gone::Silent)
            };
            match why {
                None => {
                    if live.is_none_or(|l| newer(p, l)) {
                        live = Some(p);
                    }
                }
                Some(why) => {
                    if gone.as_ref().is_none_or(|(g, _)| newer(p, g)) {
                        gone = Some((p, why));
                    }
                }
            }
        }
        match (live, gone) {
            (Some(p), _) => Found::Live(p),
            (None, Some((p, why))) => Found::Gone(p, why),
            (None, None) => Found::Nobody,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(map: &str, slide: usize) -> State {
        State {
            map: map.to_string(),
            slide,
            stage: format!("s{slide}"),
            timer: None,
        }
    }

    fn map_in(dir: &Path) -> PathBuf {
        let p = dir.join("journey.ron");
        fs::write(&p, "saved").unwrap();
        p
    }

    #[test]
    fn a_live_file_reads_back_as_written() {
        let h = Header {
            host: "laptop".into(),
            pid: 42,
            session: "42-1000".into(),
            seq: 3,
            beat: 9,
            changed: 1234,
            slide: 2,
            stage: "checkout".into(),
            timer: Some((Duration::from_millis(61_000), "Decide\nnow".into())),
        };
        let map = "(title: \"x\")\n\n\nwith blank lines\n";
        let p = decode(&encode(&h, map)).unwrap();
        assert_eq!(p.map.as_deref(), Ok(map));
        assert_eq!(
            p.header.timer,
            Some((Duration::from_millis(61_000), "Decide now".into()))
        );
        assert_eq!(p.header.stage, "checkout");
        assert_eq!(p.header.pid, 42);
    }

    #[test]
    fn garbage_and_newer_versions_are_refused_and_a_cut_map_is_said() {
        for bad in [
            "",
            "\n\n",
            "hello\n\nworld",
            "cjm-live x\n\n",
            "cjm-live 1\nseq: 1\n\n",
        ] {
            assert!(decode(bad).is_err(), "{bad:?}");
        }
        assert!(
            decode("cjm-live 2\npid: 1\nlength: 0\n\n")
                .unwrap_err()
                .contains("newer cjm")
        );
        let h = Header {
            pid: 1,
            ..Header::default()
        };
        let text = encode(&h, "0123456789");
        let cut = decode(&text[..text.len() - 3]).unwrap();
        assert!(
            cut.map
                .unwrap_err()
                .contains("7 bytes of map where it says 10")
        );
        // A later version's extra keys are skipped.
        let extra = text.replacen("pid: 1\n", "pid: 1\nwho: Ana\n", 1);
        assert_eq!(decode(&extra).unwrap().map.as_deref(), Ok("0123456789"));
    }

    #[test]
    fn names_split_at_the_last_dot_and_only_session_ids_count() {
        assert_eq!(
            parse_name("journey.ron.12-34.live"),
            Some(("journey.ron", "12-34"))
        );
        assert_eq!(
            parse_name("journey.ron.bak.12-34.live"),
            Some(("journey.ron.bak", "12-34"))
        );
        assert_eq!(parse_name("journey.ron.live"), None);
        assert_eq!(parse_name(".gitignore"), None);
        assert_eq!(parse_name("journey.ron.12-34.live.tmp"), None);
    }

    #[test]
    fn a_writer_publishes_beside_the_map_and_a_reader_follows_it() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let mut w = Writer::new(&map, "1-2");
        let mut r = Reader::new(&map, 1 << 20);
        assert_eq!(r.poll(Instant::now()), Found::Nobody);
        let t0 = Instant::now();
        w.set(state("first", 1));
        assert!(w.tick(t0).unwrap());
        assert!(
            w.path()
                .starts_with(dir.path().canonicalize().unwrap().join(FOLDER))
        );
        let ignore = fs::read_to_string(dir.path().join(FOLDER).join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "*"), "git ignores the folder");
        match r.poll(Instant::now()) {
            Found::Live(p) => {
                assert_eq!(p.map.as_deref(), Ok("first"));
                assert_eq!(p.header.slide, 1);
                assert_eq!(p.header.pid, std::process::id());
            }
            other => panic!("{other:?}"),
        }
        // A change right after a write waits for MIN_GAP; then it is written.
        w.set(state("second", 2));
        assert!(!w.tick(t0 + Duration::from_millis(50)).unwrap());
        assert!(w.tick(t0 + MIN_GAP).unwrap());
        assert!(
            matches!(r.poll(Instant::now()), Found::Live(p) if p.map.as_deref() == Ok("second"))
        );
        // Nothing changed: only the heartbeat writes.
        assert!(!w.tick(t0 + MIN_GAP * 3).unwrap());
        assert!(w.tick(t0 + MIN_GAP + HEARTBEAT).unwrap());
        // Quitting removes the file and the folder with it.
        w.remove();
        assert_eq!(r.poll(Instant::now()), Found::Nobody);
        assert!(!dir.path().join(FOLDER).exists());
        assert_eq!(
            fs::read_to_string(&map).unwrap(),
            "saved",
            "the map is never written"
        );
    }

    #[test]
    fn no_half_written_file_is_ever_read() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let mut w = Writer::new(&map, "1-2");
        let big = "x".repeat(2_000_000);
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let reader = {
            let (map, stop) = (map.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut r = Reader::new(&map, 1 << 24);
                let mut seen = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    if let Found::Live(p) = r.poll(Instant::now()) {
                        let m = p.map.as_ref().expect("never a cut map");
                        assert!(m.len() == 2_000_000 || m == "small", "{}", m.len());
                        seen += 1;
                    }
                }
                seen
            })
        };
        let t0 = Instant::now();
        for i in 0..40u32 {
            let m = if i % 2 == 0 {
                big.clone()
            } else {
                "small".into()
            };
            w.set(state(&m, 1));
            w.tick(t0 + HEARTBEAT * (i + 1)).unwrap();
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(reader.join().unwrap() > 0);
        w.remove();
    }

    #[test]
    fn a_killed_editors_file_is_gone_and_the_next_editor_sweeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let folder = dir.path().join(FOLDER);
        fs::create_dir(&folder).unwrap();
        // A process that has ended: a child that has been waited for.
        let dead = std::process::Command::new("true").spawn().unwrap();
        let dead_pid = dead.id();
        let mut dead = dead;
        dead.wait().unwrap();
        let h = Header {
            host: host(),
            pid: dead_pid,
            session: format!("{dead_pid}-5"),
            changed: 10,
            ..Header::default()
        };
        let stale = folder.join(format!("journey.ron.{dead_pid}-5.live"));
        fs::write(&stale, encode(&h, "old")).unwrap();
        // And garbage beside it, which is skipped.
        fs::write(folder.join("journey.ron.7-7.live"), "garbage").unwrap();
        let mut r = Reader::new(&map, 1 << 20);
        match r.poll(Instant::now()) {
            Found::Gone(p, Gone::Ended) => assert_eq!(p.map.as_deref(), Ok("old")),
            other => panic!("{other:?}"),
        }
        let mut w = Writer::new(&map, "9-9");
        w.set(state("new", 1));
        w.tick(Instant::now()).unwrap();
        assert!(
            !stale.exists(),
            "the new editor removed the dead one's file"
        );
        assert!(matches!(r.poll(Instant::now()), Found::Live(p) if p.map.as_deref() == Ok("new")));
        w.remove();
        // The garbage is not ours to remove: the folder stays for it.
        assert!(folder.join("journey.ron.7-7.live").exists());
    }

    #[test]
    fn another_machines_editor_is_followed_while_its_beat_grows() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let folder = dir.path().join(FOLDER);
        fs::create_dir(&folder).unwrap();
        let file = folder.join("journey.ron.1-1.live");
        let mut h = Header {
            host: format!("not-{}", host()),
            pid: 1,
            session: "1-1".into(),
            ..Header::default()
        };
        fs::write(&file, encode(&h, "remote")).unwrap();
        let mut r = Reader::new(&map, 1 << 20);
        let t0 = Instant::now();
        assert!(matches!(r.poll(t0), Found::Live(_)));
        assert!(matches!(r.poll(t0 + STALE / 2), Found::Live(_)));
        h.beat += 1;
        fs::write(&file, encode(&h, "remote, later")).unwrap();
        assert!(
            matches!(r.poll(t0 + STALE / 2), Found::Live(p) if p.map.as_deref() == Ok("remote, later"))
        );
        assert!(matches!(r.poll(t0 + STALE), Found::Live(_)));
        assert!(matches!(
            r.poll(t0 + STALE / 2 + STALE),
            Found::Gone(_, Gone::Silent)
        ));
    }

    #[test]
    fn of_two_living_editors_the_one_that_changed_last_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let mut a = Writer::new(&map, "1-1");
        let mut b = Writer::new(&map, "2-2");
        a.set(state("a", 1));
        a.tick(Instant::now()).unwrap();
        std::thread::sleep(Duration::from_millis(5));
        b.set(state("b", 1));
        b.tick(Instant::now()).unwrap();
        let mut r = Reader::new(&map, 1 << 20);
        assert!(matches!(r.poll(Instant::now()), Found::Live(p) if p.map.as_deref() == Ok("b")));
        std::thread::sleep(Duration::from_millis(5));
        a.set(state("a again", 2));
        a.tick(Instant::now() + HEARTBEAT).unwrap();
        assert!(
            matches!(r.poll(Instant::now()), Found::Live(p) if p.map.as_deref() == Ok("a again"))
        );
        a.remove();
        assert!(
            dir.path().join(FOLDER).exists(),
            "b's file keeps the folder"
        );
        b.remove();
        assert!(!dir.path().join(FOLDER).exists());
    }

    #[test]
    fn a_fifo_in_the_folder_does_not_block_the_reader() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let folder = dir.path().join(FOLDER);
        fs::create_dir(&folder).unwrap();
        let ok = std::process::Command::new("mkfifo")
            .arg(folder.join("journey.ron.3-3.live"))
            .status()
            .unwrap();
        assert!(ok.success());
        let mut r = Reader::new(&map, 1 << 20);
        assert_eq!(r.poll(Instant::now()), Found::Nobody);
    }
}
