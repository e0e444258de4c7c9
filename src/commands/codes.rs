//! `tonghop codes`: what each finding code means and what to do about it.

use crate::diagnostic::Lang;
use crate::error::{Fatal, Outcome};
use crate::messages::{readme_table, CATALOG};

/// Say what each finding code means and what to do about it (all codes,
/// or the ones named).
#[derive(clap::Args, Debug)]
pub struct CodesArgs {
    /// Codes to explain (`sum-mismatch` …); every code when absent.
    pub codes: Vec<String>,
    /// Language of the explanations: vi or en (default: TONGHOP_LANG, else
    /// the machine's language, else vi).
    #[arg(long, value_enum, default_value_t = Lang::from_env(), hide_default_value = true)]
    pub lang: Lang,
    /// Print the README's table of codes (Markdown) instead.
    #[arg(long)]
    pub markdown: bool,
}

/// Runs the command.
///
/// # Errors
/// A code that is not in the catalog.
/// A catalog entry's severities ("warning / error") in the reader's
/// language ("cảnh báo / lỗi").
fn severities(list: &str, lang: Lang) -> String {
    list.split(" / ")
        .map(|s| match (s, lang) {
            ("error", Lang::Vi) => "lỗi",
            ("warning", Lang::Vi) => "cảnh báo",
            ("info", Lang::Vi) => "thông tin",
            (other, _) => other,
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

pub fn run(args: CodesArgs) -> Result<Outcome, Fatal> {
    if args.markdown {
        print!("{}", readme_table());
        return Ok(Outcome::Clean);
    }
    for c in &args.codes {
        if !CATALOG.iter().any(|e| e.code.as_str() == c) {
            return Err(Fatal::Usage(
                format!("không có mã «{c}»; «tonghop codes» liệt kê mọi mã"),
                format!("there is no code «{c}»; «tonghop codes» lists them all"),
            ));
        }
    }
    let lang = args.lang;
    for e in CATALOG
        .iter()
        .filter(|e| args.codes.is_empty() || args.codes.iter().any(|c| c == e.code.as_str()))
    {
        println!("{} ({})", e.code.as_str(), severities(e.severity, lang));
        println!("  {}", e.meaning(lang));
        println!(
            "  {}: {}",
            lang.pick("Cách xử lý", "What to do"),
            e.help(lang)
        );
        println!();
    }
    Ok(Outcome::Clean)
}
