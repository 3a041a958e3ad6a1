//! The quantity grammar: every number in a normalised text, read with its range, unit
//! and qualifier, or recognised as something that is not a quantity (a year, a date, a
//! document number, an ordinal, a code such as H7). Nothing is dropped: each Arabic digit
//! run becomes exactly one token.

use crate::numeral::{is_chinese_numeral_char, parse_arabic, parse_chinese};
use crate::text::Text;
use crate::units::{UnitLexicon, UnitMatch};
use std::ops::ControlFlow;


/// Words that make `a:b` a ratio (轻重工业比重40:60, 调整到3:7); looked for in the chars
/// just before the first term.
const RATIO_CONTEXT: [&str; 9] = ["比重", "比例", "结构", "之比", "比为", "配比", "比率", "调整到", "调整为"];
const RATIO_CONTEXT_CHARS: usize = 16;

/// How a value relates to its goal: 达到 (eq), 以上 (ge), 以下 (le), 左右 (approx), 2-3个 (range).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Qualifier {
    Eq,
    Ge,
    Le,
    Approx,
    Range,
    Gt,
    Lt,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Eq => "eq",
            Qualifier::Ge => "ge",
            Qualifier::Le => "le",
            Qualifier::Approx => "approx",
            Qualifier::Range => "range",
            Qualifier::Gt => "gt",
            Qualifier::Lt => "lt",
        }
    }
}

/// What a number token is, before any sentence-level reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TokenKind {
    /// A value with a unit (5000亿元, 11%, 60个).
    Quantity,
    /// A number with no unit (由65.8提高到81).
    Bare,
    /// A calendar year (2017年, 二○一二年).
    Year,
    /// A span of years (2017-2020年).
    YearRange,
    /// Month or day of a date (6月24日).
    Date,
    /// Part of a document number (吉政发〔2014〕23号).
    DocNumber,
    /// A list marker or ordinal (1., (2), 第三).
    Ordinal,
    /// Part of a name or code (H7, 3D打印, 《中国制造2025》).
    Code,
}

/// One number as read from the text. Offsets are chars.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    /// Span of the whole token: number(s), unit and any suffix qualifier (以上, 左右).
    pub start: usize,
    pub end: usize,
    /// Span of the first number alone.
    pub num_start: usize,
    pub num_end: usize,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: Option<UnitMatch>,
    /// Char offset where the unit is written (so the original spelling can be quoted).
    pub unit_start: usize,
    pub qualifier: Qualifier,
    /// Written in Chinese numerals (三十, 百).
    pub chinese: bool,
}

const GE_BEFORE: [&str; 12] = ["不少于", "不低于", "至少", "超过", "突破", "高于", "多于", "超", "跨越", "迈上", "站上", "迈过"];
const LE_BEFORE: [&str; 6] = ["不超过", "不高于", "控制在", "少于", "以内", "低于"];
const APPROX_BEFORE: [&str; 3] = ["约", "近", "大约"];

