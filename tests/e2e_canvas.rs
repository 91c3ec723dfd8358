//! The canvas in the real binary, in a pseudo-terminal: keys typed as a person
//! would, the screen read back through a terminal emulator. Every editor a test
//! starts is ended by closing its terminal and must exit on its own. Each area's
//! tests are grouped under its own heading.
#![cfg(unix)]

mod common;

use common::pty::*;
use portable_pty::PtySize;

const PHYSIO: &str = include_str!("data/physio-booking.ron");

// ---- answers: search, undo ----

#[test]
fn search_finds_persona_text_and_a_second_search_replaces_the_first() {
    let env = Env::new();
    let file = env.file("physio.ron", PHYSIO);
    let mut s = env.open(&file, &[]);
    s.wait_for("1 Discover");
    // Only the persona's frustrations say this: the message shows the text.
    s.send("/");
    s.type_text("waiting rooms");
    s.send(ENTER);
    s.wait_for("Match 1 of 1 for \"waiting rooms\"");
    s.wait_for("persona frustration: Waiting rooms where nobody");
    // `/` offers the last query selected: typing replaces it.
    s.send("/");
    s.wait_for("/waiting rooms");
    s.type_text("Saturday");
    s.send(ENTER);
    s.wait_for("for \"Saturday\"");
    assert!(
        !s.screen().contains("waiting roomsSaturday"),
        "{}",
        s.screen()
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn undo_after_moving_away_brings_the_undone_item_back_into_view() {
    let env = Env::new();
    let file = env.file("espresso.ron", ESPRESSO);
    let mut s = env.open(&file, &[]);
    s.wait_for("1 Awareness");
    s.send("d");
    s.wait_for("Deleted action");
    // The last stage: the first one scrolls out of view at 120 columns.
    s.send("G");
    s.wait_gone("1 Awareness");
    s.send("u");
    s.wait_for("Undone: delete action \"Watches a latte-art reel");
    s.wait_for("1 Awareness");
    let screen = s.screen();
    let doing = screen
        .lines()
        .find(|l| l.starts_with("Doing"))
        .unwrap_or_default();
    assert!(doing.contains("• Watches a latte-art"), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0, "undone back to the file: nothing to save");
}

// ---- grid: zoom ----

/// `z` to fit zoom shows all six stages of a six-stage map at 100 columns,
/// with every stage named under the emotion curve.
#[test]
fn z_fit_shows_all_six_stages_at_100_columns() {
    let env = Env::new();
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/maps/saas-trial.ron"))
        .unwrap();
    let file = env.file("saas-trial.ron", &text);
    let mut s = env.open(&file, &[]);
    s.wait_for("zoom: normal");
    // The window narrows to 100 columns.
    s.master
        .as_ref()
        .unwrap()
        .resize(PtySize {
            rows: 40,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    s.parser.lock().unwrap().screen_mut().set_size(40, 100);
    s.wait_for("Stages 1–3/6");
    s.send("z");
    s.wait_for("zoom: wide");
    s.send("z");
    s.wait_for("zoom: fit");
    s.wait_for("Stages 1–6/6");
    let screen = s.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let heads = lines[1];
    let names = lines
        .iter()
        .rev()
        .find(|l| l.trim_start().starts_with("1 "))
        .unwrap();
    for n in 1..=6 {
        assert!(
            heads.contains(&format!("{n} ")),
            "stage {n} head:\n{screen}"
        );
        assert!(
            names.contains(&format!("{n}")),
            "stage {n} under the curve:\n{screen}"
        );
    }
    // And back to normal: fewer stages again.
    s.send("z");
    s.wait_for("zoom: normal");
    s.wait_for("Stages 1–3/6");
    s.close_terminal();
    s.wait_exit_within(EXIT_AFTER_HANGUP);
}

// ---- panels: detail and persona ----

/// At 120×40 the detail panel is there from the start; Space hides and shows
/// it, P brings the persona panel in beside the grid, and both answer at once.
#[test]
fn space_and_p_toggle_the_panels_in_the_real_editor() {
    let env = Env::new();
    let file = env.file("physio.ron", PHYSIO);
    let mut s = env.open(&file, &[]);
    s.wait_for("Detail — Space hides");
    // The selected action, whole, labelled in the panel.
    s.wait_for("Action 1 of 2 · Discover");
    s.send(" ");
    s.wait_gone("Detail — Space hides");
    s.send(" ");
    s.wait_for("Detail — Space hides");
    s.send("P");
    s.wait_for("Persona · Léa Martin");
    s.wait_for("Name Léa Martin");
    s.send("P");
    s.wait_gone("Persona · Léa Martin");
    s.close_terminal();
    s.wait_exit_within(EXIT_AFTER_HANGUP);
}

// ---- curve: --compare ----

/// Runs git in `dir`, away from the user's and the system's configuration.
fn git(dir: &std::path::Path, args: &[&str]) {
    let o = std::process::Command::new("git")
        .args(["-c", "user.name=Ada", "-c", "user.email=ada@example.com"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A repository holding espresso.ron as today, then with Consideration raised
/// to 4 and Retention lowered to 1: the to-be in the work tree, the as-is at
/// HEAD~1.
fn espresso_repo(env: &Env) -> std::path::PathBuf {
    let file = env.file("espresso.ron", ESPRESSO);
    git(env.dir.path(), &["init", "-q"]);
    git(env.dir.path(), &["add", "espresso.ron"]);
    git(env.dir.path(), &["commit", "-q", "-m", "as-is"]);
    let mut m = cjm::format::load_str(ESPRESSO).unwrap().map;
    for e in &mut m.stages[1].emotions {
        e.score = 4;
    }
    for e in &mut m.stages[3].emotions {
        e.score = 1;
    }
    std::fs::write(&file, cjm::format::write(&m)).unwrap();
    git(env.dir.path(), &["commit", "-q", "-a", "-m", "to-be"]);
    file
}

/// Where the dimmed points are: (line, column) of every `○` right of the legend.
fn dimmed_points(screen: &str) -> Vec<(usize, usize)> {
    screen
        .lines()
        .enumerate()
        .flat_map(|(y, l)| {
            l.chars()
                .enumerate()
                .skip(14)
                .filter(|(_, c)| *c == '○')
                .map(move |(x, _)| (y, x))
        })
        .collect()
}

/// The line under the curve that names the stages.
fn names_line(screen: &str) -> String {
    screen
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with("1 "))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn compare_with_an_older_revision_draws_both_curves_and_only_the_live_one_moves() {
    let env = Env::new();
    let file = espresso_repo(&env);
    let home = env.dir.path().to_string_lossy().into_owned();
    let mut s = env.open_args(
        &[
            file.as_os_str(),
            "--compare".as_ref(),
            "HEAD~1:espresso.ron".as_ref(),
        ],
        &[("HOME", &home), ("GIT_CONFIG_NOSYSTEM", "1")],
    );
    s.wait_for("● live");
    s.wait_for("○ HEAD~1");
    s.wait_for("vs HEAD~1:espresso.ron");
    s.wait_for("2 Consideration ▲2.0");
    let screen = s.screen();
    assert!(names_line(&screen).contains("4 Retention ▼1.5"), "{screen}");
    assert!(screen.contains("┄") && screen.contains("●4.0"), "{screen}");
    let dimmed = dimmed_points(&screen);
    assert_eq!(
        dimmed.len(),
        2,
        "Consideration's and Retention's:\n{screen}"
    );

    // Both of Consideration's emotions to 5: the live point rises, the
    // dimmed ones stay where they were.
    s.send("l");
    s.send("'");
    s.send("e");
    s.send("5");
    s.send("j");
    s.send("5");
    s.wait_for("2 Consideration ▲3.0");
    s.wait_for("●5.0");
    assert_eq!(dimmed_points(&s.screen()), dimmed, "{}", s.screen());

    // Renamed, the stage keeps its id and so its comparison.
    s.send("r");
    s.send("\x15");
    s.type_text("Choosing");
    s.send(ENTER);
    s.wait_for("2 Choosing ▲3.0");

    // A new stage has nothing to compare with.
    s.send("A");
    s.type_text("Doubts");
    s.send(ENTER);
    s.wait_for("3 Doubts");
    let names = names_line(&s.screen());
    assert!(
        !names.contains("3 Doubts ▲") && !names.contains("3 Doubts ="),
        "{names}"
    );

    // c hides the comparison, and shows it again.
    s.send("c");
    s.wait_for("c compare: hidden");
    s.wait_gone("○ HEAD~1");
    s.send("c");
    s.wait_for("○ HEAD~1");

    s.close_terminal();
    s.wait_exit_within(EXIT_AFTER_HANGUP);
}

#[test]
fn a_bad_compare_exits_2_with_the_message_and_draws_nothing() {
    let env = Env::new();
    let file = espresso_repo(&env);
    let before = std::fs::read(&file).unwrap();
    env.file("notes.ron", "(just: \"some other tool's settings\")\n");
    let home = env.dir.path().to_string_lossy().into_owned();
    for (other, said) in [
        ("missing.ron", "cjm: --compare: missing.ron: no such file"),
        (
            "HEAD~7:espresso.ron",
            "cjm: --compare: HEAD~7:espresso.ron: no such file or git object",
        ),
        ("notes.ron", "cjm: --compare: notes.ron:1:1"),
    ] {
        let mut s = env.open_args(
            &[file.as_os_str(), "--compare".as_ref(), other.as_ref()],
            &[("HOME", &home), ("GIT_CONFIG_NOSYSTEM", "1")],
        );
        s.wait_for(said);
        assert_eq!(s.wait_exit(), 2, "{other}");
        let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
        assert!(
            !raw.contains("\x1b[?1049h"),
            "{other}: the editor took the screen: {raw:?}"
        );
        assert!(!s.screen().contains("Emotion"), "{}", s.screen());
    }
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the map is untouched"
    );
}

// ---- presentation mode ----

const F5: &str = "\x1b[15~";
/// Unbound: its message says every key typed before it has been handled.
const F12: &str = "\x1b[24~";
const RIGHT: &str = "\x1b[C";
const LEFT: &str = "\x1b[D";

type Cell = (String, vt100::Color, vt100::Color, bool, bool, bool, bool);

/// Every cell of the screen with its colours and attributes: the selection is
/// visible only in those. (Not the cursor: hidden, it is wherever the last
/// drawing left it.)
fn cells(s: &Session) -> Vec<Cell> {
    let p = s.parser.lock().unwrap();
    let screen = p.screen();
    let (rows, cols) = screen.size();
    let mut out = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            if let Some(cell) = screen.cell(r, c) {
                // A blank drawn and a cell never written look the same.
                let text = match cell.contents() {
                    "" => " ".to_string(),
                    t => t.to_string(),
                };
                out.push((
                    text,
                    cell.fgcolor(),
                    cell.bgcolor(),
                    cell.bold(),
                    cell.italic(),
                    cell.underline(),
                    cell.inverse(),
                ));
            }
        }
    }
    out
}

#[test]
fn f5_presents_next_and_previous_move_and_esc_comes_back_to_the_same_selection() {
    let env = Env::new();
    let file = env.file("physio.ron", PHYSIO);
    let mut s = env.open(&file, &[]);
    s.wait_for("Booking a physiotherapy");
    s.send(F12);
    s.wait_for("Unbound key");
    let home = cells(&s);
    // The third stage's second action.
    s.send("l");
    s.wait_gone("Unbound key");
    s.send("l");
    s.send("j");
    s.send(F12);
    s.wait_for("Unbound key");
    let before = cells(&s);
    assert_ne!(before, home, "the selection moved");

    s.send(F5);
    s.wait_for("Overview · 5 stages");
    s.wait_for("Léa Martin");
    s.wait_for("Pain points · High");
    s.send(RIGHT);
    s.wait_for("Stage 1 of 5");
    s.send(RIGHT);
    s.wait_for("Stage 2 of 5");
    s.send(LEFT);
    s.wait_for("Stage 1 of 5");
    s.send("4");
    s.wait_for("Stage 4 of 5");
    s.wait_for("First visit");

    s.send(ESC);
    s.wait_gone("Stage 4 of 5");
    s.send(F12);
    wait_until("the editor is back exactly as it was", || {
        cells(&s) == before
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), PHYSIO);
}
