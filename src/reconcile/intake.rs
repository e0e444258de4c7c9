//! Intake: which submissions go into the totals. Every file is accounted
//! for — read, rejected or skipped — and every expected unit is either
//! submitted, missing, duplicated, unreadable or of the wrong period.
//!
//! Two files from one unit for the period: the newest by the period in its
//! title is used, then by a date in its name, then the one whose name
//! marks the later revision ("… (bản sửa)", "… v2"), then the newer by
//! modification time (by more than a minute: copies made together tie),
//! then the file whose name sorts last. Both are listed with
//! `submission-duplicate`. Copies nothing tells apart whose figures
//! differ are an error naming the figures ([`copies_differ`]). Files of
//! the same bytes (one attachment saved twice) are no versions: one is
//! read, the copies set aside with one info said to the office alone.

use crate::diagnostic::{Code, Finding, Lang, Location, Severity};
use crate::ingest::reasons::{reason_actual, reason_words};
use crate::messages::Said;
use crate::model::Period;
use crate::model::{Status, StatusLine};
use crate::normalize::submission::{own_namesake, FileOutcome, Submission};
use crate::normalize::title::AgencyMatcher;
use crate::template::Template;
use std::collections::BTreeMap;
use std::time::Duration;

/// The result of intake.
pub struct Intake {
    /// Indices into the outcomes of the submissions that count.
    pub included: Vec<usize>,
    /// Files set aside as byte-for-byte copies of a file of the same
    /// unit (one attachment saved twice): their findings are the other's.
    pub copies: Vec<usize>,
    /// Files not used whose unit's LK came from its other file (a
    /// quarter's file beside the year's): their own missing LK is no
    /// error of the unit's.
    pub lk_elsewhere: Vec<usize>,
    pub status: Vec<StatusLine>,
    pub findings: Vec<Finding>,
    /// The units whose every former commune sent its own file: their
    /// files are the parts of one report, summed
    /// ([`crate::reconcile::parts`]).
    pub summed: Vec<FormerSum>,
    /// The files read whose sender stays unknown, by what may be said of
    /// them in the run's summary.
    pub unplaced: Unplaced,
    /// Units that sent two or more versions of their report with nothing
    /// telling which is newer: their figures are compared once they can
    /// be read back ([`copies_differ`]).
    pub undecided: Vec<Undecided>,
}

/// A unit's versions of one report that nothing tells apart (the same
/// period, no date or revision in their names, saved together).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undecided {
    /// Index into the template's agencies.
    pub unit: usize,
    /// The files (indices into the outcomes), the one used first.
    pub files: Vec<usize>,
    /// Whether their modification times chose the one used (the later
    /// saved): times of saved attachments say nothing of which is right,
    /// so differing figures are a warning, not an error.
    pub by_time: bool,
}

/// How many files read stay of unknown sender: those a missing unit's
/// `submission-missing` names (they may be its report), those whose
/// letterhead names a body outside the registry of another kind than
/// the communes (a former district's Phòng), and the others.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unplaced {
    pub offered: usize,
    pub other_body: usize,
    pub unclear: usize,
}

/// A merged unit whose every former commune sent its own file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormerSum {
    /// Index into the template's agencies.
    pub unit: usize,
    /// The files (indices into the outcomes), the one in `included`
    /// first.
    pub parts: Vec<usize>,
    /// The parts of one unit's report (a section each, a supplement):
    /// each indicator's figures taken from the first part that holds it,
    /// never added.
    pub union: bool,
    /// The former units of the registry that sent no file: the sum is
    /// short of their part (empty when every one sent).
    pub missing: Vec<String>,
}

