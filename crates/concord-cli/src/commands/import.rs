//! `concord import ungdc FILE`: the UN General Debate Corpus (one JSON object a speech,
//! `ungdc-speeches.jsonl.gz`) as a Concord corpus folder: one document per passage, the
//! speaking country as its party, the session's year as its date, New York (Paris for the
//! 1948 and 1951 sessions) as its venue; topics and processes are left to extraction.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

use anyhow::{Context, bail};
use concord_corpus::taxonomy::{Resolved, TAXONOMY_FILE};
use concord_corpus::{FacetGroup, Taxonomy, TaxonomyEntry};
use serde::{Deserialize, Serialize};

use crate::cli::{ImportArgs, ImportSource, Split};
use crate::commands::parts::PartWriter;

/// Passages per JSON-lines file written (fewer when they are long: see [`PartWriter`]).
const PER_FILE: u64 = 10_000;

#[derive(Deserialize)]
struct Speech {
    id: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    country_name: String,
    session: u32,
    year: i32,
    #[serde(default)]
    speaker: String,
    text: String,
}

#[derive(Serialize)]
struct Passage<'a> {
    id: String,
    title: String,
    body: String,
    date: String,
    lang: &'static str,
    doc_type: &'static str,
    source: String,
    parties: [&'a str; 1],
    venues: [&'static str; 1],
}

pub fn run(args: &ImportArgs) -> anyhow::Result<()> {
    match args.source {
        ImportSource::Ungdc => ungdc(args),
        ImportSource::Livedoor | ImportSource::ZhReports => super::import_archives::run(args),
    }
}

fn ungdc(args: &ImportArgs) -> anyhow::Result<()> {
    let (taxonomy, file, folder) = open_import(args, "ungdc")?;
    let reader: Box<dyn BufRead> = if args.file.extension().is_some_and(|ext| ext == "gz") {
        Box::new(BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut new_parties: BTreeMap<String, String> = BTreeMap::new();
    let mut parts = PartWriter::new(&folder, PER_FILE);
    let (mut speeches, mut passages) = (0usize, 0usize);
    for (number, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", args.file.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let speech: Speech = serde_json::from_str(&line).with_context(|| {
            format!("{} line {}: not a speech", args.file.display(), number + 1)
        })?;
        // A few speeches name no country: their ISO3 code stands in.
        let country_name = if speech.country_name.trim().is_empty() {
            speech.country.trim().to_string()
        } else {
            speech.country_name.trim().to_string()
        };
        let party = match taxonomy.resolve(FacetGroup::Party, &country_name) {
            Resolved::Known(id) => id,
            Resolved::Unknown(slug) => {
                new_parties.insert(slug.clone(), country_name.clone());
                slug
            }
        };
        let venue = if matches!(speech.year, 1948 | 1951) {
            "paris"
        } else {
            "new-york"
        };
        let chunks = split(&speech.text, args.split);
        let total = chunks.len();
        for (index, body) in chunks.into_iter().enumerate() {
            let passage = Passage {
                id: format!("ungdc/{}/{}", speech.id, index + 1),
                title: format!(
                    "{} at the UN General Assembly, {} (session {}), passage {} of {total}",
                    country_name,
                    speech.year,
                    speech.session,
                    index + 1
                ),
                body,
                date: format!("{:04}", speech.year),
                lang: "en",
                doc_type: "speech",
                source: format!(
                    "UN General Debate Corpus {} ({})",
                    speech.id,
                    speech.speaker.trim()
                ),
                parties: [&party],
                venues: [venue],
            };
            parts.write_line(&serde_json::to_string(&passage)?)?;
            passages += 1;
        }
        speeches += 1;
        if speeches % 1000 == 0 {
            tracing::info!("imported {speeches} speeches, {passages} passages");
        }
    }
    parts.finish()?;
    if speeches == 0 {
        bail!("no speeches in {}", args.file.display());
    }
    write_taxonomy(&taxonomy, &new_parties, &args.out)?;
    println!(
        "imported {speeches} speeches as {passages} passages into {} ({} countries added to its taxonomy)",
        args.out.display(),
        new_parties.len()
    );
    Ok(())
}

/// The passages of a speech: its paragraphs, or chunks of one or two sentences of them.
/// Transcripts come in two shapes: one paragraph a line, or lines wrapped at a fixed width
/// with a blank line between paragraphs; the second is joined back into paragraphs.
fn split(text: &str, split: Split) -> Vec<String> {
    let paragraphs: Vec<String> = if text.contains("\n\n") {
        text.split("\n\n")
            .map(|block| block.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|paragraph| !paragraph.is_empty())
            .collect()
    } else {
        text.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_string)
            .collect()
    };
    match split {
        Split::Speeches => vec![paragraphs.join("\n\n")],
        Split::Paragraphs => paragraphs,
        Split::Sentences => paragraphs
            .iter()
            .flat_map(|paragraph| sentence_pairs(paragraph))
            .map(str::to_string)
            .collect(),
    }
}

