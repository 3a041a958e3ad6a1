//! Entity mentions: names from a curated gazetteer (matched leftmost-longest, so 一汽富维
//! is not read as 一汽) and enterprise names discovered by pattern: a company suffix
//! (…公司, …集团, …股份有限公司), a list that a class noun closes (以A、B为龙头, A、B等N家
//! 整车企业), the sponsor opening a project list's items (A二期、B工厂升级等重大项目), and a
//! suffixed name's stem named again later.

use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::OnceLock;

use crate::text::{is_han, Text};

/// A span of text naming entity number `entity` of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
}

/// A compiled list of aliases, each pointing at an entity index.
///
/// Matching is leftmost-longest: the text's chars are walked one by one, and only where
/// the next two chars can begin an alias is the alias trie asked for the longest alias
/// starting there. That is the answer an unanchored leftmost-longest search gives (a
/// property test checks it against aho-corasick's), at less cost on Chinese text: a fifth
/// of its chars begin some industry's name, but only one pair in twenty begins one, and
/// the trie is read in the decoded chars, where an automaton steps through UTF-8 bytes.
pub struct Gazetteer {
    /// The aliases as a trie over chars, flattened: node `n`'s children are
    /// `edges[children[n].0..children[n].1]`, sorted by char; the root is node 0. Nodes and
    /// edges lie in two contiguous arrays, so a look-up touches a few cache lines.
    children: Vec<(u32, u32)>,
    edges: Vec<(char, u32)>,
    /// The index (in the list given to `new`) of the alias that ends at each node, if any.
    alias_at: Vec<Option<u32>>,
    /// The first two chars of every alias, hashed into a bitmap (a false positive costs one
    /// look-up, never a wrong answer).
    first_pairs: Vec<u64>,
    /// Aliases of one char, as a bitmap over the char codes.
    single_chars: Vec<u64>,
    targets: Vec<usize>,
}

/// Bits in the bitmap of first pairs: 32 KiB, which stays in the L1/L2 cache.
const PAIR_BITS: u32 = 18;

fn pair_bit(a: char, b: char) -> usize {
    ((a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32).wrapping_mul(0x85EB_CA77)).rotate_left(13) as usize
        & ((1 << PAIR_BITS) - 1)
}

fn set_bit(bits: &mut Vec<u64>, i: usize) {
    if bits.len() <= i / 64 {
        bits.resize(i / 64 + 1, 0);
    }
    bits[i / 64] |= 1 << (i % 64);
}

fn has_bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

impl Gazetteer {
    /// `aliases`: (surface, entity index). Surfaces are folded like the text; an empty one
    /// is ignored. Where one surface is listed twice, the first listing wins.
    pub fn new(aliases: &[(String, usize)]) -> Gazetteer {
        let mut table: Vec<(Vec<char>, usize)> = aliases
            .iter()
            .enumerate()
            .map(|(i, (a, _))| (a.chars().map(crate::text::fold_char).collect::<Vec<char>>(), i))
            .filter(|(a, _)| !a.is_empty())
            .collect();
        table.sort();
        let (mut first_pairs, mut single_chars) = (vec![0; 1 << (PAIR_BITS - 6)], Vec::new());
        for (a, _) in &table {
            match a[..] {
                [x, y, ..] => set_bit(&mut first_pairs, pair_bit(x, y)),
                [x] => set_bit(&mut single_chars, x as usize),
                [] => {}
            }
        }
        let (children, edges, alias_at) = flat_trie(&table);
        Gazetteer {
            children,
            edges,
            alias_at,
            first_pairs,
            single_chars,
            targets: aliases.iter().map(|(_, e)| *e).collect(),
        }
    }

    /// The longest alias that `cs` begins with, as (its length in chars, its index).
    fn longest_prefix(&self, cs: &[char]) -> Option<(usize, usize)> {
        let (mut node, mut best) = (0, None);
        for (k, &c) in cs.iter().enumerate() {
            let (from, to) = self.children[node];
            let edges = &self.edges[from as usize..to as usize];
            let Ok(e) = edges.binary_search_by_key(&c, |&(ch, _)| ch) else {
                break;
            };
            node = edges[e].1 as usize;
            if let Some(alias) = self.alias_at[node] {
                best = Some((k + 1, alias as usize));
            }
        }
        best
    }

    /// All non-overlapping mentions in `text` between char offsets `start` and `end`.
    pub fn find(&self, text: &Text, start: usize, end: usize) -> Vec<Mention> {
        let cs = text.norm_chars(start, end);
        let mut out = Vec::new();
        // The pair bitmap has a fixed size, so a masked pair bit needs no bounds check.
        let pairs: &[u64; 1 << (PAIR_BITS - 6)] = self.first_pairs[..].try_into().expect("pair bitmap size");
        let singles = !self.single_chars.is_empty();
        // After a match the walk resumes at its end.
        let mut i = 0;
        while i < cs.len() {
            let c = cs[i];
            let pair = cs.get(i + 1).is_some_and(|&n| {
                let bit = pair_bit(c, n);
                pairs[bit / 64] & (1 << (bit % 64)) != 0
            });
            if pair || (singles && has_bit(&self.single_chars, c as usize)) {
                if let Some((len, alias)) = self.longest_prefix(&cs[i..]) {
                    out.push(Mention { start: start + i, end: start + i + len, entity: self.targets[alias] });
                    i += len;
                    continue;
                }
            }
            i += 1;
        }
        out
    }
}

/// The trie of a sorted alias table (chars, index), flattened breadth first so that each
/// node's children are contiguous: (children ranges, edges, alias ending at each node).
/// Of equal aliases, the first in the table (the lowest index) ends at the node.
#[allow(clippy::type_complexity)]
fn flat_trie(table: &[(Vec<char>, usize)]) -> (Vec<(u32, u32)>, Vec<(char, u32)>, Vec<Option<u32>>) {
    let (mut children, mut edges, mut alias_at) = (Vec::new(), Vec::new(), vec![None]);
    // Each queued node: the run of the table whose aliases begin with its prefix, and the
    // prefix's length. Nodes are numbered as they are queued, and leave the queue in that
    // order, so `children[n]` is pushed for node n.
    let mut queue = std::collections::VecDeque::from([(0, table.len(), 0)]);
    while let Some((lo, hi, k)) = queue.pop_front() {
        // The aliases equal to the prefix sort first in the run; the node already has them.
        let mut i = lo + table[lo..hi].partition_point(|(a, _)| a.len() == k);
        let first_edge = edges.len() as u32;
        while i < hi {
            let c = table[i].0[k];
            let j = i + table[i..hi].partition_point(|(a, _)| a[k] == c);
            let child = alias_at.len() as u32;
            alias_at.push((table[i].0.len() == k + 1).then_some(table[i].1 as u32));
            edges.push((c, child));
            queue.push_back((i, j, k + 1));
            i = j;
        }
        children.push((first_edge, edges.len() as u32));
    }
    (children, edges, alias_at)
}

