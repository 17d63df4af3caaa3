//! The date scanner's tests: every language's patterns, ranges, relative days, and inputs
//! that must not panic.

use super::Precision::{Day, Month, Season, Year};
use super::Qualifier::*;
use super::*;

type Expected<'a> = (&'a str, Precision, Option<Qualifier>, &'a str);

/// (date, precision, qualifier, slice of the text) for every mention.
fn summary(text: &str) -> Vec<(String, Precision, Option<Qualifier>, String)> {
    find_dates(text)
        .into_iter()
        .map(|m| {
            (
                m.date.to_string(),
                m.precision,
                m.qualifier,
                text[m.start..m.end].to_string(),
            )
        })
        .collect()
}

fn check(text: &str, expected: &[Expected]) {
    let expected: Vec<_> = expected
        .iter()
        .map(|&(date, precision, qualifier, slice)| {
            (date.to_string(), precision, qualifier, slice.to_string())
        })
        .collect();
    assert_eq!(summary(text), expected, "in {text:?}");
}

fn check_none(text: &str) {
    assert_eq!(summary(text), vec![], "in {text:?}");
}

#[test]
fn iso_and_numeric_dates() {
    check(
        "Signed 2022-03-29, revised 2022/04/01 and 29.03.2022; memo 13/02/2015 and 05/03/2022; draft 2022-05.",
        &[
            ("2022-03-29", Day, None, "2022-03-29"),
            ("2022-04-01", Day, None, "2022/04/01"),
            ("2022-03-29", Day, None, "29.03.2022"),
            ("2015-02-13", Day, None, "13/02/2015"),
            ("2022-03-05", Day, None, "05/03/2022"),
            ("2022-05", Month, None, "2022-05"),
        ],
    );
    check(
        "US style 03/29/2022; Korean style 2022. 3. 29.; ISO time 2022-03-29T10:00:00Z",
        &[
            ("2022-03-29", Day, None, "03/29/2022"),
            ("2022-03-29", Day, None, "2022. 3. 29"),
            ("2022-03-29", Day, None, "2022-03-29"),
        ],
    );
}

#[test]
fn english_dates() {
    check(
        "Talks opened on 29 March 2022 in Istanbul; the next round on March 30, 2022 and March 31 2022.",
        &[
            ("2022-03-29", Day, None, "29 March 2022"),
            ("2022-03-30", Day, None, "March 30, 2022"),
            ("2022-03-31", Day, None, "March 31 2022"),
        ],
    );
    check(
        "On the 29th March 2022, in March 2022, Mar. 2022 and Sept 2022.",
        &[
            ("2022-03-29", Day, None, "29th March 2022"),
            ("2022-03", Month, None, "March 2022"),
            ("2022-03", Month, None, "Mar. 2022"),
            ("2022-09", Month, None, "Sept 2022"),
        ],
    );
    check(
        "Expected in early 2026, after mid-2023 and late March 2022, by spring 2022, \
         in the fall of 2021, by the end of 2024, and in 2022.",
        &[
            ("2026", Season, Some(Early), "early 2026"),
            ("2023", Season, Some(Mid), "mid-2023"),
            ("2022-03", Season, Some(Late), "late March 2022"),
            ("2022", Season, Some(Spring), "spring 2022"),
            ("2021", Season, Some(Autumn), "fall of 2021"),
            ("2024", Season, Some(Late), "end of 2024"),
            ("2022", Year, None, "2022"),
        ],
    );
}

#[test]
fn lower_case_may_is_not_a_month() {
    check("They may 2022", &[("2022", Year, None, "2022")]);
    check("MAY 2022", &[("2022-05", Month, None, "MAY 2022")]);
}

#[test]
fn ranges_give_both_ends() {
    check(
        "Held from 28 June to 7 July 2017, again 28 June – 7 July 2017, and 23–25 May 2025.",
        &[
            ("2017-06-28", Day, None, "28 June"),
            ("2017-07-07", Day, None, "7 July 2017"),
            ("2017-06-28", Day, None, "28 June"),
            ("2017-07-07", Day, None, "7 July 2017"),
            ("2025-05-23", Day, None, "23"),
            ("2025-05-25", Day, None, "25 May 2025"),
        ],
    );
    check(
        "Between 28 December and 3 January 2018; on March 28–30, 2022; del 28 de junio al 7 de julio de 2017.",
        &[
            ("2017-12-28", Day, None, "28 December"),
            ("2018-01-03", Day, None, "3 January 2018"),
            ("2022-03-28", Day, None, "March 28"),
            ("2022-03-30", Day, None, "30, 2022"),
            ("2017-06-28", Day, None, "28 de junio"),
            ("2017-07-07", Day, None, "7 de julio de 2017"),
        ],
    );
    check(
        "Years 1990–2022 and 28 June 2016 to 7 July 2017.",
        &[
            ("1990", Year, None, "1990"),
            ("2022", Year, None, "2022"),
            ("2016-06-28", Day, None, "28 June 2016"),
            ("2017-07-07", Day, None, "7 July 2017"),
        ],
    );
}

