//! The audience view: `cjm present FILE`, the map's slides on a screen of their
//! own, drawn exactly as the editor's presentation mode draws them.
//!
//! With `--follow` it shows the map as an editor has it, unsaved edits
//! included, on the slide of the stage the facilitator is on, read from the
//! editor's live file (`live`); with no editor running, the saved file, and
//! the bottom line says which. Without `--follow` it shows the saved file.
//! Either way a save shows within a moment, and nothing here writes anything:
//! the slides are read-only, and keys only move this screen's own slide.
//!
//! While following, moving to another slide looks around on this screen only
//! and stops following; `f` follows again. A map that does not load (an
//! editor's map mid-change, a file saved broken) keeps the last good slides on
//! screen and says why.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind};
use ratatui::crossterm::terminal::disable_raw_mode;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use signal_hook::consts::{SIGHUP, SIGTERM, SIGWINCH};

use super::app::App;
use super::hangup::{self, HANGUP, Tty, Wait, Waker};
use super::keymap::{Slide, slide_lookup};
use super::present;
use super::session::Settings;
use super::state::Presentation;
use super::timer::Timer;
use crate::files::{self, MAX_INPUT};
use crate::format;
use crate::live::{self, Found, Gone};
use crate::model::JourneyMap;
use crate::text::display;

/// How often the live file and the saved file are looked at: a change is on
/// the projector well within a second of the editor writing it.
const POLL: Duration = Duration::from_millis(100);

/// The longest the screen goes without being drawn again: the timer counts
/// down in seconds. Otherwise it is drawn when what it shows changed, since
/// laying out a big map's slides is the one thing here that costs.
const REDRAW: Duration = Duration::from_millis(500);

/// How long the watchdog lets the loop end on its own after a signal or a
/// hang-up before it exits for it.
const GRACE: Duration = Duration::from_millis(500);

/// Where the slides come from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    /// An editor's live file.
    Editor { host: String, pid: u32 },
    /// The saved file, and why.
    Saved(Why),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Why {
    /// `cjm present FILE`, not following.
    Asked,
    /// No editor has the map open.
    Nobody,
    /// The editor followed until now has ended, or gone silent.
    Gone { host: String, pid: u32, why: Gone },
}

/// Which version of the map is on screen, so a new one is loaded only once.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shown {
    Nothing,
    Editor { session: String, seq: u64 },
    Saved(Option<SystemTime>, u64, u64),
}

/// The audience view's state; `run` drives it, tests call it directly.
pub struct Follower {
    path: PathBuf,
    follow: bool,
    reader: live::Reader,
    /// The map on the slides (`app.doc.map`), the theme and the timer, as
    /// presentation mode reads them.
    app: App,
    has_map: bool,
    slide: Presentation,
    /// Looking around on this screen: the editor's slide is not followed.
    detached: bool,
    source: Source,
    shown: Shown,
    /// Why the newest version could not be shown.
    problem: Option<String>,
    /// The slide the editor is on (0 the overview), to follow again with `f`.
    editor_slide: Option<usize>,
    /// The last beat taken the timer from.
    beat: Option<(String, u64)>,
}

impl Follower {
    /// `follow`: the editor's live file first, the saved file while there is
    /// none.
    pub fn new(path: &Path, follow: bool) -> Follower {
        let mut app = App::new(JourneyMap::default(), path.to_path_buf());
        app.message = None;
        Follower {
            path: path.to_path_buf(),
            follow,
            reader: live::Reader::new(path, MAX_INPUT),
            app,
            has_map: false,
            slide: Presentation::default(),
            detached: false,
            source: Source::Saved(if follow { Why::Nobody } else { Why::Asked }),
            shown: Shown::Nothing,
            problem: None,
            editor_slide: None,
            beat: None,
        }
    }

    /// The colours, from settings.ron, as the editor has them.
    pub fn set_theme(&mut self, theme: super::theme::Theme) {
        self.app.theme = theme;
    }

