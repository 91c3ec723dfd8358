//! A canvas that answers: undo and redo say what they changed and show it,
//! search covers every text and shows where it matched, lanes are two keys
//! away, template prompts follow their stage, and every dialog says its own
//! keys. Driven through `update` and drawn with `view` on a TestBackend.

mod common;

use cjm::format::load_str;
use cjm::model::{Lane, templates};
use cjm::tui::app::{App, Cursor, Overlay, Prompt, Templates};
use cjm::tui::keymap::{Dialog, dialog_hints};
use cjm::tui::update::update;
use cjm::tui::view::view;
use common::keys::press;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const PHYSIO: &str = include_str!("data/physio-booking.ron");
const ESPRESSO: &str = include_str!("../maps/espresso.ron");
const SAAS: &str = include_str!("../maps/saas-trial.ron");
const HOTEL: &str = include_str!("../maps/hotel-blueprint.ron");

fn app(text: &str, w: u16, h: u16) -> App {
    let mut a = App::new(load_str(text).unwrap().map, "map.ron".into());
    update(&mut a, Event::Resize(w, h));
    a
}

fn draw(a: &App) -> Buffer {
    let (w, h) = a.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view(a, f)).unwrap();
    term.backend().buffer().clone()
}

fn text_of(buf: &Buffer) -> String {
    let a = buf.area;
    let mut out = String::new();
    for y in 0..a.height {
        let mut skip = 0;
        let mut line = String::new();
        for x in 0..a.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            line.push_str(s);
            skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn screen(a: &App) -> String {
    text_of(&draw(a))
}

fn message(a: &App) -> String {
    a.message.as_ref().map(|m| m.0.clone()).unwrap_or_default()
}

// ---- undo, redo and moves ----

#[test]
fn undo_names_the_change_and_brings_it_back_into_view_selected() {
    let mut a = app(SAAS, 80, 24);
    // Acquisition is the second stage; its touchpoints lane.
    press(&mut a, &["l", "'", "c", "a", "Quote form", "enter"]);
    assert_eq!(a.cursor.stage, 1);
    // Far away: the last stage, another lane.
    press(&mut a, &["G", "'", "k"]);
    assert!(!screen(&a).contains("Acquisition"), "{}", screen(&a));
    press(&mut a, &["u"]);
    assert_eq!(
        message(&a),
        "Undone: add touchpoint \"Quote form\" in Acquisition"
    );
    assert_eq!((a.cursor.stage, a.cursor.lane), (1, Lane::Touchpoints));
    assert!(screen(&a).contains("Acquisition"), "{}", screen(&a));
    press(&mut a, &["G"]);
    update(
        &mut a,
        Event::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)),
    );
    assert_eq!(
        message(&a),
        "Redone: add touchpoint \"Quote form\" in Acquisition"
    );
    assert_eq!(a.cursor.stage, 1);
    let s = screen(&a);
    assert!(s.contains("Quote form"), "{s}");
}

#[test]
fn undoing_a_deletion_names_what_came_back() {
    let mut a = app(PHYSIO, 120, 36);
    let first = a.doc.map.stages[0].actions[0].clone();
    press(&mut a, &["d", "G", "u"]);
    assert!(
        message(&a).starts_with("Undone: delete action \"Searches 'physio near me"),
        "{}",
        message(&a)
    );
    assert_eq!(a.doc.map.stages[0].actions[0], first);
    assert_eq!((a.cursor.stage, a.cursor.item), (0, 0));
}

#[test]
fn moves_name_what_moved_and_where() {
    let mut a = app(PHYSIO, 120, 36);
    press(&mut a, &["J"]);
    assert!(
        message(&a).starts_with("Move action \"Searches 'physio near me")
            && message(&a).ends_with("down in Discover (u undoes)"),
        "{}",
        message(&a)
    );
    press(&mut a, &["L"]);
    assert_eq!(message(&a), "Move stage \"Discover\" right (u undoes)");
    press(&mut a, &["u"]);
    assert_eq!(message(&a), "Undone: move stage \"Discover\" right");
    assert_eq!(
        a.cursor.stage, 0,
        "the stage is selected where it went back"
    );
}

// ---- search ----

