//! Arithmetic inside a sentence: a stated growth rate or cumulative change that the
//! sentence's own baseline and target levels contradict (compound growth over the years
//! between; 由3.1下降到1.5 is −51.6 %, or 1.6 points of a share), a stated share that its
//! stated part and whole contradict or that no whole the document allows can give, ranges
//! that run backwards, implausible growth rates.

use super::{Rule, Severity};
use crate::curated::lookup::IndicatorIndex;
use crate::curated::Mappings;
use crate::validate::facts::{Fact, Facts, Sym};
use crate::validate::{fmt, unit_dimension, Findings, Msg};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub const RANGE_INVERTED: Rule = Rule { id: "arithmetic.range_inverted", severity: Severity::Error, description: "A range whose upper end is below its lower end." };
pub const IMPLAUSIBLE_GROWTH: Rule = Rule { id: "arithmetic.implausible_growth", severity: Severity::Warning, description: "An average annual growth rate above 50 % (likely a lost decimal point)." };
pub const CAGR: Rule = Rule { id: "consistency.cagr", severity: Severity::Warning, description: "A stated average annual growth rate that the same sentence's baseline and target levels contradict (compound growth over the years between, tolerance 1 percentage point)." };
pub const CHANGE_VS_LEVELS: Rule = Rule { id: "arithmetic.change_vs_levels", severity: Severity::Warning, description: "A stated cumulative change that the same sentence's two levels contradict: in % the ratio (由3.1下降到1.5 is −51.6 %), in 个百分点 the difference of two shares (tolerance 1 point or 5 % of the change)." };
pub const SHARE_ABOVE_BOUND: Rule = Rule { id: "arithmetic.share_above_bound", severity: Severity::Error, description: "A stated share of a whole region's total (占全省工业总产值的X %) above what its part, stated in the same sentence, can be of any whole at least as large as a figure the same document gives for that region and year: the total itself, a narrower scope of it (规模以上, mappings/indicators.yaml narrower_scope_of) or a part it bounds (bounded_by). 2222亿元 cannot be 59.2 % of a gross output of at least 13213.2亿元 (at most 16.8 %)." };
pub const SHARE_VS_PARTS: Rule = Rule { id: "arithmetic.share_vs_parts", severity: Severity::Warning, description: "A stated share (占…比重 X %) that its part, stated in the same sentence, and its whole, stated in the same section for the same year, contradict (tolerance 1 point, or the side the 以上/以下 allows)." };

/// Tolerance of the CAGR check, in percentage points.
pub const CAGR_TOLERANCE_PP: f64 = 1.0;

/// Every arithmetic rule.
pub fn check<'a>(facts: &'a Facts, m: &Mappings, fs: &mut Findings<'a>) {
    for r in &facts.targets {
        let ind = facts.t(r.indicator_raw);
        if let (Some(v), Some(vm)) = (r.value, r.value_max) {
            if vm < v {
                let msg = Msg::new(
                    format!("“{ind}”: range {} to {} runs backwards", fmt(v), fmt(vm)),
                    format!("“{ind}”的区间{}至{}上限低于下限", fmt(v), fmt(vm)),
                );
                fs.add(&RANGE_INVERTED, "targets", &[r], msg);
            }
        }
        if facts.kind_is(r, &["growth_rate"]) && r.value.is_some_and(|v| v > 50.0) {
            let v = fmt(r.value.unwrap_or(0.0));
            let msg = Msg::new(
                format!("“{ind}” grows {v}% a year: a lost decimal point?"),
                format!("“{ind}”年均增长{v}%，是否漏了小数点？"),
            );
            fs.add(&IMPLAUSIBLE_GROWTH, "targets", &[r], msg);
        }
    }
    for (table, rows) in [("targets", &facts.targets), ("observations", &facts.observations)] {
        let mut sentences: BTreeMap<(u32, &str), Vec<&Fact>> = BTreeMap::new();
        for r in rows.iter() {
            sentences.entry((r.sentence, facts.t(r.indicator_raw))).or_default().push(r);
        }
        for rows in sentences.values() {
            rates_against_levels(facts, table, rows, fs);
        }
    }
    shares_against_parts(facts, fs);
    shares_against_bounds(facts, m, fs);
}

