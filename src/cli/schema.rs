//! `cjm schema`: the JSON Schema of `cjm export --format json`, for the tools that
//! consume it.

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_: Args) -> anyhow::Result<u8> {
    print!("{}", crate::export::json::SCHEMA);
    Ok(0)
}
