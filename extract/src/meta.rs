//! Document metadata detected from the text: title, issuer, document number, signature
//! date and plan period. Curated values (sources/documents.yaml) win over these; the
//! pipeline reports where the two disagree.

use crate::numeral::{parse_arabic, parse_chinese};
use crate::text::Text;
use crate::timeframe::five_year_plan;
use regex::Regex;
use std::sync::OnceLock;

/// What the text itself says about the document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DetectedMeta {
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    /// ISO date (YYYY-MM-DD).
    pub issued_on: Option<String>,
    pub period_start: Option<i32>,
    pub period_end: Option<i32>,
    /// The year a statistical report covers (2022年…统计公报 → 2022): its figures with no
    /// year written are statistics of that year.
    pub statistics_year: Option<i32>,
    /// The year the text calls 今年 (今年…会议提出，2020年…), for a text that writes no
    /// date of its own: its issue year, inferred.
    pub current_year: Option<i32>,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("static regex"))
}

/// Detect metadata from a document's normalised text.
pub fn detect(text: &Text) -> DetectedMeta {
    let norm = text.norm_str();
    let head: String = norm.chars().take(3000).collect();
    let mut m = DetectedMeta {
        doc_number: detect_doc_number(&head),
        issued_on: detect_issued_on(&head),
        title: detect_title(text, norm, &head),
        ..DetectedMeta::default()
    };
    (m.period_start, m.period_end) = stated_period(m.title.as_deref(), &head);
    if m.issued_on.is_none() {
        m.current_year = current_year(norm).or_else(|| reviewed_year(&head).map(|y| y + 1));
    }
    period_from_issue_year(&mut m, &head);
    m.statistics_year = detect_statistics_year(&head);
    m.issuer = detect_issuer(&head);
    m
}

/// The document number (…发〔2016〕12号), written with the official brackets whatever the text used.
fn detect_doc_number(head: &str) -> Option<String> {
    static DOCNO: OnceLock<Regex> = OnceLock::new();
    let docno = re(&DOCNO, r"([\p{Han}]{1,8}[发办字函])\s*[〔\[]\s*(\d{4})\s*[〕\]]\s*(\d{1,4})\s*号");
    docno.captures(head).map(|c| format!("{}〔{}〕{}号", &c[1], &c[2], &c[3]))
}

