//! A name in any script: query words that name a taxonomy value also find the documents
//! indexed under that value, whatever language and script they are written in (`Minsk` finds
//! the Russian page about Минск that extraction indexed under `venue=minsk`).
//!
//! How names are found: the query's words, in order, are tried as runs of up to
//! [`MAX_NAME_WORDS`] words, longest first, from left to right; a run names a value when its
//! slug (`concord_corpus::slug::slugify` of the words joined by spaces: lowercase, Latin
//! accents and combining marks folded, punctuation and spaces one dash, the folding filter
//! values resolve with) equals a name the index metadata keeps: an id, label or alias of a
//! party, venue or process, or a name of a party's leader (which stands for the party). A
//! run is whole words (`Minsker` is not `Minsk`), and a found run is not looked into again
//! (`Minsk agreements` is the process, not also the venue). Topics are left out: their
//! names are ordinary words (`ceasefire`, `humanitarian access`) that the text search
//! already reads, and turning them into facet matches would widen every query that uses them.
//! Names of fewer than three letters (`UN`, `EU`, `US`, `ko`) are left out, as ordinary words
//! and acronyms too short to tell apart from them; in Han, kana and Hangul, where a word is
//! one or two signs, two are enough (`中国`). A name must be typed as words: one run inside
//! CJK text written without spaces (`イスタンブールで`) is not cut out of it.
//!
//! Which words count: with `match=all`, the plain words of the parsed query (the grammar's
//! literals with no field, quotes or prefix), at any depth but under an exclusion; a run
//! spans words required alike (`Crans Montana`), a word joined by `OR` is tried alone. A
//! quoted phrase asks for those words as typed and is left alone; `-Minsk` excludes the word
//! only. With `match=any`, every word of the text.
//!
//! How they enter the query: with `match=all` the run's clause becomes "the words, or the
//! value" (a `Should` pair), so a document either containing the words or indexed under the
//! value satisfies it; the value is a facet term set scored as the constant
//! [`ENTITY_SCORE`], below any text match, so among documents that match the rest of the
//! query alike, those with the name in their own words rank first. With `match=any` the
//! value is one more optional clause with the same score. `entities=false` turns it off; the
//! answer's `entities` names each run and the value it used.

use std::collections::HashMap;
use std::ops::Bound;

use concord_corpus::FacetGroup;
use concord_corpus::slug::slugify;
use tantivy::Term;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::IndexRecordOption;

use crate::analyzer::bigram::is_cjk;
use crate::read::query::typos;
use crate::read::response::Entity;
use crate::schema::{FACET, Fields, facet_path};
use crate::write::meta::IndexMeta;

/// The longest run of words tried as one name (`Democratic Republic of the Congo` is five).
pub const MAX_NAME_WORDS: usize = 6;

/// The score a document gets for being indexed under a value the query named: a constant
/// below the BM25 score of a text match, so that it orders the documents found only through
/// the value after those with the words, and only breaks ties among the rest.
pub const ENTITY_SCORE: f32 = 0.01;

/// The groups whose names a query word may spell (topics are words, see the module comment).
const NAME_GROUPS: [FacetGroup; 3] = [FacetGroup::Party, FacetGroup::Venue, FacetGroup::Process];

/// Looks query words up among the taxonomy names of an index.
pub struct NameFinder<'a> {
    meta: &'a IndexMeta,
    /// Near names for misspelt words, when typos are on.
    near: Option<NearNames<'a>>,
}

/// What finding a misspelt name needs: every name, and whether the index knows a word.
pub struct NearNames<'a> {
    pub names: &'a NameSet,
    /// Whether some document of the index has the word (then it is no misspelt name).
    pub known: Box<dyn Fn(&str) -> bool + 'a>,
}

/// Every name of the metadata's parties, venues, processes and leaders (slugged), for near
/// matches; built once per opened generation.
pub struct NameSet {
    set: tantivy_fst::Map<Vec<u8>>,
    /// The nearest name found for each misspelt word so far (none: the word names nothing).
    nearest: typos::Remembered<String, Option<String>>,
}

