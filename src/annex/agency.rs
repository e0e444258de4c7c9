//! Agencies of tasks: a lead or coordinating cell split into agencies, each
//! matched to the registry and written in its short form.
//!
//! A cell lists agencies separated by commas, semicolons, "và", "/" or line
//! breaks; but registry names themselves hold "và" and commas ("Phòng Tài
//! nguyên và Môi trường", "Ban Bồi thường, giải phóng mặt bằng"), so the
//! longest run of pieces that names an agency wins. Each piece is then, in
//! this order:
//!
//! ```text
//! P.TCKH · Phòng Tài chính - Kế hoạch quận    a registry agency (abbreviations normalised)
//! UBND các phường                             a group of the template ([[annex.groups]])
//! UBND P.4 · UBND P 9 · phường 4 ‹, 8, 12›    wards, numbers after a ward are wards too
//! P.TNMT P.QLĐT                               registry names separated only by spaces
//! Các phòng, ban có liên quan                 a collective by its opening word (group_words),
//!                                             with the lower-case pieces that continue it
//! Phòng Kế toán                               a specific office (office_words) matching
//!                                             nothing: unknown
//! anything else                               a lead: unknown; a coordinator: as written
//! ```
//!
//! Wards are found by the registry's own ward names ("Phường 5": the word
//! "phường" and its initial "P" before a number), so a commune registry
//! ("Xã 3") reads "UBND xã 3, 4" the same way.

use crate::annex::settings::AnnexSettings;
use crate::normalize::title::AgencyMatcher;
use crate::template::{AgencyKind, Template};
use crate::text::{clean, fold};
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What an agency piece of a cell is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AgencyRef {
    /// An agency of the registry (index).
    Known(usize),
    /// A group written as one entry (index into the settings' groups).
    Group(usize),
    /// A collective named by its opening word ("Các đơn vị sự nghiệp trực
    /// thuộc", "Thành viên BCĐ …"), as written.
    Collective(String),
    /// A coordinating text that names no specific office and matches
    /// nothing ("giáo dục pháp luật"), as written; no finding.
    Other(String),
    /// A registry agency followed by its own unit in brackets ("Sở Nội
    /// vụ (Ban Thi đua - Khen thưởng)", "CA tỉnh (PC03)"): the agency,
    /// and the bracket's text as written.
    Unit { agency: usize, unit: String },
    /// Nothing known: the text as written and the known short form it
    /// surely means, if one is alike enough to suggest.
    Unknown {
        text: String,
        closest: Option<String>,
    },
}

impl AgencyRef {
    /// The registry agency it names, with or without a unit.
    pub fn agency(&self) -> Option<usize> {
        match self {
            AgencyRef::Known(i) | AgencyRef::Unit { agency: i, .. } => Some(*i),
            _ => None,
        }
    }
}

/// The column an agency cell comes from: a lead is held to the registry,
/// a coordinator may also be a collective or another text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Lead,
    Coord,
}

/// Matches agency pieces against the registry, the short forms and the
/// groups.
pub struct AgencyResolver<'a> {
    template: &'a Template,
    settings: &'a AnnexSettings,
    matcher: AgencyMatcher,
    /// Folded short form or group alias → what it names (the first one
    /// listed wins).
    extra: HashMap<String, AgencyRef>,
    /// (folded name, short form, folded registry name) of everything,
    /// for suggestions: the registry name (a group's short form) says
    /// what kind of body each is.
    all_names: Vec<(String, String, String)>,
    /// The folded words of each agency's name and aliases, for names
    /// written with capitals' initials ("Phòng Lao động TBXH").
    name_words: Vec<(Vec<String>, usize)>,
    /// Numbered wards: (folded ward word, number) → agency, and back.
    wards: HashMap<(String, u32), usize>,
    ward_word_of: HashMap<usize, String>,
    /// The folded ward words ("phuong") and their initials ("p") → the word.
    ward_words: Vec<(Vec<String>, String)>,
    /// Folded words opening a collective, and a specific office.
    group_words: Vec<Vec<String>>,
    office_words: Vec<Vec<String>>,
    /// The folded first words of the registry's names and aliases of two
    /// words or more: how a body's name may open.
    openers: std::collections::HashSet<String>,
    /// The folded words of each kind of ward-level unit: "phường", "xã",
    /// "thị trấn" and the registry's own ("đặc khu").
    ward_kinds: Vec<Vec<String>>,
}

/// The longest run of pieces tried as one agency name.
const MAX_RUN: usize = 4;
/// The most words one agency name spans when a piece is cut at spaces.
const MAX_NAME_WORDS: usize = 10;

fn separators() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    #[allow(clippy::expect_used)]
    RE.get_or_init(|| {
        Regex::new(r"(?i)[,;/\n\r]+|\s+và\s+").expect("invariant: the separator pattern is valid")
    })
}

