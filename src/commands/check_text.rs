//! `tonghop check-text`: checks the figures quoted in the report's prose
//! and prints them as a readable list, an error list (`--out`) or JSON.

use crate::diagnostic::{Code, Lang, Tally};
use crate::error::{Fatal, Outcome};
use crate::report::atomic::prepare_out_dir;
use crate::report::errors::write_error_lists;
use crate::template::Template;
use crate::textcheck::{self, against, TextFinding};
use std::io::Write;
use std::path::PathBuf;

/// Check the report's prose: every percent with its operands, every total
/// with its parts, and with --against every figure that names a catalog
/// indicator.
#[derive(clap::Args, Debug)]
pub struct CheckTextArgs {
    /// The report: a .txt, .md or .docx file.
    pub file: PathBuf,
    /// Folder for errors.csv and errors.json.
    #[arg(long, value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// Replace errors.csv and errors.json in OUT if they exist.
    #[arg(long)]
    pub force: bool,
    /// The output folder of `consolidate`: compare figures that name an
    /// indicator with OUT/tong-hop.xlsx.
    #[arg(long, value_name = "CONSOLIDATE_OUT")]
    pub against: Option<PathBuf>,
    /// Template folder whose indicator names and aliases --against looks
    /// for (default: the built-in template).
    #[arg(long, value_name = "TEMPLATE")]
    pub template: Option<PathBuf>,
    /// Language of the messages: vi or en (default: TONGHOP_LANG, else the
    /// machine's language, else vi).
    #[arg(long, value_enum, default_value_t = Lang::from_env(), hide_default_value = true)]
    pub lang: Lang,
    /// Print the findings as JSON to standard output instead of the list.
    #[arg(long)]
    pub json: bool,
}

/// Runs the command.
///
/// # Errors
/// When the report, the template or the consolidated table cannot be read,
/// or the error lists cannot be written.
pub fn run(args: CheckTextArgs) -> Result<Outcome, Fatal> {
    let doc = textcheck::read_document(&args.file)?;
    let table = match &args.against {
        Some(dir) => {
            let template = match &args.template {
                Some(t) => Template::load(t)?,
                None => Template::builtin()?,
            };
            Some((
                against::read_table(dir)?,
                against::NameIndex::new(&template),
            ))
        }
        None => None,
    };
    let config = textcheck::Config {
        lang: args.lang,
        against: table.as_ref().map(|(t, n)| (t, n)),
    };
    let found = textcheck::check_document(&doc, &config);
    let findings: Vec<_> = found.iter().map(|f| f.finding.clone()).collect();
    if let Some(out) = &args.out {
        prepare_out_dir(
            out,
            &[crate::outputs::ERRORS_CSV, crate::outputs::ERRORS_JSON],
            args.force,
        )?;
        write_error_lists(out, &findings, args.lang)?;
    }
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    let printed = if args.json {
        serde_json::to_writer_pretty(
            &mut w,
            &*crate::report::errors::for_the_record(&findings, args.lang),
        )
        .map_err(|e| e.to_string())
        .and_then(|_| writeln!(w).map_err(|e| e.to_string()))
    } else {
        w.write_all(render(&doc.file, &found, args.lang).as_bytes())
            .map_err(|e| e.to_string())
    };
    // A closed pipe (`| head`) is not a failure of the check.
    drop(printed);
    Ok(Outcome::from_errors(Tally::of(&findings).errors))
}

/// The readable list: one entry a finding, then a tally.
///
/// ```text
/// bao-cao.txt › dòng 3 · Lỗi pct-mismatch
///     "… đạt >>21,35%<< dự toán năm (145,2/840 tỷ đồng)"
///     Tính lại: 17,29 · Ghi: 21,35
///     Tỷ lệ ghi 21,35% nhưng 145,2/840 cho 17,29%: sửa thành 17,29% …
///
/// bao-cao.txt › dòng 5 · Lỗi text-vs-table
///     "Trong quý đã cấp >>162<< giấy phép xây dựng"
///     Bảng tổng hợp: 126 · Ghi: 162
///     Văn bản ghi 162 cho chỉ tiêu DO01 nhưng bảng tổng hợp có lũy kế 126: …
///
/// bao-cao.txt › dòng 8 · Lỗi sum-mismatch
///     ">>4.216<< hồ sơ (đúng hạn 3.980 hồ sơ, trễ hạn 226 hồ sơ)"
///     Phải có: 4.216 = 3.980 + 226 · Ghi: 4.216 ≠ 4.206
///     Tổng 4.216 và tổng các phần 3.980 + 226 = 4.206 phải bằng nhau; …
/// ```
pub fn render(file: &str, found: &[TextFinding], lang: Lang) -> String {
    let mut s = String::new();
    for f in found {
        let g = &f.finding;
        s.push_str(&format!(
            "{} › {} · {} {}\n",
            g.file,
            crate::textcheck::place_words(&g.cell, lang),
            g.severity.label(lang),
            g.code
        ));
        // An info about the run quotes nothing and compares nothing.
        if !f.quote.is_empty() {
            s.push_str(&format!("    \"{}\"\n", f.quote));
        }
        // A total against its parts has no recomputed value, only the
        // relation the figures must satisfy; a figure against the table
        // is compared with the table's value, not recomputed.
        let label = match g.code {
            Code::SumMismatch => lang.pick("Phải có", "Must hold"),
            Code::TextVsTable => lang.pick("Bảng tổng hợp", "Consolidated table"),
            _ => lang.pick("Tính lại", "Computed"),
        };
        if !(g.expected.is_empty() && g.actual.is_empty()) {
            s.push_str(&format!(
                "    {label}: {} · {}: {}\n",
                g.expected,
                lang.pick("Ghi", "Written"),
                g.actual
            ));
        }
        s.push_str(&format!("    {}\n\n", g.message));
    }
    let t = Tally::of(found.iter().map(|f| &f.finding));
    let summary = match lang {
        Lang::Vi if t.errors + t.warnings == 0 => {
            format!("{file}: không thấy sai sót trong số liệu của văn bản.\n")
        }
        Lang::En if t.errors + t.warnings == 0 => {
            format!("{file}: no mistakes found in the figures of the text.\n")
        }
        Lang::Vi => format!("{file}: {} lỗi, {} cảnh báo.\n", t.errors, t.warnings),
        Lang::En => format!(
            "{file}: {}, {}.\n",
            Lang::En.count(t.errors, ("", "error", "errors")),
            Lang::En.count(t.warnings, ("", "warning", "warnings"))
        ),
    };
    s.push_str(&summary);
    s
}