/// An enterprise name found by pattern, not (necessarily) in the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Discovered {
    pub start: usize,
    pub end: usize,
    pub surface: String,
}

/// Words that end the text before a name (verbs, conjunctions, determiners).
const STOP_BEFORE: &[&str] = &[
    "支持", "推动", "依托", "鼓励", "引导", "加快", "推进", "发挥", "围绕", "培育", "做强", "做大", "扶持", "积极",
    "大力", "实施", "打造", "建设", "新建", "组建", "利用", "通过", "吸引", "引进", "依靠", "配合", "联合", "合作",
    "促进", "提升", "重点", "主要", "以", "和", "与", "及", "、", "由", "对", "在", "将", "把", "使", "为", "等", "的",
    "是", "了", "向", "同", "跟", "从", "让", "并", "或", "给", "被", "其", "加强", "形成", "带动", "建立", "走",
    "借鉴", "开展", "承接", "到", "包括", "按照", "集聚", "聚集", "例如", "诸如", "我省", "我市", "我区", "我县",
    "全省", "全市", "本省", "本市", "一批", "壮大", "做优", "帮扶", "指导", "督促", "组织", "扩大", "用好", "抓好",
    "聚焦", "瞄准", "面向", "招引", "对接",
    // A class noun before its name (电力装备龙头企业许继集团).
    "企业",
];

/// Names that end in a company suffix but are generic (各类企业集团, 担保公司 alone).
const GENERIC: &[&str] = &[
    "企业",
    "大型",
    "中小",
    "骨干",
    "龙头",
    "国有",
    "民营",
    "外资",
    "跨国",
    "省属",
    "地方",
    "一批",
    "各类",
    "相关",
    "子",
    "分",
    "总",
    "投资",
    "控股",
    "上市",
    "优势",
    "大企业",
    "本地",
    "新",
];

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("static regex"))
}

/// The matches of `pattern` in `s`, as `find_iter` gives them, for a pattern whose every
/// match holds a match of `cue` starting at most `reach` chars after the pattern's match
/// starts. No match can start more than `reach` chars before the next cue, so the pattern
/// is run from there, not over all of `s`: the regex's own scan of long lines (its lazy DFA
/// is large for `{2,20}` of a Unicode class) was the cost of discovery.
fn find_near_cues<'a>(
    s: &'a str,
    pattern: &'a Regex,
    cue: &'a Regex,
    reach: usize,
) -> impl Iterator<Item = regex::Match<'a>> + 'a {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let c = cue.find_at(s, pos)?;
        let from = s[pos..c.start()].char_indices().rev().nth(reach - 1).map_or(pos, |(b, _)| pos + b);
        let m = pattern.find_at(s, from)?;
        pos = m.end(); // never empty: the pattern's matches are at least a suffix long
        Some(m)
    })
}

/// Enterprise names by company suffix, by lists that a class noun closes (A、B等N家…企业,
/// 以A、B为龙头) and by the sponsors that open the items of a project list (A二期、B工厂升级
/// 等重大项目).
pub fn discover_enterprises(text: &Text, start: usize, end: usize) -> Vec<Discovered> {
    let s = text.norm_slice(start, end);
    let base = text.norm_byte(start);
    let mut out = suffixed_names(text, s, base);
    out.extend(class_list_names(text, s, base));
    out.extend(project_list_sponsors(text, s, base));
    out.sort();
    out.dedup_by(|a, b| a.start < b.end && b.start < a.end);
    add_stem_mentions(text, s, base, &mut out);
    out
}

/// Names that end in a company suffix (…公司, …集团有限公司) in `s`, which starts at norm byte `base`.
fn suffixed_names(text: &Text, s: &str, base: usize) -> Vec<Discovered> {
    static SUFFIX: OnceLock<Regex> = OnceLock::new();
    static SUFFIX_CUE: OnceLock<Regex> = OnceLock::new();
    let mut out = Vec::new();
    let suffix =
        re(&SUFFIX, r"[\p{Han}A-Za-z0-9]{2,20}?(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|股份公司|公司)");
    // A match starts at most 20 chars before its suffix, whose 公司 or 集团 starts at most 4
    // chars into it (股份有限公司): 24 chars before the cue.
    for m in find_near_cues(s, suffix, re(&SUFFIX_CUE, "公司|集团"), 24) {
        // 集团化, 厂房, 厂区, 公司化: the suffix is part of another word.
        if s[m.end()..].starts_with(['化', '房', '区', '长', '制']) {
            continue;
        }
        let name = trim_prefix(m.as_str());
        if let Some(name) = name {
            let name_start = m.end() - name.len();
            // The shortest match ends at 集团; the legal form may follow (…集团有限公司).
            let form = ["股份有限公司", "有限责任公司", "有限公司", "股份公司", "公司"]
                .iter()
                .find(|f| m.as_str().ends_with("集团") && s[m.end()..].starts_with(*f))
                .map_or(0, |f| f.len());
            out.push(found(text, base + name_start, base + m.end() + form));
        }
    }
    out
}

