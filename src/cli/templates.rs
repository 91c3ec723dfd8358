//! `cjm templates`: the stage frameworks `cjm new` can start from.

use crate::model::templates::TEMPLATES;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Also show each stage's goal, example KPIs and workshop prompts.
    #[arg(short, long)]
    pub verbose: bool,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    print!("{}", render(a.verbose));
    Ok(0)
}

pub fn render(verbose: bool) -> String {
    let mut out = String::new();
    for t in TEMPLATES {
        let names: Vec<_> = t.stages.iter().map(|s| s.name).collect();
        out.push_str(&format!("{:<14} {}\n", t.name, t.about));
        out.push_str(&format!("{:<14} {}\n", "", names.join(" → ")));
        if verbose {
            for s in t.stages {
                out.push_str(&format!("{:<16} {}", "", s.name));
                if !s.goal.is_empty() {
                    out.push_str(&format!(": {}", s.goal));
                }
                out.push('\n');
                if !s.kpis.is_empty() {
                    out.push_str(&format!("{:<18} KPIs: {}\n", "", s.kpis.join(", ")));
                }
                for (lane, p) in s.prompts {
                    out.push_str(&format!("{:<18} {}: {}\n", "", t.lane_title(*lane), p));
                }
            }
        }
        out.push('\n');
    }
    out.push_str("Start one with: cjm new FILE --template NAME\n");
    out
}
