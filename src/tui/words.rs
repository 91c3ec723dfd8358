//! The editor's one capitaliser: a label or a sentence's first letter made a
//! capital ("in progress" opens a line as "In progress"). Kept here once, so a
//! card, a panel, a slide and a form write a word the same way.

/// `s` with its first character upper-cased as Unicode does it (`ß` → `SS`).
pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
