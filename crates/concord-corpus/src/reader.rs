//! Reads a corpus folder: Markdown with YAML front matter, plain text and JSON lines.
//!
//! A file that cannot be read as a document is reported as [`Skipped`] with its path and the
//! reason, and reading goes on; problems that lose no data (an unknown taxonomy value kept as a
//! slug, an unknown field) are reported as [`Warning`]s.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use walkdir::WalkDir;

use crate::config::{CONFIG_FILE, CorpusConfig};
use crate::date::PartialDate;
use crate::detect::detect_language;
use crate::document::{Document, Provenance};
use crate::error::CorpusError;
use crate::extract::{Extraction, Extractor, Format as RawFormat};
use crate::facet::FacetGroup;
use crate::raw::{OneOrMany, RawMeta, Scalar};
use crate::slug::slugify;
use crate::taxonomy::{Resolved, TAXONOMY_FILE, Taxonomy};

/// Files larger than this are skipped: they are almost certainly not a single document.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// Everything read from a corpus folder.
#[derive(Debug, Default)]
pub struct CorpusLoad {
    pub documents: Vec<Document>,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<Warning>,
    pub taxonomy: Taxonomy,
}

/// A file (or JSON line) that was not indexed, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Path relative to the corpus root, with `:N` for line N of a JSON-lines file.
    pub path: String,
    pub reason: String,
}

/// A problem that lost no data but that a librarian should fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub path: String,
    /// The line of the file the problem is on, where known.
    pub line: Option<usize>,
    pub kind: WarningKind,
    pub message: String,
}

/// What kind of problem a [`Warning`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// A party, venue, topic or process the taxonomy does not know (kept as a slug).
    UnknownValue,
    /// A facet value with no letters or digits (dropped).
    EmptyValue,
    /// A metadata field Concord does not know (ignored).
    UnknownField,
    /// A file of a type Concord does not read (ignored).
    UnsupportedFile,
    /// A symbolic link that loops back to a folder above it or points nowhere (ignored).
    BadLink,
}

/// Where a document came from, to point warnings at a line.
struct Source<'a> {
    /// Path, with `:N` for a JSON line.
    location: &'a str,
    /// Path of the file.
    file: &'a str,
    /// The front matter text (which starts on line 2), for Markdown.
    front_matter: Option<&'a str>,
    /// The line of the whole document, for a JSON line.
    line: Option<usize>,
}

impl Source<'_> {
    /// The line a metadata value is written on, where it can be told.
    fn line_of(&self, value: &str) -> Option<usize> {
        self.line.or_else(|| {
            self.front_matter?
                .lines()
                .position(|line| line.contains(value))
                .map(|index| index + 2)
        })
    }
}

/// Reads every document below `root`, in path order, with the taxonomy of `root`.
pub fn read_corpus(root: &Path) -> Result<CorpusLoad, CorpusError> {
    let listing = list_corpus(root)?;
    let (mut load, _) = listing.read_files(&listing.files, HashMap::new());
    load.warnings.splice(0..0, listing.warnings.iter().cloned());
    Ok(load)
}

/// One document file of a corpus, listed but not yet read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusFile {
    /// Path relative to the corpus root, with `/` separators.
    pub relative: String,
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch (0 when the system has none).
    pub modified_ns: u64,
}

/// The files of a corpus and its taxonomy: what an incremental reindex compares with the
/// index before reading anything.
pub struct CorpusListing {
    pub root: PathBuf,
    pub taxonomy: Taxonomy,
    /// The collection's field names and defaults (`concord.yaml`).
    pub config: CorpusConfig,
    /// Built once from the taxonomy, shared by every batch read.
    extractor: Extractor,
    /// Document files (Markdown, text, HTML, JSON lines), in path order.
    pub files: Vec<CorpusFile>,
    /// Files of a type Concord does not read.
    pub warnings: Vec<Warning>,
}

