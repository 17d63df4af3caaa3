//! Whole-document extraction: a page shaped like the seed, HTML furniture, and inputs that
//! must never make extraction panic.

use proptest::prelude::*;

use super::*;

const TAXONOMY: &str = r#"
party:
  - { id: russia, label: Russia, aliases: [Russian Federation, Россия, России, ロシア] }
  - { id: ukraine, label: Ukraine, aliases: [Украина, Украины, ウクライナ] }
  - { id: turkey, label: Türkiye, aliases: [Turkey, Turkish, トルコ] }
  - { id: united-states, label: United States, aliases: [US, U.S.] }
  - { id: united-kingdom, label: United Kingdom, aliases: [UK] }
  - { id: france, label: France }
venue:
  - { id: istanbul, label: Istanbul, aliases: [İstanbul, Стамбул, イスタンブール] }
  - { id: abu-dhabi, label: Abu Dhabi }
topic:
  - { id: neutrality, label: Neutrality, aliases: [neutral status, 中立] }
  - { id: security-guarantees, label: Security guarantees, aliases: [security guarantee] }
  - { id: prisoner-exchange, label: Prisoner exchange, aliases: [prisoner swap, 捕虜交換] }
process:
  - { id: russia-ukraine-talks-2022, label: "Russia–Ukraine talks (2022)", aliases: [Istanbul Communiqué, Istanbul talks] }
"#;

const SEED_LIKE: &str = "Istanbul peace talks¹

Menu   Search   Regions   Briefings

The Istanbul talks of March 2022 are the closest Russia and Ukraine have come to a settlement.² \
Ukraine offered neutral status in exchange for security guarantees; Russia weighed the offer. \
Turkey hosted the delegations in Istanbul.

As of early 2026, the legacy of these talks resurfaced; the US and France watched. \
Russia and Ukraine held a prisoner swap. Security guarantees remained the sticking point, \
and Ukraine insisted on neutrality only with guarantees. https://x.com/i/status/2020087211832598918

¹ A note on the talks.
² Another note.

Key References

Institute for the Study of War: Fact Sheet, https://www.understandingwar.org/

Qqt

Σχετικές δημοσιεύσεις

Αφήστε ένα σχόλιο
";

fn extractor() -> Extractor {
    Extractor::new(&Taxonomy::from_yaml(TAXONOMY).unwrap())
}

/// What extraction made of one value the document mentions.
fn salience_of<'a>(extraction: &'a Extraction, id: &str) -> &'a Salience {
    extraction
        .salience
        .iter()
        .find(|entry| entry.id == id)
        .unwrap_or_else(|| panic!("{id} is not mentioned"))
}

#[test]
fn a_seed_like_page_yields_its_metadata_and_provenance() {
    let extraction = extractor().extract(SEED_LIKE, Format::Text);
    assert_eq!(extraction.title, "Istanbul peace talks");
    assert_eq!(
        extraction.date.map(|date| date.to_string()).as_deref(),
        Some("2022-03")
    );
    // Most salient first: Ukraine is named more often than Russia here.
    assert_eq!(extraction.parties, ["ukraine", "russia"]);
    assert_eq!(extraction.venues, ["istanbul"]);
    assert!(
        extraction
            .topics
            .contains(&"security-guarantees".to_string())
    );
    assert!(extraction.topics.contains(&"neutrality".to_string()));
    assert_eq!(extraction.processes, ["russia-ukraine-talks-2022"]);
    assert_eq!(extraction.lang.as_deref(), Some("en"));
    assert_eq!(extraction.footnotes.len(), 2);
    assert_eq!(extraction.references.len(), 1);
    let urls: Vec<_> = extraction
        .links
        .iter()
        .map(|link| link.url.as_str())
        .collect();
    assert_eq!(
        urls,
        [
            "https://x.com/i/status/2020087211832598918",
            "https://www.understandingwar.org/"
        ]
    );
    assert!(!extraction.body.contains("Σχετικές"));
    assert!(!extraction.body.contains("Qqt"));
    assert!(!extraction.body.contains("Menu"));
    // A party named once in passing is kept as a mention, not as a party.
    assert!(
        extraction
            .salience
            .iter()
            .any(|entry| entry.id == "france" && !entry.salient)
    );
}

/// The test taxonomy with `roles` (`parties: [...]`, `supporters: [...]`) on its process.
fn with_roles(roles: &str) -> Taxonomy {
    let label = "label: \"Russia–Ukraine talks (2022)\",";
    Taxonomy::from_yaml(&TAXONOMY.replace(label, &format!("{label} {roles},"))).unwrap()
}

