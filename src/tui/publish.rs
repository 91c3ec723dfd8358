//! The editor's side of the audience view: this session's live file (see
//! `live` for the protocol) kept current with the map as it is on screen,
//! unsaved edits included, the slide of the stage being worked on, and the
//! workshop timer, so that `cjm present FILE --follow` shows what the room is
//! talking about. A participant's editor publishes too, marked as a
//! participant's and without the map, so the others' headers name it. The
//! file goes when the session ends.
//!
//! Serialising the map costs time on a large one, so it happens only when the
//! undo history says the map changed; everything else is compared as is.

use std::time::{Duration, Instant};

use super::app::{App, Overlay};
use crate::format;
use crate::live;

/// What decides whether the live file needs writing, without serialising the
/// map: the history's version, the slide, and which timer runs.
type Seen = (
    u64,
    usize,
    Option<(String, Duration, Duration)>,
    Option<super::voting::Round>,
);

/// How often the other sessions' live files are looked at for their names.
const ROOM_POLL: Duration = Duration::from_secs(1);

pub struct Publisher {
    writer: live::Writer,
    /// The other sessions' live files, for who else has the map open.
    reader: live::Reader,
    room_polled: Option<Instant>,
    seen: Option<Seen>,
    map: Option<(u64, String)>,
    /// Said once: a folder that cannot be written stays so for a while.
    told: bool,
}

impl Publisher {
    pub fn new(app: &App) -> Publisher {
        let mut writer = live::Writer::new(&app.doc.path, app.doc.session.id());
        writer.set_name(&app.room.name);
        writer.set_participant(app.role.is_participant());
        Publisher {
            writer,
            // Headers only: a cut map is skipped, its header still read.
            reader: live::Reader::new(&app.doc.path, ROOM_HEAD),
            room_polled: None,
            seen: None,
            map: None,
            told: false,
        }
    }

    /// Publishes what changed since the last call, when the protocol says a
    /// write is due, and looks at who else has the map open.
    pub fn tick(&mut self, app: &mut App) {
        let now = Instant::now();
        if self
            .room_polled
            .is_none_or(|t| now.saturating_duration_since(t) >= ROOM_POLL)
        {
            self.room_polled = Some(now);
            let own = self.writer.session().to_string();
            let names = self.reader.living(now, &own);
            app.room.set_others(names.iter().map(|h| h.name.as_str()));
        }
        if !app.role.is_participant() {
            self.writer.set_allow(app.allow.map(|a| crate::live::Allow {
                add: a.add,
                vote: a.vote,
            }));
        }
        let version = app.doc.history.version();
        let slide = slide(app);
        let timer = app
            .timer
            .as_ref()
            .map(|t| (t.activity.clone(), t.length, t.started));
        let seen = (version, slide, timer, app.voting.clone());
        if self.seen.as_ref() != Some(&seen) {
            // Nobody follows a participant's file: its map would be bytes
            // written for no reader, many times a second in a busy room.
            if self.map.as_ref().is_none_or(|(v, _)| *v != version) {
                let text = if app.role.is_participant() {
                    String::new()
                } else {
                    format::write(&app.doc.map)
                };
                self.map = Some((version, text));
            }
            let map = self
                .map
                .as_ref()
                .map(|(_, m)| m.clone())
                .unwrap_or_default();
            let stage = slide
                .checked_sub(1)
                .and_then(|i| app.doc.map.stages.get(i))
                .map(|s| s.id.clone())
                .unwrap_or_default();
            let timer = app.timer.as_ref().map(|t| {
                let left = t.remaining(app.clock.now()).unwrap_or_default();
                (now + left, t.activity.clone())
            });
            self.writer.set(live::State {
                map,
                slide,
                stage,
                timer,
                voting: app.voting.as_ref().map(|r| (r.id.clone(), r.votes)),
            });
            self.seen = Some(seen);
        }
        // Said once, and not over another message: the next tick tries again.
        // Not as an error: the map itself is fine, and many never project it.
        if let Err(e) = self.writer.tick(now)
            && !self.told
            && app.message.is_none()
        {
            self.told = true;
            app.info(format!(
                "The audience view cannot follow this map: {} cannot be written ({})",
                crate::files::shown(&live::folder(&app.doc.path)),
                crate::files::io_reason(&e)
            ));
        }
    }
}

/// The bytes of another session's live file read for its header: the header
/// is a few hundred bytes, the map after it can be megabytes.
const ROOM_HEAD: u64 = 16 * 1024;

/// Removes the live file however the session ends: a quit, a signal, a lost
/// terminal, an error, a panic.
impl Drop for Publisher {
    fn drop(&mut self) {
        self.writer.remove();
    }
}

/// The slide the room should see: the one on screen while presenting, else
/// the selected stage's.
fn slide(app: &App) -> usize {
    let stages = app.doc.map.stages.len();
    match &app.overlay {
        Overlay::Present(p) => p.slide.min(stages),
        _ if stages == 0 => 0,
        _ => (app.cursor.stage + 1).min(stages),
    }
}
