//! Project phrases: the named construction, investment, capacity and upgrade undertakings
//! a text calls for (一汽通用公司整车新建项目; 年产10万吨聚乳酸生产线; 长春皓月清真产业园;
//! 吉化公司乙烯装置改扩建), each with the capacities, investment, years and status written
//! with it. A phrase is cut from its clause at a head noun and trimmed of the verbs before
//! it; lists that share one head (A、B、C等项目; 甲公司、乙公司扩能改造) give one phrase per item.
//! Not here: deciding which phrases are specific enough to publish, joining them to
//! enterprises, regions and industries, and merging mentions of one project (normalize).

use regex::Regex;
use std::cell::OnceCell;
use std::sync::{Arc, LazyLock};

use crate::outline::Paragraph;
use crate::quantity::{Token, TokenKind};
use crate::segment::{clauses, sentences};
use crate::text::Text;
use crate::units::is_physical;
use crate::words::Words;

/// One capacity written with a project (年产10万吨聚乳酸, 30颗卫星).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct Capacity {
    pub value: f64,
    pub unit_raw: String,
    pub unit_id: Option<Arc<str>>,
    pub factor: Option<f64>,
    /// What is produced, as written after the number (聚乳酸); empty when none is written.
    pub product: String,
    /// Written per year: 年产… or a unit ending in /年.
    pub per_year: bool,
}

/// A project phrase: its span, the clause and sentence it stands in, and what is written
/// with it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct ProjectPhrase {
    pub start: usize,
    pub end: usize,
    /// Start of the clause the project is named in (its sponsor or place may stand there).
    pub clause_start: usize,
    /// Start of the sentence; with `builds`, a sponsor named earlier in it counts.
    pub sentence_start: usize,
    /// The clause says the project is built (建设, 新建, 建立…), not only supported.
    pub builds: bool,
    /// One item of a list sharing a head (A、B等项目): it must be specific on its own.
    pub list_item: bool,
    /// The shared head appended to a list item's name (项目 for 东宝利拉鲁肽、…等项目).
    pub name_suffix: String,
    /// The name: the span as written plus `name_suffix`, filled when the file is read.
    #[serde(skip)]
    pub name: String,
    pub section: Arc<str>,
    pub capacities: Vec<Capacity>,
    pub investment_100m_yuan: Option<f64>,
    /// Completion year written in the sentence (到2017年形成…; 2018年建成).
    pub year: Option<i32>,
    pub start_year: Option<i32>,
    /// planned / under_construction / completed, when the wording says so.
    pub status: Option<String>,
}

/// Head nouns and verbs a project phrase ends with. 园区 covers 产业园区, 工业园区…
const HEAD: &str =
    r"示范项目|项目|工程|园区|产业园|工业园|示范园|生产线|生产基地|基地|油气田|装置改扩建|扩能改造|改造扩能|停车场";

/// What a head may not be followed by (工程技术研究中心, 长春工程学院, 工业园职业学校,
/// 基地化, 工程试点), by the head's last character ("" = any head).
const NOT_AFTER_HEAD: &[(&str, &str)] = &[
    ("程", "技术"),
    ("程", "实验"),
    ("程", "研究"),
    ("程", "中心"),
    ("程", "师"),
    ("", "学"),
    ("", "职业"),
    ("", "化"),
    ("", "试点"),
    ("", "建设机制"),
    ("", "管理"),
];

/// Verbs and prepositions after which the project's own name begins (the last one wins).
const CUT_WORDS: &[&str] = &[
    "建设成为", "建设成", "打造成为", "打造成", "建成", "形成", "建设", "新建", "扩建", "建立", "组建", "设立",
    "推进", "推动", "加快", "支持", "实施", "打造", "构建", "培育", "引进", "依托", "围绕", "谋划", "规划",
    "开展", "抓好", "做好", "确保", "参与", "鼓励", "启动", "完成", "争取", "发展壮大", "壮大", "发展", "提升",
    "促进", "重点", "积极", "大力", "着力", "尽快", "力争", "努力", "对接", "结合", "依靠", "利用", "通过",
    "加强", "完善", "探索", "共建", "就", "借助",
];