impl NameSet {
    pub fn new(meta: &IndexMeta) -> NameSet {
        let mut slugs: Vec<&str> = NAME_GROUPS
            .iter()
            .filter_map(|group| meta.names.get(group))
            .flat_map(|names| names.keys())
            .chain(meta.leaders.keys())
            .map(String::as_str)
            .collect();
        slugs.sort_unstable();
        slugs.dedup();
        // Sorted and without repeats, as the map wants its keys: it cannot fail.
        let set = tantivy_fst::Map::from_iter(slugs.into_iter().map(|slug| (slug, 0)))
            .unwrap_or_else(|error| unreachable!("sorted unique keys: {error}"));
        NameSet {
            set,
            nearest: typos::Remembered::default(),
        }
    }

    /// Forgets the nearest names found so far.
    pub fn clear(&self) {
        self.nearest.clear();
    }
}

/// A run of words that names values: where it starts, how many words, the values, and the
/// name (slugged) they were found by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub len: usize,
    pub values: Vec<(FacetGroup, String)>,
    pub name: String,
}

impl<'a> NameFinder<'a> {
    pub fn new(meta: &'a IndexMeta) -> Self {
        NameFinder { meta, near: None }
    }

    /// Also finds a misspelt name: a single word of five letters or more (slugged) that no
    /// document of the index has and that is one edit from a name (nine letters: two; the
    /// first letter kept), as typos find words (`Istambul` is Istanbul, `Zelenksy` Zelensky).
    /// A word the index knows is taken as written (`child` is not `Chile`).
    pub fn with_near_names(mut self, near: NearNames<'a>) -> Self {
        self.near = Some(near);
        self
    }

    /// The values a run of words names, in group order (a name may be a venue and a party),
    /// with the name (slugged) they were found by. An English possessive on the last word is
    /// no part of the name (`Russia’s` is Russia).
    pub fn lookup(&self, words: &[&str]) -> (String, Vec<(FacetGroup, String)>) {
        let slug = slugify(&words.join(" "));
        let values = self.lookup_slug(&slug);
        if !values.is_empty() {
            return (slug, values);
        }
        match words.split_last() {
            Some((last, before)) => match without_possessive(last) {
                Some(name) => {
                    let mut words = before.to_vec();
                    words.push(name);
                    let slug = slugify(&words.join(" "));
                    let values = self.lookup_slug(&slug);
                    (slug, values)
                }
                None => (slug, values),
            },
            None => (slug, values),
        }
    }

    fn lookup_slug(&self, slug: &str) -> Vec<(FacetGroup, String)> {
        if !long_enough(slug) {
            return Vec::new();
        }
        let mut values: Vec<(FacetGroup, String)> = Vec::new();
        for group in NAME_GROUPS {
            if let Some(id) = self
                .meta
                .names
                .get(&group)
                .and_then(|names| names.get(slug))
            {
                values.push((group, id.clone()));
            }
        }
        if let Some(party) = self.meta.leaders.get(slug)
            && !values.contains(&(FacetGroup::Party, party.clone()))
        {
            values.push((FacetGroup::Party, party.clone()));
        }
        values
    }

    /// The name nearest a misspelt word, with its values (see [`NameFinder::with_near_names`]).
    fn near(&self, word: &str) -> Option<(String, Vec<(FacetGroup, String)>)> {
        let near = self.near.as_ref()?;
        let slug = slugify(word);
        let letters = slug.chars().count();
        if slug.contains('-') || letters < typos::ONE_EDIT_LETTERS || !typos::spelled(&slug) {
            return None;
        }
        let name = match near.names.nearest.get(word) {
            Some(name) => name,
            None => {
                let name = self.nearest_name(near, word, &slug, letters);
                near.names.nearest.put(word.to_string(), name.clone());
                name
            }
        }?;
        let values = self.lookup_slug(&name);
        (!values.is_empty()).then_some((name, values))
    }

    /// The nearest name to an unknown word's slug, if any is near enough.
    fn nearest_name(
        &self,
        near: &NearNames<'_>,
        word: &str,
        slug: &str,
        letters: usize,
    ) -> Option<String> {
        if (near.known)(word) {
            return None;
        }
        let edits = if letters >= typos::TWO_EDITS_LETTERS {
            2
        } else {
            1
        };
        let mut names = typos::near_keys(&near.names.set, slug, edits);
        let nearest = names.iter().map(|(_, distance)| *distance).min()?;
        names.retain(|(_, distance)| *distance == nearest);
        names.sort();
        names
            .into_iter()
            .map(|(name, _)| name)
            .find(|name| !self.lookup_slug(name).is_empty())
    }