/// Lists the document files below `root` (hidden files and folders left out) and loads its
/// taxonomy.
pub fn list_corpus(root: &Path) -> Result<CorpusListing, CorpusError> {
    if !root.is_dir() {
        return Err(CorpusError::NotAFolder(root.to_path_buf()));
    }
    let taxonomy = Taxonomy::load_from_corpus(root)?;
    let mut listing = CorpusListing {
        root: root.to_path_buf(),
        extractor: Extractor::new(&taxonomy),
        taxonomy,
        config: CorpusConfig::load_from_corpus(root)?,
        files: Vec::new(),
        warnings: Vec::new(),
    };
    // Symbolic links are followed (a librarian may link collections in), except one that
    // loops back to a folder above it or points nowhere: those are reported and skipped.
    // Any other failure to read the tree (an unreadable folder) stops the run, since going
    // on would take that folder's documents for deleted.
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                if let Some(warning) = bad_link(root, &error) {
                    listing.warnings.push(warning);
                    continue;
                }
                return Err(CorpusError::Io {
                    path: error
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.to_path_buf()),
                    source: error.into(),
                });
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = relative_path(root, entry.path());
        if format_of(&relative).is_none() {
            let at_root = !relative.contains('/');
            let known_companion = relative == TAXONOMY_FILE
                || relative == CONFIG_FILE
                || relative.eq_ignore_ascii_case("README.md");
            if !(at_root && known_companion) {
                let extension = relative
                    .rsplit_once('.')
                    .map_or(String::new(), |(_, ext)| ext.to_lowercase());
                listing.warnings.push(Warning {
                    path: relative,
                    line: None,
                    kind: WarningKind::UnsupportedFile,
                    message: format!("unsupported file type {extension:?}, ignored"),
                });
            }
            continue;
        }
        if at_root_readme(&relative) {
            continue;
        }
        let metadata = entry.metadata().map_err(|error| CorpusError::Io {
            path: entry.path().to_path_buf(),
            source: error.into(),
        })?;
        let modified_ns = metadata
            .modified()
            .ok()
            .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |since| since.as_nanos() as u64);
        listing.files.push(CorpusFile {
            relative,
            size: metadata.len(),
            modified_ns,
        });
    }
    Ok(listing)
}

/// A walk error that is a looping or dangling symbolic link, as a warning.
fn bad_link(root: &Path, error: &walkdir::Error) -> Option<Warning> {
    let path = error.path()?;
    let message = if let Some(ancestor) = error.loop_ancestor() {
        let above = relative_path(root, ancestor);
        let above = if above.is_empty() {
            "the corpus folder".to_string()
        } else {
            above
        };
        format!("symbolic link loops back to {above}, ignored")
    } else if path.is_symlink() && !path.exists() {
        let target = std::fs::read_link(path)
            .map_or_else(|_| "?".to_string(), |target| target.display().to_string());
        format!("symbolic link to {target}, which does not exist, ignored")
    } else {
        return None;
    };
    Some(Warning {
        path: relative_path(root, path),
        line: None,
        kind: WarningKind::BadLink,
        message,
    })
}

impl CorpusListing {
    /// The absolute path of a listed file.
    pub fn path_of(&self, file: &CorpusFile) -> PathBuf {
        self.root.join(&file.relative)
    }

    /// Reads `files` (listed by this listing). `taken` maps document ids already in use (by
    /// files not read now) to their path, so that no id is given twice; it comes back with
    /// the ids of the documents read added, for the next batch.
    pub fn read_files<'a>(
        &self,
        files: impl IntoIterator<Item = &'a CorpusFile>,
        taken: HashMap<String, String>,
    ) -> (CorpusLoad, HashMap<String, String>) {
        let mut reader = Reader {
            load: CorpusLoad::default(),
            extractor: &self.extractor,
            taxonomy: &self.taxonomy,
            config: &self.config,
            first_path_of_id: taken,
        };
        for file in files {
            reader.read_file(&file.relative, &self.path_of(file));
        }
        reader.load.taxonomy = self.taxonomy.clone();
        (reader.load, reader.first_path_of_id)
    }
}

/// The format of a document file, from its extension; `None` for other files.
fn format_of(relative: &str) -> Option<Format> {
    let extension = relative
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "md" | "markdown" => Some(Format::Markdown),
        "txt" => Some(Format::Text),
        "html" | "htm" => Some(Format::Html),
        "jsonl" => Some(Format::JsonLines),
        _ => None,
    }
}