/// Words stripped from the start of a name.
const LEADING: &[&str] = &["以及", "及", "和", "与", "的", "、", "在", "将", "把", "对", " ", "　"];

/// Names of categories, lists and aspirations, not of one project.
const GENERIC: &[&str] = &[
    "各类", "一批", "一系列", "各具特色", "重点项目", "重大项目", "基础设施", "新开工", "多个", "全省", "具有",
    "有关", "相关", "这些", "全国", "国内", "世界", "最大", "重要的", "一流", "领先", "影响力", "先进的", "特色的",
    "过剩", "等企业", "我省", "各地", "有条件", "符合条件", "个", "培育工程", "提升工程", "创新工程", "强基工程",
    "行动", "计划", "工匠", "人才", "老工业基地", "各项", "各", "现有", "大型", "产业集群", "以上", "重大", "规划",
];

/// Names that are only a category head (产业基地, 建设项目), whoever builds them.
const BARE_HEADS: &[&str] =
    &["产业基地", "生产基地", "产业园区", "工业园区", "产业园", "工业园", "建设项目", "示范项目", "合作项目", "产业项目", "技改项目"];

/// An enumeration (三大基地, 两个园区) names a list, not a project.
static ENUMERATION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[一二两三四五六七八九十几多]大").expect("static regex"));

/// Outline ordinals a heading starts with (3. / （2） / 一、).
static ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\d+[.．、]|[(（]\d+[)）]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])").expect("static regex"));

/// Bases that are not construction projects (farming, training, incubation).
const NOT_PROJECT_BASES: &[&str] = &[
    "孵化基地", "培训基地", "种植基地", "原料基地", "繁育基地", "推广基地", "实验基地", "双创基地", "供给基地",
    "人才基地", "教育基地", "出口基地", "种苗培育基地",
];

const BUILD_WORDS: &[&str] = &["建设", "新建", "扩建", "建立", "建成", "组建", "设立", "改扩建", "扩能", "投资"];

static HEAD_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(HEAD).expect("static regex"));
static GENERIC_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(GENERIC));
static BUILD: LazyLock<Words> = LazyLock::new(|| Words::new(BUILD_WORDS));
static YEAR_DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:到|至|于)?(20\d\d)年(?:底|末|前|以前)?(?:[^,;。]{0,3})?(?:建成|投产|竣工|完成|形成|实现)")
        .expect("static regex")
});
static YEAR_BY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:到|至)(20\d\d)年").expect("static regex"));
static YEAR_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(20\d\d)年(?:底|末)?(?:开工|启动)").expect("static regex"));

/// Find project phrases in every clause of the document. `enterprises` are the char spans
/// of enterprise names (sorted), used to split lists of sponsors sharing one object.
pub fn find_projects(
    text: &Text,
    paragraphs: &[Paragraph],
    tokens: &[Token],
    enterprises: &[(usize, usize)],
) -> Vec<ProjectPhrase> {
    let mut out = Vec::new();
    for para in paragraphs {
        // Where head nouns start (bytes of the normalised text), found in one pass over the
        // paragraph. A head holds no punctuation, so each lies inside one sentence and one
        // clause, and a sentence or clause names a head exactly when one starts in it.
        let base = text.norm_byte(para.start);
        let heads: Vec<usize> =
            HEAD_RE.find_iter(text.norm_slice(para.start, para.end)).map(|m| base + m.start()).collect();
        if heads.is_empty() {
            continue;
        }
        let has_head = |start: usize, end: usize| {
            let (a, b) = (text.norm_byte(start), text.norm_byte(end));
            heads.get(heads.partition_point(|&h| h < a)).is_some_and(|&h| h < b)
        };
        for sent in sentences(text, para.start, para.end) {
            if !has_head(sent.start, sent.end) {
                continue;
            }
            // Read only when the sentence gives a phrase.
            let years = OnceCell::new();
            for c in clauses(text, sent.start, sent.end) {
                if !has_head(c.start, c.end) {
                    continue;
                }
                let ctx = Ctx { text, para, sentence_start: sent.start, sentence_end: sent.end, years: &years, tokens, enterprises };
                clause_projects(&ctx, c.start, c.end, &mut out);
            }
        }
    }
    out
}

