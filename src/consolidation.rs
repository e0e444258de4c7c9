//! The consolidation pipeline: every file of a folder read and checked,
//! sorted out by unit, summed and checked across units, and the outputs
//! written. The `consolidate` command parses its arguments into a
//! [`Config`] and calls [`consolidate_folder`].

use crate::diagnostic::{sort_findings_by_unit, Finding, Lang};
use crate::error::Fatal;
use crate::ingest::{discover, InputKind};
use crate::memory::release_free_memory;
use crate::model::Period;
use crate::normalize::store::{FigureStore, Figures};
use crate::normalize::submission::{read_submission, FileOutcome, ReadContext, Submission};
use crate::number::NumberLocale;
use crate::outputs::{ERRORS_CSV, ERRORS_JSON, FEEDBACK_DIR, WORKBOOK};
use crate::reconcile::checks::{check_included, check_submission, CheckSettings};
use crate::reconcile::cumulative::PreviousFigures;
use crate::reconcile::intake::{intake, FormerSum};
use crate::reconcile::relations::{check_relations, relations_of};
use crate::reconcile::totals_check::AbsentFigures;
use crate::reconcile::uncomputed::uncomputed;
use crate::reconcile::{consolidate, Totals};
use crate::report::atomic::prepare_out_dir;
use crate::report::errors::write_error_lists;
use crate::report::feedback::{remove_stale, write_feedback};
use crate::report::limits;
use crate::report::workbook::{write_workbook_split, ReportData, StatusLine, UnitFigures};
use crate::template::Template;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// The resolved configuration of a run: what the stages receive.
pub struct Config {
    pub template: Template,
    pub period: Period,
    pub lang: Lang,
    pub locale: NumberLocale,
    pub dir: PathBuf,
    pub out: PathBuf,
    pub force: bool,
    /// The previous quarter's figures (`--previous`), read once.
    pub previous: Option<PreviousFigures>,
}

/// While reading, the allocator's free pages go back to the system after
/// every this many files (see [`crate::memory`]).
const RELEASE_EVERY: usize = 256;

/// Loads the template named by `--template`, or the built-in one.
///
/// # Errors
/// When the template folder cannot be read or does not parse.
pub fn load_template(dir: Option<&Path>) -> Result<Template, Fatal> {
    Ok(match dir {
        Some(d) => Template::load(d)?,
        None => Template::builtin()?,
    })
}

/// What a consolidation produced, for the caller and the tests.
pub struct Consolidation {
    pub outcomes: Vec<FileOutcome>,
    pub included: Vec<usize>,
    pub totals: Totals,
    pub status: Vec<StatusLine>,
    pub findings: Vec<Finding>,
    /// The figures of every submission read (see [`Consolidation::figures`]).
    pub store: FigureStore,
    /// The reports of units that sent one file per former commune, every
    /// one of them: (the file in `included`, the parts' sum, which the
    /// totals and Chi tiết take in its place).
    pub summed: Vec<(usize, Submission)>,
    /// Each unit's files counted together (the parts of one report, or
    /// one file per former commune), the one in `included` first: every
    /// one's findings reach the unit's feedback.
    pub parts: Vec<Vec<usize>>,
    /// The files read whose sender stays unknown, for the summary.
    pub unplaced: crate::reconcile::intake::Unplaced,
}

impl Consolidation {
    /// The included submissions (in the order of `included`) and their
    /// figures.
    pub fn figures(&self) -> Figures<'_> {
        Figures::new(
            included(&self.outcomes, &self.included, &self.summed),
            Some(&self.store),
        )
    }
}

/// The included submissions, a unit's summed parts in place of its file.
fn included<'a>(
    outcomes: &'a [FileOutcome],
    which: &[usize],
    summed: &'a [(usize, Submission)],
) -> Vec<&'a Submission> {
    which
        .iter()
        .filter_map(|&k| match summed.iter().find(|(c, _)| *c == k) {
            Some((_, s)) => Some(s),
            None => match &outcomes[k] {
                FileOutcome::Read(s) => Some(s.as_ref()),
                _ => None,
            },
        })
        .collect()
}

