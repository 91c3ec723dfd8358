//! An item as a card: its text wrapped to the column, then its details (channel,
//! note, owner · status · priority · `I4 E2`, current → target) on their own dim lines.
//! Layout counts these lines to size the lanes and find what a click hits; the
//! grid draws them. A card is as tall as its text needs, up to the height of
//! the lanes on screen: a longer text (a pasted page) ends in `…` there, and is
//! read whole in the detail panel or the edit box. So a card costs what can be
//! shown of it, whatever the length of its text.

use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;

use super::paint::{head, wrap_at_most};
use crate::edit::Item;
use crate::model::wording::{dots, metric_values};
use crate::model::{Confidence, Lane, Level, Stage, item_noun};
use crate::text::display;
use crate::tui::theme::Theme;

/// How many lines the prompt of an empty cell may take; the rest is for the
/// detail panel.
const PROMPT_LINES: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A line of the item's text; `first` carries its marker.
    Text { first: bool },
    /// A line of its details, dim.
    Detail,
    /// What an empty cell asks for.
    Prompt,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardLine {
    /// The item this line belongs to (`None`: the prompt of an empty cell).
    pub item: Option<usize>,
    pub kind: Kind,
    /// The line, indented under its marker.
    pub text: String,
    /// Coloured marks on the first line, as (first character, characters,
    /// colour): the confidence glyph, `[H]`, the score.
    pub tags: Vec<(usize, usize, Color)>,
}

fn level_tag(l: Level) -> &'static str {
    match l {
        Level::Low => "L",
        Level::Medium => "M",
        Level::High => "H",
    }
}

/// `s` made safe to show, looking no further into it than `budget` bytes; a
/// text cut there ends in `…`.
fn shown(s: &str, budget: usize) -> String {
    let (start, cut) = head(s, budget);
    let mut out = display(start).into_owned();
    if cut {
        out.push('…');
    }
    out
}

/// The marker, its colour, the text and the details of an item, each read no
/// further than `budget` bytes.
fn parts(t: &Theme, item: &Item, budget: usize) -> (String, Option<Color>, String, Vec<String>) {
    let nonempty = |v: Vec<String>| v.into_iter().filter(|s| !s.is_empty()).collect();
    match item {
        Item::Text(s) => ("•".into(), None, shown(s, budget), Vec::new()),
        Item::Touchpoint(tp) => (
            "•".into(),
            None,
            shown(&tp.name, budget),
            nonempty(vec![shown(&tp.channel, budget), shown(&tp.note, budget)]),
        ),
        Item::Emotion(e) => (
            e.score.to_string(),
            Some(t.score(e.score as f64)),
            shown(&e.label, budget),
            nonempty(vec![shown(&e.note, budget)]),
        ),
        Item::PainPoint(p) => (
            format!("[{}]", level_tag(p.severity)),
            Some(t.level(p.severity)),
            shown(&p.text, budget),
            nonempty(vec![dots(p.votes)]),
        ),
        Item::Optimization(o) => {
            let mut d = Vec::new();
            if !o.owner.is_empty() {
                d.push(shown(&o.owner, budget));
            }
            d.push(crate::model::wording::capitalise(o.status.label()));
            d.push(crate::model::wording::capitalise(o.priority.label()));
            let scores = o.score_label();
            if !scores.is_empty() {
                d.push(scores);
            }
            if o.votes > 0 {
                d.push(dots(o.votes));
            }
            (
                format!("[{}]", level_tag(o.priority)),
                Some(t.level(o.priority)),
                shown(&o.text, budget),
                vec![d.join(" · ")],
            )
        }
        Item::Metric(m) => (
            "•".into(),
            None,
            shown(&m.name, budget),
            nonempty(vec![shown(&metric_values(m), budget)]),
        ),
        Item::Lane(l) => {
            let who: Vec<String> = [&l.owner, &l.channel]
                .into_iter()
                .filter(|x| !x.is_empty())
                .map(|x| shown(x, budget))
                .collect();
            let serves = if l.serves.is_empty() {
                String::new()
            } else {
                format!("↳ {}", shown(&l.serves, budget))
            };
            (
                "•".into(),
                None,
                shown(&l.text, budget),
                nonempty(vec![who.join(" · "), serves]),
            )
        }
    }
}

