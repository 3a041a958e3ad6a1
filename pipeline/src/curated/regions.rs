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
const ETHNIC: [&str; 22] = [
    "布依族", "苗族", "土家族", "侗族", "藏族", "羌族", "彝族", "傣族", "景颇族", "傈僳族", "白族", "哈尼族", "壮族",
    "朝鲜族", "回族", "黎族", "土族", "撒拉族", "维吾尔", "哈萨克", "柯尔克孜", "蒙古",
];
/// Bytes of a name before which no ethnic name is looked for (内蒙古 is a place name).
const PLACE_MIN_BYTES: usize = 6;

/// Short names of a province or prefecture: 广西壮族自治区 → 广西, 咸阳市 → 咸阳,
/// 黔西南布依族苗族自治州 → 黔西南州 and 黔西南, 大兴安岭地区 → 大兴安岭.
pub fn short_names(name: &str, level: &str) -> Vec<String> {
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
        for r in regions {
            let Some(code) = published(r) else { continue };
            let names = r.aliases.iter().chain(std::iter::once(&r.name_zh));
            for a in names.filter(|a| a.chars().count() >= 2 && !GROUPING_NAMES.contains(&a.as_str())) {
                spellings.entry(a.clone()).or_default().insert(code.clone());
            }
        }
        let matcher = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(spellings.keys())
            .expect("region spellings compile");
        RegionIndex { matcher, codes: spellings.into_values().map(|c| c.into_iter().collect()).collect() }
    }

    /// Every region named in `s`, left to right: (byte start, surface, code). Of regions
    /// sharing a spelling (朝阳区 of 北京 and of 长春), the one inside `within` (a code whose
    /// region the text is about) wins, else the lowest code.
    pub fn all<'s>(&'s self, s: &'s str, within: Option<&'s str>) -> impl Iterator<Item = (usize, &'s str, &'s str)> + 's {
        self.matcher.find_iter(s).map(move |m| {
            let codes = &self.codes[m.pattern().as_usize()];
            let inside = within.and_then(|w| codes.iter().find(|c| same_province(c, w)));
            (m.start(), &s[m.start()..m.end()], inside.unwrap_or(&codes[0]).as_str())
        })
    }

    /// The first (leftmost, then longest) region named in `s`.
    pub fn find<'s>(&'s self, s: &'s str) -> Option<(&'s str, String)> {
        self.all(s, None).next().map(|(_, surface, code)| (surface, code.to_string()))
    }
}

/// Words just before a region that make it a comparison, not the subject (占全国, 高于全国).
const COMPARED_BEFORE: [&str; 8] = ["占", "比", "较", "于", "居", "过", "与", "同"];
/// Words just after a region that make it a benchmark (全国平均, 全国第一, 全国总量).
const COMPARED_AFTER: [&str; 10] = ["平均", "第", "前列", "领先", "同类", "水平", "总量", "首位", "一流", "同期"];
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
            .filter(|(at, surface, _)| {
                let pre = &before[..*at];
                let post = &before[at + surface.len()..];
                !OWN_REGION.contains(surface)
                    && !COMPARED_BEFORE.iter().any(|w| pre.ends_with(w))
                    && !COMPARED_AFTER.iter().any(|w| post.starts_with(w))
            })
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
        let mut counts: Vec<(String, usize, usize)> = Vec::new();
        for (at, _, code) in self.all(&head, None) {
            match counts.iter_mut().find(|c| c.0 == code) {
                Some(c) => c.1 += 1,
                None => counts.push((code.to_string(), 1, at)),
            }
        }
        let local = counts.iter().filter(|c| c.0 != NATIONAL).max_by_key(|c| (c.1, std::cmp::Reverse(c.2)));
        let code = local.or(counts.first()).map(|c| c.0.clone())?;
        // A text about 全省 (more than about 全市/全州) is a province's, even when a city of
        // it is named more often (a news site's home town, the city a meeting was held in).
        let local_scope = ["全市", "全州", "全县", "全盟"].iter().map(|w| head.matches(w).count()).sum::<usize>();
        if head.matches("全省").count() > local_scope && !code.ends_with("0000") {
            return Some(format!("{}0000", &code[..2]));
        }
        Some(code)
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
    }
}