/// The included submissions file by file: every part of a unit's summed
/// report in place of the sum, for the checks of each file's own figures
/// (a part's parts that do not add up are that file's mistake, at its
/// cells).
fn included_by_file<'a>(
    outcomes: &'a [FileOutcome],
    which: &[usize],
    summed: &[FormerSum],
) -> Vec<&'a Submission> {
    let read = |k: usize| match &outcomes[k] {
        FileOutcome::Read(s) => Some(s.as_ref()),
        _ => None,
    };
    which
        .iter()
        .flat_map(
            |&k| match summed.iter().find(|p| p.parts.first() == Some(&k)) {
                Some(p) => p.parts.iter().filter_map(|&j| read(j)).collect::<Vec<_>>(),
                None => read(k).into_iter().collect(),
            },
        )
        .collect()
}

/// (indicator, column index, half-units) to add to the totals' tolerance.
type Spare = Vec<(usize, usize, f64)>;

/// The units summed from their former communes' files (index of the file
/// standing for each, the sum), the half-units they spare, and the
/// warnings of their TH worked out of the sum.
type Summed = (Vec<(usize, Submission)>, Spare, Vec<Finding>);

/// Each unit's parts (every former commune's file) summed into one
/// report, written to the store: (its file in `included`, the sum), and
/// the half-units its figures stand within beyond the sum's own
/// ([`crate::reconcile::parts::Summed::spare`]); with `--previous`, the
/// sum's TH worked out of its LK when no part had a TH column (`derive`).
///
/// # Errors
/// When the stored figures cannot be read back or the sum written.
fn sum_former_parts(
    outcomes: &[FileOutcome],
    summed: &[FormerSum],
    store: &FigureStore,
    template: &Template,
    derive: &dyn Fn(&mut Submission) -> Option<Finding>,
) -> Result<Summed, Fatal> {
    let mut out = Vec::new();
    let mut spare = Vec::new();
    let mut said = Vec::new();
    for p in summed {
        let subs: Vec<&Submission> = p
            .parts
            .iter()
            .filter_map(|&k| outcomes[k].submission())
            .collect();
        let (Some(&first), Some(&chosen)) = (subs.first(), p.parts.first()) else {
            continue;
        };
        let parts = Figures::new(subs.clone(), Some(store));
        let loaded = (0..parts.len())
            .map(|k| parts.unit(k))
            .collect::<Result<Vec<_>, _>>()?;
        let refs: Vec<&Submission> = loaded.iter().map(|s| s.as_ref()).collect();
        if p.union {
            // The parts of one report: each figure as its own file states
            // it, at its own sheet and cell (the sheets of every part in
            // turn).
            let Some(mut whole) = crate::reconcile::parts::join_parts(&refs) else {
                continue;
            };
            whole.file = subs
                .iter()
                .map(|s| s.file.as_str())
                .collect::<Vec<_>>()
                .join(" + ");
            store.put(&mut whole)?;
            out.push((chosen, whole));
            continue;
        }
        let sum = crate::reconcile::parts::sum_parts(&refs, template);
        let mut whole = first.with_figures(sum.rows);
        whole.file = subs
            .iter()
            .map(|s| s.file.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        whole.unit_former = None;
        // No part had a TH column (the tool worked each one's out): the
        // unit's TH is the sum's LK against the unit's last LK.
        if subs.iter().all(|s| {
            s.findings
                .iter()
                .any(crate::reconcile::cumulative::is_th_from_lk)
        }) {
            said.extend(derive(&mut whole));
        }
        store.put(&mut whole)?;
        spare.extend(sum.spare);
        out.push((chosen, whole));
    }
    Ok((out, spare, said))
}

/// Reads every file (in parallel), sorts out who sent what, sums and
/// checks. Writes nothing but an anonymous temporary file that holds the
/// figures while the run lasts, in the output folder (or the system's
/// temporary folder when the output folder does not exist yet); the system
/// removes it when the run ends.
///
/// # Errors
/// When the input folder cannot be listed, polars fails internally, or the
/// temporary file cannot be written.
pub fn run_consolidation(config: &Config) -> Result<Consolidation, Fatal> {
    // The workbooks inside zip archives are submissions of their own.
    let files =
        crate::ingest::archive::expand(discover(&config.dir)?, &config.template.settings.limits);
    let ctx = ReadContext::new(&config.template, config.locale, config.lang)
        .for_period(Some(config.period));
    let to_read = files
        .iter()
        .filter(|f| f.kind == InputKind::Spreadsheet)
        .count() as u64;
    let bar = progress_bar(to_read, config.lang);
    let t = &config.template;
    let settings = CheckSettings::of(t);
    let store = FigureStore::in_dir(&config.out)?;
    // Each file is read and its own figures checked on the reading
    // threads; the figures the cross-unit stages need (not the stated
    // percents: totals recompute them) go to the store, so memory does not
    // grow with the number of files.
    // A file's own checks: its TH worked out of a report from January
    // only, then the checks of one submission. Both weigh whose it is
    // (the unit's previous quarter, what it must report).
    let check_one = |s: &mut Submission| -> Vec<Finding> {
        crate::reconcile::cumulative::th_from_lk(
            s,
            config.previous.as_ref(),
            t,
            &settings.may_be_negative,
            config.period,
            config.lang,
        );
        check_submission(
            s,
            t,
            Some(config.period),
            config.previous.as_ref(),
            &settings,
            config.lang,
        )
    };
    // Its figures to the store, but the stated percents (totals
    // recompute them).
    let keep = |s: &mut Submission| -> Result<(), Fatal> {
        s.rows.retain(|r| !r.column.is_percent());
        store.put(s)
    };
    let read_one = |f: &crate::ingest::InputFile| -> Result<(FileOutcome, Vec<Finding>), Fatal> {
        // A panic of the tool's own on one file (a bug the file brings
        // out) makes that file unreadable; the batch goes on.
        let read = crate::ingest::guarded("reading and checking it", || {
            let mut o = read_submission(f, &ctx);
            let own = match &mut o {
                // Whose it is is settled once every file is read: checked
                // then (the few such files keep their figures till then).
                FileOutcome::Read(s) if s.unit_doubt.is_some() => Vec::new(),
                FileOutcome::Read(s) => check_one(s),
                _ => Vec::new(),
            };
            Ok((o, own))
        });
        let (mut o, own) = read.unwrap_or_else(|reason| {
            let o = FileOutcome::Rejected {
                file: f.rel.clone(),
                reason,
            };
            (o, Vec::new())
        });
        if let FileOutcome::Read(s) = &mut o {
            if s.unit_doubt.is_none() {
                keep(s)?;
            }
        }
        if f.kind == InputKind::Spreadsheet {
            bar.inc(1);
        }
        Ok((o, own))
    };
    // What stays of each file (its name, unit, findings) is copied by a
    // thread that does nothing else, so it lies packed together instead of
    // scattered among the pages the reading threads reuse for the next
    // workbook: scattered, a few hundred bytes per file would keep
    // kilobytes of memory in use.
    let n = files.len();
    let (outcomes, mut own): (Vec<FileOutcome>, Vec<Vec<Finding>>) = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, FileOutcome, Vec<Finding>)>(256);
        let keeper = scope.spawn(move || {
            let mut kept: Vec<Option<(FileOutcome, Vec<Finding>)>> = Vec::with_capacity(n);
            kept.resize_with(n, || None);
            for (count, (k, o, own)) in rx.into_iter().enumerate() {
                kept[k] = Some((o.clone(), own.clone()));
                if count % RELEASE_EVERY == RELEASE_EVERY - 1 {
                    release_free_memory();
                }
            }
            kept
        });
        let sent = files
            .par_iter()
            .enumerate()
            .try_for_each_with(tx, |tx, (k, f)| {
                let (o, own) = read_one(f)?;
                tx.send((k, o, own))
                    .map_err(|_| Fatal::Other("the thread keeping the files read stopped".into()))
            });
        let kept = keeper
            .join()
            .map_err(|_| Fatal::Other("the thread keeping the files read failed".into()))?;
        sent?;
        drop(files);
        // Every file was sent (the first failure returned above), so every
        // slot is filled; a hole would be a file lost, never a blank line.
        let kept: Option<Vec<(FileOutcome, Vec<Finding>)>> = kept.into_iter().collect();
        kept.map(|k| k.into_iter().unzip())
            .ok_or_else(|| Fatal::Other("a file read was not kept".into()))
    })?;
    bar.finish_and_clear();
    // The stages after the reading show as a spinner naming the stage.
    let _stage = stage_spinner(config.lang.pick(
        "Kiểm tra và tổng hợp số liệu",
        "Checking and consolidating the figures",
    ));
    release_free_memory();
    let mut outcomes = outcomes;
    crate::reconcile::intake::settle_doubts(&mut outcomes, &mut own, t, config.period, config.lang);
    // The files whose sender was in doubt, checked as the unit settled on
    // (a copy of Thôn 10's workbook sent by Thôn 1 is weighed against
    // Thôn 1's previous quarter, not Thôn 10's).
    for (k, o) in outcomes.iter_mut().enumerate() {
        let FileOutcome::Read(s) = o else {
            continue;
        };
        if s.stored.is_some() || s.unit_doubt.is_none() {
            continue;
        }
        let checked = crate::ingest::guarded("checking it", || Ok(check_one(s)));
        match checked {
            Ok(found) => {
                own[k] = found;
                keep(s)?;
            }
            Err(reason) => {
                *o = FileOutcome::Rejected {
                    file: s.file.clone(),
                    reason,
                };
            }
        }
    }
    let mut intake = intake(&outcomes, t, &ctx.agencies, config.period, config.lang);
    // Copies nothing tells apart whose figures differ: an error naming
    // them, the figures marked.
    crate::reconcile::intake::copies_differ(
        &mut intake,
        &outcomes,
        &store,
        t,
        config.period,
        config.lang,
    )?;
    let mut own_included: Vec<Finding> = Vec::new();
    for &k in &intake.included {
        own_included.append(&mut own[k]);
    }
    // A file whose sender stays unknown keeps its own checks (its LK
    // below its TH, its parts that do not add up): charged to the file,
    // no unit, as `check` on it says them; its figures are in no total.
    let mut unplaced_own: Vec<Finding> = Vec::new();
    for (k, o) in outcomes.iter().enumerate() {
        if let FileOutcome::Read(s) = o {
            if s.unit.is_none() && !intake.included.contains(&k) {
                unplaced_own.append(&mut own[k]);
            }
        }
    }
    // Every part of a unit's summed report counts: its own checks too.
    for p in &intake.summed {
        for &k in p.parts.iter().skip(1) {
            own_included.append(&mut own[k]);
        }
    }
    drop(own);
    let derive = |whole: &mut Submission| {
        crate::reconcile::cumulative::th_from_lk_summed(
            whole,
            config.previous.as_ref(),
            t,
            &settings.may_be_negative,
            config.period,
            config.lang,
        )
    };
    let (summed, spare, said) = sum_former_parts(&outcomes, &intake.summed, &store, t, &derive)?;
    own_included.extend(said);
    let figures = Figures::new(included(&outcomes, &intake.included, &summed), Some(&store));
    let by_file = Figures::new(
        included_by_file(&outcomes, &intake.included, &intake.summed),
        Some(&store),
    );
    // The findings on the parts' cells, which the sum does not carry.
    let parts_said: Vec<Finding> = intake
        .summed
        .iter()
        .flat_map(|p| &p.parts)
        .filter_map(|&k| match &outcomes[k] {
            FileOutcome::Read(s) => Some(s.findings.iter().cloned()),
            _ => None,
        })
        .flatten()
        .collect();
    if let Some(prev) = &config.previous {
        crate::reconcile::cumulative::explained_by_wards(&figures, prev, t, &mut own_included)?;
    }
    let mut totals = consolidate(&figures, t)?;
    for (i, c, half) in spare {
        if let Some(tol) = totals.tolerance.get_mut(i) {
            tol[c] += half;
        }
    }
    // A unit that sent no TH column (a half-year form with its six months
    // only): its stocks' LK is their TH, taken for the TH totals and said
    // under Tổng hợp; its flows leave their TH totals empty.
    crate::reconcile::stock_th_as_lk(&figures, t, &mut totals)?;
    // Units whose file an error disputes as a whole (one file per former
    // commune, the others not added): the totals they enter are short of
    // the rest of them, and no department is compared with those sums.
    let disputed: Vec<&Finding> = intake
        .findings
        .iter()
        .filter(|f| crate::reconcile::intake::disputes_whole_submission(f))
        .collect();
    let parts_only: Vec<usize> = disputed
        .iter()
        .filter_map(|f| t.agency_index(&f.unit))
        .collect();
    crate::reconcile::short_of_parts(&figures, t, &parts_only, &mut totals)?;
    for p in intake.summed.iter().filter(|p| !p.missing.is_empty()) {
        totals
            .parts_missing
            .insert(p.unit as u32, p.missing.clone());
    }
    // Units whose only file was set aside (another period's report sent
    // again, say): the totals lack them as they lack a blank cell.
    let in_totals: std::collections::HashSet<usize> =
        figures.subs().iter().filter_map(|s| s.unit).collect();
    let used: std::collections::HashSet<usize> = intake
        .included
        .iter()
        .copied()
        .chain(intake.summed.iter().flat_map(|p| p.parts.iter().copied()))
        .collect();
    let aside: Vec<usize> = (0..outcomes.len()).filter(|k| !used.contains(k)).collect();
    let aside = Figures::new(included(&outcomes, &aside, &[]), Some(&store));
    crate::reconcile::short_of_set_aside(&aside, t, &in_totals, config.period, &mut totals)?;
    // A unit whose report adds nothing (a blank form, every figure
    // unreadable) is in no total: the footnote under Tổng hợp names it.
    for s in figures.subs() {
        let Some(u) = s.unit.filter(|u| {
            t.blank_report(Some(*u), s.row_count())
                && t.agencies
                    .get(*u)
                    .is_some_and(|a| a.kind == crate::template::AgencyKind::Ward && a.reports)
        }) else {
            continue;
        };
        if !totals.set_aside.iter().any(|a| a.unit as usize == u) {
            totals.set_aside.push(crate::reconcile::SetAside {
                unit: u as u32,
                file: s.file.clone(),
                period: None,
                blank: true,
            });
        }
    }
    // A stock's LK unlike its TH (summed over the quarters): the LK total
    // takes the unit's TH, said under Tổng hợp.
    crate::reconcile::stock_lk_as_th(&figures, t, &own_included, &mut totals)?;
    // A figure its unit's own note calls incomplete: the totals it enters
    // are marked, said under Tổng hợp.
    let read = intake
        .included
        .iter()
        .filter_map(|&k| match outcomes.get(k) {
            Some(FileOutcome::Read(s)) => Some((s.unit?, &s.findings)),
            _ => None,
        })
        .flat_map(|(u, found)| found.iter().map(move |f| (u, f)));
    crate::reconcile::stated_incomplete(t, read.clone(), &mut totals);
    // A stock's LK cell that held no number took its TH as it was read:
    // said under Tổng hợp as the LK above.
    crate::reconcile::stock_lk_unreadable(&figures, t, read, &mut totals)?;
    release_free_memory();
    let (relations, mut findings) = relations_of(t, config.lang);
    // The units whose cells hold «x» (read as blank): the reason said
    // is "để trống hoặc ghi «x»" when they are among those left out.
    let crossed: std::collections::HashSet<u32> = figures
        .subs()
        .iter()
        .filter(|s| !s.crossed.is_empty())
        .filter_map(|s| s.unit.map(|u| u as u32))
        .collect();
    findings.extend(uncomputed(&totals, t, &crossed, config.lang));
    // Rows no unit in the totals reports (none in the registry, or none
    // sent): told once, and explained under Tổng hợp.
    let unreported =
        crate::reconcile::uncomputed::unreported(&totals, t, |u| in_totals.contains(&u));
    findings.extend(crate::reconcile::uncomputed::unreported_findings(
        &unreported,
        t,
        config.lang,
    ));
    findings.extend(check_relations(
        &by_file,
        &totals,
        t,
        &relations,
        config.lang,
    )?);
    // A file whose sender stays unknown: its parts that do not add up
    // and its relations broken, as `check` on it says them, charged to
    // the file (its figures are in no total).
    let unplaced: Vec<&Submission> = outcomes
        .iter()
        .enumerate()
        .filter_map(|(k, o)| match o {
            FileOutcome::Read(s) if s.unit.is_none() && !intake.included.contains(&k) => {
                Some(s.as_ref())
            }
            _ => None,
        })
        .collect();
    if !unplaced.is_empty() {
        let unplaced = Figures::new(unplaced, Some(&store));
        let none = crate::reconcile::checks::empty_totals(t);
        unplaced_own.extend(check_relations(
            &unplaced,
            &none,
            t,
            &relations,
            config.lang,
        )?);
        // As `check` does: a rate worked from a figure a relation or the
        // LK disputes is that finding's.
        crate::reconcile::percentages::spare_disputed_rates(
            &mut unplaced_own,
            &[],
            &unplaced,
            &none,
            t,
            config.lang,
        )?;
        crate::reconcile::cumulative::drop_covered_sums(&mut unplaced_own);
    }
    findings.append(&mut unplaced_own);
    // A month's figure copied as the period's (a workbook keeping its
    // months beside the quarter): said at it, not at the rows whose
    // relations it breaks.
    for (k, s) in by_file.subs().iter().enumerate() {
        if s.months.is_empty() {
            continue;
        }
        let sub = by_file.unit(k)?;
        crate::reconcile::months::month_copied(
            &sub,
            t,
            Some(config.period),
            &mut findings,
            config.lang,
        );
    }
    release_free_memory();
    let known: Vec<Finding> = findings
        .iter()
        .chain(disputed.iter().copied())
        .chain(&parts_said)
        .cloned()
        .collect();
    // What the files set aside (another period's, say) and the previous
    // quarter tell of the units left out of the totals.
    let absent = AbsentFigures::of(&aside, &in_totals, t, config.previous.as_ref())?;
    drop(aside);
    let checked = check_included(
        &figures,
        own_included,
        &totals,
        t,
        (&known, config.previous.as_ref()),
        &absent,
        config.lang,
    )?;
    drop(absent);
    drop(known);
    findings.extend(checked);
    // A whole row in another unit, confirmed by its own row: the
    // relations and the LK it alone breaks are its error's.
    crate::reconcile::scale::drop_row_slip_knock_ons(&mut findings);
    // A department's percent right from the wards' sum of an LK it typed
    // wrong: its pct-mismatch (in the file's own findings, merged below)
    // would spread the typo.
    let right_by_wards =
        crate::reconcile::percentages::percents_right_by_wards(&findings, &figures, &totals, t)?;
    // A TH column holding the months from January: its outliers and the
    // relations it breaks are that one finding's.
    crate::reconcile::cumulative::drop_explained_by_th_column(&mut findings);
    // A first quarter's LK that its TH and every breakdown contradict:
    // the sums it breaks are that one finding's.
    crate::reconcile::cumulative::drop_covered_sums(&mut findings);
    // A rule the totals break by a unit's figure an error disputes: that
    // error's.
    crate::reconcile::relations::drop_totals_disputed(&mut findings, t);
    drop(figures);
    drop(by_file);
    release_free_memory();
    findings.extend(intake.findings);
    if let Some(prev) = &config.previous {
        findings.extend(crate::reconcile::cumulative::errors_missing_finding(
            prev,
            config.lang,
        ));
    }
    // Findings about cells, from every file read (included or not: a
    // duplicate that was not used still deserves its feedback), those of
    // a file set aside beside its unit's file used as they fit a file
    // whose figures are not counted.
    let used_file: std::collections::HashMap<usize, &str> = intake
        .included
        .iter()
        .filter_map(|&k| match &outcomes[k] {
            FileOutcome::Read(s) => Some((s.unit?, s.file.as_str())),
            _ => None,
        })
        .collect();
    for (k, o) in outcomes.iter().enumerate() {
        // A copy of a file read, byte for byte: its findings are that
        // file's, said once.
        if intake.copies.contains(&k) {
            continue;
        }
        if let FileOutcome::Read(s) = o {
            // The LK a quarter's file lacks, given by the unit's year file.
            let lk_given = intake.lk_elsewhere.contains(&k);
            // A file set aside (another period's report): its figures
            // count nowhere, so neither does a TH worked out of them.
            let set_aside = !used.contains(&k);
            let aside = s
                .unit
                .filter(|_| !used.contains(&k))
                .and_then(|u| used_file.get(&u).copied());
            findings.extend(
                s.findings
                    .iter()
                    .filter(|f| {
                        let lk_elsewhere = lk_given
                            && f.code == crate::diagnostic::Code::ColumnMissing
                            && f.severity == crate::diagnostic::Severity::Error
                            && f.column == crate::model::ValueColumn::Lk.as_str();
                        let th_unused = set_aside && crate::reconcile::cumulative::is_th_from_lk(f);
                        !lk_elsewhere && !th_unused
                    })
                    .map(|f| match aside {
                        Some(used) => crate::reconcile::intake::set_aside_finding(
                            f,
                            t,
                            used,
                            config.period,
                            config.lang,
                        ),
                        None => f.clone(),
                    }),
            );
        }
    }
    // A TH the tool worked out of the LK breaks the rules the LK breaks:
    // said once, at the LK.
    crate::reconcile::cumulative::drop_th_repeating_lk(&mut findings, config.lang);
    crate::reconcile::percentages::spare_percents_right_by_wards(
        &mut findings,
        &right_by_wards,
        config.lang,
    );
    // Figures converted from the unit a file wrote that are in another
    // (đồng under "nghìn đồng"): said once, by the error.
    crate::reconcile::scale::drop_converted_contradicted(&mut findings);
    // A department's figure it marked partial: its one finding at the
    // cell says what the (*) warning would.
    crate::reconcile::totals_check::drop_partial_told(&mut findings);
    // Unit by unit, in the registry's order: an officer goes through the
    // list commune by commune.
    let mut rank: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, a) in t.agencies.iter().enumerate() {
        rank.entry(a.code.as_str()).or_insert(i);
    }
    sort_findings_by_unit(&mut findings, |u| rank.get(u).copied());
    // A finding at a cell of a report joined from its parts names the
    // part whose sheet holds it, not the joined files («A + B + C»): the
    // clerk opens that file.
    for p in intake.summed.iter().filter(|p| p.union) {
        let subs: Vec<&Submission> = p
            .parts
            .iter()
            .filter_map(|&k| outcomes[k].submission())
            .collect();
        let joined = subs
            .iter()
            .map(|s| s.file.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        for f in findings
            .iter_mut()
            .filter(|f| f.file == joined && !f.sheet.is_empty())
        {
            // Sheets of one name in several parts («Sheet1»): the part
            // whose figures hold the indicator, as far as they are in
            // memory.
            let indicator = t.indicator_index(&f.indicator).map(|i| i as u32);
            let named: Vec<&&Submission> = subs
                .iter()
                .filter(|s| s.sheets.contains(&f.sheet))
                .collect();
            let holding = named
                .iter()
                .find(|s| indicator.is_some_and(|i| s.rows.iter().any(|r| r.indicator == i)));
            if let Some(s) = holding.or(named.first()) {
                f.file = s.file.clone();
            }
        }
    }
    // A figure in the totals an outlier warning disputes: the totals it
    // enters are marked, said under Tổng hợp with the likely figure.
    crate::reconcile::outliers_disputed(t, &findings, &used_file, &mut totals);
    let parts = intake.summed.iter().map(|p| p.parts.clone()).collect();
    Ok(Consolidation {
        included: intake.included,
        outcomes,
        totals,
        status: intake.status,
        findings,
        store,
        summed,
        parts,
        unplaced: intake.unplaced,
    })
}

