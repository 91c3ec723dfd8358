//! End to end on the canvas: the real binary in a pseudo-terminal, read back
//! through a terminal emulator, colours included where they carry meaning.
#![cfg(unix)]

mod common;
use common::pty::*;

// ---- presentation mode ----

const PHYSIO: &str = include_str!("data/physio-booking.ron");
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