type Years = (Option<i32>, Option<i32>, Option<&'static str>);

struct Ctx<'a> {
    text: &'a Text,
    para: &'a Paragraph,
    sentence_start: usize,
    sentence_end: usize,
    /// What [`sentence_years`] reads in the sentence.
    years: &'a OnceCell<Years>,
    tokens: &'a [Token],
    enterprises: &'a [(usize, usize)],
}

impl Ctx<'_> {
    fn years(&self) -> Years {
        *self.years.get_or_init(|| sentence_years(self.text.norm_slice(self.sentence_start, self.sentence_end)))
    }
}

/// Completion year, start year and status written in a sentence.
fn sentence_years(s: &str) -> Years {
    let year = |re: &Regex| re.captures(s).and_then(|c| c[1].parse().ok());
    let done = year(&YEAR_DONE).or_else(|| year(&YEAR_BY));
    let status = if s.contains("已建成") || s.contains("在建成") || s.contains("已投产") {
        Some("completed")
    } else if s.contains("在建") || s.contains("加快建设") || s.contains("续建") {
        Some("under_construction")
    } else if s.contains("谋划") || s.contains("规划建设") || s.contains("拟建") || s.contains("前期工作") {
        Some("planned")
    } else {
        None
    };
    (done, year(&YEAR_START), status)
}

/// The phrases of one clause (one that names a head noun), in order.
fn clause_projects(ctx: &Ctx, cstart: usize, cend: usize, out: &mut Vec<ProjectPhrase>) {
    let chars = ctx.text.norm_chars(cstart, cend);
    let s = ctx.text.norm_slice(cstart, cend);
    // Char offset of each byte boundary of `s`.
    let at = |byte: usize| s[..byte].chars().count();
    let builds = BUILD.any_in(s);
    let mut prev_end = 0; // char offset within the clause where the last phrase ended
    let mut prev_was_project = false;
    let mut pos = 0;
    while let Some(m) = HEAD_RE.find_at(s, pos) {
        pos = m.end();
        // Extend over a head that follows at once (油气田生产基地, 产业园区) and over 区.
        let mut head_end = m.end();
        while let Some(n) = HEAD_RE.find_at(s, head_end).filter(|n| n.start() == head_end) {
            head_end = n.end();
        }
        if s[head_end..].starts_with('区') && s[..head_end].ends_with('园') {
            head_end += '区'.len_utf8();
        }
        pos = pos.max(head_end);
        let follows = &s[head_end..];
        if NOT_AFTER_HEAD.iter().any(|(h, w)| s[..head_end].ends_with(h) && follows.starts_with(w))
            || follows.starts_with('等')
        {
            continue;
        }
        let (h0, h1) = (at(m.start()), at(head_end));
        let start = name_start(&chars, prev_end, h0);
        // A phrase that restates the one before it (园区A建成千亿元石化产业园区).
        let restates = prev_was_project && {
            let between: String = chars[prev_end..start].iter().collect();
            ["建成", "建设成为", "打造成"].iter().any(|v| between.contains(v))
        };
        prev_end = h1;
        if restates || h0 < start + 2 {
            prev_was_project = false;
            continue;
        }
        let name: String = chars[start..h1].iter().collect();
        let bare: String = name.chars().filter(|c| !matches!(c, '“' | '”' | '"')).collect();
        let pre_head: String = chars[start..h0].iter().collect();
        if GENERIC_WORDS.any_in(&name)
            || BARE_HEADS.contains(&name.as_str())
            || CUT_WORDS.contains(&pre_head.as_str())
            || name.matches('“').count() != name.matches('”').count()
            || ENUMERATION.is_match(&name)
            || NOT_PROJECT_BASES.iter().any(|b| bare.ends_with(b))
        {
            prev_was_project = false;
            continue;
        }
        prev_was_project = true;
        let head: String = chars[h0..h1].iter().collect();
        for (a, b, suffix, list_item) in split_list(ctx, &chars, cstart, start, h0, h1, &head) {
            out.push(phrase(ctx, cstart + a, cstart + b, cstart, suffix, list_item, builds));
        }
    }
}