/// The signature date as YYYY-MM-DD: the first full date in the head, a date near the top written in words first.
fn detect_issued_on(head: &str) -> Option<String> {
    static DATE: OnceLock<Regex> = OnceLock::new();
    static CNDATE: OnceLock<Regex> = OnceLock::new();
    static ISODATE: OnceLock<Regex> = OnceLock::new();
    static DMY: OnceLock<Regex> = OnceLock::new();
    // Signature date: the first full date in the head (2014年6月24日 or 二○一二年一月二十九日).
    let date = re(&DATE, r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日");
    let cndate =
        re(&CNDATE, r"([零〇○OoＯ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日");
    let ymd = date
        .captures(head)
        .map(|c| (c.get(0).map_or(0, |x| x.start()), parse_arabic(&c[1]), parse_arabic(&c[2]), parse_arabic(&c[3])));
    let cn = cndate
        .captures(head)
        // (Scraped texts write the zero of 二〇〇八 as a letter O.)
        .map(|c| (c.get(0).map_or(0, |x| x.start()), parse_chinese(&c[1].replace(['O', 'o', 'Ｏ'], "〇")), parse_chinese(&c[2]), parse_chinese(&c[3])));
    // News and portal pages date themselves as 2019-03-01 (发布时间：2019-03-01 09:30).
    let iso = re(&ISODATE, r"(?:^|[^\d])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[^\d]|$)").captures(head).map(|c| {
        (c.get(1).map_or(0, |x| x.start()), parse_arabic(&c[1]), parse_arabic(&c[2]), parse_arabic(&c[3]))
    });
    // …or day first, as some portals print it (05.07.2016).
    let dmy = re(&DMY, r"(?:^|[^\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[^\d.]|$)").captures(head).map(|c| {
        (c.get(1).map_or(0, |x| x.start()), parse_arabic(&c[3]), parse_arabic(&c[2]), parse_arabic(&c[1]))
    });
    // A portal stamps the day it posted a page (2021-07-23); a document's own date is
    // written in words (2017年2月22日在…会议上). Near the top, the document's own wins.
    let own = [ymd, cn].into_iter().flatten().filter(|d| d.0 < OWN_DATE_BYTES).min_by_key(|d| d.0);
    let best = own.or_else(|| [ymd, cn, iso, dmy].into_iter().flatten().min_by_key(|d| d.0));
    if let Some((_, Some(y), Some(mo), Some(d))) = best {
        // (A page's placeholder date, -0001-11-30, is no date.)
        if (1.0..=12.0).contains(&mo) && (1.0..=31.0).contains(&d) && (1949.0..=2100.0).contains(&y) {
            return Some(format!("{:04}-{:02}-{:02}", y as i32, mo as i32, d as i32));
        }
    }
    None
}

/// The title as written in the original: a title line (one not a 通知 first), else the headline, else 《a quote》.
fn detect_title(text: &Text, norm: &str, head: &str) -> Option<String> {
    let titles = title_lines(head);
    let mut title = titles.iter().find(|t| !t.contains("通知")).or(titles.first()).cloned();
    if title.is_none() {
        // A web page's headline: the page is about what it says.
        title = headline(head).map(str::to_string);
    }
    if title.is_none() {
        // A quoted title: 《吉林省工业发展“十二五”规划》.
        if let (Some(s), Some(e)) = (head.find('《'), head.find('》')) {
            if e > s {
                title = Some(head[s + '《'.len_utf8()..e].to_string());
            }
        }
    }
    title.map(|t| restore_original(text, norm, &t))
}

/// The head's lines that name a plan/opinion/scheme (preferably with its period), each joined to its first half.
fn title_lines(head: &str) -> Vec<String> {
    static TITLE: OnceLock<Regex> = OnceLock::new();
    // Title: a line naming a plan/opinion/scheme, preferably with its period.
    let title = re(
        &TITLE,
        r"(?m)^[ \t]*([\p{Han}“”《》\(\)0-9\-]{6,60}(?:规划|计划|方案|意见|纲要|办法|通知|决定|要点)(?:\(\d{4}-\d{4}年?\))?(?:\([一二三四五六七八九十]{1,2}\))?)[ \t]*$",
    );
    // A title broken over lines (在吉林市开展全省产业创新 / 示范区试点实施方案) is joined with
    // the short unpunctuated line above it.
    let lines: Vec<&str> = head.lines().collect();
    title
        .captures_iter(head)
        .map(|c| {
            let t = c[1].to_string();
            let at = lines.iter().position(|l| l.trim() == t);
            match at.and_then(|i| i.checked_sub(1)).map(|i| lines[i].trim()) {
                Some(prev)
                    if !prev.is_empty()
                        && prev.chars().count() <= 20
                        && prev.chars().all(|ch| ch.is_alphanumeric() || "“”".contains(ch))
                        && !prev.ends_with("通知")
                        && !prev.ends_with('日') =>
                {
                    format!("{prev}{t}")
                }
                _ => t,
            }
        })
        .collect()
}

/// The plan period (first year, last year) the title or the head states, tried in order of how directly it says so.
fn stated_period(title: Option<&str>, head: &str) -> (Option<i32>, Option<i32>) {
    static PERIOD: OnceLock<Regex> = OnceLock::new();
    let period = re(&PERIOD, r"[\(（](\d{4})\s*-\s*(\d{4})年?[\)）]");
    if let Some(c) = title.and_then(|t| {
        period
            .captures(&t.chars().map(crate::text::fold_char).collect::<String>())
            .map(|c| (c[1].to_string(), c[2].to_string()))
    }) {
        (c.0.parse().ok(), c.1.parse().ok())
    } else if let Some(c) = period.captures(head) {
        (c[1].parse().ok(), c[2].parse().ok())
    } else if let Some(p) = title.and_then(named_plan_period) {
        (Some(p.0), Some(p.1))
    } else if let Some(y) = title.and_then(one_year_plan).or_else(|| first_line(head).and_then(one_year_plan)) {
        (Some(y), Some(y))
    } else if let Some(p) = named_plan_period(&head.chars().take(PLAN_NAME_HEAD_CHARS).collect::<String>()) {
        // A news report or an untitled excerpt about a five-year plan names it early.
        (Some(p.0), Some(p.1))
    } else {
        (None, None)
    }
}

/// Sets a period the text does not state from the year it was issued (or, for a work report, the year it calls 今年).
fn period_from_issue_year(m: &mut DetectedMeta, head: &str) {
    // 未来5年 near the start of a dated text: the five years from its issue year on.
    if m.period_end.is_none() {
        let issue_year: Option<i32> = m.issued_on.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
        let opening: String = head.chars().take(PLAN_NAME_HEAD_CHARS).collect();
        if let (Some(y), Some(n)) = (issue_year, years_ahead(&opening)) {
            (m.period_start, m.period_end) = (Some(y), Some(y + n - 1));
        }
    }
    // A government work report sets this year's goals: its period is the year it is given.
    if m.period_end.is_none() && head.contains("政府工作报告") {
        let issue_year = m.issued_on.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok());
        if let Some(y) = issue_year.or(m.current_year) {
            (m.period_start, m.period_end) = (Some(y), Some(y));
        }
    }
}

