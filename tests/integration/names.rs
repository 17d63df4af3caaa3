//! A name in any script (issue 21): a query word that names a taxonomy value also finds the
//! pages indexed under it in the other scripts. The corpus is `tests/fixtures/multilingual`
//! with the shipped taxonomy and four raw pages written for this test, each naming a venue
//! only in its own script (Минск, 판문점, イスタンブール, Κραν Μοντανά), and one English page
//! that names Istanbul in its words.

use std::path::PathBuf;
use std::sync::OnceLock;

use concord_server::AppState;
use serde_json::Value;

use crate::support::{build_state, dictionaries, get_from, multilingual_corpus, scratch_dir};

/// Raw pages: (file, text). Extraction indexes each under its venue.
const PAGES: [(&str, &str); 5] = [
    (
        "minsk-ru.txt",
        "Переговоры в Минске\n\nДелегации снова встретились в Минске, чтобы обсудить \
         прекращение огня на линии соприкосновения. Встреча в Минске длилась два дня.\n",
    ),
    (
        "panmunjom-ko.txt",
        "판문점 회담\n\n남북 대표단은 판문점에서 만나 군사 긴장 완화를 논의했다. \
         판문점 회담은 하루 종일 계속되었다.\n",
    ),
    (
        "istanbul-ja.txt",
        "イスタンブールでの協議\n\n両国の代表団はイスタンブールで会談し、穀物の輸送について\
         協議した。イスタンブールでの協議は三日間続いた。\n",
    ),
    (
        "crans-montana-el.txt",
        "Συνομιλίες στο Κραν Μοντανά\n\nΟι αντιπροσωπείες συναντήθηκαν στο Κραν Μοντανά για \
         το Κυπριακό. Οι συνομιλίες στο Κραν Μοντανά κράτησαν δέκα ημέρες.\n",
    ),
    (
        "istanbul-en.txt",
        "Grain corridor talks in Istanbul\n\nThe delegations met in Istanbul to discuss \
         the grain corridor. The Istanbul talks lasted three days.\n",
    ),
];

