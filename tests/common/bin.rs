//! The one way tests run the built `cjm`: [`cjm`] for a command, [`environment`]
//! for a pseudo-terminal. Either way the binary sees a clean environment: none
//! of the developer's `CJM_*` folders, `GIT_*` settings (a test run from a git
//! hook would otherwise aim at the wrong repository), `EDITOR`/`VISUAL` or XDG
//! folders, and a `HOME` of the test run's own instead of the user's.
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// The built binary.
pub const BIN: &str = env!("CARGO_BIN_EXE_cjm");

/// Whether a variable of the test run's environment passes on to `cjm`.
fn passes_on(name: &str) -> bool {
    !(name.starts_with("CJM_")
        || name.starts_with("GIT_")
        || name.starts_with("XDG_")
        || matches!(name, "HOME" | "EDITOR" | "VISUAL"))
}

/// A home folder for this test process, under Cargo's temporary folder for
/// tests (so nothing lands in the user's settings or recovery folders).
pub fn home() -> PathBuf {
    static HOME: OnceLock<PathBuf> = OnceLock::new();
    HOME.get_or_init(|| {
        let h =
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("home-{}", std::process::id()));
        std::fs::create_dir_all(&h).unwrap();
        h
    })
    .clone()
}

/// The whole environment `cjm` runs with under test.
pub fn environment() -> Vec<(OsString, OsString)> {
    let mut env: Vec<(OsString, OsString)> = std::env::vars_os()
        .filter(|(k, _)| k.to_str().is_some_and(passes_on))
        .collect();
    env.push(("HOME".into(), home().into()));
    env
}

/// `cjm`, ready for arguments, in the clean environment.
pub fn cjm() -> Command {
    let mut c = Command::new(BIN);
    c.env_clear().envs(environment());
    c
}

/// Runs `c` with `input` on its standard input and collects its output.
pub fn output_with_stdin(c: &mut Command, input: impl AsRef<[u8]>) -> Output {
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.as_ref().to_vec();
    let writer = std::thread::spawn(move || {
        // A command may stop reading early; that is its answer, not an error here.
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// Runs `c` (standard input closed) and collects its output, or kills it and
/// returns `None` when it has not finished within `limit`: for commands that
/// must not block (on a FIFO, a terminal that is not there).
pub fn output_within(c: &mut Command, limit: std::time::Duration) -> Option<Output> {
    use std::io::Read;
    let mut child = c
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let read = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let out = read(Box::new(child.stdout.take().unwrap()));
    let err = read(Box::new(child.stderr.take().unwrap()));
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let (stdout, stderr) = (out.join().unwrap(), err.join().unwrap());
    status.map(|status| Output {
        status,
        stdout,
        stderr,
    })
}

/// A finished run of the binary: its exit code (-1 when a signal ended it) and
/// its output as text.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }
}

/// `cjm ARGS` run in `dir`.
pub fn cjm_in(dir: &std::path::Path, args: &[&str]) -> Run {
    Run::from(cjm().current_dir(dir).args(args).output().unwrap())
}

/// `cjm ARGS` run in `dir`, for a command that must finish on its own (a FIFO
/// or a device in its way): it fails the test when it takes over 20 seconds or
/// is killed, rather than hang the run.
pub fn cjm_within(dir: &std::path::Path, args: &[&str]) -> Run {
    let out = output_within(
        cjm().current_dir(dir).args(args),
        std::time::Duration::from_secs(20),
    )
    .unwrap_or_else(|| panic!("{args:?} hung"));
    assert!(out.status.code().is_some(), "{args:?} was killed");
    Run::from(out)
}
