//! IPADIC source from Debian's `mecab-ipadic` package: EUC-JP files converted to UTF-8.

use std::path::Path;

use crate::error::DictError;

/// Copies every `.csv` and `.def` file of `from` to `to`, decoded from EUC-JP; returns the
/// number of dictionary entries (CSV lines).
pub fn convert_folder(from: &Path, to: &Path) -> Result<usize, DictError> {
    std::fs::create_dir_all(to).map_err(|error| DictError::io(to, error))?;
    let mut entries = 0;
    let listing = std::fs::read_dir(from).map_err(|error| DictError::io(from, error))?;
    for item in listing {
        let path = item.map_err(|error| DictError::io(from, error))?.path();
        let extension = path.extension().and_then(|extension| extension.to_str());
        if !matches!(extension, Some("csv" | "def")) {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|error| DictError::io(&path, error))?;
        let text = decode_euc_jp(&bytes)
            .ok_or_else(|| DictError::Convert(format!("{} is not valid EUC-JP", path.display())))?;
        if extension == Some("csv") {
            entries += text.lines().filter(|line| !line.trim().is_empty()).count();
        }
        let target = to.join(path.file_name().unwrap_or_default());
        std::fs::write(&target, text).map_err(|error| DictError::io(&target, error))?;
    }
    Ok(entries)
}

fn decode_euc_jp(bytes: &[u8]) -> Option<String> {
    let (text, _, had_errors) = encoding_rs::EUC_JP.decode(bytes);
    (!had_errors).then(|| text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euc_jp_is_decoded() {
        // 和平 in EUC-JP.
        assert_eq!(
            decode_euc_jp(&[0xCF, 0xC2, 0xCA, 0xBF]).as_deref(),
            Some("和平")
        );
        assert_eq!(decode_euc_jp(&[0xFF, 0xFF, 0xFF]), None);
    }
}