/// The names in lists that a class noun closes (A、B等N家企业, 以A、B为龙头, A、B等制造业项目).
fn class_list_names(text: &Text, s: &str, base: usize) -> Vec<Discovered> {
    static CLASS: OnceLock<Regex> = OnceLock::new();
    static LIST_CUE: OnceLock<Regex> = OnceLock::new();
    let mut out = Vec::new();
    // A list that a class noun closes: 以吉福参、东升伟业、海王药业为龙头; 长春华翔、长春旭阳
    // 等10户企业; 比亚迪、蔚来、大众(安徽)等 6 家整车制造企业; 博彦科技、东软等企业. Each item
    // that reads as a proper name is one (see `list_item_name`); a class noun that names an
    // industry (等行业骨干企业, 等领域企业) makes the items industries.
    // The cue is the list's closing words; the items are the run of Han, letters, 、 and
    // parentheses before it.
    // The cue is found from its last word (企业 and 为龙头 are literals, found fast), back to
    // the nearest 等 within 30 chars of the sentence.
    // …and projects of a sector named after their firms (康辉新材料、安费诺连接器等制造业
    // 项目竣工投产; 中通物流、大参林医药等服务业项目).
    let list_cue = re(&LIST_CUE, "企业|为龙头|业项目");
    let class = re(&CLASS, r"^等 *(?:[0-9一二三四五六七八九十百千]+ *[户家个] *)?(\p{Han}*(?:企业|[制服工]\p{Han}{0,2}业项目))$");
    let mut pos = 0;
    while let Some(last) = list_cue.find_at(s, pos) {
        pos = last.end();
        if let Some(cue_start) = list_cue_start(s, last, class) {
            out.extend(list_item_names(text, s, base, cue_start));
        }
    }
    out
}

/// Where a list's closing words (为龙头, or 等 and a class noun) that end in `last` start.
fn list_cue_start(s: &str, last: regex::Match, class: &Regex) -> Option<usize> {
    if last.as_str() == "为龙头" {
        return Some(last.start());
    }
    let back = s[..last.start()].char_indices().rev().nth(29).map_or(0, |(i, _)| i);
    let window = &s[back..last.start()];
    let i = window.rfind('等').filter(|&i| !window[i..].contains(['。', '\n']))?;
    let class_noun = |c: &regex::Captures| c[1].strip_suffix("企业").map_or(true, class_noun_ok);
    if !class.captures(&s[back + i..last.end()]).is_some_and(|c| class_noun(&c)) {
        return None;
    }
    Some(back + i)
}

/// The items that read as names in the list whose closing words start at byte `cue_start` of `s`.
fn list_item_names(text: &Text, s: &str, base: usize, cue_start: usize) -> Vec<Discovered> {
    let mut out = Vec::new();
    let head = &s[..cue_start];
    let from = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c == '、' || c == '(' || c == ')' || c.is_ascii_alphabetic() || is_han(c))
        .last()
        .map_or(cue_start, |(i, _)| i);
    let items: Vec<&str> = s[from..cue_start].split('、').collect();
    let mut off = from;
    for (k, item) in items.iter().enumerate() {
        // The last item may hold two joined by 和/及 (A、B和C为龙头).
        let parts = if k + 1 == items.len() && items.len() > 1 { split_and(item) } else { vec![(0, *item)] };
        for (at, part) in parts {
            // A single item needs the verb that introduces it (支持艾斯克等企业).
            if let Some(name) = list_item_name(part, items.len() == 1) {
                let b = off + at + part.len() - name.len();
                out.push(found(text, base + b, base + b + name.len()));
            }
        }
        off += item.len() + '、'.len_utf8();
    }
    out
}

/// The sponsors that open the items of a project list (A二期、B工厂升级等重大项目).
fn project_list_sponsors(text: &Text, s: &str, base: usize) -> Vec<Discovered> {
    static PROJECT_CUE: OnceLock<Regex> = OnceLock::new();
    let mut out = Vec::new();
    // A list of projects whose items open with their sponsor: 加快推进华晨宝马大东工厂升级、
    // 鞍钢鲅鱼圈二期等重大项目; 推动总投资150亿元的合肥比亚迪二期、…等一批重大项目.
    let project_cue = re(&PROJECT_CUE, r"等(?:一批|一系列)?(?:重大|重点|标志性)?[\p{Han}]{0,4}?项目");
    let mut pos = 0;
    while let Some(m) = project_cue.find_at(s, pos) {
        pos = m.end();
        let from = clause_start(s, m.start());
        let list = &s[from..m.start()];
        if !list.contains('、') {
            continue;
        }
        let mut off = from;
        for item in list.split('、') {
            if let Some((b, name)) = project_sponsor(item) {
                out.push(found(text, base + off + b, base + off + b + name.len()));
            }
            off += item.len() + '、'.len_utf8();
        }
    }
    out
}

/// Adds the mentions of `out`'s names by their stem alone (云南白药集团 … 云南白药), keeping `out` sorted.
fn add_stem_mentions(text: &Text, s: &str, base: usize, out: &mut Vec<Discovered>) {
    let stems = name_stems(text, out);
    if !stems.is_empty() {
        let taken: Vec<(usize, usize)> = out.iter().map(|d| (d.start, d.end)).collect();
        let ac = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&stems)
            .expect("stems compile");
        for m in ac.find_iter(s) {
            let d = found(text, base + m.start(), base + m.end());
            let i = taken.partition_point(|t| t.1 <= d.start);
            // …产业园, …产业: the name of a park or an industry, not the firm's.
            if taken.get(i).is_some_and(|t| t.0 < d.end)
                || ["产业", "园", "品牌"].iter().any(|w| s[m.end()..].starts_with(w))
            {
                continue;
            }
            out.push(d);
        }
        out.sort();
    }
}

/// The stems (sorted, unique) of the suffixed names in `names` that read as names of their own.
fn name_stems(text: &Text, names: &[Discovered]) -> Vec<String> {
    // A firm named once with its suffix is named without it later (云南白药集团 … 云南白药):
    // the stem of three chars or more, where it reads as a name, is a mention too.
    let mut stems: Vec<String> = names
        .iter()
        .filter_map(|d| {
            let name = text.norm_slice(d.start, d.end);
            let stem = strip_suffixes(name);
            // A place and products (吉林黄金, 长春新能源汽车) also name a region's industry.
            let own = &stem[place_prefix(&stem).unwrap_or(0)..];
            let ok = |x: &str| x.chars().count() >= 3 && is_name_like(x) && !is_generic_phrase(own);
            // 四川九洲电器集团 is later 四川九洲电器 or 九洲电器.
            let own = own.to_string();
            (stem.len() < name.len()).then(|| [ok(&stem).then_some(stem.clone()), ok(&own).then_some(own.clone())])
        })
        .flatten()
        .flatten()
        .collect();
    stems.sort();
    stems.dedup();
    stems
}