/// Two levels of one measure in one sentence: (baseline, its year, target, its year, the
/// target's row, and the baseline's row when the baseline is a row of its own).
struct Span<'a> {
    from: f64,
    from_year: Option<i32>,
    to: f64,
    to_year: Option<i32>,
    row: &'a Fact,
    from_row: Option<&'a Fact>,
    percent: bool,
}

impl<'a> Span<'a> {
    /// The rows a finding about this span names, with the rate or change row first.
    fn rows(&self, rate: &'a Fact) -> Vec<&'a Fact> {
        std::iter::once(rate).chain(self.from_row).chain(std::iter::once(self.row)).collect()
    }
}

/// The spans a sentence states for one indicator phrase: a level with its baseline
/// (由3255亿元增长到5000亿元), or two levels of different years (由2006年的3.1吨…下降到2010年
/// 的1.5吨).
fn spans<'a>(facts: &Facts, rows: &[&'a Fact]) -> Vec<Span<'a>> {
    let levels: Vec<&Fact> = rows.iter().copied().filter(|r| facts.kind_is(r, &["level", "share", "count", "capacity"])).collect();
    let mut out = Vec::new();
    for r in &levels {
        let percent = facts.s(r.unit_raw) == Some("%");
        let same_unit = r.baseline_unit_raw.is_none() || r.baseline_unit_raw == r.unit_raw;
        if let (Some(b), Some(v), true) = (r.baseline_value, r.value, same_unit) {
            out.push(Span { from: b, from_year: r.baseline_year, to: v, to_year: r.year, row: r, from_row: None, percent });
        }
    }
    if out.is_empty() && levels.len() == 2 && levels[0].unit_raw == levels[1].unit_raw {
        let (mut a, mut b) = (levels[0], levels[1]);
        if a.year > b.year {
            std::mem::swap(&mut a, &mut b);
        }
        if let (Some(x), Some(y), true) = (a.value, b.value, a.year < b.year) {
            let percent = facts.s(a.unit_raw) == Some("%");
            out.push(Span { from: x, from_year: a.year, to: y, to_year: b.year, row: b, from_row: Some(a), percent });
        }
    }
    out
}

