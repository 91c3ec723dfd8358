//! Output under a size limit, cut only between whole pieces. A pull-request
//! comment that is too long is refused outright (GitHub: 65,536 characters), so
//! a review stops early and says how many changes it left out rather than fail.
//!
//! Writers hand over whole pieces (one change line, one table row) and open
//! structures (a `<details>` fold, a stage heading) with what closes them. An
//! opening is written lazily, together with the first piece inside it, so a cut
//! never leaves a heading or a fold with nothing under it; once one piece does
//! not fit, everything after it is left out (the count stays exact), whatever is
//! open is closed, and the cut line ends the output. Sizes are counted in UTF-8
//! bytes, never fewer than the characters (or UTF-16 units) a reader counts.

/// The default limit for Markdown: room under GitHub's 65,536-character
/// comment limit for a line of the author's own.
pub const MARKDOWN_LIMIT: usize = 60_000;

struct Open {
    opening: String,
    closer: &'static str,
    written: bool,
}

/// A document being written under an optional size limit.
pub struct Budget<'a> {
    out: String,
    limit: Option<usize>,
    open: Vec<Open>,
    cut: bool,
    left_out: usize,
    cut_line: Box<dyn Fn(usize) -> String + 'a>,
    reserve: usize,
}

impl<'a> Budget<'a> {
    /// `cut_line` words the last line for a number of changes left out; room for
    /// it (with the largest count) is kept from the start.
    pub fn new(limit: Option<usize>, cut_line: impl Fn(usize) -> String + 'a) -> Self {
        let reserve = cut_line(usize::MAX).len() + 1;
        Budget {
            out: String::new(),
            limit,
            open: Vec::new(),
            cut: false,
            left_out: 0,
            cut_line: Box::new(cut_line),
            reserve,
        }
    }

    /// No limit: everything is written.
    pub fn unlimited() -> Budget<'static> {
        Budget::new(None, |_| String::new())
    }

    /// Opens a structure: `opening` is written before the next piece that fits,
    /// `closer` when it is closed (or when the output is cut inside it).
    pub fn open(&mut self, opening: impl Into<String>, closer: &'static str) {
        self.open.push(Open {
            opening: opening.into(),
            closer,
            written: false,
        });
    }

    /// Closes the innermost structure; one whose opening was never written
    /// leaves no trace.
    pub fn close(&mut self) {
        if let Some(o) = self.open.pop()
            && o.written
        {
            self.out.push_str(o.closer);
        }
    }

    /// Writes `piece` whole, with any opening still pending, if it fits with
    /// everything needed to close and the cut line; otherwise the output is cut
    /// here and `changes` (what the piece shows) counts as left out, as does
    /// every later piece.
    pub fn push(&mut self, piece: &str, changes: usize) {
        if !self.cut {
            let pending: usize = self
                .open
                .iter()
                .filter(|o| !o.written)
                .map(|o| o.opening.len())
                .sum();
            let closers: usize = self.open.iter().map(|o| o.closer.len()).sum();
            let need = self.out.len() + pending + piece.len() + closers + self.reserve;
            if self.limit.is_none_or(|l| need <= l) {
                for o in self.open.iter_mut().filter(|o| !o.written) {
                    self.out.push_str(&o.opening);
                    o.written = true;
                }
                self.out.push_str(piece);
                return;
            }
            self.cut = true;
        }
        self.left_out += changes;
    }

    /// The output: when cut, what is open is closed and the cut line follows.
    pub fn finish(mut self) -> String {
        if self.cut {
            while !self.open.is_empty() {
                self.close();
            }
            if !self.out.is_empty() && !self.out.ends_with("\n\n") {
                self.out.push('\n');
            }
            self.out.push_str(&(self.cut_line)(self.left_out));
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(n: usize) -> String {
        format!("{n} left out\n")
    }

    #[test]
    fn unlimited_writes_everything_and_drops_empty_structures() {
        let mut b = Budget::unlimited();
        b.open("<a>", "</a>");
        b.close();
        b.open("<b>", "</b>");
        b.push("x", 1);
        b.close();
        assert_eq!(b.finish(), "<b>x</b>");
    }

    #[test]
    fn a_cut_closes_what_is_open_counts_the_rest_and_fits() {
        let limit = 100;
        let mut b = Budget::new(Some(limit), cut);
        b.open("<details>\n", "</details>\n");
        for _ in 0..10 {
            b.push("- a change line\n", 1);
        }
        b.close();
        b.open("<details>\n", "</details>\n");
        b.push("- another\n", 3);
        b.close();
        let out = b.finish();
        assert!(out.len() <= limit, "{}: {out}", out.len());
        assert!(out.starts_with("<details>\n- a change line\n"), "{out}");
        let shown = out.matches("- a change line").count();
        assert!(shown >= 1);
        assert_eq!(out.matches("<details>").count(), 1, "{out}");
        assert_eq!(out.matches("</details>").count(), 1, "{out}");
        assert!(
            out.ends_with(&format!("\n{} left out\n", 10 - shown + 3)),
            "{out}"
        );
    }
}
