//! `tonghop samples`: writes sample submissions (see `crate::samples`).

use crate::diagnostic::Lang;
use crate::error::{Fatal, Outcome};
use crate::model::Period;
use crate::report::atomic::{prepare_out_dir, write_atomic};
use crate::samples::{batch, district, template_batch};
use crate::template::Template;
use std::path::{Path, PathBuf};

/// Which fixed sample set to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Preset {
    /// The 16 wards and the departments of the built-in registry, in three
    /// layouts, with the planted mistakes listed in samples/README.md.
    District,
}

/// Write sample submissions, the same bytes for the same seed.
///
/// One of --units, --rows, --preset or --template is required. `--units N` writes N consistent ward workbooks under OUT/submissions and
/// a template with their registry under OUT/template, ready for
/// `tonghop consolidate OUT/submissions --template OUT/template`.
/// `--rows R` writes instead a few large workbooks of R indicator rows
/// each (4 unless --units says how many), every row an indicator of its
/// own, with a template whose catalog lists exactly those R indicators.
/// `--preset district` writes the shipped sample district into OUT itself.
///
/// `--template TEMPLATE` writes a batch for that template (a quarter): one
/// workbook per reporting unit of its registry under OUT/submissions, a
/// copy of the template under OUT/template, mistakes planted where its
/// catalog offers a place, listed in OUT/README.md, and the findings a
/// consolidation must report in OUT/expected.tsv (with --clean none, but
/// for the rows no unit of the registry reports).
#[derive(clap::Args, Debug)]
pub struct SamplesArgs {
    /// Folder to write into (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// Reporting period of the samples: 2020-Q1, 2020-H1, 2020-9M, 2020.
    #[arg(long, value_parser = super::period_arg, default_value = "2020-Q1")]
    pub period: Period,
    /// Seed of the generator.
    #[arg(long, default_value_t = 2020)]
    pub seed: u64,
    /// A template folder: write a batch for its registry and catalog.
    #[arg(long, value_name = "TEMPLATE", conflicts_with_all = ["preset", "units", "rows"])]
    pub template: Option<PathBuf>,
    /// With --template: plant no mistake (a consolidation reports nothing).
    #[arg(long, requires = "template")]
    pub clean: bool,
    /// Number of wards (or, with --rows, of workbooks).
    #[arg(long, value_name = "N", conflicts_with = "preset")]
    pub units: Option<usize>,
    /// Large shape: indicator rows per workbook.
    #[arg(long, value_name = "R", conflicts_with = "preset")]
    pub rows: Option<usize>,
    /// A fixed sample set instead of a batch.
    #[arg(long, value_enum)]
    pub preset: Option<Preset>,
    /// With --preset: also write the planted mistakes (TSV) to this file.
    #[arg(long, requires = "preset")]
    pub expected: Option<PathBuf>,
    /// Replace files that exist.
    #[arg(long)]
    pub force: bool,
    /// Language of what it prints: vi or en (default: TONGHOP_LANG, else
    /// the machine's language, else vi).
    #[arg(long, value_enum, default_value_t = Lang::from_env(), hide_default_value = true)]
    pub lang: Lang,
}

/// Runs the command.
///
/// # Errors
/// Bad arguments, or an output that exists (without `--force`) or cannot
/// be written.
pub fn run(args: SamplesArgs) -> Result<Outcome, Fatal> {
    if let Some(dir) = &args.template {
        return run_template(&args, dir);
    }
    match (args.preset, args.units, args.rows) {
        (Some(Preset::District), _, _) => run_district(&args),
        (None, None, None) => Err(Fatal::Usage(
            "hãy cho biết cần tạo gì: --units N, --rows R, --preset district hoặc --template MẪU_BIỂU"
                .into(),
            "say what to write: --units N, --rows R, --preset district or --template TEMPLATE"
                .into(),
        )),
        (None, units, rows) => {
            let n = units.unwrap_or(if rows.is_some() { 4 } else { 0 });
            if n == 0 || rows == Some(0) {
                return Err(Fatal::Usage(
                    "--units và --rows phải ít nhất là 1".into(),
                    "--units and --rows must be at least 1".into(),
                ));
            }
            run_batch(&args, n, rows)
        }
    }
}

fn run_batch(args: &SamplesArgs, n: usize, rows: Option<usize>) -> Result<Outcome, Fatal> {
    prepare_out_dir(&args.out, &["submissions", "template"], args.force)?;
    let subs = args.out.join("submissions");
    if args.force {
        remove_workbooks(&subs)?;
    }
    let units = batch::units(n);
    let large = rows.map(batch::large_catalog).transpose()?;
    batch::write_template(&args.out.join("template"), &units, large.as_ref())?;
    let w = batch::write_submissions(&subs, &units, args.period, args.seed, large.as_ref())?;
    let (kb, template) = (w.bytes / 1024, args.out.join("template"));
    let (subs, template) = (subs.display(), template.display());
    eprintln!(
        "tonghop: {}",
        match args.lang {
            Lang::Vi => format!(
                "{} bảng tính ({kb} KB) trong {subs}, mẫu biểu trong {template}",
                w.workbooks
            ),
            Lang::En => format!(
                "{} workbooks ({kb} KB) in {subs}, template in {template}",
                w.workbooks
            ),
        }
    );
    Ok(Outcome::Clean)
}

