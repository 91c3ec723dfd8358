//! Reading the files a user names, and the one error every command and the editor
//! report about them. This sits below `cli` and `tui` (see docs/architecture.md):
//! both read maps through `load` and print a `FileError`, so neither needs the
//! other.
//!
//! Reads are bounded: a file larger than `MAX_INPUT` is refused before it is read,
//! and a stream (a pipe, `-`) is refused as soon as it passes the limit, so that
//! `cjm check /dev/zero` or a mistyped path cannot eat the machine's memory.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};

use std::hash::BuildHasher;
use std::time::SystemTime;

use crate::format::{self, Loaded, ReadError};
use crate::text::display;

/// The largest input cjm reads: far above any hand-made map (the largest generated
/// test map is a few MB), far below what would hurt a laptop. Stated in the README.
pub const MAX_INPUT: u64 = 256 * 1024 * 1024;

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
        // Fixed seed: recovery files keep the hash of the file their session read,
        // and a later process compares it. foldhash reads several times as fast as
        // SipHash, which matters for the one hash of every byte at start-up.
        let hash = foldhash::quality::FixedState::with_seed(0x636a_6d5f_6669_6c65).hash_one(bytes);
        Fingerprint {
            len: bytes.len() as u64,
            modified,
            hash,
        }
    }
}

/// What went wrong with a file, and the path it went wrong with. `Display` gives
/// the whole line a user sees (`PATH: reason`, or `PATH:LINE:COL: message` for a
/// map that does not load), every part safe to print on a terminal.
#[derive(Debug)]
pub struct FileError {
    pub path: PathBuf,
    pub problem: Problem,
    /// A sentence added after the message, e.g. what to do next.
    pub advice: Option<String>,
}

#[derive(Debug)]
pub enum Problem {
    /// The operating system refused: no such file, permission denied…
    Io(io::Error),
    /// Larger than `MAX_INPUT`.
    TooLarge,
    /// A folder, device, FIFO or socket where a regular file was needed; the text
    /// says which ("a folder").
    NotAFile(&'static str),
    /// The bytes are not a valid map (or not a valid import): exit 1, the answer.
    Invalid(ReadError),
    /// The command's answer is "no" for this file (e.g. fmt will not drop
    /// comments): exit 1, with the reason.
    Refused(String),
}

impl FileError {
    pub fn new(path: &Path, problem: Problem) -> FileError {
        FileError {
            path: path.to_path_buf(),
            problem,
            advice: None,
        }
    }

    pub fn io(path: &Path, e: io::Error) -> FileError {
        FileError::new(path, Problem::Io(e))
    }

    /// The same error told about another path: git's merge driver reads temporary
    /// files and reports with the real path.
    pub fn about(mut self, path: &Path) -> FileError {
        self.path = path.to_path_buf();
        self
    }

    pub fn with_advice(mut self, advice: impl Into<String>) -> FileError {
        self.advice = Some(advice.into());
        self
    }

    /// 1 when the file was read and the answer is "no" (an invalid map), 2 for
    /// trouble (it could not be read), as every command's exit codes say.
    pub fn exit_code(&self) -> u8 {
        match self.problem {
            Problem::Invalid(_) | Problem::Refused(_) => 1,
            Problem::Io(_) | Problem::TooLarge | Problem::NotAFile(_) => 2,
        }
    }

    /// True when the file was read but is not a map this cjm loads.
    pub fn is_invalid(&self) -> bool {
        matches!(self.problem, Problem::Invalid(_))
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            Problem::Invalid(e) => f.write_str(&e.located(&name(&self.path)))?,
            _ => write!(f, "{}: {}", shown(&self.path), self.reason())?,
        }
        if let Some(a) = &self.advice {
            write!(f, " ({})", display(a))?;
        }
        Ok(())
    }
}

impl FileError {
    /// What went wrong, without the path (for `check`'s JSON, which has a field
    /// for the path), safe to print.
    pub fn reason(&self) -> String {
        match &self.problem {
            Problem::Io(e) => io_reason(e),
            Problem::TooLarge => format!(
                "larger than {} MB, the most cjm reads; nothing read",
                MAX_INPUT / (1024 * 1024)
            ),
            Problem::NotAFile(kind) => {
                format!("is {kind}, not a regular file; nothing read or written")
            }
            Problem::Invalid(e) => display(&e.to_string()).into_owned(),
            Problem::Refused(why) => display(why).into_owned(),
        }
    }
}

impl std::error::Error for FileError {}

/// The exit code for an error a command returned: a `FileError` says which;
/// anything else is trouble (2).
pub fn exit_code(e: &anyhow::Error) -> u8 {
    e.downcast_ref::<FileError>()
        .map_or(2, FileError::exit_code)
}

/// How a path is named in messages: `-` is standard input.
fn name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".into()
    } else {
        path.to_string_lossy().into_owned()
    }
}

/// The file name as it is safe to print.
pub fn shown(path: &Path) -> String {
    display(&name(path)).into_owned()
}

/// `std::io::Error`'s text without the "(os error 2)" noise.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "is a folder, not a map file".into(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

