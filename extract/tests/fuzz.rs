//! Property-based fuzzing of the text → candidates path: decoding arbitrary bytes, and the
//! outline, quantity grammar and statement reader on strings built from the characters
//! policy texts are made of. None may panic; offsets must stay inside the text.
//! `make fuzz` runs these with PROPTEST_CASES=20000; `make test` with the default 256.

use extract::quantity::scan;
use extract::statements::{extract_statements, DocDates};
use extract::text::Text;
use extract::units::{UnitDef, UnitLexicon, UnitPrefix, UnitTable};
use proptest::prelude::*;

fn lexicon() -> UnitLexicon {
    let u = |id: &str, s: &[&str], dim: &str| UnitDef {
        id: id.into(),
        surfaces: s.iter().map(|x| x.to_string()).collect(),
        name_en: None,
        dimension: dim.into(),
        base: "x".into(),
        factor: 1.0,
        prefixable: true,
        spec: None,
        note: None,
    };
    UnitLexicon::new(&UnitTable {
        prefixes: vec![
            UnitPrefix { surface: "万".into(), id: "e4".into(), factor: 1e4, note: None },
            UnitPrefix { surface: "亿".into(), id: "e8".into(), factor: 1e8, note: None },
        ],
        units: vec![
            u("yuan", &["元"], "money"),
            u("item", &["个", "家", "户"], "count"),
            u("pct", &["%"], "percent"),
            u("pp", &["个百分点"], "percentage_point"),
            u("t", &["吨", "吨/年"], "mass"),
            u("list", &["大"], "list"),
        ],
    })
}

/// Strings over the alphabet of policy texts: digits (both widths), Chinese numerals,
/// units, qualifiers, years, punctuation, outline markers and line breaks.
fn policy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "0",
        "1",
        "2",
        "5",
        "9",
        "２",
        "０",
        "１",
        ".",
        "．",
        "-",
        "—",
        "－",
        "至",
        "～",
        ":",
        "∶",
        "％",
        "%",
        "个百分点",
        "万",
        "亿",
        "元",
        "亿元",
        "万吨",
        "个",
        "家",
        "大",
        "年",
        "月",
        "日",
        "到",
        "由",
        "增长到",
        "比",
        "较",
        "年均增长",
        "达到",
        "以上",
        "左右",
        "力争",
        "其中",
        "分别",
        "、",
        "，",
        "。",
        "；",
        "：",
        "（",
        "）",
        "(",
        ")",
        "一、",
        "（一）",
        "1.",
        "（1）",
        "附件1",
        "\n",
        "\r\n",
        "　",
        " ",
        "第",
        "十二五",
        "“",
        "”",
        "《",
        "》",
        "二○一二",
        "十",
        "百",
        "千",
        "两",
        "H7",
        "工业总产值",
        "全省",
        "吉林市",
        "目标",
        "基础",
        "已",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn fuzz_decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(d) = extract::decode::decode(&bytes) {
            prop_assert!(!d.text.contains('\0'));
        }
    }

    #[test]
    fn fuzz_quantity_grammar(s in policy_text()) {
        let t = Text::new(s);
        let toks = scan(&t, &lexicon(), 0, t.char_len());
        for w in toks.windows(2) {
            prop_assert!(w[0].end <= w[1].start, "tokens overlap");
        }
        for tok in &toks {
            prop_assert!(tok.start < tok.end && tok.end <= t.char_len());
        }
    }

    #[test]
    fn fuzz_outline_and_statements(s in policy_text(), issue in 2000i32..2030) {
        let t = Text::new(s);
        let paragraphs = extract::outline::parse(&t);
        let toks: Vec<_> = paragraphs.iter().flat_map(|p| scan(&t, &lexicon(), p.start, p.end)).collect();
        let dates = DocDates { issue_year: Some(issue), period: Some((issue, issue + 4)), statistics_year: None };
        let (stmts, classes) = extract_statements(&t, &paragraphs, &toks, dates);
        prop_assert_eq!(classes.len(), toks.len());
        for st in &stmts {
            prop_assert!(st.quote_start <= st.quote_end && st.quote_end <= t.char_len());
            // The quote holds the value it reports (and, for 5个国家级中心, the noun after it).
            prop_assert!(st.quote_start <= st.token.start && st.token.end <= st.quote_end);
        }
    }
}