/// The year a statistical report covers: the year its 统计公报 title names, else a communiqué's opening year.
fn detect_statistics_year(head: &str) -> Option<i32> {
    static STATISTICS: OnceLock<Regex> = OnceLock::new();
    let opening: String = head.chars().take(PLAN_NAME_HEAD_CHARS).collect();
    // (The year may be written in Chinese digits: 子洲县二〇二三年…统计公报.)
    let statistics_year = re(&STATISTICS, r"((?:19|20)\d{2}|[一二][〇○零OoＯ一二三四五六七八九]{3})年[\p{Han}\s]{0,30}统计公报")
        .captures(&opening)
        .and_then(|c| c[1].parse().ok().or_else(|| parse_chinese(&c[1].replace(['O', 'o', 'Ｏ'], "〇")).map(|y| y as i32)));
    if statistics_year.is_none() {
        return communique_year(head);
    }
    statistics_year
}

/// The number of years a text looks ahead (未来5年, 今后三年), 2 to 15.
fn years_ahead(s: &str) -> Option<i32> {
    static AHEAD: OnceLock<Regex> = OnceLock::new();
    let c = re(&AHEAD, r"(?:未来|今后)([0-9一二两三四五六七八九十]{1,2})年").captures(s)?;
    let n = parse_arabic(&c[1]).or_else(|| parse_chinese(&c[1]))?;
    (2.0..=15.0).contains(&n).then_some(n as i32)
}

/// The year an undated work report reviews: its opening speaks of 过去的一年 and names
/// exactly one year (2024年全市上下…交出了…成绩单). The report is given the year after.
fn reviewed_year(head: &str) -> Option<i32> {
    let opening: String = head.chars().take(REVIEW_OPENING_CHARS).collect();
    if !(opening.contains("过去的一年") || opening.contains("过去一年")) {
        return None;
    }
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let years: std::collections::BTreeSet<i32> = re(&YEAR, r"((?:19|20)\d{2})年")
        .captures_iter(&opening)
        .filter_map(|c| c[1].parse().ok())
        .collect();
    (years.len() == 1).then(|| *years.first().expect("one"))
}

/// Chars of an opening searched for the year a work report reviews.
const REVIEW_OPENING_CHARS: usize = 400;

/// Chars of the text searched for sentences that name this year (今年) with its number.
const CURRENT_YEAR_CHARS: usize = 20_000;

