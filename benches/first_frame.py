#!/usr/bin/env python3
"""Open-to-first-frame in a pseudo-terminal, cjm against `vim -u NONE` on the same
file: the time from starting the program to the first screen that shows the map's
text. Generates maps of 1,000, 10,000, 14,000 and 100,000 items (a CSV turned into a
map by `cjm import`), runs each program N times (default 9) at 120x40 and prints the
medians. Usage: cargo build --release && python3 benches/first_frame.py [CJM_BINARY]
"""
import csv, os, pty, select, signal, struct, sys, tempfile, time, fcntl, termios, subprocess

def gen_csv(items, path):
    stages = max(1, (items + 49) // 50)
    per = items // stages
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["stage_id", "stage", "lane", "position", "text", "channel", "score",
                    "severity", "owner", "priority", "status", "current", "target", "unit", "note"])
        w.writerow(["", "", "title", "", "Generated journey"] + [""] * 10)
        w.writerow(["", "", "persona.name", "", "Bench persona"] + [""] * 10)
        for s in range(stages):
            for i in range(per):
                row = [f"stage-{s}", f"Stage {s} — ëxample", "", "", ""] + [""] * 10
                k = i % 7
                if k == 0: row[2:5] = ["actions", "", f"Customer does thing number {i} on the website"]
                elif k == 1: row[2:5] = ["thoughts", "", f"Is option {i} really worth the money?"]
                elif k == 2: row[2:6] = ["touchpoints", "", f"Touchpoint {i}", "Email"]
                elif k == 3: row[2:5] = ["emotions", "", f"Feeling {i}"]; row[6] = str(i % 5 + 1)
                elif k == 4: row[2:5] = ["pain_points", "", f"Pain point {i}: slow checkout"]; row[7] = "High"
                elif k == 5: row[2:5] = ["optimizations", "", f"Fix number {i}"]; row[8:11] = ["Team", "Low", "Planned"]
                else: row[2:5] = ["metrics", "", f"KPI {i}"]; row[11:14] = [str(i * 1.5), str(i * 2.0), "%"]
                w.writerow(row)

def first_frame(argv, marker, env, rows=40, cols=120, timeout=20):
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    seen, took = b"", None
    while time.perf_counter() - t0 < timeout:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            if marker in seen:
                took = time.perf_counter() - t0
                break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return took

def median(xs):
    xs = sorted(x for x in xs if x is not None)
    return xs[len(xs) // 2] * 1000 if xs else float("nan")

def main():
    cjm = sys.argv[1] if len(sys.argv) > 1 else "target/release/cjm"
    n = int(os.environ.get("N", "9"))
    with tempfile.TemporaryDirectory() as d:
        env = {"TERM": "xterm-256color", "CJM_DATA_DIR": d + "/data", "CJM_CONFIG_DIR": d + "/cfg"}
        print("| items | file size | cjm | vim -u NONE | ratio |\n| --- | --- | --- | --- | --- |")
        for items in (1_000, 10_000, 14_000, 100_000):
            c, m = f"{d}/g{items}.csv", f"{d}/g{items}.ron"
            gen_csv(items, c)
            subprocess.run([cjm, "import", c, "--from", "csv", "-o", m], check=True)
            marker = b"Customer does"
            a = median(first_frame([cjm, m], marker, env) for _ in range(n))
            b = median(first_frame(["vim", "-u", "NONE", m], marker, env) for _ in range(n))
            size = os.path.getsize(m) / 1e6
            print(f"| {items:,} | {size:.1f} MB | {a:.1f} ms | {b:.1f} ms | {a / b:.1f}x |")

if __name__ == "__main__":
    main()
