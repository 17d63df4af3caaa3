//! `concord setup-dicts`: build the CJK dictionaries into their cache folder.

use std::path::Path;

use anyhow::bail;
use concord_dicts::{DictKind, SetupOutcome, is_ready, setup};
use concord_index::Dictionaries;

use crate::cli::{DictsSetup, SetupDictsArgs};

pub fn run(args: &SetupDictsArgs) -> anyhow::Result<()> {
    let dir = args.dicts.dir();
    let failures = ensure(&dir, args.force);
    if failures > 0 {
        bail!(
            "{failures} dictionaries could not be built; CJK text falls back to character bigrams"
        );
    }
    Ok(())
}

/// Builds whatever dictionaries are missing, printing progress; returns how many failed.
pub fn ensure(dir: &Path, force: bool) -> usize {
    let started = std::time::Instant::now();
    let mut progress = |line: &str| eprintln!("setup-dicts: {line}");
    let results = setup(dir, force, &mut progress);
    let mut failures = 0;
    for (kind, result) in results {
        match result {
            Ok(SetupOutcome::Present) => {}
            Ok(SetupOutcome::Built { .. }) => {}
            Err(error) => {
                failures += 1;
                eprintln!("setup-dicts: {} failed: {error}", kind.name());
            }
        }
    }
    if failures == 0 {
        eprintln!(
            "setup-dicts: dictionaries ready in {} ({:.1} s)",
            dir.display(),
            started.elapsed().as_secs_f64()
        );
    }
    failures
}

/// The dictionaries for `index` and `serve`: missing ones are built first unless
/// `--no-dict-setup`; whatever still fails is reported and CJK falls back to bigrams.
pub fn prepare(dicts: &DictsSetup) -> Dictionaries {
    let dir = dicts.location.dir();
    let missing = DictKind::ALL.into_iter().any(|kind| !is_ready(&dir, kind));
    if missing && !dicts.no_dict_setup {
        eprintln!(
            "setup-dicts: Japanese, Korean or Chinese dictionaries missing in {}; building them (about a minute, once)",
            dir.display()
        );
        ensure(&dir, false);
    }
    Dictionaries::load(&dir)
}