/// A paragraph cut after every second sentence end (". ", "? ", "! " before a capital).
fn sentence_pairs(paragraph: &str) -> Vec<&str> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut ends = 0;
    let bytes = paragraph.as_bytes();
    for (at, ch) in paragraph.char_indices() {
        let end = at + ch.len_utf8();
        let sentence_end = matches!(ch, '.' | '?' | '!')
            && bytes.get(end) == Some(&b' ')
            && paragraph[end + 1..].starts_with(|next: char| next.is_uppercase());
        if sentence_end {
            ends += 1;
            if ends == 2 {
                chunks.push(paragraph[start..end].trim());
                start = end + 1;
                ends = 0;
            }
        }
    }
    if start < paragraph.len() {
        chunks.push(paragraph[start..].trim());
    }
    chunks.retain(|chunk| !chunk.is_empty());
    chunks
}

/// What every import starts with: the taxonomy of `--taxonomy-from`, the input file opened,
/// and the output's `name` folder created.
pub(crate) fn open_import(
    args: &ImportArgs,
    name: &str,
) -> anyhow::Result<(Taxonomy, std::fs::File, PathBuf)> {
    let taxonomy = Taxonomy::load_from_corpus(&args.taxonomy_from).with_context(|| {
        format!(
            "cannot read the taxonomy of {}",
            args.taxonomy_from.display()
        )
    })?;
    let file = std::fs::File::open(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let folder = args.out.join(name);
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create {}", folder.display()))?;
    Ok((taxonomy, file, folder))
}

/// The source taxonomy plus the countries it lacked, as the imported folder's taxonomy.
pub(crate) fn write_taxonomy(
    taxonomy: &Taxonomy,
    new_parties: &BTreeMap<String, String>,
    out: &std::path::Path,
) -> anyhow::Result<()> {
    let mut groups: BTreeMap<&str, Vec<TaxonomyEntry>> = BTreeMap::new();
    for group in FacetGroup::TAXONOMY {
        groups.insert(group.name(), taxonomy.entries(group).to_vec());
    }
    let parties = groups.entry(FacetGroup::Party.name()).or_default();
    for (id, label) in new_parties {
        parties.push(TaxonomyEntry {
            id: id.clone(),
            label: label.clone(),
            kind: Some("state".to_string()),
            ..TaxonomyEntry::default()
        });
    }
    let yaml = serde_yaml::to_string(&groups)?;
    Taxonomy::from_yaml(&yaml).map_err(|problems| {
        anyhow::anyhow!("the merged taxonomy is invalid: {}", problems.join("; "))
    })?;
    let path = out.join(TAXONOMY_FILE);
    std::fs::write(&path, yaml).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_into_pairs_of_sentences() {
        let text = "One. Two is here. Three? Four! five lower. Six.\nSecond paragraph.";
        assert_eq!(
            split(text, Split::Sentences),
            [
                "One. Two is here.",
                "Three? Four! five lower.",
                "Six.",
                "Second paragraph."
            ]
        );
        // "Four! five" is no sentence end: a capital must follow.
        assert_eq!(split(text, Split::Paragraphs).len(), 2);
        assert_eq!(split(text, Split::Speeches).len(), 1);
    }

    #[test]
    fn wrapped_lines_are_joined_into_their_paragraphs() {
        let text = "First of all, I thank the \nGeneral Assembly. \n\nAs the Assembly \nknows.";
        assert_eq!(
            split(text, Split::Paragraphs),
            [
                "First of all, I thank the General Assembly.",
                "As the Assembly knows."
            ]
        );
    }
}
