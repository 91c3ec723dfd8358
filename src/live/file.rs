//! A live file's text: the header lines and the map after them (the layout
//! is in the module above's doc comment).

use std::time::{Duration, Instant};

use super::{MAGIC, VERSION};

/// What an editor shows, as it publishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// The map in canonical RON.
    pub map: String,
    /// 0 the overview, N stage N.
    pub slide: usize,
    /// The id of the stage on that slide; empty on the overview.
    pub stage: String,
    /// The workshop timer: when it ends (on the editor's clock) and what for.
    pub timer: Option<(Instant, String)>,
    /// The voting session that is on: its id and the votes each participant has.
    pub voting: Option<(String, u32)>,
}

/// The first part of a live file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    pub host: String,
    pub pid: u32,
    pub session: String,
    pub seq: u64,
    pub beat: u64,
    /// When `seq` last grew, in milliseconds since 1970 on the writer's clock.
    pub changed: u64,
    pub slide: usize,
    pub stage: String,
    /// Time left on the workshop timer when the file was written, and its activity.
    pub timer: Option<(Duration, String)>,
    /// Who works in this session, as others' headers show it (empty: not said,
    /// as in files from before names were published).
    pub name: String,
    /// The voting session that is on: its id and the votes each participant has.
    pub voting: Option<(String, u32)>,
    /// A participant's session (`cjm join`): shown among who has the map
    /// open, never followed.
    pub participant: bool,
    /// What the facilitator lets participants do now (`None`: what `cjm.ron`
    /// says). Only ever narrows `cjm.ron`.
    pub allow: Option<Allow>,
}

/// What the facilitator opens to participants, as its live file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allow {
    pub add: bool,
    pub vote: bool,
}

/// A live file read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub header: Header,
    /// The map's text, or why it cannot be had (the file was cut short).
    pub map: Result<String, String>,
}

/// A header value on one line: line breaks in it (a stage name in the timer's
/// activity) become spaces.
pub(super) fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// The text of a live file.
pub fn encode(h: &Header, map: &str) -> String {
    let mut out = format!("{MAGIC} {VERSION}\n");
    let mut line = |k: &str, v: String| {
        out.push_str(k);
        out.push_str(": ");
        out.push_str(&one_line(&v));
        out.push('\n');
    };
    line("host", h.host.clone());
    line("pid", h.pid.to_string());
    line("session", h.session.clone());
    line("seq", h.seq.to_string());
    line("beat", h.beat.to_string());
    line("changed", h.changed.to_string());
    line("slide", h.slide.to_string());
    line("stage", h.stage.clone());
    if let Some((left, what)) = &h.timer {
        line("timer", format!("{} {what}", left.as_millis()));
    }
    if !h.name.is_empty() {
        line("name", h.name.clone());
    }
    if let Some((round, votes)) = &h.voting {
        line("voting", format!("{round} {votes}"));
    }
    if h.participant {
        line("role", "participant".into());
    }
    if let Some(a) = h.allow {
        let words: Vec<&str> = [(a.add, "add"), (a.vote, "vote")]
            .iter()
            .filter_map(|(on, w)| on.then_some(*w))
            .collect();
        line("allow", words.join(" "));
    }
    line("length", map.len().to_string());
    out.push('\n');
    out.push_str(map);
    out
}

