#!/usr/bin/env python3
"""What the room waits for when several terminals share one map: the time from one
editor's Enter (a card kept, then Ctrl-S saving it) to that card on another
editor's screen. Two cjm editors run on one map, each in its own 120x40
pseudo-terminal, as two people at two keyboards (or two SSH logins on one machine).
Editor A types a card, then Enter and Ctrl-S are sent together; the clock stops
at the first byte editor B writes that completes the card's text on B's screen.
Each card is taken out again (undo, save) before the next, so every run adds a
card to the same lane of the same map. Prints the median, the 90th percentile
and the worst of the runs, the row of BENCHMARKS.md.

    cargo build --release
    python3 benches/sync_latency.py [--runs N] [CJM_BINARY]

Each card's text is a fresh random token, so that no cell on B's screen already
holds its letters (ratatui redraws only the cells that change, and a token sharing
a letter with what was there would be written in pieces); a run whose token is
never seen whole within five seconds is counted as missed and reported.
"""
import os, pty, random, re, select, shutil, statistics, struct, sys, tempfile, time
import fcntl, signal, termios

HERE = os.path.dirname(os.path.abspath(__file__))
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>78]")


def spawn(cmd, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    return pid, fd


def drain(fd, secs):
    """Reads what the editor writes for `secs` (answering a cursor-position query)."""
    out = b""
    end = time.perf_counter() + secs
    while time.perf_counter() < end:
        if select.select([fd], [], [], 0.01)[0]:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if b"\x1b[6n" in chunk:
                os.write(fd, b"\x1b[1;1R")
            out += chunk
    return out


def wait_for(fd, needle, limit):
    """Seconds until `needle` shows in what the editor writes, escapes taken out."""
    t0 = time.perf_counter()
    seen = b""
    while time.perf_counter() - t0 < limit:
        if select.select([fd], [], [], 0.002)[0]:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                return None
            if needle in ESCAPES.sub(b"", seen):
                return time.perf_counter() - t0
    return None


def main():
    args = sys.argv[1:]
    runs = 20
    if args[:1] == ["--runs"]:
        runs, args = int(args[1]), args[2:]
    cjm = os.path.abspath(args[0] if args else "target/release/cjm")
    with tempfile.TemporaryDirectory() as d:
        env = {"TERM": "xterm-256color", "CJM_DATA_DIR": d + "/data", "CJM_CONFIG_DIR": d + "/cfg"}
        path = f"{d}/workshop.ron"
        shutil.copy(os.path.join(HERE, "..", "maps", "espresso.ron"), path)
        a, fa = spawn([cjm, path, "--name", "A"], env)
        b, fb = spawn([cjm, path, "--name", "B"], env)
        drain(fa, 1.0)
        drain(fb, 1.0)
        rng = random.Random(19)
        took, missed = [], 0
        for _ in range(runs):
            token = "".join(rng.choice("QXZJKVWY") for _ in range(3)) + "".join(
                rng.choice("0123456789") for _ in range(5))
            os.write(fa, b"a" + token.encode())
            drain(fa, 0.3)
            drain(fb, 0.3)
            t0 = time.perf_counter()
            os.write(fa, b"\r\x13")
            t = wait_for(fb, token.encode(), 5.0)
            if t is None:
                missed += 1
            else:
                took.append((time.perf_counter() - t0) * 1000)
            # The card taken back out (undo, save), so the lane never grows
            # past the screen and every card lands where B can see it.
            os.write(fa, b"u\x13")
            drain(fa, 0.3)
            drain(fb, 0.6)
        for pid in (a, b):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        took.sort()
        if not took:
            print(f"every run missed ({missed})")
            return
        p90 = took[min(len(took) - 1, int(len(took) * 0.9))]
        print("| runs | median | 90th percentile | worst | missed |")
        print("| --- | --- | --- | --- | --- |")
        print(f"| {len(took)} | {statistics.median(took):.0f} ms | {p90:.0f} ms "
              f"| {took[-1]:.0f} ms | {missed} |")


if __name__ == "__main__":
    main()