/// Growth rates and changes of one indicator phrase in one sentence against its spans.
fn rates_against_levels<'a>(facts: &'a Facts, table: &'static str, rows: &[&'a Fact], fs: &mut Findings<'a>) {
    let spans = spans(facts, rows);
    if spans.is_empty() {
        return;
    }
    let span_for = |r: &Fact| spans.iter().find(|s| s.to_year == r.year).or(if spans.len() == 1 { spans.first() } else { None });
    for g in rows.iter().copied().filter(|r| facts.kind_is(r, &["growth_rate"])) {
        let Some(s) = span_for(g) else { continue };
        let (Some(rate), Some(by), Some(ty)) = (g.value, s.from_year, s.to_year) else { continue };
        if ty <= by || s.from <= 0.0 || s.to <= 0.0 || facts.s(g.unit_raw) != Some("%") {
            continue;
        }
        let implied = ((s.to / s.from).powf(1.0 / (ty - by) as f64) - 1.0) * 100.0;
        if (implied - rate).abs() > CAGR_TOLERANCE_PP {
            let ind = facts.t(g.indicator_raw);
            let (bv, tv) = (fmt(s.from), fmt(s.to));
            let msg = Msg::new(
                format!("“{ind}” from {bv} ({by}) to {tv} ({ty}) implies {implied:.1}% a year, the text says {}%", fmt(rate)),
                format!("“{ind}”由{by}年的{bv}到{ty}年的{tv}，年均增长应为{implied:.1}%，原文为{}%", fmt(rate)),
            )
            .figures(format!("{implied:.1}%"), format!("{}%", fmt(rate)));
            fs.add(&CAGR, table, &s.rows(g), msg);
        }
    }
    for c in rows.iter().copied().filter(|r| facts.kind_is(r, &["change"])) {
        let Some(s) = span_for(c) else { continue };
        let Some(stated) = c.value else { continue };
        let unit = facts.t(c.unit_raw);
        let down = facts.s(c.direction) == Some("down");
        let signed = if down { -stated } else { stated };
        let (implied, shown) = if unit.contains("百分点") && s.percent {
            (s.to - s.from, format!("{:+.1} 个百分点", s.to - s.from))
        } else if unit == "%" && s.from > 0.0 {
            let pct = (s.to / s.from - 1.0) * 100.0;
            (pct, format!("{pct:+.1}%"))
        } else if unit == "倍" && s.from > 0.0 {
            // 增长了N倍 (N = ratio − 1) and 增长到N倍 (N = ratio) are both written.
            let ratio = s.to / s.from;
            if (ratio - 1.0 - stated).abs() <= 0.05 * stated.max(1.0) || (ratio - stated).abs() <= 0.05 * stated.max(1.0) {
                continue;
            }
            (ratio - 1.0, format!("{:.2} 倍", ratio - 1.0))
        } else {
            continue;
        };
        // Without a direction the text gives the size of the change only.
        let off = if c.direction.is_some() { (implied - signed).abs() } else { (implied.abs() - stated).abs() };
        if off > (0.05 * stated.abs()).max(1.0) {
            let ind = facts.t(c.indicator_raw);
            let (bv, tv, sv) = (fmt(s.from), fmt(s.to), fmt(stated));
            let msg = Msg::new(
                format!("“{ind}” from {bv} to {tv} is a change of {shown}, the text says {sv} {unit}"),
                format!("“{ind}”由{bv}变为{tv}，变化应为{shown}，原文为{sv}{unit}"),
            )
            .figures(shown.clone(), format!("{} {unit}", fmt(signed)));
            fs.add(&CHANGE_VS_LEVELS, table, &s.rows(c), msg);
        }
    }
}

/// The part a share (…2222亿元，占全省工业总产值的59.2％) is of: the level of the same
/// sentence and year that ends last before the share does. Rows of one offset come in
/// either order (the share's quote often starts where its part's does), so the offsets
/// decide, not the order of the rows.
fn part_of_share<'a>(facts: &Facts, sentence: &[&'a Fact], share: &Fact) -> Option<&'a Fact> {
    let end = share.char_end?;
    sentence
        .iter()
        .copied()
        .filter(|r| r.id != share.id && facts.kind_is(r, &["level"]) && r.year == share.year && r.char_end.is_some_and(|e| e <= end))
        .max_by_key(|r| r.char_end)
}

