use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cjm::cli::Cli::parse();
    match cjm::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("cjm: {e:#}");
            ExitCode::from(cjm::files::exit_code(&e))
        }
    }
}
