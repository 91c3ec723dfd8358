//! The others in the room: who else has the map open (the names their live
//! files publish, see `live`), and the cards that arrived with the last merge
//! of another session's save, marked for a few seconds so that a person sees
//! what changed under their eyes without reading the whole board again.

use std::collections::HashMap;
use std::time::Duration;

use unicode_width::UnicodeWidthStr;

use crate::edit::Item;
use crate::model::{JourneyMap, Lane};
use crate::text::display;

/// How long a card that arrived from another session stays marked.
pub const FRESH: Duration = Duration::from_secs(5);

/// The mark beside such a card.
pub const MARK: &str = "+";

/// One card by identity: its stage's id, its lane and the item itself.
pub type Card = (String, Lane, Item);

#[derive(Debug, Clone, Default)]
pub struct Room {
    /// This session's name, published in its live file.
    pub name: String,
    /// The names of the other living sessions, sorted, each once.
    pub others: Vec<String>,
    /// When the last merge happened (on the app's clock) and what it brought.
    pub arrived: Option<(Duration, Vec<Card>)>,
}

impl Room {
    /// True while `card` is one the last merge brought and is still fresh.
    pub fn is_new(&self, now: Duration, stage: &str, lane: Lane, item: &Item) -> bool {
        match &self.arrived {
            Some((at, cards)) if now.saturating_sub(*at) < FRESH => cards
                .iter()
                .any(|(s, l, i)| s == stage && *l == lane && i == item),
            _ => false,
        }
    }

    /// Takes the names of the other sessions (as their files say them).
    pub fn set_others<'a>(&mut self, names: impl Iterator<Item = &'a str>) {
        let mut v: Vec<String> = names
            .map(|n| {
                let n = n.trim();
                if n.is_empty() { "someone" } else { n }.to_string()
            })
            .collect();
        v.sort();
        v.dedup();
        self.others = v;
    }

    /// "with Ana, Ben" in at most `width` columns: names that do not fit are
    /// counted ("with Ana, +3"). Empty when nobody else has the map open.
    pub fn with(&self, width: usize) -> String {
        if self.others.is_empty() || width == 0 {
            return String::new();
        }
        let names: Vec<String> = self
            .others
            .iter()
            .map(|n| display(n).into_owned())
            .collect();
        for shown in (0..=names.len()).rev() {
            let mut s = format!("with {}", names[..shown].join(", "));
            let rest = names.len() - shown;
            if rest > 0 {
                s.push_str(&format!("{}+{rest}", if shown > 0 { ", " } else { "" }));
            }
            if s.width() <= width {
                return s;
            }
        }
        let n = names.len();
        if format!("+{n}").width() <= width {
            format!("+{n}")
        } else {
            String::new()
        }
    }
}

/// Who works in this session when neither `--name` nor settings.ron says:
/// the login name, as the shell knows it.
pub fn default_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "someone".to_string())
}

/// The cards in `after` that `before` does not hold (by stage id, lane and
/// content): what a merge brought. Each lane of `before` is gathered once, so
/// a merge into a map of thousands of stages stays quick.
pub fn arrivals(before: &JourneyMap, after: &JourneyMap) -> Vec<Card> {
    let old: HashMap<&str, &crate::model::Stage> =
        before.stages.iter().map(|s| (s.id.as_str(), s)).collect();
    let items = |s: &crate::model::Stage, lane: Lane| -> Vec<Item> {
        (0..s.lane_len(lane))
            .filter_map(|i| Item::get(s, lane, i))
            .collect()
    };
    let mut out = Vec::new();
    for stage in &after.stages {
        let was = old.get(stage.id.as_str());
        for lane in after.lane_sequence() {
            let known = was.map(|o| items(o, lane)).unwrap_or_default();
            for item in items(stage, lane) {
                if !known.contains(&item) {
                    out.push((stage.id.clone(), lane, item));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn room(names: &[&str]) -> Room {
        let mut r = Room::default();
        r.set_others(names.iter().copied());
        r
    }

    #[test]
    fn the_names_fit_the_room_given_and_the_rest_are_counted() {
        assert_eq!(room(&[]).with(80), "");
        assert_eq!(room(&["Ben", "Ana", "Ben"]).with(80), "with Ana, Ben");
        assert_eq!(room(&["Ana", "Ben", "Cleo"]).with(14), "with Ana, +2");
        assert_eq!(room(&["Anastasia"]).with(5), "+1");
        assert_eq!(room(&["Ana"]).with(1), "");
        assert_eq!(room(&[" "]).with(80), "with someone");
        // Hostile names are shown escaped.
        assert!(!room(&["\u{1b}[2J"]).with(80).contains('\u{1b}'));
    }

    #[test]
    fn a_card_is_new_until_it_has_been_seen_for_a_while() {
        let mut r = Room::default();
        let card = Item::Text("x".into());
        r.arrived = Some((
            Duration::from_secs(10),
            vec![("s".into(), Lane::Actions, card.clone())],
        ));
        assert!(r.is_new(Duration::from_secs(12), "s", Lane::Actions, &card));
        assert!(!r.is_new(Duration::from_secs(12), "s", Lane::Thoughts, &card));
        assert!(!r.is_new(Duration::from_secs(15), "s", Lane::Actions, &card));
    }
}
