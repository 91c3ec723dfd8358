//! Addresses of elements inside a map, so that a diagnostic, a search hit or a diff
//! line can say which element it is about without holding a reference into the map.

use super::Lane;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Path {
    Map,
    /// `title`, `summary`, `framework`, `format`, `objectives`, `persona`, `stages`.
    MapField(&'static str),
    Objective(usize),
    Persona,
    /// `name`, `role`, …, `traits`.
    PersonaField(&'static str),
    /// An element of one of the persona's lists (`goals`, …, `traits`).
    PersonaItem(&'static str, usize),
    /// A persona after the first, by its place in the map's personas (1 is the
    /// second); the first persona keeps `Persona`.
    OtherPersona(usize),
    /// `id`, `name`, …, `traits` of a persona after the first.
    OtherPersonaField(usize, &'static str),
    Stage(usize),
    /// `id`, `name`, `goal`, or a lane's key.
    StageField(usize, &'static str),
    Item(usize, Lane, usize),
    ItemField(usize, Lane, usize, &'static str),
    /// A recorded merge conflict, by its place in the map's `conflicts`.
    Conflict(usize),
    /// An entry of the map's `evidence`, by its place in the list.
    Evidence(usize),
    /// `id`, `text`, `source`, `from`, `date` or `link` of an evidence entry.
    EvidenceField(usize, &'static str),
    /// An entry of the map's `lanes`, by its place in the list.
    LaneDef(usize),
    /// `id`, `title`, `kind` or `holds` of a `lanes` entry.
    LaneField(usize, &'static str),
}

impl Path {
    /// The enclosing element, used when a file position is not known for the path
    /// itself (a derived id, say): the error then points at the element it belongs to.
    pub fn parent(self) -> Option<Path> {
        Some(match self {
            Path::Map => return None,
            Path::MapField(_) | Path::Persona => Path::Map,
            Path::Objective(_) => Path::MapField("objectives"),
            Path::PersonaField(_) => Path::Persona,
            Path::PersonaItem(f, _) => Path::PersonaField(f),
            Path::OtherPersona(_) => Path::MapField("personas"),
            Path::OtherPersonaField(i, _) => Path::OtherPersona(i),
            Path::Stage(_) => Path::MapField("stages"),
            Path::StageField(s, _) => Path::Stage(s),
            Path::Item(s, l, _) => Path::StageField(s, l.key()),
            Path::ItemField(s, l, i, _) => Path::Item(s, l, i),
            Path::Conflict(_) => Path::MapField("conflicts"),
            Path::Evidence(_) => Path::MapField("evidence"),
            Path::EvidenceField(e, _) => Path::Evidence(e),
            Path::LaneDef(_) => Path::MapField("lanes"),
            Path::LaneField(l, _) => Path::LaneDef(l),
        })
    }
}

/// The singular noun of one item of a lane.
pub fn item_noun(lane: Lane) -> &'static str {
    match lane {
        Lane::Actions => "action",
        Lane::Thoughts => "thought",
        Lane::Touchpoints => "touchpoint",
        Lane::Emotions => "emotion",
        Lane::PainPoints => "pain point",
        Lane::Optimizations => "optimization",
        Lane::Metrics => "KPI",
        Lane::Extra(_) => "card",
    }
}