/// Read every number of `text` between char offsets `start` and `end`.
pub fn scan(text: &Text, lexicon: &UnitLexicon, start: usize, end: usize) -> Vec<Token> {
    let cs = text.norm_chars(start, end);
    let norm = text.norm_str();
    let n = cs.len();
    let mut out = Vec::new();
    let mut in_title = 0i32; // depth inside 《》
    let mut i = 0;
    while i < n {
        let c = cs[i];
        match c {
            '《' => in_title += 1,
            '》' => in_title = (in_title - 1).max(0),
            _ => {}
        }
        let arabic = c.is_ascii_digit() && !(i > 0 && (cs[i - 1].is_ascii_digit() || cs[i - 1] == '.'));
        let chinese = !arabic && is_chinese_numeral_char(c) && !(i > 0 && is_chinese_numeral_char(cs[i - 1]));
        if !arabic && !chinese {
            // 突破万亿元: 万亿 with no number before it is one 万亿.
            let bare_magnitude = c == '万' && i > 0 && !cs[i - 1].is_ascii_digit() && !is_chinese_numeral_char(cs[i - 1]);
            if let Some(t) = bare_magnitude.then(|| word_quantity(cs, lexicon, start, i, i + 1, f64::NAN)).flatten() {
                i = t.end - start;
                out.push(t);
                continue;
            }
            i += 1;
            continue;
        }
        let j = if arabic {
            arabic_end(cs, i)
        } else {
            i + cs[i..].iter().take_while(|&&c| is_chinese_numeral_char(c)).count()
        };
        // `cs` holds the chars of the normalised text, so its slices are slices of that text.
        let num = text.norm_slice(start + i, start + j);
        let value = if arabic { parse_arabic(num) } else { parse_chinese(num) };
        let Some(value) = value else {
            if arabic {
                // Unreadable (e.g. 10^400 digits): still one token, classified as code.
                out.push(simple(TokenKind::Code, start + i, start + j, f64::NAN));
            }
            i = j;
            continue;
        };
        // 2万6000亿元: ten-thousands and the rest written as one number (26000亿元).
        let (j, value) = match mixed_wan(cs, i, j, arabic) {
            Some((end, rest)) => (end, value * 10_000.0 + rest),
            None => (j, value),
        };
        // A minus sign after a word, not between numbers or inside a code (为-4.34‰; not
        // 3-5个, 2019-03-01, GB-2000).
        let negative = arabic
            && i > 0
            && matches!(cs[i - 1], '-' | '−')
            && (i < 2 || !(cs[i - 2].is_ascii_alphanumeric() || cs[i - 2] == '.' || cs[i - 2] == '-'));
        let value = if negative { -value } else { value };
        if let Some(t) = (!arabic).then(|| word_quantity(cs, lexicon, start, i, j, value)).flatten() {
            i = t.end - start;
            out.push(t);
            continue;
        }
        let at = NumberAt {
            cs,
            norm,
            text,
            lexicon,
            base: start,
            i,
            j,
            value,
            chinese: !arabic,
            in_title: in_title > 0,
            para_start: at_line_start(cs, i),
        };
        let tok = at.read_token();
        match tok {
            Some(t) => {
                i = t.end - start;
                out.push(t);
            }
            None => i = j,
        }
    }
    out
}

/// After an Arabic integer ending at `j`: 万 and up to four more digits (2万6000), the end
/// of those digits and their value.
fn mixed_wan(cs: &[char], i: usize, j: usize, arabic: bool) -> Option<(usize, f64)> {
    if !arabic || cs.get(j) != Some(&'万') || cs[i..j].contains(&'.') {
        return None;
    }
    let k = j + 1;
    let e = k + cs[k..].iter().take_while(|c| c.is_ascii_digit()).count();
    if e == k || e - k > 4 || cs.get(e) == Some(&'.') {
        return None;
    }
    let rest: String = cs[k..e].iter().collect();
    Some((e, rest.parse::<f64>().ok()?))
}

/// Does only whitespace stand between the last line break (or the start) and char `i`?
/// Asked only where a number starts, it looks back over the blank run just before that
/// number; a run precedes at most one number, so all the asking stays linear.
fn at_line_start(cs: &[char], i: usize) -> bool {
    for &c in cs[..i].iter().rev() {
        if c == '\n' {
            return true;
        }
        if !c.is_whitespace() {
            return false;
        }
    }
    true
}

fn simple(kind: TokenKind, s: usize, e: usize, value: f64) -> Token {
    Token {
        kind,
        start: s,
        end: e,
        num_start: s,
        num_end: e,
        value,
        value_max: None,
        unit: None,
        unit_start: e,
        qualifier: Qualifier::Eq,
        chinese: false,
    }
}

fn arabic_end(cs: &[char], i: usize) -> usize {
    let mut j = i;
    let mut seen_dot = false;
    while j < cs.len() {
        let c = cs[j];
        if c.is_ascii_digit() {
            j += 1;
        } else if c == '.' && !seen_dot && cs.get(j + 1).is_some_and(|d| d.is_ascii_digit()) {
            seen_dot = true;
            j += 1;
        } else if c == ','
            && !seen_dot
            && cs.len() > j + 3
            && cs[j + 1..j + 4].iter().all(|d| d.is_ascii_digit())
            && !cs.get(j + 4).is_some_and(|d| d.is_ascii_digit())
            && j - i <= 3
        {
            j += 4;
        } else {
            break;
        }
    }
    j
}

