//! A small page writer over `lopdf`: A4 pages of text in the PDF's built-in Helvetica (regular
//! and bold, WinAnsi-encoded, so the text can be searched and copied), and ruled lines.
//!
//! The standard fonts are not embedded; their widths are the Adobe metrics below, which is what
//! centring, right-aligning and wrapping need.

use lopdf::content::{Content, Operation};
use lopdf::{Document, Encoding, Object, Stream, dictionary};

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.0;
pub const PAGE_HEIGHT: f32 = 842.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
}

impl Font {
    fn resource(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
        }
    }

    /// The width of `text` at `size` points.
    pub fn width(self, text: &str, size: f32) -> f32 {
        let table = match self {
            Font::Regular => &HELVETICA,
            Font::Bold => &HELVETICA_BOLD,
        };
        let units: u32 = text
            .chars()
            .map(|c| match c as u32 {
                code @ 32..=126 => u32::from(table[(code - 32) as usize]),
                _ => 556,
            })
            .sum();
        units as f32 * size / 1000.0
    }
}

/// Where a line of text stands against its x.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
}

/// Pages being drawn; y counts from the bottom of the page, as in PDF.
pub struct Pages {
    done: Vec<Vec<Operation>>,
    current: Vec<Operation>,
}

impl Default for Pages {
    fn default() -> Self {
        Self::new()
    }
}

impl Pages {
    pub fn new() -> Self {
        Pages { done: Vec::new(), current: Vec::new() }
    }

    pub fn new_page(&mut self) {
        self.done.push(std::mem::take(&mut self.current));
    }

    /// One line of text, in black or in `grey` (0 black, 1 white).
    pub fn text(&mut self, font: Font, size: f32, x: f32, y: f32, align: Align, text: &str) {
        self.text_in(font, size, x, y, align, text, 0.0);
    }

    #[allow(clippy::too_many_arguments, reason = "a text run's every property, in the order PDF sets them")]
    pub fn text_in(&mut self, font: Font, size: f32, x: f32, y: f32, align: Align, text: &str, grey: f32) {
        let x = match align {
            Align::Left => x,
            Align::Centre => x - font.width(text, size) / 2.0,
            Align::Right => x - font.width(text, size),
        };
        let encoded = Encoding::SimpleEncoding(b"WinAnsiEncoding").string_to_bytes(text);
        self.current.extend([
            Operation::new("BT", vec![]),
            Operation::new("g", vec![grey.into()]),
            Operation::new("Tf", vec![font.resource().into(), size.into()]),
            Operation::new("Td", vec![x.into(), y.into()]),
            Operation::new("Tj", vec![Object::string_literal(encoded)]),
            Operation::new("ET", vec![]),
        ]);
    }

    /// A straight line `width` points thick.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32) {
        self.current.extend([
            Operation::new("w", vec![width.into()]),
            Operation::new("m", vec![from.0.into(), from.1.into()]),
            Operation::new("l", vec![to.0.into(), to.1.into()]),
            Operation::new("S", vec![]),
        ]);
    }

    /// The finished document.
    pub fn finish(mut self, title: &str) -> Result<Vec<u8>, lopdf::Error> {
        self.new_page();
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font = |name: &str| {
            dictionary! {
                "Type" => "Font",
                "Subtype" => "Type1",
                "BaseFont" => name.to_owned(),
                "Encoding" => "WinAnsiEncoding",
            }
        };
        let regular = doc.add_object(font("Helvetica"));
        let bold = doc.add_object(font("Helvetica-Bold"));
        let resources = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => regular, "F2" => bold },
        });
        let mut kids = Vec::new();
        for operations in self.done.into_iter().filter(|page| !page.is_empty()) {
            let content = Content { operations }.encode()?;
            let content_id = doc.add_object(Stream::new(dictionary! {}, content));
            let page = doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "Contents" => content_id,
            });
            kids.push(Object::from(page));
        }
        let count = kids.len() as i64;
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => kids,
                "Count" => count,
                "Resources" => resources,
                "MediaBox" => vec![0.into(), 0.into(), PAGE_WIDTH.into(), PAGE_HEIGHT.into()],
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        let info = doc.add_object(dictionary! {
            "Title" => Object::string_literal(Encoding::SimpleEncoding(b"WinAnsiEncoding").string_to_bytes(title)),
            "Producer" => Object::string_literal("Mitra"),
        });
        doc.trailer.set("Root", catalog);
        doc.trailer.set("Info", info);
        doc.compress();
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes)?;
        Ok(bytes)
    }
}

/// `text` broken into lines no wider than `width` at `size`, at spaces (a word longer than a
/// line stands alone on its line).
pub fn wrap(font: Font, size: f32, width: f32, text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if !line.is_empty() && font.width(&candidate, size) > width {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Helvetica's widths of the characters 32 to 126, in thousandths of the size.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 to 9
    278, 278, 584, 584, 584, 556, 1015, // : to @
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944,
    667, 667, 611, // A to Z
    278, 278, 278, 469, 556, 333, // [ to `
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722,
    500, 500, 500, // a to z
    334, 260, 334, 584, // { to ~
];

/// Helvetica-Bold's widths of the characters 32 to 126.
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 to 9
    333, 333, 584, 584, 584, 611, 975, // : to @
    722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944,
    667, 667, 611, // A to Z
    333, 278, 333, 584, 556, 333, // [ to `
    556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778,
    556, 556, 500, // a to z
    389, 280, 389, 584, // { to ~
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_metrics() {
        assert_eq!(Font::Regular.width("0", 10.0), 5.56);
        assert!(Font::Bold.width("SURAT", 12.0) > Font::Regular.width("SURAT", 12.0));
    }

    #[test]
    fn wrapping_breaks_at_spaces_within_the_width() {
        let text = "satu juta dua ratus lima puluh ribu rupiah";
        let lines = wrap(Font::Regular, 10.0, 80.0, text);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        assert!(lines.iter().all(|line| Font::Regular.width(line, 10.0) <= 80.0));
    }

    #[test]
    fn a_document_reads_back_with_its_text() {
        let mut pages = Pages::new();
        pages.text(Font::Bold, 12.0, 100.0, 700.0, Align::Left, "SURAT PESANAN");
        pages.new_page();
        pages.text(Font::Regular, 10.0, 100.0, 700.0, Align::Right, "Rp 1.250.000");
        let bytes = pages.finish("Surat").unwrap();
        let doc = Document::load_mem(&bytes).unwrap();
        assert_eq!(doc.get_pages().len(), 2);
        assert!(doc.extract_text(&[1]).unwrap().contains("SURAT PESANAN"));
        assert!(doc.extract_text(&[2]).unwrap().contains("Rp 1.250.000"));
    }
}