/// Sorts out the files of a run. `matcher` (the run's, over `template`'s
/// registry) names the unit an unreadable file's name points at.
pub fn intake(
    outcomes: &[FileOutcome],
    template: &Template,
    matcher: &AgencyMatcher,
    period: Period,
    lang: Lang,
) -> Intake {
    let Sorted {
        mut findings,
        by_unit,
        wrong_period,
        unreadable,
        other_lines,
        unplaced,
        mentioned,
        period_errors,
    } = sort_files(outcomes, template, matcher, period, lang);
    let mut status = Vec::new();
    let mut included = Vec::new();
    let mut lk_elsewhere = Vec::new();
    let mut summed = Vec::new();
    let mut copies = Vec::new();
    let mut undecided = Vec::new();
    // The files of another period that are a unit's only report of their
    // indicators (see `wrong_sections` below).
    let mut section_errors: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    // The files of unknown sender a missing unit's finding names.
    let mut offered: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    // The units that sent nothing at all: a file of unknown sender whose
    // name is one of them for short ("T2 bao cao nam.xlsx", Thôn 2) is
    // offered to that one alone.
    let missing: Vec<usize> = template
        .agencies
        .iter()
        .enumerate()
        .filter(|&(ai, a)| {
            a.reports
                && !by_unit.contains_key(&ai)
                && !wrong_period.contains_key(&ai)
                && !unreadable.contains_key(&ai)
        })
        .map(|(ai, _)| ai)
        .collect();
    for (ai, a) in template.agencies.iter().enumerate() {
        let cands = by_unit.get(&ai).cloned().unwrap_or_default();
        // A file of another period that shares no indicator with the
        // files of the run's period is no old copy of them: the unit's
        // only report of its part (a section sent for the wrong quarter),
        // whose `period-mismatch` stays an error and whose indicators are
        // not said missing besides.
        let sent = cands.iter().fold(0, |b, &k| b | bits_of(outcomes, k));
        let mut wrong_sections = 0u128;
        for &k in wrong_period.get(&ai).into_iter().flatten() {
            let b = bits_of(outcomes, k);
            if b != 0 && b & sent == 0 {
                wrong_sections |= b;
                section_errors.insert(k);
            }
        }
        // Its line says so: the report is consolidated, that part is not.
        let submitted = match wrong_sections {
            0 => Status::Submitted,
            _ => Status::PartWrongPeriod,
        };
        let files_of = |ks: &[usize]| {
            ks.iter()
                .map(|&k| outcomes[k].file().to_string())
                .collect::<Vec<_>>()
                .join("; ")
        };
        // The unit's other files, not used: every file sent is named on
        // its unit's line, whatever became of it.
        let others = |skip_wrong_period: bool| {
            let mut notes = Vec::new();
            if let Some(ks) = wrong_period.get(&ai).filter(|_| !skip_wrong_period) {
                let (parts, old): (Vec<usize>, Vec<usize>) =
                    ks.iter().partition(|k| section_errors.contains(k));
                if !parts.is_empty() {
                    notes.push(format!(
                        "{} {}",
                        lang.pick(
                            "một phần báo cáo gửi không đúng kỳ, chưa được tổng hợp, cần gửi lại đúng kỳ:",
                            "a part of the report is for another period, not consolidated, to be sent again for this period:"
                        ),
                        files_of(&parts)
                    ));
                }
                if !old.is_empty() {
                    notes.push(format!(
                        "{} {}",
                        lang.pick(
                            "tệp khác không đúng kỳ báo cáo:",
                            "another file is for another period:"
                        ),
                        files_of(&old)
                    ));
                }
            }
            if let Some(ks) = unreadable.get(&ai) {
                notes.push(format!(
                    "{} {}",
                    lang.pick("tệp khác không đọc được:", "another file was unreadable:"),
                    files_of(ks)
                ));
            }
            notes
        };
        if cands.is_empty() {
            if let Some(ks) = wrong_period.get(&ai) {
                status.push(StatusLine {
                    unit: a.code.clone(),
                    unit_name: a.shown().into_owned(),
                    files: files_of(ks),
                    status: Status::WrongPeriod,
                    note: std::iter::once(
                        lang.pick(
                            "tệp gửi không đúng kỳ báo cáo",
                            "the file sent is for another period",
                        )
                        .to_string(),
                    )
                    .chain(others(true))
                    .collect::<Vec<_>>()
                    .join("; "),
                });
            } else if let Some(ks) = unreadable.get(&ai) {
                status.push(StatusLine {
                    unit: a.code.clone(),
                    unit_name: a.shown().into_owned(),
                    files: files_of(ks),
                    status: Status::Unreadable,
                    note: ks
                        .iter()
                        .filter_map(|&k| match &outcomes[k] {
                            FileOutcome::Rejected { reason, .. } => {
                                Some(reason_words(reason, lang).0)
                            }
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                });
            } else if a.reports {
                // Files whose sender stays unknown may be this unit's:
                // those that fit it, else those that fit no unit at all.
                // Never a file that came in a folder or zip file named
                // for another unit of the registry (a commune's own report
                // in Quảng Ngãi's folder is no report of Ninh Bình's).
                let elsewhere = |k: usize| match &outcomes[k] {
                    FileOutcome::Read(s) => s.unit_enclosed.is_some_and(|(u, _)| u != ai),
                    _ => false,
                };
                let fitting: Vec<usize> = unplaced
                    .iter()
                    .filter(|&&(k, ref fits)| fits.contains(&ai) && !elsewhere(k))
                    .map(|&(k, _)| k)
                    .collect();
                // Not a file whose letterhead names a body of another kind
                // than this commune (a former district's Phòng): it is no
                // commune's report, whatever its words.
                let anyone: Vec<usize> = unplaced
                    .iter()
                    .filter(|&&(k, ref fits)| {
                        fits.is_empty()
                            && !elsewhere(k)
                            && match &outcomes[k] {
                                FileOutcome::Read(s) => match short_in_name(&s.file, template)
                                    .filter(|u| missing.contains(u))
                                {
                                    Some(u) => u == ai,
                                    None => {
                                        !(a.kind == crate::template::AgencyKind::Ward
                                            && other_body(s))
                                            && (template.names_office(&s.unit_text)
                                                || may_name(&s.unit_text, &s.file, a))
                                    }
                                },
                                _ => true,
                            }
                    })
                    .map(|&(k, _)| k)
                    .collect();
                let (ks, fit) = if fitting.is_empty() {
                    (anyone, false)
                } else {
                    (fitting, true)
                };
                offered.extend(ks.iter().copied());
                let files: Vec<String> =
                    ks.iter().map(|&k| outcomes[k].file().to_string()).collect();
                // Files charged to nobody that name it (a RAR archive, a
                // link to a file that is gone): each with what it is and
                // what to do.
                let named: Vec<Named> = mentioned
                    .get(&ai)
                    .into_iter()
                    .flatten()
                    .filter_map(|&k| {
                        let (file, reason, sent) = match &outcomes[k] {
                            FileOutcome::Skipped { file, reason } => (file, reason, true),
                            FileOutcome::Rejected { file, reason } => (file, reason, false),
                            FileOutcome::Read(_) => return None,
                        };
                        let (what, advice) = reason_words(reason, lang);
                        Some(Named {
                            file: file.as_str(),
                            what,
                            advice,
                            archive: reason.starts_with(crate::ingest::discover::OTHER_ARCHIVE),
                            sent,
                        })
                    })
                    .collect();
                let unit_name = a.shown();
                let (finding, note) = if !files.is_empty() {
                    let said = Said::SubmissionMissingUnplaced {
                        unit: &unit_name,
                        period,
                        files: &files,
                        fitting: fit,
                    };
                    let note = format!(
                        "{} {}",
                        lang.pick(
                            "có thể là tệp không rõ đơn vị:",
                            "perhaps the file of unknown sender:"
                        ),
                        files.join("; ")
                    );
                    (Finding::said(Severity::Error, &said, lang), note)
                } else if named.is_empty() {
                    let said = Said::SubmissionMissing {
                        unit: &unit_name,
                        period,
                    };
                    (Finding::said(Severity::Error, &said, lang), String::new())
                } else {
                    let listed: Vec<String> = named
                        .iter()
                        .map(|n| format!("{} ({})", n.file, n.what))
                        .collect();
                    let listed = listed.join("; ");
                    let mut advice: Vec<&str> = Vec::new();
                    for n in &named {
                        if !n.advice.is_empty() && !advice.contains(&n.advice.as_str()) {
                            advice.push(&n.advice);
                        }
                    }
                    let said = Said::SubmissionMissingNamed {
                        unit: &unit_name,
                        period,
                        named: &listed,
                        advice: &advice.join(" "),
                    };
                    // A file the unit sent (a Word document, a RAR
                    // archive) is said to be its; a link the office made
                    // is only a file bearing its name.
                    let note = named
                        .iter()
                        .map(|n| match (n.sent, lang) {
                            (true, Lang::Vi) => {
                                format!("đã gửi tệp {} nhưng không đọc được: {}", n.file, n.what)
                            }
                            (true, Lang::En) => {
                                format!("sent {} but it was not read: {}", n.file, n.what)
                            }
                            (false, Lang::Vi) => format!(
                                "có tệp mang tên đơn vị nhưng chưa đọc được: {} ({})",
                                n.file, n.what
                            ),
                            (false, Lang::En) => format!(
                                "a file bearing its name was not read: {} ({})",
                                n.file, n.what
                            ),
                        })
                        .collect::<Vec<_>>()
                        .join("; ");
                    (
                        Finding::said(Severity::Error, &said, lang)
                            .actual(named.iter().map(|n| n.file).collect::<Vec<_>>().join("; ")),
                        note,
                    )
                };
                // The ward is told it sent nothing, not to look at the
                // office's files; a compressed file bearing its name came
                // from it: it is asked for the workbook itself.
                let archive = named.iter().find(|n| n.archive).map(|n| n.file);
                let document = named.iter().find(|n| n.sent && !n.archive);
                let finding = match (archive, document) {
                    (Some(file), _) if files.is_empty() => {
                        let to_unit = Said::UnitSentArchive {
                            unit: &unit_name,
                            file,
                            period,
                        };
                        finding.unit(a.code.clone()).told_unit(&to_unit, lang)
                    }
                    // A Word document or a text file bearing its name: it
                    // sent something, which is not the workbook.
                    (None, Some(n)) if files.is_empty() => {
                        let to_unit = Said::UnitSentNotSpreadsheet {
                            unit: &unit_name,
                            file: n.file,
                            what: &n.what,
                            period,
                        };
                        finding.unit(a.code.clone()).told_unit(&to_unit, lang)
                    }
                    _ => {
                        let to_unit = Said::UnitSentNothing {
                            unit: &unit_name,
                            period,
                        };
                        finding.unit(a.code.clone()).told_unit(&to_unit, lang)
                    }
                };
                findings.push(finding);
                status.push(StatusLine {
                    unit: a.code.clone(),
                    unit_name: a.shown().into_owned(),
                    files: String::new(),
                    status: Status::Missing,
                    note,
                });
            }
            continue;
        }
        // Files of the same bytes (one attachment saved twice, "Bao cao
        // Q1 (1).xlsx"): one report, read once; the copies are set aside
        // with one info, said to the office alone (nothing the unit did).
        let all = cands;
        let (cands, copied) = set_aside_copies(&all, outcomes);
        let mut copy_notes = Vec::new();
        for (kept, group) in &copied {
            let used = outcomes[*kept].file();
            let set_aside: Vec<String> = group
                .iter()
                .map(|&k| outcomes[k].file().to_string())
                .collect();
            let said = Said::SubmissionCopies {
                unit: &a.shown(),
                count: group.len() + 1,
                period,
                used,
                copies: &set_aside,
            };
            findings.push(
                Finding::said(Severity::Info, &said, lang)
                    .at(&Location::file(used))
                    .unit(a.code.clone())
                    .expected(used.to_string())
                    .actual(set_aside.join("; "))
                    .for_office(),
            );
            copy_notes.push(match lang {
                Lang::Vi => format!(
                    "{} giống hệt {used} (cùng nội dung), chỉ đọc một lần",
                    set_aside.join(", ")
                ),
                Lang::En => format!(
                    "{} the same as {used} (identical content), read once",
                    set_aside.join(", ")
                ),
            });
            copies.extend(group.iter().copied());
        }
        if cands.len() == 1 {
            included.push(cands[0]);
            if let FileOutcome::Read(sub) = &outcomes[cands[0]] {
                findings.extend(completeness_of_files(
                    &[sub.as_ref()],
                    wrong_sections,
                    ai,
                    template,
                    period,
                    lang,
                ));
                findings.extend(former_only(sub, a, false, lang));
            }
            // A blank form, or one whose every figure is unreadable, adds
            // nothing to the totals: not a report consolidated.
            let blank = matches!(&outcomes[cands[0]], FileOutcome::Read(sub) if template.blank_report(sub.unit, sub.row_count()));
            status.push(StatusLine {
                unit: a.code.clone(),
                unit_name: a.shown().into_owned(),
                files: files_of(&all),
                status: if blank {
                    Status::SubmittedBlank
                } else {
                    submitted
                },
                note: copy_notes
                    .into_iter()
                    .chain(stale_title(&outcomes[cands[0]], period, lang))
                    .chain(others(false))
                    .collect::<Vec<_>>()
                    .join("; "),
            });
            continue;
        }
        // Files that each hold figures no file sent later gives (one per
        // section, a supplement holding only some indicators): the parts
        // of one report, taken together, never one kept and the others
        // lost.
        if let Some((parts, replaced)) = report_parts(&cands, outcomes) {
            included.push(parts[0]);
            // Each part with the indicators taken from it: those no part
            // sent later holds.
            let mut newer = 0u128;
            // Each part with the indicators taken from it, and those a
            // part sent later replaced (a complete report beside its
            // supplement: the whole file but the supplement's).
            let described: Vec<(String, String, String)> = parts
                .iter()
                .map(|&k| {
                    let codes = codes_held(outcomes, k, !newer, ai, template);
                    let replaced = codes_held(outcomes, k, newer, ai, template);
                    newer |= bits_of(outcomes, k);
                    (outcomes[k].file().to_string(), codes, replaced)
                })
                .collect();
            let replaced_files: Vec<String> = replaced
                .iter()
                .map(|&k| outcomes[k].file().to_string())
                .collect();
            let said = Said::SubmissionParts {
                unit: &a.shown(),
                period,
                parts: &described,
                replaced: &replaced_files,
            };
            let used = outcomes[parts[0]].file();
            findings.push(
                Finding::said(Severity::Info, &said, lang)
                    .at(&Location::file(used))
                    .unit(a.code.clone())
                    .expected(files_of(&parts))
                    .actual(replaced_files.join("; "))
                    .for_office(),
            );
            let subs: Vec<&Submission> = parts
                .iter()
                .filter_map(|&k| outcomes[k].submission())
                .collect();
            findings.extend(completeness_of_files(
                &subs,
                wrong_sections,
                ai,
                template,
                period,
                lang,
            ));
            let n = parts.len();
            let mut note = vec![match lang {
                Lang::Vi => format!(
                    "báo cáo gồm {n} tệp, mỗi tệp một phần các chỉ tiêu; cả {n} tệp được tổng hợp cùng nhau"
                ),
                Lang::En => format!(
                    "the report in {n} files, each holding part of the indicators; all {n} consolidated together"
                ),
            }];
            if !replaced_files.is_empty() {
                note.push(match lang {
                    Lang::Vi => format!(
                        "{} đã được tệp gửi sau thay hết, không được tổng hợp",
                        replaced_files.join(", ")
                    ),
                    Lang::En => format!(
                        "{} wholly replaced by files sent later, not consolidated",
                        replaced_files.join(", ")
                    ),
                });
            }
            status.push(StatusLine {
                unit: a.code.clone(),
                unit_name: a.shown().into_owned(),
                files: files_of(&all),
                status: submitted,
                note: note
                    .into_iter()
                    .chain(copy_notes)
                    .chain(
                        parts
                            .iter()
                            .filter_map(|&k| stale_title(&outcomes[k], period, lang)),
                    )
                    .chain(others(false))
                    .collect::<Vec<_>>()
                    .join("; "),
            });
            summed.push(FormerSum {
                unit: ai,
                parts,
                union: true,
                missing: Vec::new(),
            });
            continue;
        }
        let (chosen, mut why, by_name) = choose(&cands, outcomes);
        included.push(chosen);
        let chosen_file = outcomes[chosen].file().to_string();
        // One file per former commune of a merged unit: parts, not
        // versions; summed when every former commune sent its own. Else
        // two versions of one report.
        let apart = match former_parts(&cands, chosen, outcomes, a, lang) {
            Some(Parts::Apart(f)) => Some(f),
            None => None,
            // Every former unit sent (Whole), or some did and the rest
            // sent none (Short): the parts sent are summed alike.
            Some(summed_parts) => {
                let (f, missing) = match summed_parts {
                    Parts::Short(f, missing) => (f, missing),
                    Parts::Whole(f) | Parts::Apart(f) => (f, Vec::new()),
                };
                findings.push(f);
                let mut parts: Vec<usize> =
                    cands.iter().copied().filter(|&k| k != chosen).collect();
                parts.insert(0, chosen);
                for &k in &parts {
                    if let FileOutcome::Read(sub) = &outcomes[k] {
                        findings.extend(completeness_of(sub, ai, template, period, lang));
                    }
                }
                let (state, note, copies) = if missing.is_empty() {
                    let note = lang.pick(
                        "mỗi tệp của một đơn vị cũ; đủ các đơn vị cũ, số liệu đã được cộng lại",
                        "one file per former unit; every former unit sent, figures added together",
                    );
                    (Status::Submitted, note.to_string(), Vec::new())
                } else {
                    let missing = missing.join(", ");
                    let note = match lang {
                        Lang::Vi => format!(
                            "mỗi tệp của một đơn vị cũ; {missing} chưa gửi, số liệu các tệp đã gửi đã được cộng lại, còn thiếu phần của {missing}"
                        ),
                        Lang::En => format!(
                            "one file per former unit; {missing} sent none, the files sent are added together, short of {missing}'s part"
                        ),
                    };
                    (Status::Duplicate, note, copy_notes)
                };
                status.push(StatusLine {
                    unit: a.code.clone(),
                    unit_name: a.shown().into_owned(),
                    files: files_of(&all),
                    status: state,
                    note: std::iter::once(note)
                        .chain(copies)
                        .chain(
                            parts
                                .iter()
                                .filter_map(|&k| stale_title(&outcomes[k], period, lang)),
                        )
                        .chain(others(false))
                        .collect::<Vec<_>>()
                        .join("; "),
                });
                summed.push(FormerSum {
                    unit: ai,
                    parts,
                    union: false,
                    missing,
                });
                continue;
            }
        };
        if let FileOutcome::Read(sub) = &outcomes[chosen] {
            findings.extend(completeness_of(sub, ai, template, period, lang));
        }
        let why: (&str, &str) = match apart {
            Some(parts) => {
                findings.push(parts);
                (
                    "mỗi tệp của một đơn vị cũ; số liệu chưa cộng lại",
                    "one file per former unit; figures not added",
                )
            }
            None => {
                let files: Vec<String> = cands
                    .iter()
                    .map(|&k| outcomes[k].file().to_string())
                    .collect();
                // The quarter's file beside the year's: the year's figures
                // are consolidated; an info when the quarter's TH is there
                // too (worked out of the LK), else a warning that it is not.
                let split = split_report(&cands, chosen, outcomes);
                if split.is_some() {
                    lk_elsewhere.extend(cands.iter().copied().filter(|&k| k != chosen));
                }
                let severity = match split {
                    Some(true) => Severity::Info,
                    _ => Severity::Warning,
                };
                if split == Some(false) {
                    why.0.push_str(
                        "; thực hiện quý chỉ có ở tệp kia, không được tổng hợp: hãy gửi một tệp có cả thực hiện quý và lũy kế",
                    );
                    why.1.push_str(
                        "; the quarter's TH is only in the other, not consolidated: send one file with both TH and LK",
                    );
                }
                let dup = Duplicate {
                    unit: a,
                    files: &files,
                    used: &chosen_file,
                    why: (&why.0, &why.1),
                    period,
                    severity,
                };
                if by_name && split.is_none() {
                    // The names say which is the latest («sửa lần 2», a
                    // date): one info of the office's, nothing to doubt.
                    findings.push(dup.revised(lang));
                } else {
                    let by_time = only_times(&cands, outcomes);
                    if split.is_none() && (by_time || nothing_tells(&cands, outcomes)) {
                        let mut files: Vec<usize> =
                            cands.iter().copied().filter(|&k| k != chosen).collect();
                        files.insert(0, chosen);
                        undecided.push(Undecided {
                            unit: ai,
                            files,
                            by_time,
                        });
                    }
                    findings.extend(files.iter().map(|f| dup.finding(f, lang)));
                }
                (&why.0, &why.1)
            }
        };
        status.push(StatusLine {
            unit: a.code.clone(),
            unit_name: a.shown().into_owned(),
            files: files_of(&all),
            status: Status::Duplicate,
            note: std::iter::once(format!(
                "{} {} ({})",
                lang.pick("dùng tệp", "using"),
                chosen_file,
                lang.pick(why.0, why.1)
            ))
            .chain(copy_notes)
            .chain(stale_title(&outcomes[chosen], period, lang))
            .chain(others(false))
            .collect::<Vec<_>>()
            .join("; "),
        });
    }
    // A file of another period is an error when it is all its unit sent
    // for the run; beside a file of the run's period that is used (an old
    // file sent with the right one, or re-sent after), it is the office's
    // info: nothing to fix, the figures used are the right file's.
    for (u, k, stated, error) in period_errors {
        if section_errors.contains(&k) {
            findings.push(error);
            continue;
        }
        let used = included
            .iter()
            .find(|&&j| matches!(&outcomes[j], FileOutcome::Read(s) if s.unit == Some(u)));
        let Some(&used) = used else {
            findings.push(error);
            continue;
        };
        let file = outcomes[k].file();
        let said = Said::PeriodSuperseded {
            file,
            unit: &template.agencies[u].shown(),
            stated,
            period,
            used: outcomes[used].file(),
        };
        // Where the error would have been, with the info's words.
        let info = Finding::said(Severity::Info, &said, lang);
        findings.push(
            Finding {
                severity: Severity::Info,
                message: info.message,
                ..error
            }
            .for_office(),
        );
    }
    status.extend(other_lines);
    let mut unplaced_files = Unplaced::default();
    for (k, _) in &unplaced {
        match &outcomes[*k] {
            _ if offered.contains(k) => unplaced_files.offered += 1,
            FileOutcome::Read(s) if other_body(s) => unplaced_files.other_body += 1,
            _ => unplaced_files.unclear += 1,
        }
    }
    Intake {
        included,
        copies,
        lk_elsewhere,
        status,
        findings,
        summed,
        unplaced: unplaced_files,
        undecided,
    }
}

/// How many differing figures a `submission-duplicate` error on copies
/// that differ quotes (the others are counted).
const DIFFER_QUOTED: usize = 3;

/// Copies of a unit's report that nothing tells apart ([`Undecided`])
/// and whose figures differ: their `submission-duplicate` warnings become
/// one error on the file used, naming each figure that differs with both
/// values and cells (the first few, then how many more), and asking the
/// unit which is right; its `expected` lists the figures (`HC.01 TH;
/// HC.01 LK`), which the workbooks mark ([`crate::reconcile::totals_check::figures_left_out`]).
/// Copies whose figures agree keep their warnings.
///
/// # Errors
/// When the stored figures cannot be read back.
pub fn copies_differ(
    intake: &mut Intake,
    outcomes: &[FileOutcome],
    store: &crate::normalize::store::FigureStore,
    template: &Template,
    period: Period,
    lang: Lang,
) -> Result<(), crate::error::Fatal> {
    for u in &intake.undecided {
        let subs: Vec<&Submission> = u
            .files
            .iter()
            .filter_map(|&k| outcomes[k].submission())
            .collect();
        if subs.len() != u.files.len() || subs.len() < 2 {
            continue;
        }
        let figures = crate::normalize::store::Figures::new(subs, Some(store));
        let loaded = (0..figures.len())
            .map(|k| figures.unit(k))
            .collect::<Result<Vec<_>, _>>()?;
        let Some((used, others)) = loaded.split_first() else {
            continue;
        };
        // Each figure of the file used that another file states otherwise,
        // in the template's order.
        let mut differ: Vec<(usize, crate::model::ValueColumn, String)> = Vec::new();
        let quote = |v: f64| crate::number::format_auto(v, 6, lang);
        for other in others {
            let mut keys: Vec<(usize, crate::model::ValueColumn)> = used
                .rows
                .iter()
                .chain(&other.rows)
                .map(|r| (r.ind(), r.column))
                .collect();
            keys.sort_unstable_by_key(|&(i, c)| (i, c.index()));
            keys.dedup();
            for (i, c) in keys {
                let (a, b) = (used.figure(i, c), other.figure(i, c));
                let same = match (a, b) {
                    (Some(a), Some(b)) => {
                        (a.value - b.value).abs() <= 1e-9 * a.value.abs().max(1.0)
                    }
                    // A figure only one copy states (a column the other
                    // left out) is no conflict: versions, as before.
                    _ => true,
                };
                if same || differ.iter().any(|d| (d.0, d.1) == (i, c)) {
                    continue;
                }
                let side =
                    |s: &Submission, r: Option<&crate::normalize::submission::TidyRow>| match r {
                        Some(r) => format!("{} ({})", quote(r.value), s.location(r)),
                        None => format!("{} ({})", lang.pick("để trống", "blank"), s.file),
                    };
                let code = template.indicators.get(i).map_or("", |d| d.code.as_str());
                differ.push((
                    i,
                    c,
                    format!(
                        "{code} {}: {} / {}",
                        c.as_str(),
                        side(used, a),
                        side(other, b)
                    ),
                ));
            }
        }
        if differ.is_empty() {
            continue;
        }
        let Some(a) = template.agencies.get(u.unit) else {
            continue;
        };
        let files: Vec<String> = u
            .files
            .iter()
            .map(|&k| outcomes[k].file().to_string())
            .collect();
        let quoted: Vec<String> = differ
            .iter()
            .take(DIFFER_QUOTED)
            .map(|d| d.2.clone())
            .collect();
        let said = Said::SubmissionCopiesDiffer {
            unit: &a.shown(),
            period,
            files: &files,
            used: &files[0],
            differ: &quoted,
            more: differ.len().saturating_sub(DIFFER_QUOTED),
            by_time: u.by_time,
        };
        let named: Vec<String> = differ
            .iter()
            .filter_map(|&(i, c, _)| {
                Some(format!(
                    "{} {}",
                    template.indicators.get(i)?.code,
                    c.as_str()
                ))
            })
            .collect();
        intake.findings.retain(|f| {
            !(f.code == Code::SubmissionDuplicate
                && f.severity == Severity::Warning
                && f.unit == a.code)
        });
        let severity = if u.by_time {
            Severity::Warning
        } else {
            Severity::Error
        };
        intake.findings.push(
            Finding::said(severity, &said, lang)
                .at(&Location::file(files[0].clone()))
                .unit(a.code.clone())
                .expected(named.join("; "))
                .actual(files.join("; ")),
        );
    }
    Ok(())
}

/// Whether a unit's files (`cands`) were all read and all name the unit
/// alike (each by its present name or each by a former one, each exactly
/// or each loosely).
fn named_alike(cands: &[usize], outcomes: &[FileOutcome]) -> bool {
    let flags = |k: usize| match &outcomes[k] {
        FileOutcome::Read(s) => Some((s.unit_former.is_some(), s.unit_loose)),
        _ => None,
    };
    let first = cands.first().and_then(|&k| flags(k));
    first.is_some() && cands.iter().all(|&k| flags(k) == first)
}

/// Whether nothing tells a unit's files (`cands`) apart: each two the
/// same period, no date or revision mark in their names telling one
/// later, sharing indicators, saved within a minute, all naming the
/// unit alike.
fn nothing_tells(cands: &[usize], outcomes: &[FileOutcome]) -> bool {
    if !named_alike(cands, outcomes) {
        return false;
    }
    let copies = report_copies(cands, outcomes);
    copies.iter().enumerate().all(|(i, a)| {
        copies
            .iter()
            .skip(i + 1)
            .all(|b| compare_copies(a, b).2 == Decider::Nothing)
    })
}

/// Whether only the modification times told a unit's files (`cands`)
/// apart: each two alike as [`nothing_tells`] asks but for their times,
/// and two saved more than a minute apart.
fn only_times(cands: &[usize], outcomes: &[FileOutcome]) -> bool {
    if !named_alike(cands, outcomes) {
        return false;
    }
    let copies = report_copies(cands, outcomes);
    let mut timed = false;
    let all = copies.iter().enumerate().all(|(i, a)| {
        copies
            .iter()
            .skip(i + 1)
            .all(|b| match compare_copies(a, b).2 {
                Decider::Modified => {
                    timed = true;
                    true
                }
                Decider::Nothing => true,
                _ => false,
            })
    });
    all && timed
}

/// The indicators a file read states, as bits
/// ([`crate::normalize::store::indicator_bits`]; 0 for a file not read).
fn bits_of(outcomes: &[FileOutcome], k: usize) -> u128 {
    match &outcomes[k] {
        FileOutcome::Read(s) => s.stored.map_or_else(
            || crate::normalize::store::indicator_bits(&s.rows),
            |st| st.indicators,
        ),
        _ => 0,
    }
}

/// The parts of one unit's report among its files of the run's period
/// (`cands`): taken newest first (as [`choose`] orders versions), each
/// file that holds an indicator no newer file holds is a part; a file
/// every indicator of which a newer one holds is replaced by it. Some
/// (parts newest first, the files replaced) when two or more are parts;
/// none when one file holds everything the others hold (versions of one
/// report), or the files are not alike enough to be taken together (of
/// other periods' titles, named loosely, or one per former commune).
fn report_parts(cands: &[usize], outcomes: &[FileOutcome]) -> Option<(Vec<usize>, Vec<usize>)> {
    let subs: Vec<&Submission> = cands
        .iter()
        .map(|&k| outcomes[k].submission())
        .collect::<Option<_>>()?;
    let first = subs.first()?;
    let period = first.period.map(|p| p.0);
    if subs.len() < 2
        || subs
            .iter()
            .any(|s| s.unit_loose || s.unit_former.is_some() || s.period.map(|p| p.0) != period)
    {
        return None;
    }
    let mut rest = cands.to_vec();
    let mut newest_first = Vec::new();
    while !rest.is_empty() {
        let (k, _, _) = choose(&rest, outcomes);
        newest_first.push(k);
        rest.retain(|&j| j != k);
    }
    let mut covered = 0u128;
    let (mut parts, mut replaced) = (Vec::new(), Vec::new());
    for k in newest_first {
        let b = bits_of(outcomes, k);
        if b & !covered != 0 {
            parts.push(k);
            covered |= b;
        } else {
            replaced.push(k);
        }
    }
    (parts.len() >= 2).then_some((parts, replaced))
}

/// The codes of the indicators file `k` (of unit `unit`) holds but not
/// `newer` (bits: those taken from files sent later), the first eight and
/// «…» after them, for the message naming the parts.
fn codes_held(
    outcomes: &[FileOutcome],
    k: usize,
    wanted: u128,
    unit: usize,
    template: &Template,
) -> String {
    let FileOutcome::Read(s) = &outcomes[k] else {
        return String::new();
    };
    let bits = bits_of(outcomes, k);
    let held: Vec<&str> = template
        .indicators
        .iter()
        .enumerate()
        .filter(|&(i, _)| {
            bits & wanted & (1u128 << (i % 128)) != 0
                && template.must_report(unit, i)
                && !s.missing.contains(&(i as u32))
        })
        .map(|(_, ind)| ind.code.as_str())
        .collect();
    let mut out = held.iter().take(8).copied().collect::<Vec<_>>().join(", ");
    if held.len() > 8 {
        out.push_str(", …");
    }
    out
}

/// [`completeness_of`] for a report in one file or several (`subs`, the
/// first the file the findings are placed at): an indicator is missing
/// when no file holds it, and not said missing when a file of another
/// period holds it (`elsewhere`, bits: that file's own error says so).
fn completeness_of_files(
    subs: &[&Submission],
    elsewhere: u128,
    unit: usize,
    template: &Template,
    period: Period,
    lang: Lang,
) -> Vec<Finding> {
    let Some(first) = subs.first() else {
        return Vec::new();
    };
    if subs.len() == 1 && elsewhere == 0 {
        return completeness_of(first, unit, template, period, lang);
    }
    let mut whole = first.with_figures(Vec::new());
    whole.period = subs.iter().find_map(|s| s.period);
    whole.missing = first
        .missing
        .iter()
        .copied()
        .filter(|i| subs.iter().all(|s| s.missing.contains(i)))
        .filter(|&i| elsewhere & (1u128 << (i % 128)) == 0)
        .collect();
    whole.offered = subs
        .iter()
        .flat_map(|s| s.offered.iter().copied())
        .collect();
    completeness_of(&whole, unit, template, period, lang)
}

/// A finding of a file set aside beside its unit's file `used`, as the
/// office is told it. A title of another period on a form of the run's
/// (`period-mismatch`, which says the figures are read and counted as the
/// run's) is the office's info that the copy is set aside: its figures
/// are in no total and its title in nothing to sign. Any other finding
/// is unchanged.
pub fn set_aside_finding(
    f: &Finding,
    template: &Template,
    used: &str,
    period: Period,
    lang: Lang,
) -> Finding {
    let stated = f.actual.parse::<Period>().ok();
    let unit = template.agency_index(&f.unit);
    let (Code::PeriodMismatch, Some(stated), Some(u), true) =
        (f.code, stated, unit, f.severity != Severity::Info)
    else {
        return f.clone();
    };
    let said = Said::TitleSetAside {
        file: &f.file,
        unit: &template.agencies[u].shown(),
        stated,
        period,
        used,
    };
    let info = Finding::said(Severity::Info, &said, lang);
    Finding {
        severity: Severity::Info,
        message: info.message,
        ..f.clone()
    }
    .for_office()
}

/// Whether a file's letterhead names a body of another kind than the
/// commune its name or folder points to (a former district's Phòng).
fn other_body(s: &Submission) -> bool {
    matches!(
        s.unit_source,
        crate::normalize::submission::UnitSource::OtherBody { .. }
    )
}

/// The note of a unit's line in Tình trạng nộp whose file used has a
/// title left from another period: its figures are counted as the run's,
/// but the report is not one to sign until the title is put right (the
/// `period-mismatch` error), which the line says beside "đã nộp".
fn stale_title(outcome: &FileOutcome, period: Period, lang: Lang) -> Option<String> {
    let FileOutcome::Read(sub) = outcome else {
        return None;
    };
    let stated = sub.title_stale?;
    Some(match lang {
        Lang::Vi => format!(
            "có lỗi: tiêu đề ghi {}, số liệu được đọc là của {}; cần sửa tiêu đề trước khi trình ký",
            stated.title_vi(),
            period.title_vi()
        ),
        Lang::En => format!(
            "with an error: the title says {}, the figures are read as {}'s; correct the title before signing",
            stated.title_en(),
            period.title_en()
        ),
    })
}

/// The files of a run sorted by unit, with the findings about the files
/// themselves.
/// A file charged to nobody that a unit's name names, as that unit's
/// `submission-missing` and status line tell it.
struct Named<'a> {
    file: &'a str,
    /// What the file is, and what to do, in the run's language.
    what: String,
    advice: String,
    /// A RAR or 7-Zip archive.
    archive: bool,
    /// Skipped as no spreadsheet (the unit sent it), not a link the
    /// office made to a file that is gone.
    sent: bool,
}

#[derive(Default)]
struct Sorted {
    findings: Vec<Finding>,
    /// unit → candidate submissions (right period)
    by_unit: BTreeMap<usize, Vec<usize>>,
    /// unit → files of the wrong period / unreadable files named after it
    wrong_period: BTreeMap<usize, Vec<usize>>,
    unreadable: BTreeMap<usize, Vec<usize>>,
    /// Status lines of files of no known unit.
    other_lines: Vec<StatusLine>,
    /// Files read whose unit stays unknown, with the units they fit
    /// (none: any).
    unplaced: Vec<(usize, Vec<usize>)>,
    /// unit → files charged to nobody that its name names (a RAR
    /// archive, a Word document, a `.txt` without a table, a link to a
    /// file that is gone): said on its line when
    /// nothing of it was read.
    mentioned: BTreeMap<usize, Vec<usize>>,
    /// The files of another period: (unit, file, the period stated, the
    /// `period-mismatch` error it is when its unit sent no file of the
    /// run's period).
    period_errors: Vec<(usize, usize, Period, Finding)>,
}

/// Whether a skipped file is one a unit may have sent as its report: a
/// RAR or 7-Zip archive, a Word document, a `.txt` that holds no table,
/// any other file that is no spreadsheet (a `.pdf`). Not what the office's
/// own tools leave (Excel's lock files, a Mac's `._` files, links, folders).
fn sent_but_skipped(reason: &str) -> bool {
    use crate::ingest::discover::{OTHER_ARCHIVE, TEXT_NOT_TABLE, WORD_DOCUMENT};
    reason.starts_with(OTHER_ARCHIVE)
        || reason == WORD_DOCUMENT
        || reason == TEXT_NOT_TABLE
        || reason.starts_with("not a spreadsheet (.")
}

/// Sorts each file to its unit: skipped, unreadable (named after a unit or
/// not), of no known unit, of the wrong period, or a candidate.
fn sort_files(
    outcomes: &[FileOutcome],
    template: &Template,
    matcher: &AgencyMatcher,
    period: Period,
    lang: Lang,
) -> Sorted {
    let mut sorted = Sorted::default();
    let Sorted {
        findings,
        by_unit,
        wrong_period,
        unreadable,
        other_lines,
        unplaced,
        mentioned,
        period_errors,
    } = &mut sorted;
    for (k, o) in outcomes.iter().enumerate() {
        match o {
            FileOutcome::Skipped { file, reason } => {
                if sent_but_skipped(reason) {
                    for u in matcher.all_in_name(&name_stem(file)) {
                        mentioned.entry(u).or_default().push(k);
                    }
                }
                findings.push(skipped_finding(file, reason, lang));
                other_lines.push(StatusLine {
                    unit: String::new(),
                    unit_name: String::new(),
                    files: file.clone(),
                    status: Status::Skipped,
                    note: reason_words(reason, lang).0,
                });
            }
            // A link to a file that is gone was made by the office, not
            // sent by a unit: a warning of the run, charged to nobody.
            FileOutcome::Rejected { file, reason }
                if reason == crate::ingest::discover::DANGLING_LINK =>
            {
                for u in matcher.all_in_name(&name_stem(file)) {
                    mentioned.entry(u).or_default().push(k);
                }
                let (what, advice) = reason_words(reason, lang);
                let said = Said::FileUnreadable {
                    file,
                    what: &what,
                    advice: &advice,
                };
                findings.push(
                    Finding::said(Severity::Warning, &said, lang)
                        .at(&Location::file(file))
                        .actual(reason_actual(reason, lang)),
                );
                other_lines.push(StatusLine {
                    unit: String::new(),
                    unit_name: String::new(),
                    files: file.clone(),
                    status: Status::Unreadable,
                    note: what,
                });
            }
            FileOutcome::Rejected { file, reason } => {
                let unit = unit_of_unreadable(file, template, matcher);
                let mut f = unreadable_finding(file, reason, lang);
                if let Some(u) = unit {
                    // The unit is asked for its file again, not told to
                    // ask itself.
                    let a = &template.agencies[u];
                    let what = reason_words(reason, lang).0;
                    let to_unit = Said::UnitFileDamaged {
                        unit: &a.shown(),
                        file,
                        what: &what,
                        period,
                        picture: reason.contains("holds only pictures"),
                    };
                    f = f.unit(a.code.clone()).told_unit(&to_unit, lang);
                    unreadable.entry(u).or_default().push(k);
                } else {
                    other_lines.push(StatusLine {
                        unit: String::new(),
                        unit_name: String::new(),
                        files: file.clone(),
                        status: Status::Unreadable,
                        note: reason_words(reason, lang).0,
                    });
                }
                findings.push(f);
            }
            FileOutcome::Read(s) => {
                let Some(u) = s.unit else {
                    use crate::normalize::submission::{UnitDoubt, UnitSource};
                    let fits = match (&s.unit_doubt, &s.unit_source) {
                        (Some(UnitDoubt::Ambiguous { candidates, .. }), _) => candidates.clone(),
                        (_, UnitSource::Disputed { form, named }) => vec![*form, *named],
                        _ => Vec::new(),
                    };
                    unplaced.push((k, fits));
                    let (finding, line) = of_no_unit(s, template, false, lang);
                    findings.extend(finding);
                    other_lines.push(line);
                    continue;
                };
                match &s.period {
                    Some((p, cell)) if !period.same_report_as(p) => {
                        let said = Said::PeriodMismatch {
                            file: &s.file,
                            unit: &template.agencies[u].shown(),
                            stated: *p,
                            period,
                        };
                        // An error unless the unit's right file is used
                        // (told when intake knows it).
                        let finding = Finding::said(Severity::Error, &said, lang)
                            .at(&s.title_location(*cell))
                            .unit(template.agencies[u].code.clone())
                            .expected(period.to_string())
                            .actual(p.to_string());
                        period_errors.push((u, k, *p, finding));
                        wrong_period.entry(u).or_default().push(k);
                    }
                    // Titled for the run, but every TH and LK header names
                    // another period: that period's report re-titled, of
                    // another period; its own error says so.
                    _ if s.columns_period.is_some_and(|h| !period.same_report_as(&h)) => {
                        wrong_period.entry(u).or_default().push(k);
                    }
                    _ => by_unit.entry(u).or_default().push(k),
                }
            }
        }
    }
    sorted
}

/// Settles every doubt about a file's sender (see [`settle`]), once all
/// the files are read and before intake: the unit it is taken for, the
/// finding that says so among its own, the rows that unit must report
/// ([`Submission::settled_as`]), and the findings made as it was read
/// retold for that unit. A consolidation checks such a file's figures
/// only once it is settled (they depend on whose they are: the unit's
/// previous quarter, what it must report); `own` (per file) is retold
/// too, for a caller that checked before.
pub fn settle_doubts(
    outcomes: &mut [FileOutcome],
    own: &mut [Vec<Finding>],
    template: &Template,
    period: Period,
    lang: Lang,
) {
    let sure = own_files(outcomes, period);
    let mut settled = Vec::new();
    for (k, o) in outcomes.iter().enumerate() {
        if let FileOutcome::Read(s) = o {
            if let Some(doubt) = &s.unit_doubt {
                settled.push((k, settle(s, doubt, &sure, outcomes, template, lang)));
            }
        }
    }
    for (k, (unit, finding)) in settled {
        let FileOutcome::Read(s) = &mut outcomes[k] else {
            continue;
        };
        if unit != s.unit {
            // The words said of it when read named the unit its title
            // named (or the title itself): say them of the unit taken.
            let was = match s.unit.and_then(|u| template.agencies.get(u)) {
                Some(a) => (a.code.clone(), a.shown().into_owned()),
                None => (String::new(), s.unit_text.clone()),
            };
            if let Some(a) = unit.and_then(|u| template.agencies.get(u)) {
                let file = s.file.clone();
                for f in s.findings.iter_mut().chain(own[k].iter_mut()) {
                    if f.file != file || f.unit != was.0 {
                        continue;
                    }
                    f.unit = a.code.clone();
                    if !was.1.is_empty() && was.1 != a.shown() {
                        f.message = f.message.replace(&was.1, &a.shown());
                    }
                }
            }
            s.unit = unit;
        }
        if let Some(u) = s.unit {
            s.settled_as(u, template, lang);
        }
        s.findings.push(finding);
    }
}

/// Per unit, the files read that are surely its own for the period: no
/// doubt about their sender, not of another period.
fn own_files(outcomes: &[FileOutcome], period: Period) -> BTreeMap<usize, Vec<usize>> {
    let mut own: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, o) in outcomes.iter().enumerate() {
        let FileOutcome::Read(s) = o else {
            continue;
        };
        let (Some(u), None) = (s.unit, &s.unit_doubt) else {
            continue;
        };
        if s.period.is_none_or(|(p, _)| period.same_report_as(&p)) {
            own.entry(u).or_default().push(k);
        }
    }
    own
}