/// A name without its company suffixes (云南泛亚物流集团有限公司 → 云南泛亚物流).
fn strip_suffixes(name: &str) -> String {
    let mut stem = name;
    while let Some(x) =
        ["股份有限公司", "有限责任公司", "有限公司", "集团公司", "股份公司", "集团", "公司", "控股", "股份"]
            .iter()
            .find_map(|x| stem.strip_suffix(x))
    {
        stem = x;
    }
    stem.to_string()
}


/// Where the clause holding byte `at` of `s` starts (after the last 。;,:!? or line break).
fn clause_start(s: &str, at: usize) -> usize {
    s[..at]
        .rfind(['。', ';', ',', ':', '\n', '!', '?'])
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8))
}

/// Splits `A和B` / `A及B` / `A以及B` into its two parts (byte offset, part) when both are at
/// least two chars; otherwise the whole.
fn split_and(item: &str) -> Vec<(usize, &str)> {
    for sep in ["以及", "和", "及"] {
        if let Some(i) = item.rfind(sep) {
            let (a, b) = (&item[..i], &item[i + sep.len()..]);
            if a.chars().count() >= 2 && b.chars().count() >= 2 {
                return vec![(0, a), (i + sep.len(), b)];
            }
        }
    }
    vec![(0, item)]
}

/// The words between 等 and 企业 may describe the firms (龙头, 整车制造, 关键配套, 国有, 有条件的)
/// but not make the items industries (行业骨干, 领域, 产业领军) or something else (方式为).
fn class_noun_ok(d: &str) -> bool {
    ![
        "行业",
        "领域",
        "产业",
        "类",
        "方式",
        "为",
        "对",
        "向",
        "把",
        "使",
        "给",
        "让",
        "与",
        "和",
        "及",
        "院",
        "校",
        "服务",
        "生存",
        "中小",
        "规上",
        "规模以上",
    ]
    .iter()
    .any(|w| d.contains(w))
}

/// The proper name a list item holds, if it holds one: the item after its leading verbs and
/// conjunctions (包括比亚迪 → 比亚迪), two to twelve chars (a parenthesised place, 大众(安徽),
/// is part of it), with no word of an industry, a place or an institution (汽车产业, 浙江省,
/// 吉林大学), and not made wholly of product and industry words (特钢, 钢管, 电子元器件,
/// 新能源汽车) — 安凯汽车, 鞍钢 and 吉林化纤 keep a word that is no product's.
fn list_item_name(item: &str, needs_verb: bool) -> Option<&str> {
    let cut = stop_cut(item);
    if needs_verb && cut == 0 {
        return None;
    }
    let name = &item[cut..];
    // Items with a company suffix are the suffix pattern's (which judges them).
    if ["公司", "集团", "厂"].iter().any(|x| name.ends_with(x)) {
        return None;
    }
    // A parenthesis closes the item (大众(安徽)); its words are a place, not the name's.
    let bare = match name.split_once('(') {
        Some((b, rest)) if rest.ends_with(')') && !rest[..rest.len() - 1].contains(['(', ')']) => b,
        Some(_) => return None,
        None => name,
    };
    let n = bare.chars().count();
    if !(2..=12).contains(&n) || !is_name_like(bare) {
        return None;
    }
    Some(name)
}

/// Words no enterprise's short name holds: industries, places of activity, institutions,
/// collectives.
const NOT_NAME_WORDS: &[&str] = &[
    "产业",
    "行业",
    "领域",
    "技术",
    "项目",
    "园区",
    "基地",
    "企业",
    "平台",
    "基金",
    "区域",
    "集群",
    "链",
    "方式",
    "机构",
    "部门",
    "政府",
    "协会",
    "学会",
    "大学",
    "学院",
    "学校",
    "医院",
    "研究",
    "中心",
    "高校",
    "院所",
    "工程",
    "产品",
    "品牌",
    "示范",
    "专精",
    "小巨人",
    "冠军",
    "单位",
    "主体",
    "资本",
    "市场",
    // verbs: an item that holds one is a clause (合心机械改造升级饮料)
    "改造",
    "升级",
    "发展",
    "推进",
    "开展",
    "实施",
    "提升",
    "建设",
    "推动",
    "加快",
    "引进",
    "培育",
];

/// Last chars that make a word a place or an institution (浙江省, 长春光机所, 原子能院).
const NOT_NAME_ENDS: &[char] =
    &['省', '市', '县', '区', '州', '国', '院', '所', '局', '厅', '委', '办', '村', '镇', '乡'];

/// Last words of products, not of firms (大型矿用破碎设备, 钢制管廊, 玄武岩纤维制品).
const PRODUCT_ENDS: &[&str] = &["设备", "材料", "产品", "制品", "器件", "部件", "管廊", "用品"];

/// Does `s` (no suffix, no parentheses) read as a firm's proper name rather than a product,
/// an industry, a place or an institution?
fn is_name_like(s: &str) -> bool {
    !NOT_NAME_WORDS.iter().any(|w| s.contains(w))
        && !s.ends_with(NOT_NAME_ENDS)
        && !PRODUCT_ENDS.iter().any(|w| s.ends_with(w))
        && !is_region(s)
        && !is_generic_phrase(s)
        && !s.chars().any(|c| c.is_ascii_digit())
}