/// What a path is when it is not a regular file, for messages ("a folder"); `None`
/// for a regular file.
pub fn not_a_file(meta: &fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Reads a whole file, or standard input for `-`, within `MAX_INPUT`. Regular
/// files and the pipes a shell hands over (`/dev/stdin`, `<(…)`) are read;
/// folders, devices, sockets and named pipes (FIFOs) are refused without being
/// opened: `/dev/zero` would never end, and opening a FIFO waits until someone
/// writes to it, which may be never.
pub fn read(path: &Path) -> Result<(Vec<u8>, Fingerprint), FileError> {
    read_limited(path, MAX_INPUT)
}

/// `read` with the limit given, so tests can use a small one.
fn read_limited(path: &Path, limit: u64) -> Result<(Vec<u8>, Fingerprint), FileError> {
    let err = |p| FileError::new(path, p);
    if path.as_os_str() == "-" {
        let stdin = io::stdin();
        if let Some(kind) = stdin_refused(&stdin) {
            return Err(err(Problem::NotAFile(kind)));
        }
        let bytes = bounded(stdin.lock(), limit, 0).map_err(&err)?;
        let fp = Fingerprint::of(&bytes, None);
        return Ok((bytes, fp));
    }
    let meta = fs::metadata(path).map_err(|e| err(Problem::Io(e)))?;
    let handed_over = is_handed_over_pipe(path, &meta);
    if let Some(kind) = not_a_file(&meta)
        && !handed_over
    {
        return Err(err(Problem::NotAFile(kind)));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(err(Problem::TooLarge));
    }
    let file = open_without_waiting(path, handed_over).map_err(|e| err(Problem::Io(e)))?;
    // Checked again on what was opened, in case the path changed in between.
    let meta = file.metadata().map_err(|e| err(Problem::Io(e)))?;
    if let Some(kind) = not_a_file(&meta)
        && !handed_over
    {
        return Err(err(Problem::NotAFile(kind)));
    }
    // Sized from the file's length (plus one byte to see its end): a large map is
    // read into place instead of being copied at every doubling of the buffer.
    let size = usize::try_from(meta.len().min(limit)).unwrap_or(0);
    let bytes = bounded(file, limit, size).map_err(err)?;
    let modified = if meta.is_file() {
        meta.modified().ok()
    } else {
        None
    };
    let fp = Fingerprint::of(&bytes, modified);
    Ok((bytes, fp))
}

/// Opens a file for reading. What was a regular file when looked at is opened
/// non-blocking: should a FIFO have taken its place since, the open returns at
/// once (and the type check after it refuses the FIFO) instead of waiting for a
/// writer. Non-blocking changes nothing for reading a regular file.
fn open_without_waiting(path: &Path, pipe: bool) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    if !pipe {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    let _ = pipe;
    options.open(path)
}

/// A pipe the shell handed over by a name in `/dev/fd` or `/proc` (`/dev/stdin`,
/// `<(…)`): its writer is there already, so it is read like standard input. A
/// FIFO with a name of its own in a folder is not one of these.
fn is_handed_over_pipe(path: &Path, meta: &fs::Metadata) -> bool {
    if !is_fifo(meta) {
        return false;
    }
    match fs::canonicalize(path) {
        // `/proc/self/fd/0` names `pipe:[1234]`, which is no path at all.
        Err(_) => true,
        Ok(real) => real.starts_with("/dev/fd") || real.starts_with("/proc"),
    }
}

/// Reads and loads a map: an unreadable file is trouble, a bad map `Invalid`.
pub fn load(path: &Path) -> Result<(Loaded, Vec<u8>, Fingerprint), FileError> {
    let (bytes, fp) = read(path)?;
    match format::load(&bytes) {
        Ok(loaded) => Ok((loaded, bytes, fp)),
        Err(e) if format::rules::is_rules_file(path, &bytes) => {
            Err(FileError::new(path, Problem::Invalid(e))
                .with_advice("this file holds team rules for `cjm check`, not a journey map"))
        }
        Err(e) => Err(FileError::new(path, Problem::Invalid(e))),
    }
}

fn is_fifo(meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        meta.file_type().is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// Standard input redirected from a device other than a terminal (`< /dev/zero`)
/// is refused like the device named as a file; a terminal, a pipe or a file is read.
fn stdin_refused(stdin: &io::Stdin) -> Option<&'static str> {
    if stdin.is_terminal() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        let fd = stdin.as_fd().try_clone_to_owned().ok()?;
        let meta = File::from(fd).metadata().ok()?;
        let t = meta.file_type();
        if t.is_dir() {
            return Some("a folder");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    None
}

/// Reads to the end, or stops one byte past `limit`.
fn bounded(r: impl Read, limit: u64, size: usize) -> Result<Vec<u8>, Problem> {
    let mut buf = Vec::with_capacity(size.saturating_add(1));
    r.take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(Problem::Io)?;
    if buf.len() as u64 > limit {
        return Err(Problem::TooLarge);
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.ron");
        fs::write(&p, "x".repeat(11)).unwrap();
        let e = read_limited(&p, 10).unwrap_err();
        assert!(matches!(e.problem, Problem::TooLarge));
        assert_eq!(e.exit_code(), 2);
        assert!(read_limited(&p, 11).is_ok());
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let e = read(dir.path()).unwrap_err();
        assert!(e.to_string().contains("is a folder"), "{e}");
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn an_invalid_map_names_its_position_and_exits_1() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.ron");
        fs::write(&p, "(\n  nonsense").unwrap();
        let e = load(&p).unwrap_err();
        assert_eq!(e.exit_code(), 1);
        let shown = e.to_string();
        assert!(shown.starts_with(&format!("{}:", p.display())), "{shown}");
        let real = e.about(Path::new("maps/real.ron")).to_string();
        assert!(real.starts_with("maps/real.ron:2:"), "{real}");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_being_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("m.ron");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // Opening it would wait for a writer for ever; the test would hang.
        let e = read(&fifo).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(
            e.to_string()
                .contains("is a FIFO (named pipe), not a regular file"),
            "{e}"
        );
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&fifo, &link).unwrap();
        assert!(
            read(&link)
                .unwrap_err()
                .to_string()
                .contains("not a regular file")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_at_once() {
        let e = read(Path::new("/dev/zero")).unwrap_err();
        assert!(e.to_string().contains("is a device"), "{e}");
    }
}
