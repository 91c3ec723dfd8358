//! The runtime: the terminal, the event loop, effects, signals and crash safety.
//! The terminal is restored on every exit path, panics included, and unsaved work
//! (the map, and an `$EDITOR` edit that does not load) goes to recovery files on
//! a panic, SIGTERM or SIGHUP, and when the terminal goes away.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEventKind, KeyModifiers,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGHUP, SIGTERM, SIGWINCH};

use super::app::{App, Comparison, Effect, Overlay, Prompt};
use super::edits::apply;
use super::hangup::{self, HANGUP, Tty, Wait, Waker};
use super::session::{self, Autosave, Settings};
use super::update;
use super::view::view;
use crate::edit::{History, Op};
use crate::format;
use crate::model::JourneyMap;
use crate::recovery::{self, Kind, Session};

/// How long the event loop waits for a key before it redraws and autosaves.
const TICK: Duration = Duration::from_millis(200);

/// How long the watchdog lets the event loop end a session on its own after a
/// signal or a hang-up, before it writes the recovery files and exits itself.
const GRACE: Duration = Duration::from_millis(500);

/// What must outlive the editor when it dies: the map's unsaved state and a
/// rejected `$EDITOR` edit. The panic hook, the signal path and the watchdog
/// write it; the event loop keeps it current.
pub struct Unsaved {
    pub path: PathBuf,
    pub session: Session,
    /// `None` when nothing is unsaved, and while a restore offer is open (a
    /// crash then must not add a file beside the ones on offer).
    pub map: Option<JourneyMap>,
    pub rejected_edit: Option<String>,
    /// The map file as the session read it (`None`: there was none), kept in
    /// the recovery files with the work.
    pub base: Option<crate::files::Fingerprint>,
}

pub type Snapshot = Arc<Mutex<Option<Unsaved>>>;

/// Builds the editor's state for `path`: the loaded map, or a template picker for
/// a file that does not exist yet; and the offer of recovery files other
/// sessions left.
pub fn open(path: &Path) -> anyhow::Result<App> {
    open_loaded(path, path.exists().then(|| crate::files::load(path)))
}

/// What `files::load` gave for the file.
type FileLoad =
    Result<(format::Loaded, Vec<u8>, crate::files::Fingerprint), crate::files::FileError>;

/// `open` with the file already loaded (`None`: it does not exist), so that the
/// load can run on another thread while the terminal is set up.
fn open_loaded(path: &Path, load: Option<FileLoad>) -> anyhow::Result<App> {
    let (settings, settings_error) = Settings::load();
    let mut app = if let Some(load) = load {
        let (loaded, _, fp) = load.map_err(|e| {
            if e.is_invalid() {
                e.with_advice("fix it in a text editor; `cjm check` lists every problem")
            } else {
                e
            }
        })?;
        let base = loaded.map.clone();
        let mut app = App::new(loaded.map, path.to_path_buf());
        app.doc.fingerprint = Some(fp);
        app.doc.base = Some(base);
        app.doc.has_comments = loaded.has_comments;
        app
    } else {
        let title = title_from(path);
        let mut app = App::new(
            JourneyMap::new(&title, "Primary persona"),
            path.to_path_buf(),
        );
        app.doc.new_map = true;
        app.doc.history = History::unsaved();
        app.overlay = Overlay::Templates(Default::default());
        app
    };
    let problems = configure(&mut app, &settings);
    if let Some(e) = settings_error {
        app.error(e);
    } else if !problems.is_empty() {
        app.error(problems.join(" · "));
    }
    let offers = session::offers(&app);
    if !offers.is_empty() {
        app.overlay = Overlay::Prompt(Prompt::Restore {
            offers,
            selected: 0,
        });
    }
    Ok(app)
}

