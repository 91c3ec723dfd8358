//! Noticing that the terminal is gone: the window closed, the SSH connection
//! dropped, the tmux server killed.
//!
//! crossterm's reader cannot be left to notice. Once the terminal hangs up, a
//! read from it returns end-of-file (0 bytes) or `EIO`, and the read loop in
//! crossterm 0.29's event source neither returns nor breaks on either: its
//! `event::poll` spins at full CPU for ever, and the editor's loop never runs
//! again to see SIGHUP or SIGTERM. So the editor guards it twice:
//! - the event loop asks the terminal itself (poll(2)) whether there is input or
//!   a hang-up, and calls crossterm only when there is input;
//! - a watchdog thread, which needs nothing from the event loop, looks at the
//!   signal flag and the terminal ten times a second; if the loop has not ended
//!   the session within a grace period (stuck in crossterm after all, or waiting
//!   for `$EDITOR`), it writes the recovery files itself and exits.

use std::io::{self, IsTerminal, Read};
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};

/// The terminal the editor reads keys from: the same one crossterm reads.
pub struct Tty {
    source: Source,
}

enum Source {
    Stdin(io::Stdin),
    DevTty(std::fs::File),
}

/// What waiting on the terminal found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Bytes to read.
    Input,
    /// A signal arrived (resize, SIGTERM, SIGHUP): the caller looks at its flags.
    Woken,
    /// Nothing happened before the timeout.
    Idle,
    /// The terminal hung up: no key will ever come again.
    Gone,
}

impl Tty {
    /// Standard input when it is a terminal, else `/dev/tty`, as crossterm does.
    pub fn open() -> io::Result<Tty> {
        let stdin = io::stdin();
        let source = if stdin.is_terminal() {
            Source::Stdin(stdin)
        } else {
            Source::DevTty(
                std::fs::File::options()
                    .read(true)
                    .write(true)
                    .open("/dev/tty")?,
            )
        };
        Ok(Tty { source })
    }

    fn fd(&self) -> BorrowedFd<'_> {
        match &self.source {
            Source::Stdin(s) => s.as_fd(),
            Source::DevTty(f) => f.as_fd(),
        }
    }

    /// True once the terminal has hung up. Asks for no events: a hang-up, an
    /// error or a closed descriptor are reported all the same.
    pub fn is_gone(&self) -> bool {
        let fd = self.fd();
        let mut fds = [PollFd::new(&fd, PollFlags::empty())];
        match poll(&mut fds, Some(&Timespec::default())) {
            Ok(_) => gone(fds[0].revents()),
            Err(_) => false,
        }
    }

    /// Waits up to `timeout` for input on the terminal or a byte on `wake`.
    pub fn wait(&self, wake: &Waker, timeout: Duration) -> Wait {
        let tty = self.fd();
        let woken = wake.receiver.as_fd();
        let mut fds = [
            PollFd::new(&tty, PollFlags::IN),
            PollFd::new(&woken, PollFlags::IN),
        ];
        let limit = Timespec::try_from(timeout).unwrap_or_default();
        match poll(&mut fds, Some(&limit)) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => return Wait::Woken,
            Err(_) => {
                // Cannot wait: do not spin either.
                std::thread::sleep(timeout.min(Duration::from_millis(50)));
                return Wait::Idle;
            }
        }
        let (t, w) = (fds[0].revents(), fds[1].revents());
        if gone(t) {
            Wait::Gone
        } else if t.contains(PollFlags::IN) {
            Wait::Input
        } else if w.contains(PollFlags::IN) {
            wake.drain();
            Wait::Woken
        } else {
            Wait::Idle
        }
    }
}

fn gone(revents: PollFlags) -> bool {
    revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
}

/// Wakes a waiting event loop when a signal arrives, so a SIGTERM or a resize
/// is acted on at once rather than at the next timeout.
pub struct Waker {
    receiver: UnixStream,
}

impl Waker {
    pub fn new(signals: &[i32]) -> io::Result<Waker> {
        let (receiver, sender) = UnixStream::pair()?;
        receiver.set_nonblocking(true)?;
        sender.set_nonblocking(true)?;
        for sig in signals {
            signal_hook::low_level::pipe::register(*sig, sender.try_clone()?)?;
        }
        Ok(Waker { receiver })
    }

    fn drain(&self) {
        let mut buf = [0u8; 64];
        while matches!((&self.receiver).read(&mut buf), Ok(n) if n > 0) {}
    }
}

/// The signal number that stands for "the terminal went away": a closing
/// terminal sends SIGHUP, and the exit code says the same either way.
pub const HANGUP: usize = signal_hook::consts::SIGHUP as usize;

/// Starts the watchdog. Once `signal` is set or the terminal is gone, the event
/// loop has `grace` to end the session; after that `rescue` runs (it writes the
/// recovery files) and the process exits with 128 + the signal number.
pub fn watch(
    tty: Arc<Tty>,
    signal: Arc<AtomicUsize>,
    grace: Duration,
    rescue: impl FnOnce(usize) + Send + 'static,
) -> io::Result<()> {
    std::thread::Builder::new()
        .name("cjm-watchdog".into())
        .spawn(move || {
            let mut since: Option<Instant> = None;
            loop {
                std::thread::sleep(Duration::from_millis(100));
                let cause = match signal.load(Ordering::Relaxed) {
                    0 if tty.is_gone() => HANGUP,
                    s => s,
                };
                if cause == 0 {
                    continue;
                }
                if since.get_or_insert_with(Instant::now).elapsed() >= grace {
                    rescue(cause);
                    std::process::exit(128 + (cause as i32 & 0x7f));
                }
            }
        })?;
    Ok(())
}
