//! The outline of a document: paragraphs and the headings that number them (第一章, 一、,
//! （一）, 1. / 1、, （1）, 附件N), giving every paragraph a section path such as
//! `二/（一）/1/（4）` and the heading titles above it.

use crate::numeral::{is_chinese_numeral_char, parse_chinese};
use crate::text::Text;
use std::sync::Arc;

/// Heading levels, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Annex = 0,
    Chapter = 1,
    Part = 2,
    Section = 3,
    Item = 4,
    SubItem = 5,
}

/// A numbered heading that starts a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: Level,
    /// The marker as written in the original, without trailing punctuation (`二`, `（一）`, `1`, `（4）`).
    pub label: String,
    /// The heading's title: text after the marker up to the first 。 or ：, when short.
    pub title: String,
    /// Char offset where the marker starts.
    pub start: usize,
    /// Char offset just after the marker (and its 、 or .).
    pub body_start: usize,
}

/// Heading titles, outermost first, each shared by the paragraphs under its heading.
pub type Titles = Arc<[Arc<str>]>;

/// One paragraph (line) of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub index: usize,
    /// Char span of the trimmed paragraph text.
    pub start: usize,
    pub end: usize,
    pub heading: Option<Heading>,
    /// Section path of the paragraph, e.g. `二/（一）/1`. Shared by the paragraphs under
    /// one heading, like `titles` (one allocation per heading, not per paragraph).
    pub section: Arc<str>,
    /// Titles of the headings above and including this paragraph's own, outermost first
    /// (each title shared by every paragraph under its heading).
    pub titles: Titles,
}

/// Split a text into paragraphs and number them by the outline.
pub fn parse(text: &Text) -> Vec<Paragraph> {
    let all = text.norm_chars(0, text.char_len());
    let mut out = Vec::new();
    let mut stack: Vec<(Level, String, Arc<str>)> = Vec::new();
    // The section path and titles change only at a heading: built then, shared by paragraphs.
    let (mut section, mut titles): (Arc<str>, Titles) = (Arc::from(""), Arc::from([]));
    let mut char_pos = 0usize;
    for line in all.split(|&c| c == '\n') {
        let lead = line.iter().take_while(|c| c.is_whitespace()).count();
        let trimmed_len = line.len() - line.iter().rev().take_while(|c| c.is_whitespace()).count();
        let (start, end) = (char_pos + lead, char_pos + trimmed_len.max(lead));
        char_pos += line.len() + 1;
        if start >= end {
            continue;
        }
        let heading = read_heading(text, &all[start..end], start);
        if let Some(h) = &heading {
            stack.retain(|(l, _, _)| *l < h.level);
            stack.push((h.level, h.label.clone(), Arc::from(h.title.as_str())));
            let mut path = String::new();
            for (i, (_, label, _)) in stack.iter().enumerate() {
                if i > 0 {
                    path.push('/');
                }
                path.push_str(label);
            }
            section = path.into();
            titles = stack.iter().map(|(_, _, t)| Arc::clone(t)).filter(|t| !t.is_empty()).collect();
        }
        out.push(Paragraph {
            index: out.len(),
            start,
            end,
            section: Arc::clone(&section),
            titles: Arc::clone(&titles),
            heading,
        });
    }
    out
}

/// The heading that opens a paragraph, if any; `chars` are the paragraph's (normalised),
/// `start` its char offset.
fn read_heading(text: &Text, chars: &[char], start: usize) -> Option<Heading> {
    // Every marker starts with one of these; most paragraphs are ruled out here.
    let &first = chars.first()?;
    if !(first == '附' || first == '第' || first == '(' || first.is_ascii_digit() || is_chinese_numeral_char(first)) {
        return None;
    }
    let take_while = |from: usize, f: &dyn Fn(char) -> bool| chars[from..].iter().take_while(|&&c| f(c)).count();
    let (level, marker_len, label_range) = if chars.starts_with(&['附', '件']) {
        let n = take_while(2, &|c| c.is_ascii_digit() || is_chinese_numeral_char(c));
        if chars.len() > 2 + n + 20 {
            return None; // a sentence that mentions 附件, not an annex heading
        }
        (Level::Annex, 2 + n, (0, 2 + n))
    } else if chars.first() == Some(&'第') {
        let n = take_while(1, &|c| is_chinese_numeral_char(c) || c.is_ascii_digit());
        match chars.get(1 + n) {
            Some('章') | Some('篇') | Some('部') if n > 0 => (Level::Chapter, 2 + n, (0, 2 + n)),
            _ => return None,
        }
    } else if chars.first() == Some(&'(') {
        let n = take_while(1, &|c| is_chinese_numeral_char(c));
        let d = take_while(1, &|c| c.is_ascii_digit());
        if n > 0 && chars.get(1 + n) == Some(&')') && parse_chinese(&body_chars(chars, 1, 1 + n)).is_some() {
            (Level::Section, n + 2, (0, n + 2))
        } else if d > 0 && d <= 2 && chars.get(1 + d) == Some(&')') {
            (Level::SubItem, d + 2, (0, d + 2))
        } else {
            return None;
        }
    } else {
        let n = take_while(0, &|c| is_chinese_numeral_char(c));
        let d = take_while(0, &|c| c.is_ascii_digit());
        if n > 0 && n <= 3 && chars.get(n) == Some(&'、') && parse_chinese(&body_chars(chars, 0, n)).is_some() {
            (Level::Part, n + 1, (0, n))
        } else if d > 0
            && d <= 2
            && matches!(chars.get(d), Some('.') | Some('、'))
            && !chars.get(d + 1).is_some_and(|c| c.is_ascii_digit())
        {
            (Level::Item, d + 1, (0, d))
        } else {
            return None;
        }
    };
    let label: String = text
        .original_slice(start + label_range.0, start + label_range.1)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let rest = text.norm_slice(start + marker_len, start + chars.len());
    let title_end = rest.find(['。', ':', ';']).unwrap_or(rest.len());
    let title = rest[..title_end].trim().to_string();
    let title = if title.chars().count() <= 40 { title } else { String::new() };
    Some(Heading { level, label, title, start, body_start: start + marker_len })
}

fn body_chars(chars: &[char], from: usize, to: usize) -> String {
    chars[from..to].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_paths() {
        let src = "前言\n一、总体要求\n（一）主要目标。到2017年，实现以下目标：\n1.规模效益明显提升。\n（1）石化产业。\n（2）汽车产业。\n2.结构优化\n二、主要任务\n附件1\n一、汽车";
        let t = Text::new(src.to_string());
        let p = parse(&t);
        let sections: Vec<&str> = p.iter().map(|p| &*p.section).collect();
        assert_eq!(
            sections,
            [
                "",
                "一",
                "一/（一）",
                "一/（一）/1",
                "一/（一）/1/（1）",
                "一/（一）/1/（2）",
                "一/（一）/2",
                "二",
                "附件1",
                "附件1/一"
            ]
        );
        assert_eq!(p[2].titles.iter().map(|t| &**t).collect::<Vec<_>>(), ["总体要求", "主要目标"]);
    }

    #[test]
    fn numbers_are_not_headings() {
        let t = Text::new("2010年，全省规模以上工业实现产值13213.2亿元。\n1.5万辆".to_string());
        assert!(parse(&t).iter().all(|p| p.heading.is_none()));
    }
}
