//! `--persona NAME`, shared by the commands that show one persona's journey
//! (`show`, `export`, `report`, `compare`, `history`): the filter runs before
//! the command, so each command does what it always did on a map of one persona
//! (docs/format.md#format-7-personas).

use anyhow::bail;

use crate::model::JourneyMap;
use crate::text::display;

#[derive(clap::Args, Debug, Clone, Default)]
pub struct PersonaArg {
    /// Show one persona's journey: her items, the items of every persona and her
    /// emotion curve. NAME is a persona id, a name in any case, or the start of
    /// one persona's name.
    #[arg(long, value_name = "NAME")]
    pub persona: Option<String>,
}

impl PersonaArg {
    /// The map as the command should see it: whole without `--persona`, else
    /// the journey of the persona asked for. A name the map does not have is
    /// trouble (exit 2) that lists the personas it does have.
    pub fn apply(&self, map: JourneyMap, file: &str) -> anyhow::Result<JourneyMap> {
        let Some(query) = &self.persona else {
            return Ok(map);
        };
        match map.find_persona(query).and_then(|i| map.for_persona(i)) {
            Some(one) => Ok(one),
            None => bail!(
                "{}: no persona `{}` in this map; it has {}",
                display(file),
                display(query),
                persona_list(&map)
            ),
        }
    }
}

/// "Marta Silva (marta), Jonas Weber (jonas)"; a persona without an id shows
/// her name alone.
pub fn persona_list(map: &JourneyMap) -> String {
    map.personas()
        .map(|p| {
            if p.id.is_empty() {
                display(&p.name).into_owned()
            } else {
                format!("{} ({})", display(&p.name), p.id)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_persona_names_the_ones_there_are() {
        let mut m = JourneyMap::new("T", "Marta");
        m.add_persona("Jonas");
        let arg = PersonaArg {
            persona: Some("ola".into()),
        };
        let e = arg.apply(m.clone(), "m.ron").unwrap_err().to_string();
        assert_eq!(
            e,
            "m.ron: no persona `ola` in this map; it has Marta (marta), Jonas (jonas)"
        );
        let arg = PersonaArg {
            persona: Some("jonas".into()),
        };
        assert_eq!(arg.apply(m, "m.ron").unwrap().persona.name, "Jonas");
    }
}