/// Applies the settings (name, keys, theme, timer) and says what in them was ignored.
fn configure(app: &mut App, settings: &Settings) -> Vec<String> {
    app.room.name = if settings.name.trim().is_empty() {
        super::room::default_name()
    } else {
        settings.name.trim().to_string()
    };
    let bad = app.keymap.apply_overrides(&settings.keys);
    let theme = super::theme::Theme::named(&settings.theme);
    app.theme = theme.unwrap_or_default();
    // no-color.org: set and not empty means no colour, whatever the settings.
    if super::theme::Theme::no_color(std::env::var_os("NO_COLOR").as_deref()) {
        app.theme = super::theme::Theme::plain();
    }
    let mut problems = Vec::new();
    if !bad.is_empty() {
        problems.push(format!("Unknown key settings ignored: {}", bad.join(", ")));
    }
    if theme.is_none() {
        problems.push(format!(
            "Unknown theme \"{}\" in settings.ron (known: {}) — using dark",
            crate::text::display(&settings.theme),
            super::theme::Theme::NAMES.join(", ")
        ));
    }
    if (1..=super::timer::MAX_MINUTES).contains(&settings.timer_minutes) {
        app.timer_minutes = settings.timer_minutes;
    } else {
        problems.push(format!(
            "timer_minutes in settings.ron must be 1 to {} — using {}",
            super::timer::MAX_MINUTES,
            super::timer::DEFAULT_MINUTES
        ));
    }
    problems
}

fn title_from(path: &Path) -> String {
    crate::model::templates::title_from_stem(
        &path
            .file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default(),
    )
}

fn enter_extras() {
    let _ = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
}

fn leave_extras() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
}

/// What writing the snapshot came to: the recovery files written, and a
/// sentence for each one that could not be written.
#[derive(Default)]
struct Rescued {
    written: Vec<(Kind, PathBuf)>,
    failed: Vec<String>,
}

/// Writes what the snapshot holds to this session's recovery files. Nothing is
/// printed here: the caller says what happened once the terminal is back on
/// its main screen, where the words stay (on the alternate screen they would
/// be wiped as the editor leaves it).
fn write_snapshot(snapshot: &Snapshot) -> Rescued {
    let mut out = Rescued::default();
    let Some(guard) = lock_briefly(snapshot) else {
        return out;
    };
    let Some(u) = guard.as_ref() else {
        return out;
    };
    let mut pending = Vec::new();
    if let Some(map) = &u.map {
        pending.push((Kind::Autosave, format::write(map)));
    }
    if let Some(text) = &u.rejected_edit {
        pending.push((Kind::RejectedEdit, text.clone()));
    }
    for (kind, text) in pending {
        let base = session::seen(u.base.as_ref());
        match recovery::write(&u.path, &u.session, kind, &text, base.as_ref()) {
            Ok(p) => out.written.push((kind, p)),
            Err(e) => {
                let what = match kind {
                    Kind::Autosave => "the unsaved changes",
                    Kind::RejectedEdit => "the $EDITOR edit that does not load",
                };
                let folder = recovery::folder()
                    .map(|d| format!(" in {}", crate::files::shown(&d)))
                    .unwrap_or_default();
                out.failed.push(format!(
                    "could not write a recovery file{folder} ({}): {what} to {} are lost",
                    crate::files::io_reason(&e),
                    crate::files::shown(&u.path)
                ));
            }
        }
    }
    out
}

/// The snapshot's lock, waiting at most a moment: the panic hook may run on
/// the thread that holds it, and must not wait for ever. A panic elsewhere while
/// it was held must not cost the work either.
fn lock_briefly(snapshot: &Snapshot) -> Option<std::sync::MutexGuard<'_, Option<Unsaved>>> {
    for _ in 0..50 {
        match snapshot.try_lock() {
            Ok(g) => return Some(g),
            Err(std::sync::TryLockError::Poisoned(e)) => return Some(e.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => {
                std::thread::sleep(Duration::from_millis(2));
            }
        }
    }
    None
}