fn unit_at(norm: &str, text: &Text, lexicon: &UnitLexicon, at_char: usize) -> Option<UnitMatch> {
    lexicon.match_at(norm, text.norm_byte(at_char))
}

/// A number `scan` found at chars `i..j` of `cs`, with what reading it needs of its
/// surroundings, so the phases of the reading share it instead of passing a dozen
/// arguments each.
struct NumberAt<'a> {
    cs: &'a [char],
    norm: &'a str,
    text: &'a Text,
    lexicon: &'a UnitLexicon,
    /// Char offset of `cs` in the whole text.
    base: usize,
    i: usize,
    j: usize,
    value: f64,
    chinese: bool,
    in_title: bool,
    para_start: bool,
}

impl NumberAt<'_> {
    /// Read the number at chars `i..j` of `cs` (already parsed to `value`) into one token: a
    /// year, date, document number, code or ordinal if it is one, else a quantity with its
    /// unit, range and qualifier. `None` where a Chinese numeral is a word, not a number.
    fn read_token(&self) -> Option<Token> {
        // The order matters: the first reading that recognises the number decides it.
        if let ControlFlow::Break(tok) = self.year_or_span() {
            return tok;
        }
        if let ControlFlow::Break(tok) = self.date_code_or_ordinal() {
            return tok;
        }
        if let ControlFlow::Break(tok) = self.ratio_or_time() {
            return tok;
        }
        self.quantity()
    }

    /// The char at `k`, or NUL past the end, so looking ahead needs no bounds checks.
    fn at(&self, k: usize) -> char {
        self.cs.get(k).copied().unwrap_or('\0')
    }

    /// The char `k` places before the number, or NUL before the start.
    fn before(&self, k: usize) -> char {
        if self.i >= k {
            self.at(self.i - k)
        } else {
            '\0'
        }
    }

    /// A char offset of `cs` as an offset of the whole text.
    fn abs(&self, k: usize) -> usize {
        self.base + k
    }

    /// The unit written at char `k` of `cs`, if any.
    fn unit_at(&self, k: usize) -> Option<UnitMatch> {
        unit_at(self.norm, self.text, self.lexicon, self.abs(k))
    }

    /// The number alone as a plain quantity: what each reading starts from and amends.
    fn token(&self) -> Token {
        Token {
            kind: TokenKind::Quantity,
            start: self.abs(self.i),
            end: self.abs(self.j),
            num_start: self.abs(self.i),
            num_end: self.abs(self.j),
            value: self.value,
            value_max: None,
            unit: None,
            unit_start: self.abs(self.j),
            qualifier: Qualifier::Eq,
            chinese: self.chinese,
        }
    }

    /// Years and spans of years: 2017年, 二○一二年, 2017-2020年, 2006-2010.
    fn year_or_span(&self) -> ControlFlow<Option<Token>> {
        let (cs, i, j, chinese) = (self.cs, self.i, self.j, self.chinese);
        let mut tok = self.token();
        let ndigits = j - i;
        let is_yearish = |v: f64, len: usize| len == 4 && (1900.0..=2100.0).contains(&v);
        if is_yearish(self.value, ndigits) {
            if self.at(j) == '-' || self.at(j) == '至' || self.at(j) == '~' {
                let k = j + 1;
                let e = k + cs[k..].iter().take_while(|c| c.is_ascii_digit() || chinese_digit_char(**c)).count();
                let v2 = self.text.norm_slice(self.abs(k), self.abs(e));
                if let Some(v2) = parse_arabic(v2).or_else(|| parse_chinese(v2)) {
                    if is_yearish(v2, e - k) {
                        tok.kind = TokenKind::YearRange;
                        tok.value_max = Some(v2);
                        tok.end = self.abs(if self.at(e) == '年' { e + 1 } else { e });
                        return ControlFlow::Break(Some(tok));
                    }
                }
            }
            if self.at(j) == '年' || (!chinese && !self.at(j).is_ascii_alphanumeric() && self.unit_at(j).is_none()) {
                tok.kind = TokenKind::Year;
                tok.end = self.abs(if self.at(j) == '年' { j + 1 } else { j });
                if self.before(1) == '〔' || self.before(1) == '[' {
                    tok.kind = TokenKind::DocNumber;
                }
                if self.in_title {
                    tok.kind = TokenKind::Code;
                }
                return ControlFlow::Break(Some(tok));
            }
        }
        if chinese && ndigits >= 2 && cs[i..j].iter().all(|c| chinese_digit_char(*c)) && self.at(j) == '年' {
            tok.kind = TokenKind::Year;
            tok.end = self.abs(j + 1);
            return ControlFlow::Break(Some(tok));
        }
        ControlFlow::Continue(())
    }

    /// Dates (6月24日), document numbers (〔2014〕23号), codes (H7, 《…2025》) and
    /// ordinals (1., (2), 第三): numbers that count or measure nothing.
    fn date_code_or_ordinal(&self) -> ControlFlow<Option<Token>> {
        let j = self.j;
        let mut tok = self.token();
        if self.at(j) == '月' || self.at(j) == '日' {
            tok.kind = TokenKind::Date;
            tok.end = self.abs(j + 1);
            return ControlFlow::Break(Some(tok));
        }
        if !self.chinese {
            if self.at(j) == '号' || self.before(1) == '〔' || self.at(j) == '〕' {
                tok.kind = TokenKind::DocNumber;
                return ControlFlow::Break(Some(tok));
            }
            if self.before(1).is_ascii_alphabetic() || self.in_title {
                tok.kind = TokenKind::Code;
                return ControlFlow::Break(Some(tok));
            }
            // Outline markers: 1. at a paragraph start, (1) anywhere.
            if self.para_start && matches!(self.at(j), '.' | '、') && j - self.i <= 2 {
                tok.kind = TokenKind::Ordinal;
                tok.end = self.abs(j + 1);
                return ControlFlow::Break(Some(tok));
            }
            if self.before(1) == '(' && self.at(j) == ')' {
                tok.kind = TokenKind::Ordinal;
                return ControlFlow::Break(Some(tok));
            }
        }
        if self.before(1) == '第' {
            // 第三届 is an ordinal, and so is a rank (居全国第9位): a position in someone
            // else's list, not a quantity of the place (the audit keeps it as an ordinal).
            if self.chinese {
                return ControlFlow::Break(None);
            }
            tok.kind = TokenKind::Ordinal;
            return ControlFlow::Break(Some(tok));
        }
        ControlFlow::Continue(())
    }

    /// Ratio 40:60: the first term is the value (as the gold convention has it); the unit
    /// 比 is not written, so it has no width. A colon between numbers is a ratio only where
    /// the words before it speak of one (比重、比例、结构…): otherwise it is a clock time
    /// (09:30 in a news dateline) or a score, never a value.
    fn ratio_or_time(&self) -> ControlFlow<Option<Token>> {
        let (cs, i, j) = (self.cs, self.i, self.j);
        if self.chinese || self.at(j) != ':' || !self.at(j + 1).is_ascii_digit() {
            return ControlFlow::Continue(());
        }
        let mut tok = self.token();
        let window: String = cs[i.saturating_sub(RATIO_CONTEXT_CHARS)..i].iter().collect();
        if !RATIO_CONTEXT.iter().any(|w| window.contains(w)) {
            tok.kind = TokenKind::Date;
            tok.end = self.abs(arabic_end(cs, j + 1));
            return ControlFlow::Break(Some(tok));
        }
        let e = arabic_end(cs, j + 1);
        tok.end = self.abs(e);
        tok.unit = Some(UnitMatch {
            surface: "比".into(),
            id: "ratio".into(),
            dimension: "ratio".into(),
            base: "ratio".into(),
            factor: 1.0,
            chars: 0,
            spec: false,
        });
        ControlFlow::Break(Some(tok))
    }

    /// Unit, then an optional range (2-3个, 40%至45%), then a suffix qualifier; a number
    /// with none of them is bare, or a code (3D, 5G), or for a Chinese numeral a word.
    fn quantity(&self) -> Option<Token> {
        let (cs, i, j, chinese) = (self.cs, self.i, self.j, self.chinese);
        let mut tok = self.token();
        let (mut k, mut unit, more_than) = self.unit_after_number(&mut tok);
        self.second_number(&mut tok, &mut k, &mut unit);
        if unit.is_none() {
            if chinese {
                return None; // a Chinese numeral with no unit is a word (一致, 统一…)
            }
            if self.at(j).is_ascii_alphabetic() {
                tok.kind = TokenKind::Code; // 3D, 5G
                tok.end = self.abs(j + cs[j..].iter().take_while(|c| c.is_ascii_alphanumeric()).count());
                return Some(tok);
            }
            tok.kind = TokenKind::Bare;
        } else if chinese
            && !chinese_quantity_ok(self.value, unit.as_ref(), self.before(1), &cs[i.saturating_sub(3)..i])
        {
            return None; // 一个, 两种, 三次全会, “五个”: words, not quantities
        }
        if tok.qualifier != Qualifier::Range {
            k = self.single_value_qualifier(&mut tok, k, more_than);
        }
        tok.end = self.abs(k);
        tok.unit = unit;
        Some(tok)
    }

    /// The unit right after the number, if any: where reading goes on past it, the unit,
    /// and whether 余/多 said "more than". Moves `tok.unit_start` where the unit is not
    /// at the number's end.
    fn unit_after_number(&self, tok: &mut Token) -> (usize, Option<UnitMatch>, bool) {
        let mut k = self.j;
        let mut unit = self.unit_at(k);
        // Pages taken from the web often set a space between a number and its unit (达到 1080 亿元).
        if unit.is_none() && self.at(k) == ' ' && !self.chinese {
            if let Some(u) = self.unit_at(k + 1) {
                k += 1;
                tok.unit_start = self.abs(k);
                unit = Some(u);
            }
        }
        // 6000余户 / 300多家: more than the number, in the unit after 余 or 多.
        let mut more_than = false;
        if unit.is_none() && matches!(self.at(k), '余' | '多') {
            if let Some(u) = self.unit_at(k + 1) {
                k += 1;
                tok.unit_start = self.abs(k);
                unit = Some(u);
                more_than = true;
            }
        }
        if let Some(u) = &unit {
            k += u.chars;
        }
        (k, unit, more_than)
    }

    /// A range's second number at `k` (2-3个, 40%至45%, 三至五年), read only where a unit
    /// of one dimension goes with it; it moves `k` past it and its unit, which then wins.
    fn second_number(&self, tok: &mut Token, k: &mut usize, unit: &mut Option<UnitMatch>) {
        let (cs, chinese) = (self.cs, self.chinese);
        if !matches!(self.at(*k), '-' | '~' | '至') {
            return;
        }
        let s2 = *k + 1;
        let (e2, v2) = if self.at(s2).is_ascii_digit() && !chinese {
            let e = arabic_end(cs, s2);
            (e, parse_arabic(self.text.norm_slice(self.abs(s2), self.abs(e))))
        } else if chinese && is_chinese_numeral_char(self.at(s2)) {
            let e = s2 + cs[s2..].iter().take_while(|&&c| is_chinese_numeral_char(c)).count();
            (e, parse_chinese(self.text.norm_slice(self.abs(s2), self.abs(e))))
        } else {
            (s2, None)
        };
        let Some(v2) = v2 else { return };
        let unit2 = self.unit_at(e2);
        let compatible = match (&*unit, &unit2) {
            (Some(a), Some(b)) => a.dimension == b.dimension,
            _ => true,
        };
        // An inverted range (30-20个) is still read as a range: validation reports it.
        if compatible && (unit.is_some() || unit2.is_some()) {
            tok.value_max = Some(v2);
            tok.qualifier = Qualifier::Range;
            *k = e2 + unit2.as_ref().map_or(0, |u| u.chars);
            if unit2.is_some() {
                *unit = unit2;
                tok.unit_start = self.abs(e2);
            }
        }
    }

    /// The qualifier of a single value, set on `tok`: a suffix word at `k` (以上, 左右),
    /// else a word before the number (突破, 控制在); returns where the token ends.
    fn single_value_qualifier(&self, tok: &mut Token, mut k: usize, more_than: bool) -> usize {
        let (cs, i, text) = (self.cs, self.i, self.text);
        let rest = text.norm_slice(self.abs(k), self.abs((k + 2).min(cs.len())));
        tok.qualifier = match rest {
            "以上" => Qualifier::Ge,
            "以下" | "以内" => Qualifier::Le,
            "左右" | "上下" => Qualifier::Approx,
            _ => Qualifier::Eq,
        };
        if tok.qualifier != Qualifier::Eq {
            k += 2;
        } else {
            tok.qualifier = prefix_qualifier(cs, i);
        }
        // 上200亿元台阶 / 迈上千亿元台阶: at least the level named.
        let step = i > 0
            && cs[i - 1] == '上'
            && text.norm_slice(self.abs(k), self.abs((k + 3).min(cs.len()))).trim_start_matches('的').starts_with("台阶");
        if (more_than || step) && tok.qualifier == Qualifier::Eq {
            tok.qualifier = Qualifier::Ge;
        }
        k
    }
}

