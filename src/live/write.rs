//! An editor session's side: its live file written, kept beating, and
//! removed.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::file::decode_head;
use super::{
    FOLDER, HEARTBEAT, Header, IGNORE, MIN_GAP, SUFFIX, State, encode, epoch_ms, host, parse_name,
    read_small, real, running, session_part,
};

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

    /// Who works in this session, published from the next write on.
    pub fn set_name(&mut self, name: &str) {
        let name = super::file::one_line(name);
        if self.header.name != name {
            self.header.name = name;
            self.dirty = true;
        }
    }

    /// Marks this session as a participant's (`role: participant`), so that
    /// followers skip it.
    pub fn set_participant(&mut self, participant: bool) {
        if self.header.participant != participant {
            self.header.participant = participant;
            self.dirty = true;
        }
    }

    /// What the facilitator opens to participants, published from the next
    /// write on (`None`: what `cjm.ron` says).
    pub fn set_allow(&mut self, allow: Option<super::Allow>) {
        if self.header.allow != allow {
            self.header.allow = allow;
            self.dirty = true;
            self.header.seq += 1;
            self.header.changed = epoch_ms(SystemTime::now());
        }
    }

    /// The session id this writer publishes as.
    pub fn session(&self) -> &str {
        &self.header.session
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
        self.header.voting = state.voting.clone();
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
