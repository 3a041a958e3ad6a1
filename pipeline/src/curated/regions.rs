//! Regions: the full GB/T 2260 code table (`mappings/gbt2260.csv`) merged with the
//! curated entries of `mappings/regions.yaml`, and [`RegionIndex`], which finds the
//! regions a text names and resolves them to published codes.
//!
//! Every code this module hands out is a 6-digit GB/T 2260 code (100000 = the whole
//! country): curated areas without a code of their own (长春新区) resolve to the code of
//! the region they lie in. Short names (广西, 黔西南州, 咸阳) are derived for provinces
//! and prefectures; county names are matched only in full, as short county names are too
//! often ordinary words. Derived short names a curator lists in
//! `ambiguous_short_names` (regions.yaml) are not matched.

use std::collections::{BTreeMap, BTreeSet};

use super::mappings::Region;
use super::reference::GbRegion;

/// Names GB/T 2260 gives to groupings that are not places (市辖区 of a municipality).
const GROUPING_NAMES: [&str; 4] = ["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"];

/// The rows of the full code table (read by [`super::reference::load_gbt2260`]) as regions,
/// with the short names a text uses for provinces and prefectures.
pub fn from_gbt2260(rows: &[GbRegion]) -> Vec<Region> {
    rows.iter()
        .map(|g| Region {
            code: g.code.clone(),
            name_zh: g.name_zh.clone(),
            name_en: None,
            level: g.level.clone(),
            parent: g.parent_code.clone(),
            aliases: if GROUPING_NAMES.contains(&g.name_zh.as_str()) { Vec::new() } else { short_names(&g.name_zh, &g.level) },
            note: None,
        })
        .collect()
}

/// Ethnic names inside autonomous-region and -prefecture names (黔西南布依族苗族自治州).
const ETHNIC: [&str; 42] = [
    "布依族", "苗族", "土家族", "侗族", "藏族", "羌族", "彝族", "傣族", "景颇族", "傈僳族", "白族", "哈尼族", "壮族",
    "朝鲜族", "回族", "黎族", "土族", "撒拉族", "维吾尔", "哈萨克", "柯尔克孜", "蒙古", "畲族", "瑶族", "仡佬族", "水族",
    "毛南族", "仫佬族", "纳西族", "拉祜族", "佤族", "布朗族", "独龙族", "怒族", "普米族", "达斡尔族", "鄂温克族",
    "鄂伦春族", "满族", "锡伯族", "东乡族", "裕固族",
];
/// Bytes of a name before which no ethnic name is looked for (内蒙古 is a place name).
const PLACE_MIN_BYTES: usize = 6;

/// Short names of a province or prefecture: 广西壮族自治区 → 广西, 咸阳市 → 咸阳,
/// 黔西南布依族苗族自治州 → 黔西南州 and 黔西南, 大兴安岭地区 → 大兴安岭.
pub fn short_names(name: &str, level: &str) -> Vec<String> {
    // An autonomous county is named by its place (漾濞彝族自治县 → 漾濞县, 漾濞); other
    // counties only in full, as their short names are too often ordinary words.
    if level == "county" {
        let Some(base) = name.strip_suffix("自治县").or_else(|| name.strip_suffix("自治旗")) else {
            return Vec::new();
        };
        let cut = ETHNIC.iter().filter_map(|e| base.find(e)).filter(|&i| i >= PLACE_MIN_BYTES).min();
        let Some(cut) = cut else { return Vec::new() };
        let place = &base[..cut];
        let kind = if name.ends_with("县") { "县" } else { "旗" };
        return vec![format!("{place}{kind}"), place.to_string()];
    }
    if !matches!(level, "province" | "prefecture") {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(base) = name.strip_suffix("自治区").or_else(|| name.strip_suffix("自治州")) {
        // The place name is what stands before the first ethnic name.
        let cut = ETHNIC
            .iter()
            .filter_map(|e| base.get(PLACE_MIN_BYTES..).and_then(|rest| rest.find(e)).map(|i| i + PLACE_MIN_BYTES))
            .min()
            .unwrap_or(base.len());
        let place = &base[..cut];
        if name.ends_with("自治州") {
            out.push(format!("{place}州"));
        }
        out.push(place.to_string());
    } else {
        for suffix in ["地区", "盟", "省", "市"] {
            if let Some(base) = name.strip_suffix(suffix) {
                out.push(base.to_string());
                break;
            }
        }
    }
    out.retain(|a| a.chars().count() >= 2 && a != name);
    out
}

/// Merge the full table into the curated entries: curated entries win for their code and
/// their spellings; a derived alias that a curated entry claims, or that is listed as
/// ambiguous, is dropped from the full-table entry.
pub fn merge(curated: Vec<Region>, full: Vec<Region>, ambiguous: &[String]) -> Vec<Region> {
    let codes: BTreeSet<String> = curated.iter().map(|r| r.code.clone()).collect();
    let claimed: BTreeSet<String> =
        curated.iter().flat_map(|r| r.aliases.iter().chain(std::iter::once(&r.name_zh)).cloned()).collect();
    let mut out = curated;
    for mut r in full.into_iter().filter(|r| !codes.contains(&r.code)) {
        r.aliases.retain(|a| !claimed.contains(a) && !ambiguous.contains(a));
        out.push(r);
    }
    out
}

/// Is `code` a published region code: six digits?
pub fn is_gbt_code(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())
}

