//! The PDF and PNG exports, read back: pages, their size, the text in them (as
//! text, in the embedded font), the pixels of the PNGs, the slide deck, and the
//! palette's contrast with the accessibility elements of the SVG and HTML.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;

use cjm::export::binary::{self, Options};
use cjm::export::pages::Paper;
use cjm::export::raster::Logo;
use cjm::export::{self, Format, palette};
use cjm::model::{JourneyMap, Level, PainPoint};
use lopdf::{Document, Object, ObjectId};

fn espresso() -> JourneyMap {
    let bytes = std::fs::read(common::root().join("maps/espresso.ron")).unwrap();
    cjm::format::load(&bytes).unwrap().map
}

fn options() -> Options {
    Options {
        author: "Ana Lima".into(),
        date: "2026-12-03".into(),
        ..Options::default()
    }
}

fn pdf(map: &JourneyMap, o: &Options) -> Document {
    let bytes = binary::pdf(map, o).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    Document::load_mem(&bytes).unwrap()
}

/// Width and height of each page, in points.
fn sizes(doc: &Document) -> Vec<(f32, f32)> {
    doc.get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).unwrap();
            let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let n: Vec<f32> = mb.iter().map(|o| o.as_float().unwrap()).collect();
            (n[2] - n[0], n[3] - n[1])
        })
        .collect()
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a lopdf::Dictionary> {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok().or_else(|| {
            doc.get_object(*id)
                .ok()
                .and_then(|o| o.as_stream().ok())
                .map(|s| &s.dict)
        }),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

/// The text drawn on a page, through the form XObjects svg2pdf draws it in,
/// decoded by the fonts' Unicode maps as a reader's "copy text" does.
fn page_text(doc: &Document, page: ObjectId) -> String {
    let mut out = String::new();
    let page = doc.get_dictionary(page).unwrap();
    let res = page.get(b"Resources").ok().and_then(|r| dict(doc, r));
    if let Some(res) = res {
        xobjects_text(doc, res, &mut out, 0);
    }
    out
}

fn xobjects_text(doc: &Document, res: &lopdf::Dictionary, out: &mut String, depth: usize) {
    assert!(depth < 32);
    let Some(xs) = res.get(b"XObject").ok().and_then(|x| dict(doc, x)) else {
        return;
    };
    for (_, x) in xs.iter() {
        let Object::Reference(id) = x else { continue };
        let Ok(stream) = doc.get_object(*id).and_then(|o| o.as_stream()) else {
            continue;
        };
        if stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Form") {
            continue;
        }
        let Some(inner) = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| dict(doc, r))
        else {
            continue;
        };
        let fonts: Vec<(Vec<u8>, HashMap<u16, String>)> = inner
            .get(b"Font")
            .ok()
            .and_then(|f| dict(doc, f))
            .map(|f| {
                f.iter()
                    .map(|(name, font)| (name.clone(), to_unicode(doc, dict(doc, font).unwrap())))
                    .collect()
            })
            .unwrap_or_default();
        let content = lopdf::content::Content::decode(
            &stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone()),
        )
        .unwrap();
        let mut current = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    let name = op.operands[0].as_name().unwrap();
                    current = fonts.iter().find(|(n, _)| n == name).map(|(_, e)| e);
                }
                "Tj" | "TJ" => {
                    let cmap = current.expect("text is shown in a font");
                    for o in &op.operands {
                        let parts = match o {
                            Object::Array(a) => a.clone(),
                            o => vec![o.clone()],
                        };
                        for p in parts {
                            if let Object::String(bytes, _) = p {
                                for cid in bytes.chunks(2) {
                                    let cid = u16::from_be_bytes([cid[0], cid[1]]);
                                    out.push_str(
                                        cmap.get(&cid).map(String::as_str).unwrap_or("\u{fffd}"),
                                    );
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        xobjects_text(doc, inner, out, depth + 1);
    }
}

fn all_text(doc: &Document) -> String {
    doc.get_pages()
        .values()
        .map(|&p| page_text(doc, p))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A Type0 font's ToUnicode map (the `bfchar` and `bfrange` entries): glyph id
/// to text. The text is only readable if the PDF carries this map.
fn to_unicode(doc: &Document, font: &lopdf::Dictionary) -> HashMap<u16, String> {
    let id = font.get(b"ToUnicode").unwrap().as_reference().unwrap();
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    let data = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let text = String::from_utf8_lossy(&data).into_owned();
    let hex = |h: &str| -> Vec<u8> {
        (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
            .collect()
    };
    let utf16 = |b: Vec<u8>| {
        let units: Vec<u16> = b
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut map = HashMap::new();
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '[' || c == ']')
        .filter(|t| !t.is_empty())
        .collect();
    let mut i = 0;
    let mut mode = "";
    while i < tokens.len() {
        match tokens[i] {
            "beginbfchar" | "beginbfrange" => mode = tokens[i],
            "endbfchar" | "endbfrange" => mode = "",
            _ if mode == "beginbfchar" => {
                let cid = u16::from_be_bytes(hex(tokens[i]).try_into().unwrap());
                map.insert(cid, utf16(hex(tokens[i + 1])));
                i += 1;
            }
            _ if mode == "beginbfrange" => {
                let lo = u16::from_be_bytes(hex(tokens[i]).try_into().unwrap());
                let hi = u16::from_be_bytes(hex(tokens[i + 1]).try_into().unwrap());
                let first = hex(tokens[i + 2]);
                let base = u16::from_be_bytes([first[first.len() - 2], first[first.len() - 1]]);
                for (k, cid) in (lo..=hi).enumerate() {
                    let mut b = first.clone();
                    let v = base + k as u16;
                    let n = b.len();
                    b[n - 2..].copy_from_slice(&v.to_be_bytes());
                    map.insert(cid, utf16(b));
                }
                i += 2;
            }
            _ => {}
        }
        i += 1;
    }
    map
}

/// The names of the fonts embedded (with their glyphs, `FontFile2`) anywhere.
fn embedded_fonts(doc: &Document) -> Vec<String> {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor"))
        .filter(|d| d.has(b"FontFile2"))
        .map(|d| {
            String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap()).into_owned()
        })
        .collect()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn pdf_has_a_title_page_then_the_map_on_a3_landscape_with_text_in_the_embedded_font() {
    let map = espresso();
    let doc = pdf(&map, &options());
    let pages = doc.get_pages();
    // Title page, then the five stages side by side over two pages.
    assert_eq!(pages.len(), 3);
    for (w, h) in sizes(&doc) {
        assert!(
            (w - 1190.55).abs() < 0.1 && (h - 841.89).abs() < 0.1,
            "{w} × {h}"
        );
    }
    let title = squash(&page_text(&doc, pages[&1]));
    for t in [
        "Buying a first espresso machine",
        "Maya Ortiz",
        "Prepared by Ana Lima",
        "2026-12-03",
    ] {
        assert!(title.contains(t), "title page lacks {t:?}: {title}");
    }
    let text = squash(&all_text(&doc));
    for s in &map.stages {
        assert!(text.contains(&s.name), "{}", s.name);
        for p in &s.pain_points {
            // Wrapped over lines, so compared word by word.
            for w in p.text.split_whitespace() {
                assert!(text.contains(w), "{w}");
            }
        }
    }
    let fonts = embedded_fonts(&doc);
    assert!(
        fonts.iter().any(|f| f.ends_with("+DejaVuSans")),
        "{fonts:?}"
    );
    assert!(
        fonts.iter().any(|f| f.ends_with("+DejaVuSans-Bold")),
        "{fonts:?}"
    );
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .unwrap();
    let info = doc.get_dictionary(info).unwrap();
    assert_eq!(info.get(b"Author").unwrap().as_str().unwrap(), b"Ana Lima");
}

#[test]
fn paper_sizes_are_landscape_and_smaller_paper_takes_more_pages() {
    let map = espresso();
    let mut counts = Vec::new();
    for (paper, (w, h)) in [
        (Paper::A4, (841.89, 595.28)),
        (Paper::A3, (1190.55, 841.89)),
        (Paper::Letter, (792.0, 612.0)),
    ] {
        let doc = pdf(&map, &Options { paper, ..options() });
        for (pw, ph) in sizes(&doc) {
            assert!((pw - w).abs() < 0.1 && (ph - h).abs() < 0.1, "{paper:?}");
        }
        counts.push(doc.get_pages().len());
    }
    assert!(counts[0] > counts[1], "{counts:?}");
}

/// A lane longer than a page goes on overleaf between two cards; a card taller
/// than a whole page is drawn smaller on its own page. Nothing is lost.
#[test]
fn long_lanes_and_a_huge_card_are_paged_without_losing_text() {
    let mut map = espresso();
    let long = "The checkout asks for the delivery address twice and then forgets it when the card is declined ".repeat(3);
    for (i, s) in map.stages.iter_mut().enumerate() {
        for k in 0..25 {
            s.pain_points.push(PainPoint {
                personas: Vec::new(),
                text: format!("Marker{i}x{k} {long}"),
                severity: Level::High,
                votes: 0,
                evidence: Vec::new(),
            });
        }
    }
    let huge = format!("Hugecard {}", "word ".repeat(6000));
    if let Some(s) = map.stages.first_mut() {
        s.thoughts.push(huge);
    }
    let doc = pdf(&map, &options());
    assert!(doc.get_pages().len() > 6, "{}", doc.get_pages().len());
    let text = all_text(&doc);
    for i in 0..map.stages.len() {
        for k in 0..25 {
            assert!(text.contains(&format!("Marker{i}x{k}")), "Marker{i}x{k}");
        }
    }
    assert!(text.contains("Hugecard"));
    assert!(text.contains("(continued)"));
}

#[test]
fn slide_deck_has_an_overview_and_one_slide_per_stage() {
    let map = espresso();
    let o = Options {
        slides: true,
        ..options()
    };
    let doc = pdf(&map, &o);
    let pages = doc.get_pages();
    assert_eq!(pages.len(), map.stages.len() + 1);
    for (w, h) in sizes(&doc) {
        assert_eq!((w, h), (960.0, 540.0));
    }
    for (i, s) in map.stages.iter().enumerate() {
        let t = squash(&page_text(&doc, pages[&(i as u32 + 2)]));
        assert!(t.contains(&format!("{}. {}", i + 1, s.name)), "{t}");
        assert!(t.contains("this stage"), "{t}");
    }
    let pngs = binary::png(&map, &o).unwrap();
    assert_eq!(pngs.len(), map.stages.len() + 1);
    let (w, h, _) = decode(&pngs[0]);
    assert_eq!((w, h), (1920, 1080));
}

/// Width, height and the share of pixels that are not white.
fn decode(bytes: &[u8]) -> (u32, u32, f64) {
    let mut dec = png::Decoder::new(bytes);
    dec.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = dec.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let pixels = &buf[..info.buffer_size()];
    let inked = pixels
        .chunks(px)
        .filter(|p| p.iter().take(3).any(|&c| c < 200))
        .count();
    (
        info.width,
        info.height,
        inked as f64 / (pixels.len() / px) as f64,
    )
}

#[test]
fn png_is_the_poster_at_twice_its_size_and_not_blank() {
    let map = espresso();
    let svg = export::svg::export(&map);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    let w: f64 = root.attribute("width").unwrap().parse().unwrap();
    let h: f64 = root.attribute("height").unwrap().parse().unwrap();
    let pngs = binary::png(&map, &options()).unwrap();
    assert_eq!(pngs.len(), 1);
    let (pw, ph, inked) = decode(&pngs[0]);
    assert_eq!((pw, ph), ((w * 2.0).ceil() as u32, (h * 2.0).ceil() as u32));
    // Text, lines, the header band: a real drawing, not an empty page.
    assert!(inked > 0.05 && inked < 0.9, "{inked}");
}

#[test]
fn a_logo_is_drawn_on_the_title_page_only() {
    let map = espresso();
    let logo = Logo::Svg(
        br##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="#0072b2"/></svg>"##.to_vec(),
    );
    let o = Options {
        logo: Some(logo),
        ..options()
    };
    let doc = pdf(&map, &o);
    let pages = doc.get_pages();
    let count = |p: ObjectId| {
        let page = doc.get_dictionary(p).unwrap();
        let res = dict(&doc, page.get(b"Resources").unwrap()).unwrap();
        dict(&doc, res.get(b"XObject").unwrap()).unwrap().len()
    };
    assert_eq!(count(pages[&1]), 2);
    assert_eq!(count(pages[&2]), 1);
    // A PNG logo too: a 2 × 1 image with its alpha as a soft mask.
    let mut png_logo = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png_logo, 2, 1);
        enc.set_color(png::ColorType::Rgba);
        let mut w = enc.write_header().unwrap();
        w.write_image_data(&[0, 114, 178, 255, 213, 94, 0, 128])
            .unwrap();
    }
    let doc = pdf(
        &map,
        &Options {
            logo: Some(Logo::Png(png_logo)),
            ..options()
        },
    );
    let images = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image"))
        .count();
    assert_eq!(images, 2, "the image and its mask");
    // Not a PNG: a clear error, no panic.
    let bad = binary::pdf(
        &map,
        &Options {
            logo: Some(Logo::Png(b"GIF89a".to_vec())),
            ..options()
        },
    );
    assert!(bad.unwrap_err().contains("logo"));
}

#[test]
fn hostile_and_generated_maps_make_pdfs_and_pngs() {
    let mut maps = vec![common::hostile(), JourneyMap::default()];
    maps.extend(common::sample(4));
    for map in &maps {
        let doc = pdf(map, &options());
        assert!(doc.get_pages().len() >= 2);
        let deck = pdf(
            map,
            &Options {
                slides: true,
                ..options()
            },
        );
        assert_eq!(deck.get_pages().len(), map.stages.len() + 1);
        assert!(!binary::png(map, &options()).unwrap().is_empty());
    }
}

/// Any Unicode the map may hold (combining marks, right-to-left text, emoji,
/// characters the bundled font lacks): the PDF and PNG are made, no panic.
#[test]
fn any_unicode_text_makes_a_pdf_and_a_png() {
    use proptest::strategy::{Strategy, ValueTree};
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = common::unicode_map();
    for _ in 0..16 {
        let map = strategy.new_tree(&mut runner).unwrap().current();
        let doc = pdf(&map, &options());
        assert!(doc.get_pages().len() >= 2);
        let deck = binary::png(
            &map,
            &Options {
                slides: true,
                ..options()
            },
        )
        .unwrap();
        assert_eq!(deck.len(), map.stages.len() + 1);
    }
}

// ------------------------------------------------------------- the command

fn cjm() -> std::process::Command {
    let mut c = common::cjm();
    c.env("SOURCE_DATE_EPOCH", "1796256000");
    c
}

fn maps_espresso() -> PathBuf {
    common::root().join("maps/espresso.ron")
}

#[test]
fn export_writes_pdf_and_png_slides_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    std::fs::write(config.join("settings.ron"), "(author: \"Studio North\")").unwrap();
    let out = dir.path().join("map.pdf");
    let run = |args: &[&str]| {
        cjm()
            .env("CJM_CONFIG_DIR", &config)
            .arg("export")
            .arg(maps_espresso())
            .args(args)
            .output()
            .unwrap()
    };
    let r = run(&[
        "--format",
        "pdf",
        "--page",
        "a4",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let doc = Document::load(&out).unwrap();
    let text = squash(&page_text(&doc, doc.get_pages()[&1]));
    assert!(text.contains("Prepared by Studio North"), "{text}");
    assert!(text.contains("2026-12-03"), "{text}");
    assert!((sizes(&doc)[0].0 - 841.89).abs() < 0.1);
    // --author wins over the settings.
    let r = run(&[
        "--format",
        "pdf",
        "--author",
        "Ana",
        "--force",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(0));
    let doc = Document::load(&out).unwrap();
    assert!(squash(&page_text(&doc, doc.get_pages()[&1])).contains("Prepared by Ana"));
    // Never over an existing file without --force.
    let before = std::fs::read(&out).unwrap();
    let r = run(&["--format", "pdf", "-o", out.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(std::fs::read(&out).unwrap(), before);

    let deck = dir.path().join("deck.png");
    let r = run(&["--format", "png", "--slides", "-o", deck.to_str().unwrap()]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let names: Vec<PathBuf> = (1..=6)
        .map(|i| dir.path().join(format!("deck-{i:02}.png")))
        .collect();
    for n in &names {
        let (w, h, inked) = decode(&std::fs::read(n).unwrap());
        assert_eq!((w, h), (1920, 1080));
        assert!(inked > 0.01, "{}", n.display());
    }
    assert!(!dir.path().join("deck-07.png").exists());
    // One slide already there: nothing is written.
    std::fs::remove_file(&names[0]).unwrap();
    let r = run(&["--format", "png", "--slides", "-o", deck.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(2));
    assert!(!names[0].exists());
    // Slides need a name to number.
    let r = run(&["--format", "png", "--slides"]);
    assert_ne!(r.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&r.stderr).contains("-o NAME.png"));
    // PDF options on a text format are refused.
    let r = run(&["--format", "svg", "--slides"]);
    assert_eq!(r.status.code(), Some(2));
    // A PNG on stdout (a pipe) is the poster.
    let r = run(&["--format", "png"]);
    assert_eq!(r.status.code(), Some(0));
    assert!(r.stdout.starts_with(b"\x89PNG"));
}

/// A logo the settings name but that is missing is a warning and the PDF is
/// still made; one that is not the PNG it claims to be is an error and nothing
/// is written.
#[test]
fn a_missing_logo_is_a_warning_and_a_broken_one_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let out = dir.path().join("map.pdf");
    let run = |settings: &str| {
        std::fs::write(config.join("settings.ron"), settings).unwrap();
        cjm()
            .env("CJM_CONFIG_DIR", &config)
            .arg("export")
            .arg(maps_espresso())
            .args(["--format", "pdf", "--force", "-o"])
            .arg(&out)
            .output()
            .unwrap()
    };
    let r = run("(logo: \"missing.png\")");
    assert_eq!(r.status.code(), Some(0));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("missing.png") && err.contains("has none"),
        "{err}"
    );
    assert!(out.exists());
    std::fs::remove_file(&out).unwrap();

    std::fs::write(config.join("bad.png"), b"not a png at all").unwrap();
    let r = run("(logo: \"bad.png\")");
    assert_ne!(r.status.code(), Some(0));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("logo") && err.contains("PNG"), "{err}");
    assert!(!out.exists());

    let logo = br##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#009e73"/></svg>"##;
    std::fs::write(config.join("logo.svg"), logo).unwrap();
    let r = run("(logo: \"logo.svg\", author: \"Studio North\")");
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(
        r.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
}

// ------------------------------------------------------------- accessibility

#[test]
fn palette_meets_wcag_contrast() {
    for (fg, bgs) in palette::TEXT {
        for bg in *bgs {
            let r = palette::contrast(fg, bg).unwrap();
            assert!(r >= 4.5, "text {fg} on {bg}: {r:.2}:1");
        }
    }
    for (fg, bgs) in palette::MARKS {
        for bg in *bgs {
            let r = palette::contrast(fg, bg).unwrap();
            assert!(r >= 3.0, "mark {fg} on {bg}: {r:.2}:1");
        }
    }
    // Every score band has its own marker shape, not only its own colour.
    let mut shapes = palette::MARKERS.to_vec();
    shapes.dedup();
    assert_eq!(shapes.len(), 5);
}

/// Every `#rrggbb` in a text.
fn colours(s: &str) -> Vec<String> {
    let b = s.as_bytes();
    (0..b.len())
        .filter(|&i| {
            b[i] == b'#'
                && i + 7 <= b.len()
                && b[i + 1..i + 7].iter().all(u8::is_ascii_hexdigit)
                && b.get(i + 7).is_none_or(|c| !c.is_ascii_hexdigit())
        })
        .map(|i| s[i..i + 7].to_lowercase())
        .collect()
}

#[test]
fn html_and_svg_draw_only_with_the_palette_and_carry_their_accessibility_elements() {
    let map = espresso();
    let all = palette::all();
    for format in [Format::Html, Format::Svg] {
        let out = String::from_utf8(export::export(&map, format)).unwrap();
        for c in colours(&out) {
            assert!(
                all.contains(&c.as_str()),
                "{format:?} draws with {c}, not in the palette"
            );
        }
    }
    let svg = export::svg::export(&map);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let kids: Vec<_> = doc
        .root_element()
        .children()
        .filter(|n| n.is_element())
        .collect();
    assert_eq!(kids[0].tag_name().name(), "title");
    assert_eq!(kids[0].text(), Some("Buying a first espresso machine"));
    assert_eq!(kids[1].tag_name().name(), "desc");
    let desc = kids[1].text().unwrap();
    assert!(
        desc.contains("Maya Ortiz") && desc.contains("Consideration 2.0"),
        "{desc}"
    );
    assert_eq!(doc.root_element().attribute("role"), Some("img"));

    let html = export::html::export(&map);
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(&html, opts).unwrap();
    assert_eq!(doc.root_element().attribute("lang"), Some("en"));
    let ths: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("th")).collect();
    assert!(!ths.is_empty());
    for th in &ths {
        assert!(
            matches!(th.attribute("scope"), Some("col" | "row")),
            "{th:?}"
        );
    }
    // The curve has a text alternative with every stage's value, and the
    // values are also in a row of text with a shape per band.
    let curve = doc.descendants().find(|n| n.has_tag_name("svg")).unwrap();
    assert_eq!(curve.attribute("role"), Some("img"));
    assert!(
        curve
            .attribute("aria-label")
            .unwrap()
            .contains("Advocacy 4.5")
    );
    assert!(html.contains("Mean emotion"));
    assert!(
        html.contains("▲</span> 4.5 very positive"),
        "shape and words beside the colour"
    );
    // Decorative: the persona's initial.
    assert!(html.contains("class=\"avatar\" aria-hidden=\"true\""));
}

#[test]
fn a_map_with_evidence_ends_with_an_evidence_page_and_slide() {
    let bytes = std::fs::read(common::root().join("maps/saas-trial.ron")).unwrap();
    let map = cjm::format::load(&bytes).unwrap().map;
    for slides in [false, true] {
        let o = Options {
            slides,
            ..options()
        };
        let doc = pdf(&map, &o);
        let pages = doc.get_pages();
        let last = squash(&page_text(&doc, pages[&(pages.len() as u32)]));
        assert!(last.contains("Evidence"), "{last}");
        for e in &map.evidence {
            assert!(last.contains(&format!("[{}]", e.id)), "{} in {last}", e.id);
        }
        assert!(squash(&all_text(&doc)).contains("research [int-03]"));
    }
    let deck = pdf(
        &espresso(),
        &Options {
            slides: true,
            ..options()
        },
    );
    assert_eq!(deck.get_pages().len(), espresso().stages.len() + 1);
}