/// Settles a doubt about a file's sender against the files every unit
/// sent as surely its own (`own`): its unit (none: still unknown) and the
/// finding that says how.
///
/// A title naming one unit and a file name another: when the title's unit
/// sent a file of its own and the name's did not, the file is the name's
/// (a unit working over its neighbour's workbook forgets the title more
/// often than the file name); otherwise the title's, as it was. Either
/// way a warning names both. A title fitting several units alike: when
/// all but one of them sent files of their own, the one left; otherwise
/// nobody's (an error).
fn settle(
    s: &Submission,
    doubt: &crate::normalize::submission::UnitDoubt,
    own: &BTreeMap<usize, Vec<usize>>,
    outcomes: &[FileOutcome],
    template: &Template,
    lang: Lang,
) -> (Option<usize>, Finding) {
    use crate::normalize::submission::UnitDoubt;
    let files_of = |u: usize| -> Option<String> {
        own.get(&u).map(|ks| {
            ks.iter()
                .map(|&k| outcomes[k].file())
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    let name = |u: usize| template.agencies[u].shown();
    let code = |u: usize| template.agencies[u].code.clone();
    match doubt {
        UnitDoubt::Conflict {
            named,
            cell,
            by_code,
        } => {
            let titled = s.unit.unwrap_or(*named);
            let (used, other) = match (files_of(titled), files_of(*named)) {
                // A code of digits in the file name never outweighs the
                // title: a number is too easily another's.
                _ if *by_code => (titled, None),
                (Some(f), None) => (*named, Some(f)),
                (None, Some(f)) => (titled, Some(f)),
                _ => (titled, None),
            };
            let said = Said::TitleAndName {
                file: &s.file,
                titled: &name(titled),
                named: &name(*named),
                used: &name(used),
                other: other.as_deref(),
                checked: false,
            };
            let finding = Finding::said(Severity::Warning, &said, lang)
                .at(&s.title_location(*cell))
                .unit(code(used))
                .expected(code(titled))
                .actual(code(*named));
            (Some(used), finding)
        }
        UnitDoubt::Ambiguous {
            candidates,
            cell,
            former,
            code: coded,
        } => {
            // A former unit split between the candidates sent a file none
            // of them owns alone: no elimination.
            let free: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|u| !own.contains_key(u))
                .collect();
            let names: Vec<String> = candidates.iter().map(|&u| name(u).to_string()).collect();
            let loc = cell.map_or_else(|| Location::file(s.file.clone()), |c| s.title_location(c));
            let codes = candidates
                .iter()
                .map(|&u| code(u))
                .collect::<Vec<_>>()
                .join(", ");
            let text = crate::text::quotation(&s.unit_text, 200);
            match free[..] {
                [u] if candidates.len() > 1 && former.is_none() && coded.is_none() => {
                    let others = candidates
                        .iter()
                        .filter(|&&o| o != u)
                        .filter_map(|&o| files_of(o))
                        .collect::<Vec<_>>()
                        .join("; ");
                    let said = Said::UnitAmbiguous {
                        file: &s.file,
                        text: &text,
                        fits: &names,
                        settled: Some((&name(u), &others)),
                        namesakes: template.namesakes(candidates),
                        former: None,
                        code: None,
                    };
                    let finding = Finding::said(Severity::Warning, &said, lang)
                        .at(&loc)
                        .unit(code(u))
                        .expected(codes)
                        .actual(s.unit_text.clone());
                    (Some(u), finding)
                }
                _ => {
                    let coded = coded.as_ref().map(|(c, u)| (c.as_str(), name(*u)));
                    let said = Said::UnitAmbiguous {
                        file: &s.file,
                        text: &text,
                        fits: &names,
                        settled: None,
                        namesakes: template.namesakes(candidates),
                        former: former.as_deref(),
                        code: coded.as_ref().map(|(c, u)| (*c, &**u)),
                    };
                    let finding = Finding::said(Severity::Error, &said, lang)
                        .at(&loc)
                        .expected(codes)
                        .actual(s.unit_text.clone());
                    (None, finding)
                }
            }
        }
    }
}

/// What `consolidate` says of a file whose sender stays unknown, for
/// `check`, which sees the file alone: `file-unknown-unit` when its title
/// and name name no unit of the registry, or when they fit several alike
/// (no other file can settle it). None when the unit is known, or when
/// its own finding was made as it was read (a form sent as another's).
pub fn unknown_sender(s: &Submission, template: &Template, lang: Lang) -> Option<Finding> {
    use crate::normalize::submission::UnitDoubt;
    if s.unit.is_some() {
        return None;
    }
    if let Some(UnitDoubt::Ambiguous {
        candidates,
        cell,
        former,
        code,
    }) = &s.unit_doubt
    {
        let names: Vec<String> = candidates
            .iter()
            .filter_map(|&u| template.agencies.get(u))
            .map(|a| a.shown().into_owned())
            .collect();
        let text = crate::text::quotation(&s.unit_text, 200);
        let coded = code.as_ref().and_then(|(c, u)| {
            let unit = template.agencies.get(*u)?.shown().into_owned();
            Some((c.clone(), unit))
        });
        let said = Said::UnitAmbiguous {
            file: &s.file,
            text: &text,
            fits: &names,
            settled: None,
            namesakes: template.namesakes(candidates),
            former: former.as_deref(),
            code: coded.as_ref().map(|(c, u)| (c.as_str(), u.as_str())),
        };
        let loc = cell.map_or_else(|| Location::file(s.file.clone()), |c| s.title_location(c));
        return Some(
            Finding::said(Severity::Error, &said, lang)
                .at(&loc)
                .actual(s.unit_text.clone()),
        );
    }
    of_no_unit(s, template, true, lang).0
}

/// What `check` says of a file whose title names one unit and whose name
/// another: `consolidate` settles it against the files the two units
/// sent, and takes the title's word when nothing else tells; `check`, on
/// the file alone, takes the title's too and says so (a warning), so that
/// the clerk puts the title or the name right before sending. None for
/// any other file.
pub fn sender_conflict(s: &Submission, template: &Template, lang: Lang) -> Option<Finding> {
    use crate::normalize::submission::UnitDoubt;
    let (Some(titled), Some(UnitDoubt::Conflict { named, cell, .. })) = (s.unit, &s.unit_doubt)
    else {
        return None;
    };
    let name = |u: usize| template.agencies.get(u).map(|a| a.shown().into_owned());
    let (titled_name, named_name) = (name(titled)?, name(*named)?);
    let said = Said::TitleAndName {
        file: &s.file,
        titled: &titled_name,
        named: &named_name,
        used: &titled_name,
        other: None,
        checked: true,
    };
    Some(
        Finding::said(Severity::Warning, &said, lang)
            .at(&s.title_location(*cell))
            .unit(template.agencies[titled].code.clone())
            .expected(template.agencies[titled].code.clone())
            .actual(template.agencies[*named].code.clone()),
    )
}

/// A submission whose unit is not known: a form sent as another unit's
/// (its own finding, made when it was read, names both) or a file that
/// names no unit of the registry (`file-unknown-unit`); its status line.
/// Whether what a file of unknown sender says of its sender (`text`,
/// its title's line) may be `agency` written wrongly: it names no sender
/// (nothing, or the report's title with its period, or the words of a
/// kind alone: "UBND PHƯỜNG ....."), or it (or the file's name, `file`)
/// has the agency's own name whole ("UBND P. AN BÌNH" for "Phường An
/// Bình", "bao cao ninh binh.xlsx" for "Tỉnh Ninh Bình"), or it names a
/// unit of the agency's kind ("UBND XÃ HÒA BÌNH", a commune the registry
/// lacks, for Xã Cư Pơng), or the initial of its kind alone ("P. 7" for
/// "Phường 7"). One word of the name shared with another's is no
/// evidence: "UBND XÃ NAM BÌNH" is no report of Tỉnh Ninh Bình's. A line naming another body ("HỘI CỰU CHIẾN BINH QUẬN")
/// is no missing ward's file, and the ward's `submission-missing` does
/// not hedge on it.
fn may_name(text: &str, file: &str, agency: &crate::template::Agency) -> bool {
    use crate::text::fold;
    let said = fold(text);
    let words: Vec<&str> = said.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() || crate::normalize::title::period_in(text).is_some() {
        return true;
    }
    // The words that say what kind of body a name is, before its own.
    let kind = |w: &str| {
        [
            "ubnd", "uy", "ban", "nhan", "dan", "xa", "phuong", "thi", "tran", "p", "x", "tt",
            "tinh", "thanh", "pho", "tp", "dac", "khu", "thon", "to", "ap",
        ]
        .contains(&w)
    };
    if words.iter().all(|w| kind(w)) {
        return true;
    }
    let name = fold(&agency.name);
    let name_words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    let own_at = name_words
        .iter()
        .position(|w| !kind(w))
        .unwrap_or(name_words.len());
    let own = &name_words[own_at..];
    let stem = std::path::Path::new(file)
        .file_stem()
        .map(|s| fold(&crate::normalize::title::parted(&s.to_string_lossy())))
        .unwrap_or_default();
    let stem_words: Vec<&str> = stem
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let whole = |ws: &[&str]| !own.is_empty() && ws.windows(own.len()).any(|run| run == own);
    let kind_initial = name_words
        .first()
        .and_then(|w| w.chars().next())
        .map(String::from);
    // The word of its kind ("UBND XÃ HÒA BÌNH", a commune the registry
    // lacks, for a missing Xã Cư Pơng), not the words every letterhead
    // opens with.
    let letterhead = |w: &str| ["ubnd", "uy", "ban", "nhan", "dan"].contains(&w);
    let same_kind = name_words[..own_at]
        .iter()
        .any(|w| !letterhead(w) && words.contains(w));
    whole(&words)
        || whole(&stem_words)
        || same_kind
        || kind_initial.is_some_and(|i| words.contains(&i.as_str()))
}

/// The unit a file's name writes for short, the initials of its kind
/// then its number ("T2 bao cao nam.xlsx": Thôn 2; "tdp5": Tổ dân phố 5),
/// when the registry has exactly one unit so written: none when it also
/// has a Tổ 2 or a Trạm 2 ("T2" could be either), or no such unit.
fn short_in_name(file: &str, template: &Template) -> Option<usize> {
    use crate::text::fold;
    let stem = std::path::Path::new(file)
        .file_stem()
        .map(|s| fold(&s.to_string_lossy()))
        .unwrap_or_default();
    // "02" and "2" are one number.
    let number = |n: &str| {
        let digits = n.trim_start_matches('0');
        if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
            n.to_string()
        } else {
            digits.to_string()
        }
    };
    let shorts: Vec<(String, String)> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter_map(|w| {
            let split = w.find(|c: char| c.is_ascii_digit())?;
            let (letters, rest) = w.split_at(split);
            let tail_ok = rest
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .chars()
                .all(|c| c.is_ascii_alphabetic());
            (!letters.is_empty()
                && letters.len() <= 4
                && letters.chars().all(|c| c.is_ascii_alphabetic())
                && tail_ok)
                .then(|| (letters.to_string(), number(rest)))
        })
        .collect();
    if shorts.is_empty() {
        return None;
    }
    let mut found = template.agencies.iter().enumerate().filter(|(_, a)| {
        let name = fold(&a.name);
        let words: Vec<&str> = name.split_whitespace().collect();
        let Some((last, kind)) = words.split_last() else {
            return false;
        };
        if kind.is_empty() || !last.starts_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
        let initials: String = kind.iter().filter_map(|w| w.chars().next()).collect();
        shorts.iter().any(|(l, n)| {
            *n == number(last)
                && (*l == initials || l.len() == 1 && initials.starts_with(l.as_str()))
        })
    });
    match (found.next(), found.next()) {
        (Some((u, _)), None) => Some(u),
        _ => None,
    }
}

/// The finding and the status line of a file whose sender is unknown.
/// `checked`: said by `check`, to the clerk before sending, whose advice
/// is the title, not the registry.
fn of_no_unit(
    s: &Submission,
    template: &Template,
    checked: bool,
    lang: Lang,
) -> (Option<Finding>, StatusLine) {
    use crate::normalize::submission::UnitSource;
    let line = |unit_name: String, note: String| StatusLine {
        unit: String::new(),
        unit_name,
        files: s.file.clone(),
        status: Status::UnknownUnit,
        note,
    };
    if let UnitSource::Disputed { form, named } = &s.unit_source {
        let code = |u: usize| template.agencies.get(u).map_or("", |a| a.code.as_str());
        let (form, named) = (code(*form), code(*named));
        let note = match lang {
            Lang::Vi => {
                format!("biểu mẫu của {form} gửi dưới tên {named}; số liệu không được tổng hợp")
            }
            Lang::En => format!("the form of {form} sent as {named}'s; figures not consolidated"),
        };
        return (None, line(s.unit_text.clone(), note));
    }
    if s.unit_source == UnitSource::OtherTemplate {
        // Another office's form: the finding read with it says so.
        let note = match lang {
            Lang::Vi => "biểu mẫu của cơ quan khác (mẫu biểu khác); số liệu không được tổng hợp",
            Lang::En => "a form of another office's template; figures not consolidated",
        };
        return (None, line(s.unit_text.clone(), note.to_string()));
    }
    if let UnitSource::OtherBody {
        named,
        cell,
        by_folder,
    } = s.unit_source
    {
        // The letterhead names an office above the communes, the file's
        // name (or folder) a commune: nobody's, said as such.
        let unit = template.agencies.get(named);
        let unit_name = unit.map(|a| a.shown().into_owned()).unwrap_or_default();
        let example = template.letterhead(named).join(" / ");
        let titled = crate::text::quotation(&s.unit_text, 200);
        let said = Said::TitleNamesOtherBody {
            file: &s.file,
            titled: &titled,
            unit: &unit_name,
            by_folder,
            example: &example,
        };
        let finding = Finding::said(Severity::Error, &said, lang)
            .at(&s.title_location(cell))
            .expected(unit.map(|a| a.code.clone()).unwrap_or_default())
            .actual(s.unit_text.clone());
        let note = match lang {
            Lang::Vi => format!(
                "tiêu đề ghi cơ quan khác, không phải {unit_name}; số liệu không được tổng hợp"
            ),
            Lang::En => {
                format!("its title names another body than {unit_name}; figures not consolidated")
            }
        };
        return (Some(finding), line(titled, note));
    }
    if let Some(crate::normalize::submission::UnitDoubt::Ambiguous { candidates, .. }) =
        &s.unit_doubt
    {
        // Its finding was made when the doubt was weighed.
        let names: Vec<std::borrow::Cow<str>> = candidates
            .iter()
            .filter_map(|&u| template.agencies.get(u))
            .map(|a| a.shown())
            .collect();
        let note = match lang {
            Lang::Vi => format!(
                "hợp với cả {}; số liệu không được tổng hợp",
                names.join(", ")
            ),
            Lang::En => format!("fits {} alike; figures not consolidated", names.join(", ")),
        };
        return (None, line(s.unit_text.clone(), note));
    }
    let loc = match (&s.unit_source, s.unit_text_at) {
        (UnitSource::Title(c), _) => s.title_location(*c),
        // The title line that names no unit ("ỦY BAN NHÂN DÂN PHƯỜNG
        // ......"): where the name is to be written.
        (_, Some(c)) => s.title_location(c),
        _ => Location::file(s.file.clone()),
    };
    let named = crate::text::quotation(&s.unit_text, 200);
    // A commune's own report in a zip file or folder named for a unit of
    // the registry: sent in place of that unit's report.
    if let Some((u, archive)) = s.unit_enclosed {
        if let Some(a) = template.agencies.get(u) {
            let unit = a.shown();
            let example = template.letterhead(u).join(" / ");
            let said = Said::CommuneForUnit {
                file: &s.file,
                named: &named,
                unit: &unit,
                archive,
                example: &example,
            };
            let finding = Finding::said(Severity::Error, &said, lang)
                .at(&loc)
                .expected(a.code.clone())
                .actual(s.unit_text.clone());
            let note = match lang {
                Lang::Vi => format!("báo cáo riêng của đơn vị không có trong danh sách, không phải của {unit}; số liệu không được tổng hợp"),
                Lang::En => format!("the own report of a unit the registry lacks, not {unit}'s; figures not consolidated"),
            };
            return (Some(finding), line(named, note));
        }
    }
    // An example of the registry's letterheads with the name left out
    // ("UBND PHƯỜNG …"): a real unit's name would read as the one the
    // file should have named.
    let example = template.letterhead_unnamed();
    let nearest = s
        .unit_nearest
        .iter()
        .filter_map(|&u| template.agencies.get(u))
        .map(|a| a.shown().into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    let said = Said::FileUnknownUnit {
        file: &s.file,
        named: &named,
        example: &example,
        checked,
        nearest: &nearest,
    };
    let finding = Finding::said(Severity::Error, &said, lang)
        .at(&loc)
        .actual(s.unit_text.clone());
    // A title naming the office that collects ("UBND XÃ TÂN THỊNH" over
    // its villages' reports) names no sender: the line does not read as
    // the office's own report.
    if template.names_office(&s.unit_text) {
        let note = match lang {
            Lang::Vi => format!("không rõ đơn vị gửi: tiêu đề chỉ ghi tên cơ quan tổng hợp «{named}»; số liệu không được tổng hợp"),
            Lang::En => format!("sender unknown: the title names only the consolidating office «{named}»; figures not consolidated"),
        };
        return (Some(finding), line(String::new(), note));
    }
    let note = lang.pick(
        "không rõ đơn vị gửi; số liệu không được tổng hợp",
        "sender unknown; figures not consolidated",
    );
    (Some(finding), line(named, note.to_string()))
}

/// `submission-missing` (a warning) on a unit's only file when it names
/// only one of the several former units the unit was formed from: its
/// figures may be that commune's alone.
pub fn former_only(
    sub: &Submission,
    a: &crate::template::Agency,
    checked: bool,
    lang: Lang,
) -> Option<Finding> {
    let former = sub.unit_former.as_deref()?;
    if a.former.len() < 2 {
        return None;
    }
    let loc = match sub.unit_source {
        crate::normalize::submission::UnitSource::Title(c)
        | crate::normalize::submission::UnitSource::Signature(c) => sub.title_location(c),
        _ => Location::file(sub.file.clone()),
    };
    let said = Said::SubmissionFormerOnly {
        unit: &a.shown(),
        file: &sub.file,
        former,
        formers: &a.former,
        checked,
    };
    Some(
        Finding::said(Severity::Warning, &said, lang)
            .at(&loc)
            .unit(a.code.clone())
            .expected(a.name.clone())
            .actual(former.to_string()),
    )
}

/// Whether `f` disputes a unit's consolidated submission as a whole: an
/// error at the file, with no indicator, saying its figures are not the
/// unit's whole (one file per former commune, only one of them used).
/// Every figure of the unit is then short of the rest of its area: the
/// totals it enters are marked short, and a department's figure is not
/// compared with a sum that holds it.
pub fn disputes_whole_submission(f: &Finding) -> bool {
    f.severity == Severity::Error
        && f.code == Code::SubmissionDuplicate
        && f.indicator.is_empty()
        && !f.unit.is_empty()
        && !names_figures(f)
}

/// Whether a `submission-duplicate` error names the figures two copies
/// of a report differ in (`expected` «HC.01 TH; HC.01 LK»,
/// [`copies_differ`]): those alone are disputed, not the whole report.
fn names_figures(f: &Finding) -> bool {
    f.expected.split("; ").any(|item| {
        item.trim()
            .rsplit_once(' ')
            .is_some_and(|(_, c)| crate::model::ValueColumn::parse(c).is_some())
    })
}

/// What a unit's files that each name a different one of its former
/// units are.
enum Parts {
    /// Every former unit sent its own: the parts of the unit's report,
    /// summed (a `submission-duplicate` warning naming them).
    Whole(Finding),
    /// Some former units sent their own, once each, the others (the
    /// `Vec`) none: the parts sent are summed, short of the missing
    /// part (`submission-duplicate`, an error naming them).
    Short(Finding, Vec<String>),
    /// Two files of one former unit: `submission-duplicate` (an error),
    /// the figures not added, one file used.
    Apart(Finding),
}

/// The parts of a merged unit when its files (`cands`, of which `chosen`
/// is used) each name a different one of its former units and nothing
/// else: not versions of one report. Whole when they name every former
/// unit of the registry's `former` column, once each.
fn former_parts(
    cands: &[usize],
    chosen: usize,
    outcomes: &[FileOutcome],
    a: &crate::template::Agency,
    lang: Lang,
) -> Option<Parts> {
    let mut files: Vec<(String, String)> = Vec::new();
    for &k in cands {
        let FileOutcome::Read(s) = &outcomes[k] else {
            return None;
        };
        files.push((s.file.clone(), s.unit_former.clone()?));
    }
    let mut named: Vec<&str> = files.iter().map(|(_, f)| f.as_str()).collect();
    named.sort_unstable();
    named.dedup();
    if named.len() < 2 {
        return None;
    }
    let used = outcomes[chosen].file();
    // Each former unit once, and every one of them: the whole unit.
    let whole = named.len() == files.len() && a.former.iter().all(|f| named.contains(&f.as_str()));
    if whole {
        let said = Said::SubmissionFormerSummed {
            unit: &a.shown(),
            files: &files,
        };
        return Some(Parts::Whole(
            Finding::said(Severity::Warning, &said, lang)
                .at(&Location::file(used))
                .unit(a.code.clone())
                .expected(a.name.clone())
                .actual(named.join("; ")),
        ));
    }
    // Each former unit once, some missing: the parts sent are summed,
    // short of the others' part.
    let missing: Vec<String> = a
        .former
        .iter()
        .filter(|f| !named.contains(&f.as_str()))
        .cloned()
        .collect();
    let known = named
        .iter()
        .all(|n| a.former.iter().any(|f| f.as_str() == *n));
    if named.len() == files.len() && known && !missing.is_empty() {
        let said = Said::SubmissionFormerShort {
            unit: &a.shown(),
            files: &files,
            missing: &missing,
        };
        return Some(Parts::Short(
            Finding::said(Severity::Error, &said, lang)
                .at(&Location::file(used))
                .unit(a.code.clone())
                .expected(a.name.clone())
                .actual(named.join("; ")),
            missing,
        ));
    }
    let left = files
        .iter()
        .find(|(f, _)| f != used)
        .map(|(f, _)| f.clone());
    let said = Said::SubmissionFormerParts {
        unit: &a.shown(),
        files: &files,
        used,
    };
    Some(Parts::Apart(
        Finding::said(Severity::Error, &said, lang)
            .at(&Location::file(left.unwrap_or_else(|| used.to_string())))
            .unit(a.code.clone())
            .expected(a.name.clone())
            .actual(named.join("; ")),
    ))
}

/// The files one unit sent for the period, and the one used.
struct Duplicate<'a> {
    unit: &'a crate::template::Agency,
    files: &'a [String],
    used: &'a str,
    why: (&'a str, &'a str),
    period: Period,
    severity: Severity,
}

impl Duplicate<'_> {
    /// `submission-duplicate` on `file`, naming the others.
    fn finding(&self, file: &str, lang: Lang) -> Finding {
        let others: Vec<String> = self.files.iter().filter(|f| *f != file).cloned().collect();
        let said = Said::SubmissionDuplicate {
            unit: &self.unit.shown(),
            count: self.files.len(),
            period: self.period,
            file,
            others: &others,
            used: self.used,
            why: self.why,
        };
        // `actual` is the copy set aside, `expected` the copy used: on
        // the file used, the others.
        let set_aside = if file == self.used {
            others.join("; ")
        } else {
            file.to_string()
        };
        Finding::said(self.severity, &said, lang)
            .at(&Location::file(file))
            .unit(self.unit.code.clone())
            .expected(self.used.to_string())
            .actual(set_aside)
    }
}