/// Multiples and tenths written as words: 翻一番 / 翻两番 (×2, ×4, in 倍) and 三成 (30, in
/// %). The unit is the one the words mean, quoted by its standard spelling (the number's
/// words stay in the quote).
fn word_quantity(cs: &[char], lexicon: &UnitLexicon, base: usize, i: usize, j: usize, value: f64) -> Option<Token> {
    let at = |k: usize| cs.get(k).copied().unwrap_or('\0');
    let unit = |surface: &str| {
        lexicon.match_at(surface, 0).filter(|u| u.chars == surface.chars().count()).map(|u| UnitMatch { chars: 0, ..u })
    };
    // 突破万亿元: a magnitude with no number before it is one of it.
    let magnitude_only = at(i) == '万' && at(i + 1) == '亿' && !(i > 0 && is_chinese_numeral_char(at(i - 1)));
    if magnitude_only {
        let u = lexicon.match_at(&cs[i..(i + 4).min(cs.len())].iter().collect::<String>(), 0).filter(|u| u.surface.starts_with("万亿"))?;
        let end = i + u.chars;
        return Some(Token {
            kind: TokenKind::Quantity,
            start: base + i,
            end: base + end,
            num_start: base + i,
            num_end: base + i,
            value: 1.0,
            value_max: None,
            unit: Some(u),
            unit_start: base + i,
            qualifier: prefix_qualifier(cs, i),
            chinese: true,
        });
    }
    let (start, end, value, unit) = if i > 0 && at(i - 1) == '翻' && at(j) == '番' && (1.0..=3.0).contains(&value) {
        (i - 1, j + 1, 2f64.powf(value), unit("倍")?)
    } else if j == i + 1
        && at(j) == '成'
        && (1.0..=9.0).contains(&value)
        && !(i > 0 && is_chinese_numeral_char(at(i - 1)))
        && (j + 1 >= cs.len() || "以左上下，,。、；;）)".contains(at(j + 1)))
    {
        (i, j + 1, value * 10.0, unit("%")?)
    } else {
        return None;
    };
    let (qualifier, end) = match (at(end), at(end + 1)) {
        ('以', '上') => (Qualifier::Ge, end + 2),
        ('左', '右') => (Qualifier::Approx, end + 2),
        _ => (Qualifier::Eq, end),
    };
    Some(Token {
        kind: TokenKind::Quantity,
        start: base + start,
        end: base + end,
        num_start: base + i,
        num_end: base + j,
        value,
        value_max: None,
        unit: Some(unit),
        unit_start: base + j,
        qualifier,
        chinese: true,
    })
}