struct Reader<'a> {
    load: CorpusLoad,
    extractor: &'a Extractor,
    taxonomy: &'a Taxonomy,
    config: &'a CorpusConfig,
    first_path_of_id: HashMap<String, String>,
}

enum Format {
    Markdown,
    Text,
    Html,
    JsonLines,
}

impl Reader<'_> {
    fn read_file(&mut self, relative: &str, path: &Path) {
        let Some(format) = format_of(relative) else {
            return;
        };
        let relative = relative.to_string();
        let text = match read_text(path) {
            Ok(text) => text,
            Err(reason) => return self.skip(&relative, reason),
        };
        let stem_id = strip_extension(&relative);
        match format {
            Format::Markdown => match parse_markdown(&text) {
                Ok((meta, body, front_matter)) => {
                    let source = Source {
                        location: &relative,
                        file: &relative,
                        front_matter: Some(&front_matter),
                        line: None,
                    };
                    self.add(&source, stem_id, meta, body, None)
                }
                Err(reason) => self.skip(&relative, reason),
            },
            Format::Text | Format::Html => {
                let raw_format = match format {
                    Format::Html => RawFormat::Html,
                    _ => RawFormat::Text,
                };
                let extraction = self.extractor.extract(&text, raw_format);
                let body = extraction.body.clone();
                let meta = RawMeta {
                    title: Some(Scalar::Text(extraction.title.clone())),
                    ..RawMeta::default()
                };
                let source = Source::whole(&relative);
                self.add(&source, stem_id, meta, body, Some(extraction))
            }
            Format::JsonLines => {
                for (index, line) in text.lines().enumerate() {
                    if line.trim().is_empty() {
                        continue;
                    }
                    let line_number = index + 1;
                    let location = format!("{relative}:{line_number}");
                    match serde_json::from_str::<RawMeta>(line) {
                        Ok(mut meta) => {
                            let body = meta.body.take().unwrap_or_default();
                            let id = format!("{stem_id}/{line_number}");
                            let source = Source {
                                location: &location,
                                file: &relative,
                                front_matter: None,
                                line: Some(line_number),
                            };
                            self.add(&source, id, meta, body, None);
                        }
                        Err(error) => self.skip(&location, format!("invalid JSON line: {error}")),
                    }
                }
            }
        }
    }

    /// Reads the collection's own fields as the fields they map to, where the document does
    /// not give those itself, and fills the defaults (`concord.yaml`, [`crate::config`]).
    fn apply_config(&self, meta: &mut RawMeta) {
        for (from, to) in &self.config.fields {
            let Some(value) = meta.extra.remove(from) else {
                continue;
            };
            let scalar = || serde_json::from_value::<Scalar>(value.clone()).ok();
            let many = || serde_json::from_value::<OneOrMany>(value.clone()).ok();
            let set_scalar = |slot: &mut Option<Scalar>| {
                if slot.is_none() {
                    *slot = scalar();
                }
            };
            let set_many = |slot: &mut OneOrMany| {
                if matches!(slot, OneOrMany::None)
                    && let Some(values) = many()
                {
                    *slot = values;
                }
            };
            match to.as_str() {
                "id" => set_scalar(&mut meta.id),
                "title" => set_scalar(&mut meta.title),
                "date" => set_scalar(&mut meta.date),
                "lang" => set_scalar(&mut meta.lang),
                "doc_type" => set_scalar(&mut meta.doc_type),
                "source" => set_scalar(&mut meta.source),
                "parties" => set_many(&mut meta.parties),
                "venues" => set_many(&mut meta.venues),
                "topics" => set_many(&mut meta.topics),
                "processes" => set_many(&mut meta.processes),
                _ => {}
            }
        }
        let defaults = &self.config.defaults;
        if meta.lang.is_none() {
            meta.lang = defaults.lang.clone().map(Scalar::Text);
        }
        if meta.doc_type.is_none() {
            meta.doc_type = defaults.doc_type.clone().map(Scalar::Text);
        }
    }

    fn skip(&mut self, path: &str, reason: String) {
        self.load.skipped.push(Skipped {
            path: path.to_string(),
            reason,
        });
    }

    fn warn(&mut self, path: &str, line: Option<usize>, kind: WarningKind, message: String) {
        self.load.warnings.push(Warning {
            path: path.to_string(),
            line,
            kind,
            message,
        });
    }

    /// Validates one document's metadata and body and adds it, or records why it was skipped.
    /// Metadata the document does not give is filled from its extraction (raw files come with
    /// one; Markdown and JSON lines are extracted when a field is missing): front matter wins.
    fn add(
        &mut self,
        source: &Source,
        default_id: String,
        mut meta: RawMeta,
        body: String,
        extraction: Option<Extraction>,
    ) {
        let location = source.location;
        self.apply_config(&mut meta);
        for field in meta.extra.keys() {
            let line = source.line_of(&format!("{field}:"));
            let message = format!("unknown field {field:?} ignored");
            self.warn(source.file, line, WarningKind::UnknownField, message);
        }
        let id = meta
            .id
            .map(|id| id.into_text().trim().to_string())
            .filter(|id| !id.is_empty())
            .unwrap_or(default_id);
        let (title, body) = match meta.title.map(|title| title.into_text().trim().to_string()) {
            Some(title) if !title.is_empty() => (title, body.trim().to_string()),
            _ => split_title(&body),
        };
        if title.is_empty() && body.is_empty() {
            return self.skip(location, "empty document".to_string());
        }
        let date = match meta.date.map(|date| date.into_text()) {
            Some(text) => match text.parse::<PartialDate>() {
                Ok(date) => Some(date),
                Err(error) => return self.skip(location, error.to_string()),
            },
            None => None,
        };
        if let Some(first) = self.first_path_of_id.get(&id) {
            let reason = format!("duplicate id {id:?} (already used by {first})");
            return self.skip(location, reason);
        }
        let missing = date.is_none()
            || [&meta.parties, &meta.venues, &meta.topics, &meta.processes]
                .iter()
                .any(|values| matches!(values, OneOrMany::None));
        let extraction = match extraction {
            Some(extraction) => Some(extraction),
            None if missing => Some(self.extractor.extract_known(&title, &body, date)),
            None => None,
        };
        let mut extracted = Vec::new();
        let mut date = date;
        let mut links = Vec::new();
        let mut footnotes = Vec::new();
        let mut references = Vec::new();
        if let Some(extraction) = extraction {
            if date.is_none() && extraction.date.is_some() {
                date = extraction.date;
                extracted.push("date".to_string());
            }
            let lists = [
                ("parties", &mut meta.parties, extraction.parties),
                ("venues", &mut meta.venues, extraction.venues),
                ("topics", &mut meta.topics, extraction.topics),
                ("processes", &mut meta.processes, extraction.processes),
            ];
            for (name, values, found) in lists {
                if matches!(values, OneOrMany::None) && !found.is_empty() {
                    *values = OneOrMany::Many(found);
                    extracted.push(name.to_string());
                }
            }
            links = extraction.links;
            footnotes = extraction.footnotes;
            references = extraction.references;
        }
        let parties = self.resolve_all(source, FacetGroup::Party, meta.parties.into_vec());
        let venues = self.resolve_all(source, FacetGroup::Venue, meta.venues.into_vec());
        let topics = self.resolve_all(source, FacetGroup::Topic, meta.topics.into_vec());
        let processes = self.resolve_all(source, FacetGroup::Process, meta.processes.into_vec());
        let code = |value: Option<Scalar>| {
            value
                .map(|value| slugify(&value.into_text()))
                .filter(|value| !value.is_empty())
        };
        // A declared language wins; otherwise it is detected from the text.
        let lang = code(meta.lang).or_else(|| detect_language(&format!("{title}\n{body}")));
        self.first_path_of_id
            .insert(id.clone(), location.to_string());
        self.load.documents.push(Document {
            id,
            title,
            body,
            date,
            parties,
            venues,
            topics,
            processes,
            lang,
            doc_type: code(meta.doc_type),
            source: meta
                .source
                .map(|source| source.into_text().trim().to_string())
                .filter(|source| !source.is_empty()),
            path: source.file.to_string(),
            provenance: Provenance {
                links,
                footnotes,
                references,
            },
            extracted,
        });
    }

    fn resolve_all(
        &mut self,
        source: &Source,
        group: FacetGroup,
        values: Vec<String>,
    ) -> Vec<String> {
        let mut ids: Vec<String> = Vec::with_capacity(values.len());
        for value in values {
            let line = source.line_of(&value);
            let id = match self.taxonomy.resolve(group, &value) {
                Resolved::Known(id) => id,
                Resolved::Unknown(slug) if slug.is_empty() => {
                    let message =
                        format!("{group} value {value:?} has no letters or digits, dropped");
                    self.warn(source.file, line, WarningKind::EmptyValue, message);
                    continue;
                }
                Resolved::Unknown(slug) => {
                    let message = format!(
                        "unknown {group} {value:?} kept as {slug:?} (add it to {TAXONOMY_FILE})"
                    );
                    self.warn(source.file, line, WarningKind::UnknownValue, message);
                    slug
                }
            };
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }
}

