//! The index folder as a store of generations, published by an atomic pointer swap.
//!
//! ```text
//! index/
//!   CURRENT        "gen-000007": the generation readers open (replaced by rename, never edited)
//!   gen-000006/    the previous generation, kept for rollback
//!   gen-000007/    a complete tantivy index + concord-meta.json + concord-files.json
//!   .lock          held (flock) by the one indexer at work
//! ```
//!
//! Every change, full rebuild or incremental update, is written into a new generation folder;
//! an incremental one starts as a hard-linked copy of the current generation (tantivy's
//! segment files are immutable, so sharing them is safe). Only when the new generation is
//! complete and committed does `CURRENT` move to it, with a write-to-temporary-then-rename
//! that is atomic on POSIX file systems. A reader therefore sees the old generation or the new
//! one, never a half-built one; an indexer killed at any point leaves `CURRENT` on the last
//! good generation and, at worst, an unpublished folder the next run removes.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::IndexError;
use crate::write::meta::META_FILE;

/// The pointer file naming the published generation.
pub const CURRENT_FILE: &str = "CURRENT";
const LOCK_FILE: &str = ".lock";
const GENERATION_PREFIX: &str = "gen-";

/// An index folder holding generations.
#[derive(Clone, Debug)]
pub struct IndexStore {
    root: PathBuf,
}

/// Proof that this process is the one indexer of a store; released on drop (and by the
/// operating system if the process dies).
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
}

