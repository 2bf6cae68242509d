//! Official letters as PDF: the agreement (*perjanjian kerja sama*, PKS) and the order letter
//! (*surat pesanan*), under the organisation's letterhead, with every amount in figures and in
//! words (*terbilang*). The data comes from `mitra_persistence::letters`, gathered within the
//! caller's organisation; this module only lays it out.

pub mod pdf;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use mitra_domain::agreements::AgreementState;
use mitra_domain::letters::date_in_letters;
use mitra_domain::money::Rupiah;
use mitra_domain::policy::Product;
use mitra_domain::terbilang::rupiah_in_words;
use mitra_persistence::letters::{AgreementLetter, Counterparty, Issuer, OrderLetter};

use pdf::{Align, Font, PAGE_HEIGHT, PAGE_WIDTH, Pages, wrap};

const LEFT: f32 = 56.0;
const RIGHT: f32 = PAGE_WIDTH - 56.0;
const TOP: f32 = PAGE_HEIGHT - 48.0;
const BOTTOM: f32 = 64.0;
const BODY: f32 = 10.0;
const LEADING: f32 = 14.0;

/// A letter being written top to bottom, onto new pages as it runs out of room.
struct Writer {
    pages: Pages,
    y: f32,
    /// Printed large and grey behind each page: the letter is not in force.
    watermark: Option<&'static str>,
}

impl Writer {
    fn new(watermark: Option<&'static str>) -> Self {
        let mut writer = Writer { pages: Pages::new(), y: TOP, watermark };
        writer.mark();
        writer
    }

    fn mark(&mut self) {
        if let Some(mark) = self.watermark {
            self.pages.text_in(
                Font::Bold,
                110.0,
                PAGE_WIDTH / 2.0,
                PAGE_HEIGHT / 2.0 - 40.0,
                Align::Centre,
                mark,
                0.85,
            );
        }
    }

    /// Makes room for `height` points, on a new page if need be.
    fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.pages.new_page();
            self.y = TOP;
            self.mark();
        }
    }

    fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    fn centred(&mut self, font: Font, size: f32, text: &str) {
        self.room(size + 4.0);
        self.y -= size + 4.0;
        self.pages.text(font, size, PAGE_WIDTH / 2.0, self.y, Align::Centre, text);
    }

    /// A paragraph, wrapped, starting `indent` points in from the margin.
    fn paragraph(&mut self, font: Font, indent: f32, text: &str) {
        for line in wrap(font, BODY, RIGHT - LEFT - indent, text) {
            self.room(LEADING);
            self.y -= LEADING;
            self.pages.text(font, BODY, LEFT + indent, self.y, Align::Left, &line);
        }
    }

    /// A numbered item: its number in the margin, its text wrapped beside it.
    fn item(&mut self, number: &str, text: &str) {
        self.room(LEADING);
        self.pages.text(Font::Regular, BODY, LEFT, self.y - LEADING, Align::Left, number);
        self.paragraph(Font::Regular, 16.0, text);
    }

    /// `label: value` pairs lined up at one column.
    fn fields(&mut self, fields: &[(&str, String)]) {
        for (label, value) in fields {
            let lines = wrap(Font::Regular, BODY, RIGHT - LEFT - 110.0, value);
            for (index, line) in lines.iter().enumerate() {
                self.room(LEADING);
                self.y -= LEADING;
                if index == 0 {
                    self.pages.text(Font::Regular, BODY, LEFT, self.y, Align::Left, label);
                    self.pages.text(Font::Regular, BODY, LEFT + 100.0, self.y, Align::Left, ":");
                }
                self.pages.text(Font::Regular, BODY, LEFT + 110.0, self.y, Align::Left, line);
            }
        }
    }

    fn rule(&mut self, width: f32) {
        self.pages.line((LEFT, self.y), (RIGHT, self.y), width);
    }

    fn finish(self, title: &str) -> Result<Vec<u8>, lopdf::Error> {
        self.pages.finish(title)
    }
}

