//! The floor plan holds: ARCHITECTURE.md names every module file of every crate, and
//! `concord-index`'s folders import one another in one direction only.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file under `dir`, as paths relative to it with `/` separators.
fn rust_files(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let relative = path.strip_prefix(dir).unwrap();
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    files
}

/// The part of ARCHITECTURE.md from the heading that names `crate_name` to the next heading
/// of the same level.
fn crate_section<'a>(architecture: &'a str, crate_name: &str) -> &'a str {
    let heading = format!("### `{crate_name}`");
    let start = architecture
        .find(&heading)
        .unwrap_or_else(|| panic!("ARCHITECTURE.md has no section {heading}"));
    let rest = &architecture[start + heading.len()..];
    let end = rest.find("\n### ").unwrap_or(rest.len());
    &rest[..end]
}

/// A module file is named when its crate's section of ARCHITECTURE.md holds its file name
/// and, for a file inside a folder, the folder's name followed by `/`. A folder's `mod.rs`
/// is named by its folder; `lib.rs` and `main.rs` by the section itself.
fn unnamed_files(section: &str, files: &[String]) -> Vec<String> {
    files
        .iter()
        .filter(|file| {
            let parts: Vec<&str> = file.split('/').collect();
            let name = *parts.last().unwrap();
            let folder_named = match parts.len() {
                1 => true,
                n => section.contains(&format!("{}/", parts[n - 2])),
            };
            let file_named = matches!(name, "lib.rs" | "main.rs" | "mod.rs")
                || section.contains(&format!("`{name}`"))
                || section.contains(&format!("{name}`"))
                || section.contains(&format!(",{name}"))
                || section.contains(&format!("{{{name}"));
            !(folder_named && file_named)
        })
        .cloned()
        .collect()
}

#[test]
fn architecture_md_names_every_module_file() {
    let architecture = std::fs::read_to_string(repo().join("ARCHITECTURE.md")).unwrap();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(repo().join("crates")).unwrap() {
        let crate_dir = entry.unwrap().path();
        let crate_name = crate_dir.file_name().unwrap().to_string_lossy().to_string();
        let section = crate_section(&architecture, &crate_name);
        let files = rust_files(&crate_dir.join("src"));
        assert!(!files.is_empty(), "{crate_name} has no source files");
        for file in unnamed_files(section, &files) {
            missing.push(format!("crates/{crate_name}/src/{file}"));
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's code map does not name these module files (add a line for each \
         in its crate's section): {missing:#?}"
    );
}

#[test]
fn the_code_map_check_catches_a_file_left_out() {
    let section = "- `store.rs`: generations. `read/`: `open.rs`, `query/` (`mod.rs`, `bm25.rs`).";
    let files: Vec<String> = ["lib.rs", "store.rs", "read/open.rs", "read/query/bm25.rs"]
        .iter()
        .map(|file| file.to_string())
        .collect();
    assert!(unnamed_files(section, &files).is_empty());
    let with_new = [files.clone(), vec!["read/new_thing.rs".to_string()]].concat();
    assert_eq!(unnamed_files(section, &with_new), ["read/new_thing.rs"]);
    let in_unnamed_folder = vec!["write/store.rs".to_string()];
    assert_eq!(
        unnamed_files(section, &in_unnamed_folder),
        ["write/store.rs"]
    );
}

/// Where a module of `concord-index` stands in the one-way order of its parts: a module may
/// use only parts of a lower or equal rank. `error` and `labels` use nothing of the crate.
fn rank(module_path: &str) -> u8 {
    let top = module_path.split("::").next().unwrap();
    match top {
        "error" | "labels" => 0,
        "analyzer" => 1,
        "schema" => 2,
        "write" => 3,
        "read" => 4,
        "services" => 5,
        other => panic!("concord-index has a top-level module `{other}` outside the plan"),
    }
}

/// Pairs of module prefixes inside the read path that must not be used by the first one.
const READ_PATH_BANS: &[(&str, &str)] = &[
    ("read::request", "read::query"),
    ("read::request", "read::collect"),
    ("read::request", "read::search"),
    ("read::collect", "read::query"),
    ("read::collect", "read::search"),
];

/// The `crate::` paths a source file uses outside comments and its test module.
fn crate_paths(source: &str) -> BTreeSet<String> {
    let code = source.split("#[cfg(test)]").next().unwrap();
    let mut paths = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(start) = rest.find("crate::") {
            let after = &rest[start + "crate::".len()..];
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(after.len());
            let path: Vec<&str> = after[..end]
                .split("::")
                .filter(|part| part.starts_with(|c: char| c.is_ascii_lowercase()))
                .collect();
            if !path.is_empty() {
                paths.insert(path.join("::"));
            }
            rest = &after[end..];
        }
    }
    paths
}