/// Names the recovery files on stderr, so they can be found even without
/// opening the map again, and says what could not be kept.
fn report(rescued: &Rescued) {
    for line in &rescued.failed {
        say(line);
    }
    for (kind, p) in &rescued.written {
        match kind {
            Kind::Autosave => say(&format!(
                "unsaved work was written to {}",
                crate::files::shown(p)
            )),
            Kind::RejectedEdit => say(&format!(
                "the $EDITOR edit that does not load was kept in {} (opening the map offers it again)",
                crate::files::shown(p)
            )),
        }
    }
}

/// A line on stderr, which may be the terminal that is gone: `eprintln!`
/// would panic then, and a panic in a destructor aborts.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "cjm: {line}");
}

/// Gives the terminal back: mouse capture, paste, the cursor, raw mode, the
/// main screen. Quietly, because when the terminal is gone every step fails and
/// ratatui's own `restore` and `Terminal::drop` would report that with
/// `eprintln!` to a stderr that is gone too, which panics.
fn restore_terminal(mut terminal: DefaultTerminal) {
    leave_extras();
    let shown = terminal.show_cursor().is_ok();
    let _ = ratatui::try_restore();
    if shown {
        drop(terminal);
    } else {
        // Its destructor would try to show the cursor again, and print.
        std::mem::forget(terminal);
    }
}

/// Chains a panic hook in front of the current one (ratatui's, which restores the
/// terminal): it first turns off mouse capture and bracketed paste, which ratatui
/// does not know about, and writes the unsaved work to recovery files.
pub fn install_panic_hook(snapshot: Snapshot) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave_extras();
        let saved = write_snapshot(&snapshot);
        previous(info);
        report(&saved);
    }));
}

/// Runs the editor on `path`; `compare` is the map `--compare` named, drawn
/// dimmed under the live curve; `name` (`--name`) is who other sessions see.
pub fn run(path: &Path, compare: Option<Comparison>, name: Option<String>) -> anyhow::Result<u8> {
    run_as(path, compare, name, super::role::Role::Facilitator)
}

/// Runs the editor on `path` for `role`: `cjm join` runs it as a participant.
pub fn run_as(
    path: &Path,
    compare: Option<Comparison>,
    name: Option<String>,
    role: super::role::Role,
) -> anyhow::Result<u8> {
    std::thread::scope(|scope| {
        // A large map is read and validated on another thread while its first
        // screen is drawn from its first stages; keys wait in the terminal until
        // the whole map is accepted, and a map refused shows its error instead.
        let start = match preview_head(path) {
            Some(head) if compare.is_none() => {
                let loading = scope.spawn(|| crate::files::load(path));
                let width = ratatui::crossterm::terminal::size().map_or(0, |(w, _)| w);
                match preview(path, &head, width) {
                    Some(app) => Start::Loading(loading, app),
                    None => Start::Open(open_loaded(path, Some(joined(loading)))?),
                }
            }
            _ => Start::Open(open(path)?),
        };
        run_started(path, start, compare, name, role)
    })
}

/// A map file at least this large gets a preview: below it, loading takes about
/// as long as setting up the terminal.
const PREVIEW_FROM: u64 = 512 * 1024;
/// How much of the start of the file the preview reads: the stages in it must be
/// more than a screen shows.
const PREVIEW_HEAD: u64 = 256 * 1024;

/// How the editor starts: with the map loaded, or with the first stages of a
/// large map to draw while the thread loading all of it finishes.
enum Start<'s> {
    Open(App),
    Loading(std::thread::ScopedJoinHandle<'s, FileLoad>, App),
}

/// The start of the file at `path` when it is a regular file large enough for a
/// preview.
fn preview_head(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() < PREVIEW_FROM {
        return None;
    }
    let mut head = Vec::with_capacity(PREVIEW_HEAD as usize);
    std::fs::File::open(path)
        .ok()?
        .take(PREVIEW_HEAD)
        .read_to_end(&mut head)
        .ok()?;
    Some(head)
}