fn corpus() -> PathBuf {
    let dir = scratch_dir("names-corpus");
    for entry in std::fs::read_dir(multilingual_corpus()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let taxonomy = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/taxonomy.yaml");
    std::fs::copy(taxonomy, dir.join("taxonomy.yaml")).unwrap();
    for (file, text) in PAGES {
        std::fs::write(dir.join(file), text).unwrap();
    }
    for (file, text) in LEADER_PAGES {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

/// Two pages indexed under Ukraine that name no person: one from before Zelensky took
/// office (2019), one from his term.
const LEADER_PAGES: [(&str, &str); 2] = [
    (
        "ukraine-2015.md",
        "---\ntitle: \"Grain exports resume\"\ndate: 2015-03-02\nparties: [ukraine]\nlang: en\n---\n\
         The ministry said that grain exports resumed through the southern ports.\n",
    ),
    (
        "ukraine-2023.md",
        "---\ntitle: \"Grain exports resume again\"\ndate: 2023-08-01\nparties: [ukraine]\nlang: en\n---\n\
         The ministry said that grain exports resumed through the southern ports.\n",
    ),
];

fn state() -> AppState {
    static STATE: OnceLock<AppState> = OnceLock::new();
    STATE
        .get_or_init(|| build_state(&corpus(), "names-index", &dictionaries()))
        .clone()
}

async fn search(query: &str) -> Value {
    let (status, body) = get_from(state(), &format!("/api/search?{query}")).await;
    assert_eq!(status, 200, "{query}: {body}");
    body
}

fn titles(body: &Value) -> Vec<String> {
    body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["title"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_latin_name_finds_the_page_in_each_other_script() {
    let cases = [
        // (query, venue, title of the page that names it only in its own script)
        ("Minsk", "minsk", "Переговоры в Минске"),
        ("Panmunjom", "panmunjom", "판문점 회담"),
        ("Istanbul", "istanbul", "イスタンブールでの協議"),
        (
            "Crans-Montana",
            "crans-montana",
            "Συνομιλίες στο Κραν Μοντανά",
        ),
    ];
    for (query, venue, title) in cases {
        let filtered = search(&format!("venue={venue}")).await;
        assert!(
            titles(&filtered).contains(&title.to_string()),
            "venue={venue}: {filtered}"
        );
        let without = search(&format!("q={query}&entities=false")).await;
        assert!(
            !titles(&without).contains(&title.to_string()),
            "{query}: {without}"
        );
        assert!(without.get("entities").is_none(), "{without}");
        let body = search(&format!("q={query}")).await;
        assert!(
            titles(&body).contains(&title.to_string()),
            "{query}: {body}"
        );
        assert_eq!(
            body["entities"][0],
            serde_json::json!({
                "text": query, "group": "venue", "value": venue,
                "label": body["entities"][0]["label"]
            }),
            "{body}"
        );
        for matching in ["any"] {
            let any = search(&format!("q={query}&match={matching}")).await;
            assert!(titles(&any).contains(&title.to_string()), "{query}: {any}");
        }
    }
    // The other way round: the name in another script finds the Latin page.
    let body = search("q=%E3%82%A4%E3%82%B9%E3%82%BF%E3%83%B3%E3%83%96%E3%83%BC%E3%83%AB").await;
    assert!(
        titles(&body).contains(&"Grain corridor talks in Istanbul".to_string()),
        "イスタンブール: {body}"
    );
}

#[tokio::test]
async fn a_page_with_the_word_ranks_above_one_only_indexed_under_the_value() {
    let body = search("q=Istanbul").await;
    let titles = titles(&body);
    let own = titles
        .iter()
        .position(|title| title == "Grain corridor talks in Istanbul");
    let other = titles
        .iter()
        .position(|title| title == "イスタンブールでの協議");
    assert!(own.is_some() && other.is_some() && own < other, "{body}");
    let scores: Vec<f64> = body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores[own.unwrap()] > 10.0 * scores[other.unwrap()],
        "{scores:?}"
    );
    // A name and another word: both must still match, the name either way.
    let talks = search("q=Istanbul%20talks").await;
    assert_eq!(
        talks["hits"][0]["title"], "Grain corridor talks in Istanbul",
        "{talks}"
    );
}

#[tokio::test]
async fn without_names_or_with_entities_false_the_answer_is_unchanged() {
    let plain = search("q=ceasefire").await;
    assert!(plain.get("entities").is_none(), "{plain}");
    let off = search("q=ceasefire&entities=false").await;
    assert_eq!(plain["total"], off["total"]);
    assert_eq!(titles(&plain), titles(&off));
    let (status, body) = get_from(state(), "/api/search?q=Minsk&entities=maybe").await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn a_leader_stands_for_the_party_only_in_the_years_of_office() {
    // Zelensky leads Ukraine from 2019 in the shipped taxonomy: the 2023 page is found
    // through the name in any script, the 2015 page is not.
    for name in ["Zelensky", "Зеленский", "Zelenskyy"] {
        let found = titles(&search(&format!("q={name}+grain")).await);
        assert_eq!(found, ["Grain exports resume again"], "{name}");
    }
    // Named as the party itself, every date.
    let found = titles(&search("q=Ukraine+grain").await);
    assert!(
        found.contains(&"Grain exports resume".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"Grain exports resume again".to_string()),
        "{found:?}"
    );
    // match=any scopes the same way.
    let found = titles(&search("q=Zelensky&match=any").await);
    assert!(
        found.contains(&"Grain exports resume again".to_string()),
        "{found:?}"
    );
    assert!(
        !found.contains(&"Grain exports resume".to_string()),
        "{found:?}"
    );
}

#[tokio::test]
async fn a_misspelt_name_finds_the_pages_of_the_name_it_is_near() {
    // Typos and names together: a word no page has, an edit from a name (Spanish `Istambul`,
    // a swap in `Pamnunjom`), finds the pages written in other scripts, and says so.
    for (query, venue, title) in [
        ("Istambul", "istanbul", "イスタンブールでの協議"),
        ("Pamnunjom", "panmunjom", "판문점 회담"),
        ("Mnisk", "minsk", "Переговоры в Минске"),
    ] {
        let body = search(&format!("q={query}")).await;
        assert!(
            titles(&body).contains(&title.to_string()),
            "{query}: {body}"
        );
        assert_eq!(body["entities"][0]["text"], query, "{body}");
        assert_eq!(body["entities"][0]["value"], venue, "{body}");
        // Typos off: the word is taken as typed, and names nothing.
        let exact = search(&format!("q={query}&typos=0")).await;
        assert!(exact.get("entities").is_none(), "{query}: {exact}");
        assert!(
            !titles(&exact).contains(&title.to_string()),
            "{query}: {exact}"
        );
    }
    // A word the pages have is no misspelt name: `grain` is not a name, `talks` neither.
    let body = search("q=grain+talks").await;
    assert!(body.get("entities").is_none(), "{body}");
}
