//! Entity mentions: names from a curated gazetteer (matched leftmost-longest, so 一汽富维
//! is not read as 一汽) and enterprise names discovered by
//! pattern (…公司, …集团, …股份有限公司, …厂, and 以A、B、C为龙头 / A、B等企业 lists).

use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::OnceLock;

use crate::text::Text;

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
    "借鉴", "开展", "承接", "到",
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

/// The lines of `s` (byte ranges, without their line break) that hold a match of `cue`, in
/// order. The name patterns below never match across a line break (no class of theirs
/// holds one) and each of their matches holds a match of its cue, so running a pattern on
/// these lines alone finds exactly what a run over all of `s` finds. The cues are literal
/// words, which the regex crate finds with a SIMD search many times faster than the
/// patterns' own scan.
fn lines_with<'a>(s: &'a str, cue: &'a Regex) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let m = cue.find_at(s, pos)?;
        let start = s[..m.start()].rfind('\n').map_or(0, |i| i + 1);
        let end = s[m.end()..].find('\n').map_or(s.len(), |i| m.end() + i);
        pos = end;
        Some(start..end)
    })
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

/// Enterprise names by company suffix and by lists that end in 等企业 / 为龙头.
pub fn discover_enterprises(text: &Text, start: usize, end: usize) -> Vec<Discovered> {
    static SUFFIX: OnceLock<Regex> = OnceLock::new();
    static SUFFIX_CUE: OnceLock<Regex> = OnceLock::new();
    static LIST: OnceLock<Regex> = OnceLock::new();
    static LIST_CUE: OnceLock<Regex> = OnceLock::new();
    let s = text.norm_slice(start, end);
    let base = text.norm_byte(start);
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
            out.push(found(text, base + name_start, base + m.end()));
        }
    }
    // 以吉福参、东升伟业、海王药业为龙头 / 长春华翔、长春旭阳等10户企业. A list closed by a
    // bare 等企业 (特钢、钢管等企业) names product categories, so a count is required.
    let list = re(
        &LIST,
        r"(?:以|依托|支持|推动|重点支持)?((?:[\p{Han}]{2,8}、)+[\p{Han}]{2,8})(?:和[\p{Han}]{2,8})?(?:为龙头|等[0-9一二三四五六七八九十]+[户家](?:龙头|骨干|重点)?企业)",
    );
    // The cue is the pattern's ending alone.
    let list_cue = re(&LIST_CUE, r"为龙头|等[0-9一二三四五六七八九十]+[户家](?:龙头|骨干|重点)?企业");
    for line in lines_with(s, list_cue) {
        for c in list.captures_iter(&s[line.clone()]) {
            let g = c.get(1).expect("group");
            let mut off = line.start + g.start();
            for item in g.as_str().split('、') {
                if let Some(name) = trim_prefix(item) {
                    if name.chars().count() >= 2 && !is_industry_word(name) {
                        let b = off + item.len() - name.len();
                        out.push(found(text, base + b, base + b + name.len()));
                    }
                }
                off += item.len() + '、'.len_utf8();
            }
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.start < b.end && b.start < a.end);
    out
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
    static STOP: OnceLock<AhoCorasick> = OnceLock::new();
    let stop = STOP.get_or_init(|| AhoCorasick::new(STOP_BEFORE).expect("stop words compile"));
    let cut = stop.find_overlapping_iter(run_stem).map(|m| m.end()).max().unwrap_or(0);
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
    if stem.contains("企业") || core.chars().count() < 2 || is_industry_word(core) {
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
