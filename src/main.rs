use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cjm::cli::Cli::parse();
    if !cli.opens_the_editor() {
        quiet_on_closed_pipe();
    }
    match cjm::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("cjm: {e:#}");
            ExitCode::from(cjm::cli::exit_code(&e))
        }
    }
}

/// `cjm show big.ron | head`, or git's pager quitting early: like every Unix
/// filter, the command ends quietly when its reader goes away. Rust ignores
/// SIGPIPE, which turns the next `println!` into a panic; the default action ends
/// the process instead. The editor keeps Rust's setting: it writes to its terminal
/// and notices a terminal that is gone by itself.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread exists; SIG_DFL is a
    // valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
