//! The real binary in a pseudo-terminal: keys typed as a person would, the screen
//! read back through a terminal emulator. Every session ends by closing its
//! terminal and checks that the editor exits on its own; one that does not is
//! killed by its PID and the test fails.
use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::os::fd::BorrowedFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const GOLDEN: &str = include_str!("../data/design-example.ron");
pub const ESPRESSO: &str = include_str!("../../maps/espresso.ron");

/// How long anything a test waits for may take, even on a loaded machine.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// How long the editor may take to exit once its terminal is gone: within a
/// second, as the README says, counted from the moment the terminal closed (not
/// from when the test starts waiting), so that the test's own work is not
/// charged to the editor.
pub const EXIT_AFTER_HANGUP: Duration = Duration::from_secs(1);

/// Waits until `cond` holds, or fails with `what` after `DEADLINE`.
pub fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < DEADLINE {
        if cond() {
            return;
        }
        std::thread::sleep(Duration::from_millis(30));
    }
    panic!("timed out waiting until {what}");
}

/// Checks that `cond` keeps holding for `span`: for things that must not
/// happen (an autosave that must leave a file alone), where there is no event
/// to wait for.
pub fn holds_for(what: &str, span: Duration, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < span {
        assert!(cond(), "{what} stopped holding after {:?}", start.elapsed());
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// The editor in a pseudo-terminal. Dropping it closes the terminal and checks
/// that the editor exits on its own, as it must when a window closes.
pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    /// The master side, for keys in and the screen out (non-blocking, so that
    /// the reader can be stopped and the terminal really closed).
    pub io: Option<Arc<File>>,
    pub master: Option<Box<dyn MasterPty + Send>>,
    pub reader: Option<JoinHandle<()>>,
    pub stop: Arc<AtomicBool>,
    pub child: Box<dyn Child + Send + Sync>,
    pub pid: u32,
    pub exit: Option<u32>,
    /// When the terminal closed, to time the editor's exit from.
    pub closed_at: Option<Instant>,
}

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Autosave every second instead of every five, for tests that wait for it.
    pub fn with_fast_autosave() -> Env {
        let env = Env::new();
        let config = env.dir.path().join("config");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(config.join("settings.ron"), "(autosave_seconds: 1)").unwrap();
        env
    }

    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn recovery_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.data().join("recovery"))
            .map(|rd| rd.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
    }

    /// The text of every recovery file.
    pub fn recovered(&self) -> Vec<String> {
        self.recovery_files()
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    }

    /// True when some recovery file holds `needle`.
    pub fn recovered_has(&self, needle: &str) -> bool {
        self.recovered().iter().any(|t| t.contains(needle))
    }

    pub fn open(&self, file: &Path, extra_env: &[(&str, &str)]) -> Session {
        self.open_args(&[file.as_os_str()], extra_env)
    }

    /// The binary with these arguments (`FILE --compare OTHER`).
    pub fn open_args(&self, args: &[&std::ffi::OsStr], extra_env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(super::bin::BIN);
        cmd.env_clear();
        for (k, v) in super::bin::environment() {
            cmd.env(k, v);
        }
        cmd.args(args);
        cmd.cwd(self.dir.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("CJM_DATA_DIR", self.data());
        cmd.env("CJM_CONFIG_DIR", self.dir.path().join("config"));
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let pid = child.process_id().unwrap();
        // portable-pty's own reader cannot be stopped while it blocks, and its
        // writer types Enter and Ctrl-D when dropped; one duplicate of the master,
        // non-blocking, does both jobs and can be closed.
        let raw_fd = pair.master.as_raw_fd().unwrap();
        // SAFETY: `raw_fd` is the open master of `pair.master`, alive for this
        // statement; it is only borrowed to duplicate it.
        let owned = unsafe { BorrowedFd::borrow_raw(raw_fd) }
            .try_clone_to_owned()
            .unwrap();
        rustix::io::ioctl_fionbio(&owned, true).unwrap();
        let io = Arc::new(File::from(owned));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (p, r, st, rd) = (
            Arc::clone(&parser),
            Arc::clone(&raw),
            Arc::clone(&stop),
            Arc::clone(&io),
        );
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match (&*rd).read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        p.lock().unwrap().process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                    Err(e) if e.kind() == ErrorKind::WouldBlock => {
                        if st.load(Ordering::Relaxed) {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(10));
                    }
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    // EIO: the editor has closed its side.
                    Err(_) => break,
                }
            }
        });
        Session {
            parser,
            raw,
            io: Some(io),
            master: Some(pair.master),
            reader: Some(reader),
            stop,
            child,
            pid,
            exit: None,
            closed_at: None,
        }
    }
}

impl Session {
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < DEADLINE {
            if self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!(
            "timed out waiting for {needle:?}; screen:\n{}",
            self.screen()
        );
    }

    pub fn wait_gone(&self, needle: &str) {
        wait_until(&format!("{needle:?} is off the screen"), || {
            !self.screen().contains(needle)
        });
    }

