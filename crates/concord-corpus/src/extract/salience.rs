//! How central each mentioned party, venue, topic and process is to a document, and which
//! ones it is indexed under.
//!
//! A mention weighs 3 in the title, 2 in the lead (the first fifth of the body, at least its
//! first 600 bytes) and 1 elsewhere; a value's score is the sum. Where its first mention falls
//! matters too: principal actors are introduced early, states named in passing late.
//!
//! | group   | salient when                                                                 |
//! |---------|------------------------------------------------------------------------------|
//! | party   | first mentioned in the first 30 % of the text, or mentioned twice, scoring at least 0.2 of the best party, first within the first 60 % |
//! | venue   | score at least 2 and half the best venue's; at most 2 venues                 |
//! | topic   | mentioned at all                                                             |
//! | process | score at least 2 and half the best process's; at most 3                      |
//!
//! Values are listed by score, so a party named once never outranks the principal parties.
//!
//! Then the roles the taxonomy records adjust the parties and processes ([`super::roles`]):
//! Norway named once in a page about the Havana talks is the process's guarantor, not a state
//! in passing; a state that only hosted the talks is not a party.

use serde::Serialize;

use super::matcher::Mention;
use crate::facet::FacetGroup;

/// One taxonomy value the document mentions, with its score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Salience {
    pub group: FacetGroup,
    pub id: String,
    pub score: f32,
    pub mentions: usize,
    /// Where the first mention is, as a share of the text (0 = start, 1 = end).
    pub first: f32,
    /// Whether the document is indexed under it.
    pub salient: bool,
    /// Why it is or is not salient.
    pub reason: String,
}

/// Where the title and the lead end, and how long the analysed text is.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    pub title_end: usize,
    pub lead_end: usize,
    pub text_len: usize,
}

/// What a mention in the title weighs.
pub const TITLE_WEIGHT: f32 = 3.0;

/// Scores every mentioned value, highest first, and marks the salient ones.
pub fn score(mentions: &[Mention], layout: Layout) -> Vec<Salience> {
    let mut scores: Vec<Salience> = Vec::new();
    for mention in mentions {
        let weight = if mention.start < layout.title_end {
            TITLE_WEIGHT
        } else if mention.start < layout.lead_end {
            2.0
        } else {
            1.0
        };
        match scores
            .iter_mut()
            .find(|entry| entry.group == mention.group && entry.id == mention.id)
        {
            Some(entry) => {
                entry.score += weight;
                entry.mentions += 1;
            }
            None => scores.push(Salience {
                group: mention.group,
                id: mention.id.clone(),
                score: weight,
                mentions: 1,
                first: mention.start as f32 / layout.text_len.max(1) as f32,
                salient: false,
                reason: String::new(),
            }),
        }
    }
    // Highest first; ties keep the order of first mention.
    scores.sort_by(|a, b| b.score.total_cmp(&a.score));
    for group in FacetGroup::TAXONOMY {
        let best = scores
            .iter()
            .filter(|entry| entry.group == group)
            .map(|entry| entry.score)
            .fold(0.0_f32, f32::max);
        let mut taken = 0;
        for entry in scores.iter_mut().filter(|entry| entry.group == group) {
            let (salient, reason) = judge(entry, best, taken);
            entry.salient = salient;
            entry.reason = reason;
            taken += usize::from(salient);
        }
    }
    scores
}

fn judge(entry: &Salience, best: f32, taken: usize) -> (bool, String) {
    let at = format!("first at {:.0} %", entry.first * 100.0);
    match entry.group {
        FacetGroup::Party => {
            if entry.first <= 0.3 {
                (true, format!("{at}, among the opening actors"))
            } else if entry.mentions >= 2 && entry.score >= 0.2 * best && entry.first <= 0.6 {
                (true, format!("{at}, mentioned {} times", entry.mentions))
            } else {
                (
                    false,
                    format!("{at}, mentioned {} times: in passing", entry.mentions),
                )
            }
        }
        FacetGroup::Topic => (true, "mentioned".to_string()),
        _ => {
            let max = if entry.group == FacetGroup::Venue {
                2
            } else {
                3
            };
            let needed = (0.5 * best).max(2.0);
            if entry.score < needed {
                (false, format!("score {} below {needed}", entry.score))
            } else if taken >= max {
                (false, format!("only the top {max} are kept"))
            } else {
                (true, format!("score {} reaches {needed}", entry.score))
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A one-byte mention of `id` at `start` (also for roles.rs's tests).
    pub(in crate::extract) fn mention(group: FacetGroup, id: &str, start: usize) -> Mention {
        Mention {
            group,
            id: id.to_string(),
            name: id.to_string(),
            start,
            end: start + 1,
        }
    }

    /// A 6,000-byte text with a 10-byte title and a 1,000-byte lead.
    pub(in crate::extract) fn layout() -> Layout {
        Layout {
            title_end: 10,
            lead_end: 1000,
            text_len: 6000,
        }
    }

    #[test]
    fn a_party_named_once_in_passing_is_not_salient() {
        let mentions = [
            mention(FacetGroup::Party, "russia", 0),
            mention(FacetGroup::Party, "ukraine", 50),
            mention(FacetGroup::Party, "russia", 200),
            mention(FacetGroup::Party, "ukraine", 300),
            mention(FacetGroup::Party, "france", 5000),
        ];
        let scores = score(&mentions, layout());
        let salient: Vec<_> = scores
            .iter()
            .filter(|entry| entry.salient)
            .map(|entry| entry.id.as_str())
            .collect();
        assert_eq!(salient, ["russia", "ukraine"]);
        assert_eq!(scores[0].score, 5.0);
    }

    #[test]
    fn venues_keep_the_dominant_one() {
        let mentions = [
            mention(FacetGroup::Venue, "istanbul", 0),
            mention(FacetGroup::Venue, "istanbul", 100),
            mention(FacetGroup::Venue, "minsk", 3000),
            mention(FacetGroup::Venue, "minsk", 4000),
        ];
        let scores = score(&mentions, layout());
        assert!(scores[0].salient && scores[0].id == "istanbul");
        assert!(!scores[1].salient);
    }
}