/// The lines of one item's card in `width` columns: its text in at most
/// `max_lines` lines, and each detail in at most as many. A card of a map that
/// holds evidence opens with its confidence's glyph (`conf`), in place of a
/// plain bullet or before a marker that means something (`[H]`, the score),
/// so the column of glyphs down a cell reads at a glance and without colour.
pub fn card(
    t: &Theme,
    item: &Item,
    (conf, who): (Option<Confidence>, Option<String>),
    index: usize,
    width: usize,
    max_lines: usize,
    out: &mut Vec<CardLine>,
) {
    let max_lines = max_lines.max(1);
    // Enough bytes for every column of every line even in four-byte
    // characters, and room for zero-width ones: the wrap stops at `max_lines`.
    let budget = max_lines
        .saturating_add(1)
        .saturating_mul(width.saturating_add(1))
        .saturating_mul(16);
    let (marker, color, text, mut details) = parts(t, item, budget);
    // On a map of several personas, whose card it is: an emotion's persona
    // by her marker before the score, an item's personas on a line of their own.
    let marker = match (&who, item) {
        (Some(m), Item::Emotion(_)) => format!("{m}{marker}"),
        _ => marker,
    };
    if let (Some(w), false) = (who, matches!(item, Item::Emotion(_))) {
        details.push(format!("for {w}"));
    }
    let mut tags: Vec<(usize, usize, Color)> = Vec::new();
    let marker = match conf {
        None => {
            tags.extend(color.map(|c| (0, marker.chars().count(), c)));
            marker
        }
        Some(c) if marker == "•" => {
            tags.push((0, 1, t.accent));
            c.glyph().to_string()
        }
        Some(c) => {
            tags.push((0, 1, t.accent));
            tags.extend(color.map(|col| (2, marker.chars().count(), col)));
            format!("{} {marker}", c.glyph())
        }
    };
    let mw = marker.width();
    // A narrow column (fit zoom) gives the indent under the marker back to the
    // words, which then break less often inside.
    let indent = if width >= mw + 1 + 12 { mw + 1 } else { 0 };
    let pad = " ".repeat(indent);
    let first_w = width.saturating_sub(mw + 1).max(1);
    let rest_w = width.saturating_sub(indent).max(1);
    for (i, l) in wrap_at_most(&text, first_w, rest_w, max_lines)
        .into_iter()
        .enumerate()
    {
        let first = i == 0;
        let line = if first {
            format!("{marker} {l}")
        } else {
            format!("{pad}{l}")
        };
        out.push(CardLine {
            item: Some(index),
            kind: Kind::Text { first },
            text: line,
            tags: if first { tags.clone() } else { Vec::new() },
        });
    }
    for d in details {
        for l in wrap_at_most(&d, rest_w, rest_w, max_lines) {
            out.push(CardLine {
                item: Some(index),
                kind: Kind::Detail,
                text: format!("{pad}{l}"),
                tags: Vec::new(),
            });
        }
    }
}

/// What a cell shows of its items, beyond the items themselves.
pub struct CellView<'a> {
    /// Each item's confidence (`None` for every item of a map without
    /// evidence).
    pub conf: &'a dyn Fn(usize) -> Option<Confidence>,
    /// The items on screen, by place (`None`: all of them); the persona
    /// filter leaves out the other personas' cards.
    pub shown: Option<&'a [usize]>,
    /// Whose card each one is, on a map of several personas.
    pub whose: &'a dyn Fn(usize) -> Option<String>,
}

/// Every line of a cell: its items' cards (each at most `max_lines` lines of
/// text), or the prompt of an empty cell (one whose cards are all hidden
/// counts as empty).
pub fn cell(
    t: &Theme,
    prompt: Option<&str>,
    view: &CellView,
    stage: &Stage,
    lane: Lane,
    width: usize,
    max_lines: usize,
) -> Vec<CardLine> {
    let mut out = Vec::new();
    let len = stage.lane_len(lane);
    let all: Vec<usize> = (0..len).collect();
    let shown = view.shown.unwrap_or(&all);
    if shown.is_empty() {
        let prompt = prompt
            .map(str::to_string)
            .unwrap_or_else(|| format!("no {}s", item_noun(lane)));
        let mut lines = super::paint::wrap(&prompt, width, width);
        if lines.len() > PROMPT_LINES {
            lines.truncate(PROMPT_LINES);
            if let Some(last) = lines.last_mut() {
                *last = super::paint::fit(&format!("{last} …"), width);
            }
        }
        out.extend(lines.into_iter().map(|text| CardLine {
            item: None,
            kind: Kind::Prompt,
            text,
            tags: Vec::new(),
        }));
        return out;
    }
    for &i in shown {
        if let Some(item) = Item::get(stage, lane, i) {
            let about = ((view.conf)(i), (view.whose)(i));
            card(t, &item, about, i, width, max_lines, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_is_at_most_the_lines_given_and_says_it_was_cut() {
        let t = Theme::default();
        let long = Item::Text("a pasted page of words ".repeat(50_000));
        let mut out = Vec::new();
        card(&t, &long, (None, None), 0, 30, 6, &mut out);
        assert_eq!(out.len(), 6);
        assert!(out[5].text.ends_with('…'), "{:?}", out[5]);
        let short = Item::Text("fits whole".into());
        let mut out = Vec::new();
        card(&t, &short, (None, None), 0, 30, 6, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].text, "• fits whole");
        let mut out = Vec::new();
        card(
            &t,
            &short,
            (Some(Confidence::Researched), None),
            0,
            30,
            6,
            &mut out,
        );
        assert_eq!(out[0].text, "◐ fits whole");
    }

    #[test]
    fn a_marker_that_means_something_keeps_its_place_after_the_glyph() {
        let t = Theme::default();
        let p = Item::PainPoint(crate::model::PainPoint {
            text: "Slow".into(),
            severity: Level::High,
            ..Default::default()
        });
        let mut out = Vec::new();
        card(
            &t,
            &p,
            (Some(Confidence::Assumption), None),
            0,
            30,
            6,
            &mut out,
        );
        assert_eq!(out[0].text, "? [H] Slow");
        assert_eq!(out[0].tags.len(), 2);
    }
}
