//! Which element of the old list is which element of the new one. Diff and merge
//! share this, so that `cjm merge` agrees with what `cjm diff` shows a reviewer.
//!
//! Stages are matched by id only (a stage keeps its id through renames). Items are
//! matched by content in rounds, each round only looking at what is still
//! unmatched: identical items, then items with the same main text (details edited),
//! then items whose main texts are similar, then the removed and added items that sit
//! between the same neighbours (an item replaced in place). Within a round, equal
//! candidates pair up in order of occurrence, so duplicates line up predictably.

use std::collections::{HashMap, VecDeque};

use super::Value;
use crate::model::{
    Emotion, LaneDef, LaneItem, Metric, Optimization, PainPoint, Stage, Touchpoint,
};

/// Two main texts at least this similar (normalized Levenshtein) are one edited item.
const SIMILAR: f64 = 0.5;
/// Beyond this many candidate pairs the similarity round is skipped: it is quadratic.
const MAX_PAIRS: usize = 10_000;
/// Texts longer than this are not compared for similarity (cost is quadratic in length).
const MAX_SIMILAR_LEN: usize = 500;

/// An element of a list that diff and merge line up.
pub trait Element: Clone + PartialEq + std::fmt::Debug {
    /// Stages match by id and nothing else: content never makes two stages one.
    const BY_KEY_ONLY: bool = false;
    /// The main text (or the id for stages): what a person recognises the element by.
    fn key(&self) -> &str;
    /// What a person calls the element: its name for a stage, else its key.
    fn name(&self) -> &str {
        self.key()
    }
    fn to_value(&self) -> Value;
    fn from_value(v: &Value) -> Option<Self>;
    /// A total, content-based order, used to place concurrent insertions the same way
    /// whichever side of a merge they come from.
    fn sort_key(&self) -> String {
        format!("{self:?}")
    }
    /// The element under another key; only stages (`BY_KEY_ONLY`) have one to change.
    fn with_key(&self, _key: &str) -> Self {
        self.clone()
    }
    /// Items that may cite evidence (touchpoints, emotions, pain points,
    /// optimizations, KPIs); a stage's own citations are its field, not an item's.
    const CITES: bool = false;
    /// The evidence ids the element cites.
    fn citations(&self) -> &[String] {
        &[]
    }
    /// The element citing `ids` instead.
    fn with_citations(&self, _ids: Vec<String>) -> Self {
        self.clone()
    }
    /// The ids of the personas the element belongs to (empty: every persona),
    /// for the items that can name them (docs/format.md#format-7-personas).
    fn personas(&self) -> &[String] {
        &[]
    }
    /// The element belonging to `ids` instead.
    fn with_personas(&self, _ids: Vec<String>) -> Self {
        self.clone()
    }
}

impl Element for String {
    fn key(&self) -> &str {
        self
    }
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Text(t) => Some(t.clone()),
            _ => None,
        }
    }
}

impl Element for (String, String) {
    fn key(&self) -> &str {
        &self.0
    }
    fn to_value(&self) -> Value {
        Value::Trait(self.0.clone(), self.1.clone())
    }
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Trait(l, x) => Some((l.clone(), x.clone())),
            _ => None,
        }
    }
}

macro_rules! element {
    ($ty:ident, $field:ident) => {
        element!($ty, $field, {});
    };
    ($ty:ident, $field:ident, tagged) => {
        element!($ty, $field, {
            fn personas(&self) -> &[String] {
                &self.personas
            }
            fn with_personas(&self, ids: Vec<String>) -> Self {
                $ty {
                    personas: ids,
                    ..self.clone()
                }
            }
        });
    };
    ($ty:ident, $field:ident, { $($extra:tt)* }) => {
        impl Element for $ty {
            $($extra)*
            const CITES: bool = true;
            fn key(&self) -> &str {
                &self.$field
            }
            fn citations(&self) -> &[String] {
                &self.evidence
            }
            fn with_citations(&self, ids: Vec<String>) -> Self {
                $ty {
                    evidence: ids,
                    ..self.clone()
                }
            }
            fn to_value(&self) -> Value {
                Value::$ty(self.clone())
            }
            fn from_value(v: &Value) -> Option<Self> {
                match v {
                    Value::$ty(x) => Some(x.clone()),
                    _ => None,
                }
            }
        }
    };
}

element!(Touchpoint, name, tagged);
element!(Emotion, label);
element!(PainPoint, text, tagged);
element!(Optimization, text, tagged);
element!(Metric, name, tagged);
element!(LaneItem, text, tagged);

/// A lane of the map's list matches by id, as a stage does: its title may
/// change, its id (what the stages' items are filed under) does not.
impl Element for LaneDef {
    const BY_KEY_ONLY: bool = true;
    fn key(&self) -> &str {
        &self.id
    }
    fn to_value(&self) -> Value {
        Value::Lane(self.clone())
    }
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Lane(d) => Some(d.clone()),
            _ => None,
        }
    }
    fn sort_key(&self) -> String {
        self.id.clone()
    }
}

