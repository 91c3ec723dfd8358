//! The editor's side effects on files, each through `store`: saving with the
//! on-disk change check, reloading, autosave to the recovery file, and settings.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde::Deserialize;

use super::app::{App, Overlay, Prompt};
use crate::edit::Op;
use crate::format;
use crate::store::{self, SaveError};

/// `settings.ron` in the config directory, all fields optional:
/// `(autosave_seconds: 5, keys: {"w": "up", "ctrl-q": "quit"})`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub autosave_seconds: u64,
    pub keys: HashMap<String, String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            autosave_seconds: 5,
            keys: HashMap::new(),
        }
    }
}

impl Settings {
    /// The settings, or defaults with a message saying what was wrong with the file.
    pub fn load() -> (Settings, Option<String>) {
        let Some(path) = store::config_dir().map(|d| d.join("settings.ron")) else {
            return (Settings::default(), None);
        };
        match std::fs::read_to_string(&path) {
            Err(_) => (Settings::default(), None),
            Ok(text) => match ron::from_str::<Settings>(&text) {
                Ok(s) => (s, None),
                Err(e) => (
                    Settings::default(),
                    Some(format!("{}: {e} — using default settings", path.display())),
                ),
            },
        }
    }

    pub fn autosave_interval(&self) -> Duration {
        Duration::from_secs(self.autosave_seconds.max(1))
    }
}

/// Saves the map. Returns true when the file was written.
pub fn save(app: &mut App, force: bool) -> bool {
    if let Some(e) = format::errors(&app.map).first() {
        app.error(format!("Not saved: {}", e.message));
        return false;
    }
    let text = format::write(&app.map);
    let result = if force {
        store::save(&app.path, text.as_bytes())
            .map_err(SaveError::Io)
            .map(|_| {
                let modified = std::fs::metadata(&app.path).and_then(|m| m.modified()).ok();
                store::Fingerprint::of(text.as_bytes(), modified)
            })
    } else {
        store::save_checked(&app.path, text.as_bytes(), app.fingerprint.as_ref())
    };
    match result {
        Ok(fp) => {
            app.fingerprint = Some(fp);
            app.history.mark_saved();
            app.has_comments = false;
            app.release_recovery();
            app.info(format!("Saved {}", app.file_name()));
            true
        }
        Err(SaveError::ChangedOnDisk) => {
            app.overlay = Overlay::Prompt(Prompt::ChangedOnDisk { then_quit: false });
            false
        }
        Err(SaveError::Io(e)) => {
            app.error(format!("Not saved: {}", crate::files::io_reason(&e)));
            false
        }
    }
}

/// Replaces the map with the file on disk, as one undoable step, and makes that
/// the saved state.
pub fn reload(app: &mut App) {
    match crate::files::load(&app.path) {
        Ok((loaded, _, fp)) => {
            super::update::apply(app, Op::ReplaceMap(Box::new(loaded.map)));
            app.history.mark_saved();
            app.fingerprint = Some(fp);
            app.has_comments = loaded.has_comments;
            app.comments_ok = false;
            app.info("Reloaded from disk (u brings your version back)");
        }
        Err(e) => {
            let e = e.about(std::path::Path::new(&app.file_name()));
            app.error(format!("Cannot reload: {e}"));
        }
    }
}

/// Writes unsaved work to the recovery file every `interval`, and removes the file
/// it wrote once there is nothing unsaved.
pub struct Autosave {
    interval: Duration,
    last: Instant,
}

impl Autosave {
    pub fn new(interval: Duration) -> Autosave {
        Autosave {
            interval,
            last: Instant::now(),
        }
    }

    pub fn tick(&mut self, app: &mut App) {
        if self.last.elapsed() < self.interval || app.restore_pending() {
            return;
        }
        self.last = Instant::now();
        if !app.is_dirty() {
            app.release_recovery();
            return;
        }
        let text = format::write(&app.map);
        // Written again when another session removed it, even if unchanged.
        if app.recovery_written.as_deref() == Some(text.as_str())
            && store::recovery_exists(&app.path)
        {
            return;
        }
        match store::write_recovery(&app.path, &text) {
            Ok(_) => app.recovery_written = Some(text),
            Err(e) => app.error(format!("Autosave failed: {}", crate::files::io_reason(&e))),
        }
    }
}

/// "14:02:31" for a recovery file's time, or a plain description.
pub fn when(t: std::time::SystemTime) -> String {
    match t.elapsed() {
        Ok(d) if d.as_secs() < 60 => "less than a minute ago".into(),
        Ok(d) if d.as_secs() < 3600 => format!("{} minutes ago", d.as_secs() / 60),
        Ok(d) if d.as_secs() < 86400 => format!("{} hours ago", d.as_secs() / 3600),
        Ok(d) => format!("{} days ago", d.as_secs() / 86400),
        Err(_) => "just now".into(),
    }
}