/// Reads a live file's text. A header that does not read is an error (the file
/// is skipped); a map shorter or longer than its `length` is kept as the
/// reason it cannot be shown.
pub fn decode(text: &str) -> Result<Published, String> {
    let (head, body) = text
        .split_once("\n\n")
        .ok_or_else(|| "no end of header".to_string())?;
    let mut lines = head.lines();
    let first = lines.next().unwrap_or_default();
    let version = first
        .strip_prefix(MAGIC)
        .map(str::trim)
        .ok_or_else(|| "not a live file".to_string())?;
    match version.parse::<u32>() {
        Ok(v) if v <= VERSION => {}
        Ok(v) => return Err(format!("written by a newer cjm (live file version {v})")),
        Err(_) => return Err("not a live file".to_string()),
    }
    let mut h = Header::default();
    let mut length = None;
    let mut pid = None;
    for l in lines {
        let Some((k, v)) = l
            .split_once(": ")
            .or_else(|| l.strip_suffix(':').map(|k| (k, "")))
        else {
            return Err(format!("a header line without a key: {l:?}"));
        };
        let num = |v: &str| {
            v.parse::<u64>()
                .map_err(|_| format!("{k} is not a number: {v:?}"))
        };
        match k {
            "host" => h.host = v.to_string(),
            "pid" => pid = Some(u32::try_from(num(v)?).map_err(|_| "pid out of range")?),
            "session" => h.session = v.to_string(),
            "seq" => h.seq = num(v)?,
            "beat" => h.beat = num(v)?,
            "changed" => h.changed = num(v)?,
            "slide" => h.slide = usize::try_from(num(v)?).unwrap_or(usize::MAX),
            "stage" => h.stage = v.to_string(),
            "timer" => {
                let (ms, what) = v.split_once(' ').unwrap_or((v, ""));
                h.timer = Some((Duration::from_millis(num(ms)?), what.to_string()));
            }
            "name" => h.name = v.to_string(),
            "voting" => {
                let (round, votes) = v.split_once(' ').unwrap_or((v, ""));
                let votes = u32::try_from(num(votes)?).map_err(|_| "votes out of range")?;
                h.voting = Some((round.to_string(), votes));
            }
            "role" => h.participant = v.trim() == "participant",
            "allow" => {
                let words: Vec<&str> = v.split_whitespace().collect();
                h.allow = Some(Allow {
                    add: words.contains(&"add"),
                    vote: words.contains(&"vote"),
                });
            }
            "length" => length = Some(num(v)?),
            _ => {}
        }
    }
    h.pid = pid.ok_or_else(|| "no pid".to_string())?;
    let length = length.ok_or_else(|| "no length".to_string())?;
    let map = if body.len() as u64 == length {
        Ok(body.to_string())
    } else {
        Err(format!(
            "the live file holds {} bytes of map where it says {length}",
            body.len()
        ))
    };
    Ok(Published { header: h, map })
}

/// Reads the header of a file that may be cut anywhere after it.
pub(super) fn decode_head(text: &str) -> Result<Header, String> {
    let head = text.split_once("\n\n").map(|(h, _)| h).unwrap_or(text);
    decode(&format!("{head}\n\n")).map(|p| p.header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_file_reads_back_as_written() {
        let h = Header {
            host: "laptop".into(),
            pid: 42,
            session: "42-1000".into(),
            seq: 3,
            beat: 9,
            changed: 1234,
            slide: 2,
            stage: "checkout".into(),
            timer: Some((Duration::from_millis(61_000), "Decide\nnow".into())),
            name: "Ana\nB".into(),
            voting: Some(("1764750000000".into(), 5)),
            participant: true,
            allow: Some(Allow {
                add: false,
                vote: true,
            }),
        };
        let map = "(title: \"x\")\n\n\nwith blank lines\n";
        let p = decode(&encode(&h, map)).unwrap();
        assert_eq!(p.map.as_deref(), Ok(map));
        assert_eq!(
            p.header.timer,
            Some((Duration::from_millis(61_000), "Decide now".into()))
        );
        assert_eq!(p.header.stage, "checkout");
        assert_eq!(p.header.voting, Some(("1764750000000".into(), 5)));
        assert_eq!(p.header.pid, 42);
        assert_eq!(p.header.name, "Ana B", "a name stays on one line");
        assert!(p.header.participant, "the role line reads back");
        assert_eq!(
            p.header.allow,
            Some(Allow {
                add: false,
                vote: true
            })
        );
        // Nothing open, and a facilitator's file: no role line, `allow:` empty.
        let closed = Header {
            pid: 1,
            allow: Some(Allow {
                add: false,
                vote: false,
            }),
            ..Header::default()
        };
        let text = encode(&closed, "");
        assert!(!text.contains("role:"));
        let back = decode(&text).unwrap().header;
        assert!(!back.participant);
        assert_eq!(back.allow, closed.allow);
        // A file without the line (an older cjm): cjm.ron decides.
        assert_eq!(
            decode("cjm-live 1\npid: 1\nlength: 0\n\n")
                .unwrap()
                .header
                .allow,
            None
        );
    }

    #[test]
    fn garbage_and_newer_versions_are_refused_and_a_cut_map_is_said() {
        for bad in [
            "",
            "\n\n",
            "hello\n\nworld",
            "cjm-live x\n\n",
            "cjm-live 1\nseq: 1\n\n",
        ] {
            assert!(decode(bad).is_err(), "{bad:?}");
        }
        assert!(
            decode("cjm-live 2\npid: 1\nlength: 0\n\n")
                .unwrap_err()
                .contains("newer cjm")
        );
        let h = Header {
            pid: 1,
            ..Header::default()
        };
        let text = encode(&h, "0123456789");
        let cut = decode(&text[..text.len() - 3]).unwrap();
        assert!(
            cut.map
                .unwrap_err()
                .contains("7 bytes of map where it says 10")
        );
        // A later version's extra keys are skipped.
        let extra = text.replacen("pid: 1\n", "pid: 1\nwho: Ana\n", 1);
        assert_eq!(decode(&extra).unwrap().map.as_deref(), Ok("0123456789"));
    }
}