/// Folded words of a list of phrases.
fn folded_words(list: &[String]) -> Vec<Vec<String>> {
    list.iter()
        .map(|w| {
            fold(w)
                .split(' ')
                .filter(|x| !x.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether the words of a text begin with one of the phrases.
fn starts_with_any(words: &[&str], phrases: &[Vec<String>]) -> bool {
    phrases
        .iter()
        .any(|p| words.len() >= p.len() && words.iter().zip(p).all(|(w, x)| *w == x.as_str()))
}

/// The folded words of the units below a district ("phường", "xã", "thị
/// trấn"): each has its own bodies, which the district's registry does not
/// list. The registry's own kinds of ward-level unit ("đặc khu") are
/// added to these.
const WARD_LEVEL_WORDS: [&str; 3] = ["phuong", "xa", "thi tran"];

/// Whether a text names a ward's own body the way a ward's table names
/// it: a name ending in "phường", "xã", "thị trấn" or another kind of the
/// registry's ward-level units ("đặc khu") with no number or place after
/// it ("Ban Chỉ huy Quân sự phường", "Trạm Y tế xã", "Ban Chỉ huy Quân sự
/// đặc khu"). Such a body is local to the ward that sends the task (or to
/// each ward a department's task concerns), not a district agency.
fn is_ward_body(text: &str, kinds: &[Vec<String>]) -> bool {
    let key = fold(text);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    kinds.iter().any(|w| {
        words.len() > w.len() && words.iter().rev().zip(w.iter().rev()).all(|(a, b)| a == b)
    })
}

/// A folded word split into its letters and its digits ("p09" → "p", "09").
fn letters_digits(word: &str) -> Option<(&str, &str)> {
    let at = word.find(|c: char| c.is_ascii_digit())?;
    let (l, d) = word.split_at(at);
    (!l.is_empty() && d.bytes().all(|b| b.is_ascii_digit())).then_some((l, d))
}

impl<'a> AgencyResolver<'a> {
    pub fn new(template: &'a Template, settings: &'a AnnexSettings) -> AgencyResolver<'a> {
        let mut extra = HashMap::new();
        let mut all_names = Vec::new();
        let mut name_words = Vec::new();
        let mut wards = HashMap::new();
        let mut ward_word_of = HashMap::new();
        let mut ward_words: Vec<(Vec<String>, String)> = Vec::new();
        let mut openers = std::collections::HashSet::new();
        let mut ward_kinds: Vec<Vec<String>> = WARD_LEVEL_WORDS
            .iter()
            .map(|w| w.split(' ').map(String::from).collect())
            .collect();
        for (i, a) in template.agencies.iter().enumerate() {
            let short = settings.short_form(template, i);
            extra.entry(fold(&short)).or_insert(AgencyRef::Known(i));
            let registry_name = fold(&a.name);
            for n in [&a.name, &a.code].into_iter().chain(a.aliases.iter()) {
                all_names.push((fold(n), short.clone(), registry_name.clone()));
            }
            for n in [&a.name].into_iter().chain(a.aliases.iter()) {
                let words: Vec<String> = fold(n).split(' ').map(String::from).collect();
                if words.len() >= 2 {
                    openers.extend(words.first().cloned());
                    name_words.push((words, i));
                }
            }
            all_names.push((fold(&short), short, registry_name));
            if a.kind == AgencyKind::Ward {
                if let Some(kind) = crate::template::kind_word_of(&a.name) {
                    let kind: Vec<String> = fold(kind).split(' ').map(String::from).collect();
                    if !ward_kinds.contains(&kind) {
                        ward_kinds.push(kind);
                    }
                }
                let name = fold(&a.name);
                let Some((word, number)) = name.rsplit_once(' ') else {
                    continue;
                };
                let Ok(n) = number.parse::<u32>() else {
                    continue;
                };
                wards.insert((word.to_string(), n), i);
                ward_word_of.insert(i, word.to_string());
                if !ward_words.iter().any(|(_, w)| w == word) {
                    let full: Vec<String> = word.split(' ').map(String::from).collect();
                    let initials: String = full.iter().filter_map(|w| w.chars().next()).collect();
                    ward_words.push((full, word.to_string()));
                    ward_words.push((vec![initials], word.to_string()));
                }
            }
        }
        for (g, group) in settings.groups.iter().enumerate() {
            for n in group.aliases.iter().chain([&group.short]) {
                extra.entry(fold(n)).or_insert(AgencyRef::Group(g));
                all_names.push((fold(n), group.short.clone(), fold(&group.short)));
            }
        }
        AgencyResolver {
            template,
            settings,
            matcher: AgencyMatcher::new(template),
            extra,
            all_names,
            name_words,
            wards,
            ward_word_of,
            ward_words,
            group_words: folded_words(&settings.group_words),
            office_words: folded_words(&settings.office_words),
            openers,
            ward_kinds,
        }
    }

    /// The agency one piece of text names exactly, trying the spellings
    /// of abbreviations.
    pub fn exact(&self, text: &str) -> Option<AgencyRef> {
        for key in variants(&fold(text)) {
            if let Some(i) = self.matcher.exact(&key) {
                return Some(AgencyRef::Known(i));
            }
            if let Some(r) = self.extra.get(&key) {
                return Some(r.clone());
            }
        }
        None
    }

    /// The wards a piece names: "UBND P.4", "UBND phường 3", "P 9", "P09",
    /// "phường 4 8" — an optional "UBND", the registry's ward word or its
    /// initial, then numbers. The ward word and the numbers, when the
    /// piece has that shape (a number the registry lacks included).
    fn ward_numbers(&self, text: &str) -> Option<(String, Vec<u32>)> {
        let key = fold(text);
        let mut words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        for prefix in [
            &["ubnd"][..],
            &["uy", "ban", "nhan", "dan"][..],
            &["ub"][..],
        ] {
            if words.len() > prefix.len() && words.starts_with(prefix) {
                words.drain(..prefix.len());
                break;
            }
        }
        // "p09": the initial glued to the number.
        let glued: Vec<String>;
        if let Some((l, d)) = words.first().and_then(|w| letters_digits(w)) {
            glued = [l.to_string(), d.to_string()]
                .into_iter()
                .chain(words.iter().skip(1).map(|w| w.to_string()))
                .collect();
            words = glued.iter().map(String::as_str).collect();
        }
        let (spelling, word) = self
            .ward_words
            .iter()
            .filter(|(spelling, _)| {
                words.len() > spelling.len()
                    && words.starts_with(&spelling.iter().map(String::as_str).collect::<Vec<_>>())
            })
            .max_by_key(|(spelling, _)| spelling.len())?;
        let numbers = words
            .get(spelling.len()..)?
            .iter()
            .map(|w| w.parse::<u32>().ok())
            .collect::<Option<Vec<u32>>>()?;
        (!numbers.is_empty()).then(|| (word.clone(), numbers))
    }

    fn ward(&self, word: &str, n: u32) -> Option<usize> {
        self.wards.get(&(word.to_string(), n)).copied()
    }

    /// A piece cut at spaces into registry names ("P.TNMT P.QLĐT", "P.QLĐT
    /// Ban QLDA", "BQLDA UBND phường 14"), the fewest names; `None` unless
    /// every part names an agency, a group or a ward.
    fn names_at_spaces(&self, text: &str) -> Option<Vec<AgencyRef>> {
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let n = tokens.len();
        if n < 2 {
            return None;
        }
        // best[j]: the fewest names covering tokens[..j], and the last cut.
        let mut best: Vec<Option<(usize, usize, AgencyRef)>> = vec![None; n + 1];
        for j in 1..=n {
            for i in j.saturating_sub(MAX_NAME_WORDS)..j {
                if i > 0 && best[i].is_none() {
                    continue;
                }
                let part = tokens[i..j].join(" ");
                let named = self
                    .exact(&part)
                    .or_else(|| match self.ward_numbers(&part) {
                        Some((word, numbers)) if numbers.len() == 1 => numbers
                            .first()
                            .and_then(|&k| self.ward(&word, k))
                            .map(AgencyRef::Known),
                        _ => None,
                    });
                let Some(r) = named else { continue };
                let count = if i == 0 {
                    1
                } else {
                    best[i].as_ref().map_or(usize::MAX, |b| b.0 + 1)
                };
                if best[j].as_ref().is_none_or(|b| count < b.0) {
                    best[j] = Some((count, i, r));
                }
            }
        }
        let mut out = Vec::new();
        let mut j = n;
        while j > 0 {
            let (_, i, r) = best[j].clone()?;
            out.push(r);
            j = i;
        }
        out.reverse();
        (out.len() >= 2).then_some(out)
    }

    /// Whether a text opens with a collective's word ("các", "thành viên").
    fn is_collective(&self, text: &str) -> bool {
        let key = fold(text);
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        starts_with_any(&words, &self.group_words)
    }

    /// Whether a text names one specific office: an office word and a name
    /// ("Phòng Kế toán", "Đội Thanh tra đô thị").
    fn is_office(&self, text: &str) -> bool {
        if self.office_words.is_empty() {
            return true;
        }
        let key = fold(text);
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        self.office_words
            .iter()
            .any(|p| words.len() > p.len() && starts_with_any(&words, std::slice::from_ref(p)))
    }

    /// Whether a text reads as the name of a body by its opening: an
    /// office or collective word of the template, capitals standing for
    /// a registry name, or the first word of a registry name or alias of
    /// two words or more ("UBND", "Công an", "Văn phòng", "Xã"). "Đầu tư"
    /// is none of these.
    fn is_agency_like(&self, text: &str) -> bool {
        if self.is_office(text) || self.is_collective(text) || self.by_initials(text).is_some() {
            return true;
        }
        let key = fold(text);
        key.split(' ')
            .find(|w| !w.is_empty())
            .is_some_and(|first| self.openers.contains(first))
    }

    /// The agencies named exactly by the run of pieces starting at `i`: how
    /// many pieces, and what they name.
    fn named_run(&self, pieces: &[(String, String)], i: usize) -> Option<(usize, AgencyRef)> {
        let rest = pieces.get(i..)?;
        (1..=MAX_RUN.min(rest.len()))
            .rev()
            .find_map(|len| self.exact(&join_pieces(&rest[..len])).map(|r| (len, r)))
    }

    /// Whether a piece names anything known by itself (so that it starts a
    /// new entry instead of continuing the one before).
    fn names_something(&self, pieces: &[(String, String)], i: usize) -> bool {
        let Some((text, _)) = pieces.get(i) else {
            return false;
        };
        self.named_run(pieces, i).is_some()
            || self.ward_numbers(text).is_some()
            || self.names_at_spaces(text).is_some()
    }

    /// Splits a cell into agencies and resolves each, in order, without
    /// repeats.
    pub fn resolve_cell(&self, cell: &str, role: Role) -> Vec<AgencyRef> {
        let pieces = split_pieces(cell);
        let mut out: Vec<AgencyRef> = Vec::new();
        let push = |r: AgencyRef, out: &mut Vec<AgencyRef>| {
            if !out.contains(&r) {
                out.push(r);
            }
        };
        // The ward word of the piece before, when it named wards: a bare
        // number after it is one more ward ("UBND phường 4, 8, 12").
        let mut after_ward: Option<String> = None;
        let mut i = 0;
        while let Some((text, _)) = pieces.get(i) {
            if let Some((len, r)) = self.named_run(&pieces, i) {
                after_ward = match r {
                    AgencyRef::Known(k) => self.ward_word_of.get(&k).cloned(),
                    _ => None,
                };
                push(r, &mut out);
                i += len;
                continue;
            }
            if let Some(r) = self.with_unit(text) {
                after_ward = None;
                push(r, &mut out);
                i += 1;
                continue;
            }
            let numbers = self.ward_numbers(text).or_else(|| {
                let word = after_ward.clone()?;
                let n = fold(text).parse::<u32>().ok()?;
                Some((word, vec![n]))
            });
            if let Some((word, numbers)) = numbers {
                for n in numbers {
                    match self.ward(&word, n) {
                        Some(k) => push(AgencyRef::Known(k), &mut out),
                        None => push(self.unknown(text.clone()), &mut out),
                    }
                }
                after_ward = Some(word);
                i += 1;
                continue;
            }
            after_ward = None;
            if let Some(list) = self.names_at_spaces(text) {
                for r in list {
                    push(r, &mut out);
                }
                i += 1;
                continue;
            }
            // Something not in the registry, continued by the lower-case
            // pieces after a comma that name nothing ("Thành viên Hội đồng
            // phối hợp phổ biến, giáo dục pháp luật quận"; "Các phòng, ban
            // có liên quan").
            let collective = self.is_collective(text);
            let mut end = i + 1;
            while let (Some((_, sep)), Some((next, _))) = (pieces.get(end - 1), pieces.get(end)) {
                // After a collective, any common noun goes on with it
                // ("…, ban có liên quan"); after another text, one that
                // opens no office or collective of its own.
                // After "và", a piece that is no agency-like name at all
                // ("Sở Kế hoạch và Đầu tư": "Đầu tư" opens with no kind
                // of body) is the second half of one name, whatever its
                // case.
                let and = fold(sep) == "va";
                let continues = (((sep.trim() == "," || and)
                    && starts_lower(next)
                    && (collective || !(self.is_office(next) || self.is_collective(next))))
                    || (and && !self.is_agency_like(next)))
                    && !self.names_something(&pieces, end);
                if !continues {
                    break;
                }
                end += 1;
            }
            let whole = join_pieces(&pieces[i..end]);
            let r = match role {
                Role::Lead => self.unknown(whole),
                Role::Coord if collective => AgencyRef::Collective(whole),
                Role::Coord if is_ward_body(&whole, &self.ward_kinds) => AgencyRef::Other(whole),
                Role::Coord if self.is_office(text) => self.unknown(whole),
                Role::Coord => AgencyRef::Other(whole),
            };
            push(r, &mut out);
            i = end;
        }
        out
    }

    /// A registry agency followed by a unit of its own in brackets: "Sở
    /// Nội vụ (Ban Thi đua - Khen thưởng)", "CA tỉnh (PC03)". A bracket
    /// that names the same agency again ("Sở Tài chính (STC)") is the
    /// agency alone.
    fn with_unit(&self, text: &str) -> Option<AgencyRef> {
        let inner_text = text.strip_suffix(')')?;
        let open = inner_text.rfind('(')?;
        let (head, unit) = (inner_text[..open].trim(), clean(&inner_text[open + 1..]));
        if head.is_empty() || unit.is_empty() || unit.contains(['(', ')']) {
            return None;
        }
        // The head is read as a bare name is: exactly, else by the
        // initials its capitals stand for ("CA tỉnh (PC06)").
        let agency = match self.exact(head) {
            Some(r) => r.agency()?,
            None => self.by_initials(head)?,
        };
        let unit_agency = match self.exact(&unit) {
            Some(r) => r.agency(),
            None => self.by_initials(&unit),
        };
        if unit_agency == Some(agency) {
            return Some(AgencyRef::Known(agency));
        }
        Some(AgencyRef::Unit { agency, unit })
    }

    fn unknown(&self, text: String) -> AgencyRef {
        if let Some(i) = self.by_initials(&text) {
            return AgencyRef::Known(i);
        }
        let closest = self.closest(&text);
        AgencyRef::Unknown { text, closest }
    }

    /// The one agency a name names when its words written in capitals are
    /// read as the initials of the registry name's words ("Phòng Lao động
    /// TBXH", "Phòng LĐ-TBXH" for "Phòng Lao động - Thương binh và Xã
    /// hội"; "và" needs no letter). `None` when no agency, or more than
    /// one, is named so.
    fn by_initials(&self, text: &str) -> Option<usize> {
        let words: Vec<(String, bool)> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let caps = w.chars().count() >= 2 && !w.chars().any(char::is_lowercase);
                (fold(w), caps)
            })
            .collect();
        if !words.iter().any(|(_, caps)| *caps) {
            return None;
        }
        let mut found = None;
        for (name, i) in &self.name_words {
            if !abbreviates(&words, name) || found == Some(*i) {
                continue;
            }
            if found.is_some() {
                return None;
            }
            found = Some(*i);
        }
        found
    }

    /// The short form a reference is written in.
    pub fn written(&self, r: &AgencyRef) -> String {
        match r {
            AgencyRef::Known(i) => self.settings.short_form(self.template, *i),
            AgencyRef::Group(g) => self
                .settings
                .groups
                .get(*g)
                .map(|g| g.short.clone())
                .unwrap_or_default(),
            AgencyRef::Unit { agency, unit } => {
                format!(
                    "{} ({unit})",
                    self.settings.short_form(self.template, *agency)
                )
            }
            AgencyRef::Collective(text) | AgencyRef::Other(text) => text.clone(),
            AgencyRef::Unknown { text, .. } => text.clone(),
        }
    }

    /// The known agency a text surely means, to suggest: one of the same
    /// kind of body, when the text names its kind (see
    /// [`same_kind`](Self::same_kind)), that shares most of the text's
    /// distinctive words (not "Sở", "Phòng", "tỉnh", which every agency
    /// has), a word counting as shared when written alike ("chánh" for
    /// "chính"); of those, the closest by Jaro-Winkler on the folded
    /// names. None when no agency is that alike: "Sở Công Thương" shares
    /// only "Sở" with "Sở GD&ĐT" and one word of two with "Công an tỉnh",
    /// and neither is suggested; "Trung tâm Văn hóa quận" is no «Phòng
    /// VH-TT».
    pub fn closest(&self, text: &str) -> Option<String> {
        let key = fold(text);
        let mine = distinctive(&key);
        if mine.is_empty() {
            return None;
        }
        let mut best: Option<(usize, f64, &str)> = None;
        for (name, short, registry_name) in &self.all_names {
            if !self.same_kind(&key, registry_name) {
                continue;
            }
            let theirs = distinctive(name);
            let shared = mine
                .iter()
                .filter(|w| theirs.iter().any(|t| words_alike(w, t)))
                .count();
            // At least two thirds of the text's distinctive words.
            if shared == 0 || shared * 3 < mine.len() * 2 {
                continue;
            }
            let score = variants(&key)
                .iter()
                .map(|k| strsim::jaro_winkler(k, name))
                .fold(0.0, f64::max);
            if best.is_none_or(|(n, s, _)| (shared, score) > (n, s)) {
                best = Some((shared, score, short));
            }
        }
        best.map(|(_, _, s)| s.to_string())
    }
}

impl AgencyResolver<'_> {
    /// Whether a folded text may name an agency of the registry name
    /// `name` by the kind of body: the template's office word each opens
    /// with ("trung tâm", "phòng", "ban", "chi cục", "đội" …, the longest
    /// that fits). A text that opens with none says no kind and may be
    /// any; one that does is of that kind only, an office word of one
    /// word standing for the initials of the other's first words ("P."
    /// for "Phòng …", "BQL" for "Ban Quản lý …"). "Trung tâm Văn hóa
    /// quận" is no "Phòng Văn hóa và Thông tin", whatever words they
    /// share.
    fn same_kind(&self, text: &str, name: &str) -> bool {
        let text: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
        let name: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
        let Some(mine) = kind_of(&text, &self.office_words) else {
            return true;
        };
        match kind_of(&name, &self.office_words) {
            Some(theirs) if theirs == mine => true,
            theirs => initials_of(mine, &name) || theirs.is_some_and(|t| initials_of(t, &text)),
        }
    }
}