/// The letterhead: the government and the office, their address and contacts, over a double rule.
fn letterhead(writer: &mut Writer, issuer: &Issuer) {
    let head = &issuer.letterhead;
    writer.centred(Font::Bold, 13.0, &head.government);
    if !head.office.is_empty() {
        writer.centred(Font::Bold, 15.0, &head.office);
    }
    if !head.address.is_empty() {
        writer.centred(Font::Regular, 9.0, &head.address);
    }
    let contacts: Vec<String> = [("Telepon", &head.phone), ("Email", &head.email), ("Laman", &head.website)]
        .into_iter()
        .filter_map(|(label, value)| value.as_ref().map(|value| format!("{label} {value}")))
        .collect();
    if !contacts.is_empty() {
        writer.centred(Font::Regular, 9.0, &contacts.join("  |  "));
    }
    writer.gap(6.0);
    writer.rule(2.0);
    writer.gap(2.5);
    writer.rule(0.5);
    writer.gap(10.0);
}

/// The title and the official number under it.
fn title(writer: &mut Writer, title: &str, number: &str) {
    writer.centred(Font::Bold, 13.0, title);
    let width = Font::Bold.width(title, 13.0);
    writer.pages.line(
        (PAGE_WIDTH / 2.0 - width / 2.0, writer.y - 2.0),
        (PAGE_WIDTH / 2.0 + width / 2.0, writer.y - 2.0),
        0.7,
    );
    writer.centred(Font::Regular, BODY, &format!("Nomor: {number}"));
    writer.gap(8.0);
}

