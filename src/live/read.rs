//! A follower's side: the live files of one map read as they change, and the
//! session to follow picked among them.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::{FOLDER, Published, STALE, decode, host, parse_name, read_small, real, running};

/// Why a session is not followed any more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gone {
    /// Its process has ended (this machine).
    Ended,
    /// Its file has not been written for `STALE` (another machine).
    Silent,
}

/// What a reader found for its map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found<'a> {
    /// The living session that changed last.
    Live(&'a Published),
    /// Only sessions that are gone: the one that changed last, and why.
    Gone(&'a Published, Gone),
    /// No live file.
    Nobody,
}

/// What tells one version of a file from the next without reading it: each
/// write is a new file renamed into place, so its inode changes even where
/// the modification time is coarse (whole seconds on some shares).
type Stamp = (Option<SystemTime>, u64, u64);

fn stamp(meta: &fs::Metadata) -> Stamp {
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(meta);
    #[cfg(not(unix))]
    let ino = 0;
    (meta.modified().ok(), meta.len(), ino)
}

struct Seen {
    stamp: Stamp,
    published: Option<Published>,
    /// When this reader last saw the beat grow.
    beat_at: Instant,
}

/// Follows the live files of one map.
pub struct Reader {
    folder: PathBuf,
    name: String,
    limit: u64,
    host: String,
    seen: HashMap<PathBuf, Seen>,
}

impl Reader {
    /// A reader of `map`'s live files, reading none larger than `limit` bytes.
    pub fn new(map: &Path, limit: u64) -> Reader {
        let (dir, name) = real(map);
        Reader {
            folder: dir.join(FOLDER),
            name,
            limit,
            host: host(),
            seen: HashMap::new(),
        }
    }

    /// Looks at the live files again (reading only those that changed) and
    /// says which session to follow. Participants' sessions are never
    /// followed: the room follows the facilitator, not whoever typed last.
    pub fn poll(&mut self, now: Instant) -> Found<'_> {
        self.refresh(now);
        let mut live: Option<&Published> = None;
        let mut gone: Option<(&Published, Gone)> = None;
        let newer = |a: &Published, b: &Published| {
            (a.header.changed, a.header.seq) > (b.header.changed, b.header.seq)
        };
        for s in self.seen.values() {
            let Some(p) = s.published.as_ref().filter(|p| !p.header.participant) else {
                continue;
            };
            let why = self.gone(s, p, now);
            match why {
                None => {
                    if live.is_none_or(|l| newer(p, l)) {
                        live = Some(p);
                    }
                }
                Some(why) => {
                    if gone.as_ref().is_none_or(|(g, _)| newer(p, g)) {
                        gone = Some((p, why));
                    }
                }
            }
        }
        match (live, gone) {
            (Some(p), _) => Found::Live(p),
            (None, Some((p, why))) => Found::Gone(p, why),
            (None, None) => Found::Nobody,
        }
    }

    /// The headers of every living session but `own` (a session id),
    /// participants' included, as they were last written, in no particular
    /// order.
    pub fn living(&mut self, now: Instant, own: &str) -> Vec<&super::Header> {
        self.refresh(now);
        self.seen
            .values()
            .filter_map(|s| s.published.as_ref().map(|p| (s, p)))
            .filter(|(s, p)| p.header.session != own && self.gone(s, p, now).is_none())
            .map(|(_, p)| &p.header)
            .collect()
    }

    /// Why a session is not alive any more; `None` while it is.
    fn gone(&self, s: &Seen, p: &Published, now: Instant) -> Option<Gone> {
        if p.header.host == self.host {
            (!running(p.header.pid)).then_some(Gone::Ended)
        } else {
            (now.saturating_duration_since(s.beat_at) >= STALE).then_some(Gone::Silent)
        }
    }

    /// Reads again the live files of this map that changed since last time.
    fn refresh(&mut self, now: Instant) {
        let mut present = Vec::new();
        if let Ok(entries) = fs::read_dir(&self.folder) {
            for e in entries.flatten() {
                let file = e.file_name().to_string_lossy().into_owned();
                if parse_name(&file).map(|(n, _)| n) == Some(self.name.as_str()) {
                    present.push(e.path());
                }
            }
        }
        self.seen.retain(|p, _| present.contains(p));
        for p in present {
            let Ok(meta) = fs::symlink_metadata(&p) else {
                continue;
            };
            let stamp = stamp(&meta);
            if self.seen.get(&p).is_some_and(|s| s.stamp == stamp) {
                continue;
            }
            let published = match read_small(&p, self.limit) {
                Ok(Some(text)) => decode(&text).ok(),
                _ => None,
            };
            let before = self.seen.get(&p);
            let grew = match (before.and_then(|s| s.published.as_ref()), &published) {
                (Some(a), Some(b)) => a.header.beat != b.header.beat,
                _ => true,
            };
            let beat_at = match before {
                Some(s) if !grew => s.beat_at,
                Some(_) => now,
                // Seen for the first time: as old as its modification time
                // says, so a file a killed editor left hours ago is not
                // followed for a while first.
                None => {
                    let age = stamp
                        .0
                        .and_then(|t| t.elapsed().ok())
                        .unwrap_or(Duration::ZERO);
                    now.checked_sub(age.min(STALE)).unwrap_or(now)
                }
            };
            self.seen.insert(
                p,
                Seen {
                    stamp,
                    published,
                    beat_at,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::*;

    fn state(map: &str, slide: usize) -> State {
        State {
            map: map.to_string(),
            slide,
            stage: format!("s{slide}"),
            timer: None,
            voting: None,
        }
    }

    fn map_in(dir: &Path) -> PathBuf {
        let p = dir.join("journey.ron");
        fs::write(&p, "saved").unwrap();
        p
    }

    #[test]
    fn a_writer_publishes_beside_the_map_and_a_reader_follows_it() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let mut w = Writer::new(&map, "1-2");
        let mut r = Reader::new(&map, 1 << 20);
        assert_eq!(r.poll(Instant::now()), Found::Nobody);
        let t0 = Instant::now();
        w.set(state("first", 1));
        assert!(w.tick(t0).unwrap());
        assert!(
            w.path()
                .starts_with(dir.path().canonicalize().unwrap().join(FOLDER))
        );
        let ignore = fs::read_to_string(dir.path().join(FOLDER).join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "*"), "git ignores the folder");
        match r.poll(Instant::now()) {
            Found::Live(p) => {
                assert_eq!(p.map.as_deref(), Ok("first"));
                assert_eq!(p.header.slide, 1);
                assert_eq!(p.header.pid, std::process::id());
            }
            other => panic!("{other:?}"),
        }
        // A change right after a write waits for MIN_GAP; then it is written.
        w.set(state("second", 2));
        assert!(!w.tick(t0 + Duration::from_millis(50)).unwrap());
        assert!(w.tick(t0 + MIN_GAP).unwrap());
        assert!(
            matches!(r.poll(Instant::now()), Found::Live(p) if p.map.as_deref() == Ok("second"))
        );
        // Nothing changed: only the heartbeat writes.
        assert!(!w.tick(t0 + MIN_GAP * 3).unwrap());
        assert!(w.tick(t0 + MIN_GAP + HEARTBEAT).unwrap());
        // Quitting removes the file and the folder with it.
        w.remove();
        assert_eq!(r.poll(Instant::now()), Found::Nobody);
        assert!(!dir.path().join(FOLDER).exists());
        assert_eq!(
            fs::read_to_string(&map).unwrap(),
            "saved",
            "the map is never written"
        );
    }

    #[test]
    fn no_half_written_file_is_ever_read() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let mut w = Writer::new(&map, "1-2");
        let big = "x".repeat(2_000_000);
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let reader = {
            let (map, stop) = (map.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut r = Reader::new(&map, 1 << 24);
                let mut seen = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    if let Found::Live(p) = r.poll(Instant::now()) {
                        let m = p.map.as_ref().expect("never a cut map");
                        assert!(m.len() == 2_000_000 || m == "small", "{}", m.len());
                        seen += 1;
                    }
                }
                seen
            })
        };
        let t0 = Instant::now();
        for i in 0..40u32 {
            let m = if i % 2 == 0 {
                big.clone()
            } else {
                "small".into()
            };
            w.set(state(&m, 1));
            w.tick(t0 + HEARTBEAT * (i + 1)).unwrap();
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(reader.join().unwrap() > 0);
        w.remove();
    }

    #[test]
    fn a_killed_editors_file_is_gone_and_the_next_editor_sweeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let folder = dir.path().join(FOLDER);
        fs::create_dir(&folder).unwrap();
        // A process that has ended: a child that has been waited for.
        let dead = std::process::Command::new("true").spawn().unwrap();
        let dead_pid = dead.id();
        let mut dead = dead;
        dead.wait().unwrap();
        let h = Header {
            host: host(),
            pid: dead_pid,
            session: format!("{dead_pid}-5"),
            changed: 10,
            ..Header::default()
        };
        let stale = folder.join(format!("journey.ron.{dead_pid}-5.live"));
        fs::write(&stale, encode(&h, "old")).unwrap();
        // And garbage beside it, which is skipped.
        fs::write(folder.join("journey.ron.7-7.live"), "garbage").unwrap();
        let mut r = Reader::new(&map, 1 << 20);
        match r.poll(Instant::now()) {
            Found::Gone(p, Gone::Ended) => assert_eq!(p.map.as_deref(), Ok("old")),
            other => panic!("{other:?}"),
        }
        let mut w = Writer::new(&map, "9-9");
        w.set(state("new", 1));
        w.tick(Instant::now()).unwrap();
        assert!(
            !stale.exists(),
            "the new editor removed the dead one's file"
        );
        assert!(matches!(r.poll(Instant::now()), Found::Live(p) if p.map.as_deref() == Ok("new")));
        w.remove();
        // The garbage is not ours to remove: the folder stays for it.
        assert!(folder.join("journey.ron.7-7.live").exists());
    }

    #[test]
    fn another_machines_editor_is_followed_while_its_beat_grows() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let folder = dir.path().join(FOLDER);
        fs::create_dir(&folder).unwrap();
        let file = folder.join("journey.ron.1-1.live");
        let mut h = Header {
            host: format!("not-{}", host()),
            pid: 1,
            session: "1-1".into(),
            ..Header::default()
        };
        fs::write(&file, encode(&h, "remote")).unwrap();
        let mut r = Reader::new(&map, 1 << 20);
        let t0 = Instant::now();
        assert!(matches!(r.poll(t0), Found::Live(_)));
        assert!(matches!(r.poll(t0 + STALE / 2), Found::Live(_)));
        h.beat += 1;
        fs::write(&file, encode(&h, "remote, later")).unwrap();
        assert!(
            matches!(r.poll(t0 + STALE / 2), Found::Live(p) if p.map.as_deref() == Ok("remote, later"))
        );
        assert!(matches!(r.poll(t0 + STALE), Found::Live(_)));
        assert!(matches!(
            r.poll(t0 + STALE / 2 + STALE),
            Found::Gone(_, Gone::Silent)
        ));
    }

    #[test]
    fn of_two_living_editors_the_one_that_changed_last_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let mut a = Writer::new(&map, "1-1");
        let mut b = Writer::new(&map, "2-2");
        a.set(state("a", 1));
        a.tick(Instant::now()).unwrap();
        std::thread::sleep(Duration::from_millis(5));
        b.set(state("b", 1));
        b.tick(Instant::now()).unwrap();
        let mut r = Reader::new(&map, 1 << 20);
        assert!(matches!(r.poll(Instant::now()), Found::Live(p) if p.map.as_deref() == Ok("b")));
        std::thread::sleep(Duration::from_millis(5));
        a.set(state("a again", 2));
        a.tick(Instant::now() + HEARTBEAT).unwrap();
        assert!(
            matches!(r.poll(Instant::now()), Found::Live(p) if p.map.as_deref() == Ok("a again"))
        );
        a.remove();
        assert!(
            dir.path().join(FOLDER).exists(),
            "b's file keeps the folder"
        );
        b.remove();
        assert!(!dir.path().join(FOLDER).exists());
    }

    #[test]
    fn a_participants_session_is_in_the_room_but_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let mut facilitator = Writer::new(&map, "1-1");
        facilitator.set_name("Fay");
        facilitator.set(state("facilitator's", 2));
        facilitator.tick(Instant::now()).unwrap();
        std::thread::sleep(Duration::from_millis(5));
        // The participant changed last: still the facilitator is followed.
        let mut ana = Writer::new(&map, "2-2");
        ana.set_name("Ana");
        ana.set_participant(true);
        ana.set(state("", 1));
        ana.tick(Instant::now()).unwrap();
        let mut r = Reader::new(&map, 1 << 20);
        match r.poll(Instant::now()) {
            Found::Live(p) => {
                assert_eq!(p.map.as_deref(), Ok("facilitator's"));
                assert_eq!(p.header.slide, 2);
            }
            other => panic!("{other:?}"),
        }
        let mut names: Vec<String> = r
            .living(Instant::now(), "9-9")
            .iter()
            .map(|h| h.name.clone())
            .collect();
        names.sort();
        assert_eq!(names, ["Ana", "Fay"], "the room names the participant");
        // Only a participant left: nobody to follow.
        facilitator.remove();
        assert_eq!(r.poll(Instant::now()), Found::Nobody);
        ana.remove();
    }

    #[test]
    fn a_fifo_in_the_folder_does_not_block_the_reader() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let folder = dir.path().join(FOLDER);
        fs::create_dir(&folder).unwrap();
        let ok = std::process::Command::new("mkfifo")
            .arg(folder.join("journey.ron.3-3.live"))
            .status()
            .unwrap();
        assert!(ok.success());
        let mut r = Reader::new(&map, 1 << 20);
        assert_eq!(r.poll(Instant::now()), Found::Nobody);
    }
}
