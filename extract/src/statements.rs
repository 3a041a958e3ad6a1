//! Targets and observations: reads each sentence's quantities against its years, verbs
//! and outline context and decides, for every value, whether it is a goal the document
//! sets (target), a statistic it reports (observation), the baseline of a goal, or part
//! of a noun phrase. One statement per value; 分别 lists distribute baselines by position.

use crate::audit::NumberClass;
use crate::cursor::Cursor;
use crate::outline::{Paragraph, Titles};
use crate::quantity::{Token, TokenKind};
use crate::segment::{clauses, sentences, Span};
use crate::text::{is_han, Text};
use crate::timeframe::{anchors, plan_mentions, YearAnchor, YearRole};
use crate::units::is_physical;
use crate::words::{WordSpans, Words};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

/// Section paths are hashed for nearly every paragraph: a fast, fixed-seed hasher (with
/// SipHash, hashing cost as much as the rest of the look-ups).
type SectionMap<V> = HashMap<Arc<str>, V, foldhash::fast::FixedState>;

/// Target or observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatementKind {
    Target,
    Observation,
}

/// What sort of value a statement gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ValueKind {
    Level,
    Share,
    GrowthRate,
    Change,
    Count,
    Capacity,
    Ratio,
}

impl ValueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ValueKind::Level => "level",
            ValueKind::Share => "share",
            ValueKind::GrowthRate => "growth_rate",
            ValueKind::Change => "change",
            ValueKind::Count => "count",
            ValueKind::Capacity => "capacity",
            ValueKind::Ratio => "ratio",
        }
    }
}

/// A baseline stated with a goal (由3255亿元增长到…).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Baseline {
    pub value: Option<f64>,
    pub unit_raw: Option<String>,
    pub year: Option<i32>,
    /// The base year is written in the sentence (由2015年的…, 比2013年…), not inherited
    /// from a lead-in (与2013年相比实现六个转变：…).
    pub year_written: bool,
    /// Where the baseline's number is written (char offset), when it is a number of the
    /// sentence (比2013年下降16% has a base year but no baseline value).
    pub value_start: Option<usize>,
}

/// One value the document states, with everything needed to publish it.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub kind: StatementKind,
    pub token: Token,
    pub value_kind: ValueKind,
    pub direction: Option<&'static str>,
    /// Quote span (chars): from the clause that names the indicator to the value's end.
    pub quote_start: usize,
    pub quote_end: usize,
    /// Section path and heading, shared with the paragraph (one allocation per heading).
    pub section: Arc<str>,
    pub section_heading: Arc<str>,
    pub indicator_raw: String,
    pub year: Option<i32>,
    pub year_explicit: bool,
    pub baseline: Baseline,
    pub aspirational: bool,
    pub annual: bool,
    /// For a part listed after 其中: the char offset of the whole's value.
    pub part_of: Option<usize>,
    /// An observation that is the starting level of a goal of its sentence (由2015年的0.38%
    /// 提高到1.2%), not a statistic told for its own sake.
    pub baseline_of_goal: bool,
}

/// What the caller knows about the document's dates.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DocDates {
    pub issue_year: Option<i32>,
    pub period: Option<(i32, i32)>,
    /// The year a statistical report covers: figures with no year are its statistics.
    pub statistics_year: Option<i32>,
}

impl DocDates {
    fn is_past(&self, year: i32) -> bool {
        match (self.issue_year, self.period) {
            (Some(i), _) => year < i,
            (None, Some((s, _))) => year < s,
            _ => false,
        }
    }
}

/// The years that lead-ins (到2017年，实现以下目标： / 与2013年相比…) hand to the paragraphs
/// under them: a paragraph inherits the year of the latest lead-in with a year in its own
/// section or one above it, and likewise the base year.
///
/// Kept by section, so a paragraph looks up its few enclosing sections instead of every
/// lead-in before it: that scan made a document's cost grow with the square of its length.
/// The (year, base year) a paragraph inherits from lead-ins.
type Inherited = (Option<i32>, Option<i32>);

#[derive(Default)]
struct LeadIns {
    /// Section → (order of the lead-in, year) of the latest lead-in there with a due year.
    years: SectionMap<(usize, i32)>,
    /// Section → (order, base year) of the latest lead-in there with a base year.
    base_years: SectionMap<(usize, i32)>,
    count: usize,
    /// The last answer, with the section it was for and the count of lead-ins then:
    /// paragraphs under one heading share their section, and between lead-ins get the same.
    last: Option<(Arc<str>, usize, Inherited)>,
}

impl LeadIns {
    fn push(&mut self, section: &Arc<str>, year: Option<i32>, base_year: Option<i32>) {
        if let Some(y) = year {
            self.years.insert(Arc::clone(section), (self.count, y));
        }
        if let Some(y) = base_year {
            self.base_years.insert(Arc::clone(section), (self.count, y));
        }
        self.count += 1;
    }

    /// The (year, base year) a paragraph in `section` inherits.
    fn inherited(&mut self, section: &Arc<str>) -> Inherited {
        if let Some((s, count, answer)) = &self.last {
            if Arc::ptr_eq(s, section) && *count == self.count {
                return *answer;
            }
        }
        let latest = |by_section: &SectionMap<(usize, i32)>| {
            enclosing_sections(section).filter_map(|s| by_section.get(s)).max().map(|&(_, y)| y)
        };
        let answer = (latest(&self.years), latest(&self.base_years));
        self.last = Some((Arc::clone(section), self.count, answer));
        answer
    }
}

/// `section` and every section above it, down to the document's root (the empty path):
/// the sections whose lead-ins reach a paragraph in `section`.
fn enclosing_sections(section: &str) -> impl Iterator<Item = &str> {
    std::iter::once("")
        .chain(section.match_indices('/').map(|(i, _)| &section[..i]))
        .chain((!section.is_empty()).then_some(section))
}

const GOAL_VERBS: [&str; 27] = [
    "达到",
    "增长到",
    "增加到",
    "提高到",
    "提升到",
    "上升到",
    "下降到",
    "降低到",
    "降到",
    "降至",
    "控制在",
    "突破",
    "超过",
    "实现",
    "形成",
    "建成",
    "培育",
    "建设",
    "打造",
    "新增",
    "保持",
    "稳定在",
    "扩大到",
    "发展到",
    "达",
    "成为",
    "为",
];
const HISTORY_CUES: [&str; 17] = [
    "先后",
    "增长了",
    "提高了",
    "下降了",
    "增加了",
    "达到了",
    "实现了",
    "完成了",
    "突破了",
    "降低了",
    "减少了",
    "上升了",
    "翻了",
    "已",
    "目前",
    "截至",
    "现有",
];
/// Headings of sections that report the past (not 取得新进展 or 成效明显, which are goals).
const HISTORY_HEADINGS: [&str; 7] = ["发展基础", "基础与形势", "成就", "现状", "回顾", "发展历程", "取得的成绩"];
/// Prepositions that open a clause about things already named (在全省60个重点产业集群中).
/// …and verbs that name a list they then count (聚焦集成电路、高端软件…4条产业链).
const REFERENCE_OPENERS: [&str; 13] =
    ["在", "对", "从", "围绕", "依托", "按照", "通过", "针对", "结合", "聚焦", "包括", "涵盖", "涉及"];
const SPEC_WORDS: [&str; 14] =
    ["时速", "速度", "精度", "直径", "厚度", "幅宽", "线宽", "马力", "排量", "功率", "电压", "温度", "分辨率", "工艺"];
const HEDGES: [&str; 3] = ["力争", "争取", "努力"];
/// Machines whose rating is written before them (2MW风电机组, 150马力拖拉机).
const SPEC_HEADS: [&str; 8] = ["机组", "机型", "风机", "主机", "整机", "型号", "拖拉机", "发动机"];
// The word lists compiled (see `words`): they are looked for around every value.
static GOAL_VERB_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&GOAL_VERBS));
/// Words of a support measure: amounts after them are what a policy grants.
const SUPPORT: [&str; 9] = ["给予", "奖励", "补助", "补贴", "资助", "一次性", "最高不超过", "金额的", "贴息"];
static SUPPORT_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&SUPPORT));
static HISTORY_CUE_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&HISTORY_CUES));
/// Time phrases that open a sentence about a span up to now (五年来，…; 2015年以来，…;
/// 过去五年): they govern the rest of the paragraph. Words of the year ahead end that.
const SINCE: [&str; 3] = ["年来", "以来", "过去"];
const AHEAD: [&str; 4] = ["今年", "明年", "未来", "今后"];
static HISTORY_HEADING_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&HISTORY_HEADINGS));
static SPEC_WORD_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&SPEC_WORDS));
static HEDGE_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&HEDGES));
static SPEC_HEAD_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&SPEC_HEADS));
/// How far (chars) the reader looks around a value. Clauses and sentences can be
/// arbitrarily long in hostile input; a bounded window keeps the reader linear.
const WINDOW: usize = 160;

/// Read all statements of a document. Returns the statements and, for each token index,
/// the audit class of that number.
pub fn extract_statements(
    text: &Text,
    paragraphs: &[Paragraph],
    tokens: &[Token],
    dates: DocDates,
) -> (Vec<Statement>, Vec<NumberClass>) {
    let mut classes: Vec<NumberClass> = tokens.iter().map(|t| base_class(t.kind)).collect();
    let years = anchors(text, tokens);
    let plans = plan_mentions(text);
    // Hedges are asked about in every sentence and before every target: found once.
    let hedges = HEDGE_WORDS.spans(text.norm_str());
    let reviews = review_spans(text);
    let mut lead_ins = LeadIns::default();
    // Observations read from the goals' baselines (`baseline_observations`).
    let mut from_baselines = Vec::new();
    let (mut token_from, mut token_to, mut year_from, mut year_to) =
        (Cursor::default(), Cursor::default(), Cursor::default(), Cursor::default());
    let mut out = Vec::new();
    // Paragraphs under one heading share their titles (one Arc): read them once per heading.
    let mut title_flags: Option<(&Titles, bool, bool)> = None;
    let no_heading: Arc<str> = Arc::from("");
    // The last label read, with the index of its paragraph (see `label_from_previous`).
    let mut last_label: Option<(usize, String)> = None;
    for (pi, p) in paragraphs.iter().enumerate() {
        let (inherited_year, inherited_base) = lead_ins.inherited(&p.section);
        let (historical_section, goals_section) = match title_flags {
            Some((titles, h, g)) if Arc::ptr_eq(titles, &p.titles) => (h, g),
            _ => {
                let h = p.titles.iter().any(|t| HISTORY_HEADING_WORDS.any_in(t) && !t.contains("目标"));
                let g = p.titles.iter().any(|t| t.contains("目标"));
                title_flags = Some((&p.titles, h, g));
                (h, g)
            }
        };
        let mut para = paragraph_state(p, &dates, &plans, (inherited_year, inherited_base), (historical_section, goals_section));
        let body_start = p.heading.as_ref().map_or(p.start, |h| h.body_start);
        let section_heading: Arc<str> = Arc::clone(p.titles.last().unwrap_or(&no_heading));
        for s in sentences(text, body_start, p.end) {
            // Tokens and years are sorted by offset, and sentences come in order: this
            // sentence's are found by stepping on from the previous sentence's (a binary
            // search per sentence missed the cache at every step on a large document).
            let (lo, hi) =
                (token_from.advance(tokens, |t| t.start < s.start), token_to.advance(tokens, |t| t.start < s.end));
            let (ylo, yhi) =
                (year_from.advance(&years, |a| a.start < s.start), year_to.advance(&years, |a| a.start < s.end));
            let sent_years: &[YearAnchor] = &years[ylo..yhi];
            let sentence_text = text.norm_slice(s.start, s.end);
            let hedged = hedges.any_within(text.norm_byte(s.start), text.norm_byte(s.end));
            // A hedge governs the rest of its clause series (up to a full stop), and a
            // following sentence only when it continues it (即…).
            if para.after_full_stop && !sentence_text.trim_start().starts_with('即') {
                para.aspirational = false;
            }
            para.after_full_stop = sentence_text.trim_end().ends_with('。');
            // (The opening clauses: 五年来，… / 张工表示，五年来，….)
            let opening = |words: &[&str]| {
                sentence_text.split([',', ';']).take(2).any(|c| c.chars().count() <= 12 && words.iter().any(|w| c.contains(w)))
            };
            if opening(&SINCE) {
                para.since = true;
            } else if opening(&AHEAD) {
                para.since = false; // the year ahead: goals again
            }
            let has_values = tokens[lo..hi].iter().any(|t| matches!(t.kind, TokenKind::Quantity | TokenKind::Bare));
            // A sentence without values may be a lead-in for what follows.
            if !has_values {
                read_lead_in(&dates, sentence_text, sent_years, hedged, &p.section, &mut para, &mut lead_ins);
                continue;
            }
            let ctx = SentenceCtx {
                text,
                tokens: &tokens[lo..hi],
                span: s,
                years: sent_years,
                dates,
                section: &p.section,
                section_heading: &section_heading,
                hedges: &hedges,
                reviews: &reviews,
                plans: &plans,
            };
            let first_new = out.len();
            read_sentence(&ctx, &mut para, &mut classes[lo..hi], &mut out);
            label_from_previous(&mut out[first_new..], &mut last_label, pi);
            baseline_observations(&ctx, &out[first_new..], &mut from_baselines);
            if let Some(last) = out[first_new..].last() {
                para.reported_year = last.year.filter(|_| last.kind == StatementKind::Observation);
            }
            carry_on(text, &dates, s, sentence_text, sent_years, hedged, &mut para);
        }
    }
    out.append(&mut from_baselines);
    (out, classes)
}