/// The year the text calls 今年: every sentence that names this year (今年…2020年; 今年是
/// “十四五”规划的收官之年) or last year (去年，即2019年) must agree on it; else none.
fn current_year(norm: &str) -> Option<i32> {
    let text: String = norm.chars().take(CURRENT_YEAR_CHARS).collect();
    let mut found: Option<i32> = None;
    for sentence in text.split(['。', '；', ';', '！', '？', '\n']) {
        let named = if sentence.contains("今年") {
            this_year_named(sentence)
        } else if sentence.contains("去年") {
            last_year_named(sentence).map(|y| y + 1)
        } else {
            None
        };
        if let Some(y) = named {
            if found.is_some_and(|f| f != y) {
                return None;
            }
            found = Some(y);
        }
    }
    found
}

/// The year a sentence that says 今年 names as this one: 今年是“十四五”规划的收官之年 /
/// 开局之年 (the plan's last or first), else the one year it writes.
fn this_year_named(sentence: &str) -> Option<i32> {
    static PLAN_YEAR: OnceLock<Regex> = OnceLock::new();
    let plan_year = re(&PLAN_YEAR, r"今年是[“\x22]?(十[一二三四五]?五)[”\x22]?[^，,。]{0,12}?(收官|开局|起步)之年");
    let from_plan = plan_year.captures(sentence).and_then(|c| {
        five_year_plan(&c[1]).map(|(start, end)| if &c[2] == "收官" { end } else { start })
    });
    from_plan.or_else(|| free_year(sentence))
}

/// The year a sentence that says 去年 names as last year: 去年…实现了“十四五”良好开局 (the
/// plan's first), else the one year it writes (去年，即2019年).
fn last_year_named(sentence: &str) -> Option<i32> {
    static LAST_PLAN: OnceLock<Regex> = OnceLock::new();
    let last_plan = re(&LAST_PLAN, r"[“‘\x22']?(十[一二三四五]?五)[”’\x22']?[^，,。]{0,6}?开局");
    let from_plan = last_plan.captures(sentence).and_then(|c| five_year_plan(&c[1])).map(|(start, _)| start);
    from_plan.or_else(|| free_year(sentence))
}

/// The one year a sentence writes that is not a due date, a base or a range's end (到2025年,
/// 比2019年, 2021-2025年); none when it writes several.
fn free_year(sentence: &str) -> Option<i32> {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let years: std::collections::BTreeSet<i32> = re(&YEAR, r"(.?)((?:19|20)\d{2})年")
        .captures_iter(sentence)
        .filter(|c| !matches!(&c[1], "到" | "至" | "比" | "较" | "于" | "从" | "由" | "在" | "-" | "—" | "~"))
        .filter_map(|c| c[2].parse().ok())
        .collect();
    (years.len() == 1).then(|| years.first().copied()).flatten()
}

/// The year a statistical communiqué reports when its title is cut off: a text in the
/// communiqué's language (初步核算, 按可比价格计算, 比上年增长…) whose opening names a year.
fn communique_year(head: &str) -> Option<i32> {
    let statistical = head.contains("初步核算") || head.contains("按可比价") || head.matches("比上年").count() >= 3;
    if !statistical {
        return None;
    }
    static OPENING_YEAR: OnceLock<Regex> = OnceLock::new();
    let opening: String = head.chars().take(PLAN_NAME_HEAD_CHARS).collect();
    re(&OPENING_YEAR, r"((?:19|20)\d{2})年[^0-9月]").captures(&opening).and_then(|c| c[1].parse().ok())
}

/// Words of a web page's furniture (breadcrumbs, bylines, counters), never its headline.
const PAGE_FURNITURE: [&str; 29] = [
    "位置", "首页", ">", "来源", "时间", "发布", "浏览", "编辑", "作者", "分享", "打印", "字号", "记者", "图片", "网站", "正文",
    "分社", "查阅", "更多", "•", " - ", "调查总队", "日报", "晚报", "数字报", "新华社", "中新社", "通讯员", "客户端",
];