    /// The terminal's size: the slides get all of it but the last line.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.app.size = (width, height.saturating_sub(1));
    }

    /// The map on the slides.
    pub fn map(&self) -> Option<&JourneyMap> {
        self.has_map.then_some(&self.app.doc.map)
    }

    /// The slide on screen (0 the overview).
    pub fn slide(&self) -> usize {
        self.slide.slide
    }

    /// Looks for a newer version: the editor's, or the saved file's.
    pub fn poll(&mut self, now: Instant) {
        if !self.follow {
            return self.saved(Why::Asked);
        }
        let found = match self.reader.poll(now) {
            Found::Live(p) => {
                let h = &p.header;
                let new = self.shown
                    != Shown::Editor {
                        session: h.session.clone(),
                        seq: h.seq,
                    };
                Ok((h.clone(), new.then(|| p.map.clone())))
            }
            Found::Gone(p, why) => Err(Why::Gone {
                host: p.header.host.clone(),
                pid: p.header.pid,
                why,
            }),
            Found::Nobody => Err(Why::Nobody),
        };
        match found {
            Ok((header, map)) => self.editor(header, map),
            Err(why) => self.saved(why),
        }
    }

    fn editor(&mut self, h: live::Header, map: Option<Result<String, String>>) {
        let source = Source::Editor {
            host: h.host.clone(),
            pid: h.pid,
        };
        if self.source != source {
            self.source = source;
            self.problem = None;
        }
        if let Some(map) = map {
            self.shown = Shown::Editor {
                session: h.session.clone(),
                seq: h.seq,
            };
            match map.and_then(|text| {
                format::load_str(&text)
                    .map_err(|e| format!("the editor's map does not load: {}", e.located("map")))
            }) {
                Ok(l) => self.take(l.map),
                Err(why) => {
                    self.problem = Some(format!("Showing the last good slides: {why}"));
                }
            }
        }
        let beat = Some((h.session.clone(), h.beat));
        if self.beat != beat {
            self.beat = beat;
            let now = self.app.clock.now();
            self.app.timer = h.timer.as_ref().map(|(left, what)| Timer {
                activity: display(what).into_owned(),
                length: *left,
                started: now,
            });
        }
        let stages = self.app.doc.map.stages.len();
        let slide = match self.app.doc.map.stages.iter().position(|s| s.id == h.stage) {
            Some(i) if !h.stage.is_empty() => i + 1,
            _ => h.slide.min(stages),
        };
        self.editor_slide = Some(slide);
        if !self.detached {
            self.go(slide);
        }
    }

    fn saved(&mut self, why: Why) {
        let source = Source::Saved(why);
        if self.source != source {
            self.source = source;
            self.problem = None;
            self.app.timer = None;
            self.beat = None;
            self.detached = false;
        }
        // A save renames a new file into place, so the inode tells saves
        // apart even where times are whole seconds.
        let stamp = std::fs::metadata(&self.path)
            .map(|m| {
                #[cfg(unix)]
                let ino = std::os::unix::fs::MetadataExt::ino(&m);
                #[cfg(not(unix))]
                let ino = 0;
                (m.modified().ok(), m.len(), ino)
            })
            .ok();
        let Some((modified, len, ino)) = stamp else {
            self.problem = Some(format!("{} does not exist", files::shown(&self.name())));
            return;
        };
        let shown = Shown::Saved(modified, len, ino);
        if self.shown == shown {
            return;
        }
        self.shown = shown;
        match files::load(&self.path) {
            Ok((loaded, _, _)) => {
                self.take(loaded.map);
            }
            Err(e) => {
                let e = e.about(&self.name());
                self.problem = Some(if self.has_map {
                    format!("Showing the last good slides: {e}")
                } else {
                    e.to_string()
                });
            }
        }
    }

    /// A map that loaded: on the slides from now on.
    fn take(&mut self, map: JourneyMap) {
        self.app.doc.map = map;
        self.has_map = true;
        self.problem = None;
        let last = self.app.doc.map.stages.len();
        if self.slide.slide > last {
            self.slide = Presentation {
                slide: last,
                scroll: 0,
            };
        }
    }

    fn go(&mut self, slide: usize) {
        if self.slide.slide != slide {
            self.slide = Presentation { slide, scroll: 0 };
        }
    }

    /// The map's file name: the folder is the same for everyone in the room,
    /// and the bottom line is short.
    fn name(&self) -> PathBuf {
        PathBuf::from(self.path.file_name().unwrap_or(self.path.as_os_str()))
    }

    /// Everything the screen shows but the timer, to tell whether it changed.
    fn look(
        &self,
    ) -> (
        Shown,
        Presentation,
        Source,
        Option<String>,
        bool,
        bool,
        (u16, u16),
    ) {
        (
            self.shown.clone(),
            self.slide,
            self.source.clone(),
            self.problem.clone(),
            self.detached,
            self.has_map,
            self.app.size,
        )
    }

    fn following(&self) -> bool {
        matches!(self.source, Source::Editor { .. }) && !self.detached
    }

    /// Acts on a key; true when it quits. Keys move this screen's slide only.
    pub fn key(&mut self, k: KeyEvent) -> bool {
        if self.follow && k.code == KeyCode::Char('f') && k.modifiers.is_empty() {
            self.detached = false;
            if let (Source::Editor { .. }, Some(s)) = (&self.source, self.editor_slide) {
                self.go(s);
            }
            return false;
        }
        let Some(action) = slide_lookup(k) else {
            return false;
        };
        match action {
            Slide::Leave => return true,
            Slide::ScrollDown | Slide::ScrollUp => {}
            _ if matches!(self.source, Source::Editor { .. }) => self.detached = true,
            _ => {}
        }
        if let Some(p) = present::key(&self.app, self.slide, k) {
            self.slide = p;
        }
        false
    }

    /// The bottom line: where the slides come from, and any trouble.
    pub fn status(&self) -> (String, Option<String>) {
        let name = files::shown(&self.name());
        // Said only when there is a saved file to show.
        let saved = if self.has_map && matches!(self.shown, Shown::Saved(..)) {
            " · showing the saved file"
        } else {
            ""
        };
        let said = match &self.source {
            Source::Editor { host, pid } if self.detached => format!(
                "Live · looking around on this screen · f follows the editor on {} (pid {pid}) again",
                display(host)
            ),
            Source::Editor { host, pid } => {
                format!(
                    "Live · following the editor on {} (pid {pid})",
                    display(host)
                )
            }
            Source::Saved(Why::Asked) => format!("{name} as saved · read-only"),
            Source::Saved(Why::Nobody) => {
                format!("No editor has {name} open{saved}")
            }
            Source::Saved(Why::Gone { host, pid, why }) => {
                let what = match why {
                    Gone::Ended => "has ended",
                    Gone::Silent => "has not been heard from",
                };
                format!("The editor on {} (pid {pid}) {what}{saved}", display(host))
            }
        };
        (said, self.problem.clone())
    }

    /// Draws the slides over `area` and the bottom line under them.
    pub fn draw(&self, buf: &mut Buffer, area: Rect) {
        let area = area.intersection(buf.area);
        if area.height < 2 {
            return present::draw(&self.app, &self.slide, buf, area);
        }
        let slides = Rect {
            height: area.height - 1,
            ..area
        };
        let line = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let t = &self.app.theme;
        if self.has_map {
            present::draw(&self.app, &self.slide, buf, slides);
        } else {
            let msg = format!("Waiting for {}", files::shown(&self.name()));
            let x = slides.x + slides.width.saturating_sub(msg.chars().count() as u16) / 2;
            let y = slides.y + slides.height / 2;
            buf.set_line(
                x,
                y,
                &Line::styled(msg, Style::default().bold()),
                slides.right().saturating_sub(x),
            );
        }
        let (said, problem) = self.status();
        let style = if self.following() {
            t.accent_bold()
        } else {
            Style::default().fg(t.muted)
        };
        let mut spans = vec![ratatui::text::Span::styled(said, style)];
        if let Some(p) = problem {
            spans.push(ratatui::text::Span::raw("  "));
            spans.push(ratatui::text::Span::styled(p, t.error()));
        }
        buf.set_line(line.x, line.y, &Line::from(spans), line.width);
    }
}