/// A paragraph's state before its first sentence: the year and base year its section's
/// lead-in gives, whether its headings are about history or goals, and the year a plan
/// named in it (“十一五”以来, “十四五”时期) dates it to.
fn paragraph_state(
    p: &Paragraph,
    dates: &DocDates,
    plans: &[(usize, usize, (i32, i32))],
    inherited: (Option<i32>, Option<i32>),
    (historical_section, goals_section): (bool, bool),
) -> ParaState {
    let (inherited_year, inherited_base) = inherited;
    let mut para = ParaState {
        year: None,
        year_explicit: false,
        after_full_stop: false,
        aspirational: false,
        inherited_year,
        inherited_base,
        historical: historical_section,
        goals_section,
        plan_year: None,
        heading_year: if historical_section { heading_year(&p.titles, &dates) } else { None },
        since: false,
        reported_year: None,
    };
    // A plan name in a historical paragraph (“十一五”以来) dates it to the plan's end.
    // Plans are sorted by offset: the first one at or after the paragraph's start.
    let first_plan = plans.partition_point(|(s, _, _)| *s < p.start);
    if let Some(&(_, _, (_, end))) = plans.get(first_plan).filter(|(s, _, _)| *s < p.end) {
        if dates.is_past(end) {
            para.year = Some(end);
            para.historical = true;
        } else {
            para.plan_year = Some(end);
        }
    }
    para
}

/// A sentence without values may lead in what follows: its due year becomes the
/// paragraph's, a hedge in it governs what follows, and a due or base year (到2017年，实现
/// 以下目标： / 与2013年相比实现六个转变) is inherited by the rest of its section.
fn read_lead_in(
    dates: &DocDates,
    sentence_text: &str,
    sent_years: &[YearAnchor],
    hedged: bool,
    section: &Arc<str>,
    para: &mut ParaState,
    lead_ins: &mut LeadIns,
) {
    let due =
        sent_years.iter().rev().find(|a| matches!(a.role, YearRole::Due | YearRole::At)).map(|a| a.year);
    let base = sent_years.iter().find(|a| a.role == YearRole::Base).map(|a| a.year);
    if let Some(y) = due {
        if !dates.is_past(y) {
            para.year = Some(y);
            para.year_explicit = !sentence_text.trim_end().ends_with('。');
        }
    } else if let Some(y) = relative_year(dates.issue_year, sentence_text) {
        // 去年，全市工业经济实现较好发展。规模工业增加值增长6.2%…: the year
        // the opening sentence names (counted from the issue year) is the
        // paragraph's until another is written.
        para.year = Some(y);
        para.year_explicit = false;
    }
    if hedged {
        para.aspirational = true;
    }
    // A value-less sentence with a due year or base year leads in what follows
    // in its section (到2017年，实现以下目标： / 与2013年相比实现六个转变).
    if due.is_some_and(|y| !dates.is_past(y)) || base.is_some() {
        lead_ins.push(section, due.filter(|y| !dates.is_past(*y)), base);
    }
}

/// After a sentence is read: the last year written in it carries on through the
/// paragraph (as written or as inherited), and its hedge governs what follows.
fn carry_on(text: &Text, dates: &DocDates, s: Span, sentence_text: &str, sent_years: &[YearAnchor], hedged: bool, para: &mut ParaState) {
    // The last year written in this sentence carries on through the paragraph: as
    // written (explicit) when it leads a clause series (到2015年，…；…), as inherited
    // once a full stop ends the series or when it was tied to one value (2017年的8.2%).
    let carried = sent_years
        .iter()
        .rev()
        .find(|a| matches!(a.role, YearRole::Due | YearRole::At) && !in_parenthesis(text, s.start, a));
    if let Some(a) = carried {
        // A hedged year inside a sentence (…。力争2025年材料产业规模突破2万亿元。) is
        // that goal's; in a one-year text (a work report) it does not reach the
        // next sentences, which are the year's own tasks.
        let one_year_text = dates.period.is_some_and(|(s, e)| s == e);
        let leads = text.norm_slice(a.end, (a.end + 1).min(s.end)) == ",";
        let due_inside = a.role == YearRole::Due && !leads && !dates.is_past(a.year);
        if !(one_year_text && due_inside && sentence_text.trim_end().ends_with('。')) {
            para.year = Some(a.year);
        }
        para.year_explicit = text.norm_slice(a.end, (a.end + 1).min(s.end)) == ",";
    } else if let Some(y) = relative_year(dates.issue_year, sentence_text) {
        para.year = Some(y);
        para.year_explicit = false;
    }
    if sentence_text.trim_end().ends_with('。') {
        para.year_explicit = false;
    }
    if hedged {
        para.aspirational = true;
    }
}

fn base_class(kind: TokenKind) -> NumberClass {
    match kind {
        TokenKind::Quantity => NumberClass::UnclassifiedQuantity,
        TokenKind::Bare => NumberClass::UnclassifiedBare,
        TokenKind::Year | TokenKind::YearRange => NumberClass::Year,
        TokenKind::Date => NumberClass::Date,
        TokenKind::DocNumber => NumberClass::DocNumber,
        TokenKind::Ordinal => NumberClass::Ordinal,
        TokenKind::Code => NumberClass::Code,
    }
}

struct ParaState {
    /// Year written earlier in the paragraph.
    year: Option<i32>,
    /// Whether that year still counts as written for what follows (same clause series).
    year_explicit: bool,
    /// The previous sentence ended with 。 (not ；).
    after_full_stop: bool,
    aspirational: bool,
    inherited_year: Option<i32>,
    inherited_base: Option<i32>,
    historical: bool,
    /// Under a heading about goals (主要目标, 发展目标).
    goals_section: bool,
    /// End year of a current or future five-year plan the paragraph names (“十四五”时期…).
    plan_year: Option<i32>,
    /// The year a historical heading names (一、2024年工作回顾): what its statistics are of.
    heading_year: Option<i32>,
    /// A sentence of the paragraph opened with a span up to now (五年来，…): what follows
    /// in the paragraph reports, unless a goal word says otherwise.
    since: bool,
    /// The year the paragraph's previous sentence with values reported figures of (its
    /// last statement was an observation of that year), for a text of unknown date whose
    /// next sentence continues the report without a cue of its own.
    reported_year: Option<i32>,
}

struct SentenceCtx<'a> {
    text: &'a Text,
    tokens: &'a [Token],
    span: Span,
    years: &'a [YearAnchor],
    dates: DocDates,
    section: &'a Arc<str>,
    section_heading: &'a Arc<str>,
    /// Where the document's hedges (力争, 争取) are.
    hedges: &'a WordSpans,
    /// Where the document reviews the past year (see `review_spans`).
    reviews: &'a [(usize, usize)],
    /// Every five-year plan the document names, by char span (see `plan_mentions`).
    plans: &'a [(usize, usize, (i32, i32))],
}

/// Running state of a chain of clauses about one indicator.
#[derive(Default)]
struct Chain {
    indicator: String,
    indicator_start: usize,
    baselines: Vec<(f64, String, Option<i32>, usize)>,
    base_year: Option<i32>,
    /// Where the base year was written.
    base_year_at: usize,
    /// Where the indicator ends when it follows the value (5个国家级企业技术中心).
    indicator_end: Option<usize>,
    /// The measure an attribute clause is about (万元工业增加值能耗 of 下降幅度由…): a later
    /// clause with no subject of its own (五年间累计下降32.3％) is about it again.
    topic: Option<String>,
    group_pos: usize,
    last_token_end: usize,
}

/// Running state of one sentence while its values are read.
struct SentenceState {
    chain: Chain,
    /// The last value was a baseline: the next item of its list is one too (由3255亿元、955亿元).
    in_baseline_group: bool,
    sentence_year: Option<i32>,
    /// A relative year (今年) was written but the issue year that dates it is unknown: the
    /// paragraph's earlier year does not apply.
    relative_unknown: bool,
    /// Whether the sentence is told as a statistic (see `told_as_statistic`), read once.
    statistic_sentence: std::cell::OnceCell<bool>,
    /// Statements of this sentence (from this index of `out`) with their list group, for
    /// 2005-2010年…分别为a、b、c….
    first_out: usize,
    groups: Vec<usize>,
    group_id: usize,
}

/// One value of a sentence and where it stands, as the readers of a value need it.
struct ValueAt<'a> {
    /// Index of the value among the sentence's tokens (and audit classes).
    ti: usize,
    tok: &'a Token,
    /// The value's clause, bounded to a window around it.
    clause: Span,
    /// Start of the window before the value.
    near: usize,
    before_in_clause: &'a str,
    /// End of the previous value of the sentence.
    prev_end: usize,
    unit_dim: &'a str,
    /// The year written right before the value, with its role.
    own_year: Option<(i32, YearRole)>,
    /// How many of the sentence's year anchors lie before the value.
    before_tok: usize,
    /// Only list words (、 和 及) stand between the previous value and this one.
    list_gap: bool,
}

