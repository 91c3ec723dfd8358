//! SVG to pixels and to parsed trees, with cjm's bundled font: DejaVu Sans
//! (regular and bold, Bitstream Vera licence, `assets/fonts/LICENSE`). No system
//! font is ever loaded and no file is ever read while drawing, so the same map
//! gives the same pages on every machine.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

/// The bundled font files.
const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
/// The bundled font's family name, which every generic family resolves to.
pub const FAMILY: &str = "DejaVu Sans";

/// The most pixels one PNG may have (about 2 × A0 at 150 dpi): a huge map is
/// drawn at a smaller scale rather than asking for gigabytes.
const MAX_PIXELS: f64 = 64_000_000.0;

/// A logo and the box it goes in (points from the top left).
pub type Placed<'a> = (&'a Logo, (f64, f64, f64, f64));

/// A logo for a title page, as the settings name it: its bytes and kind.
#[derive(Debug, Clone)]
pub enum Logo {
    Svg(Vec<u8>),
    Png(Vec<u8>),
}

fn fonts() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        db.set_monospace_family(FAMILY);
        db.set_cursive_family(FAMILY);
        db.set_fantasy_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Parsing options: the bundled fonts, and no `href` to a file or the network
/// followed (a logo's SVG may embed data URLs only).
fn options() -> usvg::Options<'static> {
    usvg::Options {
        fontdb: fonts(),
        font_family: FAMILY.to_string(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

/// An SVG parsed and laid out with the bundled fonts.
pub fn tree(svg: &[u8]) -> Result<usvg::Tree, String> {
    usvg::Tree::from_data(svg, &options()).map_err(|e| format!("cannot read the SVG: {e}"))
}

/// A PNG of `svg` at `scale` pixels per SVG unit (less for a drawing so large
/// that it would pass [`MAX_PIXELS`]), on white.
pub fn png(svg: &str, scale: f64, logo: Option<Placed<'_>>) -> Result<Vec<u8>, String> {
    let tree = tree(svg.as_bytes())?;
    let size = tree.size();
    let (w, h) = (f64::from(size.width()), f64::from(size.height()));
    let most = (MAX_PIXELS / (w * h).max(1.0)).sqrt();
    let scale = scale.min(most);
    let (pw, ph) = ((w * scale).ceil() as u32, (h * scale).ceil() as u32);
    let mut pixmap = tiny_skia::Pixmap::new(pw.max(1), ph.max(1))
        .ok_or_else(|| format!("a {pw} × {ph} pixel image is too large to draw"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let t = tiny_skia::Transform::from_scale(scale as f32, scale as f32);
    resvg::render(&tree, t, &mut pixmap.as_mut());
    if let Some((logo, (x, y, bw, bh))) = logo {
        draw_logo(
            &mut pixmap,
            logo,
            (x * scale, y * scale, bw * scale, bh * scale),
        )?;
    }
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot write the PNG: {e}"))
}

/// The transform that fits a `w` × `h` drawing into the box, keeping its
/// proportions, against the box's top right.
pub fn fit(w: f64, h: f64, (bx, by, bw, bh): (f64, f64, f64, f64)) -> (f64, f64, f64) {
    let s = (bw / w.max(1e-6)).min(bh / h.max(1e-6));
    (bx + bw - w * s, by, s)
}

fn draw_logo(
    pixmap: &mut tiny_skia::Pixmap,
    logo: &Logo,
    area: (f64, f64, f64, f64),
) -> Result<(), String> {
    match logo {
        Logo::Svg(bytes) => {
            let t = tree(bytes).map_err(|e| format!("the logo: {e}"))?;
            let (w, h) = (f64::from(t.size().width()), f64::from(t.size().height()));
            let (x, y, s) = fit(w, h, area);
            let tr =
                tiny_skia::Transform::from_row(s as f32, 0.0, 0.0, s as f32, x as f32, y as f32);
            resvg::render(&t, tr, &mut pixmap.as_mut());
        }
        Logo::Png(bytes) => {
            let img = tiny_skia::Pixmap::decode_png(bytes)
                .map_err(|e| format!("the logo is not a PNG cjm can read: {e}"))?;
            let (x, y, s) = fit(f64::from(img.width()), f64::from(img.height()), area);
            let paint = tiny_skia::PixmapPaint {
                quality: tiny_skia::FilterQuality::Bicubic,
                ..tiny_skia::PixmapPaint::default()
            };
            let tr =
                tiny_skia::Transform::from_row(s as f32, 0.0, 0.0, s as f32, x as f32, y as f32);
            pixmap.draw_pixmap(0, 0, img.as_ref(), &paint, tr, None);
        }
    }
    Ok(())
}

/// A PNG logo's pixels, straight (not premultiplied) RGB and alpha, for the PDF.
pub fn logo_pixels(bytes: &[u8]) -> Result<(u32, u32, Vec<u8>, Vec<u8>), String> {
    let img = tiny_skia::Pixmap::decode_png(bytes)
        .map_err(|e| format!("the logo is not a PNG cjm can read: {e}"))?;
    let mut rgb = Vec::with_capacity(img.pixels().len() * 3);
    let mut alpha = Vec::with_capacity(img.pixels().len());
    for p in img.pixels() {
        let c = p.demultiply();
        rgb.extend_from_slice(&[c.red(), c.green(), c.blue()]);
        alpha.push(c.alpha());
    }
    Ok((img.width(), img.height(), rgb, alpha))
}
