//! Reading numerals: Arabic digits (with decimals and thousands separators) and Chinese
//! numerals (三十, 一百二十, 两, 二○一二 read digit by digit, 千 = 1000). Works on
//! normalised text, where full-width digits are already ASCII.

/// Chinese digit characters and their values (○ and 〇 are the zero used in years).
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' | 'О' | 'Ｏ' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn chinese_multiplier(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// The characters a Chinese numeral below 万 is written with (those `chinese_digit` and
/// `chinese_multiplier` read).
const NUMERAL_CHARS: [char; 18] =
    ['零', '〇', '○', 'О', 'Ｏ', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千'];

/// One bit per character of the Basic Multilingual Plane, set for `NUMERAL_CHARS`. The
/// quantity scanner asks about every character of a text; a bit test answers in one load,
/// where a match over these characters costs several hard-to-predict branches.
static IS_NUMERAL_CHAR: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let mut i = 0;
    while i < NUMERAL_CHARS.len() {
        let c = NUMERAL_CHARS[i] as usize;
        bits[c / 64] |= 1 << (c % 64);
        i += 1;
    }
    bits
};

/// Is `c` one of the characters a Chinese numeral below 万 is written with?
pub fn is_chinese_numeral_char(c: char) -> bool {
    let u = c as usize;
    u < 0x10000 && IS_NUMERAL_CHAR[u / 64] & (1 << (u % 64)) != 0
}

/// Parse a Chinese numeral below 10 000 (三十, 一百二十, 十五, 两千, 千) or a digit-by-digit
/// sequence (二○一二 → 2012). Returns None for strings that are not numerals.
pub fn parse_chinese(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    if chars.iter().all(|&c| chinese_digit(c).is_some()) {
        // 二○一二: positional digits.
        // Digit-by-digit reading is for years (二○一二) and zero-written codes, not 三四.
        let has_zero = chars.iter().any(|&c| chinese_digit(c) == Some(0));
        if chars.len() > 1 && (chars.contains(&'两') || !(has_zero || chars.len() == 4)) {
            return None;
        }
        let mut v: u64 = 0;
        for &c in &chars {
            v = v.checked_mul(10)?.checked_add(u64::from(chinese_digit(c)?))?;
        }
        return Some(v as f64);
    }
    let mut total: u64 = 0;
    let mut pending: Option<u64> = None;
    let mut last_mult = u64::MAX;
    for &c in &chars {
        if let Some(d) = chinese_digit(c) {
            if matches!(pending, Some(p) if p != 0) {
                return None; // 三四 is not a numeral here
            }
            pending = Some(u64::from(d));
        } else if let Some(m) = chinese_multiplier(c) {
            if m >= last_mult {
                return None; // 十百 is malformed
            }
            total += pending.take().unwrap_or(1) * m;
            last_mult = m;
        } else {
            return None;
        }
    }
    total += pending.unwrap_or(0);
    Some(total as f64)
}

/// Parse an Arabic numeral such as `13213.2`, `1,000` or `05`.
pub fn parse_arabic(s: &str) -> Option<f64> {
    // Thousands separators are rare: copy the digits without them only when there are some.
    let cleaned: std::borrow::Cow<str> =
        if s.contains(',') { s.chars().filter(|&c| c != ',').collect::<String>().into() } else { s.into() };
    if cleaned.is_empty() || !cleaned.chars().next()?.is_ascii_digit() {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Render a whole number below 10 000 as a Chinese numeral (used by property tests and
/// by synthetic corpora).
pub fn to_chinese(mut n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    assert!(n < 10_000);
    if n == 0 {
        return "零".into();
    }
    let mut out = String::new();
    let mut zero_gap = false;
    for (unit, ch) in [(1000, '千'), (100, '百'), (10, '十'), (1, ' ')] {
        let d = n / unit;
        n %= unit;
        if d == 0 {
            if !out.is_empty() {
                zero_gap = true;
            }
            continue;
        }
        if zero_gap {
            out.push('零');
            zero_gap = false;
        }
        if !(unit == 10 && d == 1 && out.is_empty()) {
            out.push(DIGITS[d as usize]);
        }
        if unit > 1 {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("三十", 30.0),
            ("十五", 15.0),
            ("一百二十", 120.0),
            ("两千", 2000.0),
            ("千", 1000.0),
            ("百", 100.0),
            ("二○一二", 2012.0),
            ("二〇一七", 2017.0),
            ("九", 9.0),
            ("一千零五", 1005.0),
        ] {
            assert_eq!(parse_chinese(s), Some(v), "{s}");
        }
        assert_eq!(parse_chinese("十百"), None);
        assert_eq!(parse_chinese("三四"), None);
        assert_eq!(parse_chinese("工业"), None);
    }

    #[test]
    fn numeral_chars_are_those_read() {
        for u in 0..0x11_0000 {
            if let Some(c) = char::from_u32(u) {
                let read = chinese_digit(c).is_some() || chinese_multiplier(c).is_some();
                assert_eq!(is_chinese_numeral_char(c), read, "{c}");
            }
        }
    }

    #[test]
    fn arabic_numerals() {
        assert_eq!(parse_arabic("13213.2"), Some(13213.2));
        assert_eq!(parse_arabic("1,000"), Some(1000.0));
        assert_eq!(parse_arabic(".5"), None);
        assert_eq!(parse_arabic(&"9".repeat(400)), None, "10^400 is not finite");
    }

    proptest! {
        #[test]
        fn chinese_round_trip(n in 0u32..10_000) {
            prop_assert_eq!(parse_chinese(&to_chinese(n)), Some(n as f64));
        }

        #[test]
        fn never_panics(s in "\\PC{0,20}") {
            let _ = (parse_arabic(&s), parse_chinese(&s));
        }
    }
}