fn read_sentence(ctx: &SentenceCtx, para: &mut ParaState, classes: &mut [NumberClass], out: &mut Vec<Statement>) {
    let text = ctx.text;
    let cls = clauses(text, ctx.span.start, ctx.span.end);
    let mut st = SentenceState {
        chain: Chain { indicator_start: ctx.span.start, last_token_end: ctx.span.start, ..Default::default() },
        in_baseline_group: false,
        sentence_year: None,
        relative_unknown: false,
        statistic_sentence: std::cell::OnceCell::new(),
        first_out: out.len(),
        groups: Vec::new(),
        group_id: 0,
    };
    for (ti, tok) in ctx.tokens.iter().enumerate() {
        if !matches!(tok.kind, TokenKind::Quantity | TokenKind::Bare) {
            continue;
        }
        let ci = cls.partition_point(|c| c.end <= tok.start);
        let clause = cls.get(ci).copied().filter(|c| c.start <= tok.start).unwrap_or(ctx.span);
        let clause =
            Span { start: clause.start.max(tok.start.saturating_sub(WINDOW)), end: clause.end.min(tok.end + WINDOW) };
        let near = ctx.span.start.max(tok.start.saturating_sub(WINDOW));
        let before_in_clause = text.norm_slice(clause.start, tok.start);
        let prev_end = st.chain.last_token_end;
        let between = text.norm_slice(prev_end.max(clause.start), tok.start);
        let unit_dim = tok.unit.as_ref().map(|u| &*u.dimension).unwrap_or("");
        let (own_year, before_tok) = token_years(ctx, &mut st, tok);
        // Values of one list (3255亿元、955亿元 / 11%和12%) are separated by list words only.
        let list_gap = matches!(between.trim(), "、" | "和" | "及" | "与" | "、和" | "或");
        st.chain.group_pos = if list_gap && st.chain.last_token_end > ctx.span.start { st.chain.group_pos + 1 } else { 0 };
        if st.chain.group_pos == 0 {
            st.group_id += 1;
        }
        st.chain.last_token_end = tok.end;

        // Not values: specifications and parts of noun phrases.
        // A rating of the machine named after it (2.5兆瓦以上风电机组) is a model spec too.
        let rated_machine =
            is_physical(unit_dim) && SPEC_HEAD_WORDS.any_in(text.norm_slice(tok.end, (tok.end + 24).min(clause.end)));
        if tok.unit.as_ref().is_some_and(|u| u.spec)
            || rated_machine
            || SPEC_WORDS.iter().any(|w| before_in_clause.ends_with(w))
            || SPEC_WORD_WORDS.any_in(text.norm_slice(tok.start.saturating_sub(6), tok.start))
        {
            classes[ti] = NumberClass::Spec;
            continue;
        }
        if unit_dim == "list" || is_list_reference(text, clause, tok) || is_modifier(ctx, tok, clause, unit_dim) {
            classes[ti] = NumberClass::Modifier;
            continue;
        }
        // A number with no unit (由65.8提高到81: an index) cannot be published with the
        // unit the contract requires; it stays in the audit as unclassified_bare, where a
        // curator finds it.
        if tok.kind == TokenKind::Bare {
            continue;
        }
        let v = ValueAt { ti, tok, clause, near, before_in_clause, prev_end, unit_dim, own_year, before_tok, list_gap };
        if read_baseline(ctx, para, &mut st, &v, classes, out) {
            continue;
        }
        st.in_baseline_group = false;
        set_indicator(&mut st.chain, text, clause, prev_end, tok, ctx.span, false);
        let (kind, year, explicit) = kind_and_year(ctx, para, &st, &v, out);
        if kind == StatementKind::Observation && year.is_none() {
            continue; // an observation needs a year; stays unclassified in the audit
        }
        classes[ti] = if kind == StatementKind::Target { NumberClass::Target } else { NumberClass::Observation };
        let baseline = if kind == StatementKind::Target { pick_baseline(&st.chain) } else { None };
        let mut s = make(ctx, tok, &st.chain, kind, year, explicit, baseline, clause);
        share_list_traits(ctx, &st, tok, &mut s, out);
        if s.baseline.value.is_some() && s.baseline.year.is_none() {
            s.baseline.year = para.inherited_base;
        }
        if kind == StatementKind::Target {
            let hedged_before = ctx.hedges.any_within(text.norm_byte(near), text.norm_byte(tok.start));
            s.aspirational = para.aspirational || hedged_before;
        }
        s.part_of = whole_of(ctx, &s, out.as_slice());
        out.push(s);
        st.groups.push(st.group_id);
    }
    distribute_year_range(ctx, &mut out[st.first_out..], &st.groups, classes);
    share_one_value(ctx, out, st.first_out, &st.groups);
}

/// The sentence's running year brought up to the value `tok` (years written before it,
/// a plan's span, 今年/明年 counted from the issue year), and the year written right
/// before the value if any (its own year, with its role). Returns that and how many of
/// the sentence's year anchors lie before the value.
fn token_years(ctx: &SentenceCtx, st: &mut SentenceState, tok: &Token) -> (Option<(i32, YearRole)>, usize) {
    let text = ctx.text;
    // Years: update the sentence's running year with anchors before this token.
    let mut own_year: Option<(i32, YearRole)> = None;
    let from = ctx.years.partition_point(|a| a.start < st.chain.last_token_end.min(tok.start));
    for a in ctx.years[from..].iter().take_while(|a| a.start < tok.start).filter(|a| a.end <= tok.start) {
        // A year inside a parenthesis that closes before the value (一般公共预算支出(扣除
        // 2022年灾后恢复重建资金)增长3%) qualifies the words in it, not the value.
        if text.norm_slice(a.end, tok.start).contains(')') && in_parenthesis(text, ctx.span.start, a) {
            continue;
        }
        match a.role {
            YearRole::Base => {
                st.chain.base_year = Some(a.year);
                st.chain.base_year_at = a.start;
            }
            YearRole::From => {}
            YearRole::Due | YearRole::At => st.sentence_year = Some(a.year),
        }
    }
    // 今年 / 明年 / 去年 count from the document's issue year (a work report's goals, a
    // news report's figures); written after a year (2021年…；今年上半年…) they replace it,
    // even when the issue year is unknown and so is theirs.
    // A plan's span written after the last year (…(2015年第12位)，“十三五”期间年均增速
    // 达到6.59%) dates what follows to the plan's last year.
    // The last year written before the value that dates it (due or at).
    let before_tok = ctx.years.partition_point(|a| a.start < tok.start);
    let last_written =
        ctx.years[..before_tok].iter().rev().find(|a| matches!(a.role, YearRole::Due | YearRole::At) && a.end <= tok.start);
    let last_anchor_end = last_written.map_or(ctx.span.start, |a| a.end.max(ctx.span.start));
    let plan_at = ctx.plans.partition_point(|p| p.0 < tok.start);
    if let Some(&(start, end, (_, plan_end))) = ctx.plans[..plan_at].last().filter(|p| p.0 >= last_anchor_end) {
        let after = text.norm_slice(end, (end + 4).min(tok.start));
        // (较“十三五”末 is the base of a comparison, not the values' time.)
        let before = text.norm_slice(start.saturating_sub(2), start).trim_end_matches(['“', '"']);
        let compared = before.ends_with(['较', '比', '与', '同']);
        if !compared && ["期间", "时期", "以来", "末"].iter().any(|w| after.trim_start_matches(['”', '"', '’']).starts_with(w)) {
            st.sentence_year = Some(plan_end);
        }
    }
    let before_in_sentence = text.norm_slice(ctx.span.start, tok.start);
    if let Some((at, year)) = relative_year_at(ctx.dates.issue_year, before_in_sentence) {
        let written_end = last_written.map(|_| text.norm_slice(ctx.span.start, last_anchor_end).len());
        if st.sentence_year.is_none() || written_end.is_some_and(|end| at >= end) {
            st.sentence_year = year;
            st.relative_unknown = year.is_none();
        }
    }
    if let Some(a) = ctx.years[..before_tok]
        .last()
        .filter(|a| a.end <= tok.start && tok.start - a.end <= 2 && (a.attaches_to_next || tok.start == a.end))
    {
        own_year = Some((a.year, a.role));
    }
    (own_year, before_tok)
}

/// A baseline (由X / 从X / 由2012年的X / 比2005年的X): kept in the chain for the goal that
/// follows, and published as an observation in a historical sentence. Returns whether the
/// value was one.
fn read_baseline(
    ctx: &SentenceCtx,
    para: &ParaState,
    st: &mut SentenceState,
    v: &ValueAt,
    classes: &mut [NumberClass],
    out: &mut Vec<Statement>,
) -> bool {
    let text = ctx.text;
    let stripped = v.before_in_clause.trim_end();
    // (A multiple right after its base year, 比2015年翻一番 / 增长2倍, is the change, not
    // a baseline level.)
    let multiple_of_base = v.unit_dim == "multiple" && v.own_year.is_some_and(|(_, r)| r == YearRole::Base);
    let from_year = v.own_year
        .filter(|(_, r)| matches!(r, YearRole::From | YearRole::Base) && !multiple_of_base)
        .map(|(y, _)| y);
    let is_baseline = stripped.ends_with('由')
        || stripped.ends_with('从')
        || from_year.is_some()
        || (st.in_baseline_group && v.list_gap);
    if !is_baseline {
        return false;
    }
    st.in_baseline_group = true;
    if st.chain.group_pos == 0 {
        st.chain.baselines.clear();
    }
    let unit_raw = v.tok
        .unit
        .as_ref()
        .map(|u| text.original_slice(v.tok.unit_start, v.tok.unit_start + u.chars).replace('％', "%"))
        .unwrap_or_default();
    st.chain.baselines.push((v.tok.value, unit_raw, from_year, v.tok.start));
    set_indicator(&mut st.chain, text, v.clause, v.prev_end, v.tok, ctx.span, true);
    // In a historical sentence the baseline is itself an observation; the baseline of
    // a goal (由2015年的0.11件提高到0.5件 in a 2017 plan) is not repeated as one.
    let year = from_year.or(st.chain.base_year);
    let told_as_history = para.historical
        || ctx.years.iter().any(|a| a.start > v.tok.end && ctx.dates.is_past(a.year) && a.role != YearRole::Base)
        || HISTORY_CUE_WORDS.any_in(text.norm_slice(v.tok.end, v.clause.end.max(v.tok.end)));
    let hist =
        year.is_some_and(|y| ctx.dates.is_past(y)) && told_as_history && !looks_future(ctx, st.sentence_year);
    if hist {
        classes[v.ti] = NumberClass::Observation;
        out.push(make(ctx, v.tok, &st.chain, StatementKind::Observation, year, true, None, v.clause));
        st.groups.push(st.group_id);
    } else {
        classes[v.ti] = NumberClass::Baseline;
    }
    true
}