impl Duplicate<'_> {
    /// One `submission-duplicate` info of the office's on the file used,
    /// naming those set aside: the names told which is the latest.
    fn revised(&self, lang: Lang) -> Finding {
        let set_aside: Vec<String> = self
            .files
            .iter()
            .filter(|f| *f != self.used)
            .cloned()
            .collect();
        let said = Said::SubmissionRevised {
            unit: &self.unit.shown(),
            count: self.files.len(),
            period: self.period,
            used: self.used,
            set_aside: &set_aside,
            why: self.why,
        };
        Finding::said(Severity::Info, &said, lang)
            .at(&Location::file(self.used))
            .unit(self.unit.code.clone())
            .expected(self.used.to_string())
            .actual(set_aside.join("; "))
            .for_office()
    }
}

/// What an included submission leaves out: indicators its unit is
/// expected to report whose row is absent (`indicator-missing`, one finding
/// per file), and a title that names no period (`period-missing`).
fn completeness_of(
    sub: &Submission,
    unit: usize,
    template: &Template,
    period: Period,
    lang: Lang,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let a = &template.agencies[unit];
    let sheet = sub.sheets.first().cloned().unwrap_or_default();
    let here = Location {
        file: sub.file.clone(),
        sheet,
        cell: String::new(),
    };
    if sub.period.is_none() {
        let said = Said::PeriodMissing {
            unit: &a.shown(),
            period,
        };
        // At the title line it belongs on, when the sheet has one.
        let here = match sub.title_at {
            Some(c) => Location {
                cell: crate::diagnostic::a1(c.row, c.col),
                ..here
            },
            None => here,
        };
        out.push(
            Finding::said(Severity::Info, &said, lang)
                .at(&here)
                .unit(a.code.clone())
                .expected(period.to_string()),
        );
    }
    out.extend(indicator_missing(sub, unit, template, lang));
    out
}

