//! Turns a compiled MeCab dictionary (`sys.dic`, `unk.dic`, `matrix.bin`, `char.bin`) back into
//! the source files (`*.csv`, `unk.def`, `matrix.def`, `char.def`) that lindera's builder reads.
//!
//! PyPI's `python-mecab-ko-dic` ships mecab-ko-dic only in compiled form. The formats, from
//! MeCab's `dictionary.cpp`, `connector.cpp` and `char_property.cpp` (all little-endian):
//!
//! - `*.dic`: a header of ten `u32` (magic, version, type, lexsize, lsize, rsize, dsize, tsize,
//!   fsize, dummy) and a 32-byte charset, then a Darts double array of `dsize` bytes (units of
//!   `{base: i32, check: u32}`), `tsize` bytes of 16-byte tokens (`lcAttr u16, rcAttr u16,
//!   posid u16, wcost i16, feature u32, compound u32`) and `fsize` bytes of NUL-terminated
//!   feature strings. A key's value is `(first token << 8) | token count`.
//! - `matrix.bin`: `lsize u16, rsize u16`, then `lsize * rsize` `i16` costs at `l + lsize * r`.
//! - `char.bin`: `u32` category count, 32-byte category names, then one `u32` per UCS-2 code
//!   point: bits 0–17 the category mask, 18–25 the default category, 26–29 length, 30 group,
//!   31 invoke.

use std::fmt::Write as _;
use std::path::Path;

use crate::error::DictError;

const DIC_HEADER_BYTES: usize = 10 * 4 + 32;
const TOKEN_BYTES: usize = 16;

/// One dictionary entry: surface, left and right context ids, cost and the feature string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub surface: String,
    pub left_id: u16,
    pub right_id: u16,
    pub cost: i16,
    pub feature: String,
}

/// Reads every entry of a compiled `.dic` file (a system or unknown-word dictionary).
pub fn read_dic(bytes: &[u8], name: &str) -> Result<Vec<Entry>, DictError> {
    let invalid = |reason: &str| DictError::Convert(format!("{name}: {reason}"));
    if bytes.len() < DIC_HEADER_BYTES {
        return Err(invalid("shorter than a MeCab dictionary header"));
    }
    let header = |index: usize| u32_at(bytes, index * 4) as usize;
    let (dsize, tsize, fsize) = (header(6), header(7), header(8));
    let darts_start = DIC_HEADER_BYTES;
    let tokens_start = darts_start + dsize;
    let features_start = tokens_start + tsize;
    if features_start + fsize > bytes.len() || dsize % 8 != 0 || tsize % TOKEN_BYTES != 0 {
        return Err(invalid("section sizes do not match the file"));
    }
    let units = &bytes[darts_start..tokens_start];
    let tokens = &bytes[tokens_start..features_start];
    let features = &bytes[features_start..features_start + fsize];
    let unit_count = dsize / 8;
    let base =
        |index: usize| i32::from_le_bytes(units[index * 8..index * 8 + 4].try_into().unwrap());
    let check = |index: usize| u32_at(units, index * 8 + 4);

    let mut entries = Vec::new();
    // Depth-first walk of the double array: (node base, key bytes so far).
    let mut stack: Vec<(i32, Vec<u8>)> = vec![(base(0), Vec::new())];
    while let Some((node, key)) = stack.pop() {
        if node < 0 {
            continue;
        }
        let node_index = node as usize;
        // Terminal: code 0 at `node`, a negative base holds the value.
        if node_index < unit_count && check(node_index) == node as u32 && base(node_index) < 0 {
            let value = (-base(node_index) - 1) as u32;
            let first = (value >> 8) as usize;
            let count = (value & 0xff) as usize;
            let surface =
                String::from_utf8(key.clone()).map_err(|_| invalid("a key is not valid UTF-8"))?;
            for token in first..first + count {
                let at = token * TOKEN_BYTES;
                if at + TOKEN_BYTES > tokens.len() {
                    return Err(invalid("a key points past the token table"));
                }
                let feature_offset = u32_at(tokens, at + 8) as usize;
                entries.push(Entry {
                    surface: surface.clone(),
                    left_id: u16::from_le_bytes([tokens[at], tokens[at + 1]]),
                    right_id: u16::from_le_bytes([tokens[at + 2], tokens[at + 3]]),
                    cost: i16::from_le_bytes([tokens[at + 6], tokens[at + 7]]),
                    feature: c_string(features, feature_offset)
                        .map_err(|reason| invalid(&reason))?,
                });
            }
        }
        // Children: byte c is stored as code c + 1 at `node + c + 1`.
        for byte in (0u8..=255).rev() {
            let child = node_index + usize::from(byte) + 1;
            if child < unit_count && check(child) == node as u32 {
                let mut child_key = key.clone();
                child_key.push(byte);
                stack.push((base(child), child_key));
            }
        }
    }
    entries.sort_by(|a, b| a.surface.cmp(&b.surface));
    Ok(entries)
}