#[test]
fn slash_offers_the_last_query_selected_and_typing_replaces_it() {
    let mut a = app(PHYSIO, 120, 36);
    press(&mut a, &["/", "insurance", "enter"]);
    press(&mut a, &["/"]);
    match &a.overlay {
        Overlay::Search(line) => {
            assert_eq!(line.input.text(), "insurance");
            assert!(line.input.is_selected());
        }
        o => panic!("{o:?}"),
    }
    press(&mut a, &["saturday", "enter"]);
    assert_eq!(a.search.query, "saturday");
    assert!(message(&a).contains("for \"saturday\""), "{}", message(&a));
}

#[test]
fn search_covers_persona_and_map_text_and_shows_it() {
    let mut a = app(PHYSIO, 120, 36);
    // Only in the persona's frustrations.
    press(&mut a, &["/", "waiting rooms", "enter"]);
    let m = message(&a);
    assert!(m.starts_with("Match 1 of 1 for \"waiting rooms\""), "{m}");
    assert!(m.contains("persona frustration: "), "{m}");
    assert!(m.contains("Waiting rooms where nobody"), "{m}");
    // Only in an objective.
    press(&mut a, &["/", "halve the number", "enter"]);
    assert!(
        message(&a).contains("map objective: Halve the number"),
        "{}",
        message(&a)
    );
}

#[test]
fn search_covers_every_item_field() {
    let mut a = app(PHYSIO, 120, 36);
    for (query, lane) in [
        ("word of mouth", Lane::Touchpoints),      // a channel
        ("photos matter more", Lane::Touchpoints), // a note
        ("clinic ops", Lane::Optimizations),       // an owner
    ] {
        press(&mut a, &["g", "/", query, "enter"]);
        assert!(
            message(&a).starts_with("Match 1 of"),
            "{query}: {}",
            message(&a)
        );
        assert_eq!(a.cursor.lane, lane, "{query}");
    }
    // A stage goal selects the stage.
    press(&mut a, &["g", "/", "see in one minute", "enter"]);
    assert_eq!(a.cursor.stage, 1);
    assert!(message(&a).starts_with("Match"), "{}", message(&a));
}

#[test]
fn the_count_is_shown_and_n_wraps_with_a_message() {
    let mut a = app(PHYSIO, 120, 36);
    press(&mut a, &["/", "insurance", "enter"]);
    let count = |a: &App| -> (usize, usize) {
        let m = message(a);
        let rest = m.strip_prefix("Match ").unwrap_or_else(|| panic!("{m}"));
        let (i, rest) = rest.split_once(" of ").unwrap();
        let total = rest.split(' ').next().unwrap();
        (i.parse().unwrap(), total.parse().unwrap())
    };
    let (first, total) = count(&a);
    assert!(total >= 3, "{}", message(&a));
    for i in first + 1..=total {
        press(&mut a, &["n"]);
        assert_eq!(count(&a), (i, total));
        assert!(!message(&a).contains("wrapped"));
    }
    press(&mut a, &["n"]);
    assert!(
        message(&a).starts_with(&format!("Match 1 of {total}"))
            && message(&a).contains("wrapped to the top"),
        "{}",
        message(&a)
    );
    press(&mut a, &["N"]);
    assert!(
        message(&a).starts_with(&format!("Match {total} of {total}"))
            && message(&a).contains("wrapped to the bottom"),
        "{}",
        message(&a)
    );
}

