//! Project phrases: concrete named projects, plants, bases and parks (焦炉气制甲醇、乙二醇
//! 及尿素项目; 吉林化纤15万吨腈纶纤维; 长春皓月清真产业园), with the capacity written in
//! them. Phrases are cut from clauses at a head noun and trimmed of the verbs before them.
//! Not here: joining a phrase to an enterprise, region or industry (normalize does that).

use regex::Regex;
use std::sync::{LazyLock, OnceLock};

use crate::outline::Paragraph;
use crate::quantity::{Token, TokenKind};
use crate::segment::clauses;
use crate::text::Text;
use crate::units::is_physical;
use crate::words::Words;


/// A project phrase: its span, the clause it stands in, and the capacity written in it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct ProjectPhrase {
    pub start: usize,
    pub end: usize,
    /// Start of the clause the project is named in (its enterprise may stand before it).
    pub clause_start: usize,
    /// The phrase as written, cut from the document's text when the file is read.
    #[serde(skip)]
    pub name: String,
    pub section: std::sync::Arc<str>,
    pub capacity_value: Option<f64>,
    pub capacity_unit_raw: Option<String>,
    pub capacity_unit: Option<std::sync::Arc<str>>,
    pub capacity_factor: Option<f64>,
    pub year: Option<i32>,
}


const LEAD_VERBS: &[&str] = &[
    "加快推进",
    "加快建设",
    "重点推进",
    "积极推进",
    "推进",
    "建设",
    "新建",
    "扩建",
    "改造",
    "实施",
    "启动",
    "支持",
    "推动",
    "加快",
    "谋划",
    "打造",
    "建成",
    "依托",
    "围绕",
    "引进",
    "发展",
    "完成",
    "开工",
    "争取",
    "重点",
    "抓好",
    "做好",
    "规划",
    "开展",
    "积极",
    "以",
    "和",
    "努力",
    "尽快",
    "形成",
    "构建",
    "在",
    "有力地",
    "力争",
    "着力",
    "大力",
    "逐步",
    "将",
    "按照",
    "全面提升",
    "提升",
];

/// The head nouns a project phrase ends with (as in the regex below).
const HEADS: [&str; 6] = ["项目", "产业园", "工业园", "示范园", "生产线", "基地"];

/// Verbs after which the project itself is named (将吉林油田建成千万吨级油气田生产基地).
const RESULT_VERBS: &[&str] = &["建设成为", "建设成", "打造成为", "打造成", "建成", "形成", "成为"];

/// Words that make a phrase a category or a list, not one named project.
/// Aspirations (全国重要的…基地, 东北最大的…) describe a goal for an industry, not a project.
const GENERIC: &[&str] = &[
    "等",
    "各类",
    "一批",
    "一系列",
    "各具特色",
    "重点项目",
    "重大项目",
    "全省",
    "具有",
    "新开工",
    "基础设施",
    "有力",
    "多个",
    "支撑",
    "全国",
    "国内",
    "世界",
    "最大",
    "重要的",
    "一流",
    "领先",
    "影响力",
];

/// Find project phrases in every clause of the document.
pub fn find_projects(text: &Text, paragraphs: &[Paragraph], tokens: &[Token]) -> Vec<ProjectPhrase> {
    static HEAD: OnceLock<Regex> = OnceLock::new();
    let head = HEAD.get_or_init(|| {
        Regex::new(r"[^,;:。、“”()《》 ]{2,40}?(?:项目|产业园|工业园|示范园|生产线|生产基地|产业基地)")
            .expect("static regex")
    });
    static HEAD_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&HEADS));
    static GENERIC_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(GENERIC));
    let mut out = Vec::new();
    // Most paragraphs, and most clauses, name no project: skip them (and the regex) unless a
    // head noun is there. Where head nouns are is found once for the whole text.
    let heads = HEAD_WORDS.spans(text.norm_str());
    let has_head = |start: usize, end: usize| heads.any_within(text.norm_byte(start), text.norm_byte(end));
    let mut token_cursor = crate::cursor::Cursor::default();
    for para in paragraphs {
        if !has_head(para.start, para.end) {
            continue;
        }
        for c in clauses(text, para.start, para.end) {
            if !has_head(c.start, c.end) {
                continue;
            }
            let s = text.norm_slice(c.start, c.end);
            let base = text.norm_byte(c.start);
            for m in head.find_iter(s) {
                let mut phrase = m.as_str();
                let mut start_b = base + m.start();
                // The phrase must start at a word boundary: not inside 园区 / 基地 of a neighbour.
                if s[..m.start()].ends_with(['园', '区', '地', '线']) {
                    continue;
                }
                if let Some((p, v)) =
                    RESULT_VERBS.iter().filter_map(|v| phrase.rfind(v).map(|p| (p, *v))).max_by_key(|(p, _)| *p)
                {
                    start_b += p + v.len();
                    phrase = &phrase[p + v.len()..];
                }
                loop {
                    let Some(v) = LEAD_VERBS.iter().find(|v| phrase.starts_with(*v)) else {
                        break;
                    };
                    phrase = &phrase[v.len()..];
                    start_b += v.len();
                }
                let start = text.char_at_norm_byte(start_b);
                let end = text.char_at_norm_byte(base + m.end());
                if end - start < 4 || phrase.starts_with(['的', '个', '项']) || GENERIC_WORDS.any_in(phrase) {
                    continue;
                }
                if ["建设项目", "示范项目", "合作项目", "产业项目", "技改项目", "产业基地", "生产基地"]
                    .contains(&phrase)
                {
                    continue;
                }
                // Tokens are sorted by offset: look only at those inside the phrase.
                let first = token_cursor.advance(tokens, |t| t.start < start);
                let cap = tokens[first..].iter().take_while(|t| t.start < end).find(|t| {
                    t.kind == TokenKind::Quantity
                        && t.end <= end
                        && t.unit.as_ref().is_some_and(|u| is_physical(&u.dimension))
                });
                out.push(ProjectPhrase {
                    start,
                    end,
                    clause_start: c.start,
                    name: String::new(),
                    section: std::sync::Arc::clone(&para.section),
                    capacity_value: cap.map(|t| t.value),
                    capacity_unit_raw: cap.and_then(|t| {
                        t.unit.as_ref().map(|u| crate::units::unit_as_written(text, t.unit_start, u))
                    }),
                    capacity_unit: cap.and_then(|t| t.unit.as_ref().map(|u| std::sync::Arc::clone(&u.id))),
                    capacity_factor: cap.and_then(|t| t.unit.as_ref().map(|u| u.factor)),
                    year: None,
                });
            }
        }
    }
    out
}