/// A share (占…X %) after its part in one sentence, against the whole the share names
/// (a level of the same section and year whose phrase follows 占 in the share's quote).
fn shares_against_parts<'a>(facts: &'a Facts, fs: &mut Findings<'a>) {
    let mut by_sentence: BTreeMap<u32, Vec<&Fact>> = BTreeMap::new();
    for r in &facts.targets {
        by_sentence.entry(r.sentence).or_default().push(r);
    }
    let mut by_section: BTreeMap<(lasso::Spur, Option<lasso::Spur>, Option<i32>), Vec<&Fact>> = BTreeMap::new();
    for r in facts.targets.iter().filter(|r| facts.kind_is(r, &["level"])) {
        by_section.entry((r.doc, r.section, r.year)).or_default().push(r);
    }
    for rows in by_sentence.values() {
        for s in rows.iter() {
            if !facts.kind_is(s, &["share"]) || facts.s(s.unit_raw) != Some("%") {
                continue;
            }
            let Some((_, named)) = facts.t(s.quote).split_once('占') else { continue };
            let Some(part) = part_of_share(facts, rows, s) else { continue };
            let candidates = by_section.get(&(s.doc, s.section, s.year)).map(Vec::as_slice).unwrap_or(&[]);
            let whole = candidates.iter().find(|w| {
                let raw = facts.t(w.indicator_raw);
                let raw = raw.trim_start_matches("全省").trim_start_matches("全市");
                w.id != part.id && w.unit == part.unit && !raw.is_empty() && named.contains(raw)
            });
            let (Some(whole), Some(stated)) = (whole, s.value) else { continue };
            let (Some(p), Some(w)) = (part.value_std, whole.value_std.filter(|w| *w > 0.0)) else { continue };
            let computed = p / w * 100.0;
            let fits = match facts.t(s.qualifier) {
                "ge" | "gt" => computed >= stated - CAGR_TOLERANCE_PP,
                "le" | "lt" => computed <= stated + CAGR_TOLERANCE_PP,
                _ => (computed - stated).abs() <= CAGR_TOLERANCE_PP,
            };
            if !fits {
                let (pr, wr) = (facts.t(part.indicator_raw), facts.t(whole.indicator_raw));
                let (pv, wv, sv) = (fmt(part.value.unwrap_or(0.0)), fmt(whole.value.unwrap_or(0.0)), fmt(stated));
                let msg = Msg::new(
                    format!("“{pr}” {pv} of “{wr}” {wv} is {computed:.1}%, the text says {sv}%"),
                    format!("“{pr}”{pv}占“{wr}”{wv}的{computed:.1}%，原文为{sv}%"),
                )
                .figures(format!("{computed:.1}%"), format!("{sv}%"));
                fs.add(&SHARE_VS_PARTS, "targets", &[s, part, whole], msg);
            }
        }
    }
}

/// Characters after 全 by which a text names the whole of its own region (全省工业总产值);
/// 全国 is a benchmark, another region's whole.
const OWN_WHOLE: &str = "省市区州县盟";

/// The whole a share names when that whole is its own region's total: in
/// 占全省工业总产值的59.2％, (全省工业总产值, 工业总产值) — as written, and the measure. None
/// for any other whole (占全国…, 占工业…, which may be an industry's).
fn named_regional_whole(quote: &str) -> Option<(&str, &str)> {
    let (_, after) = quote.split_once('占')?;
    let rest = after.strip_prefix('全')?;
    let measure = rest.strip_prefix(|c: char| OWN_WHOLE.contains(c))?;
    let end = measure.find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || "的比达为约超提已，,".contains(c)).unwrap_or(measure.len());
    let written = &after[..after.len() - measure.len() + end];
    Some((written, &measure[..end])).filter(|w| !w.1.is_empty())
}

/// For every indicator, the indicators its value can never exceed for the same region and
/// year: `bounded_by` and `narrower_scope_of` of the curated layer, followed through
/// (规模以上工业增加值 ≤ 规模以上工业总产值 ≤ 工业总产值).
fn at_most(m: &Mappings) -> HashMap<&str, BTreeSet<&str>> {
    let direct: HashMap<&str, Vec<&str>> = m
        .indicators
        .iter()
        .map(|i| (i.id.as_str(), i.bounded_by.iter().chain(&i.narrower_scope_of).map(String::as_str).collect()))
        .collect();
    let mut out = HashMap::new();
    for &id in direct.keys() {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&str> = direct[id].clone();
        while let Some(next) = todo.pop() {
            if seen.insert(next) {
                todo.extend(direct.get(next).into_iter().flatten());
            }
        }
        out.insert(id, seen);
    }
    out
}