impl Element for Stage {
    const BY_KEY_ONLY: bool = true;
    fn key(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        self.name.trim()
    }
    fn to_value(&self) -> Value {
        Value::Stage(Box::new(self.clone()))
    }
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Stage(s) => Some((**s).clone()),
            _ => None,
        }
    }
    fn sort_key(&self) -> String {
        self.id.clone()
    }
    fn with_key(&self, key: &str) -> Self {
        Stage {
            id: key.to_string(),
            ..self.clone()
        }
    }
}

/// For each element of `new`, the index of the element of `old` it is.
pub fn match_lists<T: Element>(old: &[T], new: &[T]) -> Vec<Option<usize>> {
    let mut m = Matching {
        of_new: vec![None; new.len()],
        taken: vec![false; old.len()],
    };
    if T::BY_KEY_ONLY {
        m.pair_by(old, new, |e| e.key().to_string());
        return m.of_new;
    }
    m.pair_by(old, new, |e| format!("{e:?}"));
    m.pair_by(old, new, |e| e.key().trim().to_string());
    m.pair_similar(old, new);
    m.pair_in_place(old.len());
    m.of_new
}

/// Pairs equal elements of `ours` and `theirs`, both lists' new elements only (as
/// given by their matchings against the base): the same addition made on both sides
/// is one addition. Returns, for each element of `theirs`, the element of `ours` it is.
pub fn unify_new<T: Element>(
    ours: &[T],
    ours_base: &[Option<usize>],
    theirs: &[T],
    theirs_base: &[Option<usize>],
) -> Vec<Option<usize>> {
    let key = |e: &T| {
        if T::BY_KEY_ONLY {
            e.key().to_string()
        } else {
            format!("{e:?}")
        }
    };
    let mut free: HashMap<String, VecDeque<usize>> = HashMap::new();
    for (j, (e, b)) in ours.iter().zip(ours_base).enumerate() {
        if b.is_none() {
            free.entry(key(e)).or_default().push_back(j);
        }
    }
    theirs
        .iter()
        .zip(theirs_base)
        .map(|(e, b)| match b {
            Some(_) => None,
            None => free.get_mut(&key(e)).and_then(VecDeque::pop_front),
        })
        .collect()
}

/// The positions of `seq` (distinct numbers) that form a longest increasing
/// subsequence: the elements that kept their relative order. The others moved.
///
/// Positions flagged in `prefer` come first: the subsequence keeps all of them
/// (the diff flags items still at their old index, which are always in increasing
/// order), then is as long as it can be. So an item that did not change index is
/// never reported as "moved: position 3 → 3" because the items around it swapped
/// sides, which a plain longest subsequence does for `[c, c, b, a, a]` becoming
/// `[a, a, b, c, c]`. Later elements win the remaining ties. O(n log n), with a
/// Fenwick tree of the best subsequence ending at or below each value.
pub fn in_order(seq: &[usize], prefer: &[bool]) -> Vec<bool> {
    /// (preferred elements kept, length, index of the last element + 1).
    type Best = (usize, usize, usize);
    let size = seq.iter().max().map_or(0, |m| m + 1);
    let mut tree: Vec<Best> = vec![(0, 0, 0); size + 1];
    let mut prev: Vec<usize> = vec![0; seq.len()];
    let mut best: Best = (0, 0, 0);
    for (k, &v) in seq.iter().enumerate() {
        // The best subsequence ending with a value below `v`: tree positions 1..=v.
        let mut found: Best = (0, 0, 0);
        let mut i = v;
        while i > 0 {
            if let Some(&t) = tree.get(i) {
                found = found.max(t);
            }
            i &= i - 1;
        }
        let preferred = usize::from(prefer.get(k).copied().unwrap_or(false));
        let here = (found.0 + preferred, found.1 + 1, k + 1);
        if let Some(p) = prev.get_mut(k) {
            *p = found.2;
        }
        let mut i = v + 1;
        while i <= size {
            if let Some(t) = tree.get_mut(i) {
                *t = (*t).max(here);
            }
            i += i & i.wrapping_neg();
        }
        best = best.max(here);
    }
    let mut keep = vec![false; seq.len()];
    let mut cur = best.2;
    while let Some(k) = cur.checked_sub(1) {
        if let Some(x) = keep.get_mut(k) {
            *x = true;
        }
        cur = prev.get(k).copied().unwrap_or(0);
    }
    keep
}

struct Matching {
    of_new: Vec<Option<usize>>,
    taken: Vec<bool>,
}

impl Matching {
    fn pair(&mut self, i: usize, j: usize) {
        if let (Some(t), Some(m)) = (self.taken.get_mut(i), self.of_new.get_mut(j)) {
            *t = true;
            *m = Some(i);
        }
    }

