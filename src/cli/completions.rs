//! Shell completions, generated from the same clap definition as `--help`.

use clap::CommandFactory;
use clap_complete::Shell;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// bash, zsh, fish, elvish or powershell.
    pub shell: Shell,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    let mut cmd = super::Cli::command();
    clap_complete::generate(a.shell, &mut cmd, "cjm", &mut std::io::stdout());
    Ok(0)
}