/// `indicator-missing`: the indicators `unit` must report whose row the
/// submission lacks, one warning for the file (`consolidate` and
/// `check` alike); none when no row is missing.
pub fn indicator_missing(
    sub: &Submission,
    unit: usize,
    template: &Template,
    lang: Lang,
) -> Option<Finding> {
    let a = template.agencies.get(unit)?;
    let here = Location {
        file: sub.file.clone(),
        sheet: sub.sheets.first().cloned().unwrap_or_default(),
        cell: String::new(),
    };
    // An indicator a row matching none was offered as is there,
    // unrecognised: its `indicator-unknown` asks for its name, not for a
    // row.
    let expected: Vec<usize> = sub
        .missing
        .iter()
        .filter(|i| !sub.offered.contains(i))
        .map(|&i| i as usize)
        .collect();
    if expected.is_empty() {
        return None;
    }
    let codes: Vec<&str> = expected
        .iter()
        .map(|&i| template.indicators[i].code.as_str())
        .collect();
    let named: Vec<String> = expected
        .iter()
        .take(5)
        .map(|&i| {
            format!(
                "{} «{}»",
                template.indicators[i].code, template.indicators[i].name
            )
        })
        .collect();
    let said = Said::IndicatorMissing {
        unit: &a.shown(),
        count: expected.len(),
        named: &named,
        more: expected.len().saturating_sub(5),
    };
    Some(
        Finding::said(Severity::Warning, &said, lang)
            .at(&here)
            .unit(a.code.clone())
            .actual(codes.join(", ")),
    )
}