/// The issuing side as a party: its signatory for its office, or its name alone.
fn first_party(issuer: &Issuer) -> String {
    let head = &issuer.letterhead;
    let office = [head.office.as_str(), head.government.as_str()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .map(title_case)
        .collect::<Vec<_>>()
        .join(", ");
    let mut text = if head.signatory_name.is_empty() {
        issuer.organisation_name.clone()
    } else {
        format!("{}, {}, bertindak untuk dan atas nama {office}", head.signatory_name, head.signatory_title)
    };
    if !head.address.is_empty() {
        text.push_str(&format!(", berkedudukan di {}", head.address));
    }
    text
}

/// The press company as a party: its legal name, NPWP, address and the outlet concerned.
fn second_party(counterparty: &Counterparty) -> String {
    let profile = &counterparty.company.profile;
    let mut text = format!("{}, NPWP {}", profile.legal_name, profile.npwp.printed());
    if let Some(address) = profile.address.as_deref() {
        text.push_str(&format!(", beralamat di {address}"));
    }
    text.push_str(&format!(", penerbit {}", counterparty.outlet.profile.name));
    text
}

/// "DINAS KOMUNIKASI DAN INFORMATIKA" as running text: "Dinas Komunikasi dan Informatika".
fn title_case(text: &str) -> String {
    const SMALL: [&str; 6] = ["dan", "di", "ke", "dari", "atau", "untuk"];
    text.split_whitespace()
        .enumerate()
        .map(|(index, word)| {
            let lower = word.to_lowercase();
            if index > 0 && SMALL.contains(&lower.as_str()) {
                return lower;
            }
            let mut chars = lower.chars();
            chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One row of the table of lines.
struct Row {
    product: String,
    quantity: u32,
    unit: String,
    unit_price: Rupiah,
    amount: Rupiah,
}

fn row(products: &[Product], product: &str, quantity: u32, unit_price: Rupiah) -> Row {
    let known = products.iter().find(|known| known.code == product);
    Row {
        product: known.map_or_else(|| product.to_owned(), |known| known.label.id.clone()),
        quantity,
        unit: known.map_or_else(String::new, |known| known.unit.id.clone()),
        unit_price,
        amount: Rupiah::new(unit_price.amount().saturating_mul(i64::from(quantity))).unwrap_or(Rupiah::ZERO),
    }
}

/// The columns' left edges and the right edge, with their headings and alignment.
const COLUMNS: [(f32, &str, Align); 6] = [
    (LEFT, "No", Align::Left),
    (LEFT + 24.0, "Uraian", Align::Left),
    (LEFT + 189.0, "Volume", Align::Right),
    (LEFT + 237.0, "Satuan", Align::Left),
    (LEFT + 313.0, "Harga Satuan", Align::Right),
    (LEFT + 397.0, "Jumlah", Align::Right),
];

/// The x a cell's text is drawn at: its left edge plus padding, or its right edge less padding.
fn cell_x(column: usize) -> f32 {
    let (left, _, align) = COLUMNS[column];
    let right = COLUMNS.get(column + 1).map_or(RIGHT, |next| next.0);
    match align {
        Align::Right => right - 4.0,
        _ => left + 3.0,
    }
}

/// The table of lines with its total; answers the total.
fn table(writer: &mut Writer, rows: &[Row]) -> Rupiah {
    let size = 9.0;
    writer.room(3.0 * LEADING);
    writer.gap(4.0);
    writer.rule(0.7);
    writer.gap(LEADING - 2.0);
    for (column, (_, heading, align)) in COLUMNS.iter().enumerate() {
        writer.pages.text(Font::Bold, size, cell_x(column), writer.y, *align, heading);
    }
    writer.gap(5.0);
    writer.rule(0.5);
    let mut total = Rupiah::ZERO;
    for (index, row) in rows.iter().enumerate() {
        let product = wrap(Font::Regular, size, 189.0 - 24.0 - 6.0, &row.product);
        writer.room(LEADING * product.len() as f32 + 4.0);
        writer.gap(LEADING - 2.0);
        let cells = [
            (index + 1).to_string(),
            String::new(),
            row.quantity.to_string(),
            row.unit.clone(),
            row.unit_price.to_string(),
            row.amount.to_string(),
        ];
        for (column, cell) in cells.iter().enumerate() {
            writer.pages.text(Font::Regular, size, cell_x(column), writer.y, COLUMNS[column].2, cell);
        }
        for (line_index, line) in product.iter().enumerate() {
            let y = writer.y - LEADING * line_index as f32;
            writer.pages.text(Font::Regular, size, cell_x(1), y, Align::Left, line);
        }
        writer.gap(LEADING * (product.len().max(1) - 1) as f32 + 5.0);
        writer.rule(0.3);
        total = total.checked_add(row.amount).unwrap_or(total);
    }
    writer.room(LEADING + 4.0);
    writer.gap(LEADING - 2.0);
    writer.pages.text(Font::Bold, size, cell_x(4), writer.y, Align::Right, "Jumlah");
    writer.pages.text(Font::Bold, size, cell_x(5), writer.y, Align::Right, &total.to_string());
    writer.gap(5.0);
    writer.rule(0.7);
    writer.gap(6.0);
    total
}

/// "Terbilang: ..." under an amount.
fn in_words(writer: &mut Writer, label: &str, amount: Rupiah) {
    writer.room(2.0 * LEADING);
    writer.gap(LEADING);
    writer.pages.text(Font::Bold, BODY, LEFT, writer.y, Align::Left, &format!("{label}: {amount}"));
    writer.paragraph(Font::Regular, 0.0, &format!("Terbilang: {}", rupiah_in_words(amount)));
}

/// Two signature columns: the press company's on the left (if any), the issuer's on the right.
fn signatures(writer: &mut Writer, issuer: &Issuer, date: NaiveDate, left: Option<(&str, &str)>, right_heading: &str) {
    let head = &issuer.letterhead;
    let (left_x, right_x) = (LEFT + 100.0, RIGHT - 110.0);
    writer.room(150.0);
    writer.gap(2.0 * LEADING);
    let place =
        if head.city.is_empty() { date_in_letters(date) } else { format!("{}, {}", head.city, date_in_letters(date)) };
    writer.pages.text(Font::Regular, BODY, right_x, writer.y, Align::Centre, &place);
    writer.gap(LEADING);
    if let Some((heading, name)) = left {
        writer.pages.text(Font::Bold, BODY, left_x, writer.y, Align::Centre, heading);
        writer.pages.text(Font::Regular, BODY, left_x, writer.y - LEADING, Align::Centre, name);
    }
    writer.pages.text(Font::Bold, BODY, right_x, writer.y, Align::Centre, right_heading);
    let title = if head.signatory_title.is_empty() { issuer.organisation_name.as_str() } else { &head.signatory_title };
    for (index, line) in wrap(Font::Regular, BODY, 200.0, title).iter().enumerate() {
        writer.pages.text(Font::Regular, BODY, right_x, writer.y - LEADING * (index as f32 + 1.0), Align::Centre, line);
    }
    writer.gap(5.0 * LEADING);
    if left.is_some() {
        writer.pages.text(Font::Regular, BODY, left_x, writer.y, Align::Centre, "(..............................)");
    }
    let name = if head.signatory_name.is_empty() { "(..............................)" } else { &head.signatory_name };
    writer.pages.text(Font::Bold, BODY, right_x, writer.y, Align::Centre, name);
    if let Some(nip) = head.signatory_nip.as_deref() {
        writer.pages.text(Font::Regular, BODY, right_x, writer.y - LEADING, Align::Centre, &format!("NIP. {nip}"));
    }
}

/// The Jakarta date of an instant.
fn jakarta_date(at: DateTime<Utc>) -> NaiveDate {
    match FixedOffset::east_opt(7 * 3600) {
        Some(jakarta) => at.with_timezone(&jakarta).date_naive(),
        None => at.date_naive(),
    }
}

/// A file name from an official number: "PKS-001-DISKOMINFO-2026.pdf".
pub fn file_name(prefix: &str, number: &str) -> String {
    let number: String =
        number.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '-' }).collect();
    format!("{prefix}-{}.pdf", number.trim_matches('-'))
}

/// The agreement's letter. A draft is marked as such on every page: it is not yet in force.
pub fn agreement_pdf(letter: &AgreementLetter) -> Result<Vec<u8>, lopdf::Error> {
    let record = &letter.agreement.agreement;
    let draft = record.state == AgreementState::Draft;
    let mut writer = Writer::new(draft.then_some("DRAFT"));
    letterhead(&mut writer, &letter.issuer);
    title(&mut writer, "PERJANJIAN KERJA SAMA", &record.number);
    for line in wrap(Font::Bold, BODY, RIGHT - LEFT - 40.0, &format!("tentang {}", record.title)) {
        writer.centred(Font::Bold, BODY, &line);
    }
    writer.gap(6.0);
    let date = jakarta_date(record.activated_at.unwrap_or(record.created_at));
    let city = &letter.issuer.letterhead.city;
    let opening = if city.is_empty() {
        format!("Pada tanggal {}, yang bertanda tangan di bawah ini:", date_in_letters(date))
    } else {
        format!("Pada tanggal {}, bertempat di {city}, yang bertanda tangan di bawah ini:", date_in_letters(date))
    };
    writer.paragraph(Font::Regular, 0.0, &opening);
    writer.gap(4.0);
    writer.item("1.", &format!("{}, selanjutnya disebut PIHAK PERTAMA;", first_party(&letter.issuer)));
    writer.item("2.", &format!("{}, selanjutnya disebut PIHAK KEDUA.", second_party(&letter.counterparty)));
    writer.gap(4.0);
    writer.paragraph(
        Font::Regular,
        0.0,
        &format!(
            "PIHAK PERTAMA dan PIHAK KEDUA sepakat bekerja sama dalam publikasi melalui {} untuk tahun anggaran {}, \
             berlaku sejak {} sampai dengan {}, dengan rincian sebagai berikut:",
            letter.counterparty.outlet.profile.name,
            record.fiscal_year.year(),
            date_in_letters(record.starts_on),
            date_in_letters(record.ends_on),
        ),
    );
    let rows: Vec<Row> = record
        .lines
        .iter()
        .map(|line| row(&letter.products, &line.product, line.quota, line.negotiation.agreed))
        .collect();
    table(&mut writer, &rows);
    in_words(&mut writer, "Nilai perjanjian", record.ceiling);
    writer.gap(4.0);
    writer.paragraph(
        Font::Regular,
        0.0,
        "Pekerjaan dipesan dengan surat pesanan dalam batas volume dan nilai di atas, dan dibayar atas publikasi yang \
         buktinya telah diverifikasi, sesuai harga satuan yang disepakati.",
    );
    let company = letter.counterparty.company.profile.legal_name.as_str();
    signatures(&mut writer, &letter.issuer, date, Some(("PIHAK KEDUA", company)), "PIHAK PERTAMA");
    writer.finish(&format!("Perjanjian Kerja Sama {}", record.number))
}

/// The order letter (*surat pesanan*) to the press company.
pub fn order_pdf(letter: &OrderLetter) -> Result<Vec<u8>, lopdf::Error> {
    let order = &letter.order.order;
    let mut writer = Writer::new(None);
    letterhead(&mut writer, &letter.issuer);
    title(&mut writer, "SURAT PESANAN", &order.number);
    let profile = &letter.counterparty.company.profile;
    writer.paragraph(Font::Regular, 0.0, "Kepada Yth.");
    writer.paragraph(Font::Bold, 0.0, &format!("Pimpinan {}", profile.legal_name));
    if let Some(address) = profile.address.as_deref() {
        writer.paragraph(Font::Regular, 0.0, address);
    }
    writer.gap(6.0);
    writer.fields(&[
        ("NPWP", profile.npwp.printed()),
        ("Media", letter.counterparty.outlet.profile.name.clone()),
        ("Dasar", format!("Perjanjian Kerja Sama Nomor {}", letter.agreement.agreement.number)),
        ("Perihal", order.subject.clone()),
        ("Waktu tayang", format!("{} s.d. {}", date_in_letters(order.due_from), date_in_letters(order.due_until))),
    ]);
    writer.gap(6.0);
    writer.paragraph(Font::Regular, 0.0, "Dengan ini kami memesan publikasi sebagai berikut:");
    let rows = [row(&letter.products, &order.product, order.quantity, order.unit_price)];
    table(&mut writer, &rows);
    in_words(&mut writer, "Jumlah pesanan", order.amount);
    if let Some(instructions) = order.instructions.as_deref() {
        writer.gap(4.0);
        writer.paragraph(Font::Regular, 0.0, &format!("Catatan: {instructions}"));
    }
    writer.gap(4.0);
    writer.paragraph(
        Font::Regular,
        0.0,
        "Bukti publikasi disampaikan setelah tayang untuk diverifikasi sebelum penagihan. Demikian surat pesanan ini \
         untuk dilaksanakan.",
    );
    let company = profile.legal_name.as_str();
    signatures(&mut writer, &letter.issuer, order.issued_on, Some(("Diterima oleh", company)), "Pemesan");
    writer.finish(&format!("Surat Pesanan {}", order.number))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_text_keeps_small_words_small() {
        assert_eq!(title_case("DINAS KOMUNIKASI DAN INFORMATIKA"), "Dinas Komunikasi dan Informatika");
        assert_eq!(title_case("PEMERINTAH KABUPATEN OGAN KOMERING ILIR"), "Pemerintah Kabupaten Ogan Komering Ilir");
    }

    #[test]
    fn file_names_carry_the_number_without_slashes() {
        assert_eq!(file_name("PKS", "001/PKS/DISKOMINFO/2026"), "PKS-001-PKS-DISKOMINFO-2026.pdf");
    }

    #[test]
    fn dates_are_jakarta_dates() {
        let late = "2026-03-04T18:30:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(jakarta_date(late), NaiveDate::from_ymd_opt(2026, 3, 5).unwrap());
    }
}