    /// The runs of `words` that name values: longest first, left to right, not overlapping;
    /// a single word that names nothing may name the nearest name when misspelt
    /// ([`NameFinder::with_near_names`]). `max_run(i)` bounds the run that may start at word
    /// `i` (words required alike).
    pub fn find(&self, words: &[&str], max_run: impl Fn(usize) -> usize) -> Vec<Found> {
        let mut found = Vec::new();
        let mut start = 0;
        while start < words.len() {
            let longest = max_run(start).min(MAX_NAME_WORDS).min(words.len() - start);
            let hit = (1..=longest).rev().find_map(|len| {
                let (name, values) = self.lookup(&words[start..start + len]);
                (!values.is_empty()).then_some(Found {
                    start,
                    len,
                    values,
                    name,
                })
            });
            let hit = hit.or_else(|| {
                (longest >= 1)
                    .then(|| self.near(words[start]))
                    .flatten()
                    .map(|(name, values)| Found {
                        start,
                        len: 1,
                        values,
                        name,
                    })
            });
            match hit {
                Some(run) => {
                    start += run.len;
                    found.push(run);
                }
                None => start += 1,
            }
        }
        found
    }

    /// The answer's entry for each value of a run.
    fn entities(&self, text: &str, run: &Found, out: &mut Vec<Entity>) {
        for (group, value) in &run.values {
            let entity = Entity {
                text: text.to_string(),
                group: group.name().to_string(),
                value: value.clone(),
                label: self.meta.label(*group, value),
                name: run.name.clone(),
            };
            if !out.contains(&entity) {
                out.push(entity);
            }
        }
    }
}

/// A word without its English possessive ending (`Russia's`, `Russia’s`, `Russiaʼs` and a bare
/// `Kurds'`), if it has one.
fn without_possessive(word: &str) -> Option<&str> {
    for ending in ["'s", "’s", "ʼs", "'S", "’S", "'", "’"] {
        if let Some(stem) = word.strip_suffix(ending)
            && !stem.is_empty()
        {
            return Some(stem);
        }
    }
    None
}

/// Whether a name is long enough to be told from an ordinary word: three letters or digits,
/// or two in Han, kana or Hangul.
fn long_enough(slug: &str) -> bool {
    let signs = slug.chars().filter(|ch| *ch != '-').count();
    signs >= 3 || (signs == 2 && slug.chars().any(is_cjk))
}

/// The values as the grammar's facet literals (`facet:/venue/minsk`), one optional clause
/// each; [`constant_values`] turns their term queries into constant scores once built.
fn value_clause(values: &[(FacetGroup, String)]) -> UserInputAst {
    let literal = |(group, id): &(FacetGroup, String)| {
        UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(UserInputLiteral {
            field_name: Some(FACET.to_string()),
            phrase: facet_path(*group, id).to_string(),
            delimiter: Delimiter::None,
            slop: 0,
            prefix: false,
        })))
    };
    match values {
        [value] => literal(value),
        _ => UserInputAst::Clause(
            values
                .iter()
                .map(|value| (Some(Occur::Should), literal(value)))
                .collect(),
        ),
    }
}

/// The parties the query named only through a leader's name, with the years of office of
/// those names ([`IndexMeta::leader_years`]): the value then finds the party's documents
/// dated within them (`Milosevic` the Yugoslav and Serbian documents of 1989-2000, not those
/// of 2011). A party also named by one of its own names (`Serbia Milosevic`) is not scoped.
pub fn leader_scopes(meta: &IndexMeta, entities: &[Entity]) -> HashMap<String, Vec<Years>> {
    let party = FacetGroup::Party.name();
    let mut scoped: HashMap<String, Vec<Years>> = HashMap::new();
    let mut direct: Vec<&str> = Vec::new();
    for entity in entities.iter().filter(|entity| entity.group == party) {
        let own_name = meta
            .names
            .get(&FacetGroup::Party)
            .and_then(|names| names.get(&entity.name))
            == Some(&entity.value);
        let years = meta
            .leader_years
            .get(&entity.name)
            .filter(|_| !own_name && meta.leaders.get(&entity.name) == Some(&entity.value));
        match years {
            Some(years) => scoped
                .entry(entity.value.clone())
                .or_default()
                .extend(years.iter().copied()),
            None => direct.push(&entity.value),
        }
    }
    scoped.retain(|id, _| !direct.contains(&id.as_str()));
    scoped
}