enum Exit {
    Quit,
    Signal(usize),
    TerminalGone,
}

/// Runs the audience view on `path` until `q`, a signal, or its terminal goes.
pub fn run(path: &Path, follow: bool) -> anyhow::Result<u8> {
    let mut f = Follower::new(path, follow);
    let (settings, _) = Settings::load();
    f.set_theme(super::theme::Theme::named(&settings.theme).unwrap_or_default());
    let tty = Arc::new(Tty::open().map_err(|e| anyhow::anyhow!("no terminal to present in: {e}"))?);
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    let waker = Waker::new(&[SIGTERM, SIGHUP, SIGWINCH])?;
    let mut terminal = ratatui::init();
    // Nothing to rescue: the view holds no work. Only the terminal's mode.
    hangup::watch(Arc::clone(&tty), Arc::clone(&signal), GRACE, |_| {
        let _ = disable_raw_mode();
    })?;
    let result = event_loop(&mut terminal, &mut f, &signal, &tty, &waker);
    // Quietly, as the editor does: the terminal may be gone, and ratatui's own
    // restore would report that on a stderr that is gone too.
    let shown = terminal.show_cursor().is_ok();
    let _ = ratatui::try_restore();
    if shown {
        drop(terminal);
    } else {
        std::mem::forget(terminal);
    }
    match result {
        Ok(Exit::Quit) => Ok(0),
        Ok(Exit::Signal(sig)) => Ok(128u8.saturating_add(sig as u8)),
        Ok(Exit::TerminalGone) => Ok(128u8.saturating_add(HANGUP as u8)),
        Err(e) => Err(e),
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    f: &mut Follower,
    signal: &AtomicUsize,
    tty: &Tty,
    waker: &Waker,
) -> anyhow::Result<Exit> {
    let mut drawn_at: Option<(Instant, _)> = None;
    loop {
        f.poll(Instant::now());
        if let Ok(s) = terminal.size() {
            f.resize(s.width, s.height);
        }
        let look = f.look();
        let due = match &drawn_at {
            Some((at, seen)) => *seen != look || at.elapsed() >= REDRAW,
            None => true,
        };
        let mut drawn = Ok(());
        if due {
            drawn = terminal
                .draw(|frame| {
                    let area = frame.area();
                    f.draw(frame.buffer_mut(), area);
                })
                .map(|_| ());
            drawn_at = Some((Instant::now(), look));
        }
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(Exit::Signal(sig));
        }
        if drawn.is_err() || tty.is_gone() {
            return Ok(Exit::TerminalGone);
        }
        // As in the editor: never leave crossterm to read a terminal that is
        // gone (see `hangup`).
        let ev = if event::poll(Duration::ZERO)? {
            event::read()?
        } else {
            match tty.wait(waker, POLL) {
                Wait::Gone => return Ok(Exit::TerminalGone),
                Wait::Input if event::poll(Duration::ZERO)? => event::read()?,
                Wait::Input | Wait::Woken | Wait::Idle => continue,
            }
        };
        if let Event::Key(k) = ev
            && k.kind != KeyEventKind::Release
            && f.key(k)
        {
            return Ok(Exit::Quit);
        }
    }
}