/// The longest office word a name's folded words open with, a name
/// following it.
fn kind_of<'k>(words: &[&str], office_words: &'k [Vec<String>]) -> Option<&'k [String]> {
    office_words
        .iter()
        .filter(|p| words.len() > p.len() && words.iter().zip(p.iter()).all(|(w, x)| *w == x))
        .max_by_key(|p| p.len())
        .map(Vec::as_slice)
}

/// Whether an office word of one word is the initials of a name's first
/// words ("p" of "phong tai chinh", "bql" of "ban quan ly du an").
fn initials_of(kind: &[String], words: &[&str]) -> bool {
    let [k] = kind else {
        return false;
    };
    k.chars().count() <= words.len() && k.chars().zip(words).all(|(c, w)| w.starts_with(c))
}

/// Folded words that name no agency in particular: the kind of body
/// ("sở", "phòng", "ban", "trung tâm"), the level ("tỉnh", "quận", "xã"),
/// "UBND", "các", "và".
const SHELL_WORDS: [&str; 27] = [
    "so", "phong", "ban", "trung", "tam", "chi", "cuc", "doi", "tram", "vien", "ubnd", "ub", "uy",
    "nhan", "dan", "tinh", "quan", "huyen", "pho", "thi", "xa", "phuong", "tran", "cac", "va",
    "cua", "p",
];

