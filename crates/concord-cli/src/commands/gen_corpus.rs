//! `concord gen-corpus`: a deterministic corpus of any size, written like the shipped one, for
//! benchmarks (see `concord_corpus::generate`).

use anyhow::Context;
use concord_corpus::generate::Generator;
use concord_corpus::read_corpus;

use crate::cli::GenCorpusArgs;
use crate::commands::parts::PartWriter;

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
    let mut parts = PartWriter::new(&folder, args.per_file);
    let mut bytes = 0u64;
    for n in 0..args.docs {
        let line = serde_json::to_string(&generator.document(n))?;
        bytes += line.len() as u64 + 1;
        parts.write_line(&line)?;
        if (n + 1) % 100_000 == 0 {
            tracing::info!("generated {}/{} documents", n + 1, args.docs);
        }
    }
    parts.finish()?;
    let n = args.docs;
    println!(
        "generated {n} documents ({:.1} MB) with seed {} in {}",
        bytes as f64 / 1e6,
        args.seed,
        args.out.display()
    );
    Ok(())
}
