//! Writing a large collection as numbered JSON-lines files (`part-00000.jsonl`, ...) that each
//! stay well under the corpus reader's size limit, for `gen-corpus` and `import`.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use concord_corpus::reader::MAX_FILE_BYTES;

/// A part is closed once it holds this many bytes (or its document count), so that no part
/// reaches [`MAX_FILE_BYTES`], above which `concord index` skips a file.
pub const PART_BYTES: u64 = MAX_FILE_BYTES / 4 * 3;

pub struct PartWriter {
    folder: PathBuf,
    per_part: u64,
    part: usize,
    lines_in_part: u64,
    bytes_in_part: u64,
    out: Option<BufWriter<std::fs::File>>,
}

impl PartWriter {
    /// Parts of at most `per_part` lines (and [`PART_BYTES`] bytes) in `folder`.
    pub fn new(folder: &Path, per_part: u64) -> PartWriter {
        PartWriter {
            folder: folder.to_path_buf(),
            per_part: per_part.max(1),
            part: 0,
            lines_in_part: 0,
            bytes_in_part: 0,
            out: None,
        }
    }

    /// Appends one JSON line (without its newline), opening the next part when this one is full.
    pub fn write_line(&mut self, line: &str) -> anyhow::Result<()> {
        let size = line.len() as u64 + 1;
        let full = self.lines_in_part >= self.per_part
            || (self.lines_in_part > 0 && self.bytes_in_part + size > PART_BYTES);
        if self.out.is_none() || full {
            self.finish_part()?;
            let path = self.folder.join(format!("part-{:05}.jsonl", self.part));
            let file = std::fs::File::create(&path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            self.out = Some(BufWriter::new(file));
            self.part += 1;
            self.lines_in_part = 0;
            self.bytes_in_part = 0;
        }
        let out = self.out.as_mut().expect("a part is open");
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        self.lines_in_part += 1;
        self.bytes_in_part += size;
        Ok(())
    }

    /// Flushes the last part; returns the number of parts written.
    pub fn finish(mut self) -> anyhow::Result<usize> {
        self.finish_part()?;
        Ok(self.part)
    }

    fn finish_part(&mut self) -> anyhow::Result<()> {
        if let Some(mut out) = self.out.take() {
            out.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_roll_over_by_count_and_by_size() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = PartWriter::new(dir.path(), 3);
        for _ in 0..7 {
            writer.write_line("{}").unwrap();
        }
        assert_eq!(writer.finish().unwrap(), 3);
        let big = "x".repeat((PART_BYTES / 2) as usize);
        let mut writer = PartWriter::new(&dir.path().join("."), 1000);
        for _ in 0..5 {
            writer.write_line(&big).unwrap();
        }
        // Two half-limit lines do not fit with their newlines: one line a part.
        assert_eq!(writer.finish().unwrap(), 5);
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let size = entry.unwrap().metadata().unwrap().len();
            assert!(size <= MAX_FILE_BYTES, "{size}");
        }
    }
}
