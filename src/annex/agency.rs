//! Agencies of tasks: a lead or coordinating cell split into agencies, each
//! matched to the registry and written in its short form.
//!
//! A cell lists agencies separated by commas, semicolons, "và" or line
//! breaks; but registry names themselves hold "và" and commas ("Phòng Tài
//! nguyên và Môi trường", "Ban Bồi thường, giải phóng mặt bằng"), so the
//! longest run of pieces that names an agency wins. Abbreviations are
//! normalised before matching: "P.TCKH", "PTCKH" and "Phòng TCKH" are one
//! agency, and so are "Phòng Kinh tế" and "Phòng Kinh tế quận". Groups
//! ("UBND 16 phường", "UBND các phường") stay one entry.

use crate::annex::settings::AnnexSettings;
use crate::normalize::text::{clean, fold};
use crate::normalize::title::AgencyMatcher;
use crate::template::Template;
use regex::Regex;
use std::sync::OnceLock;

/// What an agency piece of a cell is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AgencyRef {
    /// An agency of the registry (index).
    Known(usize),
    /// A group written as one entry (index into the settings' groups).
    Group(usize),
    /// Nothing known: the text as written and the closest known short
    /// form.
    Unknown { text: String, closest: String },
}

/// Matches agency pieces against the registry, the short forms and the
/// groups.
pub struct AgencyResolver<'a> {
    template: &'a Template,
    settings: &'a AnnexSettings,
    matcher: AgencyMatcher,
    /// (folded short form or group alias, what it names)
    extra: Vec<(String, AgencyRef)>,
    /// (folded name, short form) of everything, for suggestions.
    all_names: Vec<(String, String)>,
}

/// The longest run of pieces tried as one agency name.
const MAX_RUN: usize = 4;

fn separators() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    #[allow(clippy::expect_used)]
    RE.get_or_init(|| {
        Regex::new(r"(?i)[,;\n\r]+|\s+và\s+").expect("invariant: the separator pattern is valid")
    })
}

impl<'a> AgencyResolver<'a> {
    pub fn new(template: &'a Template, settings: &'a AnnexSettings) -> AgencyResolver<'a> {
        let mut extra = Vec::new();
        let mut all_names = Vec::new();
        for (i, a) in template.agencies.iter().enumerate() {
            let short = settings.short_form(template, i);
            extra.push((fold(&short), AgencyRef::Known(i)));
            for n in [&a.name, &a.code].into_iter().chain(a.aliases.iter()) {
                all_names.push((fold(n), short.clone()));
            }
            all_names.push((fold(&short), short));
        }
        for (g, group) in settings.groups.iter().enumerate() {
            for n in group.aliases.iter().chain([&group.short]) {
                extra.push((fold(n), AgencyRef::Group(g)));
                all_names.push((fold(n), group.short.clone()));
            }
        }
        AgencyResolver {
            template,
            settings,
            matcher: AgencyMatcher::new(template),
            extra,
            all_names,
        }
    }

    /// The agency one piece of text names exactly, trying the spellings
    /// of abbreviations.
    pub fn exact(&self, text: &str) -> Option<AgencyRef> {
        for key in variants(&fold(text)) {
            if let Some(i) = self.matcher.exact(&key) {
                return Some(AgencyRef::Known(i));
            }
            if let Some((_, r)) = self.extra.iter().find(|(k, _)| *k == key) {
                return Some(r.clone());
            }
        }
        None
    }

    /// Splits a cell into agencies and resolves each, in order, without
    /// repeats.
    pub fn resolve_cell(&self, cell: &str) -> Vec<AgencyRef> {
        let pieces = split_pieces(cell);
        let mut out: Vec<AgencyRef> = Vec::new();
        let mut i = 0;
        while i < pieces.len() {
            let mut taken = None;
            for len in (1..=MAX_RUN.min(pieces.len() - i)).rev() {
                let text = join_pieces(&pieces[i..i + len]);
                if let Some(r) = self.exact(&text) {
                    taken = Some((len, r));
                    break;
                }
            }
            let (len, r) = match taken {
                Some(t) => t,
                None => {
                    let text = pieces[i].0.clone();
                    let closest = self.closest(&text);
                    (1, AgencyRef::Unknown { text, closest })
                }
            };
            if !out.contains(&r) {
                out.push(r);
            }
            i += len;
        }
        out
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
            AgencyRef::Unknown { text, .. } => text.clone(),
        }
    }

    /// The known agency whose name, alias or short form is closest to a
    /// text (Jaro-Winkler on folded words).
    pub fn closest(&self, text: &str) -> String {
        let key = fold(text);
        let mut best: Option<(f64, &str)> = None;
        for (name, short) in &self.all_names {
            let score = variants(&key)
                .iter()
                .map(|k| strsim::jaro_winkler(k, name))
                .fold(0.0, f64::max);
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, short));
            }
        }
        best.map(|(_, s)| s.to_string()).unwrap_or_default()
    }
}

/// The pieces of a cell, each with the separator that followed it.
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
    for m in separators().find_iter(cell) {
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
            s.push_str(if sep.trim().is_empty() { " " } else { sep });
            s.push(' ');
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

    fn written(cell: &str) -> Vec<String> {
        let t = Template::builtin().unwrap();
        let s = AnnexSettings::from_template(&t).unwrap();
        let r = AgencyResolver::new(&t, &s);
        r.resolve_cell(cell).iter().map(|x| r.written(x)).collect()
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
    }

    #[test]
    fn unknown_agencies_get_the_closest_suggestion() {
        let t = Template::builtin().unwrap();
        let s = AnnexSettings::from_template(&t).unwrap();
        let r = AgencyResolver::new(&t, &s);
        let got = r.resolve_cell("Phòng Tài chánh, Công an quận");
        assert_eq!(got.len(), 2);
        match &got[0] {
            AgencyRef::Unknown { text, closest } => {
                assert_eq!(text, "Phòng Tài chánh");
                assert_eq!(closest, "Phòng TC-KH");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(got[1], AgencyRef::Known(t.agency_index("CAQ").unwrap()));
        // A near miss of a registry name is still unknown, never guessed.
        assert!(matches!(
            r.resolve_cell("Phòng Kinh tế - Hạ tầng")[0],
            AgencyRef::Unknown { .. }
        ));
    }
}
