//! `concord stats`: what the index holds.

use concord_index::{Dictionaries, SearchIndex};

use crate::cli::StatsArgs;

/// Facet values shown per group in the text output.
const TOP_VALUES: usize = 8;

pub fn run(args: &StatsArgs) -> anyhow::Result<()> {
    let index = SearchIndex::open(&args.index, &Dictionaries::load(&args.dicts.dir()))?;
    if args.verify {
        let started = std::time::Instant::now();
        index.verify()?;
        eprintln!(
            "verified: every segment file of {} matches its checksum ({:.2} s)",
            index.generation(),
            started.elapsed().as_secs_f64()
        );
    }
    let stats = index.stats()?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
        return Ok(());
    }
    println!("index        {} ({})", stats.index, stats.generation);
    println!("documents    {}", stats.documents);
    println!("segments     {}", stats.segments);
    println!(
        "size         {:.1} MiB",
        stats.size_bytes as f64 / 1_048_576.0
    );
    println!("built        {}", stats.built_at);
    println!("files        {}", stats.files);
    if let Some(hash) = &stats.corpus_hash {
        println!("corpus hash  {hash}");
    }
    println!("languages    {}", stats.languages.join(", "));
    let pairs: Vec<String> = stats
        .pair_words
        .iter()
        .map(|(lang, words)| format!("{lang} {words}"))
        .collect();
    println!("pair words   {}", pairs.join(", "));
    println!("skipped      {}", stats.skipped.len());
    for (path, reason) in &stats.skipped {
        println!("  {path}: {reason}");
    }
    for group in concord_corpus::FacetGroup::ALL {
        let values = stats.facets.group(group);
        let shown: Vec<String> = values
            .iter()
            .take(TOP_VALUES)
            .map(|value| format!("{} {}", value.value, value.count))
            .collect();
        let more = values.len().saturating_sub(TOP_VALUES);
        let more = if more > 0 {
            format!(", … {more} more")
        } else {
            String::new()
        };
        println!(
            "{:<12} {} values: {}{more}",
            group.name(),
            values.len(),
            shown.join(", ")
        );
    }
    Ok(())
}
