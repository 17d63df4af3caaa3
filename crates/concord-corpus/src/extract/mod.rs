//! Metadata extraction from raw documents: title, clean body, provenance (links, footnotes,
//! references), every date with the primary one, and the taxonomy's parties, venues, topics
//! and processes with their salience, each with the reason it was chosen.
//!
//! The reader fills a document's missing metadata from its extraction; front matter always
//! wins. `concord extract` prints an [`Extraction`] for people, `--json` for scripts.
//!
//! Extraction owns everything between a raw page and its metadata: cleaning, finding dates
//! and names, choosing the primary date, scoring salience and roles, and measuring itself.
//!
//! - [`clean`]: the page's title, body, footnotes and references, without its furniture.
//! - [`links`]: the URLs a page cites.
//! - [`dates`]: every date mentioned in running text, in every corpus language (a folder:
//!   tables, tokenizer, scanner, patterns, windows).
//! - [`weekdays`]: weekday names, read against the dateline.
//! - [`primary`]: the primary date, chosen among the dates with the evidence.
//! - [`normalize`]: the match form text and taxonomy names are compared in.
//! - [`matcher`]: the taxonomy's names (labels, aliases, leaders) found in text.
//! - [`salience`]: how central each mentioned value is, and which ones the document is about.
//! - [`roles`]: parties and processes weighed by the roles the taxonomy records.
//! - [`evaluate`]: extraction measured against hand-coded labels.
//!
//! Dependency direction: extraction may use the model ([`crate::date`], [`crate::calendar`],
//! [`crate::facet`], [`crate::taxonomy`], [`crate::slug`], [`crate::html`], [`crate::raw`],
//! [`crate::detect`], [`crate::document`], [`crate::fold`]) and never the reader
//! ([`crate::reader`]); the reader calls extraction. It stays a folder of `concord-corpus`,
//! not a crate of its own, because it needs the model types and the reader needs it: a crate
//! would have to take the model with it or make a cycle.

pub mod clean;
pub mod dates;
pub mod evaluate;
pub mod links;
pub mod matcher;
pub mod normalize;
pub mod primary;
pub mod roles;
pub mod salience;
pub mod weekdays;

use serde::Serialize;

use crate::date::PartialDate;
use crate::detect::detect_language;
use crate::facet::FacetGroup;
use crate::html;
use crate::taxonomy::Taxonomy;
use clean::{Footnote, Removed};
use dates::DateMention;
use links::Link;
use matcher::{AliasMatcher, Mention};
use primary::Candidate;
use salience::Salience;

/// The kind of raw input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
}

impl Format {
    /// `.html`/`.htm` files are HTML; everything else is read as text.
    pub fn of_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|extension| extension.to_str()) {
            Some(extension)
                if extension.eq_ignore_ascii_case("html")
                    || extension.eq_ignore_ascii_case("htm") =>
            {
                Format::Html
            }
            _ => Format::Text,
        }
    }
}

/// Everything extracted from one document, with the evidence.
#[derive(Clone, Debug, Serialize)]
pub struct Extraction {
    pub title: String,
    pub body: String,
    pub lang: Option<String>,
    /// The chosen primary date, if the document mentions any.
    pub date: Option<PartialDate>,
    pub parties: Vec<String>,
    pub venues: Vec<String>,
    pub topics: Vec<String>,
    pub processes: Vec<String>,
    pub links: Vec<Link>,
    pub footnotes: Vec<Footnote>,
    pub references: Vec<String>,
    /// Why: every date candidate, best first. Offsets of candidates found in the notes
    /// point into [`Extraction::notes_text`].
    pub date_candidates: Vec<Candidate>,
    /// Why: every mentioned taxonomy value with its score, highest first.
    pub salience: Vec<Salience>,
    /// Every taxonomy name found, in text order (offsets into `title + "\n\n" + body`).
    pub mentions: Vec<Mention>,
    /// Every date found, in text order.
    pub dates: Vec<DateMention>,
    /// Lines removed as page furniture, and why.
    pub removed: Vec<Removed>,
}

impl Extraction {
    /// The text that offsets point into.
    pub fn analysed_text(&self) -> String {
        format!("{}\n\n{}", self.title, self.body)
    }

    /// Footnotes then references, one per line: where notes' date candidates point.
    pub fn notes_text(&self) -> String {
        join_notes(&self.footnotes, &self.references)
    }
}