/// The editor's state for the first screen of the large map at `path`, drawn from
/// the first stages in `head` (the start of its file) on a terminal `width`
/// columns wide; `None` when `head` holds no more stages than the editor shows
/// side by side when it opens, or is not canonical (see `format::preview`). It is
/// drawn, never acted on.
pub fn preview(path: &Path, head: &[u8], width: u16) -> Option<App> {
    // One more than the columns on screen: the curve and the "more ▸" mark look
    // at the stage after the last one shown.
    let shown = super::layout::visible_stage_count(width, usize::MAX, Default::default());
    let map = format::preview::preview(head, shown + 1).filter(|m| m.stages.len() > shown)?;
    let mut app = App::new(map, path.to_path_buf());
    app.doc.preview = true;
    let (settings, _) = Settings::load();
    // What the settings got wrong is said once the whole map is in.
    let _ = configure(&mut app, &settings);
    Some(app)
}

/// What the loading thread gave; its panic goes on in this thread, whose hook
/// restores the terminal.
fn joined(loading: std::thread::ScopedJoinHandle<'_, FileLoad>) -> FileLoad {
    match loading.join() {
        Ok(load) => load,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Draws the preview at the terminal's size, as the whole map will draw it.
fn draw_preview(terminal: &mut DefaultTerminal, mut app: App) {
    if let Ok(s) = terminal.size() {
        app.size = (s.width, s.height);
    }
    let _ = terminal.draw(|f| view(&app, f));
}

fn run_started(
    path: &Path,
    start: Start<'_>,
    compare: Option<Comparison>,
    name: Option<String>,
    role: super::role::Role,
) -> anyhow::Result<u8> {
    let tty = Arc::new(
        Tty::open().map_err(|e| anyhow::anyhow!("no terminal to run the editor in: {e}"))?,
    );
    let snapshot: Snapshot = Arc::new(Mutex::new(None));
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    let waker = Waker::new(&[SIGTERM, SIGHUP, SIGWINCH])?;

    let mut terminal = ratatui::init();
    enter_extras();
    install_panic_hook(Arc::clone(&snapshot));
    let rescue = Arc::clone(&snapshot);
    hangup::watch(Arc::clone(&tty), Arc::clone(&signal), GRACE, move |_| {
        let saved = write_snapshot(&rescue);
        // No writes to the terminal here: they may be what is stuck.
        let _ = disable_raw_mode();
        report(&saved);
    })?;

    let mut app = match start {
        Start::Open(app) => app,
        Start::Loading(loading, preview) => {
            draw_preview(&mut terminal, preview);
            match open_loaded(path, Some(joined(loading))) {
                Ok(app) => app,
                Err(e) => {
                    // Refused whole: the error replaces the preview, as it would
                    // have been shown without one.
                    restore_terminal(terminal);
                    let _ = std::panic::take_hook();
                    return Err(e);
                }
            }
        }
    };
    app.compare = compare;
    if let Some(n) = name.filter(|n| !n.trim().is_empty()) {
        app.room.name = n.trim().to_string();
    }
    if let super::role::Role::Participant { name, .. } = &role
        && app.message.is_none()
    {
        app.info(format!(
            "Joined as {} — following the facilitator's stage",
            crate::text::display(name)
        ));
    }
    app.role = role;
    let result = event_loop(&mut terminal, &mut app, &snapshot, &signal, &tty, &waker);
    // The work first: restoring a terminal that is gone can fail or block.
    let saved = match &result {
        Ok(Exit::Quit) => {
            if let Ok(mut g) = snapshot.lock() {
                *g = None;
            }
            Rescued::default()
        }
        _ => write_snapshot(&snapshot),
    };
    restore_terminal(terminal);
    let _ = std::panic::take_hook();
    if matches!(result, Ok(Exit::TerminalGone)) {
        say("the terminal went away");
    }
    report(&saved);
    match result {
        Ok(Exit::Quit) => Ok(0),
        Ok(Exit::Signal(sig)) => Ok(128u8.saturating_add(sig as u8)),
        Ok(Exit::TerminalGone) => Ok(128u8.saturating_add(HANGUP as u8)),
        Err(e) => Err(e),
    }
}

enum Exit {
    Quit,
    Signal(usize),
    /// End of input, a hang-up or a failing write.
    TerminalGone,
}

/// The next thing to act on.
enum Next {
    Event(Event),
    Idle,
    Gone,
}

/// Waits for the next event without ever leaving crossterm to read from a
/// terminal that is gone (see `hangup`). An event read but not yet acted on
/// (one that came after a paste) comes first.
fn next_event(tty: &Tty, waker: &Waker, held: &mut Option<Event>) -> anyhow::Result<Next> {
    if let Some(ev) = held.take() {
        return Ok(Next::Event(ev));
    }
    if tty.is_gone() {
        return Ok(Next::Gone);
    }
    // Events crossterm has read and parsed already come first; a zero timeout
    // takes only what is waiting.
    let ev = if event::poll(Duration::ZERO)? {
        event::read()?
    } else {
        match tty.wait(waker, TICK) {
            Wait::Gone => return Ok(Next::Gone),
            Wait::Input if event::poll(Duration::ZERO)? => event::read()?,
            Wait::Input | Wait::Woken | Wait::Idle => return Ok(Next::Idle),
        }
    };
    Ok(Next::Event(match ev {
        Event::Paste(text) => Event::Paste(rest_of_paste(text, tty, waker, held)?),
        ev => ev,
    }))
}

/// How soon after a paste a key must come to be taken for the rest of it: a
/// terminal sends a paste at once, and no one types this fast.
const PASTE_TAIL: Duration = Duration::from_millis(30);

/// The most time spent gathering the rest of one paste.
const PASTE_TAIL_LIMIT: Duration = Duration::from_secs(1);

/// A paste is sent between two markers, and pasted text that holds the end
/// marker (`ESC [201~`) ends it early: the rest arrives as keys, which would
/// run as commands (`d` deleting, `q` quitting). Keys that come right behind a
/// paste are therefore taken as its text (the marker itself is dropped), as
/// far as the terminal sends them at once. Anything else read meanwhile is
/// `held` for the next turn of the loop.
fn rest_of_paste(
    mut text: String,
    tty: &Tty,
    waker: &Waker,
    held: &mut Option<Event>,
) -> anyhow::Result<String> {
    let start = std::time::Instant::now();
    while start.elapsed() < PASTE_TAIL_LIMIT {
        if !event::poll(Duration::ZERO)? {
            match tty.wait(waker, PASTE_TAIL) {
                Wait::Input => continue,
                Wait::Gone | Wait::Woken | Wait::Idle => break,
            }
        }
        match event::read()? {
            Event::Key(k) if k.kind == KeyEventKind::Release => {}
            Event::Key(k) if !k.modifiers.contains(KeyModifiers::CONTROL) => match k.code {
                KeyCode::Char(c) => text.push(c),
                KeyCode::Enter => text.push('\n'),
                KeyCode::Tab => text.push('\t'),
                // Escape sequences inside the paste: dropped, as every other
                // control character in pasted text is.
                _ => {}
            },
            Event::Key(_) => {}
            Event::Paste(more) => text.push_str(&more),
            other => {
                *held = Some(other);
                break;
            }
        }
    }
    Ok(text)
}

/// Keeps what must outlive a crash current: the snapshot, and the rejected
/// edit's recovery file (written as soon as there is one, so that not even a
/// kill -9 loses it). The snapshot's copy of the rejected edit is the one copy:
/// it changes together with the file written for it.
#[derive(Default)]
struct Keeper {
    seen: Option<(u64, bool)>,
}

impl Keeper {
    fn sync(&mut self, app: &mut App, snapshot: &Snapshot) {
        let state = (app.doc.history.version(), app.restore_pending());
        let map_changed = self.seen != Some(state);
        self.seen = Some(state);
        let Ok(mut g) = snapshot.lock() else {
            return;
        };
        let u = g.get_or_insert_with(|| Unsaved {
            path: app.doc.path.clone(),
            session: app.doc.session.clone(),
            map: None,
            rejected_edit: None,
            base: None,
        });
        if u.base != app.doc.fingerprint {
            u.base = app.doc.fingerprint.clone();
        }
        if map_changed {
            u.map = (app.doc.is_dirty() && !app.restore_pending()).then(|| app.doc.map.clone());
        }
        if u.rejected_edit != app.doc.rejected_edit {
            session::keep_rejected_edit(app);
            u.rejected_edit = app.doc.rejected_edit.clone();
        }
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    snapshot: &Snapshot,
    signal: &AtomicUsize,
    tty: &Tty,
    waker: &Waker,
) -> anyhow::Result<Exit> {
    let (settings, _) = Settings::load();
    let mut autosave = Autosave::new(settings.autosave_interval());
    let mut keeper = Keeper::default();
    // Dropped on every way out of the loop, which removes the live file.
    // A participant publishes a file marked as a participant's, so the
    // others' headers name it; followers skip it and follow the facilitator,
    // and a participant's cards reach them through the saved file.
    let participant = app.role.is_participant();
    let mut publisher = super::publish::Publisher::new(app);
    let mut follow = participant.then(|| super::lead::Follow::new(app));
    let mut ballot = participant.then(|| super::ballot_box::BallotKeeper::new(app));
    let mut watch = super::sync::Watch::new(app);
    let mut held = None;
    loop {
        keeper.sync(app, snapshot);
        // The size is state, read before drawing: the view only draws.
        if let Ok(s) = terminal.size() {
            app.size = (s.width, s.height);
        }
        let drawn = terminal.draw(|f| view(app, f));
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(Exit::Signal(sig));
        }
        // A terminal that cannot be written to any more is gone.
        if drawn.is_err() {
            return Ok(Exit::TerminalGone);
        }
        autosave.tick(app);
        if super::voting::time_up(app) {
            end_voting(app);
            continue;
        }
        publisher.tick(app);
        if watch.tick(app) {
            update::ensure_visible(app);
            continue;
        }
        if super::role::save_due(app) {
            session::save(app, false);
        }
        if let Some(b) = ballot.as_mut() {
            b.tick(app);
        }
        if let Some(f) = follow.as_mut()
            && f.tick(app)
        {
            update::ensure_visible(app);
            continue;
        }
        let ev = match next_event(tty, waker, &mut held)? {
            Next::Event(ev) => ev,
            Next::Idle => continue,
            Next::Gone => return Ok(Exit::TerminalGone),
        };
        let Some(effect) = update::update(app, ev) else {
            continue;
        };
        match effect {
            Effect::Quit => {
                session::release_recovery(app);
                return Ok(Exit::Quit);
            }
            Effect::Save { force, then_quit } => {
                let ok = session::save(app, force);
                if let Overlay::Prompt(Prompt::ChangedOnDisk { then_quit: q }) = &mut app.overlay {
                    *q = then_quit;
                }
                if ok && then_quit {
                    return Ok(Exit::Quit);
                }
            }
            Effect::EndVoting => end_voting(app),
            Effect::Reload => session::reload(app),
            Effect::ExternalEdit(text) => external_edit(terminal, app, &text)?,
            Effect::Restore(offer) => {
                if let Some(text) = session::restore(app, *offer) {
                    keeper.sync(app, snapshot);
                    external_edit(terminal, app, &text)?;
                }
            }
            Effect::Discard(offer) => session::discard(app, &offer),
        }
        // A reload or an external edit may have removed what was selected.
        app.clamp_cursor();
        update::ensure_visible(app);
    }
}

/// Ends the voting session: the ballots added to the map and saved.
fn end_voting(app: &mut App) {
    if super::ballot_box::end(app) {
        // The result is what the room waits for: it stays in the footer
        // over "Saved".
        let result = app.message.clone();
        if session::save(app, false) {
            app.message = result;
        }
    }
}

/// Hands the map to `$VISUAL`/`$EDITOR` as RON, then reads it back through the
/// same reader as `cjm check` (regular files only, at most `MAX_INPUT`). A bad
/// edit is offered again with its error; an edit that cannot be read back (the
/// file removed, a folder or a FIFO left in its place, too large) is discarded
/// and said so. The map in the editor is never lost or half-replaced, and the
/// editor keeps running.
fn external_edit(terminal: &mut DefaultTerminal, app: &mut App, text: &str) -> anyhow::Result<()> {
    let tmp = tempfile::Builder::new()
        .prefix("cjm-")
        .suffix(".ron")
        .tempfile()
        .and_then(|mut t| {
            t.write_all(text.as_bytes())?;
            t.flush()?;
            Ok(t)
        });
    let tmp = match tmp {
        Ok(t) => t,
        Err(e) => {
            edit_failed(
                app,
                format!(
                    "Cannot hand the map to the external editor: no temporary file ({}); the map is unchanged",
                    crate::files::io_reason(&e)
                ),
            );
            return Ok(());
        }
    };
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".into());

    leave_extras();
    let _ = execute!(std::io::stdout(), LeaveAlternateScreen);
    let _ = disable_raw_mode();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(tmp.path())
        .status();
    let _ = enable_raw_mode();
    let _ = execute!(std::io::stdout(), EnterAlternateScreen);
    enter_extras();
    // Terminal::clear asks the terminal for the cursor position, which not every
    // terminal answers; clearing the screen and drawing a blank frame gets ratatui's
    // idea of the screen back in line without asking.
    let _ = execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    );
    terminal.draw(|f| f.render_widget(ratatui::widgets::Clear, f.area()))?;

    let failed = match status {
        Ok(s) if s.success() => None,
        Ok(s) => Some(format!("{editor} exited with {s}; the map is unchanged")),
        Err(e) => Some(format!("Cannot run {editor}: {e}")),
    };
    if let Some(msg) = failed {
        edit_failed(app, msg);
        return Ok(());
    }
    // Never a plain read: a FIFO left in the file's place would block the
    // editor for ever, and a huge file would be held (and kept) whole.
    let edited = match crate::files::read(tmp.path()) {
        Ok((bytes, _)) => bytes,
        Err(e) => {
            let why = match &e.problem {
                crate::files::Problem::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                    "is gone".to_string()
                }
                _ => e.reason(),
            };
            edit_failed(
                app,
                format!("Edit discarded: the edited file {why}; the map is as it was"),
            );
            return Ok(());
        }
    };
    match format::load(&edited) {
        Ok(l) => {
            app.doc.rejected_edit = None;
            if apply(app, Op::ReplaceMap(Box::new(l.map))) {
                app.info("Map updated from the external editor (u undoes)");
            } else {
                app.info("No changes from the external editor");
            }
        }
        Err(e) => {
            let text = String::from_utf8_lossy(&edited).into_owned();
            app.doc.rejected_edit = Some(text.clone());
            app.overlay = Overlay::Prompt(Prompt::ExternalError {
                text,
                error: e.located("map"),
            });
        }
    }
    Ok(())
}

/// An external edit that came to nothing: an edit that did not load is still
/// on offer with `msg`; otherwise `msg` is said and everything is as it was.
fn edit_failed(app: &mut App, msg: String) {
    match app.doc.rejected_edit.clone() {
        Some(text) => {
            app.overlay = Overlay::Prompt(Prompt::ExternalError { text, error: msg });
        }
        None => app.error(msg),
    }
}
