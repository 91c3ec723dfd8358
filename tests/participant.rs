//! A participant (`cjm join`) at the editor: the same editor with fewer keys.
//! What it may do (look around, add cards, vote) works as in the editor; what
//! reshapes the map or takes away others' work is refused with a sentence and
//! leaves the map as it was. The team's `cjm.ron` can close adding or voting.

mod common;

use cjm::format::load_str;
use cjm::format::rules::{Participants, parse_config};
use cjm::model::Lane;
use cjm::tui::App;
use cjm::tui::role::{Role, follow_stage, save_due};
use common::keys::press;

const ESPRESSO: &str = include_str!("../maps/espresso.ron");

fn participant(may: Participants) -> App {
    let mut a = App::new(load_str(ESPRESSO).unwrap().map, "map.ron".into());
    a.size = (120, 40);
    a.role = Role::Participant {
        may,
        name: "Ana".into(),
    };
    a
}

fn message(a: &App) -> String {
    a.message
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default()
}

#[test]
fn a_participant_is_refused_every_key_that_reshapes_the_map_or_takes_work_away() {
    let mut a = participant(Participants::default());
    let before = a.doc.map.clone();
    // On a card: editing, deleting, moving, scoring, stages, persona, info,
    // undo, $EDITOR, conflicts, the timer, sorting, taking votes away.
    for k in [
        "enter", "e", "d", "D", "A", "r", "p", "i", "u", "ctrl-r", "E", "x", "t", "J", "K", "H",
        "L", ">", "<", "m", "y", "+", "-", "1", "5", "S", "V", "O", "R", "C", "b",
    ] {
        press(&mut a, &[k]);
        assert_eq!(a.doc.map, before, "{k} changed the map");
        assert!(
            matches!(a.overlay, cjm::tui::app::Overlay::None),
            "{k} opened {:?}",
            a.overlay.mode()
        );
        assert!(
            message(&a).contains("the facilitator does the rest"),
            "{k}: {:?}",
            message(&a)
        );
    }
    assert!(!a.doc.is_dirty());
    assert!(!save_due(&a));
}

#[test]
fn a_participant_looks_around_adds_cards_and_votes() {
    let mut a = participant(Participants::default());
    press(&mut a, &["l", "j", "tab", "'", "p", "?"]);
    assert!(matches!(a.overlay, cjm::tui::app::Overlay::Help(_)));
    press(&mut a, &["esc", "'", "d", "a", "Card from Ana", "enter"]);
    assert!(
        a.doc.map.stages[1]
            .actions
            .contains(&"Card from Ana".to_string()),
        "{:?}",
        a.doc.map.stages[1].actions
    );
    assert!(save_due(&a), "a participant's card is saved at once");
    press(&mut a, &["'", "p"]);
    assert_eq!(a.cursor.lane, Lane::PainPoints);
    let votes = a.doc.map.stages[1].pain_points[0].votes;
    press(&mut a, &["v", "v"]);
    assert_eq!(a.doc.map.stages[1].pain_points[0].votes, votes + 2);
    // The footer lists only what a participant can do.
    let hints = cjm::tui::role::footer_hints(&a).unwrap();
    assert!(
        hints.contains("a add a card") && hints.contains("v vote"),
        "{hints}"
    );
    assert!(!hints.contains("delete"), "{hints}");
}

#[test]
fn enter_on_an_empty_cell_adds_there_as_it_does_in_the_editor() {
    let mut a = participant(Participants::default());
    let stage = a.doc.map.stages.len() - 1;
    a.doc.map.stages[stage].thoughts.clear();
    press(&mut a, &["G", "'", "t", "enter", "Worth it", "enter"]);
    assert_eq!(
        a.doc.map.stages[stage].thoughts,
        vec!["Worth it".to_string()]
    );
}

#[test]
fn the_team_can_close_adding_or_voting() {
    let mut a = participant(Participants {
        add: false,
        vote: true,
    });
    let before = a.doc.map.clone();
    press(&mut a, &["a"]);
    assert_eq!(a.doc.map, before);
    assert!(
        message(&a).contains("Adding cards is not open"),
        "{}",
        message(&a)
    );
    assert!(!cjm::tui::role::footer_hints(&a).unwrap().contains("add"));

    let mut a = participant(Participants {
        add: true,
        vote: false,
    });
    press(&mut a, &["'", "p", "v"]);
    assert_eq!(a.doc.map, before);
    assert!(
        message(&a).contains("Voting is not open"),
        "{}",
        message(&a)
    );
}

