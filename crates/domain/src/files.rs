//! Files people hand in (documents, proofs): what kind a file is, judged from its content alone,
//! whether it arrived whole, and the name it was given, which is kept for display only.

use crate::violation::{TextRule, Violation, ViolationCode, bounded_text};
use crate::vocabulary;

vocabulary! {
    /// The kinds of file Mitra keeps. A file's kind is read from its first bytes, never from its
    /// name or the type its sender claimed: a renamed executable is not a PDF.
    pub enum FileType ("file type") {
        Pdf = "pdf",
        Jpeg = "jpeg",
        Png = "png",
        /// An audio recording (a radio spot as aired).
        Mp3 = "mp3",
        /// A video recording (a television spot as aired).
        Mp4 = "mp4",
    }
}

/// The signature each type starts with.
const PDF_MAGIC: &[u8] = b"%PDF-";
const JPEG_MAGIC: &[u8] = &[0xFF, 0xD8, 0xFF];
const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";
/// An MP3 starts with its ID3v2 tag, or with the sync bits of its first MPEG audio frame.
const ID3_MAGIC: &[u8] = b"ID3";
/// An MP4 (ISO base media) file starts with a box whose type, after its 4-byte size, is `ftyp`.
const MP4_BOX: &[u8] = b"ftyp";

/// What a complete file ends with. PNG's last chunk is always the same 12 bytes: length 0, type
/// `IEND`, and the CRC of that type. PDF writers may follow `%%EOF` with line ends or padding, so
/// readers look for it in the last kilobyte rather than at the very end.
const PDF_END: &[u8] = b"%%EOF";
const JPEG_END: &[u8] = &[0xFF, 0xD9];
const PNG_END: &[u8] = b"\0\0\0\0IEND\xAE\x42\x60\x82";

impl FileType {
    /// How many leading bytes [`FileType::sniff`] needs to decide; a shorter head is judged as
    /// it is only when it is the whole file.
    pub const HEAD_LEN: usize = PNG_MAGIC.len();

    /// How many trailing bytes [`FileType::is_complete`] reads, so that a writer streaming a file
    /// to storage keeps only these.
    pub const TAIL_LEN: usize = 1024;

    /// The media type a download of this file is served with.
    pub fn media_type(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::Mp3 => "audio/mpeg",
            FileType::Mp4 => "video/mp4",
        }
    }

    /// The type whose signature `head` (the first [`FileType::HEAD_LEN`] bytes of a file, or
    /// all of a shorter one) starts with, if any.
    pub fn sniff(head: &[u8]) -> Option<FileType> {
        FileType::ALL.into_iter().find(|file_type| file_type.starts(head))
    }

    /// Whether a file of this type that ends with `tail` ends as a complete one does. Only the
    /// last [`FileType::TAIL_LEN`] bytes of `tail` are read, so a longer tail judges the same.
    pub fn is_complete(self, tail: &[u8]) -> bool {
        let tail = &tail[tail.len().saturating_sub(Self::TAIL_LEN)..];
        match self {
            FileType::Pdf => tail.windows(PDF_END.len()).any(|window| window == PDF_END),
            FileType::Jpeg => tail.ends_with(JPEG_END),
            FileType::Png => tail.ends_with(PNG_END),
            // Recordings have no end marker: a stream cut short still plays up to the cut. An
            // upload cut short is caught by the form's closing boundary instead.
            FileType::Mp3 | FileType::Mp4 => !tail.is_empty(),
        }
    }

    fn starts(self, head: &[u8]) -> bool {
        match self {
            FileType::Pdf => head.starts_with(PDF_MAGIC),
            FileType::Jpeg => head.starts_with(JPEG_MAGIC),
            FileType::Png => head.starts_with(PNG_MAGIC),
            // Eleven sync bits: 0xFF, then the top three bits of the next byte.
            FileType::Mp3 => {
                head.starts_with(ID3_MAGIC) || (head.len() >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0)
            }
            FileType::Mp4 => head.get(4..8) == Some(MP4_BOX),
        }
    }
}

/// The name a file was handed in under. Files are stored under their content hash, so this name
/// never becomes a path here; it is shown to people and offered as the download's name, where a
/// browser or a user's tools may treat it as a path, and where reordered text could disguise
/// `invoice\u{202E}fdp.exe` as `invoiceexe.pdf`. Such names are refused rather than repaired so
/// that what is shown is what was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileName(String);

impl TextRule for FileName {
    const MIN: u64 = 1;
    const MAX: u64 = 200;
}