/// A leader's years in office: the first, and the last (none while in office).
pub type Years = (i32, Option<i32>);

/// The clause that finds documents indexed under a value: its facet term, and for a party
/// named through a leader, dated within the leader's `years` (the document's date overlaps
/// one of them).
pub fn value_query(term: Term, years: Option<&[Years]>, fields: &Fields) -> Box<dyn Query> {
    let value: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
    let Some(years) = years.filter(|years| !years.is_empty()) else {
        return value;
    };
    let terms: Vec<(Occur, Box<dyn Query>)> = years
        .iter()
        .map(|(from, to)| {
            let starts = Term::from_field_i64(fields.date_end, i64::from(*from) * 10_000 + 101);
            let mut overlap: Vec<(Occur, Box<dyn Query>)> = vec![(
                Occur::Must,
                Box::new(RangeQuery::new(Bound::Included(starts), Bound::Unbounded)),
            )];
            if let Some(to) = to {
                let ends = Term::from_field_i64(fields.date_start, i64::from(*to) * 10_000 + 1231);
                overlap.push((
                    Occur::Must,
                    Box::new(RangeQuery::new(Bound::Unbounded, Bound::Included(ends))),
                ));
            }
            let query: Box<dyn Query> = Box::new(BooleanQuery::new(overlap));
            (Occur::Should, query)
        })
        .collect();
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, value),
        (Occur::Must, Box::new(BooleanQuery::new(terms))),
    ]))
}

/// `query` with each term query on the facet field (only [`with_names`] puts them in query
/// text) made a [`value_query`] (scoped by `scopes`, [`leader_scopes`]) under the constant
/// score [`ENTITY_SCORE`]. The term query walks the value's postings: a term set would build
/// a bitset of the whole segment for each search (rare-term queries that named a value cost
/// 0.05 -> 0.24 ms at 1M passages, benches/README.md).
pub fn constant_values(
    query: Box<dyn Query>,
    fields: &Fields,
    scopes: &HashMap<String, Vec<Years>>,
) -> Box<dyn Query> {
    super::map_leaves(query, &mut |leaf| constant_value(leaf, fields, scopes))
}

/// A facet term query as its [`value_query`] under the constant score, else the query itself.
fn constant_value(
    query: Box<dyn Query>,
    fields: &Fields,
    scopes: &HashMap<String, Vec<Years>>,
) -> Box<dyn Query> {
    match query.downcast_ref::<TermQuery>() {
        Some(term) if term.term().field() == fields.facet => {
            let years = scopes
                .iter()
                .find(|(id, _)| {
                    *term.term()
                        == Term::from_facet(fields.facet, &facet_path(FacetGroup::Party, id))
                })
                .map(|(_, years)| years.as_slice());
            Box::new(ConstScoreQuery::new(
                value_query(term.term().clone(), years, fields),
                ENTITY_SCORE,
            ))
        }
        _ => query,
    }
}

/// `match=all`: rewrites the parsed query so that each run of plain words naming values is
/// "the words, or a document indexed under one of the values" (see the module comment).
/// Adds what it used to `entities`.
pub fn with_names(
    ast: UserInputAst,
    finder: &NameFinder<'_>,
    entities: &mut Vec<Entity>,
) -> UserInputAst {
    match ast {
        UserInputAst::Clause(items) => {
            UserInputAst::Clause(rewrite_clause(items, finder, entities))
        }
        UserInputAst::Boost(inner, boost) => {
            UserInputAst::Boost(Box::new(with_names(*inner, finder, entities)), boost)
        }
        leaf @ UserInputAst::Leaf(_) => {
            let mut items = rewrite_clause(vec![(None, leaf)], finder, entities);
            match items.len() {
                1 if items[0].0.is_none() => items
                    .pop()
                    .map(|(_, ast)| ast)
                    .unwrap_or_else(|| UserInputAst::Clause(Vec::new())),
                _ => UserInputAst::Clause(items),
            }
        }
    }
}

/// The text of a plain word: a literal with no field, quotes, prefix (`Minsk*`) or slop.
fn plain_word(ast: &UserInputAst) -> Option<&str> {
    match ast {
        UserInputAst::Leaf(leaf) => match leaf.as_ref() {
            UserInputLeaf::Literal(literal)
                if literal.field_name.is_none()
                    && literal.delimiter == Delimiter::None
                    && !literal.prefix
                    && literal.slop == 0
                    && !literal.phrase.ends_with('*') =>
            {
                Some(literal.phrase.as_str())
            }
            _ => None,
        },
        _ => None,
    }
}

