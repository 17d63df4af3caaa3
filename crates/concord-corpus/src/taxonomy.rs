//! The controlled vocabulary of the party, venue and topic facets (`corpus/taxonomy.yaml`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::CorpusError;
use crate::facet::FacetGroup;
use crate::slug::slugify;

/// The file name of the taxonomy inside a corpus folder.
pub const TAXONOMY_FILE: &str = "taxonomy.yaml";

/// One canonical value: `{id: ukraine, label: Ukraine, kind: state, aliases: [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyEntry {
    pub id: String,
    /// English display label.
    pub label: String,
    /// Parties: state, armed-group, organisation, political-party, mediator, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Venues: the country the venue is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Venues: latitude, decimal degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Venues: longitude, decimal degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Processes: the continent where the conflict is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continent: Option<String>,
    /// Processes: the party ids of its principals (negotiating and signing parties,
    /// guarantors, mediators). Extraction indexes a document under a principal of a process
    /// it is about whenever the document names that principal at all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    /// Processes: the party ids of its supporters, who took part without negotiating,
    /// signing or mediating: witnesses to a signature, groups of friends, accompanying
    /// states, donor co-chairs, monitors. Extraction does not promote them as principals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supporters: Vec<String>,
    /// Processes: the first and the last year of its talks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<[i32; 2]>,
    /// Processes: the venue ids where its talks were held or its agreements signed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub venues: Vec<String>,
    /// Other names, in any language and script, including inflected forms.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Parties: the people who led or represented it, with their years. Extraction counts a
    /// leader's name as naming the party in a document dated within those years; front
    /// matter does not resolve them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leaders: Vec<Leader>,
}

/// A person who led or represented a party (head of state or government, movement leader,
/// chief negotiator, secretary-general), and when.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leader {
    /// The first year in office.
    pub from: i32,
    /// The last year in office; none while still in office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<i32>,
    /// The person's names, in every corpus language and script.
    pub names: Vec<String>,
}

impl Leader {
    /// Whether the person was in office in `year`.
    pub fn in_office(&self, year: i32) -> bool {
        self.from <= year && self.to.is_none_or(|to| year <= to)
    }

