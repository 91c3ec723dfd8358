//! Every colour the editor draws with, in one place, so that a light terminal
//! can have its own set (`theme: "light"` in settings.ron) and new screens
//! inherit the same meaning for each colour.
//!
//! Every colour of text is chosen to keep a contrast of at least 4.5:1 (WCAG
//! AA) against the background it is drawn on, computed from xterm's default
//! palette (see `contrast`): a projector washes out anything less. And with
//! `NO_COLOR` set (no-color.org) the editor draws with no colour at all: the
//! `plain` theme carries every meaning in text and attributes instead (reverse
//! video for the selection and the title bar, bold, underline).

use ratatui::style::{Color, Modifier, Style};

use crate::model::Level;

/// An emotion score at or under this is low: the bad colour, and a `✕` on
/// the curves, so that it reads as low without colour too.
pub const LOW_SCORE: f64 = 2.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The title bar at the top.
    pub bar_fg: Color,
    pub bar_bg: Color,
    /// Secondary text: goals, hints, empty cells, axes, item details.
    pub muted: Color,
    /// Borders, the selected lane's title, focused labels, key names.
    pub accent: Color,
    /// The selected item, stage or choice.
    pub select_fg: Color,
    pub select_bg: Color,
    /// The background of the selected cell and of a field being typed in.
    pub cell_bg: Color,
    /// Something to notice: "more" markers, information messages.
    pub notice: Color,
    /// The three steps of scores and levels: good (high emotion, low severity),
    /// middling, bad.
    pub good: Color,
    pub middling: Color,
    pub bad: Color,
    /// The mode badge in the footer.
    pub mode_fg: Color,
    pub mode_bg: Color,
    /// Error messages.
    pub error_fg: Color,
    pub error_bg: Color,
    /// No colour at all (`NO_COLOR`): every colour above is `Reset`, and the
    /// styles carry their meaning in attributes.
    pub plain: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