/// Region lookup by spelling (leftmost, then longest), resolved to published codes.
pub struct RegionIndex {
    matcher: aho_corasick::AhoCorasick,
    /// Per spelling, the published codes of every region that has it (lowest first).
    codes: Vec<Vec<String>>,
    /// County-level full names (晋江市) → their codes, for a county written without its
    /// suffix right after its province or prefecture (福建省晋江).
    counties: std::collections::HashMap<String, Vec<String>>,
}

impl RegionIndex {
    pub fn new(regions: &[Region]) -> Self {
        let by_code: BTreeMap<&str, &Region> = regions.iter().map(|r| (r.code.as_str(), r)).collect();
        // A curated area without a code of its own stands for the region it lies in.
        let published = |r: &Region| -> Option<String> {
            let mut cur = r;
            for _ in 0..4 {
                if is_gbt_code(&cur.code) {
                    return Some(cur.code.clone());
                }
                cur = by_code.get(cur.parent.as_deref()?)?;
            }
            None
        };
        let mut spellings: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut counties: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
        for r in regions {
            let Some(code) = published(r) else { continue };
            if r.level == "county" && !GROUPING_NAMES.contains(&r.name_zh.as_str()) {
                counties.entry(r.name_zh.clone()).or_default().push(code.clone());
            }
            let names = r.aliases.iter().chain(std::iter::once(&r.name_zh));
            for a in names.filter(|a| a.chars().count() >= 2 && !GROUPING_NAMES.contains(&a.as_str())) {
                spellings.entry(a.clone()).or_default().insert(code.clone());
            }
        }
        let matcher = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(spellings.keys())
            .expect("region spellings compile");
        RegionIndex { matcher, codes: spellings.into_values().map(|c| c.into_iter().collect()).collect(), counties }
    }

