//! The runtime: the terminal, the event loop, effects, signals and crash safety.
//! The terminal is restored on every exit path, panics included, and unsaved work
//! goes to a recovery file on a panic, SIGTERM or SIGHUP.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::app::{App, Effect, Overlay, Prompt};
use super::session::{self, Autosave, Settings};
use super::update::{self, apply};
use super::view::view;
use crate::edit::{History, Op};
use crate::format;
use crate::model::JourneyMap;
use crate::store;

/// What the panic hook and the signal handler need: the map's latest unsaved state.
pub type Snapshot = Arc<Mutex<Option<(PathBuf, JourneyMap)>>>;

/// Builds the editor's state for `path`: the loaded map, or a template picker for
/// a file that does not exist yet; and the offer to restore a newer recovery file.
pub fn open(path: &Path) -> anyhow::Result<App> {
    let (settings, settings_error) = Settings::load();
    let mut app = if path.exists() {
        let (loaded, _, fp) = crate::files::load(path).map_err(|e| {
            if e.is_invalid() {
                e.with_advice("fix it in a text editor; `cjm check` lists every problem")
            } else {
                e
            }
        })?;
        let mut app = App::new(loaded.map, path.to_path_buf());
        app.fingerprint = Some(fp);
        app.has_comments = loaded.has_comments;
        app
    } else {
        let title = title_from(path);
        let mut app = App::new(
            JourneyMap::new(&title, "Primary persona"),
            path.to_path_buf(),
        );
        app.history = History::unsaved();
        app.overlay = Overlay::Templates { selected: 0 };
        app
    };
    let bad = app.keymap.apply_overrides(&settings.keys);
    if let Some(e) = settings_error {
        app.error(e);
    } else if !bad.is_empty() {
        app.error(format!("Unknown key settings ignored: {}", bad.join(", ")));
    }
    if let Some((text, t, older)) = store::find_recovery(path) {
        match format::load_str(&text) {
            Ok(l) if l.map != app.map => {
                app.overlay = Overlay::Prompt(Prompt::Restore {
                    map: Box::new(l.map),
                    when: session::when(t),
                    older,
                });
            }
            // The same map as the file: nothing unsaved in it.
            Ok(_) => store::remove_recovery(path),
            // Not loadable: left where it is, for a person to look at.
            Err(_) => {}
        }
    }
    Ok(app)
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

fn write_snapshot(snapshot: &Snapshot) -> Option<PathBuf> {
    let guard = snapshot.lock().ok()?;
    let (path, map) = guard.as_ref()?;
    store::write_recovery(path, &format::write(map)).ok()
}

/// Chains a panic hook in front of the current one (ratatui's, which restores the
/// terminal): it first turns off mouse capture and bracketed paste, which ratatui
/// does not know about, and writes the unsaved map to the recovery file.
pub fn install_panic_hook(snapshot: Snapshot) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave_extras();
        let saved = write_snapshot(&snapshot);
        previous(info);
        if let Some(p) = saved {
            eprintln!("cjm: unsaved work was written to {}", p.display());
        }
    }));
}

pub fn run(path: &Path) -> anyhow::Result<u8> {
    let mut app = open(path)?;
    let snapshot: Snapshot = Arc::new(Mutex::new(None));
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }

    let mut terminal = ratatui::init();
    enter_extras();
    install_panic_hook(Arc::clone(&snapshot));

    let result = event_loop(&mut terminal, &mut app, &snapshot, &signal);
    leave_extras();
    ratatui::restore();
    let _ = std::panic::take_hook();
    match result {
        Ok(Exit::Quit) => Ok(0),
        Ok(Exit::Signal(sig)) => {
            if let Some(p) = write_snapshot(&snapshot) {
                eprintln!("cjm: unsaved work was written to {}", p.display());
            }
            Ok(128u8.saturating_add(sig as u8))
        }
        Err(e) => {
            if let Some(p) = write_snapshot(&snapshot) {
                eprintln!("cjm: unsaved work was written to {}", p.display());
            }
            Err(e)
        }
    }
}

enum Exit {
    Quit,
    Signal(usize),
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    snapshot: &Snapshot,
    signal: &AtomicUsize,
) -> anyhow::Result<Exit> {
    let (settings, _) = Settings::load();
    let mut autosave = Autosave::new(settings.autosave_interval());
    let mut seen = None;
    if let Ok(s) = terminal.size() {
        app.size = (s.width, s.height);
    }
    loop {
        // The crash snapshot follows every change; it is empty while a restore
        // offer is open, so a crash then cannot overwrite the work on offer.
        let state = (app.history.version(), app.restore_pending());
        if seen != Some(state) {
            seen = Some(state);
            if let Ok(mut g) = snapshot.lock() {
                *g = (app.is_dirty() && !app.restore_pending())
                    .then(|| (app.path.clone(), app.map.clone()));
            }
        }
        terminal.draw(|f| {
            app.size = (f.area().width, f.area().height);
            view(app, f)
        })?;
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(Exit::Signal(sig));
        }
        autosave.tick(app);
        if !event::poll(Duration::from_millis(200))? {
            continue;
        }
        let ev = event::read()?;
        let Some(effect) = update::update(app, ev) else {
            continue;
        };
        match effect {
            Effect::Quit => {
                app.release_recovery();
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
            Effect::Reload => session::reload(app),
            Effect::ExternalEdit(text) => external_edit(terminal, app, &text)?,
        }
        // A reload or an external edit may have removed what was selected.
        app.clamp_cursor();
        update::ensure_visible(app);
    }
}

/// Hands the map to `$VISUAL`/`$EDITOR` as RON, then reads it back through the
/// same reader as `cjm check`. A bad edit is offered again with its error; the
/// map in the editor is never lost or half-replaced.
fn external_edit(terminal: &mut DefaultTerminal, app: &mut App, text: &str) -> anyhow::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix("cjm-")
        .suffix(".ron")
        .tempfile()?;
    tmp.write_all(text.as_bytes())?;
    tmp.flush()?;
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

    match status {
        Ok(s) if s.success() => {}
        Ok(s) => {
            app.error(format!("{editor} exited with {s}; the map is unchanged"));
            return Ok(());
        }
        Err(e) => {
            app.error(format!("Cannot run {editor}: {e}"));
            return Ok(());
        }
    }
    let edited = std::fs::read(tmp.path())?;
    match format::load(&edited) {
        Ok(l) => {
            if apply(app, Op::ReplaceMap(Box::new(l.map))) {
                app.info("Map updated from the external editor (u undoes)");
            } else {
                app.info("No changes from the external editor");
            }
        }
        Err(e) => {
            app.overlay = Overlay::Prompt(Prompt::ExternalError {
                text: String::from_utf8_lossy(&edited).into_owned(),
                error: e.located("map"),
            });
        }
    }
    Ok(())
}
