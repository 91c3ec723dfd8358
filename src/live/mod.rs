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
//! it, and the file itself, without anyone editing the project's ignore rules.
//! A live file's name does not end in `.ron` and its folder is hidden, so
//! neither `cjm report` walking folders nor a `*.ron` glob for `cjm check`
//! ever takes it for a map.
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
//! name: Ana             who works in this session (absent: not said)
//! voting: 1764750000000 5   a voting session's id and votes per person (absent: none)
//! role: participant     a `cjm join` session (absent: the facilitator's)
//! allow: add vote       what the facilitator opens to participants, words
//!                       `add` and `vote` (absent: what cjm.ron says)
//! length: 5120
//!
//! (the map)
//! ```
//!
//! A participant's editor (`cjm join`) writes a live file too, marked
//! `role: participant` and holding no map (`length: 0`): it is there so the
//! others' headers name the participant, and everything that follows a
//! session (`present --follow`, a participant following the facilitator's
//! stage and voting session) skips it. A participant's rights are `cjm.ron`'s
//! and the facilitator's `allow` together: what either closes is closed.
//! During a voting session a participant keeps its private votes in
//! `NAME.SESSION.ballot` in the same folder (see `tui::voting`), which
//! readers of live files skip by its name.
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
//! **The save lock**: `NAME.lock` in the same folder, held by an editor while
//! it saves the map (see `lock`); a reader skips it, as every name that is not
//! a live file's.
//!
//! **Reading**: a reader lists `.cjm-live`, reads the files of its map that
//! changed since it last looked (inode, size and modification time), and follows the
//! living session that changed last, participants' sessions left out. An editor reads the others' headers the
//! same way to show who else has the map open (their `name`s, participants
//! included). A file from this machine is alive while
//! its process is; one from another machine while its `beat` keeps growing
//! (it is taken for gone after `STALE` without a new beat). Files that do not
//! read as live files, or are not regular files, are skipped.

mod file;
mod lock;
mod read;
mod write;

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub use file::{Allow, Header, Published, State, decode, encode};
pub use lock::{LOCK_STALE, LOCK_WAIT, SaveLock, lock, lock_path};
pub use read::{Found, Gone, Reader};
pub use write::Writer;

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

/// This machine's name, as live files record it.
pub fn host() -> String {
    let name = rustix::system::uname();
    file::one_line(&name.nodename().to_string_lossy())
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