    /// Every region named in `s`, left to right: (byte start, surface, code). Of regions
    /// sharing a spelling (朝阳区 of 北京 and of 长春), the one inside `within` (a code whose
    /// region the text is about) wins, else the lowest code.
    /// A county written without its suffix right after the province or prefecture it lies
    /// in (福建省晋江, 浙江省义乌) is that county: the surface grows to include it.
    pub fn all<'s>(&'s self, s: &'s str, within: Option<&'s str>) -> impl Iterator<Item = (usize, &'s str, &'s str)> + 's {
        let mut covered = 0;
        self.matcher.find_iter(s).filter_map(move |m| {
            if m.start() < covered {
                return None;
            }
            let codes = &self.codes[m.pattern().as_usize()];
            // A two-character county name (范县, 城区) inside a word (示范县, 中心城区) is
            // not a place: it needs a boundary, a function word or its prefecture before it.
            let surface = &s[m.start()..m.end()];
            let short_county = surface.chars().count() == 2
                && surface.ends_with(['县', '区', '市', '旗'])
                && codes.iter().all(|c| !c.ends_with("00"));
            if short_county && m.start() != covered {
                let prev = s[..m.start()].chars().next_back();
                if prev.is_some_and(|c| extract::text::is_han(c) && !COUNTY_OPENERS.contains(c)) {
                    return None;
                }
            }
            let inside = within.and_then(|w| codes.iter().find(|c| same_province(c, w)));
            let code = inside.unwrap_or(&codes[0]).as_str();
            let (end, code) = self.county_after(s, m.end(), code).unwrap_or((m.end(), code));
            covered = end;
            Some((m.start(), &s[m.start()..end], code))
        })
    }

    /// The county whose name without its suffix (市, 县, 区) follows byte `end` of `s`,
    /// inside the province or prefecture `code`: (the end of its name, its code).
    fn county_after<'s>(&'s self, s: &str, end: usize, code: &str) -> Option<(usize, &'s str)> {
        let within = if code.ends_with("0000") {
            &code[..2]
        } else if code.ends_with("00") {
            &code[..4]
        } else {
            return None;
        };
        let rest = &s[end..];
        // Longest first: three characters, then two (晋江; 一个字 names are too often words).
        [3, 2].into_iter().find_map(|n| {
            let cut = rest.char_indices().nth(n).map(|(i, _)| i).or((rest.chars().count() == n).then_some(rest.len()))?;
            self.county_named(&rest[..cut], within).map(|c| (end + cut, c))
        })
    }

    /// The county named `short` plus a county suffix, inside the region whose code starts with `within`.
    fn county_named(&self, short: &str, within: &str) -> Option<&str> {
        if !short.chars().all(extract::text::is_han) || short.ends_with(['市', '县', '区']) {
            return None;
        }
        ["市", "县", "区"].iter().find_map(|suffix| {
            self.counties.get(&format!("{short}{suffix}"))?.iter().find(|c| c.starts_with(within)).map(String::as_str)
        })
    }

    /// The first (leftmost, then longest) region named in `s`.
    pub fn find<'s>(&'s self, s: &'s str) -> Option<(&'s str, String)> {
        self.all(s, None).next().map(|(_, surface, code)| (surface, code.to_string()))
    }
}

/// Words just before a region that make it a comparison, not the subject (占全国, 高于全国).
const COMPARED_BEFORE: [&str; 8] = ["占", "比", "较", "于", "居", "过", "与", "同"];
/// Words just after a region that make it a benchmark (全国平均, 全国第一, 全国总量, 全国排名,
/// 全国百强).
const COMPARED_AFTER: [&str; 16] =
    ["平均", "第", "前列", "领先", "同类", "水平", "总量", "首位", "一流", "同期", "排名", "排位", "位次", "百强", "十强", "500强"];
/// Is the region named at byte `at` of `s` a benchmark the text compares with (高于全国
///平均, 占全国…的比重) rather than a region it is about?
fn is_benchmark(s: &str, at: usize, surface: &str) -> bool {
    let pre = &s[..at];
    let post = &s[at + surface.len()..];
    COMPARED_BEFORE.iter().any(|w| pre.ends_with(w)) || COMPARED_AFTER.iter().any(|w| post.starts_with(w))
}

/// Surfaces that name the document's own region, not another (全省 is the province itself).
const OWN_REGION: [&str; 3] = ["全省", "我省", "全市"];
/// Chars of the text searched for the region a document is about when its title and
/// issuer name none.
const HEAD_CHARS: usize = 500;