/// `read/collect/dated.rs` -> `read::collect::dated`.
fn module_of(file: &str) -> String {
    let trimmed = file.trim_end_matches(".rs").trim_end_matches("/mod");
    trimmed.replace('/', "::")
}

fn violations(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (file, source) in files {
        let module = module_of(file);
        if module == "lib" {
            continue;
        }
        for used in crate_paths(source) {
            if rank(&used) > rank(&module) {
                found.push(format!("{file} uses crate::{used}, a later part"));
            }
            for (user, banned) in READ_PATH_BANS {
                if module.starts_with(user) && used.starts_with(banned) {
                    found.push(format!("{file} uses crate::{used} ({user} may not)"));
                }
            }
        }
    }
    found
}

#[test]
fn concord_index_folders_import_one_way() {
    let src = repo().join("crates/concord-index/src");
    let files: Vec<(String, String)> = rust_files(&src)
        .into_iter()
        .map(|file| {
            let source = std::fs::read_to_string(src.join(&file)).unwrap();
            (file, source)
        })
        .collect();
    let found = violations(&files);
    assert!(
        found.is_empty(),
        "imports against the order analyzer -> schema -> write -> read -> services \
         (crates/concord-index/src/lib.rs): {found:#?}"
    );
}

#[test]
fn the_import_check_catches_a_backward_import() {
    let file = |name: &str, source: &str| (name.to_string(), source.to_string());
    let clean = [
        file("write/update.rs", "use crate::analyzer::Dictionaries;\n"),
        file("read/open.rs", "use crate::write::store::IndexStore;\n"),
        file(
            "services/stats.rs",
            "/// [`crate::services::x`]\nuse crate::read::open::SearchIndex;\n",
        ),
        file(
            "write/meta.rs",
            "use crate::schema::X;\n#[cfg(test)]\nmod tests { use crate::read::open::SearchIndex; }\n",
        ),
    ];
    assert!(violations(&clean).is_empty());
    let backward = [file(
        "write/update.rs",
        "let x = crate::read::open::verify(&index);\n",
    )];
    assert_eq!(
        violations(&backward),
        ["write/update.rs uses crate::read::open::verify, a later part"]
    );
    let inside_read = [file(
        "read/request/limits.rs",
        "use crate::read::query::CompiledQuery;\n",
    )];
    assert_eq!(violations(&inside_read).len(), 1);
}

/// The modules a file declares (`mod x;`, `pub mod x;`) that its own `//!` doc comment does
/// not name as `` `x` `` (a crate root's or folder's layout list); a `tests` module needs no
/// line.
fn modules_left_out_of_doc(source: &str) -> Vec<String> {
    let doc: String = source
        .lines()
        .filter(|line| line.starts_with("//!"))
        .collect::<Vec<_>>()
        .join("\n");
    source
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let rest = line
                .strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("pub(crate) mod "))
                .or_else(|| line.strip_prefix("mod "))?;
            rest.strip_suffix(';').map(str::to_string)
        })
        .filter(|module| module != "tests" && !doc.contains(&format!("`{module}`")))
        .collect()
}

#[test]
fn every_crate_root_and_folder_names_its_modules_in_its_doc() {
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(repo().join("crates")).unwrap() {
        let src = entry.unwrap().path().join("src");
        for file in rust_files(&src) {
            let is_layout_file =
                matches!(file.as_str(), "lib.rs" | "main.rs") || file.ends_with("/mod.rs");
            if !is_layout_file {
                continue;
            }
            let source = std::fs::read_to_string(src.join(&file)).unwrap();
            for module in modules_left_out_of_doc(&source) {
                missing.push(format!("{}: mod {module}", src.join(&file).display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "a module missing from its parent's layout doc comment: {missing:#?}"
    );
}

#[test]
fn the_layout_check_reads_declarations_not_uses() {
    let source =
        "//! - [`store`]: generations.\n\npub mod store;\nmod tests;\nmod verify;\nuse crate::x;\n";
    assert_eq!(modules_left_out_of_doc(source), ["verify"]);
}