/// Chinese numerals are read as quantities only where the language uses them for
/// amounts: with a magnitude unit (千亿元, 百万平方米, 千万吨) or a large value with a
/// measure unit. Small counts (两个, 九大, 三次) name lists and sessions far more often,
/// except right after a verb that creates what it counts (建设两个创新中心, 新增五十家).
fn chinese_quantity_ok(value: f64, unit: Option<&UnitMatch>, before: char, preceding: &[char]) -> bool {
    let Some(u) = unit else { return false };
    if before == '“' || &*u.dimension == "rank" {
        return false;
    }
    if &*u.dimension == "count" {
        let preceding: String = preceding.iter().collect();
        return value >= 2.0 && COUNT_VERBS.iter().any(|v| preceding.ends_with(v));
    }
    u.chars >= 2 || value >= 100.0
}

/// Verbs that create or add what a Chinese-numeral count after them counts.
const COUNT_VERBS: [&str; 12] = ["建设", "培育", "打造", "新增", "建成", "创建", "新建", "引进", "形成", "再建", "组建", "布局"];

fn chinese_digit_char(c: char) -> bool {
    crate::numeral::chinese_digit(c).is_some()
}

/// Qualifier words written just before the number (突破8000亿元, 控制在13.02万吨).
fn prefix_qualifier(cs: &[char], i: usize) -> Qualifier {
    let from = i.saturating_sub(4);
    let before: String = cs[from..i].iter().filter(|c| !c.is_whitespace()).collect();
    // Longest word wins: 不超过 (le) over 超过 (ge), 不少于 (ge) over 少于 (le).
    let lists =
        [(&LE_BEFORE[..], Qualifier::Le), (&GE_BEFORE[..], Qualifier::Ge), (&APPROX_BEFORE[..], Qualifier::Approx)];
    lists
        .iter()
        .flat_map(|(words, q)| words.iter().filter(|w| before.ends_with(*w)).map(move |w| (w.chars().count(), *q)))
        .max_by_key(|(len, _)| *len)
        .map_or(Qualifier::Eq, |(_, q)| q)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Looking back from a char answers what one forward pass over the chars answers.
        #[test]
        fn line_start_by_looking_back_equals_a_forward_pass(cs in proptest::collection::vec(proptest::sample::select(vec!['\n', ' ', '\u{3000}', '\t', 'a', '一', '1']), 0..30)) {
            let mut blank = true;
            for (i, &c) in cs.iter().enumerate() {
                prop_assert_eq!(at_line_start(&cs, i), blank, "at {}", i);
                if c == '\n' {
                    blank = true;
                } else if !c.is_whitespace() {
                    blank = false;
                }
            }
            prop_assert_eq!(at_line_start(&cs, cs.len()), blank);
        }
    }

    use super::*;
    use crate::units::test_table;

    fn read(s: &str) -> Vec<Token> {
        let t = Text::new(s.to_string());
        scan(&t, &UnitLexicon::new(&test_table()), 0, t.char_len())
    }

    fn one(s: &str) -> (TokenKind, f64, Option<f64>, String, Qualifier) {
        let toks = read(s);
        let q = toks
            .iter()
            .find(|t| t.kind == TokenKind::Quantity || t.kind == TokenKind::Bare)
            .unwrap_or_else(|| panic!("{s}: {toks:?}"));
        (q.kind, q.value, q.value_max, q.unit.as_ref().map(|u| u.surface.clone()).unwrap_or_default(), q.qualifier)
    }

    #[test]
    fn ten_thousands_and_the_rest_in_one_number() {
        assert_eq!(one("达到2万6000亿元"), (TokenKind::Quantity, 26000.0, None, "亿元".to_string(), Qualifier::Eq));
        assert_eq!(one("达到1.6万亿元"), (TokenKind::Quantity, 1.6, None, "万亿元".to_string(), Qualifier::Eq));
    }

    #[test]
    fn chinese_counts_after_a_creating_verb() {
        assert_eq!(one("建设两个国家级创新中心").1, 2.0);
        assert_eq!(one("新增五十家专精特新企业").1, 50.0);
        for words in ["坚持两个毫不动摇", "一个中心", "实现三个转变"] {
            let toks = read(words);
            assert!(toks.iter().all(|t| t.kind != TokenKind::Quantity), "{words}: {toks:?}");
        }
    }

    #[test]
    fn a_rank_is_an_ordinal() {
        let toks = read("居全国第9位");
        assert!(toks.iter().all(|t| t.kind == TokenKind::Ordinal), "{toks:?}");
    }

    #[test]
    fn a_colon_without_ratio_words_is_a_time() {
        let toks = read("发布时间：2019-03-01 09:30");
        assert!(toks.iter().all(|t| t.kind != TokenKind::Quantity), "{toks:?}");
    }

    #[test]
    fn values_units_qualifiers() {
        use Qualifier::*;
        use TokenKind::*;
        let cases: &[(&str, (TokenKind, f64, Option<f64>, &str, Qualifier))] = &[
            ("达到５０００亿元", (Quantity, 5000.0, None, "亿元", Eq)),
            ("年均增长１１％", (Quantity, 11.0, None, "%", Eq)),
            ("２万亿元", (Quantity, 2.0, None, "万亿元", Eq)),
            ("建设60个左右重点产业集群", (Quantity, 60.0, None, "个", Approx)),
            ("外商投资主体增至6000余户", (Quantity, 6000.0, None, "户", Ge)),
            ("新增企业300多家", (Quantity, 300.0, None, "家", Ge)),
            ("利润总额增长为-4.3%，3-5个", (Quantity, -4.3, None, "%", Eq)),
            ("工业总产值比2015年翻一番", (Quantity, 2.0, None, "倍", Eq)),
            ("经济总量翻两番以上", (Quantity, 4.0, None, "倍", Ge)),
            ("数字经济占比达到三成", (Quantity, 30.0, None, "%", Eq)),
            ("汽车产业产值突破万亿元", (Quantity, 1.0, None, "万亿元", Ge)),
            ("主营业务收入上700亿元台阶", (Quantity, 700.0, None, "亿元", Ge)),
            ("经济总量跨越6万亿元", (Quantity, 6.0, None, "万亿元", Ge)),
            ("达到2-3个", (Quantity, 2.0, Some(3.0), "个", Range)),
            ("达到20—30个", (Quantity, 20.0, Some(30.0), "个", Range)),
            ("下降40％至45％", (Quantity, 40.0, Some(45.0), "%", Range)),
            ("１—２个主导产业", (Quantity, 1.0, Some(2.0), "个", Range)),
            ("突破8000亿元", (Quantity, 8000.0, None, "亿元", Ge)),
            ("控制在１３.０２万吨", (Quantity, 13.02, None, "万吨", Le)),
            ("不少于1万个", (Quantity, 1.0, None, "万个", Ge)),
            ("提高2个百分点", (Quantity, 2.0, None, "个百分点", Eq)),
            ("百万平方米的生产能力", (Quantity, 100.0, None, "万平方米", Eq)),
            ("千亿元的产业集群", (Quantity, 1000.0, None, "亿元", Eq)),
            ("由65.8提高到", (Bare, 65.8, None, "", Eq)),
            ("2.5万吨/年", (Quantity, 2.5, None, "万吨/年", Eq)),
            ("比重40∶60", (Quantity, 40.0, None, "比", Eq)),
        ];
        for (s, (k, v, vmax, u, q)) in cases {
            assert_eq!(one(s), (*k, *v, *vmax, u.to_string(), *q), "{s}");
        }
    }

    #[test]
    fn non_quantities_are_classified() {
        let kinds = |s: &str| read(s).into_iter().map(|t| t.kind).collect::<Vec<_>>();
        use TokenKind::*;
        assert_eq!(kinds("到2017年"), [Year]);
        assert_eq!(kinds("二○一二年一月二十九日"), [Year, Date, Date]);
        assert_eq!(kinds("行动计划（2017－2020年）"), [YearRange]);
        assert_eq!(kinds("吉政发〔２０１４〕２３号"), [DocNumber, DocNumber]);
        assert_eq!(kinds("1.规模效益"), [Ordinal]);
        assert_eq!(kinds("（2）汽车"), [Ordinal]);
        assert_eq!(kinds("红旗H7轿车"), [Code]);
        assert_eq!(kinds("3D打印"), [Code]);
        assert_eq!(kinds("《中国制造2025》"), [Code]);
        assert!(kinds("统一规划、一个团队").is_empty());
        assert!(kinds("省委十届三次全会、“五个一”、两种资源、九大产业").is_empty());
    }

    #[test]
    fn enormous_number_is_one_code_token() {
        let s = "9".repeat(400) + "亿元";
        let t = read(&s);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].kind, TokenKind::Code);
    }
}