/// The distinctive words of a folded name.
fn distinctive(key: &str) -> Vec<&str> {
    key.split(' ')
        .filter(|w| !w.is_empty() && !SHELL_WORDS.contains(w))
        .collect()
}

/// Two folded words written alike: the same, or a slip of one letter in
/// a word of four letters or more ("chanh", "chinh").
fn words_alike(a: &str, b: &str) -> bool {
    a == b
        || (a.len() >= 4
            && b.len() >= 4
            && a.chars().next() == b.chars().next()
            && strsim::jaro_winkler(a, b) >= 0.85)
}

/// Whether `text`'s words (folded, and whether written in capitals) name
/// `name`'s folded words: each word is the name's next word, or, written
/// in capitals, the initials of the name's next words ("tbxh" for "thuong
/// binh va xa hoi", "va" needing no letter). Every word of the name is
/// named.
fn abbreviates(text: &[(String, bool)], name: &[String]) -> bool {
    let mut j = 0;
    for (w, caps) in text {
        if name.get(j) == Some(w) {
            j += 1;
            continue;
        }
        if !caps {
            return false;
        }
        for c in w.chars() {
            while name.get(j).is_some_and(|n| n == "va") {
                j += 1;
            }
            match name.get(j) {
                Some(n) if n.starts_with(c) => j += 1,
                _ => return false,
            }
        }
    }
    j == name.len()
}

