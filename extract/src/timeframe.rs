//! Years and periods: what each year in a sentence does (a due date 到2017年, a baseline
//! 比2013年 / 由2012年的, a point in time 2010年), and the five-year plan periods
//! (“十二五” = 2011–2015) that give a year when nothing nearer does.

use crate::quantity::{Token, TokenKind};
use crate::text::Text;
use regex::Regex;
use std::sync::LazyLock;

/// What a year does in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRole {
    /// 到2017年, 2017年前, 至2020年末: the goal is due then.
    Due,
    /// 比2013年, 较2014年, 与2013年相比, 以2013年为基数: the comparison base.
    Base,
    /// 由2012年的35%: the value right after is the baseline, measured that year.
    From,
    /// 2010年, 2017年的: a point in time, read by context.
    At,
}

/// A year as used in a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearAnchor {
    pub year: i32,
    pub role: YearRole,
    /// Char span of the year expression (including 年).
    pub start: usize,
    pub end: usize,
    /// Directly followed by 的 and a value (2017年的8.2%): that value's year.
    pub attaches_to_next: bool,
}

/// Read the role of every year token.
pub fn anchors(text: &Text, tokens: &[Token]) -> Vec<YearAnchor> {
    let mut out = Vec::new();
    for t in tokens {
        if t.kind != TokenKind::Year {
            continue;
        }
        let before = text.norm_slice(t.start.saturating_sub(4), t.start);
        let after = text.norm_slice(t.end, (t.end + 4).min(text.char_len()));
        if is_date_tail(after) {
            continue; // 2014年6月24日 is a signature date, not a year the text reasons with
        }
        let role = if ends_with_any(before, &["由", "从", "自"]) {
            YearRole::From
        } else if ends_with_any(before, &["比", "较", "与", "同", "以", "相对"]) || after.starts_with("相比") {
            YearRole::Base
        } else if ends_with_any(before, &["到", "至", "在", "于", "争取", "力争", "确保"])
            || starts_with_any(after, &["前", "底前", "末", "年底", "底"])
        {
            YearRole::Due
        } else {
            YearRole::At
        };
        out.push(YearAnchor {
            year: t.value as i32,
            role,
            start: t.start,
            end: t.end,
            attaches_to_next: after.starts_with('的'),
        });
    }
    out
}

/// Does the text after a year continue as a date (6月24日, 一月二十九日)?
fn is_date_tail(after: &str) -> bool {
    let n = after.chars().take_while(|c| c.is_ascii_digit() || crate::numeral::is_chinese_numeral_char(*c)).count();
    n > 0 && n <= 3 && after.chars().nth(n) == Some('月')
}

fn ends_with_any(s: &str, words: &[&str]) -> bool {
    let s = s.trim_end();
    words.iter().any(|w| s.ends_with(w))
}

fn starts_with_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.starts_with(w))
}

/// Five-year plan periods named in a text: “十二五” → (2011, 2015).
pub fn five_year_plan(name: &str) -> Option<(i32, i32)> {
    let n = match name {
        "十五" => 10,
        "十一五" => 11,
        "十二五" => 12,
        "十三五" => 13,
        "十四五" => 14,
        "十五五" => 15,
        _ => return None,
    };
    // The 11th plan ran 2006–2010; each plan runs five years.
    let start = 2006 + (n - 11) * 5;
    Some((start, start + 4))
}

/// The names of five-year plans, in one pattern: no two occurrences of them can overlap.
static PLAN_NAMES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("十一五|十二五|十三五|十四五|十五五").expect("static regex"));

/// The period of the first five-year plan named in `s` (“十三五”发展成就 → 2016–2020).
pub fn plan_named_in(s: &str) -> Option<(i32, i32)> {
    PLAN_NAMES.find(s).and_then(|m| five_year_plan(m.as_str()))
}

/// Every five-year plan name in the text with its char span.
pub fn plan_mentions(text: &Text) -> Vec<(usize, usize, (i32, i32))> {
    let mut out: Vec<_> = PLAN_NAMES
        .find_iter(text.norm_str())
        .map(|m| {
            let s = text.char_at_norm_byte(m.start());
            (s, s + 3, five_year_plan(m.as_str()).expect("known plan"))
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::scan;
    use crate::units::{test_table, UnitLexicon};

    fn roles(s: &str) -> Vec<(i32, YearRole)> {
        let t = Text::new(s.to_string());
        let toks = scan(&t, &UnitLexicon::new(&test_table()), 0, t.char_len());
        anchors(&t, &toks).into_iter().map(|a| (a.year, a.role)).collect()
    }

    #[test]
    fn year_roles() {
        use YearRole::*;
        assert_eq!(roles("到2017年，总产值达到5000亿元"), [(2017, Due)]);
        assert_eq!(roles("比2013年下降16％"), [(2013, Base)]);
        assert_eq!(roles("与２０１３年相比实现六个明显转变"), [(2013, Base)]);
        assert_eq!(roles("由2012年的35％提高到2017年的70％"), [(2012, From), (2017, Due)]);
        assert_eq!(roles("2010年，全省实现产值"), [(2010, At)]);
        assert_eq!(roles("2018年底前完成"), [(2018, Due)]);
    }

    #[test]
    fn plan_periods() {
        assert_eq!(five_year_plan("十二五"), Some((2011, 2015)));
        assert_eq!(five_year_plan("十三五"), Some((2016, 2020)));
        assert_eq!(five_year_plan("十一五"), Some((2006, 2010)));
    }
}