/// Whether the value is a goal or a reported figure, its year, and whether that year is
/// written with it: from the year written (its own, the sentence's, the paragraph's) and
/// the words of report or goal around it.
fn kind_and_year(ctx: &SentenceCtx, para: &ParaState, st: &SentenceState, v: &ValueAt, out: &[Statement]) -> (StatementKind, Option<i32>, bool) {
    let text = ctx.text;
    // The value's year and whether it is past or future.
    let year_written = v.own_year.filter(|(_, r)| *r != YearRole::Base).map(|(y, _)| y).or(st.sentence_year).or(para.year.filter(|_| !st.relative_unknown));
    let written_here = v.own_year.is_some() || st.sentence_year.is_some() || para.year_explicit;
    let due_anchor = ctx.years[..v.before_tok].last().is_some_and(|a| a.role == YearRole::Due);
    // Told as a statistic (同比, 数据显示) with no goal word before the value: asked only
    // of texts whose date is unknown. A sentence that writes no year of its own and
    // follows one reporting figures of the paragraph's year continues that report
    // (…2012年全年实现生产总值163亿元，比上年增长13%；农民人均纯收入…分别达到9807元).
    let continues_report = || {
        v.own_year.is_none() && st.sentence_year.is_none() && para.reported_year.is_some() && para.reported_year == para.year
    };
    let told_as_statistic = || {
        (*st.statistic_sentence.get_or_init(|| STATISTIC_CUE_WORDS.any_in(text.norm_slice(ctx.span.start, ctx.span.end)))
            || continues_report())
            && !GOAL_WORD_WORDS.any_in(text.norm_slice(ctx.span.start, v.tok.start))
    };
    let hist_cue = HISTORY_CUE_WORDS.any_in(v.before_in_clause)
        || para.historical
        || para.since;
    match year_written {
        Some(y) if ctx.dates.is_past(y) && !(para.goals_section && due_anchor && !hist_cue) => {
            (StatementKind::Observation, Some(y), true)
        }
        // Told as done (已…, 增长了) with no goal word: a report, even if dated after
        // the issue date (validation flags that).
        Some(y)
            if hist_cue
                && !para.historical
                && !["到", "力争", "争取", "确保", "预计"]
                    .iter()
                    .any(|w| text.norm_slice(v.near, v.tok.start).contains(w)) =>
        {
            (StatementKind::Observation, Some(y), true)
        }
        // A text whose own date is unknown cannot tell past from future by the year:
        // a figure told as a statistic (同比增长, 数据显示) with no goal word is a report.
        Some(y)
            if ctx.dates.issue_year.is_none()
                && ctx.dates.period.is_none()
                && told_as_statistic() =>
        {
            (StatementKind::Observation, Some(y), true)
        }
        Some(y) if !hist_cue || !ctx.dates.is_past(y) => {
            if hist_cue
                && ctx.dates.issue_year.is_some_and(|i| y <= i)
                && !text.norm_slice(v.near, v.tok.start).contains('到')
            {
                (StatementKind::Observation, Some(y), true)
            } else {
                (StatementKind::Target, Some(y), written_here)
            }
        }
        Some(y) => (StatementKind::Observation, Some(y), true),
        // A past statistic with no year anywhere near is not published as an observation
        // (it stays in the audit as an unclassified quantity).
        None if ctx.dates.statistics_year.is_some() => (StatementKind::Observation, ctx.dates.statistics_year, false),
        // The present state (目前全市共有企业141户): a statistic of the issue year.
        None if PRESENT_CUE_WORDS.any_in(v.before_in_clause) => {
            (StatementKind::Observation, ctx.dates.issue_year, false)
        }
        // A work report's review of the past year (过去一年…; 2019年工作回顾…).
        None if ctx.reviews.iter().any(|&(a, b)| a <= v.tok.start && v.tok.start < b) && ctx.dates.issue_year.is_some() => {
            (StatementKind::Observation, ctx.dates.issue_year.map(|y| y - 1), false)
        }
        None if hist_cue => (StatementKind::Observation, para.heading_year, false),
        // A clause with no verb or time of its own continues the report before it in
        // the sentence (目前共有企业141户，规模以上企业47家 / …，占全国总量的83.7%).
        None if out[st.first_out..].last().is_some_and(|p| p.kind == StatementKind::Observation)
            && !GOAL_VERB_WORDS.any_in(v.before_in_clause)
            && !HEDGE_WORDS.any_in(v.before_in_clause) =>
        {
            (StatementKind::Observation, out.last().and_then(|p| p.year), false)
        }
        // A statistic of 今年 or of no year in an undated text: its year is unknown, so
        // it is not published (it stays in the audit).
        None if (st.relative_unknown || ctx.dates.issue_year.is_none())
            && told_as_statistic() =>
        {
            (StatementKind::Observation, None, false)
        }
        None => {
            let before_sentence = text.norm_slice(ctx.span.start, v.tok.start);
            let y = years_from_issue(ctx.dates.issue_year, before_sentence)
                .or(para.inherited_year)
                .or(para.plan_year)
                .or(ctx.dates.period.map(|(_, e)| e));
            (StatementKind::Target, y, false)
        }
    }
}

/// What a later value of a list takes from the one before it: the verb's qualifier
/// (控制在a、b、c), the kind (分别增长7.5%和8%), and 左右 written after the last value.
fn share_list_traits(ctx: &SentenceCtx, st: &SentenceState, tok: &Token, s: &mut Statement, out: &mut [Statement]) {
    let text = ctx.text;
    // Later values of a list share the first one's verb qualifier (控制在a、b、c).
    if st.chain.group_pos > 0 && s.token.qualifier == crate::quantity::Qualifier::Eq {
        if let Some(prev) = out.last().filter(|p| {
            p.token.qualifier == crate::quantity::Qualifier::Le
                || p.token.qualifier == crate::quantity::Qualifier::Ge
        }) {
            s.token.qualifier = prev.token.qualifier;
        }
    }
    let same_group = |g: &[usize]| g.last() == Some(&st.group_id);
    if st.chain.group_pos > 0 && same_group(&st.groups) {
        if let Some(prev) = out.last() {
            // …and its kind: 分别增长7.5%和8%: the second is a growth rate too.
            if prev.token.unit.as_ref().map(|u| &u.dimension) == s.token.unit.as_ref().map(|u| &u.dimension) {
                s.value_kind = prev.value_kind;
                s.direction = prev.direction;
            }
        }
        // 左右 written after the last value of a 分别 list covers them all (分别增长7.5%和
        // 8%左右); 以上 there is read, as annotators read it, as the last value's own.
        if s.token.qualifier == crate::quantity::Qualifier::Approx && text.norm_slice(ctx.span.start, tok.start).contains("分别") {
            let mut at = out.len();
            let mut gi = st.groups.len();
            while at > st.first_out && gi > 0 && st.groups[gi - 1] == st.group_id && out[at - 1].token.qualifier == crate::quantity::Qualifier::Eq {
                out[at - 1].token.qualifier = s.token.qualifier;
                at -= 1;
                gi -= 1;
            }
        }
    }
}

/// The baselines of the sentence's goals as observations of their year (由2015年的0.38%提高
/// 到1.2% reports 0.38% for 2015): what a later document says an earlier goal's year came
/// to. One per baseline number, however many goals start from it (由3255亿元增长到5000亿元，
/// 2020年达到6700亿元); none for a number already published as an observation, nor for a
/// base year after the issue year (an estimate, not a figure).
/// They are kept apart (`found`) and appended after the document is read, so that the
/// readers which look back at the previous statements see only the sentence's own.
fn baseline_observations(ctx: &SentenceCtx, sentence: &[Statement], found: &mut Vec<Statement>) {
    let mut seen: Vec<usize> = sentence.iter().map(|s| s.token.start).collect();
    for goal in sentence.iter().filter(|s| s.kind == StatementKind::Target) {
        let b = &goal.baseline;
        let (Some(at), Some(year)) = (b.value_start, b.year) else { continue };
        if seen.contains(&at) || ctx.dates.issue_year.is_some_and(|i| year > i) {
            continue;
        }
        let Ok(ti) = ctx.tokens.binary_search_by_key(&at, |t| t.start) else { continue };
        let tok = &ctx.tokens[ti];
        seen.push(at);
        let dim = |t: &Token| t.unit.as_ref().map(|u| u.dimension.clone());
        // The goal's kind when the baseline is of the same sort (a share from a share);
        // otherwise its unit says (由955亿元 of a growth rate is a level).
        let value_kind = match (dim(tok), goal.value_kind) {
            (d, k) if d == dim(&goal.token) && !matches!(k, ValueKind::GrowthRate | ValueKind::Change) => k,
            (Some(d), _) if &*d == "percent" => ValueKind::Share,
            (Some(d), _) if &*d == "count" => ValueKind::Count,
            _ => ValueKind::Level,
        };
        found.push(Statement {
            kind: StatementKind::Observation,
            token: tok.clone(),
            value_kind,
            direction: None,
            quote_start: goal.quote_start.min(tok.start),
            quote_end: tok.end,
            section: Arc::clone(&goal.section),
            section_heading: Arc::clone(&goal.section_heading),
            indicator_raw: goal.indicator_raw.clone(),
            year: Some(year),
            year_explicit: b.year_written,
            baseline: Baseline::default(),
            aspirational: false,
            annual: false,
            part_of: None,
            baseline_of_goal: true,
        });
    }
}

/// One value for several listed measures (固定资产投资、工业投资、服务业投资均增长12%左右;
/// 增加值、主营业务收入、利税总额等三项主要指标分别保持20%以上的增长速度): one statement per
/// measure, each with its own label and the shared value. Only when every item names a
/// measure; a list closed by a class noun (木结构建筑构件、水泥预制部件等…产业) is one measure.
fn share_one_value(ctx: &SentenceCtx, out: &mut Vec<Statement>, first_out: usize, groups: &[usize]) {
    static ENUMERATED: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"等[0-9一二三四五六七八九十]*[项个]?(?:主要)?(?:经济)?指标$").expect("static regex"));
    let mut at = first_out;
    let mut gi = 0;
    while at < out.len() {
        let g = groups[gi];
        gi += 1;
        let alone = groups.iter().filter(|&&x| x == g).count() == 1;
        let st = &out[at];
        let before = ctx.text.norm_slice(st.quote_start.max(ctx.span.start), st.token.start);
        // (Most values are no list's: found cheaply before the verbs are looked for.)
        let adverb = DISTRIBUTIVE
            .iter()
            .filter_map(|w| before.rfind(w).filter(|&p| !before[..p].ends_with(['平', '人'])))
            .max();
        if !alone || !(before.contains('、') || adverb.is_some()) {
            at += 1;
            continue;
        }
        // The list ends at the shared adverb or at the verb of the value.
        let list_end = adverb
            .or_else(|| {
                // (The value's own verb is the last one before it: 降低率 holds 降低.)
                let verbs = ITEM_VERBS.iter().chain(["低于", "高于"].iter()).chain(GOAL_VERBS.iter());
                verbs.filter_map(|v| before.rfind(v)).max()
            });
        let list = list_end.map_or("", |e| &before[..e]);
        let list = drop_leading(list.rsplit([',', ':', ';']).next().unwrap_or(""));
        let list = ENUMERATED.find(list).map_or(list, |m| &list[..m.start()]);
        // Each item: its label, and the words of it written in the text.
        let mut parts: Vec<(String, &str)> = list.split('、').map(|p| (p.trim().to_string(), p.trim())).collect();
        // Two measures joined by 和 / 与 before a distributive adverb (新能源和高端不锈钢产业
        // 规模双双突破2000亿元) are a list too; a head noun written once is each item's.
        if parts.len() == 1 && adverb.is_some() {
            parts = two_joined_measures(list).unwrap_or(parts);
        }
        let splits = parts.len() >= 2
            && !list.contains('等')
            // (Items with a value of their own are not one list of measures.)
            && !list.chars().any(|c| c.is_ascii_digit() || c == '%')
            && parts.iter().all(|(p, _)| p.chars().count() >= 2 && names_a_measure(p));
        if !splits {
            at += 1;
            continue;
        }
        // The first item's quote is the statement's; a later item's starts at its own words.
        let quote_base = st.quote_start.max(ctx.span.start);
        let copies: Vec<Statement> = parts
            .iter()
            .enumerate()
            .map(|(i, (label, written))| {
                let mut copy = Statement { indicator_raw: label.clone(), ..out[at].clone() };
                // (Every item is a slice of `before`: its byte offset there is exact.)
                let offset = (written.as_ptr() as usize).checked_sub(before.as_ptr() as usize);
                if let Some(offset) = offset.filter(|&o| i > 0 && before.is_char_boundary(o)) {
                    copy.quote_start = quote_base + before[..offset].chars().count();
                }
                copy
            })
            .collect();
        let n = copies.len();
        out.splice(at..at + 1, copies);
        at += n;
    }
}

/// Adverbs that give one value to each measure listed before them (分别, 均, 双双: both).
const DISTRIBUTIVE: [&str; 3] = ["分别", "均", "双双"];

/// Two measures joined by 和 / 与 (工业增加值和利润; 新能源和高端不锈钢产业规模), the first
/// taking the second's head noun when it names no measure of its own (新能源 → 新能源产业
/// 规模). None unless the phrase is exactly two such items.
fn two_joined_measures(list: &str) -> Option<Vec<(String, &str)>> {
    let (first, second) = ["和", "与"].iter().find_map(|j| {
        let (a, b) = list.split_once(j)?;
        (!b.contains(j)).then_some((a.trim(), b.trim()))
    })?;
    if first.chars().count() < 2 || !names_a_measure(second) {
        return None;
    }
    if names_a_measure(first) {
        return Some(vec![(first.to_string(), first), (second.to_string(), second)]);
    }
    // The head the second item names its measure with: from its 产业/行业 on (高端不锈钢
    // 产业规模 → 产业规模), else from its measure word on.
    let head_at = ["产业", "行业"]
        .iter()
        .filter_map(|w| second.rfind(w))
        .max()
        .or_else(|| MEASURE_WORDS.iter().filter_map(|w| second.find(w)).min())?;
    let head = &second[head_at..];
    (head_at > 0 && names_a_measure(head)).then(|| vec![(format!("{first}{head}"), first), (second.to_string(), second)])
}