/// `matrix.bin` → `matrix.def` text.
pub fn matrix_def(bytes: &[u8]) -> Result<String, DictError> {
    if bytes.len() < 4 {
        return Err(DictError::Convert("matrix.bin: too short".into()));
    }
    let left_size = usize::from(u16::from_le_bytes([bytes[0], bytes[1]]));
    let right_size = usize::from(u16::from_le_bytes([bytes[2], bytes[3]]));
    if bytes.len() != 4 + 2 * left_size * right_size {
        return Err(DictError::Convert(
            "matrix.bin: size does not match its header".into(),
        ));
    }
    let mut text = String::with_capacity(left_size * right_size * 12);
    let _ = writeln!(text, "{left_size} {right_size}");
    for right in 0..right_size {
        for left in 0..left_size {
            let at = 4 + 2 * (left + left_size * right);
            let cost = i16::from_le_bytes([bytes[at], bytes[at + 1]]);
            let _ = writeln!(text, "{left} {right} {cost}");
        }
    }
    Ok(text)
}

/// `char.bin` → `char.def` text.
pub fn char_def(bytes: &[u8]) -> Result<String, DictError> {
    let invalid = |reason: &str| DictError::Convert(format!("char.bin: {reason}"));
    if bytes.len() < 4 {
        return Err(invalid("too short"));
    }
    let category_count = u32_at(bytes, 0) as usize;
    let names_end = 4 + 32 * category_count;
    if bytes.len() != names_end + 4 * 0xffff {
        return Err(invalid("size does not match its category count"));
    }
    let names: Vec<String> = (0..category_count)
        .map(|index| c_string(&bytes[4 + 32 * index..4 + 32 * (index + 1)], 0))
        .collect::<Result<_, _>>()
        .map_err(|reason| invalid(&reason))?;
    let info = |code: usize| u32_at(bytes, names_end + 4 * code);
    let default_of = |value: u32| ((value >> 18) & 0xff) as usize;

    // Each category's invoke/group/length, read off a character whose default it is.
    let mut text = String::new();
    for (index, name) in names.iter().enumerate() {
        let sample = (0..0xffff)
            .map(info)
            .find(|value| default_of(*value) == index);
        let (invoke, group, length) = sample.map_or((0, 0, 0), |value| {
            (value >> 31, (value >> 30) & 1, (value >> 26) & 0xf)
        });
        let _ = writeln!(text, "{name} {invoke} {group} {length}");
    }
    text.push('\n');
    // Ranges of code points with the same categories, the default first.
    let categories_of = |value: u32| -> Vec<&str> {
        let default = default_of(value);
        let mut list = vec![names.get(default).map_or("DEFAULT", String::as_str)];
        for (index, name) in names.iter().enumerate() {
            if index != default && value & (1 << index) != 0 {
                list.push(name);
            }
        }
        list
    };
    let mut start = 0usize;
    while start < 0xffff {
        let value = info(start);
        let mut end = start;
        while end + 1 < 0xffff && info(end + 1) == value {
            end += 1;
        }
        let categories = categories_of(value);
        if categories != ["DEFAULT"] {
            let range = if start == end {
                format!("0x{start:04X}")
            } else {
                format!("0x{start:04X}..0x{end:04X}")
            };
            let _ = writeln!(text, "{range} {}", categories.join(" "));
        }
        start = end + 1;
    }
    Ok(text)
}

/// Writes entries as MeCab CSV lines: `surface,left,right,cost,feature`.
pub fn csv_lines(entries: &[Entry]) -> String {
    let mut text = String::with_capacity(entries.len() * 48);
    for entry in entries {
        let surface = if entry.surface.contains([',', '"']) {
            format!("\"{}\"", entry.surface.replace('"', "\"\""))
        } else {
            entry.surface.clone()
        };
        let _ = writeln!(
            text,
            "{surface},{},{},{},{}",
            entry.left_id, entry.right_id, entry.cost, entry.feature
        );
    }
    text
}