/// Whether a text begins with a lower-case letter (a common noun going
/// on, not the capitalised name of another agency).
fn starts_lower(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase)
}

/// The spans of a text inside matched brackets ("Sở Nội vụ (Ban Thi
/// đua, Khen thưởng)"): a separator there cuts nothing. A bracket never
/// closed protects nothing.
fn bracketed_spans(cell: &str) -> Vec<(usize, usize)> {
    let mut open = Vec::new();
    let mut spans = Vec::new();
    for (at, c) in cell.char_indices() {
        match c {
            '(' => open.push(at),
            ')' => {
                if let Some(start) = open.pop() {
                    spans.push((start, at));
                }
            }
            _ => {}
        }
    }
    spans
}

/// The pieces of a cell, each with the separator that followed it; a
/// separator inside brackets cuts nothing.
fn split_pieces(cell: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut last = 0;
    let push = |piece: &str, sep: &str, out: &mut Vec<(String, String)>| {
        let p = clean(piece);
        let p = p
            .trim_start_matches(['-', '+', '•', '*', '–'])
            .trim_end_matches(['.', ':'])
            .trim()
            .to_string();
        if !p.is_empty() {
            out.push((p, sep.to_string()));
        }
    };
    let spans = bracketed_spans(cell);
    for m in separators().find_iter(cell) {
        if spans.iter().any(|&(a, b)| a < m.start() && m.start() < b) {
            continue;
        }
        push(&cell[last..m.start()], m.as_str(), &mut out);
        last = m.end();
    }
    push(&cell[last..], "", &mut out);
    out
}

/// Pieces joined back with their separators.
fn join_pieces(pieces: &[(String, String)]) -> String {
    let mut s = String::new();
    for (k, (p, sep)) in pieces.iter().enumerate() {
        s.push_str(p);
        if k + 1 < pieces.len() {
            let sep = sep.trim();
            if sep.is_empty() {
                s.push(' ');
            } else if sep.chars().all(char::is_alphabetic) {
                s.push(' ');
                s.push_str(sep);
                s.push(' ');
            } else {
                s.push_str(sep);
                s.push(' ');
            }
        }
    }
    s
}