/// The headline of a web page: among its first lines, the first of 6 to 40 characters
/// that reads as a heading (no sentence end, no label, no page furniture, not a date).
fn headline(head: &str) -> Option<&str> {
    head.lines().map(str::trim).filter(|l| !l.is_empty()).take(5).find(|l| {
        let n = l.chars().count();
        (6..=40).contains(&n)
            && l.chars().filter(|&c| crate::text::is_han(c)).count() * 2 >= n
            && !l.ends_with(['。', ';', ',', ':'])
            && !l.contains('|')
            && l.split_once(':').is_none_or(|(head, _)| head.chars().count() <= 4)
            && !PAGE_FURNITURE.iter().any(|w| l.contains(w))
            && !l.starts_with(|c: char| c.is_ascii_digit())
            && !starts_with_outline_marker(l)
    })
}

/// Does a line open with an outline marker (一、 / (一) / 第一章): a heading inside the
/// text, not the page's headline?
fn starts_with_outline_marker(l: &str) -> bool {
    static MARKER: OnceLock<Regex> = OnceLock::new();
    re(&MARKER, r"^(?:[一二三四五六七八九十]+、|[\(（][一二三四五六七八九十]+[\)）]|第[一二三四五六七八九十]+[章节篇部分])").is_match(l)
}

/// The first non-blank line: where a page scraped from the web states what it is.
fn first_line(head: &str) -> Option<&str> {
    head.lines().map(str::trim).find(|l| !l.is_empty())
}

/// Bytes of the head where a date written in words is the document's own (about 300 chars).
const OWN_DATE_BYTES: usize = 900;

/// Chars of the head searched for a five-year plan's name when the title has none.
const PLAN_NAME_HEAD_CHARS: usize = 300;

/// The period of a five-year plan named in `s`: “十四五”, 第十四个五年规划.
fn named_plan_period(s: &str) -> Option<(i32, i32)> {
    const PLANS: [(&str, &str); 5] = [
        ("十一五", "第十一个五年"),
        ("十二五", "第十二个五年"),
        ("十三五", "第十三个五年"),
        ("十四五", "第十四个五年"),
        ("十五五", "第十五个五年"),
    ];
    PLANS.iter().find(|(short, long)| s.contains(short) || s.contains(long)).and_then(|(short, _)| five_year_plan(short))
}

/// The year of a one-year plan named by its title: 2019年工作要点, 咸阳市2023年国民经济和
/// 社会发展计划, 2020年政府工作报告.
fn one_year_plan(title: &str) -> Option<i32> {
    static ONE_YEAR: OnceLock<Regex> = OnceLock::new();
    let folded: String = title.chars().map(crate::text::fold_char).collect();
    let c = re(
        &ONE_YEAR,
        r"((?:19|20)\d{2})年[\p{Han}“”《》]{0,30}(?:要点|计划|方案|工作报告)(?:\([一二三四五六七八九十0-9]{1,2}\))?$",
    )
    .captures(&folded)?;
    // 2019年…三年行动方案 runs longer than its first year.
    if ["三年", "五年", "规划", "-"].iter().any(|w| folded.contains(w)) {
        return None;
    }
    c[1].parse().ok()
}

/// Issuers sign as a line of their own naming a government or party body.
fn detect_issuer(head: &str) -> Option<String> {
    static ISSUER: OnceLock<Regex> = OnceLock::new();
    let r = re(&ISSUER, r"(?m)^[ \t]*((?:中共)?[\p{Han}]{2,12}(?:人民政府|省委|市委|办公厅|委员会))[ \t]*$");
    let found: Vec<String> = r.captures_iter(head).map(|c| c[1].to_string()).collect();
    if found.is_empty() {
        // …or the government a line or a news report says issued it (某市人民政府关于…,
        // 某省人民政府办公厅印发…).
        static ISSUED_BY: OnceLock<Regex> = OnceLock::new();
        let r2 = re(
            &ISSUED_BY,
            r"((?:[\p{Han}]{2,7}(?:省|市|自治区|区|县|州|盟))?人民政府(?:办公厅|办公室)?)(?:关于|印发|发布|出台)",
        );
        return r2.captures(head).map(|c| c[1].to_string()).filter(|g| g.chars().count() > "人民政府".chars().count());
    }
    let mut uniq: Vec<String> = Vec::new();
    for f in found {
        if !uniq.contains(&f) {
            uniq.push(f);
        }
    }
    Some(uniq.join("、"))
}

