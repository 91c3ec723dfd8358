//! The exports that are bytes, not text: PDF (the map on pages, or a slide
//! deck) and PNG (the poster, or one image per slide). Both are drawn from the
//! SVG pieces, with the bundled font, in-process: no browser, no network.

use super::pages::{self, Cover, Paper};
use super::raster::{self, Logo};
use super::{pdf, svg};
use crate::model::JourneyMap;

/// Everything a PDF or PNG needs beyond the map.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub paper: Paper,
    /// A deck: an overview, then a page per stage.
    pub slides: bool,
    pub author: String,
    /// The date on the title page, as it should be printed.
    pub date: String,
    pub logo: Option<Logo>,
}

/// Pixels per point of a PNG: twice the size, sharp on a high-density screen
/// (a slide is 1920 × 1080).
const PNG_SCALE: f64 = 2.0;

fn cover(o: &Options) -> Cover {
    Cover {
        author: o.author.clone(),
        date: o.date.clone(),
        logo: o.logo.is_some(),
    }
}

/// The pages a PDF of `map` holds.
pub fn pages(map: &JourneyMap, o: &Options) -> Vec<pages::Page> {
    if o.slides {
        pages::slides(map, &cover(o))
    } else {
        pages::document(map, o.paper, &cover(o))
    }
}

/// The map as a PDF: a title page and the map on `paper`, or a deck.
pub fn pdf(map: &JourneyMap, o: &Options) -> Result<Vec<u8>, String> {
    pdf::write(&pages(map, o), &map.title, &o.author, o.logo.as_ref())
}

/// The map as PNG images: the poster as one image, or one per slide.
pub fn png(map: &JourneyMap, o: &Options) -> Result<Vec<Vec<u8>>, String> {
    if o.slides {
        pages(map, o)
            .iter()
            .map(|p| {
                let logo = o.logo.as_ref().zip(p.logo);
                raster::png(&p.svg, PNG_SCALE, logo)
            })
            .collect()
    } else {
        Ok(vec![raster::png(&svg::export(map), PNG_SCALE, None)?])
    }
}