    /// Bytes typed into the terminal that the editor has not read yet (the
    /// input queue of the terminal's editor side).
    fn unread(&self) -> u64 {
        use std::os::unix::fs::OpenOptionsExt;
        let name = self
            .master
            .as_ref()
            .and_then(|m| m.tty_name())
            .expect("the terminal has a name");
        let side = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOCTTY | libc::O_NONBLOCK)
            .open(&name)
            .unwrap();
        rustix::io::ioctl_fionread(&side).unwrap()
    }

    /// Types `bytes`, then waits until the editor has read them, so that an
    /// Esc is read on its own and not taken for the start of the next key's
    /// escape sequence (the editor's reader splits keys by what one read
    /// returns).
    pub fn send(&mut self, bytes: &str) {
        let io = self.io.as_ref().expect("the terminal is open");
        let mut rest = bytes.as_bytes();
        let start = Instant::now();
        while !rest.is_empty() {
            match (&**io).write(rest) {
                Ok(n) => rest = &rest[n..],
                Err(e) if e.kind() == ErrorKind::WouldBlock && start.elapsed() < DEADLINE => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => panic!("typing into the editor: {e}"),
            }
        }
        wait_until("the editor has read what was typed", || self.unread() == 0);
    }

    /// Types `bytes` without waiting for the editor to read them: keys typed
    /// ahead, while it is still starting.
    pub fn type_ahead(&mut self, bytes: &str) {
        let io = self.io.as_ref().expect("the terminal is open");
        (&**io).write_all(bytes.as_bytes()).unwrap();
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.send(&c.to_string());
        }
    }

    /// Adds an action to the first stage and waits until it is on screen.
    pub fn add_action(&mut self, text: &str) {
        self.send("a");
        self.type_text(text);
        self.send(ENTER);
        self.wait_for(text);
    }

    pub fn kill(&self, signal: &str, target: &str) {
        let ok = std::process::Command::new("kill")
            .args([signal, "--", target])
            .status()
            .unwrap();
        assert!(ok.success());
    }

    /// Sends SIGTERM, as a shutdown would, and returns the exit code.
    pub fn terminate(&mut self) -> u32 {
        self.kill("-TERM", &self.pid.to_string());
        self.wait_exit()
    }

    /// Closes the terminal as a closing window, a dropped SSH connection or a
    /// killed tmux server does: the master side goes away for good.
    pub fn close_terminal(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        self.io = None;
        self.master = None;
        self.closed_at.get_or_insert_with(Instant::now);
    }

    /// Kills the session as a dropped SSH connection does: SIGHUP to the
    /// editor's process group, and its terminal gone.
    pub fn hang_up(&mut self) {
        self.kill("-HUP", &format!("-{}", self.pid));
        self.close_terminal();
    }

    /// Waits for the editor to exit within `limit` (of its terminal closing,
    /// once it has; of now, before); returns its exit code.
    pub fn wait_exit_within(&mut self, limit: Duration) -> u32 {
        if let Some(code) = self.exit {
            return code;
        }
        let start = self.closed_at.unwrap_or_else(Instant::now);
        // Past the limit, wait on up to the general deadline to say how late
        // the exit was, or that it never came.
        while start.elapsed() < limit.max(DEADLINE) {
            if let Some(status) = self.child.try_wait().unwrap() {
                let took = start.elapsed();
                self.exit = Some(status.exit_code());
                assert!(
                    took <= limit,
                    "the editor exited after {took:?}, not within {limit:?}"
                );
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let screen = self.screen();
        self.end_by_pid();
        panic!("the editor did not exit within {limit:?}; screen:\n{screen}");
    }

    pub fn wait_exit(&mut self) -> u32 {
        self.wait_exit_within(DEADLINE)
    }

    /// Ends a stuck editor by its process id (never by name).
    pub fn end_by_pid(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.exit = Some(u32::MAX);
    }
}

impl Drop for Session {
    /// Every test ends with its terminal closed, and the editor must then exit
    /// on its own; one that does not is ended by its PID and fails the test.
    fn drop(&mut self) {
        if self.exit.is_some() {
            return;
        }
        self.close_terminal();
        let start = self.closed_at.unwrap_or_else(Instant::now);
        while start.elapsed() < EXIT_AFTER_HANGUP {
            if let Ok(Some(status)) = self.child.try_wait() {
                self.exit = Some(status.exit_code());
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        self.end_by_pid();
        if !std::thread::panicking() {
            panic!(
                "the editor (pid {}) did not exit when its terminal closed",
                self.pid
            );
        }
    }
}

pub fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// An executable script in the test's folder, to stand in for `$VISUAL`.
pub fn script(env: &Env, name: &str, body: &str) -> String {
    let p = env.file(name, &format!("#!/bin/sh\n{body}\n"));
    let ok = std::process::Command::new("chmod")
        .arg("+x")
        .arg(&p)
        .status()
        .unwrap();
    assert!(ok.success());
    p.to_string_lossy().into_owned()
}

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const CTRL_S: &str = "\x13";
