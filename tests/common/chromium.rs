//! Headless Chromium for the tests that render HTML and SVG to pictures: the
//! install (once per run, through `tools::ensure`), the flags this machine needs
//! (no sandbox as root, no background networking on a closed network), and
//! counting pixels in a screenshot.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Debian's Chromium, installed by `.ci/setup-chromium.sh` the first time a test
/// asks.
pub fn chromium() -> PathBuf {
    let bin = PathBuf::from("/usr/bin/chromium");
    super::tools::ensure(&super::root().join(".ci/setup-chromium.sh"), || {
        bin.exists()
    });
    bin
}

/// Chromium headless with a fresh profile in `profile`.
pub fn headless(profile: &Path) -> Command {
    let mut c = Command::new(chromium());
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// Renders `page` to `png` at `size` ("1600,1000") and returns the share of
/// pixels that are not near-white, and for each of `colours` how many pixels are
/// within `tolerance` of it in every channel.
pub fn pixels(
    page: &Path,
    png: &Path,
    size: &str,
    colours: &[[u8; 3]],
    tolerance: u8,
) -> (f64, Vec<usize>) {
    let profile = tempfile::tempdir().unwrap();
    let _ = std::fs::remove_file(png);
    let out = headless(profile.path())
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("--window-size={size}"))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        png.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px: Vec<&[u8]> = buf[..info.buffer_size()]
        .chunks(info.color_type.samples())
        .collect();
    let inked = px
        .iter()
        .filter(|p| p[..3].iter().any(|&c| c < 235))
        .count();
    let counts = colours
        .iter()
        .map(|c| {
            px.iter()
                .filter(|p| (0..3).all(|i| p[i].abs_diff(c[i]) < tolerance))
                .count()
        })
        .collect();
    (inked as f64 / px.len() as f64, counts)
}
