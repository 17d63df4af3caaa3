//! Fetching packages through the machine's ordinary package clients (apt-get, pip) and
//! unpacking them. Nothing here talks to the network itself.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::DictError;

/// Downloads a Debian package's `.deb` into `into` (without installing it); runs
/// `apt-get update` once and retries if the package lists are missing or stale.
pub fn apt_download(package: &str, into: &Path) -> Result<PathBuf, DictError> {
    if run("apt-get", &["download", package], into).is_err() {
        run("apt-get", &["update", "-qq"], into)?;
        run("apt-get", &["download", package], into)?;
    }
    find_file(into, &format!("{package}_"), ".deb")
}

/// Unpacks a `.deb` into `into`.
pub fn extract_deb(deb: &Path, into: &Path) -> Result<(), DictError> {
    let deb = deb.to_string_lossy().into_owned();
    let target = into.to_string_lossy().into_owned();
    run(
        "dpkg-deb",
        &["-x", &deb, &target],
        into.parent().unwrap_or(into),
    )
}

/// Downloads one wheel from PyPI into `into` with pip.
pub fn pip_download(requirement: &str, into: &Path) -> Result<PathBuf, DictError> {
    let dest = into.to_string_lossy().into_owned();
    run(
        "python3",
        &[
            "-m",
            "pip",
            "download",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--only-binary",
            ":all:",
            "--dest",
            &dest,
            requirement,
        ],
        into,
    )?;
    let name = requirement
        .split("==")
        .next()
        .unwrap_or(requirement)
        .replace('-', "_");
    find_file(into, &name, ".whl")
}

/// Unpacks a wheel (a zip file) with Python's standard library.
pub fn extract_wheel(wheel: &Path, into: &Path) -> Result<(), DictError> {
    let wheel = wheel.to_string_lossy().into_owned();
    let target = into.to_string_lossy().into_owned();
    run(
        "python3",
        &["-m", "zipfile", "-e", &wheel, &target],
        into.parent().unwrap_or(into),
    )
}

fn run(tool: &str, args: &[&str], cwd: &Path) -> Result<(), DictError> {
    std::fs::create_dir_all(cwd).map_err(|error| DictError::io(cwd, error))?;
    let command_line = format!("{tool} {}", args.join(" "));
    tracing::debug!(%command_line, "running");
    let output = Command::new(tool)
        .args(args)
        .current_dir(cwd)
        .output()
        .map_err(|error| {
            let reason = if error.kind() == std::io::ErrorKind::NotFound {
                format!("{tool} is not installed (needed to fetch dictionary sources)")
            } else {
                error.to_string()
            };
            DictError::Fetch {
                tool: command_line.clone(),
                reason,
            }
        })?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
    Err(DictError::Fetch {
        tool: command_line,
        reason: format!(
            "{} ({})",
            output.status,
            tail.into_iter().rev().collect::<Vec<_>>().join(" / ")
        ),
    })
}

fn find_file(dir: &Path, prefix: &str, suffix: &str) -> Result<PathBuf, DictError> {
    let listing = std::fs::read_dir(dir).map_err(|error| DictError::io(dir, error))?;
    for item in listing {
        let path = item.map_err(|error| DictError::io(dir, error))?.path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_lowercase();
        if name.starts_with(&prefix.to_lowercase()) && name.ends_with(suffix) {
            return Ok(path);
        }
    }
    Err(DictError::Fetch {
        tool: format!("looking for {prefix}*{suffix}"),
        reason: format!("nothing was downloaded into {}", dir.display()),
    })
}