/// The spellings of a folded agency key worth trying: as written; "p x" and
/// "px" as "phong x"; "phong x" as "p x"; with and without a trailing
/// "quan".
fn variants(key: &str) -> Vec<String> {
    let mut base = vec![key.to_string()];
    if let Some(rest) = key.strip_prefix("p ") {
        base.push(format!("phong {rest}"));
    } else if let Some(rest) = key.strip_prefix("phong ") {
        base.push(format!("p {rest}"));
    } else if !key.contains(' ')
        && key.len() >= 3
        && key.starts_with('p')
        && key.chars().all(|c| c.is_ascii_lowercase())
    {
        base.push(format!("phong {}", &key[1..]));
    }
    let mut out = Vec::new();
    for b in base {
        out.push(b.clone());
        match b.strip_suffix(" quan") {
            Some(s) if !s.is_empty() => out.push(s.to_string()),
            _ => out.push(format!("{b} quan")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver_parts() -> (Template, AnnexSettings) {
        let t = Template::builtin().unwrap();
        let s = AnnexSettings::from_template(&t).unwrap();
        (t, s)
    }

    fn written_as(cell: &str, role: Role) -> Vec<String> {
        let (t, s) = resolver_parts();
        let r = AgencyResolver::new(&t, &s);
        r.resolve_cell(cell, role)
            .iter()
            .map(|x| r.written(x))
            .collect()
    }

    fn written(cell: &str) -> Vec<String> {
        written_as(cell, Role::Coord)
    }

    /// The texts of a cell that would be reported as unknown.
    fn unknown(cell: &str, role: Role) -> Vec<String> {
        let (t, s) = resolver_parts();
        let r = AgencyResolver::new(&t, &s);
        r.resolve_cell(cell, role)
            .into_iter()
            .filter_map(|x| match x {
                AgencyRef::Unknown { text, .. } => Some(text),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn abbreviations_are_normalised() {
        for spelling in [
            "P.TCKH",
            "PTCKH",
            "Phòng TCKH",
            "P. TCKH",
            "Phòng Tài chính - Kế hoạch",
            "phòng tài chính kế hoạch quận",
            "Phòng TC-KH",
        ] {
            assert_eq!(written(spelling), ["Phòng TC-KH"], "{spelling}");
        }
        assert_eq!(written("PGDĐT"), ["Phòng GD-ĐT"]);
        // Capitals read as the initials of the name's words, "và" needing
        // no letter.
        for spelling in [
            "Phòng Lao động TBXH",
            "Phòng LĐ-TBXH",
            "Phòng Lao động-TB&XH",
        ] {
            assert_eq!(written(spelling), ["Phòng LĐ-TB&XH"], "{spelling}");
        }
        // Lower-case words are words, not initials; and a name that
        // leaves out one of the registry's words names nothing.
        let resolve = |cell: &str| {
            let (t, settings) = resolver_parts();
            let r = AgencyResolver::new(&t, &settings);
            let got = r.resolve_cell(cell, Role::Lead);
            got.iter().map(|x| x.agency().is_some()).collect::<Vec<_>>()
        };
        assert_eq!(resolve("Phòng Lao động tbxh"), [false]);
        assert_eq!(resolve("Phòng Lao động TB"), [false]);
        assert_eq!(written("Phòng Kinh tế quận"), ["Phòng Kinh tế"]);
    }

    #[test]
    fn cells_split_on_separators_but_not_inside_names() {
        assert_eq!(
            written("Phòng Tài nguyên và Môi trường, P.QLĐT và UBND 16 phường"),
            ["Phòng TN-MT", "Phòng QLĐT", "UBND 16 phường"]
        );
        assert_eq!(
            written("Ban Bồi thường, giải phóng mặt bằng; Công an quận\n- Phường 5"),
            ["Ban BT-GPMB", "Công an quận", "UBND Phường 5"]
        );
        assert_eq!(
            written("Văn phòng HĐND và UBND quận, các cơ quan, đơn vị liên quan"),
            [
                "Văn phòng HĐND và UBND quận",
                "Các cơ quan, đơn vị liên quan"
            ]
        );
        assert_eq!(written("UBND các phường"), ["UBND 16 phường"]);
        assert_eq!(written("16 phường"), ["UBND 16 phường"]);
        assert_eq!(written("P.TCKH, PTCKH"), ["Phòng TC-KH"]);
        assert_eq!(written("P.VHTT/Quận đoàn"), ["Phòng VH-TT", "Quận đoàn"]);
        assert_eq!(written("VP HĐND/UBND"), ["Văn phòng HĐND và UBND quận"]);
    }

    #[test]
    fn a_lead_cell_with_two_registered_agencies_is_both() {
        for (cell, both) in [
            (
                "P.QLĐT Ban QLDA",
                ["Phòng QLĐT", "Ban QLDA ĐTXD khu vực quận"],
            ),
            (
                "Phòng VHTT, UBND phường 3",
                ["Phòng VH-TT", "UBND Phường 3"],
            ),
            ("P.VHTT/Quận đoàn", ["Phòng VH-TT", "Quận đoàn"]),
            (
                "BQLDA, UBND phường 14",
                ["Ban QLDA ĐTXD khu vực quận", "UBND Phường 14"],
            ),
            ("Phòng LĐTBXH, BHXH quận", ["Phòng LĐ-TB&XH", "BHXH quận"]),
            (
                "BQLDA UBND phường 14",
                ["Ban QLDA ĐTXD khu vực quận", "UBND Phường 14"],
            ),
        ] {
            assert_eq!(written_as(cell, Role::Lead), both, "{cell}");
            assert!(unknown(cell, Role::Lead).is_empty(), "{cell}");
        }
    }

    #[test]
    fn registered_names_separated_only_by_spaces_are_split() {
        assert_eq!(written("P.TNMT P.QLĐT"), ["Phòng TN-MT", "Phòng QLĐT"]);
        assert_eq!(
            written("P.TNMT P.QLĐT, UBND P.16"),
            ["Phòng TN-MT", "Phòng QLĐT", "UBND Phường 16"]
        );
        // Near miss: a registered name followed by words that name nothing
        // is one unknown office, not a registered one.
        assert_eq!(
            unknown("Phòng Kinh tế - Hạ tầng", Role::Coord),
            ["Phòng Kinh tế - Hạ tầng"]
        );
    }

    #[test]
    fn abbreviated_ward_lists_expand_to_the_wards() {
        let wards = |ns: &[u32]| -> Vec<String> {
            ns.iter().map(|n| format!("UBND Phường {n}")).collect()
        };
        assert_eq!(written("UBND P.4"), wards(&[4]));
        assert_eq!(written("UBND P 9"), wards(&[9]));
        assert_eq!(written("UBND P09"), wards(&[9]));
        assert_eq!(written("UBND phường 4, 8, 12"), wards(&[4, 8, 12]));
        assert_eq!(written("UBND P.4, 8, 12"), wards(&[4, 8, 12]));
        assert_eq!(written("UBND P.2, P.6"), wards(&[2, 6]));
        assert_eq!(written("UBND phường 3, 11"), wards(&[3, 11]));
        assert_eq!(written("UBND P.6, 13"), wards(&[6, 13]));
        assert_eq!(written("phường 4 và 8"), wards(&[4, 8]));
        assert_eq!(
            written("CAQ, UBND P 9, UBND phường 3, 11"),
            [
                "Công an quận",
                "UBND Phường 9",
                "UBND Phường 3",
                "UBND Phường 11"
            ]
        );
        // Near misses: a ward the registry lacks is unknown; a number after
        // something that is no ward is no ward.
        assert_eq!(unknown("UBND phường 17", Role::Coord), ["UBND phường 17"]);
        assert_eq!(written("Chi cục Thuế, 8"), ["Chi cục Thuế quận", "8"]);
        assert_eq!(unknown("Công an quận, 8", Role::Lead), ["8"]);
    }

    #[test]
    fn wards_are_read_by_the_registrys_own_word() {
        // A commune registry: "Xã 3", written "UBND xã 3, 4" or "UBND X.3".
        let mut t = Template::builtin().unwrap();
        for a in t.agencies.iter_mut().filter(|a| a.kind == AgencyKind::Ward) {
            a.name = a.name.replace("Phường", "Xã");
            a.aliases.clear();
        }
        let s = AnnexSettings::from_template(&t).unwrap();
        let r = AgencyResolver::new(&t, &s);
        let got: Vec<String> = r
            .resolve_cell("UBND xã 3, 4; UBND X.5", Role::Coord)
            .iter()
            .map(|x| r.written(x))
            .collect();
        assert_eq!(got, ["UBND Xã 3", "UBND Xã 4", "UBND Xã 5"]);
        // "phường" means nothing to a commune registry.
        assert!(matches!(
            r.resolve_cell("UBND phường 3", Role::Lead)[0],
            AgencyRef::Unknown { .. }
        ));
    }

    #[test]
    fn collectives_are_accepted_by_their_shape() {
        for cell in [
            "Các phòng, ban có liên quan",
            "các phòng, ban có liên quan",
            "UBND các phường",
            "các đơn vị",
            "các đơn vị sử dụng ngân sách",
            "Các đơn vị sự nghiệp trực thuộc",
            "Các đoàn thể chính trị - xã hội quận",
            "Các trường học trên địa bàn quận",
            "Thành viên BCĐ phòng chống dịch Covid-19 quận",
            "Thành viên Ban Chỉ đạo giảm nghèo bền vững quận",
            "Tổ công tác liên ngành quận",
            "Tổ chuyên viên giúp việc Hội đồng bồi thường",
            "Hội đồng thi đua - khen thưởng quận",
            "Thành viên Hội đồng phối hợp phổ biến, giáo dục pháp luật quận",
            "Thành viên Đội kiểm tra liên ngành văn hóa - xã hội quận",
            "Ban chỉ đạo 197 quận",
        ] {
            assert!(unknown(cell, Role::Coord).is_empty(), "{cell}");
            assert_eq!(written(cell).len(), 1, "{cell}: {:?}", written(cell));
        }
        // The comma inside one collective's name does not cut it, and the
        // agencies around it stay their own.
        assert_eq!(
            written("Ban QLDA, các phòng, ban có liên quan, BQL các chợ"),
            [
                "Ban QLDA ĐTXD khu vực quận",
                "các phòng, ban có liên quan",
                "Ban QL các chợ"
            ]
        );
        assert_eq!(
            written("Thành viên Hội đồng phối hợp phổ biến, giáo dục pháp luật quận"),
            ["Thành viên Hội đồng phối hợp phổ biến, giáo dục pháp luật quận"]
        );
    }

    #[test]
    fn only_a_specific_office_that_matches_nothing_is_unknown() {
        for office in [
            "Phòng Kế toán",
            "Ban Quản lý khu đô thị mới",
            "Trung tâm Phát triển quỹ đất quận",
            "Đội Thanh tra đô thị",
            "Chi cục Quản lý thị trường",
        ] {
            assert_eq!(unknown(office, Role::Coord), [office], "{office}");
            // After a collective it is still its own office, and a
            // collective after it is its own collective.
            let cell = format!("Các phòng, ban có liên quan, {office}, các đơn vị");
            assert_eq!(unknown(&cell, Role::Coord), [office], "{cell}");
        }
        // A ward's own body, as the ward's table names it, is no district
        // agency: written as it stands, no finding (a lead is still held
        // to the registry).
        for body in [
            "Ban Chỉ huy Quân sự phường",
            "Đội Trật tự đô thị phường",
            "Ban chỉ huy quân sự xã",
            "Trạm Y tế thị trấn",
        ] {
            assert!(unknown(body, Role::Coord).is_empty(), "{body}");
            assert_eq!(written(body), [body]);
            assert_eq!(unknown(body, Role::Lead), [body]);
        }
        // Near misses: a ward word with a number or a place after it, or
        // inside the name, is no ward's own body.
        for office in [
            "Đội Trật tự đô thị phường 5",
            "Đội Quản lý thị trường phường Tân Định",
        ] {
            assert_eq!(unknown(office, Role::Coord), [office], "{office}");
        }
        // Near misses: texts that name no office are written as they stand.
        assert!(unknown("Nhân dân trên địa bàn", Role::Coord).is_empty());
        assert!(unknown("giáo dục pháp luật quận", Role::Coord).is_empty());
        // A lead is held to the registry, whatever its shape.
        assert_eq!(
            unknown("Trung tâm Phát triển quỹ đất quận", Role::Lead),
            ["Trung tâm Phát triển quỹ đất quận"]
        );
        assert_eq!(
            unknown("Các phòng, ban có liên quan", Role::Lead),
            ["Các phòng, ban có liên quan"]
        );
    }

    #[test]
    fn group_and_office_words_come_from_the_template() {
        let (t, mut s) = resolver_parts();
        s.group_words = vec!["nhóm".into()];
        s.office_words = vec!["văn phòng".into()];
        let r = AgencyResolver::new(&t, &s);
        let kinds = |cell: &str| -> Vec<&'static str> {
            r.resolve_cell(cell, Role::Coord)
                .iter()
                .map(|x| match x {
                    AgencyRef::Collective(_) => "collective",
                    AgencyRef::Unknown { .. } => "unknown",
                    AgencyRef::Other(_) => "other",
                    _ => "known",
                })
                .collect()
        };
        assert_eq!(kinds("Nhóm công tác liên ngành"), ["collective"]);
        assert_eq!(kinds("Văn phòng Đăng ký đất đai"), ["unknown"]);
        assert_eq!(kinds("Phòng Kế toán"), ["other"]);
        assert_eq!(kinds("Các đơn vị trực thuộc"), ["other"]);
        // Without office words, every text that matches nothing is unknown.
        s.office_words.clear();
        let r = AgencyResolver::new(&t, &s);
        assert!(matches!(
            r.resolve_cell("Nhân dân", Role::Coord)[0],
            AgencyRef::Unknown { .. }
        ));
    }

    #[test]
    fn unknown_agencies_get_the_closest_suggestion() {
        let (t, s) = resolver_parts();
        let r = AgencyResolver::new(&t, &s);
        let got = r.resolve_cell("Phòng Tài chánh, Công an quận", Role::Lead);
        assert_eq!(got.len(), 2);
        match &got[0] {
            AgencyRef::Unknown { text, closest } => {
                assert_eq!(text, "Phòng Tài chánh");
                assert_eq!(closest.as_deref(), Some("Phòng TC-KH"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(got[1], AgencyRef::Known(t.agency_index("CAQ").unwrap()));
        // A near miss of a registry name is still unknown, never guessed.
        assert!(matches!(
            r.resolve_cell("Phòng Kinh tế - Hạ tầng", Role::Coord)[0],
            AgencyRef::Unknown { .. }
        ));
    }

    #[test]
    fn a_body_of_another_kind_is_not_suggested() {
        // The tester's batch: "Trung tâm Văn hóa quận" was asked "có phải
        // «Phòng VH-TT»?": a centre is no department, whatever words they
        // share.
        let (t, s) = resolver_parts();
        let r = AgencyResolver::new(&t, &s);
        for text in [
            "Trung tâm Văn hóa quận",
            "Trung tâm Văn hóa - Thông tin quận",
            "Đội Tài chính - Kế hoạch",
            "Ban Văn hóa quận",
            "Chi cục Tài chánh - Kế hoạch",
        ] {
            assert_eq!(r.closest(text), None, "{text}");
        }
        // Near misses: the same kind, written out or by its initials, or
        // no kind named, is still suggested.
        for (text, suggested) in [
            ("Phòng Văn hóa quận", "Phòng VH-TT"),
            ("Phòng Tài chánh - Kế hoạch", "Phòng TC-KH"),
            ("P. Tài chánh - Kế hoạch", "Phòng TC-KH"),
            ("Tài chánh - Kế hoạch", "Phòng TC-KH"),
            ("Trung tâm Y tê quận", "Trung tâm Y tế quận"),
            (
                "BQL dự án đầu tư xây dựng khu vực",
                "Ban QLDA ĐTXD khu vực quận",
            ),
        ] {
            assert_eq!(r.closest(text).as_deref(), Some(suggested), "{text}");
        }
        // The cell as a whole: still agency-unknown, with no suggestion.
        match &r.resolve_cell("Trung tâm Văn hóa quận", Role::Coord)[0] {
            AgencyRef::Unknown { text, closest } => {
                assert_eq!(text, "Trung tâm Văn hóa quận");
                assert_eq!(closest, &None);
            }
            other => panic!("{other:?}"),
        }
    }

    /// The province's template without the Sở Công Thương, as a
    /// province's registry may lack it.
    fn province() -> (Template, AnnexSettings) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/province");
        let mut t = Template::load(&dir).unwrap();
        // In its place, an agency that shares no word with it.
        for a in t.agencies.iter_mut().filter(|a| a.code == "SCT") {
            a.code = "SKHKT".into();
            a.name = "Sở Khoa học và Kỹ thuật".into();
            a.aliases.clear();
        }
        let s = AnnexSettings::from_template(&t).unwrap();
        (t, s)
    }

    #[test]
    fn an_agency_naming_its_own_unit_in_brackets_is_that_agency() {
        let (t, s) = province();
        let r = AgencyResolver::new(&t, &s);
        let idx = |c: &str| t.agency_index(c).unwrap();
        for (cell, code, printed) in [
            (
                "Sở Nội vụ (Ban Thi đua - Khen thưởng)",
                "SNV",
                "Sở Nội vụ (Ban Thi đua - Khen thưởng)",
            ),
            (
                "Công an tỉnh (Phòng CSGT)",
                "CAT",
                "Công an tỉnh (Phòng CSGT)",
            ),
            (
                "Sở Tài chính (Phòng Ngân sách)",
                "STC",
                "Sở Tài chính (Phòng Ngân sách)",
            ),
            // An alias is printed as the registry writes the agency.
            ("CAT (PC03)", "CAT", "Công an tỉnh (PC03)"),
            // A head read by its capitals' initials, as a bare "CA tỉnh"
            // is (the tester's CAT file: «CA tỉnh (PC06)» was unknown).
            ("CA tỉnh (PC06)", "CAT", "Công an tỉnh (PC06)"),
            (
                "STC (Phòng Ngân sách, Phòng Tin học)",
                "STC",
                "Sở Tài chính (Phòng Ngân sách, Phòng Tin học)",
            ),
        ] {
            for role in [Role::Lead, Role::Coord] {
                let got = r.resolve_cell(cell, role);
                assert_eq!(got.len(), 1, "{cell}: {got:?}");
                assert_eq!(got[0].agency(), Some(idx(code)), "{cell}");
                assert_eq!(r.written(&got[0]), printed, "{cell}");
            }
        }
        // Coordinators the same way, each its own entry, whatever the
        // office word of the bracket.
        let got = r.resolve_cell("Công an tỉnh (PC03), Sở Y tế (Chi cục ATVSTP)", Role::Coord);
        let printed: Vec<String> = got.iter().map(|x| r.written(x)).collect();
        assert_eq!(printed, ["Công an tỉnh (PC03)", "Sở Y tế (Chi cục ATVSTP)"]);
        // A bracket naming the same agency again is the agency alone.
        assert_eq!(
            r.resolve_cell("Sở Tài chính (STC)", Role::Lead),
            [AgencyRef::Known(idx("STC"))]
        );
        // Near misses: a bracket after a name the registry lacks is
        // still unknown, and an unclosed bracket cuts at its comma.
        assert!(matches!(
            &r.resolve_cell("Sở Công Thương (Phòng QLTM)", Role::Lead)[0],
            AgencyRef::Unknown { .. }
        ));
        // Capitals that stand for no registry name's initials stay
        // unknown with their bracket.
        assert!(matches!(
            &r.resolve_cell("CB tỉnh (PC06)", Role::Lead)[0],
            AgencyRef::Unknown { .. }
        ));
        assert_eq!(
            r.resolve_cell("CA tỉnh", Role::Lead),
            [AgencyRef::Known(idx("CAT"))]
        );
        let got = r.resolve_cell("Sở Y tế (Chi cục ATVSTP, Công an tỉnh", Role::Coord);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1], AgencyRef::Known(idx("CAT")));
    }

    #[test]
    fn a_name_whose_second_half_is_no_body_is_not_cut_at_va() {
        let (t, s) = province();
        let r = AgencyResolver::new(&t, &s);
        // The tester's STC file: «Sở Kế hoạch và Đầu tư» was two unknown
        // agencies, «Đầu tư» offered «Ban QLDA tỉnh».
        for role in [Role::Lead, Role::Coord] {
            let got = r.resolve_cell("Sở Kế hoạch và Đầu tư", role);
            assert_eq!(
                got,
                [AgencyRef::Unknown {
                    text: "Sở Kế hoạch và Đầu tư".into(),
                    closest: None
                }]
            );
        }
        // Near misses: two bodies joined by «và» are two, known or not;
        // a registry name holding «và» is one agency.
        let idx = |c: &str| t.agency_index(c).unwrap();
        assert_eq!(
            r.resolve_cell("Sở Tài chính và Sở Y tế", Role::Lead),
            [AgencyRef::Known(idx("STC")), AgencyRef::Known(idx("SYT"))]
        );
        let got = r.resolve_cell("Sở Tài chính và Sở Xây dựng", Role::Lead);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0], AgencyRef::Known(idx("STC")));
        assert!(matches!(&got[1], AgencyRef::Unknown { text, .. } if text == "Sở Xây dựng"));
        let got = r.resolve_cell("Sở Xây dựng và Công an tỉnh", Role::Lead);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1], AgencyRef::Known(idx("CAT")));
        let got = r.resolve_cell("Sở Khoa học và UBND xã Tân Phú", Role::Lead);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            r.resolve_cell("Sở Nông nghiệp và Môi trường", Role::Lead),
            [AgencyRef::Known(idx("SNNMT"))]
        );
    }

    #[test]
    fn a_suggestion_only_when_the_distinctive_words_are_shared() {
        let (t, mut s) = province();
        s.groups.push(crate::annex::settings::GroupDef {
            short: "Các sở, ban, ngành".into(),
            aliases: vec!["Các sở, ban, ngành tỉnh".into()],
        });
        let r = AgencyResolver::new(&t, &s);
        // Shared only "Sở", "Ban", "tỉnh", or one word of two: no
        // suggestion (the tester's registry: "Sở Công Thương" was offered
        // "Sở GD&ĐT").
        for text in [
            "Sở Công Thương",
            "Ban Quản lý các khu công nghiệp tỉnh",
            "Trung tâm Chuyển đổi số tỉnh",
            "Sở Du lịch",
        ] {
            assert_eq!(r.closest(text), None, "{text}");
        }
        // A slip in a registry name is suggested.
        assert_eq!(r.closest("Sở Tư Phap tỉnh").as_deref(), Some("Sở Tư pháp"));
        assert_eq!(r.closest("Sở Nội vu").as_deref(), Some("Sở Nội vụ"));
        assert_eq!(
            r.closest("Sở Nông nghiệp và Môi trưởng").as_deref(),
            Some("Sở NN&MT")
        );
    }
}