/// A value after 其中 in its sentence is part of the nearest earlier value of the same
/// dimension and kind in the same paragraph (400万辆整车规模，其中：长春市300万辆…).
fn whole_of(ctx: &SentenceCtx, st: &Statement, earlier: &[Statement]) -> Option<usize> {
    let text = ctx.text;
    let near = ctx.span.start.max(st.token.start.saturating_sub(WINDOW));
    let window = text.norm_slice(near, st.token.start);
    let marker = window.find("其中")?;
    let marker_char = near + window[..marker].chars().count();
    // Only amounts add up: shares and growth rates of parts do not sum to the whole's.
    if !matches!(st.value_kind, ValueKind::Level | ValueKind::Count | ValueKind::Capacity) {
        return None;
    }
    let dim = |s: &Statement| s.token.unit.as_ref().map(|u| u.dimension.clone());
    let candidates: Vec<&Statement> = earlier
        .iter()
        .rev()
        .take_while(|w| w.section == st.section && w.token.start >= near)
        .filter(|w| {
            w.token.end <= marker_char
                && w.kind == st.kind
                && w.value_kind == st.value_kind
                && dim(w) == dim(st)
                && w.part_of.is_none()
        })
        .collect();
    // Prefer a whole measured by the same head noun (整车产值 is part of 汽车产业总产值,
    // not of the 工业增加值 written just before it).
    let head = |s: &str| s.chars().rev().take(2).collect::<String>();
    candidates
        .iter()
        .find(|w| head(&w.indicator_raw) == head(&st.indicator_raw))
        .or(candidates.first())
        .map(|w| w.token.start)
}

/// 2005－2010年，…比重分别为45.8%、47.3%、…、51.3%: a list with one value per year of a
/// span written before it gets those years, in order.
fn distribute_year_range(ctx: &SentenceCtx, stmts: &mut [Statement], groups: &[usize], classes: &mut [NumberClass]) {
    if stmts.len() != groups.len() {
        return;
    }
    let ranges: Vec<&Token> = ctx
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::YearRange && t.start >= ctx.span.start && t.end <= ctx.span.end)
        .collect();
    let mut i = 0;
    while i < stmts.len() {
        let j = (i..stmts.len()).take_while(|&k| groups[k] == groups[i]).last().unwrap_or(i) + 1;
        let first = stmts[i].token.start;
        let range = ranges.iter().rev().find(|r| r.end <= first);
        if let Some(r) = range {
            let (y0, y1) = (r.value as i32, r.value_max.unwrap_or(r.value) as i32);
            if y1 > y0 && (y1 - y0 + 1) as usize == j - i {
                for (k, st) in stmts[i..j].iter_mut().enumerate() {
                    let y = y0 + k as i32;
                    st.year = Some(y);
                    st.year_explicit = true;
                    st.kind = if ctx.dates.is_past(y) { StatementKind::Observation } else { StatementKind::Target };
                    if let Ok(ti) = ctx.tokens.binary_search_by_key(&st.token.start, |t| t.start) {
                        classes[ti] = if st.kind == StatementKind::Target {
                            NumberClass::Target
                        } else {
                            NumberClass::Observation
                        };
                    }
                }
            }
        }
        i = j;
    }
}

/// A sentence that speaks of the future even though its first year is past (由2012年的…提高到2017年).
/// Words of the present state: a value after them with no year is a statistic of the
/// issue year (目前, 现有, 共有, 已探明).
/// Words that tell a figure as a statistic rather than a goal.
const STATISTIC_CUES: [&str; 8] = ["同比", "环比", "数据显示", "比上年", "较上年", "截止到", "初步预计", "初步核算"];
static STATISTIC_CUE_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&STATISTIC_CUES));
/// Words that make a figure a goal whatever else its sentence says.
const GOAL_WORDS: [&str; 7] = ["到20", "力争", "争取", "确保", "目标", "计划", "将"];
static GOAL_WORD_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&GOAL_WORDS));

/// A value whose clause names no measure (2020年达到3800亿元左右 / 年均增长20%左右, lines
/// under a measure written once above them) takes the last label of its own or the
/// previous paragraph; further back, it stays unnamed rather than take an unrelated one.
fn label_from_previous(new: &mut [Statement], last: &mut Option<(usize, String)>, paragraph: usize) {
    for st in new {
        if !st.indicator_raw.is_empty() {
            *last = Some((paragraph, st.indicator_raw.clone()));
        } else if let Some((_, label)) = last.as_ref().filter(|(p, _)| p + 1 >= paragraph) {
            st.indicator_raw = label.clone();
            *last = Some((paragraph, label.clone()));
        }
    }
}

const PRESENT_CUES: [&str; 6] = ["目前", "现有", "共有", "已有", "已探明", "截至目前"];
static PRESENT_CUE_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&PRESENT_CUES));

/// A goal set for a span of years from now (5年内, 用3年时间, 经过三年努力): due that many
/// years after the issue year.
fn years_from_issue(issue_year: Option<i32>, before: &str) -> Option<i32> {
    static SPAN: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?:用|经过|通过)?([0-9一二两三四五六七八九十]{1,2})年(?:内|时间|左右时间|努力|左右)")
            .expect("static regex")
    });
    let iy = issue_year?;
    let c = SPAN.captures_iter(before).last()?;
    let n = crate::numeral::parse_arabic(&c[1]).or_else(|| crate::numeral::parse_chinese(&c[1]))?;
    (1.0..=15.0).contains(&n).then_some(iy + n as i32)
}

/// Words that open a review of the past year in a work report or speech, and words that
/// close it (the year ahead's goals and tasks).
const REVIEW_OPENERS: [&str; 4] = ["工作回顾", "过去一年", "过去的一年", "一年来"];
const REVIEW_CLOSERS: [&str; 6] = ["今年", "工作安排", "预期目标", "主要目标", "总体要求", "工作建议"];

/// Char spans of the text that review the past year: from an opener to the next closer
/// (or the end). Values there with no year are statistics of the year before the issue year.
fn review_spans(text: &Text) -> Vec<(usize, usize)> {
    static OPEN: LazyLock<Words> = LazyLock::new(|| Words::new(&REVIEW_OPENERS));
    static CLOSE: LazyLock<Words> = LazyLock::new(|| Words::new(&REVIEW_CLOSERS));
    let norm = text.norm_str();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    while let Some(open) = OPEN.first_in(&norm[from..]).map(|p| p + from) {
        // A closer opens the year ahead only near the start of a line (二、2020年工作安排;
        // 今年，…), not inside the review (完成了…确定的主要目标任务).
        let close = CLOSE
            .occurrences(&norm[open..])
            .map(|(_, p, _)| p + open)
            .find(|&p| norm[..p].rsplit('\n').next().is_some_and(|line| line.chars().count() <= 8))
            .unwrap_or(norm.len());
        out.push((text.char_at_norm_byte(open), text.char_at_norm_byte(close)));
        from = close.max(open + 1);
        while !norm.is_char_boundary(from) {
            from += 1;
        }
        if from >= norm.len() {
            break;
        }
    }
    out
}

/// The last year a heading's titles name: written (2024年工作回顾), or the last year of
/// the five-year plan they review when it is over (“十三五”发展成就 → 2020).
fn heading_year(titles: &[Arc<str>], dates: &DocDates) -> Option<i32> {
    static YEAR: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"((?:19|20)\d{2})年").expect("static regex"));
    titles.iter().rev().find_map(|t| {
        YEAR.captures(t).and_then(|c| c[1].parse().ok()).or_else(|| {
            // A plan's review (“十三五”发展成就) reports up to the plan's last year.
            crate::timeframe::plan_named_in(t)
                .map(|(_, end)| end)
                .filter(|end| dates.is_past(*end))
        })
    })
}

/// Words naming a year relative to the issue year, with its offset.
const RELATIVE_YEARS: [(&str, i32); 7] =
    [("今年", 0), ("本年度", 0), ("明年", 1), ("后年", 2), ("去年", -1), ("过去一年", -1), ("上一年", -1)];

/// The year the last relative-year word in `before` names, counted from `issue_year`.
fn relative_year(issue_year: Option<i32>, before: &str) -> Option<i32> {
    relative_year_at(issue_year, before).and_then(|(_, y)| y)
}

/// Where the last relative-year word in `before` stands (byte offset) and the year it
/// names, unknown when the issue year is.
fn relative_year_at(issue_year: Option<i32>, before: &str) -> Option<(usize, Option<i32>)> {
    // One automaton pass instead of one reverse search per word: this is asked before
    // every value of a sentence.
    static RELATIVE: LazyLock<Words> = LazyLock::new(|| Words::new(&RELATIVE_YEARS.map(|(w, _)| w)));
    RELATIVE
        .occurrences(before)
        .max_by_key(|&(_, at, _)| at)
        .map(|(w, at, _)| (at, issue_year.map(|iy| iy + RELATIVE_YEARS[w].1)))
}

fn looks_future(ctx: &SentenceCtx, sentence_year: Option<i32>) -> bool {
    let future_year =
        ctx.years.iter().any(|a| !ctx.dates.is_past(a.year) && matches!(a.role, YearRole::Due | YearRole::At));
    future_year || sentence_year.is_some_and(|y| !ctx.dates.is_past(y))
}

fn pick_baseline(chain: &Chain) -> Option<(f64, String, Option<i32>, usize)> {
    match chain.baselines.len() {
        0 => None,
        1 => Some(chain.baselines[0].clone()),
        n => chain.baselines.get(chain.group_pos.min(n - 1)).cloned(),
    }
}

/// Counts that refer back to a list rather than set a goal: 电力电子、模具等5个 (a list
/// closed by 等), 在全省60个重点产业集群中 (a clause opened by a preposition, no goal verb).
fn is_list_reference(text: &Text, clause: Span, tok: &Token) -> bool {
    if tok.unit.as_ref().is_none_or(|u| &*u.dimension != "count") {
        return false;
    }
    let before = text.norm_slice(clause.start, tok.start).trim();
    // …unless a goal verb follows: 长春华翔、长春旭阳等10户企业成为50亿元企业集团.
    let after = text.norm_slice(tok.end, clause.end);
    if before.ends_with('等') {
        return !GOAL_VERB_WORDS.any_in(after);
    }
    let opener_at = before.trim_start_matches(['将', '要']);
    // 对200家以上企业开展诊断: the count is the object of a service the plan sets out to
    // deliver, a goal, not a reference to things already named.
    if opener_at == "对" && SERVICE_VERBS.iter().any(|v| after.contains(v)) {
        return false;
    }
    let opener = REFERENCE_OPENERS.iter().any(|w| opener_at.starts_with(w));
    opener && !GOAL_VERB_WORDS.any_in(before)
}

/// Verbs of a service delivered to the counted (对N家企业开展诊断).
const SERVICE_VERBS: [&str; 6] = ["开展", "进行", "实施", "提供", "组织", "实行"];