impl RegionIndex {
    /// The region a value is about, from the text before it (`before`, the quote up to
    /// the value): the nearest region named there that is not a benchmark (高于全国平均,
    /// 占全国…的比重). National goals quoted in a local text (我国…) get 100000.
    pub fn subject<'s>(&'s self, before: &'s str, within: Option<&'s str>) -> Option<(&'s str, String)> {
        self.all(before, within)
            .filter(|(at, surface, _)| !OWN_REGION.contains(surface) && !is_benchmark(before, *at, surface))
            // A county of another province inside a local text is a word that happens to
            // hold a county's name (新增城区 holds 增城区 of 广州), not the subject.
            .filter(|(_, _, code)| code.ends_with("00") || within.is_none_or(|w| same_province(code, w)))
            .last()
            .map(|(_, surface, code)| (surface, code.to_string()))
    }

    /// The region a document is about, from what names it, most telling first: its title,
    /// its issuer, the province abbreviation of its document number (鲁政发 → 370000), and
    /// the region its opening text names most often (ties: the first named).
    pub fn of_document(
        &self,
        title: Option<&str>,
        issuer: Option<&str>,
        doc_number: Option<&str>,
        text: &str,
        abbreviations: &BTreeMap<String, String>,
    ) -> Option<String> {
        let first = |s: Option<&str>| s.and_then(|s| self.all(s, None).find(|h| h.2 != NATIONAL)).map(|h| h.2.to_string());
        if let Some(code) = first(title).or_else(|| first(issuer)) {
            return Some(code);
        }
        let by_number = doc_number
            .filter(|n| n.chars().nth(1).is_some_and(|c| "政府办委发".contains(c)))
            .and_then(|n| n.chars().next())
            .and_then(|c| abbreviations.get(&c.to_string()).cloned());
        if by_number.is_some() {
            return by_number;
        }
        let head: String = text.chars().take(HEAD_CHARS).collect();
        let counts = self.counts(&head);
        let local = counts.iter().filter(|c| c.0 != NATIONAL).max_by_key(|c| (c.1, std::cmp::Reverse(c.2)));
        if local.is_none() {
            if let Some(code) = self.named_in_body(text) {
                return Some(code);
            }
        }
        let code = local.or(counts.first()).map(|c| c.0.clone())?;
        // A text about 全省 (more than about 全市/全州) is a province's, even when a city of
        // it is named more often (a news site's home town, the city a meeting was held in).
        let local_scope = LOCAL_SCOPE.iter().map(|w| head.matches(w).count()).sum::<usize>();
        if head.matches("全省").count() > local_scope && !code.ends_with("0000") {
            return Some(format!("{}0000", &code[..2]));
        }
        // …and a text about its county or city (该县, 全市) is that county's or city's, even
        // when its province is named more (湖北日报客户端讯, 江苏信保 > 连云港).
        let scope_of = |words: &[&str]| words.iter().any(|w| text.contains(w));
        let named = |level: fn(&str) -> bool| {
            counts.iter().filter(|c| level(&c.0) && same_province(&c.0, &code)).max_by_key(|c| (c.1, std::cmp::Reverse(c.2)))
        };
        let is_county = |c: &str| !c.ends_with("00");
        let is_prefecture = |c: &str| c.ends_with("00") && !c.ends_with("0000");
        if !is_county(&code) && scope_of(&OWN_COUNTY) {
            if let Some(c) = named(is_county) {
                return Some(c.0.clone());
            }
        }
        if code.ends_with("0000") && scope_of(&OWN_CITY) {
            if let Some(c) = named(is_prefecture) {
                return Some(c.0.clone());
            }
        }
        Some(code)
    }
}

/// Characters after which a two-character county name (蠡县) starts a place name:
/// prepositions and conjunctions (在蠡县, 和蠡县), not the first half of a word (示范县).
const COUNTY_OPENERS: &str = "在和与及对向至从于把将、的是为全";

/// Words by which a text speaks of its own county, its own city, and of a whole region
/// below a province.
const OWN_COUNTY: [&str; 4] = ["该县", "全县", "我县", "本县"];
const OWN_CITY: [&str; 4] = ["该市", "全市", "我市", "本市"];
const LOCAL_SCOPE: [&str; 4] = ["全市", "全州", "全县", "全盟"];

/// Words by which a text speaks of its own province or autonomous region (全省, 我区).
const OWN_PROVINCE: [&str; 8] = ["全省", "我省", "省委", "省政府", "省人民政府", "全区", "我区", "自治区"];

impl RegionIndex {
    /// Each region named in `s` with how often and where first: (code, count, byte offset).
    /// A benchmark (高于全国平均水平, 占全国总量的) is not counted: it names no region the
    /// text is about.
    fn counts(&self, s: &str) -> Vec<(String, usize, usize)> {
        let mut counts: Vec<(String, usize, usize)> = Vec::new();
        for (at, _, code) in self.all(s, None).filter(|(at, surface, _)| !is_benchmark(s, *at, surface)) {
            match counts.iter_mut().find(|c| c.0 == code) {
                Some(c) => c.1 += 1,
                None => counts.push((code.to_string(), 1, at)),
            }
        }
        counts
    }