/// Asserts that `id` is mentioned but not indexed, and that the explanation says `why`.
fn in_passing_because(extraction: &Extraction, id: &str, why: &str) {
    let entry = salience_of(extraction, id);
    assert!(!entry.salient, "{entry:?}");
    assert!(entry.reason.contains(why), "{entry:?}");
}

#[test]
fn a_principal_of_the_process_named_once_late_is_a_party() {
    let taxonomy = with_roles("parties: [russia, ukraine, turkey]");
    // Turkey and France are each named once, after the opening (30 %) and before the last
    // 40 % of the text.
    let page = "The Istanbul talks\n\nThe Istanbul talks of March 2022 brought Russia and \
                Ukraine to one table. The delegations discussed neutrality for weeks, then \
                security guarantees. The host, Turkey, said it would mediate again, and \
                France asked to observe. Then came a prisoner swap, and the Istanbul talks \
                ended without a treaty. Many governments watched the Istanbul talks closely \
                and commented on them in the weeks after the delegations went home.";
    let extraction = Extractor::new(&taxonomy).extract(page, Format::Text);
    let turkey = salience_of(&extraction, "turkey");
    assert!(turkey.salient, "{turkey:?}");
    assert!(
        turkey
            .reason
            .contains("principal of the process russia-ukraine-talks-2022"),
        "{turkey:?}"
    );
    assert!(extraction.parties.contains(&"turkey".to_string()));
    // Named as early, but no principal of the process: in passing.
    let france = salience_of(&extraction, "france");
    assert!(!france.salient, "{france:?}");
    // Without principals in the taxonomy, Turkey stays in passing.
    let plain = extractor().extract(page, Format::Text);
    assert!(!plain.parties.contains(&"turkey".to_string()));
}

#[test]
fn a_supporter_of_the_process_named_once_stays_a_mention() {
    let taxonomy = with_roles("parties: [russia, ukraine, turkey], supporters: [france]");
    let page = "The Istanbul talks\n\nThe Istanbul talks of March 2022 brought Russia and \
                Ukraine to one table. The delegations discussed neutrality for weeks, then \
                security guarantees. France witnessed the final session, and Turkey said it \
                would mediate again. Then came a prisoner swap, and the Istanbul talks \
                ended without a treaty. Many governments watched the Istanbul talks closely \
                and commented on them in the weeks after the delegations went home.";
    let extraction = Extractor::new(&taxonomy).extract(page, Format::Text);
    in_passing_because(
        &extraction,
        "france",
        "a supporter of the process russia-ukraine-talks-2022",
    );
    assert!(extraction.parties.contains(&"turkey".to_string()));
}

#[test]
fn a_party_named_once_with_no_role_in_the_process_is_in_passing() {
    let taxonomy = with_roles("parties: [russia, ukraine, turkey], supporters: [united-kingdom]");
    // France and the United Kingdom are each named once, early (among the opening actors).
    let page = "The Istanbul talks\n\nThe Istanbul talks of March 2022, which France and the \
                UK followed, brought Russia and Ukraine to one table. Russia and Ukraine \
                discussed neutrality for weeks, then security guarantees, and the Istanbul \
                talks ended without a treaty. Russia later said the draft was a basis; \
                Ukraine said it was not. The Istanbul talks are still studied.";
    let extraction = Extractor::new(&taxonomy).extract(page, Format::Text);
    in_passing_because(
        &extraction,
        "france",
        "but named once, with no role in the process russia-ukraine-talks-2022",
    );
    // A supporter of the process keeps its place among the opening actors.
    assert!(salience_of(&extraction, "united-kingdom").salient);
    // Without roles in the taxonomy, an opening actor named once stays a party.
    let plain = extractor().extract(page, Format::Text);
    assert!(plain.parties.contains(&"france".to_string()));
}