/// `file-skipped`: a file that is not a submission, with the reason.
pub fn skipped_finding(file: &str, reason: &str, lang: Lang) -> Finding {
    skipped_finding_advised(file, reason, reason_words(reason, lang), lang)
}

/// [`skipped_finding`] for the clerk checking the unit's own file
/// (`tonghop check`): the advice is the clerk's to follow
/// ([`reason_words_to_sender`](crate::ingest::reasons::reason_words_to_sender)).
pub fn skipped_finding_to_sender(file: &str, reason: &str, lang: Lang) -> Finding {
    let words = crate::ingest::reasons::reason_words_to_sender(reason, lang);
    skipped_finding_advised(file, reason, words, lang)
}

fn skipped_finding_advised(
    file: &str,
    reason: &str,
    (what, advice): (String, String),
    lang: Lang,
) -> Finding {
    Finding::said(
        Severity::Info,
        &Said::FileSkipped {
            file,
            what: &what,
            advice: &advice,
        },
        lang,
    )
    .at(&Location::file(file))
    .actual(reason_actual(reason, lang))
}

/// `file-unreadable`: a file that cannot be read, with the reason in plain
/// words and the advice that fits it; the reason as ingest gave it in
/// `actual`.
pub fn unreadable_finding(file: &str, reason: &str, lang: Lang) -> Finding {
    unreadable_finding_advised(file, reason, reason_words(reason, lang), lang)
}

/// [`unreadable_finding`] for the clerk checking the unit's own file
/// (`tonghop check`): «Hãy gỡ mật khẩu», not «Hãy xin đơn vị gỡ mật khẩu».
pub fn unreadable_finding_to_sender(file: &str, reason: &str, lang: Lang) -> Finding {
    let words = crate::ingest::reasons::reason_words_to_sender(reason, lang);
    unreadable_finding_advised(file, reason, words, lang)
}

fn unreadable_finding_advised(
    file: &str,
    reason: &str,
    (what, advice): (String, String),
    lang: Lang,
) -> Finding {
    let said = Said::FileUnreadable {
        file,
        what: &what,
        advice: &advice,
    };
    Finding::said(Severity::Error, &said, lang)
        .at(&Location::file(file))
        .actual(reason_actual(reason, lang))
}

/// Whether a file read lacks the LK column a report ending the year (or
/// a half, nine months) must have: its `column-missing` error, made as it
/// was read.
fn lacks_lk(s: &Submission) -> bool {
    s.findings.iter().any(|f| {
        f.code == Code::ColumnMissing
            && f.severity == Severity::Error
            && f.column == crate::model::ValueColumn::Lk.as_str()
    })
}

/// Whether a file read has the quarter's TH: a column of its own, or
/// worked out of its LK with the previous quarter's.
fn has_th(s: &Submission) -> bool {
    s.headers
        .iter()
        .any(|h| h.column == crate::model::ValueColumn::Th)
        || s.findings.iter().any(|f| {
            f.code == Code::ColumnMissing
                && f.severity != Severity::Error
                && f.column == crate::model::ValueColumn::Th.as_str()
        })
}

