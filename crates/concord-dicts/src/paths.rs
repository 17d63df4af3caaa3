//! Where compiled dictionaries live.

use std::path::{Path, PathBuf};

/// File written last into a compiled dictionary folder: its presence means the build finished.
pub const STAMP_FILE: &str = "concord-dict.json";

/// The three dictionaries Concord uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DictKind {
    Japanese,
    Korean,
    Chinese,
}

impl DictKind {
    pub const ALL: [DictKind; 3] = [DictKind::Japanese, DictKind::Korean, DictKind::Chinese];

    /// The folder name of the compiled dictionary.
    pub fn name(self) -> &'static str {
        match self {
            DictKind::Japanese => "ipadic",
            DictKind::Korean => "ko-dic",
            DictKind::Chinese => "zh-jieba",
        }
    }

    /// The language code the dictionary analyses.
    pub fn lang(self) -> &'static str {
        match self {
            DictKind::Japanese => "ja",
            DictKind::Korean => "ko",
            DictKind::Chinese => "zh",
        }
    }

    pub fn for_lang(lang: &str) -> Option<DictKind> {
        DictKind::ALL.into_iter().find(|kind| kind.lang() == lang)
    }
}

/// The dictionary folder: `$CONCORD_DICTS` if set, else a per-user cache
/// (`$XDG_CACHE_HOME/concord/dicts-lindera-6.2.0`, by default under `~/.cache`), shared by
/// every checkout on the machine so that a fresh clone (or CI) does not rebuild them.
pub fn default_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CONCORD_DICTS").filter(|dir| !dir.is_empty()) {
        return PathBuf::from(dir);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .unwrap_or_else(|| PathBuf::from(".cache"));
    cache.join("concord").join("dicts-lindera-6.2.0")
}

/// The folder of one compiled dictionary.
pub fn kind_dir(dir: &Path, kind: DictKind) -> PathBuf {
    dir.join(kind.name())
}

/// True when the dictionary was completely built in `dir`.
pub fn is_ready(dir: &Path, kind: DictKind) -> bool {
    kind_dir(dir, kind).join(STAMP_FILE).is_file()
}
