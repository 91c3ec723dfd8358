//! The footer: the mode, the keys that matter now, and the last message.

use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

use super::curve::short_name;
use crate::text::display;
use crate::tui::app::{App, Overlay, Tone};
use crate::tui::keymap::{Action, hint_line};
use crate::tui::layout::Grid;
use crate::tui::paint::{fit, put};

/// The room the key hints keep beside the comparison's name: `? help · a add …`.
const MIN_HINTS: u16 = 16;

/// The keys that work now, from the keymap's tables: the grid's, a dialog's
/// own, or the keys that may follow a half-typed two-key binding.
fn hints(app: &App) -> String {
    if !app.pending_keys.is_empty() {
        let typed: String = app.pending_keys.iter().map(|k| k.label()).collect();
        let map = &app.doc.map;
        let lane_jump = app.pending_keys.len() == 1
            && app.pending_keys.first() == app.keymap.lane_prefix().as_ref();
        let mut next: Vec<String> = app
            .keymap
            .continuations(&app.pending_keys)
            .into_iter()
            .filter(|(_, action, _)| !(lane_jump && matches!(action, Action::JumpLane(_))))
            .map(|(keys, _, doc)| format!("{keys} {doc}"))
            .collect();
        // The lanes in the grid's order, each by its first key (its number
        // is in `?`), the map's own lanes with the keys made up for them.
        if lane_jump {
            let mut seen: Vec<crate::model::Lane> = Vec::new();
            let lanes: Vec<String> = app
                .keymap
                .lane_keys_for(map)
                .into_iter()
                .filter(|(_, l)| {
                    let first = !seen.contains(l);
                    seen.push(*l);
                    first
                })
                .map(|(k, l)| format!("{} {}", k.label(), display(&map.lane_title(l))))
                .collect();
            next.splice(0..0, lanes);
        }
        return format!("{typed}… {} · Esc cancel", next.join(" · "));
    }
    match &app.overlay {
        Overlay::None => {
            crate::tui::role::footer_hints(app).unwrap_or_else(|| app.keymap.footer_hints())
        }
        o => hint_line(&o.hints()),
    }
}

pub fn footer(app: &App, buf: &mut Buffer, g: &Grid) {
    let t = &app.theme;
    let r = g.footer;
    let m = format!(" {} ", app.overlay.mode());
    let mstyle = t.mode();
    put(buf, r.x, r.y, &m, r.width, mstyle);
    let hints = hints(app);
    let k = |a: Action| app.keymap.key_for(a).unwrap_or_default();
    // The zoom on the right, the keys in what is left.
    let mut zoom = if r.width >= 100 {
        format!("{} zoom: {} ", k(Action::Zoom), app.zoom.label())
    } else {
        format!("zoom: {} ", app.zoom.label())
    };
    // Whose journey is shown, beside the zoom: the header says it too, but
    // the footer is where the eye goes after a key.
    if let Some(f) = app.filter()
        && let Some(p) = app.doc.map.persona_at(f)
    {
        let marker = crate::model::persona_style(f).marker;
        let name = fit(&display(&p.name), (r.width / 4).max(8) as usize);
        zoom = format!("{marker} {name} · {zoom}");
    }
    let x = r.x + m.width() as u16 + 1;
    // What the dimmed curve is, before the zoom: in full, or shorter, or (the
    // legend naming it too) not at all, so that `? help` is never cut.
    if let Some(c) = &app.compare {
        let room = (r.width / 3).max(12) as usize;
        let about = if c.shown {
            [
                format!("vs {}", fit(&display(&c.label), room)),
                format!("vs {}", fit(&display(short_name(&c.label)), 12)),
            ]
        } else {
            [
                format!("{} compare: hidden", k(Action::ToggleCompare)),
                "compare: hidden".to_string(),
            ]
        };
        let with = |a: &String| format!("{a} · {zoom}");
        if let Some(z) = about
            .iter()
            .map(with)
            .find(|z| r.width.saturating_sub(x + z.width() as u16 + 1) >= MIN_HINTS)
        {
            zoom = z;
        }
    }
    let zw = zoom.width() as u16;
    let hints_w = r.width.saturating_sub(x + zw + 1);
    put(
        buf,
        x,
        r.y,
        &fit(&hints, hints_w as usize),
        hints_w,
        t.muted(),
    );
    if r.width > x + zw {
        put(buf, r.x + r.width - zw, r.y, &zoom, zw, t.accent_bold());
    }
    if let Some((msg, tone)) = &app.message {
        let style = match tone {
            Tone::Info => t.notice(),
            Tone::Error => t.error(),
        };
        put(
            buf,
            r.x + 1,
            r.y + 1,
            &fit(&display(msg), r.width.saturating_sub(2) as usize),
            r.width.saturating_sub(1),
            style,
        );
    }
}