/// Product, material and industry words, and one-char goods: a phrase made of these and
/// modifiers alone names a kind of goods or firms, not a firm (特钢, 电子元器件, 新能源汽车,
/// 高端装备).
const PRODUCT_WORDS: &[&str] = &[
    "汽车",
    "整车",
    "乘用车",
    "商用车",
    "客车",
    "货车",
    "专用车",
    "新能源",
    "智能网联",
    "网联",
    "零部件",
    "部件",
    "元器件",
    "电子",
    "信息",
    "软件",
    "互联网",
    "大数据",
    "数据",
    "云计算",
    "算力",
    "人工智能",
    "集成电路",
    "芯片",
    "半导体",
    "通信",
    "光电",
    "光学",
    "光伏",
    "风电",
    "核电",
    "电力",
    "电气",
    "电器",
    "电池",
    "锂电",
    "动力",
    "储能",
    "氢能",
    "能源",
    "石油",
    "石化",
    "炼化",
    "化工",
    "化学",
    "化学品",
    "精细",
    "化肥",
    "农药",
    "塑料",
    "橡胶",
    "化纤",
    "纤维",
    "纺织",
    "服装",
    "服饰",
    "家具",
    "家电",
    "造纸",
    "印刷",
    "包装",
    "建材",
    "水泥",
    "玻璃",
    "陶瓷",
    "石材",
    "钢铁",
    "特钢",
    "钢管",
    "钢材",
    "铁合金",
    "合金",
    "铸造",
    "锻造",
    "冶金",
    "有色",
    "金属",
    "铝合金",
    "稀土",
    "黄金",
    "珠宝",
    "煤炭",
    "煤化工",
    "焦化",
    "天然气",
    "油气",
    "医药",
    "生物",
    "制药",
    "中药",
    "中医药",
    "药材",
    "医疗",
    "器械",
    "保健品",
    "疫苗",
    "食品",
    "农产品",
    "深加工",
    "粮食",
    "大米",
    "玉米",
    "肉制品",
    "乳制品",
    "奶制品",
    "乳业",
    "饮料",
    "矿泉水",
    "白酒",
    "啤酒",
    "葡萄酒",
    "酒类",
    "烟草",
    "人参",
    "果汁",
    "畜禽",
    "水产",
    "装备",
    "设备",
    "机械",
    "农机",
    "机床",
    "机器人",
    "仪器",
    "仪表",
    "精密",
    "系统",
    "材料",
    "型材",
    "航空",
    "航天",
    "船舶",
    "轨道交通",
    "轨道",
    "无人机",
    "物流",
    "商贸",
    "旅游",
    "文化",
    "金融",
    "电商",
    "电子商务",
    "服务",
    "制造",
    "加工",
    "生产",
    "设计",
    "创意",
    "展销",
    "研发",
    "配套",
    "乙烯",
    "丙烯",
    "树脂",
    "聚酯",
    "碳",
    "碳素",
    "显示",
    "照明",
    "激光",
    "传感器",
    "工业",
    "农业",
    "牧业",
    "商业",
    "科技",
    "工艺",
    "化妆品",
    "日化",
    "轻工",
    "经济",
    "牵引",
    "制动",
    "空调",
    "控制",
    "输送",
    "节能",
    "环保",
    "安全",
    "健康",
    "养老",
    "体育",
    "冰雪",
    "钢",
    "铁",
    "铝",
    "铜",
    "镍",
    "镁",
    "锌",
    "铅",
    "煤",
    "油",
    "气",
    "电",
    "水",
    "酒",
    "茶",
    "药",
    "车",
    "纸",
    "布",
    "糖",
    "盐",
    "肉",
    "奶",
    "米",
    "面",
    "菜",
    "果",
    "木",
    "竹",
    "瓷",
    "参",
    "鞋",
    "管",
    "线",
    "材",
    "件",
    "机",
    "器",
    "品",
    "剂",
    "业",
];

/// Words that qualify a product or a firm (高端装备, 龙头企业); inside a name they may be
/// the name's own (上汽通用五菱), so they never end one.
const MODIFIER_WORDS: &[&str] = &[
    "高端",
    "智能",
    "新型",
    "先进",
    "现代",
    "绿色",
    "特种",
    "高性能",
    "轻量化",
    "数字",
    "高新",
    "传统",
    "新兴",
    "战略性",
    "通用",
    "专用",
    "国际",
    "国内",
    "中小",
    "大型",
    "重点",
    "骨干",
    "龙头",
    "优势",
    "特色",
    "相关",
    "上下游",
    "关键",
    "核心",
    "知名",
    "领军",
    "其他",
    "锂电池",
    "火电",
    "水电",
];

/// Is `s` made of generic words (特钢, 电子元器件, 新能源汽车), or of generic words and one
/// char that is not (锂电池, 小乙烯)? One char and a head word (鞍钢, 昆药) is a firm's
/// short name.
fn is_generic_phrase(s: &str) -> bool {
    match generic_residue(s) {
        0 => !s.is_empty(),
        1 => s.chars().count() > 1 && !HEAD_WORDS.iter().any(|h| s.ends_with(h)),
        _ => false,
    }
}

/// The fewest chars of `s` left over when the rest is cut into generic words.
fn generic_residue(s: &str) -> usize {
    static WORDS: OnceLock<std::collections::HashSet<&'static str, foldhash::fast::FixedState>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        PRODUCT_WORDS.iter().chain(MODIFIER_WORDS).copied().collect::<std::collections::HashSet<_, _>>()
    });
    let idx: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    let n = idx.len() - 1;
    // best[i]: fewest chars left over in the first i chars.
    let mut best = vec![usize::MAX; n + 1];
    best[0] = 0;
    for i in 0..n {
        let b = best[i];
        best[i + 1] = best[i + 1].min(b + 1);
        for j in i + 1..=(i + 6).min(n) {
            if words.contains(&s[idx[i]..idx[j]]) {
                best[j] = best[j].min(b);
            }
        }
    }
    best[n]
}

/// Place names of GB/T 2260 (mappings/gbt2260.csv, embedded at build time): each full name
/// and its stem without the level word (合肥市 → 合肥, 鲅鱼圈区 → 鲅鱼圈), stems of two chars
/// or more; with whether it is a province's or a prefecture's (a county's stem is often a
/// brand as well: 长安, 东风, 红旗).
fn places() -> &'static std::collections::HashMap<String, bool, foldhash::fast::FixedState> {
    static PLACES: OnceLock<std::collections::HashMap<String, bool, foldhash::fast::FixedState>> = OnceLock::new();
    PLACES.get_or_init(|| {
        const LEVELS: [&str; 18] = [
            "特别行政区",
            "维吾尔自治区",
            "壮族自治区",
            "回族自治区",
            "自治区",
            "自治州",
            "自治县",
            "自治旗",
            "地区",
            "林区",
            "新区",
            "矿区",
            "省",
            "市",
            "区",
            "县",
            "旗",
            "盟",
        ];
        let mut map = std::collections::HashMap::with_hasher(foldhash::fast::FixedState::default());
        for line in include_str!("../../mappings/gbt2260.csv").lines().skip(1) {
            let mut cols = line.split(',');
            let (Some(_), Some(name), Some(level)) = (cols.next(), cols.next(), cols.next()) else { continue };
            if name.contains("辖") || name.contains("直属") || name.chars().count() < 2 {
                continue;
            }
            let major = level != "county";
            *map.entry(name.to_string()).or_insert(false) |= true;
            if let Some(stem) = LEVELS.iter().find_map(|l| name.strip_suffix(l)) {
                if stem.chars().count() >= 2 {
                    *map.entry(stem.to_string()).or_insert(false) |= major;
                }
            }
        }
        map
    })
}

