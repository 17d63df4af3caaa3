//! Extraction throughput: MB/s of raw pages through `Extractor::extract` (furniture removal,
//! dates, taxonomy names, salience), per format and script family, over the shipped corpus's
//! raw `.txt` and `.html` files. Run with `cargo bench -p concord-corpus --bench extraction`;
//! results and the machine go into `benches/README.md`.

use std::path::{Path, PathBuf};

use concord_corpus::Taxonomy;
use concord_corpus::extract::{Extractor, Format};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn corpus() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus")).to_path_buf()
}

/// The raw pages of the shipped corpus whose path matches `keep`, with their format.
fn pages(keep: impl Fn(&str) -> bool) -> Vec<(String, Format)> {
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(corpus()).sort_by_file_name() {
        let entry = entry.expect("corpus is readable");
        let path = entry.path();
        let name = path.to_string_lossy();
        let raw = name.ends_with(".txt") || name.ends_with(".html");
        if raw && keep(&name) {
            let text = std::fs::read_to_string(path).expect("raw pages are UTF-8");
            pages.push((text, Format::of_path(path)));
        }
    }
    pages
}

fn bench(c: &mut Criterion) {
    let taxonomy = Taxonomy::load_from_corpus(&corpus()).expect("the shipped taxonomy loads");
    let extractor = Extractor::new(&taxonomy);
    let cjk = |name: &str| {
        ["/ja/", "/ko/", "/zh/"]
            .iter()
            .any(|dir| name.contains(dir))
    };
    let sets = [
        ("all raw pages", pages(|_| true)),
        ("text pages", pages(|name| name.ends_with(".txt"))),
        ("html pages", pages(|name| name.ends_with(".html"))),
        ("ja-ko-zh pages", pages(cjk)),
        ("other-language pages", pages(|name| !cjk(name))),
    ];
    let mut group = c.benchmark_group("extract");
    for (name, pages) in &sets {
        let bytes: usize = pages.iter().map(|(text, _)| text.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(*name, |b| {
            b.iter(|| {
                for (text, format) in pages {
                    std::hint::black_box(extractor.extract(text, *format));
                }
            });
        });
    }
    group.finish();
    c.bench_function("extractor from the shipped taxonomy", |b| {
        b.iter(|| Extractor::new(&taxonomy));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
