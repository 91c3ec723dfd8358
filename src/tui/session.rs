//! The editor's side effects on files: saving with the on-disk change check and
//! reloading (through `store`), autosave and the recovery files on offer
//! (through `recovery`), and settings.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde::Deserialize;

use super::app::{App, Offer, Offered, Overlay, Prompt};
use super::sync::Disk;
use crate::edit::Op;
use crate::format;
use crate::recovery::{self, Kind};
use crate::store::{self, SaveError};

/// `settings.ron` in the config directory, all fields optional:
/// `(autosave_seconds: 5, keys: {"w": "up", "ctrl-q": "quit"}, theme: "light",
/// timer_minutes: 15, name: "Ana")`; `author` and `logo` are for `cjm export
/// --format pdf`'s title page; `name` is who other sessions on a map see.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub autosave_seconds: u64,
    pub keys: HashMap<String, String>,
    /// `"dark"` (the default) or `"light"`, for terminals with a pale background.
    pub theme: String,
    /// The length `t` offers for the workshop timer.
    pub timer_minutes: u64,
    /// Who prepared the map, on a PDF's title page (`--author` overrides it).
    pub author: String,
    /// A PNG or SVG file for a PDF's title page, relative to the settings folder.
    pub logo: String,
    /// Who works in this editor, as other sessions on the same map show it
    /// (`--name` overrides it; empty: the login name).
    pub name: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            autosave_seconds: 5,
            keys: HashMap::new(),
            theme: "dark".to_string(),
            timer_minutes: super::timer::DEFAULT_MINUTES,
            author: String::new(),
            logo: String::new(),
            name: String::new(),
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
            Ok(text) => match format::settings::from_str::<Settings>(&text) {
                Ok(s) => (s, None),
                Err(e) => (
                    Settings::default(),
                    Some(format!(
                        "{} — using default settings",
                        e.located(&path.to_string_lossy())
                    )),
                ),
            },
        }
    }

    pub fn autosave_interval(&self) -> Duration {
        Duration::from_secs(self.autosave_seconds.max(1))
    }
}