/// Any place name or stem (the boundary of a sponsor's name: 华晨宝马|大东工厂).
fn is_place(s: &str) -> bool {
    places().contains_key(s)
}

/// A place that is not also a firm's name: a full name (浙江省, 长安区) or the stem of a
/// province or prefecture (浙江, 宁波).
fn is_region(s: &str) -> bool {
    places().get(s).copied().unwrap_or(false)
}

/// The longest place name `s` begins with (its length in bytes).
fn place_prefix(s: &str) -> Option<usize> {
    let ends: Vec<usize> = s.char_indices().map(|(i, c)| i + c.len_utf8()).take(8).collect();
    ends.iter().rev().find(|&&e| is_place(&s[..e])).copied()
}

/// Where the leading stop words of `run` end (the cut after the stop word that ends last).
fn stop_cut(run: &str) -> usize {
    static STOP: OnceLock<AhoCorasick> = OnceLock::new();
    let stop = STOP.get_or_init(|| AhoCorasick::new(STOP_BEFORE).expect("stop words compile"));
    stop.find_overlapping_iter(run).map(|m| m.end()).max().unwrap_or(0)
}

/// Words after a sponsor's name in a project item that say it is a plant or a phase of one
/// (工厂升级, 二期, 一体化, 节能改造).
const PLANT_WORDS: &[&str] = &[
    "工厂",
    "基地",
    "生产线",
    "二期",
    "三期",
    "四期",
    "一体化",
    "升级",
    "节能",
    "扩建",
    "扩能",
    "改造",
    "技改",
    "搬迁",
    "产线",
];

/// Words of infrastructure, not of a firm's plant (高速二期, 机场跑道, 商贸城, 综合体).
const INFRA_WORDS: &[&str] = &[
    "高速",
    "高铁",
    "铁路",
    "公路",
    "地铁",
    "轨道",
    "机场",
    "跑道",
    "大桥",
    "桥梁",
    "港口",
    "港区",
    "码头",
    "水库",
    "枢纽",
    "场馆",
    "工程",
    "商贸城",
    "新城",
    "城际",
    "城市",
    "综合体",
    "管网",
    "小区",
    "水利",
    "灌区",
    "医院",
    "学校",
    "大学",
    "中心",
];

/// Words a sponsor's short name may end in when what precedes is a place or one char:
/// 大连石化, 鞍钢.
const HEAD_WORDS: &[&str] =
    &["石化", "炼化", "钢", "钢铁", "化纤", "石油", "化工", "电力", "煤业", "铝业", "有色", "药", "电"];

/// The sponsor named at the head of a project item (byte offset in the item, name): after
/// the item's leading verbs or its 总投资…的, a name that a place, a parenthesis, a phase
/// (二期) or a product word ends, followed by words of a plant (工厂升级, 一体化, 节能), not
/// of infrastructure. A place or a single char before the product word keeps one head word
/// (大连石化, 辽阳石化, 鞍钢).
fn project_sponsor(item: &str) -> Option<(usize, &str)> {
    let mut b = item.rfind('的').map_or(0, |i| i + '的'.len_utf8());
    // Leading verbs: 加快推进, 开工建设…
    loop {
        let rest = &item[b..];
        match STOP_BEFORE.iter().filter(|w| w.chars().count() >= 2 && rest.starts_with(*w)).max_by_key(|w| w.len()) {
            Some(w) => b += w.len(),
            None => break,
        }
    }
    let it = item[b..].trim();
    b = item.len() - item[b..].trim_start().len();
    // An institute's or a company's project (医科院…所新型疫苗基地; 吉化公司…项目): the
    // suffix pattern has the company, and an institute is no enterprise.
    if it.contains(['院', '所']) || it.contains("公司") || it.contains("集团") || it.contains("厂(") {
        return None;
    }
    static WORDS: OnceLock<std::collections::HashSet<&'static str, foldhash::fast::FixedState>> = OnceLock::new();
    let words = WORDS.get_or_init(|| PRODUCT_WORDS.iter().copied().collect::<std::collections::HashSet<_, _>>());
    let place = place_prefix(it).unwrap_or(0);
    let idx: Vec<usize> = it.char_indices().map(|(i, _)| i).chain([it.len()]).collect();
    // The first boundary after the place.
    let mut end = None;
    for (k, &i) in idx.iter().enumerate() {
        if i < place || i == it.len() {
            continue;
        }
        let rest = &it[i..];
        let core = it[place..i].chars().count();
        // A one-char product word ends only a one-char name (鞍钢); inside a longer one it
        // is the name's own (赣锋锂业).
        let generic_here = (2..=4).rev().any(|w| idx.get(k + w).is_some_and(|&j| words.contains(&it[i..j])))
            || idx.get(k + 1).is_some_and(|&j| words.contains(&it[i..j]) && core == 1);
        let phase = rest.chars().nth(1) == Some('期')
            && rest.starts_with(|c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit());
        // 京东方第 8.6 代生产线: a generation number.
        let generation = rest.starts_with('第')
            && rest[3..].trim_start().starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
        if rest.starts_with('(') || phase || generation || generic_here || (core >= 2 && place_prefix(rest).is_some()) {
            end = Some(i);
            break;
        }
    }
    let mut end = end?;
    let core = it[place..end].chars().count();
    if core < 2 {
        // 大连石化, 鞍钢: a place or one char and a head word.
        let head = HEAD_WORDS.iter().filter(|h| it[end..].starts_with(*h)).max_by_key(|h| h.len())?;
        end += head.len();
    }
    let (name, rest) = (&it[..end], &it[end..]);
    if !PLANT_WORDS.iter().any(|w| rest.contains(w)) || INFRA_WORDS.iter().any(|w| rest.contains(w) || name.contains(w))
    {
        return None;
    }
    let n = name.chars().count();
    if !(2..=10).contains(&n)
        || NOT_NAME_WORDS.iter().any(|w| name.contains(w))
        || name.ends_with(NOT_NAME_ENDS)
        || is_region(name)
    {
        return None;
    }
    // Not a product or an industry (小乙烯, 工艺装备): the name keeps a word of its own.
    let own = &name[place..];
    if own.is_empty() || (is_generic_phrase(own) && !HEAD_WORDS.contains(&own)) {
        return None;
    }
    Some((b, name))
}