/// Converts a compiled MeCab dictionary folder into a source folder; returns the entry count.
pub fn convert_folder(compiled: &Path, source: &Path) -> Result<usize, DictError> {
    let read = |name: &str| {
        std::fs::read(compiled.join(name))
            .map_err(|error| DictError::io(compiled.join(name), error))
    };
    let write = |name: &str, text: &str| {
        std::fs::write(source.join(name), text)
            .map_err(|error| DictError::io(source.join(name), error))
    };
    std::fs::create_dir_all(source).map_err(|error| DictError::io(source, error))?;
    let entries = read_dic(&read("sys.dic")?, "sys.dic")?;
    write("lex.csv", &csv_lines(&entries))?;
    let unknown = read_dic(&read("unk.dic")?, "unk.dic")?;
    write("unk.def", &csv_lines(&unknown))?;
    write("matrix.def", &matrix_def(&read("matrix.bin")?)?)?;
    write("char.def", &char_def(&read("char.bin")?)?)?;
    Ok(entries.len())
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
}

fn c_string(bytes: &[u8], at: usize) -> Result<String, String> {
    let rest = bytes.get(at..).ok_or("a string offset is past the end")?;
    let end = rest
        .iter()
        .position(|&byte| byte == 0)
        .unwrap_or(rest.len());
    String::from_utf8(rest[..end].to_vec()).map_err(|_| "a string is not valid UTF-8".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-built double array holding "a" → token 0 and "ab" → tokens 1 and 2.
    fn tiny_dic() -> Vec<u8> {
        // Units: index → (base, check). Root base 1. Byte 'a' (97) → child at 1 + 97 + 1 = 99,
        // base 200. Terminal of "a" at 200 (check 200). Byte 'b' (98) from 200 → 299, base 400;
        // terminal at 400.
        let mut units = vec![(0i32, 0u32); 401];
        units[0] = (1, 0);
        units[99] = (200, 1);
        let value = |first: i32, count: i32| -(((first << 8) | count) + 1);
        units[200] = (value(0, 1), 200);
        units[299] = (400, 200);
        units[400] = (value(1, 2), 400);
        let features = b"NNG,*\0JKS,*\0VV,*\0";
        let tokens: [(u16, u16, i16, u32); 3] = [(1, 2, 100, 0), (3, 4, -5, 6), (5, 6, 7, 12)];
        let mut bytes = Vec::new();
        let header = [
            0u32,
            102,
            0,
            3,
            7,
            7,
            units.len() as u32 * 8,
            48,
            features.len() as u32,
            0,
        ];
        for value in header {
            bytes.extend(value.to_le_bytes());
        }
        bytes.extend([0u8; 32]);
        for (base, check) in units {
            bytes.extend(base.to_le_bytes());
            bytes.extend(check.to_le_bytes());
        }
        for (left, right, cost, feature) in tokens {
            bytes.extend(left.to_le_bytes());
            bytes.extend(right.to_le_bytes());
            bytes.extend(0u16.to_le_bytes());
            bytes.extend(cost.to_le_bytes());
            bytes.extend(feature.to_le_bytes());
            bytes.extend(0u32.to_le_bytes());
        }
        bytes.extend(features);
        bytes
    }

    #[test]
    fn every_key_and_token_of_a_double_array_is_recovered() {
        let entries = read_dic(&tiny_dic(), "tiny").unwrap();
        assert_eq!(
            csv_lines(&entries),
            "a,1,2,100,NNG,*\nab,3,4,-5,JKS,*\nab,5,6,7,VV,*\n"
        );
    }

    #[test]
    fn matrix_costs_come_back_in_mecab_order() {
        let mut bytes = vec![];
        bytes.extend(2u16.to_le_bytes());
        bytes.extend(1u16.to_le_bytes());
        bytes.extend(10i16.to_le_bytes());
        bytes.extend((-3i16).to_le_bytes());
        assert_eq!(matrix_def(&bytes).unwrap(), "2 1\n0 0 10\n1 0 -3\n");
        assert!(matrix_def(&bytes[..5]).is_err());
    }

    #[test]
    fn char_categories_become_ranges_with_the_default_first() {
        let mut bytes = vec![];
        bytes.extend(2u32.to_le_bytes());
        for name in ["DEFAULT", "HANGUL"] {
            let mut field = [0u8; 32];
            field[..name.len()].copy_from_slice(name.as_bytes());
            bytes.extend(field);
        }
        let default = 1u32; // mask DEFAULT, default category 0
        let hangul = (1u32 << 31) | (1 << 30) | (2 << 26) | (1 << 18) | 0b10;
        for code in 0..0xffffu32 {
            let value = if (0xAC00..=0xD7A3).contains(&code) {
                hangul
            } else {
                default
            };
            bytes.extend(value.to_le_bytes());
        }
        assert_eq!(
            char_def(&bytes).unwrap(),
            "DEFAULT 0 0 0\nHANGUL 1 1 2\n\n0xAC00..0xD7A3 HANGUL\n"
        );
    }
}