/// Is the token part of a noun phrase (销售收入千亿元的产业集群, 100亿元以上企业) rather than a value?
fn is_modifier(ctx: &SentenceCtx, tok: &Token, clause: Span, unit_dim: &str) -> bool {
    let text = ctx.text;
    let after = text.norm_slice(tok.end, (tok.end + 4).min(clause.end));
    if after.starts_with('级') || after.starts_with("量级") {
        return true;
    }
    let money_or_rate = matches!(unit_dim, "money" | "percent" | "multiple");
    let before = text.norm_slice(clause.start, tok.start).trim_end();
    // The document's own make-up (提出了6类共23项指标, 4个方面18条具体任务, 出台22条
    // 重点任务) counts its parts, not a goal.
    if unit_dim == "count"
        && DOC_PARTS.iter().any(|w| text.norm_slice(tok.end, (tok.end + 6).min(clause.end)).contains(w))
        && ["提出", "出台", "包括", "共", "围绕", "明确", "部署", "涵盖"].iter().any(|w| before.contains(w))
    {
        return true;
    }
    // A web page's own counters (浏览量：904次, 阅读 3次) are no statement of the text.
    let just_before = text.norm_slice(tok.start.saturating_sub(6), tok.start);
    if PAGE_COUNTERS.iter().any(|w| just_before.trim_end_matches([':', ' ']).ends_with(w)) {
        return true;
    }
    let spaced;
    let before = if before.contains(' ') {
        // Scraped pages split words with spaces (最 高不超过): words are looked for without them.
        spaced = before.replace(' ', "");
        spaced.as_str()
    } else {
        before
    };
    // Support a measure grants (给予50万元奖励, 最高不超过合同金额的30%) is a policy term,
    // not a goal of the plan.
    if money_or_rate && SUPPORT_WORDS.any_in(before) {
        return true;
    }
    // A threshold that defines what is counted (产值超500亿元的产业集群3个,
    // 年营业收入超1000亿元的2个): the count that follows is the value.
    if money_or_rate && after.starts_with('的') {
        let next = ctx.tokens.partition_point(|t| t.start < tok.end);
        let count_later = ctx.tokens[next..]
            .iter()
            .take_while(|t| t.start < clause.end)
            .any(|t| t.unit.as_ref().is_some_and(|u| &*u.dimension == "count"));
        if count_later {
            return true;
        }
    }
    // An item of a list with its own verb (…、进出口总额增长5%左右、城镇新增就业47万人…) is a
    // value, whatever nouns and verbs the next item brings.
    if after.starts_with(['、', ',', ';']) && ITEM_VERBS.iter().any(|v| before.ends_with(v)) {
        return false;
    }
    let in_from_list = before.rfind('由').is_some_and(|p| !GOAL_VERB_WORDS.any_in(&before[p..]));
    let is_baseline = before.ends_with('由') || before.ends_with('从') || before.ends_with("年的") || in_from_list;
    // A money or rate value before a goal verb that another value follows names the
    // indicator (工业总产值100亿元以上企业达到20户); a baseline (由X增加到Y) does not.
    if money_or_rate && !is_baseline && names_what_is_counted(ctx, tok, clause) {
        return true;
    }
    // A baseline (由2015年的0.38%力争提高到…) is a value whatever follows it.
    money_or_rate && !is_baseline && qualifies_a_count(ctx, tok, clause, after)
}

/// A money or rate value before a goal verb that another value follows, with a noun
/// between: it names what is counted (工业总产值100亿元以上企业达到20户).
fn names_what_is_counted(ctx: &SentenceCtx, tok: &Token, clause: Span) -> bool {
    let text = ctx.text;
    let rest = text.norm_slice(tok.end, clause.end);
    let next = ctx.tokens.partition_point(|t| t.start < tok.end);
    let Some(vpos) = GOAL_VERB_WORDS.first_in(rest) else { return false };
    let after_verb = &rest[vpos..];
    let verb_at = tok.end + rest[..vpos].chars().count();
    let value_after = ctx.tokens[next..]
        .iter()
        .take_while(|t| t.start < clause.end)
        .any(|t| t.start >= verb_at && matches!(t.kind, TokenKind::Quantity));
    // …but only when a noun stands between (…的企业分别达到, …以上企业达到), not
    // when the value is a clause of its own (增长50%、达到300个).
    let noun_between =
        rest[..vpos].chars().any(|c| is_han(c) && !"和及与以上下左右亿万元个家户件项分别".contains(c));
    // A list separator first (…增长5%以上、规模以上工业增加值增长…完成) makes the value an
    // item of a list, not a qualifier of the noun before the verb.
    // (…超百亿元、50亿元、10亿元的企业分别达到…: a list of bare values still qualifies).
    let listed_first = rest[..vpos].split_once('、').is_some_and(|(_, after_sep)| {
        ITEM_VERBS.iter().any(|w| after_sep.contains(w))
    });
    value_after && !after_verb.is_empty() && noun_between && !listed_first
}

/// A money or rate value followed by a noun and then the counted value (超50亿元企业5户),
/// or qualifying a count before it (3个工业总产值超千亿元、10个…).
fn qualifies_a_count(ctx: &SentenceCtx, tok: &Token, clause: Span, after: &str) -> bool {
    let text = ctx.text;
    let next = ctx.tokens.partition_point(|t| t.start < tok.end);
    let next2: String = after.chars().take(2).collect();
    let first = next2.chars().next().unwrap_or(',');
    let continues_value = [
        "增长", "提高", "下降", "降低", "增加", "提升", "上升", "减少", "的生", "的规", "的产", "的能", "和", "及",
        "与", "至", "到", "左右",
    ]
    .iter()
    .any(|w| next2.starts_with(w));
    // …followed by a noun and then the counted value (超50亿元企业5户); without a later
    // value the noun is what the share is of (30%以上建筑废弃物实现再资源化).
    let value_later = ctx.tokens[next..]
        .iter()
        .take_while(|t| t.start < clause.end)
        .any(|t| matches!(t.kind, TokenKind::Quantity));
    if is_han(first)
        && value_later
        && !continues_value
        && first != '的'
        && !matches!(first, '、' | '。' | '“' | '”' | '(' | ')')
    {
        return true;
    }
    // 3个工业总产值超千亿元、10个…: a money amount qualifying a preceding count.
    let before = text.norm_slice(clause.start, tok.start);
    let prev_count = ctx.tokens[..ctx.tokens.partition_point(|t| t.start < tok.start)]
        .last()
        .filter(|t| t.start >= clause.start);
    if let Some(pc) = prev_count {
        let gap = text.norm_slice(pc.end, tok.start);
        // (Not an item of its own between separators: 47万人左右、城镇调查失业率5.5%、….)
        let own_item = gap.contains(['、', ',', ';']) && (after.is_empty() || after.starts_with(['、', ',', ';', '。', '等']));
        if pc.unit.as_ref().is_some_and(|u| &*u.dimension == "count")
            && !GOAL_VERB_WORDS.any_in(gap)
            && !own_item
            && !before.is_empty()
        {
            return true;
        }
    }
    false
}

/// Is the year inside a parenthesis opened in its sentence (…(扣除2022年…)…)?
fn in_parenthesis(text: &Text, sentence_start: usize, a: &YearAnchor) -> bool {
    let opened = text.norm_slice(sentence_start, a.start);
    opened.matches('(').count() > opened.matches(')').count()
}

/// Parts a policy document is made of, counted when it describes itself.
const DOC_PARTS: [&str; 8] = ["方面", "任务", "措施", "举措", "指标", "政策", "条款", "意见"];

/// Labels of a web page's view and comment counters.
const PAGE_COUNTERS: [&str; 8] = ["浏览量", "阅读量", "点击量", "访问量", "浏览", "阅读", "点击", "评论"];

/// Verbs that make the value right after them an item's own (增长5%, 控制在3%以内).
const ITEM_VERBS: [&str; 14] = [
    "增长", "提高", "提升", "下降", "降低", "增加", "减少", "上升", "达到", "控制在", "稳定在", "保持在", "突破", "超过",
];


/// Set the chain's indicator from this clause when the clause names one.
/// `prev_end`: where the previous value of the sentence ends. In a list of items that each
/// name their own subject (地区生产总值增长5%、规模以上工业增加值增长4.5%…), a value's
/// subject is what stands after the previous value and its list separator.
fn set_indicator(
    chain: &mut Chain,
    text: &Text,
    clause: Span,
    prev_end: usize,
    tok: &Token,
    sentence: Span,
    tok_is_baseline: bool,
) {
    let counted = tok.unit.as_ref().is_some_and(|u| &*u.dimension == "count");
    let from = if prev_end > clause.start && prev_end < tok.start { prev_end } else { clause.start };
    let own = text.norm_slice(from, tok.start);
    let own = own.trim_start_matches(|c: char| QUALIFIER_TAILS.iter().any(|q| q.starts_with(c)) || "、,;和及与".contains(c));
    // The item's own subject counts when it names a measure (规模以上工业增加值); a bare
    // name (长春富奥产值超300亿元、一汽富维超200亿元) shares the measure of the list.
    let own_subject = indicator_before(own, counted);
    // (For a count, a new item's own noun is what is counted: 企业30家、平台10个; not the
    // noun after a threshold, 100亿元以上企业20户.)
    let new_item = text.norm_slice(from, tok.start).starts_with(['、', ',', ';']);
    let subject = if from == clause.start
        || names_a_measure(&own_subject)
        || (counted && new_item && own_subject.chars().count() >= 2)
    {
        own_subject
    } else {
        indicator_before(text.norm_slice(clause.start, tok.start), counted)
    };
    let noun_after = noun_after(text.norm_slice(tok.end, clause.end));
    let is_count_like = tok.unit.as_ref().is_some_and(|u| &*u.dimension == "count" || is_physical(&u.dimension));
    // A place alone after a measure (其中：长春市300万辆 after 整车规模) is whose the
    // value is; the measure stays the sentence's.
    let keeps_measure = subject.chars().count() <= 8
        && subject.ends_with(['市', '省', '县', '区', '州', '盟'])
        && names_a_measure(&chain.indicator)
        && chain.indicator_start >= sentence.start;
    chain.indicator_end = None;
    // An attribute with no measure of its own (下降幅度, 增速) is the attribute of the
    // sentence's measure: 万元工业增加值能耗下降幅度.
    let subject = if ATTRIBUTE_SUBJECTS.contains(&subject.as_str()) && chain.indicator_start >= sentence.start && !chain.indicator.is_empty() {
        match &chain.topic {
            Some(topic) if chain.indicator == format!("{topic}{subject}") => chain.indicator.clone(),
            _ => {
                chain.topic = Some(chain.indicator.clone());
                format!("{}{subject}", chain.indicator)
            }
        }
    } else {
        subject
    };
    if subject.is_empty() && !keeps_measure && chain.indicator_start >= sentence.start && chain.indicator_start < clause.start {
        // A clause with no subject after an attribute clause is about the measure again.
        if let Some(topic) = chain.topic.take() {
            chain.indicator = topic;
            chain.indicator_start = clause.start;
            chain.baselines.clear();
            if chain.base_year_at < clause.start {
                chain.base_year = None;
            }
        }
    } else if !subject.is_empty() && !chain.topic.as_deref().is_some_and(|t| subject.starts_with(t)) {
        chain.topic = None; // a measure of its own ends the attribute's topic
    }
    if !subject.is_empty() && !keeps_measure {
        if chain.indicator_start < clause.start && chain.base_year_at < clause.start {
            chain.base_year = None; // a new indicator: 比2013年 of the previous one does not apply
        }
        if chain.indicator_start < clause.start && !tok_is_baseline {
            chain.baselines.clear(); // …nor its 由X baseline (其中，新动能产业达到3%)
        }
        chain.indicator = subject;
        chain.indicator_start = clause.start;
    } else if keeps_measure || chain.indicator.is_empty() || chain.indicator_start < sentence.start {
        // (A place's share of the measure is quoted from its own clause: 其中：长春市250万辆.)
        chain.indicator_start = clause.start;
    }
    // A count or capacity followed by its noun names what is counted (再建5个国家级企业
    // 技术中心、120个省级企业技术中心; 抓好50户重点企业), unless a subject and a level verb
    // stand before it (省级企业技术中心达到400家以上企业…).
    let before_tok = text.norm_slice(clause.start, tok.start).trim_end();
    let level_verb_before = LEVEL_VERBS.iter().any(|v| before_tok.ends_with(v));
    if is_count_like
        && !noun_after.is_empty()
        && (chain.indicator.is_empty() || verb_directly_before(before_tok) || !level_verb_before)
    {
        // The quote then runs from the item (after the previous one) through its noun.
        chain.indicator_end = Some(tok.end + noun_after.chars().count());
        chain.indicator = noun_after;
        chain.indicator_start = if from > clause.start { tok.start - own.chars().count() } else { clause.start };
    }
}