/// Saves the map. Returns true when the file was written.
///
/// Under the save lock, so that no other cjm session's save lands between the
/// look at the file and the write: what another session saved since this one
/// last read the file is merged in first (see `sync`), never overwritten. A
/// change that cannot be merged is asked about (`force` is the answer
/// "overwrite").
pub fn save(app: &mut App, force: bool) -> bool {
    // A folder where the lock cannot be made (another user's `.cjm-live`)
    // still saves, with the merge: only a save in the same instant could slip
    // between. A lock held by a living session is waited for.
    let _lock = match crate::live::lock(&app.doc.path, crate::live::LOCK_WAIT) {
        Ok(l) => Some(l),
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
            app.error(format!("Not saved: {e}; try again"));
            return false;
        }
        Err(_) => None,
    };
    let mut merged = None;
    if !force {
        match super::sync::catch_up(app) {
            Disk::Same => {}
            Disk::Merged { changes, conflicts } => merged = Some((changes, conflicts)),
            Disk::Unmergeable(_) => {
                app.overlay = Overlay::Prompt(Prompt::ChangedOnDisk { then_quit: false });
                return false;
            }
        }
    }
    if let Some(e) = format::errors(&app.doc.map).first() {
        app.error(format!("Not saved: {}", e.message));
        return false;
    }
    let text = format::write(&app.doc.map);
    let result = if force {
        store::save(&app.doc.path, text.as_bytes())
            .map_err(SaveError::Io)
            .map(|_| {
                let modified = std::fs::metadata(&app.doc.path)
                    .and_then(|m| m.modified())
                    .ok();
                store::Fingerprint::of(text.as_bytes(), modified)
            })
    } else {
        store::save_checked(&app.doc.path, text.as_bytes(), app.doc.fingerprint.as_ref())
    };
    match result {
        Ok(fp) => {
            app.doc.fingerprint = Some(fp);
            app.doc.new_map = false;
            app.doc.base = Some(app.doc.map.clone());
            app.doc.history.mark_saved();
            app.doc.has_comments = false;
            release_recovery(app);
            let with = merged
                .filter(|(changes, conflicts)| changes + conflicts > 0)
                .map(|(c, k)| format!(", merged with {}", super::sync::merged_words(c, k)))
                .unwrap_or_default();
            match app.doc.map.conflicts.len() {
                0 => app.info(format!("Saved {}{with}", app.file_name())),
                n => app.error(format!(
                    "Saved {}{with}, with {} — x resolves them; cjm check fails until then",
                    app.file_name(),
                    super::app::left_words(n)
                )),
            }
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

/// Removes this session's recovery file: nothing unsaved is left in it. Here,
/// with the runtime, and not on `App`: the state the pure `update` changes does
/// no file work of its own.
pub fn release_recovery(app: &mut App) {
    if app.doc.recovery_written.take().is_some() {
        recovery::remove(&app.doc.path, &app.doc.session, Kind::Autosave);
    }
}

/// Replaces the map with the file on disk, as one undoable step, and makes that
/// the saved state.
pub fn reload(app: &mut App) {
    match crate::files::load(&app.doc.path) {
        Ok((loaded, _, fp)) => {
            app.doc.base = Some(loaded.map.clone());
            super::edits::apply(app, Op::ReplaceMap(Box::new(loaded.map)));
            app.doc.history.mark_saved();
            app.doc.fingerprint = Some(fp);
            app.doc.new_map = false;
            app.doc.has_comments = loaded.has_comments;
            app.doc.comments_ok = false;
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
        if !app.doc.is_dirty() {
            release_recovery(app);
            return;
        }
        let text = format::write(&app.doc.map);
        // Written again when someone removed it, even if unchanged.
        if app.doc.recovery_written.as_deref() == Some(text.as_str())
            && recovery::exists(&app.doc.path, &app.doc.session, Kind::Autosave)
        {
            return;
        }
        match recovery::write(
            &app.doc.path,
            &app.doc.session,
            Kind::Autosave,
            &text,
            seen(app.doc.fingerprint.as_ref()).as_ref(),
        ) {
            Ok(_) => app.doc.recovery_written = Some(text),
            Err(e) => app.error(format!(
                "Autosave failed ({}): unsaved work is in memory only until you save",
                crate::files::io_reason(&e)
            )),
        }
    }
}

/// The recovery files other sessions left for this map that hold something
/// the map file does not, newest first. A file holding exactly the map file's
/// content holds no work and is removed.
pub fn offers(app: &App) -> Vec<Offer> {
    let mut offers = Vec::new();
    for found in recovery::find(&app.doc.path) {
        if found.session == app.doc.session.id() {
            continue;
        }
        let content = match format::load_str(&found.text) {
            Ok(l) if l.map == app.doc.map => {
                let _ = recovery::discard(&found);
                continue;
            }
            Ok(l) => Offered::Map(Box::new(l.map)),
            Err(e) => Offered::Text {
                error: e.located("map"),
            },
        };
        offers.push(Offer {
            when: when(found.written),
            found,
            content,
        });
    }
    offers
}

/// Takes over the file of an offer that `update` has taken into the editor:
/// it becomes this session's own, cleaned up when its work is saved or let go,
/// and kept if this session crashes too. Returns the text to open in `$EDITOR`
/// for an offer that does not load.
///
/// The restored work is an edit of the map file as its session read it, so a
/// save checks the file against that, not against the file as this session
/// found it: a change saved from elsewhere since (a `git pull`, another
/// session) is asked about, never silently overwritten.
pub fn restore(app: &mut App, offer: Offer) -> Option<String> {
    let read_as = app.doc.fingerprint.clone();
    match recovery::base(&offer.found.path) {
        recovery::Base::File(s) => {
            app.doc.fingerprint = Some(store::Fingerprint {
                len: s.len,
                modified: s.modified,
                hash: s.hash,
            });
        }
        recovery::Base::NoFile => {
            app.doc.fingerprint = None;
            app.doc.new_map = true;
        }
        // An earlier cjm's file: written before the map file last changed, it
        // started from some other version; a save then asks first.
        recovery::Base::Unknown if offer.found.older => {
            app.doc.fingerprint = Some(store::Fingerprint {
                len: u64::MAX,
                modified: None,
                hash: 0,
            });
        }
        recovery::Base::Unknown => {}
    }
    // Merging needs the version the work started from; this session has it
    // only when that is the file it read itself.
    if app.doc.fingerprint.as_ref().map(|f| (f.len, f.hash))
        != read_as.as_ref().map(|f| (f.len, f.hash))
    {
        app.doc.base = None;
    }
    // Text that does not load is an edit under way now, whatever it was.
    let kind = match offer.content {
        Offered::Map(_) => Kind::Autosave,
        Offered::Text { .. } => Kind::RejectedEdit,
    };
    let adopted = recovery::adopt(&offer.found, &app.doc.path, &app.doc.session, kind);
    if let Err(e) = &adopted {
        app.error(format!(
            "Could not take over the recovery file ({}); it stays where it is",
            crate::files::io_reason(e)
        ));
    }
    match offer.content {
        Offered::Map(map) => {
            if adopted.is_ok() {
                app.doc.recovery_written = Some(format::write(&map));
            }
            None
        }
        Offered::Text { .. } => Some(offer.found.text),
    }
}

/// The change-check fingerprint of the map file as this session read it, in
/// the plain numbers a recovery file keeps.
pub fn seen(fp: Option<&store::Fingerprint>) -> Option<recovery::Seen> {
    fp.map(|f| recovery::Seen {
        len: f.len,
        modified: f.modified,
        hash: f.hash,
    })
}

/// Keeps a rejected `$EDITOR` edit in this session's recovery file for it (so
/// that not even a kill -9 loses it), or removes that file once the edit is
/// settled.
pub fn keep_rejected_edit(app: &mut App) {
    let result = match &app.doc.rejected_edit {
        Some(t) => recovery::write(
            &app.doc.path,
            &app.doc.session,
            Kind::RejectedEdit,
            t,
            seen(app.doc.fingerprint.as_ref()).as_ref(),
        )
        .map(|_| ()),
        None => {
            recovery::remove(&app.doc.path, &app.doc.session, Kind::RejectedEdit);
            Ok(())
        }
    };
    if let Err(e) = result {
        app.error(format!(
            "Could not keep the edit in a recovery file: {}",
            crate::files::io_reason(&e)
        ));
    }
}

/// Deletes an offered recovery file: the user said its work is not wanted.
pub fn discard(app: &mut App, offer: &Offer) {
    match recovery::discard(&offer.found) {
        Ok(()) => app.info(format!("Discarded the recovery file from {}", offer.when)),
        Err(e) => app.error(format!(
            "Could not discard the recovery file: {}",
            crate::files::io_reason(&e)
        )),
    }
}

/// "14:02:31 UTC, 3 minutes ago" for a recovery file's time. UTC, because the
/// standard library knows no time zones; the relative part makes it plain.
pub fn when(t: std::time::SystemTime) -> String {
    let clock = t
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| {
            let s = d.as_secs() % 86_400;
            format!("{:02}:{:02}:{:02} UTC", s / 3600, s / 60 % 60, s % 60)
        })
        .unwrap_or_default();
    let ago = match t.elapsed() {
        Ok(d) if d.as_secs() < 5 => "just now".into(),
        Ok(d) if d.as_secs() < 60 => format!("{} seconds ago", d.as_secs()),
        Ok(d) if d.as_secs() < 120 => "1 minute ago".into(),
        Ok(d) if d.as_secs() < 3600 => format!("{} minutes ago", d.as_secs() / 60),
        Ok(d) if d.as_secs() < 7200 => "1 hour ago".into(),
        Ok(d) if d.as_secs() < 86400 => format!("{} hours ago", d.as_secs() / 3600),
        Ok(d) if d.as_secs() < 172_800 => "yesterday".into(),
        Ok(d) => format!("{} days ago", d.as_secs() / 86400),
        Err(_) => "just now".into(),
    };
    if clock.is_empty() {
        ago
    } else {
        format!("{clock}, {ago}")
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use super::when;

    #[test]
    fn a_recovery_files_time_reads_as_a_clock_and_how_long_ago() {
        let t =
            SystemTime::UNIX_EPOCH + Duration::from_secs(86_400 * 20_000 + 14 * 3600 + 2 * 60 + 31);
        assert!(when(t).starts_with("14:02:31 UTC, "), "{}", when(t));
        let ago = |secs| when(SystemTime::now() - Duration::from_secs(secs));
        assert!(ago(0).ends_with(", just now"));
        assert!(ago(42).ends_with(", 42 seconds ago"));
        assert!(ago(90).ends_with(", 1 minute ago"));
        assert!(ago(3 * 3600 + 5).ends_with(", 3 hours ago"));
        assert!(ago(3 * 86_400).ends_with(", 3 days ago"));
    }
}