fn found(text: &Text, b0: usize, b1: usize) -> Discovered {
    let (s, e) = (text.char_at_norm_byte(b0), text.char_at_norm_byte(b1));
    Discovered { start: s, end: e, surface: text.original_slice(s, e).to_string() }
}

/// Cut a matched run after the last stop word; reject what is left if it is generic.
fn trim_prefix(run: &str) -> Option<&str> {
    let suffixes = ["股份有限公司", "有限责任公司", "有限公司", "集团公司", "股份公司", "集团", "公司", "厂"];
    let run_stem = suffixes.iter().find_map(|x| run.strip_suffix(x)).unwrap_or(run);
    // Stop words are searched in the stem only, so the suffix (有限公司) never cuts itself.
    // The cut is after the stop word that ends last (all of them found in one pass).
    let cut = stop_cut(run_stem);
    let name = &run[cut..];
    let stem = &run_stem[cut..];
    // Hospitals, universities, institutes and government bodies are not enterprises.
    if NOT_ENTERPRISE.iter().any(|w| stem.contains(w)) {
        return None;
    }
    // A kind of firm is not a name: what is left once kind words (军工, 担保, 金融…) are taken
    // off the end must name someone (冀东水泥集团 keeps 冀东; 军工集团, 国际大公司 and
    // 汽车金融公司 keep nothing but an industry word).
    let mut core = stem;
    while let Some(k) = KINDS.iter().find(|k| core.ends_with(*k)) {
        core = &core[..core.len() - k.len()];
    }
    // A place and an industry name a firm (云南物流产业集团, 贵州大数据集团); an industry
    // alone does not (汽车产业集团).
    let place_headed = place_prefix(core).is_some_and(|p| p < core.len());
    if stem.contains("企业") || core.chars().count() < 2 || (is_industry_word(core) && !place_headed) {
        return None;
    }
    if stem.chars().count() < 2 || GENERIC.iter().any(|g| stem.starts_with(g) || stem == *g) {
        return None;
    }
    Some(name)
}

/// Words that name what kind of firm something is (…金融公司, …担保公司, 国际大公司).
const KINDS: [&str; 11] = ["金融", "财务", "租赁", "军工", "水泥", "药品", "担保", "大", "运营", "投资", "国际"];

/// Words that mark an organisation that is not an enterprise.
const NOT_ENTERPRISE: [&str; 9] = ["医院", "大学", "学院", "研究院", "研究所", "政府", "委员会", "协会", "学会"];