#[test]
fn the_match_is_highlighted_where_it_is_shown() {
    let mut a = app(PHYSIO, 120, 36);
    press(&mut a, &["/", "google maps", "enter"]);
    let buf = draw(&a);
    let s = text_of(&buf);
    let (y, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Google Maps") && !l.contains("Match"))
        .unwrap_or_else(|| panic!("{s}"));
    let col = unicode_width::UnicodeWidthStr::width(&line[..line.find("Google Maps").unwrap()]);
    let lit = |x: usize| buf[(x as u16, y as u16)].style();
    let normal = buf[(0, y as u16)].style();
    for x in col..col + "Google Maps".len() {
        assert_ne!(lit(x).bg, normal.bg, "column {x} of {line:?}");
    }
    assert_ne!(
        lit(col + "Google Maps".len()).bg,
        lit(col).bg,
        "only the match: {line:?}"
    );
    // Esc on the grid turns the highlight off.
    press(&mut a, &["esc"]);
    assert!(a.search.active().is_none());
}

// ---- lanes ----

#[test]
fn every_lane_is_two_keys_away_and_listed_in_help() {
    let mut a = app(PHYSIO, 120, 36);
    for (k, lane) in [
        ("p", Lane::PainPoints),
        ("k", Lane::Metrics),
        ("d", Lane::Actions),
        ("t", Lane::Thoughts),
        ("c", Lane::Touchpoints),
        ("e", Lane::Emotions),
        ("o", Lane::Optimizations),
        ("6", Lane::Optimizations),
    ] {
        press(&mut a, &["'"]);
        assert!(
            screen(&a).contains("p Pain points"),
            "the footer lists the lanes"
        );
        press(&mut a, &[k]);
        assert_eq!(a.cursor.lane, lane, "' {k}");
    }
    press(&mut a, &["?"]);
    for _ in 0..60 {
        press(&mut a, &["j"]);
    }
    let s = screen(&a);
    assert!(
        s.contains("'p '5          jump to the Pain points lane"),
        "{s}"
    );
}

#[test]
fn at_40x12_the_lanes_that_do_not_fit_are_marked_and_reachable() {
    let mut a = app(PHYSIO, 40, 12);
    let s = screen(&a);
    assert!(s.contains("▼"), "{s}");
    assert!(!s.contains("KPIs"), "{s}");
    press(&mut a, &["'", "k"]);
    let s = screen(&a);
    assert!(s.contains("KPIs"), "{s}");
    assert!(s.contains("▲"), "{s}");
}

// ---- template prompts ----

#[test]
fn a_template_prompt_follows_its_stage_through_a_rename() {
    let map = templates::find("five-stage")
        .unwrap()
        .instantiate("Renamed", "P");
    let mut a = App::new(map, "m.ron".into());
    update(&mut a, Event::Resize(200, 50));
    let decision = a
        .doc
        .map
        .stages
        .iter()
        .position(|s| s.name == "Decision")
        .unwrap();
    let prompt = templates::stage_prompt(&a.doc.map, decision, Lane::PainPoints).unwrap();
    for _ in 0..decision {
        press(&mut a, &["l"]);
    }
    press(
        &mut a,
        &[
            "r",
            "backspace",
            "backspace",
            "backspace",
            "backspace",
            "backspace",
            "backspace",
            "backspace",
            "backspace",
            "Choosing",
            "enter",
        ],
    );
    assert_eq!(a.doc.map.stages[decision].name, "Choosing");
    assert_eq!(
        templates::stage_prompt(&a.doc.map, decision, Lane::PainPoints),
        Some(prompt.clone())
    );
    assert!(screen(&a).contains(prompt.as_ref()), "{}", screen(&a));
}

// ---- dialogs ----

#[test]
fn every_dialog_footer_is_its_own_keys() {
    let mut a = app(PHYSIO, 120, 36);
    press(&mut a, &["a"]);
    assert!(screen(&a).contains(&dialog_hints(Dialog::Insert)));
    press(&mut a, &["esc", "/"]);
    assert!(screen(&a).contains(&dialog_hints(Dialog::Search)));
    press(&mut a, &["esc", "D"]);
    assert!(screen(&a).contains(&dialog_hints(Dialog::DeleteStage)));
    press(&mut a, &["n", "d", "q"]);
    let s = screen(&a);
    assert!(
        s.contains("y save and quit · n quit without saving · Esc stay"),
        "{s}"
    );
    press(&mut a, &["esc", "?"]);
    assert!(screen(&a).contains(&dialog_hints(Dialog::Help)));
}

#[test]
fn the_delete_stage_question_names_the_stage_and_its_items() {
    let mut a = app(PHYSIO, 120, 36);
    press(&mut a, &["l", "D"]);
    let n = a.doc.map.stages[1].item_count();
    let s = screen(&a);
    assert!(s.contains("Delete stage 2 \"Compare\"?"), "{s}");
    assert!(s.contains(&format!("It holds {n} items.")), "{s}");
    assert!(matches!(a.overlay, Overlay::Prompt(Prompt::DeleteStage(1))));
}

#[test]
fn esc_on_a_changed_form_asks_before_throwing_the_changes_away() {
    let mut a = app(PHYSIO, 120, 36);
    let before = a.doc.map.clone();
    // Unchanged: Esc closes at once.
    press(&mut a, &["p", "esc"]);
    assert!(matches!(a.overlay, Overlay::None));
    // Changed: Esc asks; n goes on editing with the change kept.
    press(&mut a, &["p", "!", "esc"]);
    assert!(
        screen(&a).contains("Discard your changes?"),
        "{}",
        screen(&a)
    );
    press(&mut a, &["n"]);
    match &a.overlay {
        Overlay::Form(f) => assert!(f.is_changed() && !f.confirm_discard),
        o => panic!("{o:?}"),
    }
    press(&mut a, &["esc", "y"]);
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(message(&a), "Changes discarded");
    assert_eq!(a.doc.map, before);
}

#[test]
fn choices_read_as_words() {
    let mut a = app(PHYSIO, 120, 36);
    let (stage, index) = a
        .doc
        .map
        .stages
        .iter()
        .enumerate()
        .find_map(|(s, st)| {
            st.optimizations
                .iter()
                .position(|o| o.status == cjm::model::Status::InProgress)
                .map(|i| (s, i))
        })
        .expect("physio has an optimization in progress");
    for _ in 0..stage {
        press(&mut a, &["l"]);
    }
    press(&mut a, &["'", "o"]);
    for _ in 0..index {
        press(&mut a, &["j"]);
    }
    press(&mut a, &["e"]);
    let s = screen(&a);
    assert!(s.contains("◂ In progress ▸"), "{s}");
    assert!(!s.contains("InProgress"), "{s}");
    // Saving it unchanged keeps the status.
    press(&mut a, &["enter"]);
    assert_eq!(
        a.doc.map.stages[stage].optimizations[index].status,
        cjm::model::Status::InProgress
    );
}

// ---- small terminals ----

#[test]
fn at_80x24_help_is_still_in_the_footer() {
    let a = app(PHYSIO, 80, 24);
    let s = screen(&a);
    assert!(s.lines().any(|l| l.contains("? help")), "{s}");
}

#[test]
fn the_help_overlays_columns_never_run_into_each_other() {
    let a0 = app(PHYSIO, 120, 36);
    let rows = a0.keymap.help_rows();
    let words: Vec<String> = rows
        .iter()
        .flat_map(|(k, n, d)| {
            format!("{k} {n} {d}")
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    for w in (40..=140).step_by(3) {
        let mut a = app(PHYSIO, w, 36);
        press(&mut a, &["?"]);
        for line in screen(&a).lines() {
            let Some(inner) = line.split('│').nth(1) else {
                continue;
            };
            for tok in inner.split_whitespace() {
                let tok = tok.trim_end_matches('…');
                assert!(
                    tok.is_empty() || words.iter().any(|w| w.starts_with(tok)),
                    "at width {w}, {tok:?} runs two columns together: {line:?}"
                );
            }
        }
    }
}

// ---- update stays pure ----

/// The paths a piece of Rust names: every `use` (groups expanded) and every
/// path written inline (`crate::files::load(…)`), comments left out.
fn paths_named(code: &str) -> Vec<String> {
    let code: String = code
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    // `use` statements, braces expanded.
    fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
        let tree = tree.trim();
        if let Some(open) = tree.find('{') {
            let head = tree[..open].trim().trim_end_matches("::");
            let inner = &tree[open + 1..tree.rfind('}').unwrap()];
            let base = [prefix, head]
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join("::");
            let mut depth = 0;
            let mut part = String::new();
            for c in inner.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&base, &part, out);
                        part.clear();
                        continue;
                    }
                    _ => {}
                }
                part.push(c);
            }
            expand(&base, &part, out);
        } else if !tree.is_empty() {
            let tree = tree.split(" as ").next().unwrap().trim();
            out.push(if prefix.is_empty() {
                tree.to_string()
            } else {
                format!("{prefix}::{tree}")
            });
        }
    }
    let mut rest = code.as_str();
    while let Some(i) = rest.find("use ") {
        let before = rest[..i].chars().last();
        // A `use` statement starts its line (after `pub` at most): the word
        // in a sentence of a string is not one.
        let line = rest[..i].rsplit('\n').next().unwrap_or("").trim();
        rest = &rest[i + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            || !(line.is_empty() || line.starts_with("pub"))
        {
            continue;
        }
        let end = rest.find(';').unwrap_or(rest.len());
        expand("", &rest[..end], &mut out);
        rest = &rest[end..];
    }
    // Paths written inline.
    let bytes: Vec<char> = code.chars().collect();
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    let mut i = 0;
    while i < bytes.len() {
        if word(bytes[i]) && (i == 0 || !word(bytes[i - 1])) {
            let mut j = i;
            while j < bytes.len() && word(bytes[j]) {
                j += 1;
            }
            let p: String = bytes[i..j].iter().collect();
            if p.contains("::") {
                out.push(p.trim_end_matches(':').to_string());
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// The source file of the module `path` names from module `module` (a path
/// under `src/` without `.rs`), if it is one of this crate's.
fn module_file(module: &str, path: &str) -> Option<(String, std::path::PathBuf)> {
    let segs: Vec<&str> = path.split("::").collect();
    let mut base: Vec<String> = match *segs.first()? {
        "crate" => Vec::new(),
        "super" => {
            let mut m: Vec<String> = module.split('/').map(String::from).collect();
            m.pop();
            m
        }
        "self" => module.split('/').map(String::from).collect(),
        _ => return None,
    };
    let mut found = None;
    for s in &segs[1..] {
        if *s == "super" {
            base.pop();
            continue;
        }
        base.push(s.to_string());
        let m = base.join("/");
        for f in [format!("src/{m}.rs"), format!("src/{m}/mod.rs")] {
            let p = common::root().join(&f);
            if p.exists() {
                found = Some((m.clone(), p));
            }
        }
    }
    found
}

/// `update` turns a key into a new state and at most an `Effect`; the runtime
/// does the file work. Structurally: no module that `update` reaches through
/// its imports (its own and theirs, transitively) names `std::fs`, or a
/// function of `files`, `store` or `recovery` — their types (a `Found` offer,
/// a `Fingerprint`) may be carried as data.
#[test]
fn update_does_no_file_work_of_its_own() {
    let banned = ["crate::files", "crate::store", "crate::recovery"];
    let mut todo = vec!["tui/update".to_string()];
    let mut seen = std::collections::HashSet::new();
    let mut bad = Vec::new();
    while let Some(module) = todo.pop() {
        if !seen.insert(module.clone()) {
            continue;
        }
        let file = ["rs", "/mod.rs"]
            .iter()
            .map(|e| {
                common::root().join(format!(
                    "src/{module}{}",
                    if *e == "rs" { ".rs" } else { e }
                ))
            })
            .find(|p| p.exists())
            .unwrap();
        let src = std::fs::read_to_string(&file).unwrap();
        // The code, not its tests (which build recovery offers to feed it).
        let code = src.split("#[cfg(test)]").next().unwrap();
        for path in paths_named(code) {
            let path = path.replace("super::super::", "crate::");
            let absolute = if path.starts_with("super::") || path.starts_with("self::") {
                module_file(&module, &path).map(|(m, _)| format!("crate::{}", m.replace('/', "::")))
            } else {
                Some(path.clone())
            };
            let named = absolute.clone().unwrap_or_default();
            let is_type = path
                .rsplit("::")
                .next()
                .is_some_and(|last| last.starts_with(char::is_uppercase));
            if path.starts_with("std::fs") || path.contains("::fs::") {
                bad.push(format!("{module}: {path}"));
            }
            for b in banned {
                let reaches = named == b || named.starts_with(&format!("{b}::"));
                if (path.starts_with(b) || reaches) && !is_type {
                    bad.push(format!("{module}: {path}"));
                }
            }
            if let Some((m, _)) = module_file(&module, &path)
                && !banned
                    .iter()
                    .any(|b| format!("crate::{}", m.replace('/', "::")) == *b)
            {
                todo.push(m);
            }
        }
    }
    assert!(
        seen.len() > 5,
        "the walk follows update's imports: {seen:?}"
    );
    assert!(
        bad.is_empty(),
        "file work reachable from update (it belongs to the runtime): {bad:#?}"
    );
}

// ---- snapshots ----

#[test]
fn answers_snapshots() {
    let mut a = app(PHYSIO, 80, 24);
    press(&mut a, &["/", "insurance", "enter"]);
    insta::assert_snapshot!("answers-search-80x24", screen(&a));
    let mut a = app(PHYSIO, 120, 36);
    press(&mut a, &["l", "D"]);
    insta::assert_snapshot!("answers-delete-stage-120x36", screen(&a));
    let mut a = app(PHYSIO, 80, 24);
    press(&mut a, &["?"]);
    insta::assert_snapshot!("answers-help-80x24", screen(&a));
    let mut a = app(ESPRESSO, 40, 12);
    press(&mut a, &["'"]);
    insta::assert_snapshot!("answers-lane-prefix-40x12", screen(&a));
}

/// The dialog on screen, as the keymap's table names it.
fn dialog_of(a: &App) -> Option<Dialog> {
    match &a.overlay {
        Overlay::Insert(b) if b.confirm_discard => Some(Dialog::InsertDiscard),
        Overlay::Insert(_) => Some(Dialog::Insert),
        Overlay::Search(_) => Some(Dialog::Search),
        Overlay::Timer(_) => Some(Dialog::Timer),
        Overlay::Form(f) if f.confirm_discard => Some(Dialog::FormDiscard),
        Overlay::Form(_) => Some(Dialog::Form),
        Overlay::Help(_) => Some(Dialog::Help),
        Overlay::Templates(_) => Some(Dialog::Templates),
        Overlay::Prompt(p) => Some(p.dialog()),
        Overlay::Evidence(e) if e.confirm_delete => Some(Dialog::EvidenceDelete),
        Overlay::Evidence(_) => Some(Dialog::Evidence),
        Overlay::Cite(_) => Some(Dialog::Cite),
        Overlay::Lanes(m) => Some(match m.step {
            cjm::tui::app::LaneStep::List => Dialog::Lanes,
            cjm::tui::app::LaneStep::Kind(_) => Dialog::LaneKind,
            cjm::tui::app::LaneStep::Title { .. } => Dialog::LaneTitle,
            cjm::tui::app::LaneStep::Remove => Dialog::LaneRemove,
        }),
        Overlay::Personas(m) => Some(match m.step {
            cjm::tui::app::PersonaStep::List => Dialog::Personas,
            cjm::tui::app::PersonaStep::Name(_) => Dialog::PersonaName,
            cjm::tui::app::PersonaStep::Remove => Dialog::PersonaRemove,
        }),
        _ => None,
    }
}

fn offers(n: usize, map: &cjm::model::JourneyMap) -> Vec<cjm::tui::app::Offer> {
    (0..n)
        .map(|i| {
            let mut other = map.clone();
            other.title = format!("Recovered {i}");
            cjm::tui::app::Offer {
                found: cjm::recovery::Found {
                    path: format!("recovery-{i}.ron").into(),
                    kind: cjm::recovery::Kind::Autosave,
                    session: format!("1-{i}"),
                    text: cjm::format::write(&other),
                    written: std::time::SystemTime::UNIX_EPOCH,
                    older: false,
                },
                when: "then".into(),
                content: cjm::tui::app::Offered::Map(Box::new(other)),
            }
        })
        .collect()
}

/// An editor with dialog `d` open, somewhere each of its keys has something to
/// do (a list scrolled or chosen from its middle, a form with a change).
fn in_dialog(d: Dialog) -> App {
    let mut a = app(PHYSIO, 80, 24);
    let form = |a: &mut App| {
        a.cursor = Cursor {
            stage: 0,
            lane: Lane::PainPoints,
            item: 0,
        };
        press(a, &["e"]);
    };
    match d {
        Dialog::Insert => drop(press(&mut a, &["a", "one two"])),
        Dialog::InsertDiscard => drop(press(&mut a, &["a", "one two", "esc"])),
        Dialog::Search => drop(press(&mut a, &["/", "one two"])),
        Dialog::Timer => drop(press(&mut a, &["t"])),
        Dialog::Form => {
            form(&mut a);
            // On a choice (the severity), so that left and right choose.
            if let Overlay::Form(f) = &mut a.overlay {
                f.focus = f
                    .fields
                    .iter()
                    .position(|f| matches!(f.value, cjm::tui::form::Value::Choice { .. }))
                    .expect("a pain point's form has a choice");
            }
        }
        Dialog::FormDiscard => {
            form(&mut a);
            press(&mut a, &["x", "esc"]);
        }
        Dialog::Help => drop(press(&mut a, &["?", "down"])),
        Dialog::Quit => a.overlay = Overlay::Prompt(Prompt::Quit),
        Dialog::DeleteStage => a.overlay = Overlay::Prompt(Prompt::DeleteStage(0)),
        Dialog::ChangedOnDisk => {
            a.overlay = Overlay::Prompt(Prompt::ChangedOnDisk { then_quit: false })
        }
        Dialog::DropComments => {
            a.overlay = Overlay::Prompt(Prompt::DropComments { then_quit: false })
        }
        Dialog::RestoreOne => {
            let offers = offers(1, &a.doc.map);
            a.overlay = Overlay::Prompt(Prompt::Restore {
                offers,
                selected: 0,
            })
        }
        Dialog::Restore => {
            let offers = offers(3, &a.doc.map);
            a.overlay = Overlay::Prompt(Prompt::Restore {
                offers,
                selected: 1,
            })
        }
        Dialog::ExternalError => {
            a.overlay = Overlay::Prompt(Prompt::ExternalError {
                text: "not a map".into(),
                error: "expected a map".into(),
            })
        }
        Dialog::Templates => a.overlay = Overlay::Templates(Templates { selected: 1 }),
        Dialog::Evidence => {
            a = app(SAAS, 80, 24);
            press(&mut a, &["R", "j"]);
        }
        Dialog::EvidenceDelete => {
            a = app(SAAS, 80, 24);
            press(&mut a, &["R", "j", "d"]);
        }
        Dialog::Cite => {
            a = app(SAAS, 80, 24);
            press(&mut a, &["'", "p", "l", "l", "C", "j"]);
        }
        // On Frontstage: cards, and lanes above and below it.
        Dialog::Lanes | Dialog::LaneKind | Dialog::LaneTitle | Dialog::LaneRemove => {
            a = app(HOTEL, 80, 24);
            press(&mut a, &["'", "f", "b"]);
            match d {
                Dialog::LaneKind => drop(press(&mut a, &["a", "j"])),
                Dialog::LaneTitle => drop(press(&mut a, &["r"])),
                Dialog::LaneRemove => drop(press(&mut a, &["d"])),
                _ => {}
            }
        }
        // On the hotel's second guest, who has cards of his own, between
        // the first and a third.
        Dialog::Personas | Dialog::PersonaName | Dialog::PersonaRemove => {
            a = app(HOTEL, 80, 24);
            press(&mut a, &["W", "a", "Ana", "enter", "k"]);
            match d {
                Dialog::PersonaName => drop(press(&mut a, &["a"])),
                Dialog::PersonaRemove => drop(press(&mut a, &["d"])),
                _ => {}
            }
        }
    }
    assert_eq!(dialog_of(&a), Some(d), "set up {d:?}");
    a
}

/// Everything a key can change: the dialog's state, the map, what the runtime
/// is asked to do.
fn outcome(a: &App, effects: &[cjm::tui::app::Effect]) -> String {
    use std::hash::{Hash, Hasher};
    let mut map = std::collections::hash_map::DefaultHasher::new();
    cjm::format::write(&a.doc.map).hash(&mut map);
    let effects: Vec<String> = effects
        .iter()
        .map(|e| format!("{e:?}").chars().take(80).collect())
        .collect();
    format!(
        "{:?}\nmap {:x}\nsearch {:?}\ntimer {}\nmessage {:?}\n{effects:?}",
        a.overlay,
        map.finish(),
        a.search,
        a.timer.is_some(),
        a.message,
    )
}

/// Every key of every row of every dialog's table (the keys its footer is
/// written from) does what its row says: something, the same as the row's other
/// keys (or, for a row that moves, a move), something other than the dialog's
/// other rows, and a cancel leaves the map as it was and asks for nothing.
#[test]
fn every_dialogs_keys_do_what_their_footer_says() {
    use cjm::tui::keymap::{DIALOG_KEYS, Reply};
    let mut dialogs = Vec::new();
    for (d, keys, reply, doc) in DIALOG_KEYS {
        if !dialogs.contains(d) {
            dialogs.push(*d);
        }
        let before = in_dialog(*d);
        let before_outcome = outcome(&before, &[]);
        let mut first: Option<String> = None;
        for k in keys.split(' ') {
            let what = format!("{d:?} {k:?} ({doc})");
            let mut a = in_dialog(*d);
            let effects = press(&mut a, &[k]);
            let now = outcome(&a, &effects);
            assert_ne!(now, before_outcome, "{what} does nothing");
            match reply {
                // Rows that move one way or the other: each key moves.
                Reply::Field => match (&before.overlay, &a.overlay) {
                    (Overlay::Form(b), Overlay::Form(f)) => {
                        assert_ne!(b.focus, f.focus, "{what} moves to another field")
                    }
                    _ => panic!("{what} leaves the form"),
                },
                Reply::Choose => match &a.overlay {
                    Overlay::Form(f) => {
                        assert_eq!(b_focus(&before), f.focus, "{what} stays on the choice")
                    }
                    _ => panic!("{what} leaves the form"),
                },
                _ => match &first {
                    None => first = Some(now.clone()),
                    Some(f) => assert_eq!(&now, f, "{what} does what the row's first key does"),
                },
            }
            let typed = match &a.overlay {
                Overlay::Insert(b) => Some(b.input.text().to_string()),
                Overlay::Search(l) => Some(l.input.text().to_string()),
                _ => None,
            };
            match reply {
                Reply::Word => assert_eq!(typed.as_deref(), Some("one "), "{what}"),
                Reply::Line => assert_eq!(typed.as_deref(), Some(""), "{what}"),
                Reply::Cancel => {
                    assert_ne!(dialog_of(&a), Some(*d), "{what} closes it");
                    assert_eq!(a.doc.map, before.doc.map, "{what} leaves the map");
                    let asks: Vec<_> = effects
                        .iter()
                        .filter(|e| !matches!(e, cjm::tui::app::Effect::Quit))
                        .collect();
                    assert!(asks.is_empty(), "{what} asks for {asks:?}");
                }
                Reply::Commit | Reply::Yes | Reply::No => {
                    assert_ne!(dialog_of(&a), Some(*d), "{what} answers it")
                }
                _ => {}
            }
        }
        // The footer names the row by its first key.
        let label = cjm::tui::keymap::Key::parse(keys.split(' ').next().unwrap())
            .unwrap()
            .label();
        assert!(
            dialog_hints(*d).contains(&format!("{label} {doc}")) || dialog_hints(*d).contains(doc),
            "{d:?}'s footer {:?} lacks {label} {doc}",
            dialog_hints(*d)
        );
    }
    // Rows of one dialog do different things.
    for d in &dialogs {
        let rows: Vec<_> = DIALOG_KEYS.iter().filter(|(dd, ..)| dd == d).collect();
        for (i, (_, ka, ra, _)) in rows.iter().enumerate() {
            for (_, kb, rb, _) in rows.iter().skip(i + 1) {
                if matches!((ra, rb), (Reply::Field, _) | (_, Reply::Field)) {
                    continue;
                }
                let run = |keys: &str| {
                    let mut a = in_dialog(*d);
                    let e = press(&mut a, &[keys.split(' ').next().unwrap()]);
                    outcome(&a, &e)
                };
                assert_ne!(run(ka), run(kb), "{d:?}: {ka:?} and {kb:?} do the same");
            }
        }
    }
}

fn b_focus(a: &App) -> usize {
    match &a.overlay {
        Overlay::Form(f) => f.focus,
        _ => usize::MAX,
    }
}