#[test]
fn french_dates() {
    check(
        "Signé le 12 février 2015, le 1er août 2000, en FÉVRIER 2015, début 2026, fin mars 2022, mi-2023 et au printemps 2022.",
        &[
            ("2015-02-12", Day, None, "12 février 2015"),
            ("2000-08-01", Day, None, "1er août 2000"),
            ("2015-02", Month, None, "FÉVRIER 2015"),
            ("2026", Season, Some(Early), "début 2026"),
            ("2022-03", Season, Some(Late), "fin mars 2022"),
            ("2023", Season, Some(Mid), "mi-2023"),
            ("2022", Season, Some(Spring), "printemps 2022"),
        ],
    );
}

#[test]
fn german_dates() {
    check(
        "Am 12. Februar 2015, im Februar 2015, Anfang 2026, Ende März 2022, Mitte 2023, im Frühjahr 2022 und Maerz 2021.",
        &[
            ("2015-02-12", Day, None, "12. Februar 2015"),
            ("2015-02", Month, None, "Februar 2015"),
            ("2026", Season, Some(Early), "Anfang 2026"),
            ("2022-03", Season, Some(Late), "Ende März 2022"),
            ("2023", Season, Some(Mid), "Mitte 2023"),
            ("2022", Season, Some(Spring), "Frühjahr 2022"),
            ("2021-03", Month, None, "Maerz 2021"),
        ],
    );
}

#[test]
fn spanish_dates() {
    check(
        "El 29 de marzo de 2022, en marzo de 2022, el 1 de enero de 1992, a principios de 2026, \
         a finales de marzo de 2022 y a mediados de 2023.",
        &[
            ("2022-03-29", Day, None, "29 de marzo de 2022"),
            ("2022-03", Month, None, "marzo de 2022"),
            ("1992-01-01", Day, None, "1 de enero de 1992"),
            ("2026", Season, Some(Early), "principios de 2026"),
            ("2022-03", Season, Some(Late), "finales de marzo de 2022"),
            ("2023", Season, Some(Mid), "mediados de 2023"),
        ],
    );
}

#[test]
fn russian_dates() {
    check(
        "29 марта 2022 года в Стамбуле; 30 марта 2022 г. и 31 марта 2022; март 2022; в марте 2022 года; \
         в начале 2026 года; в конце марта 2022; весной 2022 года.",
        &[
            ("2022-03-29", Day, None, "29 марта 2022 года"),
            ("2022-03-30", Day, None, "30 марта 2022 г."),
            ("2022-03-31", Day, None, "31 марта 2022"),
            ("2022-03", Month, None, "март 2022"),
            ("2022-03", Month, None, "марте 2022 года"),
            ("2026", Season, Some(Early), "начале 2026 года"),
            ("2022-03", Season, Some(Late), "конце марта 2022"),
            ("2022", Season, Some(Spring), "весной 2022 года"),
        ],
    );
}

#[test]
fn ukrainian_dates() {
    check(
        "29 березня 2022 року; березень 2022; у березні 2022 року; на початку 2026 року; \
         наприкінці березня 2022; навесні 2022; 5 травня 2022 р.",
        &[
            ("2022-03-29", Day, None, "29 березня 2022 року"),
            ("2022-03", Month, None, "березень 2022"),
            ("2022-03", Month, None, "березні 2022 року"),
            ("2026", Season, Some(Early), "початку 2026 року"),
            ("2022-03", Season, Some(Late), "наприкінці березня 2022"),
            ("2022", Season, Some(Spring), "навесні 2022"),
            ("2022-05-05", Day, None, "5 травня 2022 р."),
        ],
    );
}