/// List items that name industries or products rather than firms (汽车、石化等企业).
fn is_industry_word(s: &str) -> bool {
    [
        "产业", "行业", "工业", "制造", "加工", "化工", "医药", "食品", "汽车", "石化", "冶金", "装备", "材料", "能源",
        "电子", "纺织", "建材", "信息",
    ]
    .iter()
    .any(|w| s.ends_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::MatchKind;

    fn names(s: &str) -> Vec<String> {
        let t = Text::new(s.to_string());
        discover_enterprises(&t, 0, t.char_len()).into_iter().map(|d| d.surface).collect()
    }

    #[test]
    fn kinds_of_firm_are_not_names() {
        assert!(names("借鉴深圳市公立医院药品集团经验，培育军工集团、国际大公司和国有资本投资运营公司").is_empty());
        assert!(names("建设智能工厂和高标准绿色工厂，建立汽车金融公司").is_empty());
        // …but a name in front of a kind word is a name.
        assert_eq!(names("支持冀东水泥集团和亚泰药品公司"), ["冀东水泥集团", "亚泰药品公司"]);
    }

    #[test]
    fn suffix_names() {
        assert_eq!(names("支持吉神公司尽快实现３０万吨的生产能力"), ["吉神公司"]);
        assert_eq!(names("加快推进吉林市金赛科技有限公司高性能纳滤膜项目"), ["吉林市金赛科技有限公司"]);
        assert_eq!(names("培育一批大型企业集团"), Vec::<String>::new());
    }

    #[test]
    fn list_names() {
        assert_eq!(names("以吉福参、东升伟业、海王药业为龙头"), ["吉福参", "东升伟业", "海王药业"]);
        assert_eq!(names("推动长春华翔、长春旭阳等10户企业"), ["长春华翔", "长春旭阳"]);
        assert!(names("汽车、石化等企业").is_empty());
    }

    #[test]
    fn suffix_names_of_a_place_and_an_industry() {
        // A province's own group is named by the province and its trade.
        assert_eq!(
            names("依托山东能源集团、陕西煤业化工集团推进煤炭清洁高效利用"),
            ["山东能源集团", "陕西煤业化工集团"]
        );
        // …but an industry alone is no name.
        assert!(names("组建省级汽车产业集团，鼓励能源集团兼并重组").is_empty());
        assert!(names("培育形成一批大型企业集团和骨干物流公司").is_empty());
        // A class noun before the name is not part of it.
        assert_eq!(names("风电装备龙头企业金风科技股份有限公司在新疆布局"), ["金风科技股份有限公司"]);
    }

    #[test]
    fn lists_closed_by_a_class_noun() {
        assert_eq!(names("培育壮大宁德时代、新大陆、福耀玻璃等龙头企业"), ["宁德时代", "新大陆", "福耀玻璃"]);
        // A count with spaces (news copy), a parenthesised place, a verb before the list.
        assert_eq!(names("目前全省已形成长虹、九洲、东风(四川)等 12 家骨干企业"), ["长虹", "九洲", "东风(四川)"]);
        assert_eq!(names("重点帮扶华菱钢铁、三一重工、中联重科等20户重点企业"), ["华菱钢铁", "三一重工", "中联重科"]);
        // Without a count, and with a longer class noun.
        assert_eq!(names("以及奇瑞汽车、江淮汽车等关键配套企业"), ["奇瑞汽车", "江淮汽车"]);
        // One item needs the verb that introduces it.
        assert_eq!(names("对中芯国际等企业开展上门服务"), ["中芯国际"]);
        assert_eq!(names("引导我省海尔、海信和双星等企业"), ["海尔", "海信", "双星"]);
        // Projects of a sector named after their firms.
        assert_eq!(names("华星光电、欧菲光等制造业项目竣工投产，顺丰速运、老百姓大药房等服务业项目建成运营"), ["华星光电", "欧菲光", "顺丰速运", "老百姓大药房"]);
        assert!(names("智能制造、绿色改造等制造业项目加快推进").is_empty());
    }

    #[test]
    fn lists_of_industries_and_products_are_not_names() {
        assert!(names("推动钢铁、有色、建材等重点行业企业节能降碳").is_empty());
        assert!(names("支持汽车、电子信息、生物医药等领域企业").is_empty());
        assert!(names("推动纺织服装、食品饮料等30家企业开展技术改造").is_empty());
        assert!(names("支持光伏、锂电池、储能等企业").is_empty());
        assert!(names("鼓励民营企业、国有企业等各类企业").is_empty());
        assert!(names("加大对浙江省、宁波市等地企业的招引力度").is_empty());
        assert!(names("支持四川大学、电子科大、中科院成都分院等院校与企业合作").is_empty());
        assert!(names("以数字经济为龙头的现代产业体系").is_empty());
        assert!(names("通过政府购买服务等方式为企业减负").is_empty());
        // An item with a verb is a clause; words after a parenthesis are not a place.
        assert!(names("推动金鹰重工改造升级装备、焊材等企业").is_empty());
        assert!(names("引进中国电信(贵州)数据中心、华为云等企业").iter().all(|n| !n.contains("中心")));
    }

    #[test]
    fn sponsors_at_the_head_of_project_items() {
        assert_eq!(
            names("加快推进宁德时代福鼎基地、比亚迪长沙工厂扩建、赣锋锂业新余二期等重大项目"),
            ["宁德时代", "比亚迪", "赣锋锂业"]
        );
        // A place and a head word (茂名石化), one char and one (包钢), after 总投资…的.
        assert_eq!(
            names("推动总投资 80 亿元的茂名石化乙烯改造、总投资 40 亿元的包钢稀土钢二期等一批重点项目"),
            ["茂名石化", "包钢"]
        );
        assert_eq!(names("加快实施京东方第 6 代柔性显示生产线、长鑫存储二期等在建产业项目"), ["京东方", "长鑫存储"]);
        assert!(names("建设中科院化学所新材料中试基地、省农科院种业基地等重点项目").is_empty());
        // Infrastructure and kinds of work name no sponsor.
        assert!(names("开工建设沪渝蓉高铁、宜昌机场改扩建、三峡水运新通道等重点项目").is_empty());
        assert!(names("实施一批设备更新、技术改造、数字化转型等重点项目").is_empty());
        assert!(names("推进城镇老旧小区改造、地下管网更新等民生项目").is_empty());
    }

    #[test]
    fn a_name_without_its_suffix_later() {
        assert_eq!(
            names("成都市兴蓉环境股份有限公司承担污水处理项目。兴蓉环境将新增日处理能力20万吨"),
            ["成都市兴蓉环境股份有限公司", "兴蓉环境"]
        );
        // A place and a product also name a region's industry and brand.
        assert_eq!(names("组建吉林黄金集团，打造吉林黄金品牌，巩固吉林黄金玉米带"), ["吉林黄金集团"]);
    }

    proptest::proptest! {
        #[test]
        fn near_cues_finds_what_a_full_scan_finds(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["公司", "集团", "股份有限", "有限", "吉林", "化", "A", "1", "，", "\n", "、"]),
                0..80,
            )
        ) {
            let s: String = parts.concat();
            let pattern = Regex::new(r"[\p{Han}A-Za-z0-9]{2,20}?(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|股份公司|公司)").unwrap();
            let cue = Regex::new("公司|集团").unwrap();
            let near: Vec<_> = find_near_cues(&s, &pattern, &cue, 24).map(|m| m.range()).collect();
            let full: Vec<_> = pattern.find_iter(&s).map(|m| m.range()).collect();
            proptest::prop_assert_eq!(near, full);
        }
    }

    proptest::proptest! {
        /// The char walk with anchored searches finds what one unanchored leftmost-longest
        /// search finds, on texts made of overlapping aliases and filler.
        #[test]
        fn gazetteer_walk_equals_leftmost_longest_search(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["一汽", "一汽富维", "富维", "汽车", "吉化", "化工", "，", "工", "吉", "a"]),
                0..60,
            )
        ) {
            // 富维 twice: the first listing wins, as in aho-corasick.
            let aliases: Vec<(String, usize)> = ["一汽", "一汽富维", "富维", "吉化", "化工", "汽车", "工", "富维"]
                .iter()
                .enumerate()
                .map(|(i, a)| (a.to_string(), i))
                .collect();
            let g = Gazetteer::new(&aliases);
            let s: String = parts.concat();
            let t = Text::new(s.clone());
            let walk: Vec<(usize, usize, usize)> = g.find(&t, 0, t.char_len()).into_iter().map(|m| (m.start, m.end, m.entity)).collect();
            let full = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(aliases.iter().map(|(a, _)| a))
                .unwrap();
            let chars = |b: usize| s[..b].chars().count();
            let expected: Vec<(usize, usize, usize)> =
                full.find_iter(&s).map(|m| (chars(m.start()), chars(m.end()), m.pattern().as_usize())).collect();
            proptest::prop_assert_eq!(walk, expected);
        }
    }

    #[test]
    fn gazetteer_longest_match() {
        let g = Gazetteer::new(&[("一汽".into(), 0), ("一汽富维".into(), 1)]);
        let t = Text::new("一汽富维和一汽".into());
        let m = g.find(&t, 0, t.char_len());
        assert_eq!(m, [Mention { start: 0, end: 4, entity: 1 }, Mention { start: 5, end: 7, entity: 0 }]);
    }
}