impl<'a> Source<'a> {
    /// A file that is one document with no front matter.
    fn whole(path: &'a str) -> Source<'a> {
        Source {
            location: path,
            file: path,
            front_matter: None,
            line: None,
        }
    }
}

fn at_root_readme(relative: &str) -> bool {
    relative.eq_ignore_ascii_case("README.md")
}

fn relative_path(root: &Path, path: &Path) -> String {
    let relative: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn strip_extension(relative: &str) -> String {
    match relative.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() && !stem.ends_with('/') => stem.to_string(),
        _ => relative.to_string(),
    }
}

fn read_text(path: &Path) -> Result<String, String> {
    let size = std::fs::metadata(path)
        .map_err(|error| format!("cannot read file: {error}"))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "file too large ({size} bytes; the limit is {MAX_FILE_BYTES} bytes)"
        ));
    }
    let bytes = std::fs::read(path).map_err(|error| format!("cannot read file: {error}"))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        format!(
            "not valid UTF-8 (first bad byte at offset {})",
            error.utf8_error().valid_up_to()
        )
    })?;
    if text.contains('\0') {
        return Err("binary file (contains NUL bytes)".to_string());
    }
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// Splits Markdown into its front matter (if any) and body.
fn parse_markdown(text: &str) -> Result<(RawMeta, String, String), String> {
    let mut lines = text.split_inclusive('\n');
    let opens_front_matter = lines.next().is_some_and(|line| line.trim_end() == "---");
    if !opens_front_matter {
        return Ok((RawMeta::default(), text.to_string(), String::new()));
    }
    let mut offset = text.find('\n').map_or(text.len(), |index| index + 1);
    let yaml_start = offset;
    for line in lines {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &text[yaml_start..offset];
            let body = text[offset + line.len()..].to_string();
            return Ok((parse_front_matter(yaml)?, body, yaml.to_string()));
        }
        offset += line.len();
    }
    Err("front matter is not closed (no `---` line after the opening one)".to_string())
}