type Items = Vec<(Option<Occur>, UserInputAst)>;

fn rewrite_clause(items: Items, finder: &NameFinder<'_>, entities: &mut Vec<Entity>) -> Items {
    // Runs only over plain words with the same required (or default) occurrence; a word
    // joined by OR is tried alone; excluded words are left alone.
    let words: Vec<Option<String>> = items
        .iter()
        .map(|(occur, ast)| match occur {
            Some(Occur::MustNot) => None,
            _ => plain_word(ast).map(str::to_string),
        })
        .collect();
    let occurs: Vec<Option<Occur>> = items.iter().map(|(occur, _)| *occur).collect();
    let joinable = |i: usize| matches!(occurs[i], None | Some(Occur::Must));
    let max_run = |start: usize| {
        if words[start].is_none() {
            return 0;
        }
        if !joinable(start) {
            return 1;
        }
        (start..occurs.len())
            .take_while(|&i| words[i].is_some() && joinable(i) && occurs[i] == occurs[start])
            .count()
    };
    let texts: Vec<&str> = words
        .iter()
        .map(|word| word.as_deref().unwrap_or(""))
        .collect();
    let found = finder.find(&texts, max_run);
    if found.is_empty() {
        return items
            .into_iter()
            .map(|(occur, ast)| (occur, inner(occur, ast, finder, entities)))
            .collect();
    }
    let mut runs = found.into_iter().peekable();
    let mut out = Vec::with_capacity(items.len());
    let mut items = items.into_iter().enumerate().peekable();
    while let Some((i, (occur, ast))) = items.next() {
        match runs.peek() {
            Some(run) if run.start == i => {
                let run = runs.next().unwrap_or_else(|| unreachable!());
                let text = texts[i..i + run.len].join(" ");
                finder.entities(&text, &run, entities);
                let mut words = vec![ast];
                for _ in 1..run.len {
                    if let Some((_, (_, ast))) = items.next() {
                        words.push(ast);
                    }
                }
                let words = if words.len() == 1 {
                    words.pop().unwrap_or_else(|| unreachable!())
                } else {
                    UserInputAst::Clause(
                        words
                            .into_iter()
                            .map(|word| (Some(Occur::Must), word))
                            .collect(),
                    )
                };
                let value = value_clause(&run.values);
                out.push((
                    occur,
                    UserInputAst::Clause(vec![
                        (Some(Occur::Should), words),
                        (Some(Occur::Should), value),
                    ]),
                ));
            }
            _ => out.push((occur, inner(occur, ast, finder, entities))),
        }
    }
    out
}

/// A clause that is no run: groups and boosts are looked into, unless excluded; words are
/// left as they are.
fn inner(
    occur: Option<Occur>,
    ast: UserInputAst,
    finder: &NameFinder<'_>,
    entities: &mut Vec<Entity>,
) -> UserInputAst {
    match (occur, ast) {
        (Some(Occur::MustNot), ast) => ast,
        (_, leaf @ UserInputAst::Leaf(_)) => leaf,
        (_, ast) => with_names(ast, finder, entities),
    }
}

