//! The `[annex]` table of template.toml: the annex sections in print order,
//! the words that send a source heading or a "Lĩnh vực" value to a
//! section, each department's default field, the short form each agency is
//! written in, agency groups ("UBND 16 phường") and the words that mark a
//! collective or one specific office, the boilerplate words of task
//! contents and the header words of task tables.
//!
//! `template::Settings` keeps unknown tables as raw TOML in `extra`; this
//! module deserializes its own part from there, so the template loader
//! needs no change.

use crate::template::{AgencyKind, Template, TemplateError};
use crate::text::fold;
use serde::Deserialize;
use std::collections::BTreeMap;

/// One annex section.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub words: Vec<String>,
}

/// Agencies written as one entry ("UBND 16 phường").
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    pub short: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Header words of a task table, per column role.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnWords {
    #[serde(default)]
    pub stt: Vec<String>,
    #[serde(default)]
    pub content: Vec<String>,
    #[serde(default)]
    pub deadline: Vec<String>,
    #[serde(default)]
    pub lead: Vec<String>,
    #[serde(default)]
    pub coord: Vec<String>,
    #[serde(default)]
    pub field: Vec<String>,
}

/// The `[annex]` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnexSettings {
    #[serde(default = "default_title")]
    pub title: String,
    #[serde(default = "default_near")]
    pub near_duplicate: f64,
    #[serde(default)]
    pub boilerplate: Vec<String>,
    #[serde(default)]
    pub columns: ColumnWords,
    #[serde(default)]
    pub sections: Vec<SectionDef>,
    /// Agency code → section code.
    #[serde(default)]
    pub default_field: BTreeMap<String, String>,
    /// Agency code → short form.
    #[serde(default)]
    pub short: BTreeMap<String, String>,
    #[serde(default)]
    pub groups: Vec<GroupDef>,
    /// Words that open a collective of agencies ("các …", "thành viên …",
    /// "tổ …"): a coordinating text that starts with one is a group,
    /// accepted as written.
    #[serde(default)]
    pub group_words: Vec<String>,
    /// Words that open the name of one specific office ("phòng …", "ban
    /// …"): a coordinating text that starts with one and matches nothing
    /// is an unknown agency. Empty: every coordinating text that matches
    /// nothing is.
    #[serde(default)]
    pub office_words: Vec<String>,
}

fn default_title() -> String {
    "CHƯƠNG TRÌNH CÔNG TÁC TRỌNG TÂM {period}".to_string()
}

fn default_near() -> f64 {
    0.8
}

impl AnnexSettings {
    /// Reads the `[annex]` table of a template.
    ///
    /// # Errors
    /// When the table is absent, does not parse, lists no section, or
    /// names a section or agency that does not exist.
    pub fn from_template(template: &Template) -> Result<AnnexSettings, TemplateError> {
        let invalid =
            |(vi, en): (String, String)| TemplateError::invalid("template.toml", 0, vi, en);
        let raw = template.settings.extra.get("annex").ok_or_else(|| {
            invalid((
                "mẫu biểu không có bảng [annex] (các phần của chương trình công tác trọng tâm)"
                    .into(),
                "the template has no [annex] table (sections of the programme of key tasks)".into(),
            ))
        })?;
        let s: AnnexSettings = raw.clone().try_into().map_err(|e: toml::de::Error| {
            let m = e.message();
            invalid((
                format!("[annex]: không đọc được ({m})"),
                format!("[annex]: {m}"),
            ))
        })?;
        if s.sections.is_empty() {
            return Err(invalid((
                "[annex] không có phần nào ([[annex.sections]])".into(),
                "[annex] lists no [[annex.sections]]".into(),
            )));
        }
        if s.columns.content.is_empty() {
            return Err(invalid((
                "[annex.columns] không có từ tiêu đề nào cho cột nội dung (content)".into(),
                "[annex.columns] has no header words for content".into(),
            )));
        }
        for (agency, section) in &s.default_field {
            if template.agency(agency).is_none() {
                return Err(invalid((
                    format!("[annex.default_field] ghi đơn vị {agency}, nhưng agencies.csv không có đơn vị này"),
                    format!("[annex.default_field] names agency {agency}, which agencies.csv does not list"),
                )));
            }
            if s.section_index(section).is_none() {
                return Err(invalid((
                    format!("[annex.default_field] xếp {agency} vào phần {section}, nhưng [[annex.sections]] không có phần này"),
                    format!("[annex.default_field] sends {agency} to section {section}, which [[annex.sections]] does not list"),
                )));
            }
        }
        for agency in s.short.keys() {
            if template.agency(agency).is_none() {
                return Err(invalid((
                    format!(
                        "[annex.short] ghi đơn vị {agency}, nhưng agencies.csv không có đơn vị này"
                    ),
                    format!(
                        "[annex.short] names agency {agency}, which agencies.csv does not list"
                    ),
                )));
            }
        }
        if !(0.0..=1.0).contains(&s.near_duplicate) {
            return Err(invalid((
                "[annex] near_duplicate phải nằm trong khoảng 0 đến 1".into(),
                "[annex] near_duplicate must lie between 0 and 1".into(),
            )));
        }
        Ok(s)
    }