#[test]
fn the_facilitator_closes_and_opens_adding_and_voting_with_o_within_what_cjm_ron_allows() {
    let mut host = participant(Participants::default());
    host.role = Role::Facilitator;
    assert_eq!(host.allow, None, "until O, cjm.ron decides");
    let steps: Vec<(bool, bool, String)> = (0..4)
        .map(|_| {
            press(&mut host, &["O"]);
            let a = host.allow.unwrap();
            (a.add, a.vote, message(&host))
        })
        .collect();
    assert_eq!(
        steps.iter().map(|(a, v, _)| (*a, *v)).collect::<Vec<_>>(),
        [(true, false), (false, true), (false, false), (true, true)]
    );
    assert!(
        steps[0].2.contains("Participants may add cards, not vote"),
        "{}",
        steps[0].2
    );
    assert!(steps[2].2.contains("only look"), "{}", steps[2].2);
    assert!(!host.doc.is_dirty(), "rights are never in the map");

    // A participant whose facilitator closed adding is refused `a`.
    let mut ana = participant(Participants::default());
    ana.allow = Some(cjm::format::rules::Participants {
        add: false,
        vote: true,
    });
    let before = ana.doc.map.clone();
    press(&mut ana, &["a"]);
    assert_eq!(ana.doc.map, before);
    assert!(
        message(&ana).contains("Adding cards is not open"),
        "{}",
        message(&ana)
    );
    assert!(
        !cjm::tui::role::footer_hints(&ana)
            .unwrap()
            .contains("add a card")
    );
    // The facilitator opening voting does not open what cjm.ron closed.
    let mut ben = participant(Participants {
        add: true,
        vote: false,
    });
    ben.allow = Some(cjm::format::rules::Participants {
        add: true,
        vote: true,
    });
    press(&mut ben, &["'", "p", "v"]);
    assert_eq!(ben.doc.map, before);
    assert!(
        message(&ben).contains("Voting is not open"),
        "{}",
        message(&ben)
    );
}

#[test]
fn the_facilitator_keeps_every_key() {
    let mut a = participant(Participants::default());
    a.role = Role::Facilitator;
    press(&mut a, &["d"]);
    assert_ne!(
        a.doc.map.stages[0].actions,
        load_str(ESPRESSO).unwrap().map.stages[0].actions
    );
    assert!(cjm::tui::role::footer_hints(&a).is_none());
    a.voting = Some(cjm::tui::voting::Round {
        id: "1".into(),
        votes: 3,
        deadline: None,
    });
    assert!(
        cjm::tui::role::footer_hints(&a)
            .unwrap()
            .starts_with("B end the vote")
    );
    assert!(!save_due(&a), "the facilitator saves when they choose");
}

#[test]
fn the_selection_follows_the_facilitators_stage_by_id() {
    let mut a = participant(Participants::default());
    let id = a.doc.map.stages[3].id.clone();
    assert!(follow_stage(&mut a, &id));
    assert_eq!(a.cursor.stage, 3);
    assert!(!follow_stage(&mut a, &id), "already there");
    assert!(!follow_stage(&mut a, "no-such-stage"));
    assert_eq!(a.cursor.stage, 3);
}

#[test]
fn cjm_ron_sets_what_participants_may_do_and_refuses_nonsense_at_its_place() {
    assert_eq!(
        parse_config(b"").unwrap().participants,
        Participants::default()
    );
    let c = parse_config(b"Config(participants: (vote: false))").unwrap();
    assert_eq!(
        c.participants,
        Participants {
            add: true,
            vote: false
        }
    );
    let c = parse_config(b"Config(rules: [], participants: (add: false, vote: true))").unwrap();
    assert!(!c.participants.add && c.participants.vote);
    let e = parse_config(b"Config(participants: (ad: false))").unwrap_err();
    assert_eq!(
        e.located("cjm.ron"),
        "cjm.ron:1:23: unknown field `ad` in participants (hint: did you mean `add`?)"
    );
    let e = parse_config(b"Config(participants: (add: 1))").unwrap_err();
    assert!(e.to_string().contains("expected `true` or `false`"), "{e}");
    let e = parse_config(b"Config(participant: (add: true))").unwrap_err();
    assert!(e.to_string().contains("did you mean `participants`"), "{e}");
}

#[test]
fn a_participants_help_lists_only_the_keys_they_may_use() {
    let mut a = participant(Participants::default());
    a.size = (120, 60);
    press(&mut a, &["?"]);
    let help = common::screen::text(&a, 120, 60);
    for offered in ["add-item", "vote", "search", "quit"] {
        assert!(help.contains(offered), "{offered} missing:\n{help}");
    }
    for refused in [
        "delete-item",
        "move-item-next-stage",
        "rename-stage",
        "participant-rights",
        "external-edit",
    ] {
        assert!(!help.contains(refused), "{refused} offered:\n{help}");
    }
    // The facilitator's help has them.
    a.role = Role::Facilitator;
    let help = common::screen::text(&a, 120, 60);
    assert!(help.contains("delete-item"), "{help}");
}
