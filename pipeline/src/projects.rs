//! Project phrases: concrete named projects, plants, bases and parks (焦炉气制甲醇、乙二醇
//! 及尿素项目; 吉林化纤15万吨腈纶纤维; 长春皓月清真产业园), with the capacity written in
//! them. Phrases are cut from clauses at a head noun and trimmed of the verbs before them.

use regex::Regex;
use std::sync::OnceLock;

use extract::outline::Paragraph;
use extract::quantity::{Token, TokenKind};
use extract::segment::clauses;
use extract::text::Text;
use extract::units::is_physical;

use crate::stage_extract::{section_at, ProjectRec};

const LEAD_VERBS: [&str; 32] = [
    "加快推进", "加快建设", "重点推进", "积极推进", "推进", "建设", "新建", "扩建", "改造", "实施", "启动", "支持", "推动", "加快", "谋划",
    "打造", "建成", "依托", "围绕", "引进", "发展", "完成", "开工", "争取", "重点", "抓好", "做好", "规划", "开展", "积极", "以", "和",
];

/// Find project phrases in every clause of the document.
pub fn find_projects(text: &Text, paragraphs: &[Paragraph], tokens: &[Token]) -> Vec<ProjectRec> {
    static HEAD: OnceLock<Regex> = OnceLock::new();
    let head = HEAD.get_or_init(|| Regex::new(r"[^,;:。、“”()《》 ]{2,40}?(?:项目|产业园|工业园|示范园|生产线|生产基地|产业基地)").expect("static regex"));
    let mut out = Vec::new();
    for p in paragraphs {
        for c in clauses(text, p.start, p.end) {
            let s = text.norm_slice(c.start, c.end);
            let base = text.norm_byte(c.start);
            for m in head.find_iter(s) {
                let mut phrase = m.as_str();
                let mut start_b = base + m.start();
                loop {
                    let Some(v) = LEAD_VERBS.iter().find(|v| phrase.starts_with(*v)) else { break };
                    phrase = &phrase[v.len()..];
                    start_b += v.len();
                }
                let start = text.char_at_norm_byte(start_b);
                let end = text.char_at_norm_byte(base + m.end());
                if end - start < 4 || phrase.starts_with(['的', '等', '个', '项']) || ["重点项目", "建设项目", "重大项目", "示范项目", "合作项目", "产业项目", "技改项目"].contains(&phrase) {
                    continue;
                }
                let cap = tokens.iter().find(|t| {
                    t.kind == TokenKind::Quantity && t.start >= start && t.end <= end && t.unit.as_ref().is_some_and(|u| is_physical(&u.dimension))
                });
                out.push(ProjectRec {
                    start,
                    end,
                    name: text.original_slice(start, end).to_string(),
                    section: section_at(paragraphs, start),
                    capacity_value: cap.map(|t| t.value),
                    capacity_unit_raw: cap.and_then(|t| t.unit.as_ref().map(|u| crate::stage_extract::unit_as_written(text, t.unit_start, u.chars))),
                    capacity_unit: cap.and_then(|t| t.unit.as_ref().map(|u| u.id.clone())),
                    capacity_factor: cap.and_then(|t| t.unit.as_ref().map(|u| u.factor)),
                    year: None,
                });
            }
        }
    }
    out
}
