//! `cjm schema`: the JSON Schema of `cjm export --format json`, for the tools that
//! consume it.

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub out: super::output::Output,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    a.out.write(crate::export::json::SCHEMA)?;
    Ok(0)
}