    /// Index of a section by its code.
    pub fn section_index(&self, code: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.code == code)
    }

    /// The default section of an agency's tasks.
    pub fn default_section(&self, template: &Template, agency: usize) -> Option<usize> {
        let code = &template.agencies.get(agency)?.code;
        self.section_index(self.default_field.get(code)?)
    }

    /// How an agency is written in the annex.
    pub fn short_form(&self, template: &Template, agency: usize) -> String {
        let Some(a) = template.agencies.get(agency) else {
            return String::new();
        };
        match self.short.get(&a.code) {
            Some(s) => s.clone(),
            None if a.kind == AgencyKind::Ward => format!("UBND {}", ward_after_ubnd(&a.name)),
            None => a.name.clone(),
        }
    }

    /// The section a heading or a "Lĩnh vực" value names, and whether it
    /// names the section as a whole rather than a part of it: its title,
    /// a heading holding every word of its title ("CẢI CÁCH HÀNH CHÍNH,
    /// XÂY DỰNG CHÍNH QUYỀN" for "Cải cách hành chính"), or a field
    /// introduced by "Lĩnh vực" ("LĨNH VỰC NỘI CHÍNH, QUỐC PHÒNG - AN
    /// NINH" is a section of the source, not a sub-section).
    ///
    /// The section whose words cover most of the heading's words decides:
    /// "Giáo dục quốc phòng - an ninh" is about defence and security
    /// ("quốc phòng", "an ninh": four words) more than about education
    /// ("giáo dục": two). Of sections that cover as much, the one named
    /// first, then the longest word there: "Cải cách hành chính, xây
    /// dựng chính quyền" is about administrative reform first.
    pub fn classify_heading(&self, heading: &str) -> Option<(usize, bool)> {
        let key = fold(heading);
        let key = key.strip_prefix("ve ").unwrap_or(&key).to_string();
        let field = key.starts_with("linh vuc ");
        let key = key.strip_prefix("linh vuc ").unwrap_or(&key).to_string();
        if key.is_empty() {
            return None;
        }
        let tokens: Vec<&str> = key.split(' ').collect();
        // (words covered, first place, longest word there, section): the
        // most covered, then the earliest, then the longest.
        let mut best: Option<(usize, usize, usize, usize)> = None;
        for (i, s) in self.sections.iter().enumerate() {
            let title = fold(&s.title);
            if title == key {
                return Some((i, true));
            }
            let mut covered = vec![false; tokens.len()];
            let mut first: Option<(usize, usize)> = None;
            for w in s.words.iter().map(|w| fold(w)).chain([title]) {
                let wt: Vec<&str> = w.split(' ').filter(|t| !t.is_empty()).collect();
                if wt.is_empty() {
                    continue;
                }
                for (at, window) in tokens.windows(wt.len()).enumerate() {
                    if window != wt.as_slice() {
                        continue;
                    }
                    for c in covered.iter_mut().skip(at).take(wt.len()) {
                        *c = true;
                    }
                    if first.is_none_or(|(p, len)| at < p || (at == p && w.len() > len)) {
                        first = Some((at, w.len()));
                    }
                }
            }
            let Some((at, len)) = first else { continue };
            let n = covered.iter().filter(|c| **c).count();
            let better = best.is_none_or(|(bn, bat, blen, _)| {
                n > bn || (n == bn && (at < bat || (at == bat && len > blen)))
            });
            if better {
                best = Some((n, at, len, i));
            }
        }
        // A department's own longer name for the section ("Cải cách hành
        // chính, xây dựng chính quyền" under "Cải cách hành chính") holds
        // every word of its title: the section itself, not a part of it
        // printed as a sub-heading under it.
        best.map(|(_, _, _, i)| {
            let names_it = self.sections.get(i).is_some_and(|s| {
                let title = fold(&s.title);
                title
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .all(|w| tokens.contains(&w))
            });
            (i, field || names_it)
        })
    }
}