impl Theme {
    pub const NAMES: [&'static str; 2] = ["dark", "light"];

    /// For light text on a dark background. Secondary text is a light grey
    /// (xterm's 248), not colour 8, which a projector turns into the
    /// background; red is a light red, which keeps its contrast on the
    /// selected cell too.
    pub fn dark() -> Theme {
        Theme {
            bar_fg: Color::White,
            bar_bg: Color::Blue,
            muted: Color::Indexed(248),
            accent: Color::Cyan,
            select_fg: Color::Black,
            select_bg: Color::Cyan,
            cell_bg: Color::Rgb(40, 40, 60),
            notice: Color::Yellow,
            good: Color::Green,
            middling: Color::Yellow,
            bad: Color::Indexed(203),
            mode_fg: Color::Black,
            mode_bg: Color::Green,
            error_fg: Color::White,
            error_bg: Color::Red,
            plain: false,
        }
    }

    /// No colour at all, for `NO_COLOR`: the terminal's own foreground and
    /// background everywhere, meaning carried by text and attributes.
    pub fn plain() -> Theme {
        Theme {
            bar_fg: Color::Reset,
            bar_bg: Color::Reset,
            muted: Color::Reset,
            accent: Color::Reset,
            select_fg: Color::Reset,
            select_bg: Color::Reset,
            cell_bg: Color::Reset,
            notice: Color::Reset,
            good: Color::Reset,
            middling: Color::Reset,
            bad: Color::Reset,
            mode_fg: Color::Reset,
            mode_bg: Color::Reset,
            error_fg: Color::Reset,
            error_bg: Color::Reset,
            plain: true,
        }
    }

    /// True when the value of `NO_COLOR` asks for no colour: set and not
    /// empty, as no-color.org defines it.
    pub fn no_color(value: Option<&std::ffi::OsStr>) -> bool {
        value.is_some_and(|v| !v.is_empty())
    }

    /// For dark text on a pale background: yellow and grey would vanish there.
    pub fn light() -> Theme {
        Theme {
            bar_fg: Color::White,
            bar_bg: Color::Blue,
            muted: Color::Rgb(96, 96, 96),
            accent: Color::Rgb(0, 90, 160),
            select_fg: Color::White,
            select_bg: Color::Rgb(0, 90, 160),
            cell_bg: Color::Rgb(222, 228, 242),
            notice: Color::Rgb(150, 90, 0),
            good: Color::Rgb(0, 110, 0),
            middling: Color::Rgb(140, 90, 0),
            bad: Color::Rgb(180, 0, 0),
            mode_fg: Color::White,
            mode_bg: Color::Rgb(0, 110, 0),
            error_fg: Color::White,
            error_bg: Color::Rgb(180, 0, 0),
            plain: false,
        }
    }

    /// The theme called `name` in settings.ron.
    pub fn named(name: &str) -> Option<Theme> {
        match name {
            "dark" => Some(Theme::dark()),
            "light" => Some(Theme::light()),
            _ => None,
        }
    }

    pub fn text(&self) -> Style {
        Style::default()
    }

    pub fn bold(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn muted(&self) -> Style {
        Style::default().fg(self.muted)
    }

    /// The selected item, stage or choice: reverse video without colour.
    pub fn selected(&self) -> Style {
        let s = Style::default().fg(self.select_fg).bg(self.select_bg);
        if self.plain {
            s.add_modifier(Modifier::REVERSED)
        } else {
            s
        }
    }

    /// The title bar: reverse video without colour.
    pub fn bar(&self) -> Style {
        let s = Style::default().bg(self.bar_bg).fg(self.bar_fg);
        if self.plain {
            s.add_modifier(Modifier::REVERSED)
        } else {
            s
        }
    }

    /// The mode badge in the footer.
    pub fn mode(&self) -> Style {
        let s = Style::default()
            .fg(self.mode_fg)
            .bg(self.mode_bg)
            .add_modifier(Modifier::BOLD);
        if self.plain {
            s.add_modifier(Modifier::REVERSED)
        } else {
            s
        }
    }

    /// A search match: underlined as well, so that it shows without colour
    /// and inside a selection.
    pub fn hit(&self) -> Style {
        let s = Style::default()
            .fg(self.select_fg)
            .bg(self.notice)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        if self.plain {
            s.add_modifier(Modifier::REVERSED)
        } else {
            s
        }
    }

    pub fn cell(&self) -> Style {
        Style::default().bg(self.cell_bg)
    }

    pub fn notice(&self) -> Style {
        Style::default().fg(self.notice)
    }

    pub fn error(&self) -> Style {
        let s = Style::default().fg(self.error_fg).bg(self.error_bg);
        if self.plain {
            s.add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            s
        }
    }

    /// The selected lane's title, the selected stage under the curve: bold in
    /// the accent colour, underlined too where there is no colour.
    pub fn accent_bold(&self) -> Style {
        let s = Style::default()
            .fg(self.accent)
            .add_modifier(Modifier::BOLD);
        if self.plain {
            s.add_modifier(Modifier::UNDERLINED)
        } else {
            s
        }
    }

    /// An emotion score from 1 to 5: low is bad, high is good.
    pub fn score(&self, v: f64) -> Color {
        if v >= 3.5 {
            self.good
        } else if v <= LOW_SCORE {
            self.bad
        } else {
            self.middling
        }
    }

    /// The colour of the persona at place `i`, for her curve and marker.
    /// Only one of three ways to tell personas apart: the marker's shape and
    /// the line's style say it without colour.
    pub fn persona(&self, i: usize) -> Color {
        [self.accent, self.notice, self.good, self.bad][i % 4]
    }

    /// A severity or priority: high is the one to look at.
    pub fn level(&self, l: Level) -> Color {
        match l {
            Level::Low => self.good,
            Level::Medium => self.middling,
            Level::High => self.bad,
        }
    }
}