fn verb_directly_before(s: &str) -> bool {
    let s = s.trim_end();
    [
        "培育",
        "建设",
        "打造",
        "创建",
        "建立",
        "新建",
        "再建",
        "推动建设",
        "形成",
        "实现",
        "选择",
        "确定",
        "建成",
        "对",
        "实施",
        "认定",
        "引进",
        "扶持",
        "发展",
    ]
    .iter()
    .any(|v| s.ends_with(v))
}

const LEADING_NOISE: [&str; 32] = [
    "其中", "力争", "争取", "努力", "确保", "使", "推动", "实现", "全省", "全市", "到", "即", "要", "并", "同时",
    "分别", "预计", "左右", "年均", "累计", "每年", "平均", "对", "同比", "环比", "比上年", "较上年", "提出", "指出",
    "强调", "明确", "全年",
];

/// Words that, inside the noun phrase of a count, qualify what is counted rather than
/// end the phrase (产值超百亿元的企业达到4家, 销售收入千亿元的产业集群).
const THRESHOLD_WORDS: [&str; 5] = ["超过", "超", "突破", "高于", "低于"];

/// The indicator phrase before a value: the clause text with time phrases, hedges and
/// goal verbs trimmed (规模以上工业总产值达到 → 规模以上工业总产值). For counts, thresholds
/// stay in the phrase (产值超百亿元的企业).
pub fn indicator_before(s: &str, counted: bool) -> String {
    let s = drop_leading(s.trim().trim_start_matches([',', ':', ';', ' ']));
    let cut = name_end(s, counted);
    let object = measured_object(s);
    let out = object.as_deref().unwrap_or_else(|| s[..cut].trim_end_matches(['的', ',', ' ', '、']).trim());
    // A year written between the measure and its verb (主营业务收入2017年达到…) is the
    // value's year, not part of the measure's name.
    static TRAILING_YEAR: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"(?:到|至)?\d{4}\s*年(?:底|末)?(?:的)?$").expect("static regex"));
    let out = TRAILING_YEAR.find(out).map_or(out, |m| out[..m.start()].trim_end_matches([',', ' ']));
    // …and 上 of 上200亿元台阶 (not 以上) is the verb.
    let out = match out.strip_suffix('上') {
        Some(rest) if !rest.ends_with('以') => rest.trim_end_matches(['迈', '跨', '登']),
        _ => out,
    };
    let mut out: String = out.chars().filter(|c| !c.is_whitespace()).collect();
    // A share names its whole (企业创新投入占全市工业创新总投入的70%): the measure is
    // "part 占 whole", not the part alone.
    if let Some(whole) = share_whole(&s[cut..]) {
        if !out.is_empty() && !out.contains('占') {
            out = format!("{out}占{whole}");
        }
    }
    out
}

/// The clause with what leads its subject dropped: a time phrase or stated aim inside it
/// (…，力争到2025年汽车产业产值), leading hedges and verbs (力争, 确保, 实现), spans of time
/// (五年间) and purposes (为支撑…), and a leading year (2020年).
fn drop_leading(mut s: &str) -> &str {
    // A time phrase inside the text (…智能网联汽车，力争到2025年汽车产业产值) starts the
    // subject after it; so does a stated aim (“十四五”时期的目标为经济总量).
    static TIME: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"(?:到|至)?\d{4}年(?:底|末)?[,]?|目标[为是]").expect("static regex"));
    let starts_subject = |m: &regex::Match| {
        let before = &s[..m.start()];
        m.as_str().starts_with("目标")
            || (m.start() > 0 && (before.ends_with([',', ' ', ';']) || HEDGES.iter().any(|h| before.ends_with(h))))
    };
    if let Some(m) = TIME.find_iter(s).filter(|m| m.end() < s.len() && starts_subject(m)).last() {
        s = &s[m.end()..];
    }
    static DURATION: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"^(?:(?:近|过去|这|此)?[一二三四五六七八九十两\d]+个?年(?:间|来|以来|内)|期间|其间|此间|同期|以来)[,]?").expect("static regex")
    });
    static PURPOSE: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"^为了?(?:支撑|支持|促进|推动|实现|确保|保障|加快|满足|完成)").expect("static regex"));
    // Drop a leading time phrase 到2017年 / 2020年.
    loop {
        let before = s.len();
        for w in LEADING_NOISE {
            if w == "全省" || w == "全市" {
                continue;
            }
            if let Some(r) = s.strip_prefix(w) {
                s = r;
            }
        }
        // A span of time (五年间, 近三年来, 期间) says when, not what; 为 before a verb says
        // what for (为支撑全省单位GDP能耗下降22％: the measure is 全省单位GDP能耗).
        if let Some(m) = DURATION.find(s).or_else(|| PURPOSE.find(s)) {
            s = &s[m.end()..];
        }
        let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
        if let Some(rest) = s[digits..].trim_start().strip_prefix('年').filter(|_| digits == 4) {
            s = rest.trim_start_matches(['末', '底', '的', ',', ' ']);
        }
        if s.len() == before {
            break; // nothing more was dropped
        }
    }
    s
}

/// Where the measure's name ends: the first goal verb or baseline marker that does not
/// start a noun (达标, 比率); for counts, thresholds (超过, 突破) stay in the name.
fn name_end(s: &str, counted: bool) -> usize {
    // Cut at the first goal verb or baseline marker (the earliest occurrence of any that
    // does not start a noun such as 达标 or 比率).
    CUT
        .occurrences(s)
        .filter(|&(w, _, _)| !(counted && THRESHOLD_WORDS.contains(&CUT_WORDS[w])))
        .filter(|&(w, p, end)| {
            let word = CUT_WORDS[w];
            !s[end..].starts_with(['值', '率', '量', '标', '幅', '速'])
                && !(word == "要" && s[..p].ends_with(['主', '重', '需', '必', '纲']))
                // 华为, 作为, 认为…; 同比, 环比; 从事: parts of other words.
                && !(word == "为" && s[..p].ends_with(['华', '作', '认', '因', '行', '称', '视', '定', '改', '更', '较']))
                && !(word == "比" && s[..p].ends_with(['同', '环']))
                && !(word == "从" && s[end..].starts_with(['事', '业']))
        })
        .map(|(_, p, _)| p)
        .min()
        .unwrap_or(s.len())
}

/// The object of 实现 / 完成 that stands right before the value, which is what is
/// measured (全省石化产业力争实现工业总产值3000亿元: 工业总产值), named with its subject when
/// it is a bare measure (规模以上工业实现产值: 规模以上工业产值).
fn measured_object(s: &str) -> Option<Cow<'_, str>> {
    // The object of 实现 / 完成 that stands right before the value is what is measured
    // (全省石化产业力争实现工业总产值3000亿元: 工业总产值, of 石化产业).
    let object = OBJECT_VERBS
        .iter()
        .filter_map(|v| s.rfind(v).map(|p| &s[p + v.len()..]))
        .map(|o| o.trim_matches(['的', ' ']))
        // (保持…营业收入年均增速10%: the rate words after the measure are not its name.)
        .map(|o| {
            let mut o = o;
            while let Some(rest) = ["年均", "增速", "增长率", "增长"].iter().find_map(|w| o.strip_suffix(w)) {
                o = rest;
            }
            o
        })
        .filter(|o| o.chars().count() >= 2 && CUT.occurrences(o).next().is_none())
        .min_by_key(|o| o.len());
    // A bare measure as the object (全省规模以上工业实现产值13213.2亿元) is named with the
    // subject before the verb: 规模以上工业产值, not 产值.
    match object {
        Some(o) if o.chars().count() <= 3 && names_a_measure(o) => {
            let verb_at = OBJECT_VERBS.iter().filter_map(|v| s.rfind(v)).max().unwrap_or(0);
            let subject = s[..verb_at].trim_end_matches(['的', ',', ' ']);
            let subject = subject.strip_prefix("全省").or_else(|| subject.strip_prefix("全市")).unwrap_or(subject);
            let subject = subject.rsplit([',', ';', ' ']).next().unwrap_or("");
            if (2..=12).contains(&subject.chars().count()) && CUT.occurrences(subject).next().is_none() {
                Some(Cow::Owned(format!("{subject}{o}")))
            } else {
                Some(Cow::Borrowed(o))
            }
        }
        other => other.map(Cow::Borrowed),
    }
}

/// The whole of a share phrase after its part: 占(到)…(的) up to the next goal verb or
/// baseline marker (占全市工业比重由47%提升到…: 全市工业比重).
fn share_whole(rest: &str) -> Option<String> {
    let at = rest.find('占')?;
    let after = rest[at + '占'.len_utf8()..].trim_start_matches('到');
    let end = CUT.occurrences(after).map(|(_, p, _)| p).filter(|&p| p > 0).min().unwrap_or(after.len());
    let whole = after[..end].trim_end_matches(['的', ',', ' ']);
    (whole.chars().count() >= 2).then(|| whole.chars().filter(|c| !c.is_whitespace()).collect())
}

/// Does a phrase name a measure (产值, 增加值, 收入, 比重, 人数…) rather than only whose it is?
fn names_a_measure(phrase: &str) -> bool {
    MEASURE_WORDS.iter().any(|w| phrase.contains(w))
}

/// Heads of measure phrases: what an indicator of a plan is counted or valued in.
const MEASURE_WORDS: [&str; 30] = [
    "值", "额", "率", "量", "数", "收入", "投资", "比重", "比例", "规模", "能力", "产能", "价格", "涨幅", "增速", "密度",
    "强度", "能耗", "排放", "利润", "税收", "面积", "人口", "就业", "浓度", "指数", "水平", "占比", "消费", "贸易",
];

/// What a value's qualifier leaves after it (5%以上、…), skipped before the next subject.
const QUALIFIER_TAILS: [&str; 4] = ["以上", "以下", "左右", "以内"];

/// Verbs whose object, standing right before a value, is the indicator (实现产值50亿元).
const OBJECT_VERBS: [&str; 3] = ["实现", "完成", "保持"];

/// Verbs that end a subject and introduce its value (省级企业技术中心达到400家): before
/// them the subject is the indicator, even when a noun follows the value.
const LEVEL_VERBS: [&str; 17] = [
    "达到", "达", "为", "超过", "突破", "增加到", "增至", "提高到", "提升到", "增长到", "控制在", "保持在", "稳定在",
    "不少于", "不低于", "超", "在",
];

/// [`CUT_WORDS`] as one automaton.
static CUT: LazyLock<Words> = LazyLock::new(|| Words::new(&CUT_WORDS));

/// Goal verbs and baseline markers that end an indicator phrase.
const CUT_WORDS: [&str; 36] = [
    "跨越",
    "迈上",
    "跨上",
    "力争",
    "争取",
    "努力",
    "分别",
    "由",
    "从",
    "比",
    "较",
    "年均",
    "累计",
    "达到",
    "达",
    "增长",
    "提高",
    "提升",
    "下降",
    "降低",
    "增加",
    "控制在",
    "突破",
    "超过",
    "超",
    "实现",
    "占",
    "要",
    "保持",
    "稳定在",
    "成为",
    "为",
    "上升",
    "减少",
    "低于",
    "高于",
];