/// A unit's report split in two files of periods ending the same month
/// (`… quy IV.xlsx` with the quarter's TH alone, `… ca nam 2025.xlsx`
/// with the year's): `chosen` has the LK the others lack. Whether the
/// unit's figures are whole from it (its TH read or worked out), and the
/// files not used, whose own missing LK is no error of the unit's.
fn split_report(cands: &[usize], chosen: usize, outcomes: &[FileOutcome]) -> Option<bool> {
    let sub = |k: usize| match &outcomes[k] {
        FileOutcome::Read(s) => Some(s.as_ref()),
        _ => None,
    };
    let used = sub(chosen)?;
    if lacks_lk(used) {
        return None;
    }
    let ends = used.period.map(|(p, _)| p)?;
    let split = cands.iter().filter(|&&k| k != chosen).all(|&k| {
        sub(k).is_some_and(|s| {
            lacks_lk(s)
                && s.period
                    .is_some_and(|(p, _)| p != ends && p.same_report_as(&ends))
        })
    });
    split.then(|| has_th(used))
}

/// Picks the submission to use among duplicates, with the reason in both
/// languages.
/// `cands` (one unit's files) with one file kept of each set of files of
/// the same bytes, in their order; and each set of two or more: the file
/// kept (chosen among them as between versions, so that the same file is
/// used whichever copy came first) and the copies set aside.
fn set_aside_copies(
    cands: &[usize],
    outcomes: &[FileOutcome],
) -> (Vec<usize>, Vec<(usize, Vec<usize>)>) {
    let content = |k: usize| match &outcomes[k] {
        FileOutcome::Read(s) => s.content,
        _ => None,
    };
    let mut sets: Vec<Vec<usize>> = Vec::new();
    for &k in cands {
        let same = content(k).and_then(|c| {
            sets.iter_mut()
                .find(|set| set.first().and_then(|&j| content(j)) == Some(c))
        });
        match same {
            Some(set) => set.push(k),
            None => sets.push(vec![k]),
        }
    }
    let mut copied = Vec::new();
    let mut aside = Vec::new();
    for set in sets.into_iter().filter(|set| set.len() > 1) {
        let (kept, _, _) = choose(&set, outcomes);
        let group: Vec<usize> = set.into_iter().filter(|&k| k != kept).collect();
        aside.extend(group.iter().copied());
        copied.push((kept, group));
    }
    let kept = cands
        .iter()
        .copied()
        .filter(|k| !aside.contains(k))
        .collect();
    (kept, copied)
}

/// The file used among `cands` (one unit's files), why, and whether
/// their names alone told it ([`choose_copy_by`]).
fn choose(cands: &[usize], outcomes: &[FileOutcome]) -> (usize, (String, String), bool) {
    // A file naming only one of the unit's former communes («UBND XÃ TÂN
    // ĐÔNG», the old commune's file sent again) never replaces one naming
    // the unit as it is now, whatever their names' order: it may hold that
    // commune's figures alone.
    let former = |k: usize| matches!(&outcomes[k], FileOutcome::Read(s) if s.unit_former.is_some());
    let present: Vec<usize> = cands.iter().copied().filter(|&k| !former(k)).collect();
    if !present.is_empty() && present.len() < cands.len() {
        let chosen = match present[..] {
            [one] => one,
            _ => choose(&present, outcomes).0,
        };
        let why = (
            "tệp được dùng ghi tên đơn vị như hiện nay; tệp còn lại chỉ ghi tên một đơn vị cũ hợp thành, có thể chỉ có số liệu của đơn vị cũ đó".to_string(),
            "the file used names the unit as it is now; the other names only one of the former units it was formed from, and may hold that unit's figures alone".to_string(),
        );
        return (chosen, why, false);
    }
    // A file naming the unit only loosely ("bac son.xlsx", a title's
    // «THÔN BA») never replaces one naming it as the registry does,
    // however late: the loose reading may be another unit's file.
    let loose = |k: usize| matches!(&outcomes[k], FileOutcome::Read(s) if s.unit_loose);
    let exact: Vec<usize> = cands.iter().copied().filter(|&k| !loose(k)).collect();
    if !exact.is_empty() && exact.len() < cands.len() {
        let chosen = match exact[..] {
            [one] => one,
            _ => choose(&exact, outcomes).0,
        };
        let why = (
            "tệp được dùng ghi đúng tên đơn vị như trong danh sách; tệp còn lại chỉ gần đúng (tên tệp bỏ chữ «thôn», «tổ dân phố»…, hoặc tiêu đề ghi số bằng chữ), có thể là của đơn vị khác".to_string(),
            "the file used names the unit as the registry does; the other only loosely (its file name without «thôn», «tổ dân phố»…, or a number in words in its title), perhaps another unit's".to_string(),
        );
        return (chosen, why, false);
    }
    let copies = report_copies(cands, outcomes);
    let (k, why, by_name) = choose_copy_by(&copies);
    (cands.get(k).copied().unwrap_or(cands[0]), why, by_name)
}

/// What tells `cands` (one unit's files) apart, in their order.
fn report_copies<'a>(cands: &[usize], outcomes: &'a [FileOutcome]) -> Vec<ReportCopy<'a>> {
    cands
        .iter()
        .map(|&k| {
            let sub = match &outcomes[k] {
                FileOutcome::Read(s) => Some(s),
                _ => None,
            };
            ReportCopy {
                file: outcomes[k].file(),
                period: sub.and_then(|s| s.period.as_ref().map(|p| p.0)),
                // The indicators each file states: two files sharing none
                // are two parts of a report ("bổ sung": the indicators the
                // first left out), not two versions of one.
                indicators: sub.map_or(0, |s| {
                    s.stored.map_or_else(
                        || crate::normalize::store::indicator_bits(&s.rows),
                        |st| st.indicators,
                    )
                }),
                modified: sub.and_then(|s| s.modified),
                lacks_lk: sub.is_some_and(|s| lacks_lk(s)),
            }
        })
        .collect()
}

/// What tells two copies of one unit's report apart.
#[derive(Clone, Copy, Debug)]
pub struct ReportCopy<'a> {
    /// The file's name (its path in the input folder).
    pub file: &'a str,
    /// The period its title names.
    pub period: Option<Period>,
    /// The indicators it states (bits of [`crate::normalize::store::indicator_bits`];
    /// 0: not weighed).
    pub indicators: u128,
    pub modified: Option<std::time::SystemTime>,
    /// Whether it lacks the LK column its period needs (a quarter's file
    /// beside the year's, both to the end of December).
    pub lacks_lk: bool,
}

/// The copy to use among copies of one unit's report (`copies` not
/// empty), with the reason in both languages: the newest period in its
/// title, then the latest date written in its name, then (two files
/// sharing no indicator) the one with more, then the name that marks the
/// later revision ("gửi lại", "bản sửa lần 2"), then the later saved (by
/// more than a minute), then the name that sorts last. `consolidate`
/// chooses a ward's report so, and `annex` a department's programme.
pub fn choose_copy(copies: &[ReportCopy]) -> (usize, (String, String)) {
    let (best, why, _) = choose_copy_by(copies);
    (best, why)
}

/// What told two copies of a report apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Decider {
    /// The periods their titles name, or which of two ending the same
    /// month has the LK.
    Period,
    /// A date written in their names.
    NameDate,
    /// They share no indicator (two parts of a report).
    Parts,
    /// A revision mark in a name ("sửa lần 2", "v3").
    Revision,
    /// Their modification times.
    Modified,
    /// Nothing: the name sorting last.
    Nothing,
}

/// As [`choose_copy`], and whether the names alone told the copy used
/// from every other (a revision mark, «sửa lần 2», or a date written in
/// them): the unit said which is its latest, nothing is left to doubt.
pub fn choose_copy_by(copies: &[ReportCopy]) -> (usize, (String, String), bool) {
    let pair = |vi: &str, en: &str| (vi.to_string(), en.to_string());
    let mut best = 0;
    let mut why = pair(
        "không rõ bản nào mới hơn: cùng kỳ, cùng lúc lưu, tên không cho biết; đã lấy tệp có tên xếp sau cùng, hãy kiểm tra lại",
        "which is newer cannot be told: the same period, saved at the same time, nothing in the names; the file whose name sorts last was taken, check it",
    );
    for k in 1..copies.len() {
        let (later, words, _) = compare_copies(&copies[best], &copies[k]);
        if later {
            best = k;
        }
        if let Some(words) = words {
            why = words;
        }
    }
    // By the names only when the names tell it from each other copy.
    let by_name = copies.len() > 1
        && copies
            .iter()
            .enumerate()
            .filter(|&(k, _)| k != best)
            .all(|(_, other)| {
                let (later, _, by) = compare_copies(other, &copies[best]);
                later && matches!(by, Decider::NameDate | Decider::Revision)
            });
    (best, why, by_name)
}

/// Whether copy `b` is later than copy `a`, the words saying why (none:
/// nothing told them apart but the order of their names) and what told
/// them apart.
fn compare_copies(a: &ReportCopy, b: &ReportCopy) -> (bool, Option<(String, String)>, Decider) {
    let pair = |vi: &str, en: &str| Some((vi.to_string(), en.to_string()));
    let (pa, pb) = (a.period, b.period);
    // Two periods ending the same month (Quý IV and Năm 2025): neither
    // is newer. The one with the LK the other lacks is the report.
    if let (Some(p), Some(q)) = (pa, pb) {
        if p != q && p.same_report_as(&q) && a.lacks_lk != b.lacks_lk {
            let why = (
                format!(
                    "hai tệp cùng đến hết tháng {}/{}; tệp này có lũy kế từ đầu năm, tệp kia không có",
                    p.last_month(),
                    p.year
                ),
                format!(
                    "both run to the end of month {}/{}; this one has the LK from January, the other has none",
                    p.last_month(),
                    p.year
                ),
            );
            return (a.lacks_lk, Some(why), Decider::Period);
        }
    }
    if pa != pb && !pa.zip(pb).is_some_and(|(p, q)| p.same_report_as(&q)) {
        let why = pair(
            "kỳ ghi trong tiêu đề mới nhất",
            "the newest period in its title",
        );
        return (pb > pa, why, Decider::Period);
    }
    // A date the clerk wrote in the name ("BC P11 05.04.2025"): the
    // later date is the later copy, whenever the files were saved.
    if let (Some(da), Some(db)) = (name_date(a.file), name_date(b.file)) {
        if da != db {
            let why = pair(
                "ngày ghi trong tên tệp mới nhất",
                "the latest date written in its name",
            );
            return (db > da, why, Decider::NameDate);
        }
    }
    // Two parts of a report, not two versions: the one with more
    // indicators is the report, and the message says to join them.
    let (ba, bb) = (a.indicators, b.indicators);
    if ba != 0 && bb != 0 && ba & bb == 0 {
        let (na, nb) = (ba.count_ones(), bb.count_ones());
        let why = (
            format!(
                "hai tệp không có chỉ tiêu nào chung, có lẽ là hai phần của một báo cáo: đã lấy tệp có nhiều chỉ tiêu hơn ({} so với {}); hãy gộp hai tệp vào một biểu và gửi lại",
                na.max(nb),
                na.min(nb)
            ),
            format!(
                "the two files share no indicator, perhaps two parts of one report: the one with more indicators was taken ({} against {}); join them in one form and send it again",
                na.max(nb),
                na.min(nb)
            ),
        );
        return (nb > na, Some(why), Decider::Parts);
    }
    // A name that marks a revision ("bản sửa lần 2", "v2") is the
    // later copy whatever its modification time: a file saved again
    // after the mail (opened, printed) is not newer for it.
    // The folders between the batch and the file are read alike
    // («Đã sửa/Phuong 16.xlsx» beside «Bản cũ/Phuong 16.xlsx»); a copy
    // whose name and folder disagree tells nothing.
    if let (Some(ra), Some(rb)) = (marks_of_path(a.file), marks_of_path(b.file)) {
        if ra.rank != rb.rank {
            let later = rb.rank > ra.rank;
            let (won, lost) = if later { (&rb, &ra) } else { (&ra, &rb) };
            let why = if won.rank > 0 {
                let place = if won.in_folder {
                    ("thư mục", "its folder")
                } else {
                    ("tên tệp", "its name")
                };
                (
                    format!("{} ghi «{}»", place.0, won.words),
                    format!("{} says «{}»", place.1, won.words),
                )
            } else {
                let place = if lost.in_folder {
                    ("thư mục của tệp kia", "the other's folder")
                } else {
                    ("tên tệp kia", "the other's name")
                };
                (
                    format!("{} ghi «{}»", place.0, lost.words),
                    format!("{} says «{}»", place.1, lost.words),
                )
            };
            return (later, Some(why), Decider::Revision);
        }
    }
    if let (Some(ma), Some(mb)) = (a.modified, b.modified) {
        let minute = Duration::from_secs(60);
        let why = pair("sửa đổi gần đây nhất", "modified most recently");
        if mb.duration_since(ma).is_ok_and(|d| d > minute) {
            return (true, why, Decider::Modified);
        }
        if ma.duration_since(mb).is_ok_and(|d| d > minute) {
            return (false, why, Decider::Modified);
        }
    }
    (b.file > a.file, None, Decider::Nothing)
}

/// What a copy's path says of its revision ([`revision_of`] read in its
/// file name and in each folder between the batch and it).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Marks {
    /// Below 0: an old copy («Bản cũ»); 0: nothing; above: a revision.
    rank: i64,
    /// The marking words as written.
    words: String,
    /// Whether a folder said it, not the file name.
    in_folder: bool,
}

