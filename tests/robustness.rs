//! No panic on any input: truncated prefixes and byte-flipped variants of the
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

fn must_not_panic(bytes: &[u8]) {
    if let Ok(loaded) = cjm::format::load(bytes) {
        // Whatever loaded writes back to something that loads to the same map.
        let text = cjm::format::write(&loaded.map);
        assert_eq!(cjm::format::load_str(&text).unwrap().map, loaded.map);
    }
    let _ = cjm::format::parse_bytes(bytes).map(|p| cjm::format::diagnostics(&p.map));
}

#[test]
fn every_truncated_prefix() {
    // Every prefix of the golden map; for the larger example maps, every 97th
    // (a full sweep is quadratic and adds minutes to the suite in debug builds).
    for (i, ex) in examples().iter().enumerate() {
        let step = if i == 0 { 1 } else { 97 };
        for n in (0..ex.len()).step_by(step) {
            must_not_panic(&ex[..n]);
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

    #[test]
    fn byte_flips(which in 0usize..64, flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)) {
        let ex = examples();
        let mut b = ex[which % ex.len()].clone();
        for (i, v) in flips {
            let at = i.index(b.len());
            b[at] = v;
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
