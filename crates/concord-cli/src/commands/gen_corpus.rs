//! `concord gen-corpus`: a deterministic corpus of any size, written like the shipped one, for
//! benchmarks (see `concord_corpus::generate`).

use std::io::{BufWriter, Write};

use anyhow::Context;
use concord_corpus::generate::Generator;
use concord_corpus::read_corpus;

use crate::cli::GenCorpusArgs;

pub fn run(args: &GenCorpusArgs) -> anyhow::Result<()> {
    let source = read_corpus(&args.from)
        .with_context(|| format!("cannot read the source corpus {}", args.from.display()))?;
    let generator = Generator::new(&source.documents, &source.taxonomy, args.seed);
    let folder = args.out.join("gen");
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create {}", folder.display()))?;
    let taxonomy = args.from.join(concord_corpus::taxonomy::TAXONOMY_FILE);
    if taxonomy.is_file() {
        std::fs::copy(
            &taxonomy,
            args.out.join(concord_corpus::taxonomy::TAXONOMY_FILE),
        )
        .with_context(|| format!("cannot copy {}", taxonomy.display()))?;
    }
    let per_file = args.per_file.max(1);
    let mut bytes = 0u64;
    let mut n = 0u64;
    let mut part = 0;
    while n < args.docs {
        let path = folder.join(format!("part-{part:05}.jsonl"));
        let file = std::fs::File::create(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        let mut out = BufWriter::new(file);
        for _ in 0..per_file.min(args.docs - n) {
            let line = serde_json::to_string(&generator.document(n))?;
            bytes += line.len() as u64 + 1;
            writeln!(out, "{line}")?;
            n += 1;
        }
        out.flush()?;
        part += 1;
        if part % 10 == 0 {
            tracing::info!("generated {n}/{} documents", args.docs);
        }
    }
    println!(
        "generated {n} documents ({:.1} MB) with seed {} in {}",
        bytes as f64 / 1e6,
        args.seed,
        args.out.display()
    );
    Ok(())
}