/// The revision marks of `file` (a path in the batch): its name's, else
/// its folders'. `None` when they disagree (a revised name in a folder
/// «Bản cũ», two folders saying old and revised): nothing can be told.
fn marks_of_path(file: &str) -> Option<Marks> {
    let path = std::path::Path::new(file);
    let sign = |r: i64| r.signum();
    let own = revision_of(file);
    let mut folder: Option<Marks> = None;
    if let Some(parent) = path.parent() {
        for part in parent.components() {
            let name = part.as_os_str().to_string_lossy();
            // A folder's whole name is its "stem".
            let (rank, words) = revision_of(&format!("{name}.dir"));
            if rank == 0 {
                continue;
            }
            match &folder {
                Some(f) if sign(f.rank) != sign(rank) => return None,
                Some(f) if f.rank.abs() >= rank.abs() => {}
                _ => {
                    folder = Some(Marks {
                        rank,
                        words,
                        in_folder: true,
                    })
                }
            }
        }
    }
    match folder {
        Some(f) if own.0 != 0 && sign(own.0) != sign(f.rank) => None,
        Some(f) if own.0 == 0 => Some(f),
        _ => Some(Marks {
            rank: own.0,
            words: own.1,
            in_folder: false,
        }),
    }
}

/// What a file name says of a revised copy: its rank (0: nothing; a
/// revision mark such as "bản sửa", "bổ sung", "thay thế", "chính thức",
/// "cập nhật", "gửi lại": 1; a number after it or after "lần", "bản",
/// "v" from 2 up, as "sửa lần 2", "v3": that number, the highest
/// written) and the marking words as the name writes them ("bản sửa lần
/// 2"), for the message. A name marking an old copy («Bản cũ», «cũ»,
/// «old») and no revision ranks -1.
fn revision_of(file: &str) -> (i64, String) {
    let stem = std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folded = crate::text::fold(&stem);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    // The number after a word ("sửa 2", "lần 3"), if any: a year or a
    // ward's code is no revision.
    let number_after = |i: usize| {
        words
            .get(i + 1)
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|&n| n <= 20)
    };
    // (first word, last word) of the marks, and the highest number.
    let mut span: Option<(usize, usize)> = None;
    let mut rank = 0;
    let mut mark = |from: usize, to: usize, n: u32, span: &mut Option<(usize, usize)>| {
        rank = rank.max(n);
        *span = Some(span.map_or((from, to), |(a, b)| (a.min(from), b.max(to))));
    };
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied();
        // A mark of one or two words, the index of its last word.
        let last = match (*w, next) {
            ("sua" | "final" | "moi" | "bs" | "capnhat" | "guilai", _) => Some(i),
            ("bo", Some("sung"))
            | ("cap", Some("nhat"))
            | ("gui", Some("lai"))
            | ("thay", Some("the"))
            | ("chinh", Some("thuc")) => Some(i + 1),
            _ => None,
        };
        if let Some(last) = last {
            let n = number_after(last);
            let end = if n.is_some() { last + 1 } else { last };
            mark(i, end, n.unwrap_or(1).max(1), &mut span);
            continue;
        }
        let n = match *w {
            "lan" | "ban" | "v" | "ver" | "version" => number_after(i).map(|n| (n, i + 1)),
            w if w.len() > 1
                && w.starts_with('v')
                && w[1..].bytes().all(|b| b.is_ascii_digit()) =>
            {
                w[1..]
                    .parse::<u32>()
                    .ok()
                    .filter(|&n| n <= 20)
                    .map(|n| (n, i))
            }
            _ => None,
        };
        if let Some((n, end)) = n.filter(|&(n, _)| n >= 2) {
            mark(i, end, n, &mut span);
        }
    }
    // An old copy: «Bản cũ» anywhere, or a name that is only «cũ».
    let old = words
        .windows(2)
        .position(|w| w == ["ban", "cu"])
        .map(|i| (i, i + 1))
        .or_else(|| matches!(words[..], ["cu" | "old"]).then_some((0, 0)));
    let (rank, (mut from, to)) = match (span, old) {
        (Some(span), _) => (i64::from(rank), span),
        (None, Some(span)) => (-1, span),
        (None, None) => return (0, String::new()),
    };
    // "bản sửa", "đã sửa": the word "bản" or "đã" before a mark belongs
    // to it.
    if from > 0 && matches!(words.get(from - 1), Some(&"ban" | &"da")) {
        from -= 1;
    }
    // The words as written, when they stand word for word beside the
    // folded ones.
    let written: Vec<&str> = stem
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let said = match written.len() == words.len() {
        true => written.get(from..=to).map(|w| w.join(" ")),
        false => words.get(from..=to).map(|w| w.join(" ")),
    };
    (rank, said.unwrap_or_default())
}

/// A date written in a file name, as (year, month, day): "05.04.2025",
/// "5-4-2025", "05_04_2025", "2025-04-05" or "20250405". `None` when the
/// name has none, or more than one that differ.
fn name_date(file: &str) -> Option<(u32, u32, u32)> {
    let stem = std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut found: Option<(u32, u32, u32)> = None;
    // Runs of digits with the separators between them.
    let mut groups: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut last_end = 0usize;
    for (start, part) in digit_runs(&stem) {
        let between = &stem[last_end..start];
        let joined = !current.is_empty() && matches!(between, "." | "-" | "_" | "/");
        if !joined && !current.is_empty() {
            groups.push(std::mem::take(&mut current));
        }
        current.push(part);
        last_end = start + part.len();
    }
    if !current.is_empty() {
        groups.push(current);
    }
    let valid = |y: u32, m: u32, d: u32| {
        ((2000..2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
            .then_some((y, m, d))
    };
    let n = |s: &str| s.parse::<u32>().unwrap_or(0);
    let dates = groups.iter().flat_map(|g| {
        let three = g.windows(3).filter_map(|w| match w {
            [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => valid(n(y), n(m), n(d)),
            [y, m, d] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => valid(n(y), n(m), n(d)),
            _ => None,
        });
        let eight = g.iter().filter(|x| x.len() == 8).filter_map(|x| {
            valid(n(&x[..4]), n(&x[4..6]), n(&x[6..]))
                .or_else(|| valid(n(&x[4..]), n(&x[2..4]), n(&x[..2])))
        });
        three.chain(eight).collect::<Vec<_>>()
    });
    for date in dates {
        if found.is_some_and(|f| f != date) {
            return None;
        }
        found = Some(date);
    }
    found
}

/// The runs of ASCII digits of a text, with their byte offsets.
fn digit_runs(s: &str) -> Vec<(usize, &str)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                runs.push((b, &s[b..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        runs.push((b, &s[b..]));
    }
    runs
}

/// The unit an unreadable file is charged to: the one its name names,
/// else the one the innermost folder naming a unit names (a sender's
/// folder, "Xa Phuoc Phu/BC quy 1.xlsx", an Outlook folder named by the
/// address, "014 - ubnd.xaphuocphu@gmail.com/…"), as a file read is
/// placed when its title names nobody; namesakes told apart as
/// [`unit_of_damaged`] does. `file` is the path under the input folder.
pub fn unit_of_unreadable(
    file: &str,
    template: &Template,
    matcher: &AgencyMatcher,
) -> Option<usize> {
    let stem = name_stem(file);
    let folders = file.split('/').rev().skip(1).map(|part| {
        // A zip or e-mail a file came in is named without its extension.
        match crate::ingest::discover::extension(std::path::Path::new(part)).as_str() {
            "zip" | "eml" | "rar" | "7z" => name_stem(part),
            _ => part.to_string(),
        }
    });
    std::iter::once(stem.clone())
        .chain(folders)
        .find_map(|clue| matcher.find_in_name(&clue))
        .and_then(|found| unit_of_damaged(file, &stem, found, template, matcher))
}

/// A file or folder name without its extension (and the spaces or dots a
/// phone leaves after it).
fn name_stem(name: &str) -> String {
    let name = name.rsplit('/').next().unwrap_or(name);
    std::path::Path::new(name.trim_end_matches([' ', '.']))
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The unit a damaged file's name names: the one it fits, or, of the
/// namesakes it fits ("80324 - Bao cao quy III - Xa Tan Phu.xlsx"), the
/// one its name or a folder it is in names by its code, a name of its own
/// or its province ("Tỉnh Tây Ninh/…"); none when nothing tells them
/// apart: such a file is charged to no namesake.
pub(crate) fn unit_of_damaged(
    file: &str,
    stem: &str,
    (unit, _, ties): (usize, usize, Vec<usize>),
    template: &Template,
    matcher: &AgencyMatcher,
) -> Option<usize> {
    if ties.is_empty() {
        return Some(unit);
    }
    let candidates: Vec<usize> = std::iter::once(unit).chain(ties).collect();
    let folders = file.split('/').rev().skip(1);
    std::iter::once(stem)
        .chain(folders)
        .find_map(|clue| own_namesake(template, matcher, clue, &candidates))
}

#[cfg(test)]
mod tests {
    use super::{name_date, revision_of};

    fn revision_rank(file: &str) -> i64 {
        revision_of(file).0
    }

    #[test]
    fn a_date_in_a_file_name_is_read_in_the_usual_spellings() {
        assert_eq!(name_date("BC KTXH P11 05.04.2025.xlsx"), Some((2025, 4, 5)));
        assert_eq!(name_date("BC P11 28-3-2025.xlsx"), Some((2025, 3, 28)));
        assert_eq!(name_date("bc_2025-04-05_p11.xlsx"), Some((2025, 4, 5)));
        assert_eq!(name_date("P11_20250405.xlsx"), Some((2025, 4, 5)));
        assert_eq!(name_date("P11_05042025.xlsx"), Some((2025, 4, 5)));
        // A period, a ward's number or a version is no date.
        assert_eq!(name_date("P12_SoLieu_2020_Q1.xlsx"), None);
        assert_eq!(name_date("phuong-09 v2.xlsx"), None);
        assert_eq!(name_date("Phuong 10 - bao cao quy 1.xlsx"), None);
    }

    #[test]
    fn a_second_correction_ranks_above_the_first() {
        assert!(revision_rank("P16 ban sua 2.xlsx") > revision_rank("P16 ban sua.xlsx"));
        assert!(revision_rank("Báo cáo Q2 - gửi lại.xlsx") > revision_rank("Báo cáo Q2.xlsx"));
        assert!(revision_rank("bc bổ sung lần 2.xlsx") > revision_rank("bc bổ sung.xlsx"));
    }

    #[test]
    fn revised_copies_rank_above_the_original() {
        assert!(revision_rank("phuong-09 (bản sửa).xlsx") > revision_rank("phuong-09.xlsx"));
        assert!(revision_rank("P9 v3.xlsx") > revision_rank("P9 v2.xlsx"));
        assert!(revision_rank("bao cao lan 2.xlsx") > revision_rank("bao cao.xlsx"));
        assert!(revision_rank("phuong-09 bổ sung.xlsx") > 0);
        assert_eq!(revision_rank("phuong-09.xlsx"), 0);
    }

    /// The marks the message quotes, as the name writes them, and the
    /// higher number among marked names; a year, a ward's number, a
    /// first "lần 1" mark nothing.
    #[test]
    fn a_folder_named_as_a_revision_or_an_old_copy_is_read_as_the_name() {
        let rank = |f: &str| super::marks_of_path(f).map(|m| (m.rank, m.words, m.in_folder));
        assert_eq!(
            rank("Đã sửa/Phuong 16.xlsx"),
            Some((1, "Đã sửa".into(), true))
        );
        assert_eq!(
            rank("Bản cũ/Phuong 16.xlsx"),
            Some((-1, "Bản cũ".into(), true))
        );
        assert_eq!(rank("Gửi lại/P16.xlsx").map(|r| r.0), Some(1));
        assert_eq!(rank("Phong ban/p.kt.xlsx").map(|r| r.0), Some(0));
        assert_eq!(rank("Phuong 16 ban cu.xlsx").map(|r| r.0), Some(-1));
        // Name and folder disagree: nothing is told.
        assert_eq!(rank("Bản cũ/Phuong 16 (bản sửa).xlsx"), None);
        assert_eq!(rank("Bản sửa/Phuong 16 - ban cu.xlsx"), None);
    }

    #[test]
    fn a_revision_is_quoted_as_written_and_numbered() {
        let r = |f: &str| revision_of(f);
        assert_eq!(
            r("P3_BC quy IV_2025 - ban sua lan 2.xlsx"),
            (2, "ban sua lan 2".to_string())
        );
        assert_eq!(
            r("P3_BC quy IV_2025 - bản sửa.xlsx"),
            (1, "bản sửa".to_string())
        );
        assert_eq!(r("P3 - thay thế.xlsx"), (1, "thay thế".to_string()));
        assert_eq!(r("BC chính thức P5.xlsx"), (1, "chính thức".to_string()));
        assert_eq!(r("P5 bo sung lan 3.xlsx"), (3, "bo sung lan 3".to_string()));
        assert_eq!(r("P5_v2.xlsx"), (2, "v2".to_string()));
        assert_eq!(r("P3_BC quy IV_2025.xlsx"), (0, String::new()));
        assert_eq!(r("BC P7 lan 1.xlsx"), (0, String::new()));
        assert_eq!(r("Phuong 2 moi 2025.xlsx").0, 1);
        assert!(revision_rank("P3 lan 3.xlsx") > revision_rank("P3 ban sua lan 2.xlsx"));
    }
}
