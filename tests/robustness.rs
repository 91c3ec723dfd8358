//! No panic on any input: truncated prefixes and randomly changed variants of the
//! example maps go through the reader, and every one is either a map or an error.

use proptest::prelude::*;

static EXAMPLES: std::sync::LazyLock<Vec<Vec<u8>>> = std::sync::LazyLock::new(load_examples);

fn examples() -> &'static [Vec<u8>] {
    &EXAMPLES
}

fn load_examples() -> Vec<Vec<u8>> {
    let mut out = vec![include_bytes!("data/design-example.ron").to_vec()];
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/maps");
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            if e.path().extension().is_some_and(|x| x == "ron") {
                out.push(std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

/// Reads `bytes` and checks the outcome: a valid map that writes back to
/// itself, or an error that says something and points inside the input.
fn must_not_panic(bytes: &[u8]) {
    match cjm::format::load(bytes) {
        Ok(loaded) => {
            assert!(
                cjm::format::errors(&loaded.map).is_empty(),
                "a loaded map is valid"
            );
            // Whatever loaded writes back to something that loads to the same map.
            let text = cjm::format::write(&loaded.map);
            assert_eq!(cjm::format::load_str(&text).unwrap().map, loaded.map);
        }
        Err(e) => {
            assert!(!e.message.trim().is_empty(), "an error says what is wrong");
            let lines = bytes.split(|b| *b == b'\n').count() as u32;
            assert!(
                e.pos.line >= 1 && e.pos.line <= lines.max(1) && e.pos.col >= 1,
                "{e} (input of {lines} lines)"
            );
        }
    }
    let _ = cjm::format::parse_bytes(bytes).map(|p| cjm::format::diagnostics(&p.map));
}

/// Every prefix of the golden map and of the smallest example map: the reader
/// meets every place a file can end.
#[test]
fn every_truncated_prefix() {
    let mut few: Vec<&Vec<u8>> = examples().iter().collect();
    few.sort_by_key(|ex| ex.len());
    for ex in few.iter().take(2) {
        for n in 0..=ex.len() {
            must_not_panic(&ex[..n]);
        }
    }
}

/// One change to a file: what an editor, a bad merge or a broken disk does.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(prop::sample::Index, u8),
    Insert(prop::sample::Index, Vec<u8>),
    Delete(prop::sample::Index, usize),
    /// A stretch of the file again, right after itself (a doubled paste).
    Repeat(prop::sample::Index, usize),
    /// A stretch of another example map spliced in.
    Splice(
        prop::sample::Index,
        prop::sample::Index,
        prop::sample::Index,
        usize,
    ),
    /// A stretch moved to the end (a truncation followed by a stray tail).
    Move(prop::sample::Index, usize),
    /// A whole line twice, or gone, or two lines swapped: a merge gone wrong.
    RepeatLine(prop::sample::Index),
    DeleteLine(prop::sample::Index),
    SwapLines(prop::sample::Index, prop::sample::Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<prop::sample::Index>;
    prop_oneof![
        (at(), any::<u8>()).prop_map(|(i, v)| Mutation::Flip(i, v)),
        (
            at(),
            prop_oneof![
                prop::collection::vec(any::<u8>(), 1..8),
                prop::sample::select(vec![
                    b"(".to_vec(),
                    b")".to_vec(),
                    b"[".to_vec(),
                    b"]".to_vec(),
                    b"\"".to_vec(),
                    b",".to_vec(),
                    b"Some(".to_vec(),
                    b"None".to_vec(),
                    b"\\u{".to_vec(),
                    b"/*".to_vec(),
                    b"r#\"".to_vec(),
                    b"1e999".to_vec(),
                    b"-0".to_vec(),
                    "\u{feff}".as_bytes().to_vec(),
                    b"\xff\xfe".to_vec(),
                ]),
            ]
        )
            .prop_map(|(i, v)| Mutation::Insert(i, v)),
        (at(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (at(), 1usize..200).prop_map(|(i, n)| Mutation::Repeat(i, n)),
        (at(), at(), at(), 1usize..200).prop_map(|(e, f, t, n)| Mutation::Splice(e, f, t, n)),
        (at(), 1usize..200).prop_map(|(i, n)| Mutation::Move(i, n)),
        at().prop_map(Mutation::RepeatLine),
        at().prop_map(Mutation::DeleteLine),
        (at(), at()).prop_map(|(i, j)| Mutation::SwapLines(i, j)),
    ]
}

fn apply(b: &mut Vec<u8>, m: &Mutation) {
    let len = b.len();
    let idx = |i: &prop::sample::Index| if len == 0 { 0 } else { i.index(len + 1) };
    match m {
        Mutation::Flip(i, v) => {
            if len > 0 {
                let at = i.index(len);
                b[at] = *v;
            }
        }
        Mutation::Insert(i, v) => {
            let at = idx(i);
            b.splice(at..at, v.iter().copied());
        }
        Mutation::Delete(i, n) => {
            let at = idx(i);
            b.drain(at..(at + n).min(len));
        }
        Mutation::Repeat(i, n) => {
            let at = idx(i);
            let piece = b[at..(at + n).min(len)].to_vec();
            let end = (at + n).min(len);
            b.splice(end..end, piece);
        }
        Mutation::Splice(e, f, t, n) => {
            let ex = examples();
            let other = &ex[e.index(ex.len())];
            let from = f.index(other.len());
            let piece = &other[from..(from + n).min(other.len())];
            let at = idx(t);
            b.splice(at..at, piece.iter().copied());
        }
        Mutation::Move(i, n) => {
            let at = idx(i);
            let piece: Vec<u8> = b.drain(at..(at + n).min(len)).collect();
            b.extend(piece);
        }
        Mutation::RepeatLine(i) | Mutation::DeleteLine(i) | Mutation::SwapLines(i, _) => {
            let mut lines: Vec<Vec<u8>> = b.split(|c| *c == b'\n').map(<[u8]>::to_vec).collect();
            let at = i.index(lines.len());
            match m {
                Mutation::RepeatLine(_) => {
                    let line = lines[at].clone();
                    lines.insert(at, line);
                }
                Mutation::DeleteLine(_) => {
                    lines.remove(at);
                }
                Mutation::SwapLines(_, j) => {
                    let other = j.index(lines.len());
                    lines.swap(at, other);
                }
                _ => unreachable!(),
            }
            *b = lines.join(&b'\n');
        }
    }
}

#[test]
fn error_positions_stay_inside_the_file() {
    for ex in examples() {
        let lines = ex.split(|b| *b == b'\n').count() as u32;
        for n in (0..ex.len()).step_by(61) {
            if let Err(e) = cjm::format::load(&ex[..n]) {
                assert!(e.pos.line >= 1 && e.pos.line <= lines, "{e}");
                assert!(e.pos.col >= 1);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Example maps with a few random changes each: they get past the first
    /// byte and reach every part of the reader, unlike random bytes.
    #[test]
    fn mutated_maps(which in any::<prop::sample::Index>(), changes in prop::collection::vec(mutation(), 1..6)) {
        let ex = examples();
        let mut b = ex[which.index(ex.len())].clone();
        for m in &changes {
            apply(&mut b, m);
        }
        must_not_panic(&b);
    }

    #[test]
    fn arbitrary_bytes(b in prop::collection::vec(any::<u8>(), 0..300)) {
        must_not_panic(&b);
    }

    #[test]
    fn ron_looking_noise(s in "[A-Za-z(){}\\[\\]:,\"'#!/*0-9. \n_-]{0,200}") {
        must_not_panic(s.as_bytes());
    }
}
