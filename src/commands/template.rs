//! `tonghop template`: the blank forms the units fill for a period, one
//! workbook per reporting unit of the registry (see
//! [`crate::report::form`]).

use crate::commands::consolidate::load_template;
use crate::diagnostic::Lang;
use crate::error::{Fatal, Outcome};
use crate::model::Period;
use crate::report::atomic::prepare_out_dir;
use crate::report::form::{write_form, FormContext};
use crate::template::{AgencyKind, Template};
use rayon::prelude::*;
use std::path::PathBuf;

/// Write the forms the units fill for a period into OUT: one workbook per
/// reporting unit of the registry (reports=yes), or per unit named with
/// --unit, named after the unit (P05-phuong-5-2020-Q1.xlsx). Each holds
/// the unit's indicators with their input cells checked as they are
/// typed, %KH, %CK and rates as formulas, the task sheet for a
/// department, the instructions, and a hidden stamp (template version,
/// unit, period) by which `consolidate` recognises it.
///
/// Exit status: 0 when the forms were written, 2 when they could not be.
#[derive(clap::Args, Debug)]
pub struct TemplateArgs {
    /// The period the forms are for: 2020-Q1 … 2020-Q4, 2020-H1, 2020-9M,
    /// 2020.
    #[arg(long, value_parser = super::period_arg)]
    pub period: Period,
    /// Output folder (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// Only these units (registry codes, e.g. --unit P05 P07); every unit
    /// with reports=yes when absent.
    #[arg(long = "unit", value_name = "CODE", num_args = 1..)]
    pub units: Vec<String>,
    /// Template folder; the built-in template when absent.
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Replace forms that exist in OUT.
    #[arg(long)]
    pub force: bool,
    /// Language of the instructions, the input messages and the sheet
    /// names (the titles and headers the units fill stay Vietnamese): vi or
    /// en (default: TONGHOP_LANG, else the machine's language, else vi).
    #[arg(long, value_enum, default_value_t = Lang::from_env(), hide_default_value = true)]
    pub lang: Lang,
}

/// The units named by `--unit`, or every reporting unit.
///
/// # Errors
/// A code the registry does not list, with the codes it does.
fn chosen_units(ctx: &FormContext, codes: &[String]) -> Result<Vec<usize>, Fatal> {
    let t = ctx.template;
    // Where the template came from, in each language: a folder as given,
    // the built-in one in words.
    let (source_vi, source_en) = match t.source.as_str() {
        "(built-in)" => (
            "mẫu biểu có sẵn".to_string(),
            "the built-in template".to_string(),
        ),
        s => (s.to_string(), s.to_string()),
    };
    if codes.is_empty() {
        let all = ctx.reporting_units();
        if all.is_empty() {
            return Err(Fatal::Usage(
                format!(
                    "danh sách đơn vị của {source_vi} không có đơn vị nào reports=yes: không có biểu mẫu nào để tạo"
                ),
                format!("the registry of {source_en} lists no unit with reports=yes: no form to write"),
            ));
        }
        return Ok(all);
    }
    let mut out = Vec::new();
    for code in codes {
        let Some(u) = t.agency_index(code.trim()) else {
            let known: Vec<String> = t.agencies.iter().map(|a| a.code.clone()).collect();
            let codes = Lang::En.some_of(&known, 12, ("mã", "codes"));
            return Err(Fatal::Usage(
                format!(
                    "không có đơn vị {code} trong danh sách đơn vị (agencies.csv của {source_vi}); các mã có: {}",
                    Lang::Vi.some_of(&known, 12, ("mã", "codes"))
                ),
                format!(
                    "unit {code} is not in the registry (agencies.csv of {source_en}); its codes are {codes}"
                ),
            ));
        };
        if !out.contains(&u) {
            out.push(u);
        }
    }
    Ok(out)
}

/// One line saying what was written, in the registry's words.
fn summary(t: &Template, ctx: &FormContext, units: &[usize], out: &std::path::Path) -> String {
    let wards = units
        .iter()
        .filter(|&&u| t.agencies[u].kind == AgencyKind::Ward)
        .count();
    let others = units.len() - wards;
    // One unit is said in the singular: "1 ward", not "1 wards".
    let one = units
        .iter()
        .find(|&&u| t.agencies[u].kind == AgencyKind::Ward)
        .filter(|_| wards == 1);
    let words = t.count_words();
    let version = &t.settings.version;
    let departments = match (ctx.lang, others) {
        (_, 0) => String::new(),
        (Lang::Vi, n) => format!("{}{n} {}", words.joint_vi, words.others_vi),
        (Lang::En, n) => format!(", {}", ctx.lang.count(n, ("", "department", "departments"))),
    };
    match ctx.lang {
        Lang::Vi => format!(
            "Đã tạo {} biểu mẫu {} (mẫu phiên bản {}) trong {}: {wards} {}{departments}.",
            units.len(),
            ctx.period.title_vi(),
            if version.is_empty() {
                "không ghi"
            } else {
                version
            },
            out.display(),
            words.units_vi
        ),
        Lang::En => format!(
            "Wrote {} forms for {} (template version {}) in {}: {wards} {}{departments}.",
            units.len(),
            ctx.period.title_en(),
            if version.is_empty() { "none" } else { version },
            out.display(),
            match one {
                Some(&u) => t.unit_word_en(u),
                None => words.units_en.as_str(),
            }
        ),
    }
}

/// Runs the command.
///
/// # Errors
/// Fatal errors only (exit 2): an unreadable template, an unknown unit,
/// forms that exist without `--force`, an output that cannot be written.
pub fn run(args: TemplateArgs) -> Result<Outcome, Fatal> {
    let template = load_template(args.template.as_deref())?;
    let ctx = FormContext::new(&template, args.period, args.lang)?;
    let units = chosen_units(&ctx, &args.units)?;
    let names: Vec<String> = units.iter().map(|&u| ctx.file_name(u)).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    prepare_out_dir(&args.out, &refs, args.force)?;
    units
        .par_iter()
        .map(|&u| write_form(&args.out, &ctx, u).map(|_| ()))
        .collect::<Result<Vec<()>, Fatal>>()?;
    println!("{}", summary(&template, &ctx, &units, &args.out));
    Ok(Outcome::Clean)
}