    /// `2010–2018`, or `since 2013`.
    pub fn term(&self) -> String {
        match self.to {
            Some(to) => format!("{}–{to}", self.from),
            None => format!("since {}", self.from),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxonomyFile {
    #[serde(default)]
    party: Vec<TaxonomyEntry>,
    #[serde(default)]
    venue: Vec<TaxonomyEntry>,
    #[serde(default)]
    topic: Vec<TaxonomyEntry>,
    #[serde(default)]
    process: Vec<TaxonomyEntry>,
}

/// What a value in a document resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// The value names a taxonomy entry (by id, label or alias).
    Known(String),
    /// The value names nothing in the taxonomy; it is kept under this slug.
    Unknown(String),
}

/// Entries by group, with a lookup from every id, label and alias (slugged) to the id.
#[derive(Clone, Debug, Default)]
pub struct Taxonomy {
    entries: BTreeMap<FacetGroup, Vec<TaxonomyEntry>>,
    lookup: HashMap<(FacetGroup, String), String>,
}

impl Taxonomy {
    /// Reads `taxonomy.yaml` from a corpus folder; a folder without one gets an empty taxonomy.
    pub fn load_from_corpus(corpus: &Path) -> Result<Taxonomy, CorpusError> {
        let path = corpus.join(TAXONOMY_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Taxonomy::from_yaml(&text).map_err(|problems| CorpusError::Taxonomy {
                path: path.clone(),
                problems,
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Taxonomy::default()),
            Err(source) => Err(CorpusError::Io { path, source }),
        }
    }

    /// Parses the YAML text of a taxonomy file; the error lists every problem found in it
    /// (ids that are not slugs, duplicate ids, names claimed by two entries).
    pub fn from_yaml(text: &str) -> Result<Taxonomy, Vec<String>> {
        let file: TaxonomyFile =
            serde_yaml::from_str(text).map_err(|error| vec![error.to_string()])?;
        let mut taxonomy = Taxonomy::default();
        let mut problems = Vec::new();
        for (group, entries) in [
            (FacetGroup::Party, file.party),
            (FacetGroup::Venue, file.venue),
            (FacetGroup::Topic, file.topic),
            (FacetGroup::Process, file.process),
        ] {
            let mut ids = std::collections::HashSet::new();
            for entry in &entries {
                if entry.id.is_empty() || slugify(&entry.id) != entry.id {
                    problems.push(format!(
                        "{group} id {:?} is not a slug (lowercase letters, digits and dashes)",
                        entry.id
                    ));
                }
                if !ids.insert(entry.id.as_str()) {
                    problems.push(format!("{group} id {:?} is defined twice", entry.id));
                }
                let names = std::iter::once(&entry.id)
                    .chain(std::iter::once(&entry.label))
                    .chain(&entry.aliases);
                for name in names {
                    let key = (group, slugify(name));
                    if let Some(previous) = taxonomy.lookup.insert(key, entry.id.clone())
                        && previous != entry.id
                    {
                        problems.push(format!(
                            "{group} name {name:?} is claimed by both {previous:?} and {:?}",
                            entry.id
                        ));
                    }
                }
            }
            taxonomy.entries.insert(group, entries);
        }
        // A process's principals and supporters must be parties the taxonomy defines, and
        // no party is both.
        let parties: std::collections::HashSet<&str> = taxonomy
            .entries(FacetGroup::Party)
            .iter()
            .map(|entry| entry.id.as_str())
            .collect();
        for process in taxonomy.entries(FacetGroup::Process) {
            let roles = (process.parties.iter().map(|party| ("principal", party)))
                .chain(process.supporters.iter().map(|party| ("supporter", party)));
            for (role, party) in roles {
                if !parties.contains(party.as_str()) {
                    problems.push(format!(
                        "process {:?} names {role} {party:?}, which is not a party id",
                        process.id
                    ));
                }
            }
            for venue in process
                .venues
                .iter()
                .filter(|venue| taxonomy.label(FacetGroup::Venue, venue).is_none())
            {
                problems.push(format!(
                    "process {:?} names venue {venue:?}, which is not a venue id",
                    process.id
                ));
            }
            if let Some([first, last]) = process.years
                && first > last
            {
                problems.push(format!(
                    "process {:?} has years [{first}, {last}]: the first is after the last",
                    process.id
                ));
            }
            for party in process
                .supporters
                .iter()
                .filter(|party| process.parties.contains(party))
            {
                problems.push(format!(
                    "process {:?} names {party:?} both principal and supporter",
                    process.id
                ));
            }
        }
        for party in taxonomy.entries(FacetGroup::Party) {
            for leader in &party.leaders {
                if leader.to.is_some_and(|to| to < leader.from) || leader.names.is_empty() {
                    problems.push(format!(
                        "party {:?} has a leader {:?} ({}) with no names or years out of order",
                        party.id,
                        leader.names.first().map_or("", String::as_str),
                        leader.term()
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(taxonomy)
        } else {
            Err(problems)
        }
    }

    /// Maps a value from a document to its canonical id, or to a slug when it names nothing.
    pub fn resolve(&self, group: FacetGroup, value: &str) -> Resolved {
        let slug = slugify(value);
        match self.lookup.get(&(group, slug.clone())) {
            Some(id) => Resolved::Known(id.clone()),
            None => Resolved::Unknown(slug),
        }
    }

    /// Every name of a group (ids, labels and aliases, slugged) with the id it stands for.
    pub fn names(&self, group: FacetGroup) -> impl Iterator<Item = (&str, &str)> {
        self.lookup
            .iter()
            .filter(move |((name_group, _), _)| *name_group == group)
            .map(|((_, name), id)| (name.as_str(), id.as_str()))
    }

    /// The entries of one group, in file order.
    pub fn entries(&self, group: FacetGroup) -> &[TaxonomyEntry] {
        self.entries.get(&group).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The display label of an id in a group, if the taxonomy defines it.
    pub fn label(&self, group: FacetGroup, id: &str) -> Option<&str> {
        self.entries(group)
            .iter()
            .find(|entry| entry.id == id)
            .map(|entry| entry.label.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = r#"
party:
  - { id: ukraine, label: Ukraine }
  - { id: united-kingdom, label: United Kingdom, aliases: [UK, Britain] }
venue:
  - { id: istanbul, label: Istanbul }
"#;

    #[test]
    fn a_process_principal_must_be_a_party() {
        let good = format!(
            "{YAML}process:\n  - {{ id: talks, label: Talks, parties: [ukraine, united-kingdom] }}\n"
        );
        let taxonomy = Taxonomy::from_yaml(&good).unwrap();
        assert_eq!(
            taxonomy.entries(FacetGroup::Process)[0].parties,
            ["ukraine", "united-kingdom"]
        );
        let bad =
            format!("{YAML}process:\n  - {{ id: talks, label: Talks, parties: [istanbul] }}\n");
        let problems = Taxonomy::from_yaml(&bad).unwrap_err();
        assert!(
            problems[0].contains("principal \"istanbul\", which is not a party id"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_supporter_must_be_a_party_and_not_a_principal() {
        let good = format!(
            "{YAML}process:\n  - {{ id: talks, label: Talks, parties: [ukraine], supporters: [united-kingdom] }}\n"
        );
        let taxonomy = Taxonomy::from_yaml(&good).unwrap();
        assert_eq!(
            taxonomy.entries(FacetGroup::Process)[0].supporters,
            ["united-kingdom"]
        );
        let unknown = format!(
            "{YAML}process:\n  - {{ id: talks, label: Talks, parties: [ukraine], supporters: [istanbul] }}\n"
        );
        let problems = Taxonomy::from_yaml(&unknown).unwrap_err();
        assert!(
            problems[0].contains("supporter \"istanbul\", which is not a party id"),
            "{problems:?}"
        );
        let both = format!(
            "{YAML}process:\n  - {{ id: talks, label: Talks, parties: [ukraine], supporters: [ukraine] }}\n"
        );
        let problems = Taxonomy::from_yaml(&both).unwrap_err();
        assert!(
            problems[0].contains("\"ukraine\" both principal and supporter"),
            "{problems:?}"
        );
    }

    #[test]
    fn process_venues_must_be_venues_and_years_in_order() {
        let good = format!(
            "{YAML}process:\n  - {{ id: talks, label: Talks, years: [2022, 2025], venues: [istanbul] }}\n"
        );
        let taxonomy = Taxonomy::from_yaml(&good).unwrap();
        let talks = &taxonomy.entries(FacetGroup::Process)[0];
        assert_eq!(
            (talks.years, talks.venues.as_slice()),
            (Some([2022, 2025]), &["istanbul".to_string()][..])
        );
        let bad = format!(
            "{YAML}process:\n  - {{ id: talks, label: Talks, years: [2025, 2022], venues: [ukraine] }}\n"
        );
        let problems = Taxonomy::from_yaml(&bad).unwrap_err().join("\n");
        assert!(
            problems.contains("venue \"ukraine\", which is not a venue id"),
            "{problems}"
        );
        assert!(
            problems.contains("years [2025, 2022]: the first is after the last"),
            "{problems}"
        );
    }

    #[test]
    fn values_resolve_by_id_label_or_alias_in_any_case() {
        let taxonomy = Taxonomy::from_yaml(YAML).unwrap();
        for name in ["united-kingdom", "United Kingdom", "uk", "BRITAIN"] {
            assert_eq!(
                taxonomy.resolve(FacetGroup::Party, name),
                Resolved::Known("united-kingdom".into())
            );
        }
        assert_eq!(
            taxonomy.resolve(FacetGroup::Party, "Republic of Atlantis"),
            Resolved::Unknown("republic-of-atlantis".into())
        );
        assert_eq!(
            taxonomy.resolve(FacetGroup::Venue, "ukraine"),
            Resolved::Unknown("ukraine".into())
        );
        assert_eq!(
            taxonomy.label(FacetGroup::Party, "united-kingdom"),
            Some("United Kingdom")
        );
    }

    #[test]
    fn conflicting_names_and_bad_ids_are_errors() {
        let clash = "party:\n  - { id: a, label: X }\n  - { id: b, label: x }\n";
        assert!(Taxonomy::from_yaml(clash).unwrap_err()[0].contains("claimed by both"));
        let bad = "party:\n  - { id: Not A Slug, label: X }\n  - { id: a, label: A }\n  - { id: a, label: B }\n";
        let problems = Taxonomy::from_yaml(bad).unwrap_err();
        assert!(problems[0].contains("not a slug"), "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|problem| problem.contains("\"a\" is defined twice")),
            "{problems:?}"
        );
        let unknown_group = "parties:\n  - { id: a, label: A }\n";
        assert!(Taxonomy::from_yaml(unknown_group).is_err());
    }
}
