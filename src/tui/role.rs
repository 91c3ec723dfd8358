//! Who is at this editor: the facilitator (every key), or a participant
//! (`cjm join`), whose screen is the same editor with fewer keys. A
//! participant looks around, adds cards and votes; everything that reshapes
//! the map or takes away what others wrote (stages, the persona, the title,
//! deleting, moving, editing an existing card, undo — which could take other
//! sessions' merged work out again —, the conflict resolver, `$EDITOR`, the
//! timer, the evidence, the lanes) stays with the facilitator. What a
//! participant may do on top of looking is set by the team in `cjm.ron` (`participants: (add: …, vote: …)`)
//! and by the facilitator during the workshop (`O`, published in its live
//! file as `allow`): a participant may do what both allow.
//!
//! Keeping the participant in the editor means everything the editor does for
//! several sessions (merging others' saves live, saving under the lock) works
//! for participants unchanged; the role only filters actions and saves after
//! each change.

use super::app::App;
use super::keymap::Action;
pub use super::state::Role;
use crate::format::rules::Participants;

impl Role {
    /// Why this role may not do `a` here, or `None` when it may.
    pub fn refusal(&self, app: &App, a: Action) -> Option<&'static str> {
        let Role::Participant { .. } = self else {
            return None;
        };
        let may = &effective(self, app);
        let empty_cell = !app.on_item();
        let allowed = match a {
            a if looks(a) => true,
            Action::AddItem => {
                if !may.add {
                    return Some("Adding cards is not open to participants in this workshop");
                }
                true
            }
            // Enter on an empty cell adds there; on a card it would edit it.
            Action::Edit if empty_cell && may.add => true,
            Action::Unvote if app.voting.is_some() && may.vote => true,
            Action::Vote => {
                if !may.vote {
                    return Some("Voting is not open to participants in this workshop");
                }
                true
            }
            _ => false,
        };
        (!allowed)
            .then_some("A participant adds cards (a) and votes (v); the facilitator does the rest")
    }

    /// Whether this role ever uses `a`: the help lists only those, so a
    /// participant's `?` is as short as their footer.
    pub fn offers(&self, a: Action) -> bool {
        match self {
            Role::Facilitator => true,
            Role::Participant { .. } => {
                looks(a)
                    || matches!(
                        a,
                        Action::AddItem | Action::Edit | Action::Vote | Action::Unvote
                    )
            }
        }
    }
}

/// What every participant may do whatever is open: look around, search,
/// present, save, leave.
fn looks(a: Action) -> bool {
    matches!(
        a,
        Action::Left
            | Action::Right
            | Action::Up
            | Action::Down
            | Action::NextLane
            | Action::PrevLane
            | Action::FirstStage
            | Action::LastStage
            | Action::JumpLane(_)
            | Action::Search
            | Action::NextMatch
            | Action::PrevMatch
            | Action::Help
            | Action::Present
            | Action::ToggleDetail
            | Action::TogglePersona
            | Action::ScrollPersonaDown
            | Action::ScrollPersonaUp
            | Action::Zoom
            | Action::ToggleCompare
            | Action::PersonaFilter
            | Action::Save
            | Action::Quit
    )
}

/// What a participant may do now: what `cjm.ron` allows and the
/// facilitator has not closed. The facilitator may everything.
pub fn effective(role: &Role, app: &App) -> Participants {
    match role {
        Role::Facilitator => Participants {
            add: true,
            vote: true,
        },
        Role::Participant { may, .. } => {
            let open = app.allow.unwrap_or(Participants {
                add: true,
                vote: true,
            });
            Participants {
                add: may.add && open.add,
                vote: may.vote && open.vote,
            }
        }
    }
}

/// The words for what participants may do.
pub fn rights_words(a: Participants) -> &'static str {
    match (a.add, a.vote) {
        (true, true) => "add cards and vote",
        (true, false) => "add cards, not vote",
        (false, true) => "vote, not add cards",
        (false, false) => "only look",
    }
}

/// The facilitator's `O`: the next of add and vote, add only, vote only,
/// look only, published at once in its live file.
pub fn step_rights(app: &mut App) {
    let now = app.allow.unwrap_or(Participants {
        add: true,
        vote: true,
    });
    let next = match (now.add, now.vote) {
        (true, true) => (true, false),
        (true, false) => (false, true),
        (false, true) => (false, false),
        (false, false) => (true, true),
    };
    let next = Participants {
        add: next.0,
        vote: next.1,
    };
    app.allow = Some(next);
    app.info(format!(
        "Participants may {} (as far as cjm.ron allows) — O changes it",
        rights_words(next)
    ));
}

/// The footer of a participant's grid: only the keys it takes.
pub fn footer_hints(app: &App) -> Option<String> {
    let k = |a: Action| app.keymap.key_for(a).unwrap_or_default();
    let may = &effective(&app.role, app);
    let Role::Participant { .. } = &app.role else {
        // A facilitator with a vote open is reminded how it ends.
        return app.voting.as_ref().map(|_| {
            format!(
                "{} end the vote and add the votes · {}",
                k(Action::Voting),
                app.keymap.footer_hints()
            )
        });
    };
    let mut hints = vec![format!("{} help", k(Action::Help))];
    if may.add {
        hints.push(format!("{} add a card", k(Action::AddItem)));
    }
    if may.vote {
        hints.push(format!("{} vote", k(Action::Vote)));
        if let Some(left) = super::voting::left_words(app) {
            hints.push(format!("{} take back · {left} left", k(Action::Unvote)));
        }
    }
    hints.push(format!("{} search", k(Action::Search)));
    hints.push(format!("{} quit", k(Action::Quit)));
    hints.push("following the facilitator's stage".to_string());
    Some(hints.join(" · "))
}

/// Moves the selection to the stage with id `stage` (the facilitator's), in
/// the same lane; nothing happens when the map has no such stage.
pub fn follow_stage(app: &mut App, stage: &str) -> bool {
    let Some(i) = app.doc.map.stages.iter().position(|s| s.id == stage) else {
        return false;
    };
    if i == app.cursor.stage {
        return false;
    }
    app.cursor.stage = i;
    app.cursor.item = 0;
    app.clamp_cursor();
    true
}

/// A participant's changes are saved as soon as they are made (and merged
/// under the save lock), so they reach the map and every other session
/// without anyone pressing Ctrl-S: true when a save is due now.
pub fn save_due(app: &App) -> bool {
    app.role.is_participant()
        && app.doc.is_dirty()
        && matches!(app.overlay, super::app::Overlay::None)
}
