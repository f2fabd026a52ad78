//! # journey-render
//!
//! Turns the SVG that `journey_core::svg` draws into PNG (through `resvg`) and PDF
//! (through `svg2pdf`, which keeps text as text, so it can be selected and searched).
//! The fonts are DejaVu Sans and DejaVu Sans Bold, bundled in the binary (see
//! `fonts/LICENSE`): no system font is looked up, so the output is the same on every
//! machine. Pure: bytes in, bytes out.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

/// Why an SVG could not be made into a PNG or a PDF.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the drawing could not be read: {0}")]
    Svg(String),
    #[error("the picture would be {0}×{1} pixels, more than {MAX_PIXELS} in all")]
    TooBig(u32, u32),
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
}

/// The most pixels a PNG may have (about 16,000 × 16,000 at 4 bytes each is a gigabyte).
pub const MAX_PIXELS: u64 = 120_000_000;

static FONT_REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static FONT_BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// The bundled fonts, loaded once.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT_REGULAR.to_vec());
        db.load_font_data(FONT_BOLD.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

fn tree(svg: &str) -> Result<usvg::Tree, RenderError> {
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: "DejaVu Sans".into(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| RenderError::Svg(e.to_string()))
}

/// The largest scale up to `wanted` at which the SVG's PNG stays within [`MAX_PIXELS`]: a
/// big map comes out smaller rather than not at all.
pub fn fitting_scale(svg: &str, wanted: f32) -> Result<f32, RenderError> {
    let size = tree(svg)?.size();
    let area = f64::from(size.width()) * f64::from(size.height());
    let most = (MAX_PIXELS as f64 / area.max(1.0)).sqrt() * 0.999;
    Ok(wanted.min(most as f32))
}

/// The SVG as a PNG, `scale` pixels per SVG unit (2 for a sharp slide).
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, RenderError> {
    let tree = tree(svg)?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(RenderError::TooBig(w, h));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w.max(1), h.max(1)).ok_or(RenderError::TooBig(w, h))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Svg(e.to_string()))
}

/// The SVG as a one-page PDF the size of the drawing, its text real text.
pub fn pdf(svg: &str) -> Result<Vec<u8>, RenderError> {
    let tree = tree(svg)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| RenderError::Pdf(e.to_string()))
}

/// Several SVG pages bound into one PDF, each page the size of its drawing (1 SVG unit
/// is 1 pt), in order, with `title` as the document's title. svg2pdf turns each page into
/// a self-contained form XObject (its fonts subset and embedded with it); pdf-writer
/// places each on a page of its own. No creation date or random id is written; svg2pdf
/// lists each page's fonts in hash-map order, so two runs may order those entries
/// differently while the pages are the same.
pub fn pdf_pages(pages: &[String], title: &str) -> Result<Vec<u8>, RenderError> {
    use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};

    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree_id = alloc.bump();
    let info = alloc.bump();
    let mut pdf = Pdf::new();
    let mut page_ids = Vec::with_capacity(pages.len());
    let mut chunks = Vec::with_capacity(pages.len());
    for svg in pages {
        let tree = tree(svg)?;
        let size = tree.size();
        let (chunk, xobject) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| RenderError::Pdf(e.to_string()))?;
        // Renumber the page's objects after the ones already allocated.
        let mut renumbered = std::collections::HashMap::new();
        let chunk = chunk.renumber(|old| *renumbered.entry(old).or_insert_with(|| alloc.bump()));
        let xobject = renumbered
            .get(&xobject)
            .copied()
            .ok_or_else(|| RenderError::Pdf("the page's drawing was not in its chunk".into()))?;
        let page = alloc.bump();
        let content = alloc.bump();
        let (w, h) = (size.width(), size.height());
        let name = Name(b"P");
        let mut stream = Content::new();
        stream.transform([w, 0.0, 0.0, h, 0.0, 0.0]).x_object(name);
        pdf.stream(content, &stream.finish());
        let mut p = pdf.page(page);
        p.media_box(Rect::new(0.0, 0.0, w, h));
        p.parent(tree_id);
        p.contents(content);
        p.resources().x_objects().pair(name, xobject);
        p.finish();
        page_ids.push(page);
        chunks.push(chunk);
    }
    pdf.catalog(catalog).pages(tree_id);
    let count = page_ids.len() as i32;
    pdf.pages(tree_id).kids(page_ids).count(count);
    pdf.document_info(info)
        .title(TextStr(title))
        .creator(TextStr("Journeymap"));
    for chunk in &chunks {
        pdf.extend(chunk);
    }
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_drawing_is_an_error_not_a_panic() {
        assert!(matches!(png("<svg", 1.0), Err(RenderError::Svg(_))));
        assert!(matches!(pdf("not svg"), Err(RenderError::Svg(_))));
    }

    #[test]
    fn a_drawing_too_big_for_the_wanted_scale_gets_a_smaller_one() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40000" height="20000"></svg>"#;
        assert!(matches!(
            png(svg, 1.0),
            Err(RenderError::TooBig(40000, 20000))
        ));
        let scale = fitting_scale(svg, 2.0).expect("scale");
        assert!(scale < 0.4 && scale > 0.3, "{scale}");
        let small = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"></svg>"#;
        assert_eq!(fitting_scale(small, 2.0).expect("scale"), 2.0);
    }
}