impl FileName {
    pub fn parse(raw: &str) -> Result<Self, Violation> {
        let name = bounded_text(raw, Self::MIN, Self::MAX, "file name")?;
        let refuse = |message: &str| Err(Violation::new("", ViolationCode::InvalidFormat, message));
        if name.contains(['/', '\\']) {
            return refuse("file name must not contain '/' or '\\'");
        }
        if name.contains("..") {
            return refuse("file name must not contain '..'");
        }
        if name.chars().any(is_bidi_control) {
            return refuse("file name must not contain text direction controls");
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// The invisible characters that change the direction text is shown in (Unicode's bidirectional
/// marks, embeddings, overrides and isolates). `char::is_control` does not cover them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
    const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0xFF, 0xD9];

    fn png() -> Vec<u8> {
        let mut png = PNG_MAGIC.to_vec();
        png.extend_from_slice(b"\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90\x77\x53\xde");
        png.extend_from_slice(PNG_END);
        png
    }

    #[test]
    fn each_type_is_recognised_by_its_first_bytes() {
        assert_eq!(FileType::sniff(PDF), Some(FileType::Pdf));
        assert_eq!(FileType::sniff(JPEG), Some(FileType::Jpeg));
        assert_eq!(FileType::sniff(&png()), Some(FileType::Png));
        assert_eq!(FileType::sniff(&png()[..FileType::HEAD_LEN]), Some(FileType::Png));
        assert_eq!(FileType::sniff(b"ID3\x04\0\0\0\0\0\x0a"), Some(FileType::Mp3));
        assert_eq!(FileType::sniff(&[0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0]), Some(FileType::Mp3));
        assert_eq!(FileType::sniff(b"\0\0\0\x18ftypmp42"), Some(FileType::Mp4));
    }

    #[test]
    fn other_content_has_no_type() {
        let others: [&[u8]; 9] = [
            b"",
            b"%PD",
            b"GIF89a\x01\x00",
            b"PK\x03\x04 a zip or docx",
            b"MZ\x90\x00 an executable",
            b"<html>%PDF-1.7",
            b"\x89PNG\r\n\x1a",
            b"RIFF\0\0\0\0WAVE",
            b"\0\0\0\x18moov",
        ];
        for head in others {
            assert_eq!(FileType::sniff(head), None, "{head:?}");
        }
    }

    #[test]
    fn each_type_has_its_media_type() {
        let media: Vec<&str> = FileType::ALL.into_iter().map(FileType::media_type).collect();
        assert_eq!(media, ["application/pdf", "image/jpeg", "image/png", "audio/mpeg", "video/mp4"]);
    }

    #[test]
    fn names_round_trip_through_serde_and_from_str() {
        for file_type in FileType::ALL {
            assert_eq!(file_type.as_str().parse::<FileType>().ok(), Some(file_type));
            assert_eq!(serde_json::to_value(file_type).ok(), Some(serde_json::json!(file_type.as_str())));
        }
        assert!("PDF".parse::<FileType>().is_err());
    }

    #[test]
    fn complete_files_are_complete() {
        assert!(FileType::Pdf.is_complete(PDF));
        assert!(FileType::Jpeg.is_complete(JPEG));
        assert!(FileType::Png.is_complete(&png()));
        assert!(FileType::Mp3.is_complete(b"ID3\x04\0\0\0\0\0\x0a"));
        assert!(FileType::Mp4.is_complete(b"\0\0\0\x18ftypmp42"));
    }

    #[test]
    fn a_pdf_without_its_end_marker_in_the_last_kilobyte_is_truncated() {
        assert!(!FileType::Pdf.is_complete(&PDF[..PDF.len() - 7]));
        // PDF ends with "%%EOF\n": padding it to a kilobyte after the marker's start still keeps it.
        let mut trailing = PDF.to_vec();
        trailing.extend(std::iter::repeat_n(b' ', FileType::TAIL_LEN - b"%%EOF\n".len()));
        assert!(FileType::Pdf.is_complete(&trailing), "padding after %%EOF within the last KiB is fine");
        trailing.push(b' ');
        assert!(!FileType::Pdf.is_complete(&trailing), "%%EOF further back ends an earlier revision only");
    }

    #[test]
    fn a_png_cut_before_its_iend_chunk_is_truncated() {
        let png = png();
        assert!(!FileType::Png.is_complete(&png[..png.len() - 1]));
        assert!(!FileType::Png.is_complete(&png[..png.len() - PNG_END.len()]));
        let mut appended = png.clone();
        appended.push(0);
        assert!(!FileType::Png.is_complete(&appended));
    }

    #[test]
    fn a_jpeg_without_its_end_of_image_marker_is_truncated() {
        assert!(!FileType::Jpeg.is_complete(&JPEG[..JPEG.len() - 1]));
        assert!(!FileType::Jpeg.is_complete(&JPEG[..JPEG.len() - 2]));
    }

    #[test]
    fn only_the_last_kilobyte_of_a_tail_is_read() {
        let mut long = PDF.to_vec();
        long.extend(vec![b'x'; FileType::TAIL_LEN]);
        assert!(!FileType::Pdf.is_complete(&long));
        assert!(FileType::Pdf.is_complete(&[b"junk".repeat(400).as_slice(), PDF].concat()));
    }

    #[test]
    fn file_names_are_trimmed_and_kept_as_given() {
        let name = FileName::parse("  Surat Keputusan Bupati – 2025 (final).pdf \n");
        assert_eq!(name.map(FileName::into_inner), Ok("Surat Keputusan Bupati – 2025 (final).pdf".to_owned()));
        assert!(FileName::parse("laporan.v2.pdf").is_ok());
        assert!(FileName::parse(&"a".repeat(200)).is_ok());
    }

    #[test]
    fn hostile_file_names_are_refused() {
        let hostile = [
            "../../etc/passwd",
            "..",
            "laporan..pdf",
            "folder/laporan.pdf",
            "/etc/passwd",
            "C:\\Users\\humas\\laporan.pdf",
            "\\\\server\\share\\x.pdf",
            "laporan\0.pdf",
            "laporan\r\nContent-Type: text/html",
            "laporan\u{7f}.pdf",
            "invoice\u{202E}fdp.exe",
            "a\u{2066}b.pdf",
        ];
        for name in hostile {
            assert_eq!(FileName::parse(name).map_err(|v| v.code), Err(ViolationCode::InvalidFormat), "{name:?}");
        }
    }

    #[test]
    fn file_names_have_a_length() {
        assert_eq!(FileName::parse("   ").map_err(|v| v.code), Err(ViolationCode::Required));
        assert_eq!(FileName::parse(&"é".repeat(201)).map_err(|v| v.code), Err(ViolationCode::TooLong));
    }
}