    fn is_free(&self, i: usize, j: usize) -> bool {
        self.taken.get(i) == Some(&false) && self.of_new.get(j) == Some(&None)
    }

    fn pair_by<T>(&mut self, old: &[T], new: &[T], key: impl Fn(&T) -> String) {
        let mut free: HashMap<String, VecDeque<usize>> = HashMap::new();
        for (i, e) in old.iter().enumerate() {
            if self.taken.get(i) == Some(&false) {
                free.entry(key(e)).or_default().push_back(i);
            }
        }
        for (j, e) in new.iter().enumerate() {
            if self.of_new.get(j) != Some(&None) {
                continue;
            }
            if let Some(i) = free.get_mut(&key(e)).and_then(VecDeque::pop_front) {
                self.pair(i, j);
            }
        }
    }

    /// Greedy on the best similarity first; ties go to the earlier elements.
    fn pair_similar<T: Element>(&mut self, old: &[T], new: &[T]) {
        let short = |e: &&T| e.key().len() <= MAX_SIMILAR_LEN;
        let olds: Vec<(usize, &T)> = old
            .iter()
            .enumerate()
            .filter(|(i, e)| self.taken.get(*i) == Some(&false) && short(e))
            .collect();
        let news: Vec<(usize, &T)> = new
            .iter()
            .enumerate()
            .filter(|(j, e)| self.of_new.get(*j) == Some(&None) && short(e))
            .collect();
        if olds.len().saturating_mul(news.len()) > MAX_PAIRS {
            return;
        }
        let mut cands = Vec::new();
        for &(i, a) in &olds {
            for &(j, b) in &news {
                let s = strsim::normalized_levenshtein(a.key().trim(), b.key().trim());
                if s >= SIMILAR {
                    cands.push((s, i, j));
                }
            }
        }
        cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        for (_, i, j) in cands {
            if self.is_free(i, j) {
                self.pair(i, j);
            }
        }
    }

    /// Removed and added elements between the same matched neighbours pair up in
    /// order: "the second touchpoint became this one". A gap is named by its matched
    /// neighbours in old indices, taken before this round so pairing does not move it.
    fn pair_in_place(&mut self, old_len: usize) {
        let mut gap_old: HashMap<(Option<usize>, Option<usize>), VecDeque<usize>> = HashMap::new();
        let mut next = None;
        let mut next_matched = vec![None; old_len];
        for (i, slot) in next_matched.iter_mut().enumerate().rev() {
            *slot = next;
            if self.taken.get(i) == Some(&true) {
                next = Some(i);
            }
        }
        let mut last = None;
        for (i, nx) in next_matched.iter().enumerate() {
            if self.taken.get(i) == Some(&true) {
                last = Some(i);
            } else {
                gap_old.entry((last, *nx)).or_default().push_back(i);
            }
        }
        let mut next_partner = vec![None; self.of_new.len()];
        let mut next = None;
        for (slot, m) in next_partner.iter_mut().zip(&self.of_new).rev() {
            *slot = next;
            if m.is_some() {
                next = *m;
            }
        }
        let mut last_partner = None;
        let mut pending = Vec::new();
        for (j, (m, nx)) in self.of_new.iter().zip(&next_partner).enumerate() {
            match m {
                Some(i) => last_partner = Some(*i),
                None => pending.push(((last_partner, *nx), j)),
            }
        }
        for (gap, j) in pending {
            if let Some(i) = gap_old.get_mut(&gap).and_then(VecDeque::pop_front) {
                self.pair(i, j);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn identical_similar_and_in_place_items_match() {
        let old = s(&["Reel", "Newsletter signup", "Store", "Ad"]);
        let new = s(&["Reel", "Newsletter sign-up", "Shop visit", "Ad", "New"]);
        assert_eq!(
            match_lists(&old, &new),
            vec![Some(0), Some(1), Some(2), Some(3), None]
        );
    }

    #[test]
    fn longest_increasing_subsequence_marks_the_moved() {
        assert_eq!(in_order(&[0, 1, 2], &[]), vec![true, true, true]);
        assert_eq!(in_order(&[2, 0, 1], &[]), vec![false, true, true]);
        assert_eq!(in_order(&[], &[]), Vec::<bool>::new());
        assert_eq!(
            in_order(&[3, 0, 1, 2, 4], &[]),
            [false, true, true, true, true]
        );
    }

    #[test]
    fn an_element_still_at_its_index_is_kept_among_equally_long_orders() {
        // Reversed: any one element is a longest order; the middle one is preferred.
        assert_eq!(
            in_order(&[2, 1, 0], &[false, true, false]),
            [false, true, false]
        );
        assert_eq!(in_order(&[1, 0], &[]), [false, true]);
        // The fixed element wins even over a longer order without it.
        assert_eq!(
            in_order(&[3, 4, 2, 0, 1], &[false, false, true, false, false]),
            [false, false, true, false, false]
        );
    }
}
