//! The harness the fuzz targets share: the fuzzer's bytes become a file
//! named `s.<ext>` in a fresh folder on tmpfs, and that file goes through
//! exactly what `tonghop check FILE` does: [`check_file`], that is sniffing
//! the content, the pre-checks (zip directory, OLE chains, BIFF cell
//! bounds), opening (calamine or the text readers), reading every sheet,
//! normalisation into tidy rows, then the single-submission checks. The
//! findings are formatted as the terminal prints them.
//!
//! What counts as a bug, for libFuzzer:
//!
//! ```text
//! outcome                                   libFuzzer sees
//! a workbook read, or refused with a reason  nothing (fine)
//! a panic caught inside tonghop              nothing: it is a finding, as
//!   (calamine under `guarded`, styles)       in a real run
//! a panic escaping check_file                abort → crash artifact
//! Err(Fatal) from check_file                 abort: a file's content must
//!                                            never stop a run
//! RSS over -rss_limit_mb, over -timeout      oom / timeout artifact
//! ```
//!
//! libfuzzer-sys installs a panic hook that aborts on *every* panic, even
//! one that a `catch_unwind` further up would catch. tonghop catches the
//! panics of calamine on purpose, so the harness puts the standard hook
//! back once; a panic that escapes is still turned into an abort by
//! libfuzzer-sys around the target.

use std::path::Path;
use std::sync::{Once, OnceLock};
use tonghop::commands::check::{check_file, terminal_line, CheckArgs};
use tonghop::diagnostic::Lang;
use tonghop::number::NumberLocale;
use tonghop::template::Template;

/// Where the input files are written: tmpfs when there is one.
const TMPFS: &str = "/dev/shm";

static STANDARD_HOOK: Once = Once::new();

/// The built-in template, loaded once per process (as a run loads it once).
fn template() -> &'static Template {
    static TEMPLATE: OnceLock<Template> = OnceLock::new();
    TEMPLATE.get_or_init(|| match Template::builtin() {
        Ok(t) => t,
        Err(e) => panic!("invariant: the built-in template loads: {e}"),
    })
}

/// Reads `data` as a submission file with extension `ext`, as
/// `tonghop check s.<ext>` would. Panics only where tonghop itself lets a
/// panic escape or a file's content gives a fatal error: both are bugs.
pub fn check_bytes(ext: &str, data: &[u8]) {
    STANDARD_HOOK.call_once(|| drop(std::panic::take_hook()));
    let template = template();
    let dir = match tempfile::Builder::new()
        .prefix("tonghop-fuzz-")
        .tempdir_in(TMPFS)
    {
        Ok(d) => d,
        Err(_) => match tempfile::tempdir() {
            Ok(d) => d,
            Err(e) => panic!("cannot create a temporary folder: {e}"),
        },
    };
    let file = dir.path().join(format!("s.{ext}"));
    if let Err(e) = std::fs::write(&file, data) {
        panic!("cannot write {}: {e}", file.display());
    }
    check_path(&file, template);
}

fn check_path(file: &Path, template: &Template) {
    let args = CheckArgs {
        file: file.to_path_buf(),
        period: None,
        template: None,
        lang: Lang::Vi,
        locale: NumberLocale::Vi,
        json: false,
    };
    match check_file(&args, template) {
        Ok(reports) => {
            for (report, f) in reports.iter().flat_map(|r| r.findings.iter().map(move |f| (r, f))) {
                // `check` turns a panic of tonghop's own code into a
                // finding ("… failed on this file while reading it"), so
                // that a batch goes on; for the fuzzer it is a bug.
                if f.actual.contains("failed on this file while reading it") {
                    panic!("tonghop's own code panicked: {}", f.actual);
                }
                std::hint::black_box(terminal_line(f, &report.unit_name, Lang::Vi));
            }
        }
        Err(fatal) => panic!("a file's content gave a fatal error: {fatal}"),
    }
}
