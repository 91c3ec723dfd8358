//! A participant's editor following the facilitator (`cjm join`): the
//! runtime reads the facilitator's live file and moves the selection to its
//! stage, and picks up a voting session it announces. File work, so it sits
//! with the runtime, apart from `role` (what a participant may do), which
//! `update` reads.

use super::app::App;
use super::role::{effective, follow_stage, rights_words};
use crate::format::rules::Participants;

/// A participant's view of the facilitator: the stage its editor is on, read
/// from its live file as `cjm present --follow` reads it. The selection moves
/// there whenever the facilitator moves, and stays where the participant took
/// it in between.
pub struct Follow {
    reader: crate::live::Reader,
    last: Option<String>,
    checked: Option<std::time::Instant>,
}

impl Follow {
    pub fn new(app: &App) -> Follow {
        Follow {
            reader: crate::live::Reader::new(&app.doc.path, crate::files::MAX_INPUT),
            last: None,
            checked: None,
        }
    }

    /// Looks at the live files when due; true when the selection moved.
    pub fn tick(&mut self, app: &mut App) -> bool {
        let now = std::time::Instant::now();
        if self
            .checked
            .is_some_and(|t| now.saturating_duration_since(t) < super::sync::POLL)
        {
            return false;
        }
        self.checked = Some(now);
        let crate::live::Found::Live(p) = self.reader.poll(now) else {
            return false;
        };
        let stage = p.header.stage.clone();
        let allow = p.header.allow.map(|a| Participants {
            add: a.add,
            vote: a.vote,
        });
        if allow != app.allow {
            let before = effective(&app.role, app);
            app.allow = allow;
            let after = effective(&app.role, app);
            if before != after {
                app.info(format!(
                    "The facilitator changed what you may do: {}",
                    rights_words(after)
                ));
            }
        }
        let voting = p
            .header
            .voting
            .clone()
            .map(|(id, votes)| super::voting::Round {
                id,
                votes,
                deadline: None,
            });
        if voting != app.voting {
            if voting.as_ref().map(|r| &r.id) != app.voting.as_ref().map(|r| &r.id) {
                app.ballot.clear();
            }
            match &voting {
                Some(r) => app.info(format!(
                    "Voting: {} votes each, private until the facilitator ends it — v on a pain point or optimization",
                    r.votes
                )),
                None => app.info("Voting ended: the facilitator adds up the votes"),
            }
            app.voting = voting;
        }
        if self.last.as_deref() == Some(stage.as_str()) {
            return false;
        }
        self.last = Some(stage.clone());
        let moved = follow_stage(app, &stage);
        if moved && let Some(s) = app.doc.map.stages.get(app.cursor.stage) {
            let name = crate::text::display(&s.name).into_owned();
            app.info(format!("The facilitator is on {name}"));
        }
        moved
    }
}