#[test]
fn turkish_dates() {
    check(
        "29 Mart 2022 tarihinde, Mart 2022'de, Şubat 2022’de, 2022 başında, 2022 sonunda, \
         NİSAN 2021, 3 Agustos 2020 ve 2022 yılının ortasında.",
        &[
            ("2022-03-29", Day, None, "29 Mart 2022"),
            ("2022-03", Month, None, "Mart 2022'de"),
            ("2022-02", Month, None, "Şubat 2022’de"),
            ("2022", Season, Some(Early), "2022 başında"),
            ("2022", Season, Some(Late), "2022 sonunda"),
            ("2021-04", Month, None, "NİSAN 2021"),
            ("2020-08-03", Day, None, "3 Agustos 2020"),
            ("2022", Season, Some(Mid), "2022 yılının ortasında"),
        ],
    );
}

#[test]
fn greek_dates() {
    check(
        "Στις 29 Μαρτίου 2022, τον Μάρτιο του 2022, Μάρτιος 2022, 5 Μαΐου 2021, ΙΟΥΝΙΟΣ 2020, στα τέλη του 2022.",
        &[
            ("2022-03-29", Day, None, "29 Μαρτίου 2022"),
            ("2022-03", Month, None, "Μάρτιο του 2022"),
            ("2022-03", Month, None, "Μάρτιος 2022"),
            ("2021-05-05", Day, None, "5 Μαΐου 2021"),
            ("2020-06", Month, None, "ΙΟΥΝΙΟΣ 2020"),
            ("2022", Season, Some(Late), "τέλη του 2022"),
        ],
    );
}

#[test]
fn arabic_dates() {
    check(
        "في 29 مارس 2022 و29 آذار 2022 و29 آذار/مارس 2022 و١٥ كانون الثاني ٢٠٢٣ وفي مارس 2022 \
         ومطلع عام 2026 وأواخر 2022 ومنتصف 2023 و1 جويلية 2021",
        &[
            ("2022-03-29", Day, None, "29 مارس 2022"),
            ("2022-03-29", Day, None, "29 آذار 2022"),
            ("2022-03-29", Day, None, "29 آذار/مارس 2022"),
            ("2023-01-15", Day, None, "١٥ كانون الثاني ٢٠٢٣"),
            ("2022-03", Month, None, "مارس 2022"),
            ("2026", Season, Some(Early), "مطلع عام 2026"),
            ("2022", Season, Some(Late), "أواخر 2022"),
            ("2023", Season, Some(Mid), "منتصف 2023"),
            ("2021-07-01", Day, None, "1 جويلية 2021"),
        ],
    );
}

#[test]
fn japanese_and_chinese_dates() {
    check(
        "2022年3月29日に、２０２２年３月２９日、2022年3月、2022年、2022 年 4 月 1 日、2022年初、2022年底、2022年春、2022年3月下旬、2023年春节",
        &[
            ("2022-03-29", Day, None, "2022年3月29日"),
            ("2022-03-29", Day, None, "２０２２年３月２９日"),
            ("2022-03", Month, None, "2022年3月"),
            ("2022", Year, None, "2022年"),
            ("2022-04-01", Day, None, "2022 年 4 月 1 日"),
            ("2022", Season, Some(Early), "2022年初"),
            ("2022", Season, Some(Late), "2022年底"),
            ("2022", Season, Some(Spring), "2022年春"),
            ("2022-03", Season, Some(Late), "2022年3月下旬"),
            ("2023", Year, None, "2023年"),
        ],
    );
}

#[test]
fn korean_dates() {
    check(
        "2022년 3월 29일에 서명, 2022년 3월, 2022년에, 2022년 초, 2022년 말, 2022년 봄, 2022년초",
        &[
            ("2022-03-29", Day, None, "2022년 3월 29일"),
            ("2022-03", Month, None, "2022년 3월"),
            ("2022", Year, None, "2022년"),
            ("2022", Season, Some(Early), "2022년 초"),
            ("2022", Season, Some(Late), "2022년 말"),
            ("2022", Season, Some(Spring), "2022년 봄"),
            ("2022", Season, Some(Early), "2022년초"),
        ],
    );
}

fn relative(text: &str) -> Vec<(Option<u8>, u8, String)> {
    find_relative_days(text)
        .into_iter()
        .map(|d| (d.month, d.day, text[d.start..d.end].to_string()))
        .collect()
}

#[test]
fn one_scan_finds_what_the_two_do() {
    let text = "北は25日、2022年3月29日の会談と3月25日の合意を発表した。 On 5 May 2025.";
    assert_eq!(
        find_dates_and_days(text),
        (find_dates(text), find_relative_days(text))
    );
}