/// Where the name before a head at `h0` begins: after the last verb that leaves at least
/// two characters of name, then past conjunctions and particles.
fn name_start(chars: &[char], from: usize, h0: usize) -> usize {
    let mut from = from;
    let pre: String = chars[from..h0].iter().collect();
    if let Some(m) = ORDINAL.find(&pre) {
        from += pre[..m.end()].chars().count();
    }
    let pre: String = chars[from..h0].iter().collect();
    let char_at = |byte: usize| from + pre[..byte].chars().count();
    let mut start = from;
    let mut best: Option<usize> = None;
    // One pass over the name for every cut word (a search per word per head noun was a
    // fifth of the finder's time).
    static CUT: LazyLock<crate::words::Words> = LazyLock::new(|| crate::words::Words::new(CUT_WORDS));
    for (_, _, end) in CUT.occurrences(&pre) {
        let after = char_at(end);
        if h0 >= after + 2 && best.is_none_or(|b| after > b) {
            best = Some(after);
        }
    }
    if let Some(b) = best {
        start = b;
    }
    // “在X建设Y”: the place stays in the clause, the name is Y.
    loop {
        let rest: String = chars[start..h0].iter().collect();
        match LEADING.iter().find(|w| rest.starts_with(*w)) {
            Some(w) if h0 >= start + w.chars().count() + 2 => start += w.chars().count(),
            _ => break,
        }
    }
    start
}

/// Split `A、B、C等<head>` and `甲公司、乙公司<object><head>` into one span per item; other
/// phrases stay whole (焦炉气制甲醇、乙二醇及尿素项目 is one project). Returns
/// (start, end, name suffix, list item) in clause offsets.
fn split_list(
    ctx: &Ctx,
    chars: &[char],
    cstart: usize,
    start: usize,
    h0: usize,
    h1: usize,
    head: &str,
) -> Vec<(usize, usize, String, bool)> {
    let body = &chars[start..h0];
    let seps: Vec<usize> = body.iter().enumerate().filter(|(_, c)| **c == '、').map(|(i, _)| start + i).collect();
    let whole = vec![(start, h1, String::new(), false)];
    if seps.is_empty() {
        return whole;
    }
    let deng = body.iter().rposition(|c| *c == '等').map(|i| start + i);
    // A、B、C等(重点)项目: each item is a project named by the head.
    if let Some(d) = deng.filter(|d| *d > *seps.last().unwrap_or(&0)) {
        let mut items = Vec::new();
        let mut a = start;
        let only_enterprise =
            |a: usize, b: usize| ctx.enterprises.iter().any(|&(es, ee)| es == cstart + a && ee == cstart + b);
        for &sep in seps.iter().chain(std::iter::once(&d)) {
            if sep > a + 1 && !only_enterprise(a, sep) {
                items.push((a, sep, head.to_string(), true));
            }
            a = sep + 1;
        }
        return items;
    }
    // 甲公司、乙公司扩能改造: the items before the last are enterprise names.
    let is_enterprise = |a: usize, b: usize| {
        ctx.enterprises.iter().any(|&(es, ee)| es == cstart + a && ee == cstart + b)
    };
    let mut a = start;
    let mut items = Vec::new();
    for &sep in &seps {
        if !is_enterprise(a, sep) {
            // Short items are a list inside one name (靖宇、抚松、安图…基地); a long one ends the
            // name (…成套装备、智能禽类屠宰生产线).
            let item: String = chars[a..sep].iter().collect();
            let organisation = ["实验室", "中心", "平台"].iter().any(|o| item.ends_with(o));
            return if !organisation && (seps.iter().all(|&s2| s2 - start <= 8) || sep - a <= 4) {
                whole
            } else {
                vec![(seps.last().map_or(start, |l| l + 1), h1, String::new(), false)]
            };
        }
        a = sep + 1;
    }
    // The shared object: what follows the last enterprise of the last item.
    let last_ent_end = ctx
        .enterprises
        .iter()
        .filter(|&&(es, ee)| es == cstart + a && ee <= cstart + h0)
        .map(|&(_, ee)| ee - cstart)
        .max();
    let Some(obj_start) = last_ent_end else { return whole };
    let object: String = chars[obj_start..h1].iter().collect();
    let mut b = start;
    for &sep in &seps {
        items.push((b, sep, object.clone(), false));
        b = sep + 1;
    }
    items.push((b, h1, String::new(), false));
    items
}