/// Titles are published as written in the original (full-width brackets kept).
fn restore_original(text: &Text, norm: &str, folded: &str) -> String {
    match norm.find(folded) {
        Some(b) => {
            let s = text.char_at_norm_byte(b);
            text.original_slice(s, s + folded.chars().count()).to_string()
        }
        None => folded.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_header_fields() {
        let t = Text::new("吉林省人民政府关于印发\n在吉林市开展试点实施方案的通知\n吉政发〔２０１４〕２３号\n\n　　吉林省人民政府\n\n２０１４年６月２４日\n".into());
        let m = detect(&t);
        assert_eq!(m.doc_number.as_deref(), Some("吉政发〔2014〕23号"));
        assert_eq!(m.issued_on.as_deref(), Some("2014-06-24"));
        assert_eq!(m.issuer.as_deref(), Some("吉林省人民政府"));
    }

    #[test]
    fn a_date_with_letter_o_for_zero_is_not_part_of_the_title() {
        let m = detect(&Text::new("某市人民政府办公厅关于印发2008年全市工业工作要点的通知\n二OO八年三月十七日\n2008年全市工业工作要点\n".into()));
        assert_eq!(m.issued_on.as_deref(), Some("2008-03-17"));
        assert_eq!(m.title.as_deref(), Some("2008年全市工业工作要点"));
    }

    #[test]
    fn an_undated_work_report_is_given_the_year_after_the_one_it_reviews() {
        let m = detect(&Text::new("各位代表：\n现在，我代表市人民政府向大会报告工作。\n2024年全市上下奋发进取\n过去的一年，奋斗充满艰辛。".into()));
        assert_eq!(m.current_year, Some(2025));
        let m = detect(&Text::new("过去的一年，2023年和2024年……".into()));
        assert_eq!(m.current_year, None, "two years: no answer");
    }

    #[test]
    fn a_communique_year_in_chinese_digits() {
        let m = detect(&Text::new("子洲县二〇二三年国民经济和社会发展统计公报\n".into()));
        assert_eq!(m.statistics_year, Some(2023));
    }

    #[test]
    fn a_communique_without_its_title_reports_the_year_it_opens_with() {
        let m = detect(&Text::new("2022年，全县经济运行稳中向好。\n一、综合\n初步核算，全县生产总值254.5亿元，按可比价格计算，比上年增长5.2%。".into()));
        assert_eq!(m.statistics_year, Some(2022));
        let m = detect(&Text::new("2022年，全县经济运行稳中向好。到2025年，地区生产总值达到300亿元。".into()));
        assert_eq!(m.statistics_year, None, "a plan is no communiqué");
    }

    #[test]
    fn a_communique_title_broken_by_a_space_and_a_placeholder_date() {
        let m = detect(&Text::new("2022年某自治区国民经济和社会发展 统计公报\n\n联合创作 · -0001-11-30 00:00\n".into()));
        assert_eq!(m.statistics_year, Some(2022));
        assert_eq!(m.issued_on, None);
    }

    #[test]
    fn headlines_numbered_titles_and_issuers_of_news() {
        let m = detect(&Text::new("您当前的位置：首页 > 行业资讯\n某市力争2020年形成三大产业集群\n时间：2014-03-05 09:25\n合肥市人民政府印发了通知……".into()));
        assert_eq!(m.title.as_deref(), Some("某市力争2020年形成三大产业集群"));
        assert_eq!(m.issuer.as_deref(), Some("合肥市人民政府"));
        let m = detect(&Text::new("2025年省《政府工作报告》重点工作分工方案（一）\n\n为贯彻落实……".into()));
        assert_eq!(m.title.as_deref(), Some("2025年省《政府工作报告》重点工作分工方案（一）"));
        let m = detect(&Text::new("今年我区经济社会发展的主要预期目标是：地区生产总值增长7%左右。\n".into()));
        assert_eq!(m.title, None, "a sentence is no headline");
        for page in ["晋城生活网 - 晋城人自己的生活网站!\n", "一、2024年工作回顾\n", "中新社内蒙古分社 • 正文\n"] {
            assert_eq!(detect(&Text::new(page.into())).title, None, "{page}");
        }
    }

    #[test]
    fn a_documents_own_date_wins_over_a_portals_stamp() {
        let m = detect(&Text::new("2017年某县人民政府工作报告\n公文搜 2021-07-23 10:26:26 政府报告\n2017年2月22日在某县人民代表大会上\n".into()));
        assert_eq!(m.issued_on.as_deref(), Some("2017-02-22"));
        let m = detect(&Text::new("快看！今年工业经济目标\n时间:2020-03-27\n记者获悉……".into()));
        assert_eq!(m.issued_on.as_deref(), Some("2020-03-27"));
    }

    #[test]
    fn a_day_first_date_and_the_years_ahead() {
        let m = detect(&Text::new("云南省出台意见推进重点产业发展\n\n05.07.2016  11:34\n\n日前，云南省发布若干意见……未来5年，全省将着力推进重点产业。".into()));
        assert_eq!(m.issued_on.as_deref(), Some("2016-07-05"));
        assert_eq!((m.period_start, m.period_end), (Some(2016), Some(2020)));
        assert_eq!(years_ahead("今后三年"), Some(3));
        assert_eq!(years_ahead("未来1年"), None);
    }

    #[test]
    fn the_year_a_text_calls_this_year() {
        assert_eq!(current_year("会议提到，2019年工业增长6.1%。对于今年政府工作要求，会议提出，2020年地区生产总值增长6%。"), Some(2020));
        assert_eq!(current_year("今年是关键之年，到2025年产值达到1000亿元。"), None, "a due year is not this year");
        assert_eq!(current_year("今年即2020年。今年，2021年的目标……"), None, "two answers: none");
        assert_eq!(current_year("2019年工业增长6.1%。"), None);
        assert_eq!(current_year("今年是“十四五”规划的收官之年，做好今年工作意义重大。"), Some(2025));
        assert_eq!(current_year("今年是“十五五”开局之年。"), Some(2026));
        assert_eq!(current_year("“去年全市工业经济实现了‘十四五’良好开局。”"), Some(2022));
        assert_eq!(current_year("去年，即2019年，全市工业增加值增长6%。"), Some(2020));
    }

    #[test]
    fn chinese_date_and_plan_period() {
        let t = Text::new("　　二○一二年一月二十九日\n\n　　吉林省工业发展“十二五”规划\n".into());
        let m = detect(&t);
        assert_eq!(m.issued_on.as_deref(), Some("2012-01-29"));
        assert_eq!(m.title.as_deref(), Some("吉林省工业发展“十二五”规划"));
        assert_eq!((m.period_start, m.period_end), (Some(2011), Some(2015)));
    }

    #[test]
    fn title_over_two_lines() {
        let t = Text::new("吉林省人民政府关于印发\n在吉林市开展全省产业创新示范区\n试点实施方案的通知\n吉政发〔２０１４〕２３号\n\n在吉林市开展全省产业创新\n示范区试点实施方案\n　　为贯彻落实…\n".into());
        assert_eq!(detect(&t).title.as_deref(), Some("在吉林市开展全省产业创新示范区试点实施方案"));
    }

    #[test]
    fn period_in_title() {
        let t = Text::new(
            "中共吉林省委\n吉林省人民政府\n2017年7月21日\n\n　　吉林省工业转型升级行动计划（2017－2020年）\n".into(),
        );
        let m = detect(&t);
        assert_eq!(m.title.as_deref(), Some("吉林省工业转型升级行动计划（2017－2020年）"));
        assert_eq!((m.period_start, m.period_end), (Some(2017), Some(2020)));
        assert_eq!(m.issuer.as_deref(), Some("中共吉林省委、吉林省人民政府"));
    }
}