/// The bar of the files read, on a terminal only, in the user's language.
fn progress_bar(len: u64, lang: Lang) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {msg} [{bar:40}] {pos}/{len} ({eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(lang.pick("Đọc tệp", "Reading files"));
    bar
}

/// A spinner naming a stage that has no count to show (the checks, the
/// writing of the outputs), on a terminal only; it goes when dropped.
fn stage_spinner(what: &str) -> StageSpinner {
    if !std::io::stderr().is_terminal() {
        return StageSpinner(ProgressBar::hidden());
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        bar.set_style(style);
    }
    bar.set_message(what.to_string());
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    StageSpinner(bar)
}

/// A stage's spinner, cleared when its stage ends (however it ends).
struct StageSpinner(ProgressBar);

impl Drop for StageSpinner {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// Writes the consolidated workbook of `c` to `path`, its detail sheet
/// split into sheets of at most `max_columns` columns (Excel's 16,384 in
/// a run; fewer in the tests of the split).
///
/// # Errors
/// When the workbook cannot be written.
pub fn write_consolidated_workbook(
    config: &Config,
    c: &Consolidation,
    path: &Path,
    max_columns: u32,
) -> Result<(), Fatal> {
    let figures = c.figures();
    let mut units: Vec<UnitFigures> = figures
        .subs()
        .iter()
        .enumerate()
        .filter_map(|(k, s)| s.unit.map(|u| (u, k)))
        .collect();
    units.sort_by_key(|(u, _)| *u);
    let data = ReportData {
        template: &config.template,
        period: config.period,
        lang: config.lang,
        totals: &c.totals,
        units,
        figures: &figures,
        status: c.status.clone(),
        findings: &c.findings,
    };
    write_workbook_split(path, &data, max_columns)
}

/// The whole job: prepares `config.out` (refusing to replace outputs
/// without `force`), reads and checks the folder, and writes the
/// consolidated workbook, the error lists and the feedback workbooks.
///
/// # Errors
/// Fatal errors only: outputs that exist without `force`, an input folder
/// that cannot be listed, outputs that cannot be written.
pub fn consolidate_folder(config: &Config) -> Result<Consolidation, Fatal> {
    prepare_out_dir(
        &config.out,
        &[WORKBOOK, ERRORS_CSV, ERRORS_JSON, FEEDBACK_DIR],
        config.force,
    )?;
    remove_stale(&config.out, &config.template);
    let c = run_consolidation(config)?;
    let _stage = stage_spinner(config.lang.pick(
        "Ghi bảng tổng hợp, danh sách lỗi và phản hồi",
        "Writing the consolidated workbook, the error lists and the feedback",
    ));
    // The consolidated workbook is written on a thread of its own while
    // the error lists and the feedback workbooks are written beside it.
    let (workbook, others) = std::thread::scope(|scope| {
        let workbook = scope.spawn(|| {
            write_consolidated_workbook(config, &c, &config.out.join(WORKBOOK), limits::COLUMNS)
        });
        let others = write_error_lists(&config.out, &c.findings, config.lang).and_then(|()| {
            write_feedback(
                &config.out,
                &config.dir,
                &c.outcomes,
                &c.included,
                &c.parts,
                &c.findings,
                Some(&c.store),
                &config.template,
                config.period,
                config.lang,
                config.locale,
            )
        });
        (workbook.join(), others)
    });
    release_free_memory();
    workbook.map_err(|_| Fatal::Other("the thread writing the workbook failed".into()))??;
    others?;
    Ok(c)
}