/// The files of a template folder, copied into the batch as they are
/// (`template.toml` is the built-in one when the folder has none).
const TEMPLATE_FILES: [&str; 4] = [
    "template.toml",
    "indicators.csv",
    "groups.csv",
    "agencies.csv",
];

fn run_template(args: &SamplesArgs, dir: &Path) -> Result<Outcome, Fatal> {
    let t = Template::load(dir)?;
    let b = template_batch::build(&t, args.period, args.seed, args.clean)?;
    prepare_out_dir(
        &args.out,
        &["submissions", "template", "expected.tsv", "README.md"],
        args.force,
    )?;
    let subs = args.out.join("submissions");
    if args.force {
        remove_workbooks(&subs)?;
    }
    std::fs::create_dir_all(&subs).map_err(|e| Fatal::output(&subs, e))?;
    for (name, bytes) in &b.set.files {
        write_atomic(&subs.join(name), bytes)?;
    }
    let copy = args.out.join("template");
    std::fs::create_dir_all(&copy).map_err(|e| Fatal::output(&copy, e))?;
    for name in TEMPLATE_FILES {
        let from = dir.join(name);
        let bytes = match std::fs::read(&from) {
            Ok(b) => b,
            Err(_) if name == "template.toml" => crate::template::DEFAULT_TOML.as_bytes().to_vec(),
            Err(e) => {
                return Err(Fatal::input(
                    from,
                    crate::error::Arg::Source,
                    crate::error::Problem::Io(e),
                ))
            }
        };
        write_atomic(&copy.join(name), &bytes)?;
    }
    write_atomic(
        &args.out.join("expected.tsv"),
        b.set.expected_tsv().as_bytes(),
    )?;
    let mut command = format!(
        "tonghop samples --template {} --period {} --seed {}",
        dir.display(),
        args.period,
        args.seed
    );
    if args.clean {
        command.push_str(" --clean");
    }
    command.push_str(" --out OUT");
    let readme = template_batch::readme(&t, &b, &command, args.period);
    write_atomic(&args.out.join("README.md"), readme.as_bytes())?;
    let planted = b.plants.iter().filter(|p| p.kind != "near miss").count();
    let (books, expected) = (b.set.files.len(), b.set.expected.len());
    let (subs, copy) = (subs.display(), copy.display());
    eprintln!(
        "tonghop: {}",
        match args.lang {
            Lang::Vi => format!("{books} bảng tính trong {subs}, mẫu biểu trong {copy}, {planted} lỗi cài sẵn ({expected} phát hiện phải có)"),
            Lang::En => format!("{books} workbooks in {subs}, template in {copy}, {planted} planted mistakes ({expected} expected findings)"),
        }
    );
    Ok(Outcome::Clean)
}

/// Removes the workbooks of an earlier batch (the `.xlsx` files directly
/// in the folder), so that a smaller batch leaves no strays.
fn remove_workbooks(dir: &Path) -> Result<(), Fatal> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_file() && p.extension().is_some_and(|x| x == "xlsx") {
            std::fs::remove_file(&p).map_err(|err| Fatal::output(&p, err))?;
        }
    }
    Ok(())
}

fn run_district(args: &SamplesArgs) -> Result<Outcome, Fatal> {
    let set = district::build(args.period, args.seed)?;
    let names: Vec<&str> = set.files.iter().map(|(n, _)| n.as_str()).collect();
    prepare_out_dir(&args.out, &names, args.force)?;
    if let Some(e) = &args.expected {
        if e.exists() && !args.force {
            return Err(Fatal::OutputExists { path: e.clone() });
        }
    }
    for (name, bytes) in &set.files {
        write_atomic(&args.out.join(name), bytes)?;
    }
    if let Some(e) = &args.expected {
        write_atomic(e, set.expected_tsv().as_bytes())?;
    }
    // Anything else in the folder would be read as a submission too.
    if let Ok(entries) = std::fs::read_dir(&args.out) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if !names.contains(&name.as_str()) {
                let out = args.out.display();
                eprintln!(
                    "tonghop: {}",
                    match args.lang {
                        Lang::Vi => format!("lưu ý: {name} trong {out} không thuộc bộ mẫu"),
                        Lang::En => format!("note: {name} in {out} is not part of the samples"),
                    }
                );
            }
        }
    }
    let (files, out, planted) = (set.files.len(), args.out.display(), set.expected.len());
    eprintln!(
        "tonghop: {}",
        match args.lang {
            Lang::Vi => format!("{files} tệp trong {out}, {planted} lỗi cài sẵn"),
            Lang::En => format!("{files} files in {out}, {planted} planted mistakes"),
        }
    );
    Ok(Outcome::Clean)
}
