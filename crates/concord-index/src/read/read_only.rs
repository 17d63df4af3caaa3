//! Published generations served from a read-only disk.
//!
//! Tantivy's reader takes a lock file (`.tantivy-meta.lock`) while it opens segments, so that a
//! writer's garbage collection cannot delete them meanwhile. A published Concord generation
//! never has a writer (every run writes a new generation), so when the lock file cannot be
//! created because the folder is read-only (a read-only mount, a read-only volume), the
//! generation is opened without it instead of failing. Any other lock failure stands.

use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// [`MmapDirectory`], except that a lock a read-only disk refuses is granted.
#[derive(Clone, Debug)]
pub struct ReadOnlyTolerant(MmapDirectory);

impl ReadOnlyTolerant {
    pub fn open(dir: &Path) -> tantivy::Result<ReadOnlyTolerant> {
        Ok(ReadOnlyTolerant(MmapDirectory::open(dir)?))
    }
}

impl Directory for ReadOnlyTolerant {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(error))
                if error.kind() == std::io::ErrorKind::ReadOnlyFilesystem =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}