    /// The region of a document whose opening names none, from the places its whole text
    /// names, when they all lie in one province: that province when the text names
    /// several of its parts or speaks of its own province (全省, 我区), else the one place.
    /// Places of two provinces leave the region unknown rather than guess.
    fn named_in_body(&self, text: &str) -> Option<String> {
        let counts: Vec<_> = self.counts(text).into_iter().filter(|c| c.0 != NATIONAL).collect();
        let province = counts.first().map(|c| format!("{}0000", &c.0[..2]))?;
        if !counts.iter().all(|c| same_province(&c.0, &province)) {
            return None;
        }
        let prefectures: BTreeSet<&str> = counts.iter().map(|c| &c.0[..4]).collect();
        let speaks_of_province = OWN_PROVINCE.iter().any(|w| text.contains(w));
        if prefectures.len() == 1 && counts.iter().all(|c| c.0 != province) && !speaks_of_province {
            return counts.iter().max_by_key(|c| (c.1, std::cmp::Reverse(c.2))).map(|c| c.0.clone());
        }
        Some(province)
    }
}

/// The code of the whole country.
pub const NATIONAL: &str = "100000";

/// Do two codes lie in the same province (the first two digits)?
pub fn same_province(a: &str, b: &str) -> bool {
    a.get(..2).is_some_and(|p| b.get(..2) == Some(p)) && !a.starts_with("10")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_of_provinces_and_prefectures() {
        assert_eq!(short_names("广西壮族自治区", "province"), vec!["广西"]);
        assert_eq!(short_names("内蒙古自治区", "province"), vec!["内蒙古"]);
        assert_eq!(short_names("新疆维吾尔自治区", "province"), vec!["新疆"]);
        assert_eq!(short_names("黔西南布依族苗族自治州", "prefecture"), vec!["黔西南州", "黔西南"]);
        assert_eq!(short_names("延边朝鲜族自治州", "prefecture"), vec!["延边州", "延边"]);
        assert_eq!(short_names("咸阳市", "prefecture"), vec!["咸阳"]);
        assert_eq!(short_names("大兴安岭地区", "prefecture"), vec!["大兴安岭"]);
        assert!(short_names("蠡县", "county").is_empty());
        assert_eq!(short_names("漾濞彝族自治县", "county"), vec!["漾濞县", "漾濞"]);
        assert_eq!(short_names("景宁畲族自治县", "county"), vec!["景宁县", "景宁"]);
        assert!(short_names("津市", "prefecture").is_empty(), "one char is too short");
    }

    #[test]
    fn areas_resolve_to_their_region_and_shared_names_to_the_documents_province() {
        let region = |code: &str, name: &str, level: &str, parent: Option<&str>| Region {
            code: code.into(),
            name_zh: name.into(),
            name_en: None,
            level: level.into(),
            parent: parent.map(Into::into),
            aliases: short_names(name, level),
            note: None,
        };
        let regions = vec![
            region("110105", "朝阳区", "county", Some("110100")),
            region("220104", "朝阳区", "county", Some("220100")),
            region("220100", "长春市", "prefecture", Some("220000")),
            region("220100-changchun-new-area", "长春新区", "area", Some("220100")),
        ];
        let idx = RegionIndex::new(&regions);
        assert_eq!(idx.find("支持长春新区建设"), Some(("长春新区", "220100".to_string())));
        let hits: Vec<_> = idx.all("朝阳区", Some("220000")).collect();
        assert_eq!(hits, vec![(0, "朝阳区", "220104")]);
        assert_eq!(idx.all("朝阳区", None).next().map(|h| h.2), Some("110105"));
    }

    fn index() -> RegionIndex {
        let region = |code: &str, name: &str, level: &str, parent: Option<&str>, extra: &[&str]| Region {
            code: code.into(),
            name_zh: name.into(),
            name_en: None,
            level: level.into(),
            parent: parent.map(Into::into),
            aliases: short_names(name, level).into_iter().chain(extra.iter().map(|s| s.to_string())).collect(),
            note: None,
        };
        RegionIndex::new(&[
            region("100000", "全国", "country", None, &["我国"]),
            region("370000", "山东省", "province", None, &[]),
            region("370100", "济南市", "prefecture", Some("370000"), &[]),
            region("140000", "山西省", "province", None, &[]),
            region("140500", "晋城市", "prefecture", Some("140000"), &[]),
            region("370181", "章丘市", "county", Some("370100"), &[]),
            region("410926", "范县", "county", Some("410900"), &[]),
            region("440118", "增城区", "county", Some("440100"), &[]),
        ])
    }

    #[test]
    fn the_subject_region_is_the_nearest_one_that_is_not_a_benchmark() {
        let idx = index();
        let subject = |s: &'static str| idx.subject(s, Some("370000")).map(|(_, c)| c);
        assert_eq!(subject("到2025年，济南市工业增加值"), Some("370100".into()));
        assert_eq!(subject("我国政府承诺到2020年单位国内生产总值二氧化碳排放比2005年下降"), Some("100000".into()));
        assert_eq!(subject("工业投资增长8.8%，高于全国平均"), None);
        assert_eq!(subject("稀土储量占全国总量的"), None);
        assert_eq!(subject("全省规模以上工业增加值"), None, "全省 is the document's own region");
        assert_eq!(subject("一汽富维在济南市实现产值"), Some("370100".into()), "在 places the subject");
        assert_eq!(subject("新增城区绿化面积"), None, "增城区 of 广州 inside 新增城区 is a word");
    }

    #[test]
    fn a_county_written_without_its_suffix_after_its_province() {
        let idx = index();
        let codes = |s: &'static str| idx.all(s, None).map(|(_, surface, code)| (surface, code)).collect::<Vec<_>>();
        assert_eq!(codes("山东省章丘力争到2020年"), vec![("山东省章丘", "370181")]);
        assert_eq!(codes("济南市章丘"), vec![("济南市章丘", "370181")]);
        assert_eq!(codes("山西省章丘"), vec![("山西省", "140000")], "a county of another province is not joined");
        assert_eq!(codes("山东省工业"), vec![("山东省", "370000")]);
        assert_eq!(codes("创建示范县"), vec![], "范县 inside 示范县 is no place");
        assert_eq!(codes("在范县、章丘市"), vec![("范县", "410926"), ("章丘市", "370181")]);
    }

    #[test]
    fn the_region_of_a_document() {
        let idx = index();
        let abbreviations: BTreeMap<String, String> = [("鲁".to_string(), "370000".to_string())].into();
        let of = |title: Option<&str>, number: Option<&str>, text: &str| {
            idx.of_document(title, None, number, text, &abbreviations)
        };
        assert_eq!(of(Some("济南市制造业三年行动计划"), None, ""), Some("370100".into()));
        assert_eq!(of(None, Some("鲁政发〔2020〕5号"), "各市人民政府："), Some("370000".into()));
        // A news page: the site's town is named most, but the story is about 全省.
        let news = "晋城生活网 - 晋城人自己的网站\n来源：山西日报\n全省规上工业增加值增长7%，全省工业投资…";
        assert_eq!(of(None, None, news), Some("140000".into()));
        assert_eq!(of(None, None, "今年主要预期目标是：地区生产总值增长7%左右"), None);
        assert_eq!(of(None, None, "到2021年，工业增加值增速高于全国平均水平2个百分点"), None, "a benchmark is no subject");
        // Named only further on, in one province: a text about its own region (全区).
        let late = format!("{}加快济南农村产权交易中心建设，全区……", "今年我区主要预期目标是：地区生产总值增长7%左右。".repeat(30));
        assert_eq!(of(None, None, &late), Some("370000".into()));
        let two = format!("{}济南、晋城两地……", "主要预期目标是：地区生产总值增长7%左右。".repeat(30));
        assert_eq!(of(None, None, &two), None, "places of two provinces: unknown, not a guess");
        let city = format!("{}济南重点项目……", "主要预期目标是：地区生产总值增长7%左右。".repeat(30));
        assert_eq!(of(None, None, &city), Some("370100".into()));
        // A county's report in its province's newspaper: 该县 makes it the county's.
        let county = "山东日报客户端讯 近日，从山东省章丘市人民代表大会获悉，该县明确今年主要预期目标。";
        assert_eq!(of(None, None, county), Some("370181".into()));
        let city = "山东信保 > 济南 > 正文\n山东省工信厅部署……全市工业投资增长6%。";
        assert_eq!(of(None, None, city), Some("370100".into()));
    }
}