/// A share of a whole region's total (占全省工业总产值的59.2％) against a figure of the same
/// document, region and year that the total can be no smaller than (the total, a narrower
/// scope of it, a part it bounds): the share is at most part / that figure. Only an upper
/// bound is sound (the total may be larger still), so only a share above it is raised,
/// and as an error: no reading of the document makes both figures true.
fn shares_against_bounds<'a>(facts: &'a Facts, m: &Mappings, fs: &mut Findings<'a>) {
    let index = IndicatorIndex::new(&m.indicators);
    let at_most = at_most(m);
    let dimension = |r: &Fact| unit_dimension(m, facts.t(r.unit));
    for (table, rows) in [("targets", &facts.targets), ("observations", &facts.observations)] {
        // Figures of a whole region: no industry, enterprise or scope, worded 全省….
        let mut wholes: BTreeMap<(Sym, Option<Sym>, Option<i32>), Vec<&Fact>> = BTreeMap::new();
        for w in rows.iter() {
            let regional = w.subject_industry.is_none() && w.industry_id.is_none() && w.enterprise_id.is_none() && w.scope_text.is_none();
            if regional && facts.kind_is(w, &["level"]) && w.value_std.is_some_and(|v| v > 0.0) && facts.t(w.quote).starts_with('全') {
                wholes.entry((w.doc, w.region_code, w.year)).or_default().push(w);
            }
        }
        let mut by_sentence: BTreeMap<u32, Vec<&Fact>> = BTreeMap::new();
        for r in rows.iter() {
            by_sentence.entry(r.sentence).or_default().push(r);
        }
        for sentence in by_sentence.values() {
            for s in sentence.iter() {
                if !facts.kind_is(s, &["share"]) || facts.s(s.unit_raw) != Some("%") || matches!(facts.t(s.qualifier), "le" | "lt") {
                    continue;
                }
                let (Some(stated), Some((written, named))) = (s.value, named_regional_whole(facts.t(s.quote))) else { continue };
                let Some(part) = part_of_share(facts, sentence, s) else { continue };
                let (Some(p), Some(dim)) = (part.value_std, dimension(part)) else { continue };
                let Some(whole) = index.lookup(named, "level", Some(dim)) else { continue };
                let bounds_whole = |w: &&&Fact| {
                    facts.s(w.indicator_id).is_some_and(|id| id == whole.id || at_most.get(id).is_some_and(|s| s.contains(whole.id.as_str())))
                };
                let candidates = wholes.get(&(s.doc, s.region_code, s.year)).map(Vec::as_slice).unwrap_or(&[]);
                let largest = candidates
                    .iter()
                    .filter(|w| w.id != part.id && dimension(w) == Some(dim))
                    .filter(bounds_whole)
                    .max_by(|a, b| a.value_std.unwrap_or(0.0).total_cmp(&b.value_std.unwrap_or(0.0)));
                let Some(floor) = largest else { continue };
                let bound = p / floor.value_std.unwrap_or(f64::INFINITY) * 100.0;
                if stated > bound + CAGR_TOLERANCE_PP {
                    let (pr, fr) = (facts.t(part.indicator_raw), facts.t(floor.indicator_raw));
                    let (pv, fv, sv) = (fmt(part.value.unwrap_or(0.0)), fmt(floor.value.unwrap_or(0.0)), fmt(stated));
                    let (pu, fu) = (facts.t(part.unit_raw), facts.t(floor.unit_raw));
                    let msg = Msg::new(
                        format!(
                            "“{pr}” {pv} {pu} is said to be {sv}% of {written}, but the same document gives “{fr}” {fv} {fu}, and {written} can be no smaller than that: the share is at most {bound:.1}%"
                        ),
                        format!("“{pr}”{pv}{pu}据称占{written}的{sv}%，但同一文件给出“{fr}”{fv}{fu}，{written}不会小于此数，所占比重至多为{bound:.1}%"),
                    )
                    .figures(format!("≤ {bound:.1}%"), format!("{sv}%"));
                    fs.add(&SHARE_ABOVE_BOUND, table, &[s, part, floor], msg);
                }
            }
        }
    }
}