/// The noun phrase right after a value (…5个国家级企业技术中心、…): up to a list separator,
/// a conjunction before the next value (…中心和6个…) or a verb of the clause (…企业开展诊断).
fn noun_after(s: &str) -> String {
    let s = s.trim_start_matches(['的', ' ']);
    if FALL_VERBS.iter().chain(&RISE_VERBS).chain(&["降至"]).any(|v| s.starts_with(v)) {
        return String::new();
    }
    let mut end = s.find(['、', ',', '。', ';', ':']).unwrap_or(s.len());
    for (p, c) in s[..end].char_indices() {
        let next = s[p + c.len_utf8()..].chars().next().unwrap_or(' ');
        if matches!(c, '和' | '及' | '与') && (next.is_ascii_digit() || crate::numeral::is_chinese_numeral_char(next)) {
            end = p;
            break;
        }
    }
    if let Some(v) = NOUN_END_VERBS.iter().filter_map(|v| s[..end].find(v)).filter(|&p| p > 0).min() {
        end = v;
    }
    s[..end].chars().filter(|c| !c.is_whitespace()).take(30).collect()
}

/// Subjects that name an attribute of a measure, not a measure (下降幅度由4.11％提高到12％
/// after 万元工业增加值能耗由3.1吨下降到1.5吨).
const ATTRIBUTE_SUBJECTS: [&str; 12] =
    ["幅度", "下降幅度", "降低幅度", "增长幅度", "提高幅度", "上升幅度", "降幅", "增幅", "增速", "增长速度", "增长率", "下降率"];

/// Verbs of a fall and of a rise. Text after a value that opens with one (or with 降至) is a
/// predicate (由3.1吨下降到1.5吨), not the noun the value counts; before a value they give
/// its direction (see `value_kind`).
const FALL_VERBS: [&str; 5] = ["下降", "降低", "减少", "削减", "压减"];
const RISE_VERBS: [&str; 6] = ["提高", "增长", "增加", "上升", "提升", "扩大"];

/// Verbs that end the noun phrase after a value (200家以上企业开展诊断服务).
const NOUN_END_VERBS: [&str; 9] = ["开展", "进行", "实施", "实现", "达到", "完成", "参与", "获得", "成为"];

#[allow(clippy::too_many_arguments)]
fn make(
    ctx: &SentenceCtx,
    tok: &Token,
    chain: &Chain,
    kind: StatementKind,
    year: Option<i32>,
    year_explicit: bool,
    baseline: Option<(f64, String, Option<i32>, usize)>,
    clause: Span,
) -> Statement {
    let text = ctx.text;
    let before_sentence = text.norm_slice(ctx.span.start.max(tok.start.saturating_sub(WINDOW)), tok.start);
    let before_clause = text.norm_slice(clause.start, tok.start);
    let unit_dim = tok.unit.as_ref().map(|u| &*u.dimension).unwrap_or("");
    // A one-year horizon, unless the goal is due years ahead in a multi-year plan.
    let over_plan_period = ctx.dates.period.is_some_and(|(s, e)| e > s)
        && year.is_some_and(|y| ctx.dates.issue_year.is_none_or(|i| y > i + 1));
    let one_year = kind == StatementKind::Observation || !over_plan_period;
    let (mut value_kind, mut direction) = value_kind(unit_dim, before_clause, &chain.indicator, one_year);
    // 保持20%以上的增长速度: a rate the noun after it names as growth (or 年均增速).
    let after = text.norm_slice(tok.end, (tok.end + 8).min(clause.end));
    if unit_dim == "percent" && GROWTH_NOUNS.iter().any(|w| after.trim_start_matches(['的', '年', '均']).starts_with(w)) {
        value_kind = ValueKind::GrowthRate;
        direction = None;
    }
    let base_year = baseline.as_ref().and_then(|b| b.2).or(chain.base_year);
    let quote_start =
        chain.indicator_start.min(clause.start).max(ctx.span.start).max(tok.start.saturating_sub(2 * WINDOW));
    let quote_start = skip_leading_punct(text, quote_start, tok.start);
    Statement {
        kind,
        token: tok.clone(),
        value_kind,
        direction,
        quote_start,
        quote_end: chain.indicator_end.filter(|&e| e > tok.end && e <= ctx.span.end).unwrap_or(tok.end),
        section: Arc::clone(ctx.section),
        section_heading: Arc::clone(ctx.section_heading),
        indicator_raw: distributed_indicator(&chain.indicator, chain.group_pos, text.norm_slice(quote_start, tok.end))
            .unwrap_or_else(|| {
                if chain.indicator.is_empty() {
                    ctx.section_heading.to_string()
                } else {
                    chain.indicator.clone()
                }
            }),
        year,
        year_explicit,
        baseline: Baseline {
            value: baseline.as_ref().map(|b| b.0),
            unit_raw: baseline.as_ref().map(|b| b.1.clone()).filter(|u| !u.is_empty()),
            year: base_year,
            year_written: base_year.is_some(),
            value_start: baseline.as_ref().map(|b| b.3),
        },
        aspirational: false,
        part_of: None,
        baseline_of_goal: false,
        annual: ["每年", "年均新增", "每年度"].iter().any(|w| before_sentence.contains(w))
            && value_kind != ValueKind::GrowthRate,
    }
}

/// 总产值、增加值分别…a和b: the list item of the indicator that value number `pos` of its
/// list belongs to.
fn distributed_indicator(indicator: &str, pos: usize, sentence: &str) -> Option<String> {
    if !sentence.contains("分别") || !indicator.contains('、') {
        return None;
    }
    let items: Vec<&str> = indicator.split('、').collect();
    let item = items.get(pos)?;
    // The last item often carries the shared head noun (…氮氧化物四项主要污染指标排放总量).
    Some(item.to_string())
}

fn skip_leading_punct(text: &Text, mut start: usize, limit: usize) -> usize {
    while start < limit && matches!(text.norm_slice(start, start + 1), "," | ":" | ";" | " " | "。" | "、") {
        start += 1;
    }
    start
}

/// A comparison with a base (比2013年, 较上年, 比全省平均水平), not the nouns 比重 / 比例.
fn has_comparison(before: &str) -> bool {
    let comparative = ["低于", "高于"].iter().any(|w| before.contains(w)) && before.trim_end().ends_with("水平");
    comparative
        || before.match_indices(['比', '较']).any(|(p, m)| {
            let rest = &before[p + m.len()..];
            !rest.starts_with(['重', '例', '率', '大', '快', '高', '低', '好', '强', '多', '少', '为', '较'])
        })
}

/// Indicator heads that name an amount produced or handled, not a capacity.
const OUTPUT_WORDS: [&str; 6] = ["产量", "吞吐量", "销量", "交易量", "货运量", "客运量"];

/// Words that name a growth rate itself (增速, 涨幅): a percent after them is a rate.
const GROWTH_NOUNS: [&str; 5] = ["增速", "增幅", "涨幅", "增长率", "增长速度"];

/// A growth rate written without 年均: 居民消费价格涨幅控制在3%, 增速保持在8% (a rate
/// named as such), or 地区生产总值增长6%左右 about one year (over a plan period the same
/// words are a change). A comparison (比2015年增长, 较上年), a cumulative change (累计)
/// or a target level (提高到) makes it a change or a share instead.
fn is_plain_growth(before: &str, indicator: &str, one_year: bool) -> bool {
    let t = before.trim_end();
    if has_comparison(before) || before.contains("累计") || t.ends_with('到') || t.ends_with('至') {
        return false;
    }
    let rate_named = GROWTH_NOUNS.iter().any(|w| indicator.ends_with(w) || before.contains(w));
    let grows = ["增长", "增长了"].iter().any(|w| t.ends_with(w));
    rate_named || (grows && one_year)
}

/// Classify a value by its unit's dimension and the words before it.
/// `one_year`: the value is about one year (a statistic, this year's goal), so a plain
/// 增长X% is that year's growth rate rather than a change over a plan period.
fn value_kind(dimension: &str, before: &str, indicator: &str, one_year: bool) -> (ValueKind, Option<&'static str>) {
    // The verbs of change, and comparisons (低于, 高于) and the bare 减 that point the same way.
    const DOWN_MORE: [&str; 2] = ["低于", "减"];
    const UP_MORE: [&str; 1] = ["高于"];
    let down = || FALL_VERBS.iter().chain(&DOWN_MORE);
    let up = || RISE_VERBS.iter().chain(&UP_MORE);
    static DOWN_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&[&FALL_VERBS[..], &DOWN_MORE].concat()));
    static UP_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&[&RISE_VERBS[..], &UP_MORE].concat()));
    let direction = match (DOWN_WORDS.last_in(before), UP_WORDS.last_in(before)) {
        (Some(d), Some(u)) => Some(if d > u { "down" } else { "up" }),
        (Some(_), None) => Some("down"),
        (None, Some(_)) => Some("up"),
        (None, None) => None,
    };
    let verb_then_value = |b: &str| {
        let t = b.trim_end();
        down().chain(up()).any(|w| t.ends_with(w)) || t.ends_with("累计")
    };
    match dimension {
        "percent" if indicator.contains("指数") => (ValueKind::Level, None),
        "percent" => {
            if before.contains("年均") || before.contains("平均每年") || before.contains("年平均") {
                (ValueKind::GrowthRate, None)
            } else if is_plain_growth(before, indicator, one_year) {
                (ValueKind::GrowthRate, None)
            } else if verb_then_value(before) || has_comparison(before) || before.contains("累计") {
                if direction.is_some() && !before.trim_end().ends_with('到') && !before.trim_end().ends_with('至') {
                    (ValueKind::Change, direction)
                } else {
                    (ValueKind::Share, None)
                }
            } else {
                (ValueKind::Share, None)
            }
        }
        "percentage_point" | "multiple" => (ValueKind::Change, direction.or(Some("up"))),
        "count" => (ValueKind::Count, None),
        "ratio" => (ValueKind::Ratio, None),
        d if is_physical(d) => {
            if ["排放", "能耗", "消耗", "用水", "用量", "耗"].iter().any(|w| indicator.contains(w)) {
                (ValueKind::Level, None)
            } else if OUTPUT_WORDS.iter().any(|w| indicator.ends_with(w)) {
                // What is produced or handled in a year (粮食产量, 货物吞吐量) is a level;
                // capacity is what can be produced (产能, 生产能力, 生产规模).
                (ValueKind::Level, None)
            } else {
                (ValueKind::Capacity, None)
            }
        }
        _ => (ValueKind::Level, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Is `section` the section `prefix` or one below it?
    fn in_section(section: &str, prefix: &str) -> bool {
        prefix.is_empty() || section.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    }

    proptest! {
        /// Looking lead-ins up by enclosing section gives what a scan of every earlier
        /// lead-in gives: the latest one in the section or above it.
        #[test]
        fn lead_ins_by_section_equal_a_scan(
            steps in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["", "一", "一/（一）", "一/（一）/1", "一/（二）", "二", "二/（一）", "一一"]),
                    proptest::option::of(2000..2030i32),
                    proptest::option::of(2000..2030i32),
                    any::<bool>(),
                ),
                0..40,
            )
        ) {
            let mut indexed = LeadIns::default();
            let mut all: Vec<(&str, Option<i32>, Option<i32>)> = Vec::new();
            // One Arc per section, as the outline shares them, so repeated questions hit the memo.
            let mut arcs: HashMap<&str, Arc<str>> = HashMap::new();
            for (section, year, base, is_push) in steps {
                let arc = Arc::clone(arcs.entry(section).or_insert_with(|| Arc::from(section)));
                if is_push {
                    indexed.push(&arc, year, base);
                    all.push((section, year, base));
                } else {
                    let scan_year = all.iter().rev().find(|l| in_section(section, l.0) && l.1.is_some()).and_then(|l| l.1);
                    let scan_base = all.iter().rev().find(|l| in_section(section, l.0) && l.2.is_some()).and_then(|l| l.2);
                    prop_assert_eq!(indexed.inherited(&arc), (scan_year, scan_base));
                }
            }
        }
    }
}