/// A ward's name as it follows "UBND": the kind in lower case before a
/// name ("UBND xã Tân Lập", "UBND phường Đông Thành", "UBND thị trấn Cái
/// Bè"), as in capitals before a number ("UBND Phường 5", "UBND Xã 3"),
/// the way official documents write administrative units.
/// The kind is the level word the name opens with, whichever the
/// registry uses ("Đặc khu Hòn Ngọc" → "đặc khu Hòn Ngọc").
fn ward_after_ubnd(name: &str) -> String {
    let Some(kind) = crate::template::kind_word_of(name) else {
        return name.to_string();
    };
    let words = kind.split(' ').count();
    let mut parts = name.splitn(words + 1, ' ');
    let head: Vec<&str> = parts.by_ref().take(words).collect();
    match parts.next() {
        Some(rest) if rest.starts_with(|c: char| c.is_alphabetic()) => {
            format!("{} {rest}", head.join(" ").to_lowercase())
        }
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> (Template, AnnexSettings) {
        let t = Template::builtin().unwrap();
        let s = AnnexSettings::from_template(&t).unwrap();
        (t, s)
    }

    #[test]
    fn the_builtin_template_has_the_five_sections() {
        let (_, s) = settings();
        let codes: Vec<_> = s.sections.iter().map(|x| x.code.as_str()).collect();
        assert_eq!(codes, ["KT", "QLDT", "VHXH", "NC", "CCHC"]);
    }

    #[test]
    fn headings_go_to_their_section() {
        let (_, s) = settings();
        assert_eq!(
            s.classify_heading("VỀ KINH TẾ - TÀI CHÍNH - NGÂN SÁCH"),
            Some((0, true))
        );
        assert_eq!(
            s.classify_heading("Đầu tư xây dựng cơ bản"),
            Some((1, false))
        );
        assert_eq!(s.classify_heading("An ninh trật tự"), Some((3, false)));
        assert_eq!(s.classify_heading("Trật tự đô thị"), Some((1, false)));
        assert_eq!(s.classify_heading("Cải cách hành chính"), Some((4, true)));
        assert_eq!(s.classify_heading("Những việc khác"), None);
        // The first field named decides, not the longest word; a heading
        // holding every word of the section's title is the section itself
        // under a department's longer name, never a sub-heading of it.
        assert_eq!(
            s.classify_heading("CẢI CÁCH HÀNH CHÍNH, XÂY DỰNG CHÍNH QUYỀN"),
            Some((4, true))
        );
        assert_eq!(
            s.classify_heading("Đầu tư xây dựng cơ bản và quản lý đô thị"),
            Some((1, true))
        );
        // Near misses: a part of the section's title is a part of it.
        assert_eq!(s.classify_heading("Xây dựng chính quyền"), Some((3, false)));
        assert_eq!(
            s.classify_heading("Văn hóa - thông tin - thể thao"),
            Some((2, false))
        );
        assert_eq!(s.classify_heading("Kinh tế - tài chính"), Some((0, false)));
        // A "Lĩnh vực" heading is a section of its own.
        assert_eq!(
            s.classify_heading("LĨNH VỰC ĐÔ THỊ, TÀI NGUYÊN - MÔI TRƯỜNG VÀ ĐẦU TƯ XÂY DỰNG"),
            Some((1, true))
        );
        assert_eq!(
            s.classify_heading("LĨNH VỰC NỘI CHÍNH, QUỐC PHÒNG - AN NINH"),
            Some((3, true))
        );
    }

    #[test]
    fn the_section_whose_words_cover_most_of_a_heading_wins() {
        // The tester's "II. CÔNG TÁC GIÁO DỤC QUỐC PHÒNG - AN NINH" went to
        // Văn hóa - xã hội: "giáo dục" was the first section word found.
        let (_, s) = settings();
        assert_eq!(
            s.classify_heading("CÔNG TÁC GIÁO DỤC QUỐC PHÒNG - AN NINH"),
            Some((3, false))
        );
        assert_eq!(
            s.classify_heading("Giáo dục, y tế và an ninh trường học"),
            Some((2, false))
        );
        // Near misses: one word each, the first named wins; a field named
        // alone is its own.
        assert_eq!(s.classify_heading("Giáo dục và an ninh"), Some((2, false)));
        assert_eq!(
            s.classify_heading("Quốc phòng - giáo dục"),
            Some((3, false))
        );
        assert_eq!(s.classify_heading("Giáo dục - đào tạo"), Some((2, false)));
    }

    #[test]
    fn short_forms_fall_back_to_names() {
        let (t, s) = settings();
        let idx = |c: &str| t.agency_index(c).unwrap();
        assert_eq!(s.short_form(&t, idx("P.TCKH")), "Phòng TC-KH");
        assert_eq!(s.short_form(&t, idx("P05")), "UBND Phường 5");
        // A named commune or ward: the kind in lower case after UBND, as
        // official documents write it; a number keeps it in capitals.
        assert_eq!(ward_after_ubnd("Xã Tân Lập"), "xã Tân Lập");
        assert_eq!(ward_after_ubnd("Phường Đông Thành"), "phường Đông Thành");
        assert_eq!(ward_after_ubnd("Thị trấn Cái Bè"), "thị trấn Cái Bè");
        assert_eq!(ward_after_ubnd("Xã 3"), "Xã 3");
        // The registry's third kind of commune-level unit (the tester's
        // «UBND Đặc khu Hòn Ngọc»).
        assert_eq!(ward_after_ubnd("Đặc khu Hòn Ngọc"), "đặc khu Hòn Ngọc");
        assert_eq!(ward_after_ubnd("Đặc khu 2"), "Đặc khu 2");
        assert_eq!(ward_after_ubnd("Xãhội"), "Xãhội");
        assert_eq!(s.default_section(&t, idx("P.VHTT")), Some(2));
        assert_eq!(s.default_section(&t, idx("P05")), None);
    }
}
