//! *Terbilang*: an amount written out in Indonesian words, as official letters state every sum
//! a second time ("Terbilang: satu juta dua ratus lima puluh ribu rupiah"), so that a figure
//! altered afterwards no longer matches its words.
//!
//! Exact for every whole number a [`Rupiah`] can hold: groups of three digits named by their
//! scale (*ribu*, *juta*, *miliar*, *triliun*, *kuadriliun*, *kuintiliun*), with the language's
//! contractions: *se-* for one of a unit word (*sepuluh*, *sebelas*, *seratus*, *seribu*, but
//! *satu juta*), *belas* for 11 to 19.

use crate::money::Rupiah;

const ONES: [&str; 10] = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"];

/// The scales of successive groups of three digits, from the thousands up.
const SCALES: [&str; 6] = ["ribu", "juta", "miliar", "triliun", "kuadriliun", "kuintiliun"];

/// The words of `amount` followed by "rupiah", e.g. "seribu rupiah".
pub fn rupiah_in_words(amount: Rupiah) -> String {
    format!("{} rupiah", number_in_words(amount.amount().unsigned_abs()))
}

/// The Indonesian words of a whole number: 0 is "nol", 1_001 "seribu satu".
pub fn number_in_words(number: u64) -> String {
    if number == 0 {
        return ONES[0].to_owned();
    }
    let mut groups = Vec::new();
    let mut rest = number;
    while rest > 0 {
        groups.push((rest % 1000) as usize);
        rest /= 1000;
    }
    let mut words: Vec<String> = Vec::new();
    for (scale, group) in groups.iter().enumerate().rev() {
        match (scale, *group) {
            (_, 0) => {}
            // One thousand is "seribu"; one million is "satu juta".
            (1, 1) => words.push("seribu".to_owned()),
            (0, group) => words.push(below_thousand(group)),
            (scale, group) => words.push(format!("{} {}", below_thousand(group), SCALES[scale - 1])),
        }
    }
    words.join(" ")
}

/// 1 to 999.
fn below_thousand(number: usize) -> String {
    let (hundreds, rest) = (number / 100, number % 100);
    let mut words = Vec::new();
    match hundreds {
        0 => {}
        1 => words.push("seratus".to_owned()),
        n => words.push(format!("{} ratus", ONES[n])),
    }
    if rest > 0 {
        words.push(below_hundred(rest));
    }
    words.join(" ")
}

/// 1 to 99.
fn below_hundred(number: usize) -> String {
    match number {
        1..=9 => ONES[number].to_owned(),
        10 => "sepuluh".to_owned(),
        11 => "sebelas".to_owned(),
        12..=19 => format!("{} belas", ONES[number - 10]),
        _ => match number % 10 {
            0 => format!("{} puluh", ONES[number / 10]),
            ones => format!("{} puluh {}", ONES[number / 10], ONES[ones]),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(number: u64) -> String {
        number_in_words(number)
    }

    #[test]
    fn units_and_teens() {
        let expected = [
            (0, "nol"),
            (1, "satu"),
            (7, "tujuh"),
            (10, "sepuluh"),
            (11, "sebelas"),
            (12, "dua belas"),
            (15, "lima belas"),
            (19, "sembilan belas"),
            (20, "dua puluh"),
            (21, "dua puluh satu"),
            (99, "sembilan puluh sembilan"),
        ];
        for (number, text) in expected {
            assert_eq!(words(number), text, "{number}");
        }
    }

    #[test]
    fn hundreds_and_thousands_contract_one_to_se() {
        let expected = [
            (100, "seratus"),
            (101, "seratus satu"),
            (111, "seratus sebelas"),
            (200, "dua ratus"),
            (999, "sembilan ratus sembilan puluh sembilan"),
            (1000, "seribu"),
            (1001, "seribu satu"),
            (1100, "seribu seratus"),
            (1111, "seribu seratus sebelas"),
            (2000, "dua ribu"),
            (10_000, "sepuluh ribu"),
            (11_000, "sebelas ribu"),
            (100_000, "seratus ribu"),
            (101_000, "seratus satu ribu"),
            (110_000, "seratus sepuluh ribu"),
            (111_111, "seratus sebelas ribu seratus sebelas"),
        ];
        for (number, text) in expected {
            assert_eq!(words(number), text, "{number}");
        }
    }

    #[test]
    fn millions_and_above_say_satu() {
        let expected = [
            (1_000_000, "satu juta"),
            (1_000_001, "satu juta satu"),
            (1_001_000, "satu juta seribu"),
            (1_250_000, "satu juta dua ratus lima puluh ribu"),
            (2_500_000_000, "dua miliar lima ratus juta"),
            (1_000_000_000, "satu miliar"),
            (1_000_000_000_000, "satu triliun"),
            (
                999_999_999_999,
                "sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta \
                 sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
            ),
            (1_000_000_000_000_000, "satu kuadriliun"),
        ];
        for (number, text) in expected {
            assert_eq!(words(number), text, "{number}");
        }
    }

    #[test]
    fn the_largest_rupiah_is_written_out_whole() {
        let text = words(i64::MAX.unsigned_abs());
        assert!(text.starts_with("sembilan kuintiliun dua ratus dua puluh tiga kuadriliun"), "{text}");
        assert!(text.ends_with("delapan ratus tujuh"), "{text}");
    }

    #[test]
    fn no_number_leaves_a_double_space_or_a_stray_nol() {
        for number in (0..=3000).chain([1_000_100, 20_000_020, 300_000_003_000]) {
            let text = words(number);
            assert!(!text.contains("  ") && text.trim() == text, "{number}: {text:?}");
            assert!(number == 0 || !text.contains("nol"), "{number}: {text}");
            assert!(!text.contains("satu ratus") && !text.contains("satu puluh") && !text.contains("satu belas"));
        }
    }

    #[test]
    fn rupiah_are_written_in_words() {
        let amount = |value| Rupiah::new(value).unwrap();
        assert_eq!(rupiah_in_words(amount(0)), "nol rupiah");
        assert_eq!(rupiah_in_words(amount(1_250_000)), "satu juta dua ratus lima puluh ribu rupiah");
        assert_eq!(rupiah_in_words(amount(1_000)), "seribu rupiah");
    }
}