/// Build the phrase for `[start, end)` with what its sentence says.
fn phrase(ctx: &Ctx, start: usize, end: usize, cstart: usize, suffix: String, list_item: bool, builds: bool) -> ProjectPhrase {
    let (year, start_year, status) = ctx.years();
    let mut capacities = Vec::new();
    let mut investment = None;
    // Quantities inside the phrase, or after it in the clause's sentence (…园区建设，到2017年
    // 形成30颗卫星、200架无人机研发生产能力).
    let lo = ctx.tokens.partition_point(|t| t.start < start);
    let sentence_end = ctx.text.char_len().min(ctx.para.end);
    for t in ctx.tokens[lo..].iter().take_while(|t| t.start < sentence_end) {
        let inside = t.end <= end;
        let norm = ctx.text.norm_slice(t.end, (t.end + 12).min(ctx.para.end));
        let after_ability = inside || (norm.contains("能力") && t.start < end + 40);
        if t.kind != TokenKind::Quantity || !after_ability {
            if t.start > end {
                break;
            }
            continue;
        }
        let Some(u) = t.unit.as_ref() else { continue };
        if u.surface.ends_with("亿元") && investment.is_none() && inside {
            investment = Some(t.value * u.factor / 1e8);
            continue;
        }
        if !is_physical(&u.dimension) {
            continue;
        }
        let before = ctx.text.norm_slice(t.start.saturating_sub(2), t.start);
        let unit_raw = crate::units::unit_as_written(ctx.text, t.unit_start, u);
        capacities.push(Capacity {
            value: t.value,
            per_year: before.ends_with("年产") || unit_raw.ends_with("/年") || unit_raw.ends_with("／年"),
            product: product_after(ctx.text, t.end, end.max(t.end + 1)),
            unit_raw,
            unit_id: Some(Arc::clone(&u.id)),
            factor: Some(u.factor),
        });
    }
    if capacities.is_empty() {
        capacities.extend(class_capacity(ctx.text, start, end));
    }
    ProjectPhrase {
        start,
        end,
        clause_start: cstart,
        sentence_start: ctx.sentence_start,
        builds,
        list_item,
        name_suffix: suffix,
        name: String::new(),
        section: Arc::clone(&ctx.para.section),
        capacities,
        investment_100m_yuan: investment,
        year,
        start_year,
        status: status.map(str::to_string),
    }
}

/// 万吨级 / 千万吨 written without a digit: the class of the plant (1 万吨, 1000 万吨).
fn class_capacity(text: &Text, start: usize, end: usize) -> Option<Capacity> {
    static CLASS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(千万|百万|十万|万)吨级?").expect("static regex"));
    let s = text.norm_slice(start, end);
    let m = CLASS.captures(s)?;
    let value = match &m[1] {
        "千万" => 1000.0,
        "百万" => 100.0,
        "十万" => 10.0,
        _ => 1.0,
    };
    let m0 = m.get(0)?;
    let after = text.char_at_norm_byte(text.norm_byte(start) + m0.end());
    Some(Capacity {
        value,
        unit_raw: "万吨".into(),
        unit_id: None,
        factor: None,
        product: product_after(text, after, end),
        per_year: false,
    })
}