/// Footnotes then references, one per line.
fn join_notes(footnotes: &[Footnote], references: &[String]) -> String {
    footnotes
        .iter()
        .map(|note| note.text.as_str())
        .chain(references.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Extracts metadata with one taxonomy's names; build once, use for many documents.
pub struct Extractor {
    matcher: AliasMatcher,
    /// What the taxonomy records of each process: roles, years, venues.
    processes: std::collections::BTreeMap<String, roles::Process>,
    /// Each venue's country as a party id, where the taxonomy has that party.
    hosts: std::collections::HashMap<String, String>,
}

impl Extractor {
    pub fn new(taxonomy: &Taxonomy) -> Extractor {
        Extractor {
            matcher: AliasMatcher::new(taxonomy),
            processes: taxonomy
                .entries(FacetGroup::Process)
                .iter()
                .map(|process| {
                    let facts = roles::Process {
                        principals: process.parties.clone(),
                        supporters: process.supporters.clone(),
                        years: process.years,
                        venues: process.venues.clone(),
                    };
                    (process.id.clone(), facts)
                })
                .collect(),
            hosts: taxonomy
                .entries(FacetGroup::Venue)
                .iter()
                .filter_map(|venue| {
                    let country = venue.country.as_deref()?;
                    match taxonomy.resolve(FacetGroup::Party, country) {
                        crate::taxonomy::Resolved::Known(party) => Some((venue.id.clone(), party)),
                        crate::taxonomy::Resolved::Unknown(_) => None,
                    }
                })
                .collect(),
        }
    }

    /// Extracts from a raw file's contents.
    pub fn extract(&self, contents: &str, format: Format) -> Extraction {
        let (page_title, text, mut links) = match format {
            Format::Html => {
                let anchors = html::article_anchors(contents);
                let mut links = Vec::new();
                for (url, text) in anchors {
                    let text = (!text.is_empty()).then_some(text);
                    links::push_unique(&mut links, url, text);
                }
                (
                    html::headline(contents),
                    html::article_text(contents),
                    links,
                )
            }
            Format::Text => (None, contents.to_string(), Vec::new()),
        };
        let cleaned = clean::clean(&text, page_title.is_none());
        let title = page_title.or(cleaned.title).unwrap_or_default();
        for link in links::find_urls(&cleaned.body)
            .into_iter()
            .chain(
                cleaned
                    .references
                    .iter()
                    .flat_map(|line| links::find_urls(line)),
            )
            .chain(
                cleaned
                    .footnotes
                    .iter()
                    .flat_map(|note| links::find_urls(&note.text)),
            )
        {
            links::push_unique(&mut links, link.url, link.text);
        }
        self.analyse(
            title,
            cleaned.body,
            links,
            cleaned.footnotes,
            cleaned.references,
            cleaned.removed,
        )
    }

    /// Extracts taxonomy values from a document whose title and body are known (Markdown or
    /// JSON lines with some metadata missing), and its dates when it declares no `date` (a
    /// declared date still places the document in a process's years). The language is not
    /// detected here (the reader does it when the document declares none), so `lang` is `None`.
    pub fn extract_known(&self, title: &str, body: &str, date: Option<PartialDate>) -> Extraction {
        let links = links::find_urls(body);
        self.analyse_with(
            Analysis {
                dates: date.is_none(),
                language: false,
                year: date.map(|date| date.year),
            },
            title.to_string(),
            body.to_string(),
            links,
            Vec::new(),
            Vec::new(),
            Vec::new(),
        )
    }

    fn analyse(
        &self,
        title: String,
        body: String,
        links: Vec<Link>,
        footnotes: Vec<Footnote>,
        references: Vec<String>,
        removed: Vec<Removed>,
    ) -> Extraction {
        let everything = Analysis {
            dates: true,
            language: true,
            year: None,
        };
        self.analyse_with(
            everything, title, body, links, footnotes, references, removed,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn analyse_with(
        &self,
        analysis: Analysis,
        title: String,
        body: String,
        links: Vec<Link>,
        footnotes: Vec<Footnote>,
        references: Vec<String>,
        removed: Vec<Removed>,
    ) -> Extraction {
        let text = format!("{title}\n\n{body}");
        let title_end = title.len();
        let lead_end = lead_end(&text, title_end + 2, body.len());
        let (date_mentions, date_candidates) = if analysis.dates {
            let (date_mentions, relative_days) = dates::find_dates_and_days(&text);
            let notes = join_notes(&footnotes, &references);
            let candidates = primary::rank(&primary::Evidence {
                text: &text,
                title_end,
                lead_end,
                mentions: &date_mentions,
                relative_days: &relative_days,
                weekdays: &weekdays::find_weekdays(&text),
                notes: &notes,
                note_mentions: &dates::find_dates(&notes),
            });
            (date_mentions, candidates)
        } else {
            (Vec::new(), Vec::new())
        };
        let year = (date_candidates.first().map(|best| best.date.year)).or(analysis.year);
        let mentions = self.matcher.find(&text, year);
        let layout = salience::Layout {
            title_end,
            lead_end,
            text_len: text.len(),
        };
        let mut salience = salience::score(&mentions, layout);
        roles::infer_process(&mut salience, &self.processes, year);
        roles::weigh_roles(&mut salience, &self.processes, &self.hosts);
        let salient = |group: FacetGroup| -> Vec<String> {
            salience
                .iter()
                .filter(|entry| entry.group == group && entry.salient)
                .map(|entry| entry.id.clone())
                .collect()
        };
        Extraction {
            lang: if analysis.language {
                detect_language(&text)
            } else {
                None
            },
            date: date_candidates.first().map(|best| best.date),
            parties: salient(FacetGroup::Party),
            venues: salient(FacetGroup::Venue),
            topics: salient(FacetGroup::Topic),
            processes: salient(FacetGroup::Process),
            title,
            body,
            links,
            footnotes,
            references,
            date_candidates,
            salience,
            mentions,
            dates: date_mentions,
            removed,
        }
    }
}

/// Which costly parts of the analysis to run.
#[derive(Clone, Copy)]
struct Analysis {
    dates: bool,
    language: bool,
    /// The year of a date the document declares.
    year: Option<i32>,
}

/// The lead: the first fifth of the body, and at least its first 600 bytes, ending on a
/// character boundary.
fn lead_end(text: &str, body_start: usize, body_len: usize) -> usize {
    let mut end = (body_start + (body_len / 5).max(600)).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests;