#[test]
fn relative_days() {
    assert_eq!(
        relative("북한은 25일(현지시간) 발표했다. 지난 3일에는 2022년 3월 29일 회담이 있었다."),
        vec![(None, 25, "25일".to_string()), (None, 3, "3일".to_string())]
    );
    assert_eq!(
        relative("外務省は25日、本月25日、3月25日、2022年3月29日、3日間の会談を発表した。"),
        vec![
            (None, 25, "25日".to_string()),
            (None, 25, "本月25日".to_string()),
            (Some(3), 25, "3月25日".to_string())
        ]
    );
    assert_eq!(
        relative("25일간 협상, 3월 25일, 지난달 5일, 303명"),
        vec![(Some(3), 25, "3월 25일".to_string())]
    );
}

#[test]
fn invalid_days_are_rejected() {
    check_none("on 31 April 2022");
    check_none("on 2022-02-30");
    check_none("on 29 February 2023 and 30.02.2024");
    check(
        "on 29 February 2024",
        &[("2024-02-29", Day, None, "29 February 2024")],
    );
}

#[test]
fn numbers_that_are_not_dates() {
    check_none("1,000 people; 303명; 22:17; 12:30 pm; ISBN 978-1-2022-1234-5; page 2001; p. 1999");
    check_none(
        "FY2022 budget, the 1990s, 2022km, 2022.5 units, 2022,50 euros, No. 2020, resolution 2046",
    );
    check_none("file_2022.pdf, id=2022, #2022, 12345678, 19990 and 2100 and 1899");
    check(
        "Security Council resolution 2046 (2012)",
        &[("2012", Year, None, "2012")],
    );
}

#[test]
fn urls_do_not_panic() {
    let text = "See https://example.org/2022/03/29/story and https://x.org/a/2022/b.";
    let found = summary(text);
    assert!(found.len() <= 1, "{found:?}");
    assert!(
        found.iter().all(|(date, ..)| date == "2022-03-29"),
        "{found:?}"
    );
}

fn assert_well_formed(text: &str) {
    let dates = find_dates(text);
    let mut last_end = 0;
    for m in &dates {
        assert!(m.start >= last_end && m.start < m.end, "{m:?}");
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        last_end = m.end;
    }
    for d in find_relative_days(text) {
        assert!(text.is_char_boundary(d.start) && text.is_char_boundary(d.end));
        assert!((1..=31).contains(&d.day));
    }
}

#[test]
fn garbage_does_not_panic() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut bytes = Vec::with_capacity(200_000);
    for _ in 0..200_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        // Bias towards digits, separators and multi-byte lead bytes.
        let byte = match state % 8 {
            0 => b'0' + (state >> 8) as u8 % 10,
            1 => b"-./:, '"[(state >> 8) as usize % 7],
            _ => (state >> 16) as u8,
        };
        bytes.push(byte);
    }
    let text = String::from_utf8_lossy(&bytes);
    assert_well_formed(&text);
    let sample = "2022年3月29日 29 марта 2022 آذار/مارس ٢٠٢٢ 25일";
    for (cut, _) in sample.char_indices() {
        assert_well_formed(&sample[..cut]);
        assert_well_formed(&sample[cut..]);
    }
    assert_well_formed("");
    assert_well_formed("2022");
    assert_well_formed("29 March");
    assert_well_formed("early");
    assert_well_formed("25");
}

#[test]
fn huge_mixed_input_is_scanned_whole() {
    let paragraph = "Talks on 29 March 2022 (Istanbul), 2022年3月29日、25日; 2022년 3월 29일; \
                     29 марта 2022 года; 29 آذار/مارس ٢٠٢٢; Μάρτιος 2022; fin mars 2022; 1,000 𝒳 ñ\n";
    let per_paragraph = find_dates(paragraph).len();
    assert_eq!(per_paragraph, 7);
    let repeats = 5 * 1024 * 1024 / paragraph.len() + 1;
    let text = paragraph.repeat(repeats);
    assert!(text.len() > 5 * 1024 * 1024);
    let dates = find_dates(&text);
    assert_eq!(dates.len(), per_paragraph * repeats);
    assert_eq!(find_relative_days(&text).len(), repeats);
    assert_well_formed(&text);

    // One giant token of digits, and no spaces at all.
    let digits = "2022".repeat(1 << 19);
    assert!(find_dates(&digits).is_empty());
    let glued = "年月日2022年".repeat(1 << 17);
    assert_eq!(find_dates(&glued).len(), 1 << 17);
}
