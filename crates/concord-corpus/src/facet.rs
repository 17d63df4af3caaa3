//! The facet groups a document is classified by.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One group of facet values. Party, venue and topic come from the taxonomy; lang and doc_type
/// are free codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacetGroup {
    Party,
    Venue,
    Topic,
    /// The peace process or negotiation a document belongs to (`istanbul-2022`).
    Process,
    Lang,
    DocType,
}

impl FacetGroup {
    pub const ALL: [FacetGroup; 6] = [
        FacetGroup::Party,
        FacetGroup::Venue,
        FacetGroup::Topic,
        FacetGroup::Process,
        FacetGroup::Lang,
        FacetGroup::DocType,
    ];

    /// The groups whose values the taxonomy defines.
    pub const TAXONOMY: [FacetGroup; 4] = [
        FacetGroup::Party,
        FacetGroup::Venue,
        FacetGroup::Topic,
        FacetGroup::Process,
    ];

    /// The name used in URLs, JSON and the taxonomy file.
    pub fn name(self) -> &'static str {
        match self {
            FacetGroup::Party => "party",
            FacetGroup::Venue => "venue",
            FacetGroup::Topic => "topic",
            FacetGroup::Process => "process",
            FacetGroup::Lang => "lang",
            FacetGroup::DocType => "doc_type",
        }
    }
}

impl fmt::Display for FacetGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for FacetGroup {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        FacetGroup::ALL
            .into_iter()
            .find(|group| group.name() == name)
            .ok_or_else(|| format!("unknown facet group {name:?}"))
    }
}