/// The product written after a quantity, up to the head noun or a separator.
fn product_after(text: &Text, from: usize, limit: usize) -> String {
    let s = text.norm_slice(from, limit.max(from));
    let s = s.trim_start_matches(['的', '级', '/', '年']);
    let cut = s.find(['、', ',', '和', '及', '等', '(', '（']).unwrap_or(s.len());
    let mut p = &s[..cut];
    for h in ["示范项目", "项目", "生产线", "生产基地", "产业基地", "基地", "产业园", "装置", "工程", "研发生产能力", "生产能力", "能力"] {
        if let Some(i) = p.find(h) {
            p = &p[..i];
        }
    }
    p.chars().take(12).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(s: &str, ents: &[&str]) -> Vec<String> {
        let text = Text::new(s.to_string());
        let paragraphs = crate::outline::parse(&text);
        let spans: Vec<(usize, usize)> = ents
            .iter()
            .filter_map(|e| {
                let b = s.find(e)?;
                let a = s[..b].chars().count();
                Some((a, a + e.chars().count()))
            })
            .collect();
        find_projects(&text, &paragraphs, &[], &spans)
            .into_iter()
            .map(|p| format!("{}{}", text.original_slice(p.start, p.end), p.name_suffix))
            .collect()
    }

    #[test]
    fn verbs_are_trimmed_and_lists_split() {
        assert_eq!(find("加快推进东宝人血白蛋白项目开发与建设。", &[]), ["东宝人血白蛋白项目"]);
        assert_eq!(
            find("加快推动东宝利拉鲁肽、吉林四环胰岛素、百益制药艾赛那肽等项目建设。", &[]),
            ["东宝利拉鲁肽项目", "吉林四环胰岛素项目", "百益制药艾赛那肽项目"]
        );
        assert_eq!(
            find("确保甲汽车公司、乙汽车公司扩能改造。", &["甲汽车公司", "乙汽车公司"]),
            ["甲汽车公司扩能改造", "乙汽车公司扩能改造"]
        );
        assert_eq!(find("建设焦炉气制甲醇、乙二醇及尿素项目。", &[]), ["焦炉气制甲醇、乙二醇及尿素项目"]);
    }

    #[test]
    fn names_keep_internal_verbs_and_platforms_are_not_heads() {
        assert_eq!(find("确保一汽通用公司整车新建项目顺利实施。", &[]), ["一汽通用公司整车新建项目"]);
        assert!(find("加快国家轨道客车系统集成工程技术研究中心建设。", &[]).is_empty());
        assert!(find("积极培育左家生物健康产业孵化基地。", &[]).is_empty());
        assert!(find("构建一批各具特色的化工产业园。", &[]).is_empty());
    }

    #[test]
    fn place_stays_out_of_the_name_and_restatements_are_one() {
        assert_eq!(find("积极谋划在延边建设500万吨原油储备基地。", &[]), ["500万吨原油储备基地"]);
        assert_eq!(
            find("甲化工园区建成千亿元国家级石化产业园区。", &[]),
            ["甲化工园区"]
        );
    }

    #[test]
    fn headings_enumerations_programmes_and_enterprises_alone_are_not_projects() {
        assert!(find("3.加强中药材生产基地建设。", &[]).iter().all(|n| !n.starts_with('3')));
        assert!(find("全力推进“三大基地”建设。", &[]).is_empty());
        assert!(find("对接“吉林工匠”培育工程。", &[]).is_empty());
        assert!(find("支持吉林大学、长春工程学院等开设课程。", &[]).is_empty());
        assert_eq!(
            find("加快引进甲公司、乙集团等项目入园。", &["甲公司", "乙集团"]),
            Vec::<String>::new()
        );
        assert_eq!(find("推动聚酰胺（尼龙）56项目技术升级。", &[]), ["聚酰胺（尼龙）56项目"]);
    }

    #[test]
    fn years_and_status_come_from_the_sentence() {
        let (y, s, st) = sentence_years("积极谋划在延边建设原油储备基地,到2018年建成");
        assert_eq!((y, s, st), (Some(2018), None, Some("planned")));
        assert_eq!(sentence_years("在建成千万吨炼油项目的基础上").2, Some("completed"));
    }
}