impl IndexStore {
    pub fn new(root: &Path) -> IndexStore {
        IndexStore {
            root: root.to_path_buf(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The published generation's folder name, as `CURRENT` says now.
    pub fn current_name(&self) -> Result<Option<String>, IndexError> {
        let path = self.root.join(CURRENT_FILE);
        match std::fs::read_to_string(&path) {
            Ok(name) => {
                let name = name.trim().to_string();
                if !is_generation_name(&name) {
                    return Err(IndexError::Meta {
                        path,
                        reason: format!("{name:?} is not a generation name"),
                    });
                }
                Ok(Some(name))
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(IndexError::Io { path, source }),
        }
    }

    /// The published generation's folder. An index written by a Concord from before
    /// generations (tantivy files directly in the folder) is reported as a schema change.
    pub fn current(&self) -> Result<PathBuf, IndexError> {
        match self.current_name()? {
            Some(name) => Ok(self.root.join(name)),
            None if self.root.join(META_FILE).is_file() => Err(IndexError::SchemaVersion {
                path: self.root.clone(),
                found: 0,
                expected: crate::schema::SCHEMA_VERSION,
            }),
            None => Err(IndexError::Missing(self.root.clone())),
        }
    }

    /// Takes the indexer lock, or says who holds it.
    pub fn lock(&self) -> Result<StoreLock, IndexError> {
        std::fs::create_dir_all(&self.root).map_err(|source| IndexError::Io {
            path: self.root.clone(),
            source,
        })?;
        let path = self.root.join(LOCK_FILE);
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|source| IndexError::Io {
                path: path.clone(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&path).unwrap_or_default();
                return Err(IndexError::Busy {
                    path: self.root.clone(),
                    holder: holder.trim().to_string(),
                });
            }
            Err(std::fs::TryLockError::Error(source)) => {
                return Err(IndexError::Io { path, source });
            }
        }
        let _ = file.set_len(0);
        let _ = write!(
            file,
            "pid {} since {}",
            std::process::id(),
            crate::write::meta::now_rfc3339()
        );
        Ok(StoreLock { _file: file })
    }

    /// A new, empty generation folder numbered after every existing one.
    pub fn create_generation(&self, _lock: &StoreLock) -> Result<PathBuf, IndexError> {
        let next = self
            .generation_names()?
            .iter()
            .filter_map(|name| generation_number(name))
            .max()
            .map_or(1, |last| last + 1);
        let dir = self.root.join(format!("{GENERATION_PREFIX}{next:06}"));
        std::fs::create_dir_all(&dir).map_err(|source| IndexError::Io {
            path: dir.clone(),
            source,
        })?;
        Ok(dir)
    }

    /// A new generation that starts as a copy of `from`: files hard-linked (copied where the
    /// file system cannot link), so only what changes takes new space.
    pub fn clone_generation(&self, from: &Path, lock: &StoreLock) -> Result<PathBuf, IndexError> {
        let dir = self.create_generation(lock)?;
        let entries = std::fs::read_dir(from).map_err(|source| IndexError::Io {
            path: from.to_path_buf(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| IndexError::Io {
                path: from.to_path_buf(),
                source,
            })?;
            let name = entry.file_name();
            let name_text = name.to_string_lossy();
            // Tantivy's lock files belong to the folder they were taken in.
            if name_text.ends_with(".lock") || !entry.path().is_file() {
                continue;
            }
            let target = dir.join(&name);
            // Small metadata files are rewritten by tantivy and Concord: copy them; segment
            // files never change once written: link them.
            let small = name_text.ends_with(".json");
            let linked = !small && std::fs::hard_link(entry.path(), &target).is_ok();
            if !linked {
                std::fs::copy(entry.path(), &target).map_err(|source| IndexError::Io {
                    path: target.clone(),
                    source,
                })?;
            }
        }
        Ok(dir)
    }

    /// Makes `generation` the published one: `CURRENT` is replaced atomically, then every
    /// generation older than the previous one (and any unpublished leftover) is removed.
    pub fn publish(&self, generation: &Path, _lock: &StoreLock) -> Result<(), IndexError> {
        let name = generation
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let previous = self.current_name()?;
        let temporary = self.root.join(format!("{CURRENT_FILE}.tmp"));
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| IndexError::Io { path, source }
        };
        let mut file = File::create(&temporary).map_err(io(&temporary))?;
        file.write_all(name.as_bytes()).map_err(io(&temporary))?;
        file.sync_all().map_err(io(&temporary))?;
        drop(file);
        let current = self.root.join(CURRENT_FILE);
        std::fs::rename(&temporary, &current).map_err(io(&current))?;
        if let Ok(dir) = File::open(&self.root) {
            let _ = dir.sync_all();
        }
        self.prune(&name, previous.as_deref());
        Ok(())
    }

    /// Removes every generation but `keep` and `previous`, and the index files left directly in
    /// the root by a Concord from before generations.
    fn prune(&self, keep: &str, previous: Option<&str>) {
        let Ok(names) = self.generation_names() else {
            return;
        };
        for name in names {
            if name != keep && Some(name.as_str()) != previous {
                let _ = std::fs::remove_dir_all(self.root.join(&name));
            }
        }
        self.remove_legacy_files();
    }

    /// An index from before generations kept tantivy's files and `concord-meta.json` in the
    /// root. Only when that metadata file is there, and only files of those kinds, are removed:
    /// nothing else a librarian keeps beside them.
    fn remove_legacy_files(&self) {
        if !self.root.join(META_FILE).is_file() {
            return;
        }
        const SEGMENT_EXTENSIONS: [&str; 8] = [
            "idx",
            "pos",
            "term",
            "store",
            "fast",
            "fieldnorm",
            "del",
            "managed",
        ];
        let Ok(entries) = std::fs::read_dir(&self.root) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let extension = name.rsplit_once('.').map_or("", |(_, extension)| extension);
            let legacy = name == META_FILE
                || name == "meta.json"
                || name == ".managed.json"
                || name.starts_with(".tantivy-")
                || SEGMENT_EXTENSIONS.contains(&extension);
            if legacy && entry.path().is_file() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Removes generation folders that were never published and are not the current or the
    /// previous one: leftovers of an indexer that died. Call with the lock held.
    pub fn remove_unpublished(&self, _lock: &StoreLock) -> Result<(), IndexError> {
        let current = self.current_name()?;
        let current_number = current.as_deref().and_then(generation_number);
        for name in self.generation_names()? {
            let newer = match (generation_number(&name), current_number) {
                (Some(number), Some(current)) => number > current,
                (_, None) => true,
                _ => false,
            };
            if newer {
                let _ = std::fs::remove_dir_all(self.root.join(&name));
            }
        }
        Ok(())
    }

    fn generation_names(&self) -> Result<Vec<String>, IndexError> {
        let entries = match std::fs::read_dir(&self.root) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(IndexError::Io {
                    path: self.root.clone(),
                    source,
                });
            }
        };
        Ok(entries
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| is_generation_name(name))
            .collect())
    }
}

fn is_generation_name(name: &str) -> bool {
    generation_number(name).is_some()
}

fn generation_number(name: &str) -> Option<u64> {
    name.strip_prefix(GENERATION_PREFIX)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishing_moves_the_pointer_and_keeps_one_previous_generation() {
        let root = tempfile::tempdir().unwrap();
        let store = IndexStore::new(root.path());
        assert!(matches!(store.current(), Err(IndexError::Missing(_))));
        let lock = store.lock().unwrap();
        let mut published = Vec::new();
        for round in 0..3 {
            let generation = store.create_generation(&lock).unwrap();
            std::fs::write(generation.join("data"), format!("round {round}")).unwrap();
            store.publish(&generation, &lock).unwrap();
            assert_eq!(store.current().unwrap(), generation);
            published.push(generation);
        }
        assert!(
            !published[0].exists(),
            "generations older than the previous are removed"
        );
        assert!(published[1].exists() && published[2].exists());
    }

    #[test]
    fn a_second_indexer_is_refused_with_the_holder() {
        let root = tempfile::tempdir().unwrap();
        let store = IndexStore::new(root.path());
        let _held = store.lock().unwrap();
        let error = store.lock().unwrap_err();
        let message = error.to_string();
        assert!(matches!(error, IndexError::Busy { .. }));
        assert!(
            message.contains(&format!("pid {}", std::process::id())),
            "{message}"
        );
    }

    #[test]
    fn unpublished_generations_are_cleaned_up_and_clones_share_files() {
        let root = tempfile::tempdir().unwrap();
        let store = IndexStore::new(root.path());
        let lock = store.lock().unwrap();
        let first = store.create_generation(&lock).unwrap();
        std::fs::write(first.join("segment.idx"), "immutable").unwrap();
        std::fs::write(first.join("meta.json"), "{}").unwrap();
        store.publish(&first, &lock).unwrap();
        let clone = store.clone_generation(&first, &lock).unwrap();
        assert_eq!(
            std::fs::read_to_string(clone.join("segment.idx")).unwrap(),
            "immutable"
        );
        assert!(clone.join("meta.json").is_file());
        // Never published (the indexer "died"): removed by the next run.
        store.remove_unpublished(&lock).unwrap();
        assert!(!clone.exists());
        assert_eq!(store.current().unwrap(), first);
    }

    #[test]
    fn a_folder_from_before_generations_asks_for_a_rebuild_then_is_cleaned() {
        let root = tempfile::tempdir().unwrap();
        for legacy in [META_FILE, "meta.json", "abc123.idx", ".tantivy-writer.lock"] {
            std::fs::write(root.path().join(legacy), "{}").unwrap();
        }
        std::fs::write(root.path().join("notes.txt"), "the librarian's own file").unwrap();
        let store = IndexStore::new(root.path());
        let error = store.current().unwrap_err();
        assert!(matches!(error, IndexError::SchemaVersion { found: 0, .. }));
        let lock = store.lock().unwrap();
        let generation = store.create_generation(&lock).unwrap();
        store.publish(&generation, &lock).unwrap();
        assert_eq!(store.current().unwrap(), generation);
        for legacy in [META_FILE, "meta.json", "abc123.idx", ".tantivy-writer.lock"] {
            assert!(!root.path().join(legacy).exists(), "{legacy} is removed");
        }
        assert!(root.path().join("notes.txt").exists());
    }
}
