//! Pages (`pages`) into one PDF: each page's SVG becomes a form XObject by
//! svg2pdf, text kept as text in the bundled font (subset and embedded, with a
//! Unicode map, so the text can be searched and copied), and pdf-writer puts one
//! on each page, with the logo on the title page.

use std::collections::HashMap;

use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, TextStr};

use super::pages::Page;
use super::raster::{self, Logo};

/// The PDF of `pages`, titled `title`, by `author`.
pub fn write(
    pages: &[Page],
    title: &str,
    author: &str,
    logo: Option<&Logo>,
) -> Result<Vec<u8>, String> {
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree_id = alloc.bump();
    let info = alloc.bump();
    let mut pdf = Pdf::new();
    let mut kids = Vec::with_capacity(pages.len());
    let options = svg2pdf::ConversionOptions::default();
    for page in pages {
        let tree = raster::tree(page.svg.as_bytes())?;
        let (chunk, root) =
            svg2pdf::to_chunk(&tree, options).map_err(|e| format!("cannot make the PDF: {e}"))?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let svg_id = *map
            .get(&root)
            .ok_or("cannot make the PDF: a page has no drawing")?;
        pdf.extend(&chunk);

        let page_id = alloc.bump();
        let content_id = alloc.bump();
        kids.push(page_id);
        let (w, h) = (page.width as f32, page.height as f32);
        let mut content = Content::new();
        content
            .save_state()
            .transform([w, 0.0, 0.0, h, 0.0, 0.0])
            .x_object(Name(b"P"))
            .restore_state();
        let mut logo_id = None;
        if let (Some(logo), Some(area)) = (logo, page.logo) {
            logo_id = Some(place_logo(
                &mut pdf,
                &mut alloc,
                &mut content,
                logo,
                area,
                page.height,
            )?);
        }
        pdf.stream(content_id, &content.finish());
        let mut p = pdf.page(page_id);
        p.media_box(Rect::new(0.0, 0.0, w, h));
        p.parent(tree_id);
        p.contents(content_id);
        let mut res = p.resources();
        let mut xo = res.x_objects();
        xo.pair(Name(b"P"), svg_id);
        if let Some(id) = logo_id {
            xo.pair(Name(b"L"), id);
        }
        xo.finish();
        res.finish();
        p.finish();
    }
    pdf.catalog(catalog).pages(tree_id);
    pdf.pages(tree_id)
        .kids(kids.iter().copied())
        .count(kids.len() as i32);
    let mut i = pdf.document_info(info);
    i.title(TextStr(title)).producer(TextStr("cjm"));
    if !author.is_empty() {
        i.author(TextStr(author));
    }
    i.finish();
    Ok(pdf.finish())
}

/// Draws the logo into `area` (points from the top left of a page `page_h`
/// high) and returns its XObject.
fn place_logo(
    pdf: &mut Pdf,
    alloc: &mut Ref,
    content: &mut Content,
    logo: &Logo,
    area: (f64, f64, f64, f64),
    page_h: f64,
) -> Result<Ref, String> {
    let (id, w, h) = match logo {
        Logo::Svg(bytes) => {
            let t = raster::tree(bytes).map_err(|e| format!("the logo: {e}"))?;
            let (w, h) = (f64::from(t.size().width()), f64::from(t.size().height()));
            let (chunk, root) = svg2pdf::to_chunk(&t, svg2pdf::ConversionOptions::default())
                .map_err(|e| format!("the logo: {e}"))?;
            let mut map = HashMap::new();
            let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
            pdf.extend(&chunk);
            (*map.get(&root).ok_or("the logo has no drawing")?, w, h)
        }
        Logo::Png(bytes) => {
            let (w, h, rgb, alpha) = raster::logo_pixels(bytes)?;
            let id = alloc.bump();
            let mask = alloc.bump();
            let rgb = miniz_oxide::deflate::compress_to_vec_zlib(&rgb, 6);
            let alpha = miniz_oxide::deflate::compress_to_vec_zlib(&alpha, 6);
            let (wi, hi) = (w as i32, h as i32);
            let mut img = pdf.image_xobject(id, &rgb);
            img.filter(Filter::FlateDecode);
            img.width(wi).height(hi).bits_per_component(8).s_mask(mask);
            img.color_space().device_rgb();
            img.finish();
            let mut m = pdf.image_xobject(mask, &alpha);
            m.filter(Filter::FlateDecode);
            m.width(wi).height(hi).bits_per_component(8);
            m.color_space().device_gray();
            m.finish();
            (id, f64::from(w), f64::from(h))
        }
    };
    let (x, y, s) = raster::fit(w, h, area);
    // PDF's origin is the bottom left; the box is measured from the top.
    let bottom = page_h - y - h * s;
    content
        .save_state()
        .transform([
            (w * s) as f32,
            0.0,
            0.0,
            (h * s) as f32,
            x as f32,
            bottom as f32,
        ])
        .x_object(Name(b"L"))
        .restore_state();
    Ok(id)
}
