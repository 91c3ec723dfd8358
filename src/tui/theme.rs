//! Every colour the editor draws with, in one place, so that a light terminal
//! can have its own set (`theme: "light"` in settings.ron) and new screens
//! inherit the same meaning for each colour.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Level;

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
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

impl Theme {
    pub const NAMES: [&'static str; 2] = ["dark", "light"];

    pub fn dark() -> Theme {
        Theme {
            bar_fg: Color::White,
            bar_bg: Color::Blue,
            muted: Color::DarkGray,
            accent: Color::Cyan,
            select_fg: Color::Black,
            select_bg: Color::Cyan,
            cell_bg: Color::Rgb(40, 40, 60),
            notice: Color::Yellow,
            good: Color::Green,
            middling: Color::Yellow,
            bad: Color::Red,
            mode_fg: Color::Black,
            mode_bg: Color::Green,
            error_fg: Color::White,
            error_bg: Color::Red,
        }
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
            good: Color::Rgb(0, 120, 0),
            middling: Color::Rgb(150, 100, 0),
            bad: Color::Rgb(180, 0, 0),
            mode_fg: Color::White,
            mode_bg: Color::Rgb(0, 120, 0),
            error_fg: Color::White,
            error_bg: Color::Rgb(180, 0, 0),
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

    pub fn selected(&self) -> Style {
        Style::default().fg(self.select_fg).bg(self.select_bg)
    }

    pub fn cell(&self) -> Style {
        Style::default().bg(self.cell_bg)
    }

    pub fn notice(&self) -> Style {
        Style::default().fg(self.notice)
    }

    pub fn error(&self) -> Style {
        Style::default().fg(self.error_fg).bg(self.error_bg)
    }

    pub fn accent_bold(&self) -> Style {
        Style::default()
            .fg(self.accent)
            .add_modifier(Modifier::BOLD)
    }

    /// An emotion score from 1 to 5: low is bad, high is good.
    pub fn score(&self, v: f64) -> Color {
        if v >= 3.5 {
            self.good
        } else if v <= 2.5 {
            self.bad
        } else {
            self.middling
        }
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
