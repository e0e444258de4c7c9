//! The stages import only downward: ingest → normalize → reconcile →
//! report, commands on top, all standing on one ground floor (text,
//! numbers, periods and shared types, the template, findings and their
//! words). Checked on the source: every `crate::…` path outside test
//! modules names a module of the file's own level or below.

use crate::common::repo;

/// The level of a module path below `crate::` (its first one or two
/// names).
fn level(first: &str, second: &str) -> Option<u8> {
    Some(match (first, second) {
        (
            "text" | "number" | "outputs" | "diagnostic" | "error" | "model" | "template" | "rules"
            | "memo" | "memory" | "messages",
            _,
        ) => 0,
        ("ingest", _) => 1,
        // Reading the task tables is reading, as normalize's is.
        ("normalize", _) | ("annex", "settings" | "table" | "deadline") => 2,
        ("reconcile", _) => 3,
        // A form is a writer of its own, as the annex is.
        ("report", "form") => 5,
        ("report", _) => 4,
        ("annex" | "textcheck", _) => 5,
        ("samples", _) => 6,
        ("consolidation", _) => 5,
        ("commands", _) => 7,
        _ => return None,
    })
}

/// `text` without the blocks that follow `#[cfg(test)]`.
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(open) = after.find(['{', ';']) else {
            return out;
        };
        if after.as_bytes()[open] == b';' {
            rest = &after[open + 1..];
            continue;
        }
        let mut depth = 0;
        let mut end = after.len();
        for (i, c) in after[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn no_module_imports_from_a_stage_above_it() {
    let src = repo().join("src");
    let mut wrong = Vec::new();
    let mut files = 0;
    for e in walkdir::WalkDir::new(&src) {
        let path = e.unwrap().into_path();
        // Files that are test modules whole.
        if path.extension().is_none_or(|x| x != "rs")
            || path
                .file_name()
                .is_some_and(|n| n == "tests.rs" || n == "proptests.rs")
        {
            continue;
        }
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let parts: Vec<&str> = rel.trim_end_matches(".rs").split('/').collect();
        let (first, second) = (parts[0], parts.get(1).copied().unwrap_or(""));
        let Some(own) = level(first, second) else {
            continue; // lib.rs, main.rs: the top
        };
        files += 1;
        let code = without_tests(&std::fs::read_to_string(&path).unwrap());
        for (n, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap_or_default();
            for (k, _) in line.match_indices("crate::") {
                let names: Vec<&str> = line[k + 7..]
                    .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .next()
                    .unwrap_or_default()
                    .split("::")
                    .collect();
                let (a, b) = (names[0], names.get(1).copied().unwrap_or(""));
                if let Some(l) = level(a, b) {
                    if l > own {
                        wrong.push(format!(
                            "src/{rel}:{}: crate::{a}::{b} (level {l} > {own})",
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(files > 50, "{files} files checked");
    assert!(
        wrong.is_empty(),
        "imports from a stage above:\n{}",
        wrong.join("\n")
    );
}