#[test]
fn a_host_that_is_no_principal_is_not_a_party() {
    let taxonomy = Taxonomy::from_yaml(
        r#"
party:
  - { id: switzerland, label: Switzerland }
  - { id: greece, label: Greece }
  - { id: turkey, label: Türkiye, aliases: [Turkey] }
  - { id: united-kingdom, label: United Kingdom }
venue:
  - { id: crans-montana, label: Crans-Montana, country: Switzerland }
  - { id: istanbul, label: Istanbul, country: Türkiye }
process:
  - { id: cyprus, label: Cyprus talks, parties: [greece, turkey, united-kingdom], aliases: [Cyprus conference] }
"#,
    )
    .unwrap();
    let page = "The Cyprus conference in Crans-Montana\n\nSwitzerland hosted the Cyprus \
                conference in Crans-Montana, where Greece, Turkey and the United Kingdom, the \
                guarantor powers, met in July 2017. The Cyprus conference in Crans-Montana \
                ended without a settlement.";
    let extraction = Extractor::new(&taxonomy).extract(page, Format::Text);
    in_passing_because(&extraction, "switzerland", "only the host of crans-montana");
    for party in ["greece", "turkey", "united-kingdom"] {
        assert!(extraction.parties.contains(&party.to_string()), "{party}");
    }
    // A host that is a principal of the process stays a party.
    let page = "The Cyprus conference in Istanbul\n\nTurkey hosted the Cyprus conference in \
                Istanbul with Greece and the United Kingdom. The Cyprus conference in Istanbul \
                ended without a settlement.";
    let extraction = Extractor::new(&taxonomy).extract(page, Format::Text);
    assert!(extraction.parties.contains(&"turkey".to_string()));
    // ... even when named only at the end.
    let page = "The Cyprus conference in Istanbul\n\nGreece and the United Kingdom met at the \
                Cyprus conference in Istanbul. The Cyprus conference in Istanbul went on for a \
                week and ended without a settlement; the delegations flew home and the talks \
                paused for the summer, as the host, Turkey, had expected.";
    let extraction = Extractor::new(&taxonomy).extract(page, Format::Text);
    let turkey = salience_of(&extraction, "turkey");
    assert!(turkey.first > 0.6 && turkey.salient, "{turkey:?}");
}

#[test]
fn html_furniture_is_dropped_and_anchors_kept() {
    let page = r#"<html><head><title>Site | Talks</title></head><body>
        <nav><a href="https://news.example/">Home</a> | <a href="/world">World</a></nav>
        <div class="cookie-bar">We use cookies to improve your experience.</div>
        <article><h1>ロシアとウクライナ、イスタンブールで捕虜交換</h1>
        <p>2025年5月16日、ロシアとウクライナはイスタンブールで直接協議を行い、捕虜交換で合意した。
        <a href="https://www.mfa.gov.tr/">トルコ外務省</a>が仲介した。</p></article>
        <div class="share-buttons">Share on X</div>
        <footer>© 2025 News Example</footer></body></html>"#;
    let extraction = extractor().extract(page, Format::Html);
    assert_eq!(
        extraction.title,
        "ロシアとウクライナ、イスタンブールで捕虜交換"
    );
    assert_eq!(
        extraction.date.map(|date| date.to_string()).as_deref(),
        Some("2025-05-16")
    );
    assert_eq!(extraction.parties, ["russia", "ukraine"]);
    assert_eq!(extraction.venues, ["istanbul"]);
    assert_eq!(extraction.topics, ["prisoner-exchange"]);
    assert_eq!(extraction.lang.as_deref(), Some("ja"));
    assert!(!extraction.body.contains("cookies"));
    assert!(!extraction.body.contains("Share"));
    assert!(!extraction.body.contains("©"));
    assert_eq!(extraction.links.len(), 1, "{:?}", extraction.links);
    assert_eq!(extraction.links[0].url, "https://www.mfa.gov.tr/");
}

#[test]
fn mention_offsets_point_at_the_names() {
    let extraction = extractor().extract(SEED_LIKE, Format::Text);
    let text = extraction.analysed_text();
    for mention in &extraction.mentions {
        let found = &text[mention.start..mention.end];
        assert!(!found.is_empty());
    }
    let notes = extraction.notes_text();
    for candidate in &extraction.date_candidates {
        let source = if candidate.origin == primary::Origin::Notes {
            &notes
        } else {
            &text
        };
        assert_eq!(&source[candidate.start..candidate.end], candidate.text);
    }
}

#[test]
fn a_huge_input_is_handled() {
    let page = SEED_LIKE.repeat(2000);
    let extraction = extractor().extract(&page, Format::Text);
    let mut principal = extraction.parties[..2].to_vec();
    principal.sort();
    assert_eq!(principal, ["russia", "ukraine"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn extraction_never_panics_on_arbitrary_text(text in "\\PC{0,400}") {
        let extractor = extractor();
        let _ = extractor.extract(&text, Format::Text);
        let _ = extractor.extract(&text, Format::Html);
    }

    #[test]
    fn extraction_never_panics_on_page_like_fragments(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("<a href=\"https://x.org\">".to_string()),
                Just("</a>".to_string()),
                Just("<div class=\"share\">".to_string()),
                Just("</div>".to_string()),
                Just("&gt;".to_string()),
                Just("&".to_string()),
                Just("29 марта 2022".to_string()),
                Just("2022年3月29日".to_string()),
                Just("25일".to_string()),
                Just("İstanbul'daki".to_string()),
                Just("¹".to_string()),
                Just("\n".to_string()),
                "\\PC{0,12}",
            ],
            0..60,
        )
    ) {
        let text = parts.concat();
        let extractor = extractor();
        let _ = extractor.extract(&text, Format::Html);
        let _ = extractor.extract(&text, Format::Text);
    }
}