/// `match=any`: one optional clause per run of the text's words that names values, scored
/// [`ENTITY_SCORE`]; the values used are added to `entities`.
pub fn any_names(
    text: &str,
    fields: &Fields,
    finder: &NameFinder<'_>,
    entities: &mut Vec<Entity>,
) -> Vec<(Occur, Box<dyn Query>)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let found = finder.find(&words, |_| MAX_NAME_WORDS);
    for run in &found {
        finder.entities(
            &words[run.start..run.start + run.len].join(" "),
            run,
            entities,
        );
    }
    let scopes = leader_scopes(finder.meta, entities);
    found
        .into_iter()
        .map(|run| {
            let values = run
                .values
                .iter()
                .map(|(group, id)| {
                    let term = Term::from_facet(fields.facet, &facet_path(*group, id));
                    let years = (*group == FacetGroup::Party)
                        .then(|| scopes.get(id).map(Vec::as_slice))
                        .flatten();
                    (Occur::Should, value_query(term, years, fields))
                })
                .collect();
            let query: Box<dyn Query> = Box::new(ConstScoreQuery::new(
                Box::new(BooleanQuery::new(values)),
                ENTITY_SCORE,
            ));
            (Occur::Should, query)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use concord_corpus::Taxonomy;

    use super::*;

    const YAML: &str = r#"
party:
  - id: turkey
    label: Türkiye
    aliases: [Turkey, Турция]
    leaders:
      - { from: 2014, names: [Recep Tayyip Erdoğan, Erdoğan] }
  - { id: united-nations, label: United Nations, aliases: [UN, ООН, 联合国] }
  - { id: china, label: China, aliases: [中国] }
venue:
  - { id: minsk, label: Minsk, aliases: [Минск, Мінськ] }
  - { id: istanbul, label: Istanbul, aliases: [İstanbul, イスタンブール, 伊斯坦布尔] }
  - { id: crans-montana, label: Crans-Montana, aliases: [Κραν Μοντανά] }
  - { id: panmunjom, label: Panmunjom, aliases: [판문점] }
process:
  - { id: minsk-agreements, label: Minsk agreements, aliases: [Minsk process] }
topic:
  - { id: ceasefire, label: Ceasefire }
"#;

    fn meta() -> IndexMeta {
        IndexMeta::new(&Taxonomy::from_yaml(YAML).unwrap(), 0, 0)
    }

    fn names(text: &str) -> Vec<(String, Vec<(FacetGroup, String)>)> {
        let meta = meta();
        let finder = NameFinder::new(&meta);
        let words: Vec<&str> = text.split_whitespace().collect();
        finder
            .find(&words, |_| MAX_NAME_WORDS)
            .into_iter()
            .map(|run| (words[run.start..run.start + run.len].join(" "), run.values))
            .collect()
    }

    fn venue(id: &str) -> Vec<(FacetGroup, String)> {
        vec![(FacetGroup::Venue, id.to_string())]
    }

    #[test]
    fn names_are_found_in_every_script_after_folding() {
        assert_eq!(names("Minsk"), [("Minsk".into(), venue("minsk"))]);
        assert_eq!(names("минск"), [("минск".into(), venue("minsk"))]);
        assert_eq!(names("ISTANBUL"), [("ISTANBUL".into(), venue("istanbul"))]);
        assert_eq!(names("İstanbul"), [("İstanbul".into(), venue("istanbul"))]);
        assert_eq!(
            names("イスタンブール"),
            [("イスタンブール".into(), venue("istanbul"))]
        );
        assert_eq!(names("판문점"), [("판문점".into(), venue("panmunjom"))]);
        assert_eq!(
            names("Türkiye turkey"),
            [
                ("Türkiye".into(), vec![(FacetGroup::Party, "turkey".into())]),
                ("turkey".into(), vec![(FacetGroup::Party, "turkey".into())])
            ]
        );
    }

    #[test]
    fn a_run_of_words_is_one_name_and_the_longest_wins() {
        assert_eq!(
            names("talks in Crans Montana"),
            [("Crans Montana".into(), venue("crans-montana"))]
        );
        assert_eq!(
            names("Κραν Μοντανά"),
            [("Κραν Μοντανά".into(), venue("crans-montana"))]
        );
        assert_eq!(
            names("the Minsk process stalled"),
            [(
                "Minsk process".into(),
                vec![(FacetGroup::Process, "minsk-agreements".into())]
            )]
        );
        assert_eq!(
            names("Recep Tayyip Erdoğan"),
            [(
                "Recep Tayyip Erdoğan".into(),
                vec![(FacetGroup::Party, "turkey".into())]
            )]
        );
    }

    #[test]
    fn a_possessive_names_what_the_name_names() {
        for typed in ["Minsk's talks", "Minsk’s talks", "Crans Montana's hotels"] {
            assert_eq!(names(typed).len(), 1, "{typed}");
        }
        assert_eq!(
            names("Türkiye’s mediation"),
            [(
                "Türkiye’s".into(),
                vec![(FacetGroup::Party, "turkey".into())]
            )]
        );
    }

    #[test]
    fn only_whole_words_of_three_letters_or_two_cjk_signs_count() {
        assert!(names("Minsker Minsks Mins").is_empty());
        assert!(names("UN ceasefire").is_empty(), "short names and topics");
        assert_eq!(
            names("ООН 中国"),
            [
                (
                    "ООН".into(),
                    vec![(FacetGroup::Party, "united-nations".into())]
                ),
                ("中国".into(), vec![(FacetGroup::Party, "china".into())])
            ]
        );
        assert!(
            names("イスタンブールで").is_empty(),
            "no cutting inside CJK text"
        );
    }

    #[test]
    fn the_parsed_query_gets_the_value_beside_the_words() {
        let meta = meta();
        let finder = NameFinder::new(&meta);
        let rewrite = |text: &str| {
            let ast = tantivy::query_grammar::parse_query(text).unwrap();
            let mut entities = Vec::new();
            let ast = with_names(ast, &finder, &mut entities);
            (format!("{ast:?}"), entities)
        };
        let (ast, entities) = rewrite("Crans Montana talks");
        assert!(ast.contains(r#"?"facet":/venue/crans-montana)"#), "{ast}");
        assert_eq!(entities.len(), 1);
        assert_eq!(entities[0].text, "Crans Montana");
        assert_eq!(entities[0].label, "Crans-Montana");
        for untouched in [r#""Minsk talks""#, "-Minsk talks", "Minsk*", "title:Minsk"] {
            let (ast, entities) = rewrite(untouched);
            assert!(
                entities.is_empty() && !ast.contains("facet"),
                "{untouched}: {ast}"
            );
        }
        let (ast, entities) = rewrite("Minsk OR Istanbul");
        assert_eq!(entities.len(), 2, "{ast}");
        let (_, entities) = rewrite("(Minsk talks) OR peace");
        assert_eq!(entities.len(), 1);
    }

    /// The answer's entities for `text`, found by `finder`.
    fn entities_of(finder: &NameFinder<'_>, text: &str) -> Vec<Entity> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut entities = Vec::new();
        for run in finder.find(&words, |_| MAX_NAME_WORDS) {
            let text = words[run.start..run.start + run.len].join(" ");
            finder.entities(&text, &run, &mut entities);
        }
        entities
    }

    #[test]
    fn a_party_named_only_through_a_leader_is_scoped_to_the_years_of_office() {
        let meta = meta();
        let finder = NameFinder::new(&meta);
        let scopes = |text: &str| leader_scopes(&meta, &entities_of(&finder, text));
        assert_eq!(scopes("Erdoğan")["turkey"], [(2014, None)]);
        assert_eq!(scopes("Erdoğan’s mediation")["turkey"], [(2014, None)]);
        assert!(scopes("Erdoğan and Turkey").is_empty());
        assert!(scopes("Türkiye").is_empty());
    }

    #[test]
    fn a_misspelt_name_the_index_does_not_know_names_the_nearest_name() {
        let meta = meta();
        let names = NameSet::new(&meta);
        let finder = NameFinder::new(&meta).with_near_names(NearNames {
            names: &names,
            known: Box::new(|word: &str| word == "Minks"),
        });
        let named = |text: &str| -> Vec<(String, String)> {
            entities_of(&finder, text)
                .into_iter()
                .map(|entity| (entity.text, entity.value))
                .collect()
        };
        assert_eq!(
            named("Istambul talks"),
            [("Istambul".into(), "istanbul".into())]
        );
        assert_eq!(named("Turkei"), [("Turkei".into(), "turkey".into())]);
        assert_eq!(named("Erdogen"), [("Erdogen".into(), "turkey".into())]);
        assert!(
            named("Minks").is_empty(),
            "a word the index knows stays a word"
        );
        assert_eq!(
            named("Mnisk"),
            [("Mnisk".into(), "minsk".into())],
            "a swap is one edit"
        );
        assert!(named("Lstanbul").is_empty(), "the first letter is kept");
        assert!(named("Mins").is_empty(), "under five letters");
        // A misspelt leader is scoped like the leader.
        let scopes = leader_scopes(&meta, &entities_of(&finder, "Erdogen"));
        assert_eq!(scopes["turkey"], [(2014, None)]);
        // Without near names (typos off), nothing.
        assert!(entities_of(&NameFinder::new(&meta), "Istambul").is_empty());
    }

    #[test]
    fn an_index_without_a_taxonomy_finds_no_name() {
        let meta = IndexMeta::new(&Taxonomy::default(), 0, 0);
        let finder = NameFinder::new(&meta);
        assert!(finder.find(&["Minsk"], |_| 1).is_empty());
    }
}