fn parse_front_matter(yaml: &str) -> Result<RawMeta, String> {
    if yaml.trim().is_empty() {
        return Ok(RawMeta::default());
    }
    let value: serde_yaml::Value =
        serde_yaml::from_str(yaml).map_err(|error| format!("invalid front matter: {error}"))?;
    if !value.is_mapping() {
        return Err("invalid front matter: expected `key: value` lines".to_string());
    }
    let json =
        serde_json::to_value(value).map_err(|error| format!("invalid front matter: {error}"))?;
    serde_json::from_value(json).map_err(|error| format!("invalid front matter: {error}"))
}

/// Title = first non-empty line (without Markdown heading marks); body = the rest.
fn split_title(text: &str) -> (String, String) {
    let text = text.trim_start();
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let title = first.trim().trim_start_matches('#').trim().to_string();
    (title, rest.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, content) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        dir
    }

    const TAXONOMY: &[u8] = b"party:\n  - { id: ukraine, label: Ukraine }\n  - { id: russia, label: Russia, aliases: [Russian Federation] }\n";

    #[test]
    fn a_collection_s_own_field_names_are_read_through_its_config() {
        let dir = corpus(&[
            ("taxonomy.yaml", TAXONOMY),
            (
                "concord.yaml",
                b"fields:\n  doc_date: date\n  actors: parties\n  heading: title\ndefaults:\n  lang: en\n  doc_type: cable\n",
            ),
            (
                "cable.md",
                b"---\nheading: Telegram 12\ndoc_date: 1948-01-17\nactors: [Ukraine, Russia]\n---\nThe delegations met.\n",
            ),
            (
                "own.md",
                b"---\ntitle: Own title\nheading: Not this\ndate: 2022\ndoc_date: 1999\nlang: fr\n---\nTexte.\n",
            ),
            (
                "lines.jsonl",
                b"{\"heading\": \"A line\", \"doc_date\": \"1975-11\", \"body\": \"Text.\"}\n",
            ),
        ]);
        let load = read_corpus(dir.path()).unwrap();
        assert!(load.skipped.is_empty(), "{:?}", load.skipped);
        assert!(
            !load
                .warnings
                .iter()
                .any(|warning| warning.kind == WarningKind::UnknownField
                    && warning.path == "cable.md"),
            "mapped fields are not unknown: {:?}",
            load.warnings
        );
        assert!(
            !load
                .warnings
                .iter()
                .any(|warning| warning.path == "concord.yaml"),
            "{:?}",
            load.warnings
        );
        let doc = |id: &str| load.documents.iter().find(|doc| doc.id == id).unwrap();
        let cable = doc("cable");
        assert_eq!(cable.title, "Telegram 12");
        assert_eq!(
            cable.date.map(|date| date.to_string()).as_deref(),
            Some("1948-01-17")
        );
        assert_eq!(cable.parties, ["ukraine", "russia"]);
        assert_eq!(cable.lang.as_deref(), Some("en"));
        assert_eq!(cable.doc_type.as_deref(), Some("cable"));
        // Concord's own fields win over mapped ones; a given lang over the default.
        let own = doc("own");
        assert_eq!(own.title, "Own title");
        assert_eq!(
            own.date.map(|date| date.to_string()).as_deref(),
            Some("2022")
        );
        assert_eq!(own.lang.as_deref(), Some("fr"));
        assert_eq!(doc("lines/1").title, "A line");
    }

    #[test]
    fn a_bad_config_stops_the_corpus_with_its_file_and_problems() {
        let dir = corpus(&[
            ("taxonomy.yaml", TAXONOMY),
            ("concord.yaml", b"fields:\n  when: day\n"),
            ("a.md", b"Text.\n"),
        ]);
        let error = read_corpus(dir.path()).err().unwrap().to_string();
        assert!(
            error.contains("concord.yaml") && error.contains("\"when\" maps to \"day\""),
            "{error}"
        );
    }

    #[test]
    fn markdown_front_matter_is_resolved_against_the_taxonomy() {
        let dir = corpus(&[
            ("taxonomy.yaml", TAXONOMY),
            (
                "talks/istanbul.md",
                b"---\ntitle: Istanbul talks\ndate: 2022-03\nparties: [Ukraine, Russian Federation, Atlantis]\nlang: EN\ndoc_type: Communiqu\xc3\xa9\n---\nThe delegations met.\n",
            ),
        ]);
        let load = read_corpus(dir.path()).unwrap();
        assert_eq!(load.skipped, vec![]);
        let document = &load.documents[0];
        assert_eq!(document.id, "talks/istanbul");
        assert_eq!(document.title, "Istanbul talks");
        assert_eq!(document.body, "The delegations met.");
        assert_eq!(document.date.unwrap().to_string(), "2022-03");
        assert_eq!(document.parties, ["ukraine", "russia", "atlantis"]);
        assert_eq!(document.lang.as_deref(), Some("en"));
        assert_eq!(document.doc_type.as_deref(), Some("communique"));
        assert_eq!(load.warnings.len(), 1);
        assert!(
            load.warnings[0]
                .message
                .contains("unknown party \"Atlantis\" kept as \"atlantis\"")
        );
    }

    #[test]
    fn warnings_point_at_the_line_of_the_value() {
        let dir = corpus(&[
            ("taxonomy.yaml", TAXONOMY),
            (
                "a.md",
                b"---\ntitle: A\nparties:\n  - ukraine\n  - Atlantis\nauthor: me\n---\nbody\n",
            ),
            (
                "b.jsonl",
                b"{\"title\": \"B\"}\n{\"title\": \"C\", \"parties\": [\"Narnia\"]}\n",
            ),
        ]);
        let load = read_corpus(dir.path()).unwrap();
        let found: Vec<_> = load
            .warnings
            .iter()
            .map(|warning| (warning.path.as_str(), warning.line, warning.kind))
            .collect();
        assert!(
            found.contains(&("a.md", Some(5), WarningKind::UnknownValue)),
            "{found:?}"
        );
        assert!(
            found.contains(&("a.md", Some(6), WarningKind::UnknownField)),
            "{found:?}"
        );
        assert!(
            found.contains(&("b.jsonl", Some(2), WarningKind::UnknownValue)),
            "{found:?}"
        );
    }

    #[test]
    fn html_pages_are_read_as_title_and_text() {
        let dir = corpus(&[(
            "page.html",
            "<html><head><title>Ceasefire in Pretoria</title></head><body><p>Both sides signed.</p></body></html>".as_bytes(),
        )]);
        let load = read_corpus(dir.path()).unwrap();
        assert_eq!(load.documents[0].id, "page");
        assert_eq!(load.documents[0].title, "Ceasefire in Pretoria");
        assert_eq!(load.documents[0].body, "Both sides signed.");
    }

    #[test]
    fn text_files_take_their_first_line_as_title() {
        let dir = corpus(&[(
            "a.txt",
            b"\n\n  Minsk II explained \nBody line one.\nBody line two.\n",
        )]);
        let load = read_corpus(dir.path()).unwrap();
        assert_eq!(load.documents[0].title, "Minsk II explained");
        assert_eq!(load.documents[0].body, "Body line one.\nBody line two.");
        assert_eq!(load.documents[0].date, None);
    }

    #[test]
    fn json_lines_become_one_document_each() {
        let dir = corpus(&[(
            "batch.jsonl",
            b"{\"title\":\"One\",\"body\":\"first\",\"date\":\"2020-02-29\"}\n\n{\"id\":\"given\",\"title\":\"Two\"}\nnot json\n",
        )]);
        let load = read_corpus(dir.path()).unwrap();
        let ids: Vec<_> = load
            .documents
            .iter()
            .map(|document| document.id.as_str())
            .collect();
        assert_eq!(ids, ["batch/1", "given"]);
        assert_eq!(load.skipped.len(), 1);
        assert_eq!(load.skipped[0].path, "batch.jsonl:4");
    }

    #[test]
    fn broken_files_are_skipped_with_a_reason_and_the_rest_is_read() {
        let dir = corpus(&[
            ("good.md", b"---\ntitle: Good\n---\nbody\n"),
            ("unclosed.md", b"---\ntitle: Bad\nbody\n"),
            ("bad-yaml.md", b"---\ntitle: [unclosed\n---\nbody\n"),
            (
                "bad-date.md",
                b"---\ntitle: X\ndate: 2022-13-01\n---\nbody\n",
            ),
            ("latin1.txt", b"caf\xe9\n"),
            ("empty.txt", b"  \n"),
            ("z-dup.md", b"---\nid: good\ntitle: Again\n---\n"),
            ("notes.pdf", b"%PDF-1.4"),
        ]);
        let load = read_corpus(dir.path()).unwrap();
        let ids: Vec<_> = load
            .documents
            .iter()
            .map(|document| document.id.as_str())
            .collect();
        assert_eq!(ids, ["good"]);
        let reasons: HashMap<_, _> = load
            .skipped
            .iter()
            .map(|skipped| (skipped.path.as_str(), skipped.reason.as_str()))
            .collect();
        assert!(reasons["unclosed.md"].contains("front matter is not closed"));
        assert!(reasons["bad-yaml.md"].starts_with("invalid front matter"));
        assert!(reasons["bad-date.md"].contains("month out of range"));
        assert!(reasons["latin1.txt"].contains("not valid UTF-8"));
        assert_eq!(reasons["empty.txt"], "empty document");
        assert!(reasons["z-dup.md"].contains("duplicate id \"good\""));
        let pdf = load
            .warnings
            .iter()
            .find(|warning| warning.path == "notes.pdf")
            .unwrap();
        assert_eq!(pdf.kind, WarningKind::UnsupportedFile);
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let error = read_corpus(Path::new("/no/such/corpus")).unwrap_err();
        assert!(error.to_string().contains("does not exist"));
    }
}
