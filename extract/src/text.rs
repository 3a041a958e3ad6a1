//! The text of one document in two aligned forms: the original (as decoded) and a
//! normalised copy for matching, where full-width ASCII (２０１７, ％, （）, ．) becomes
//! half-width and ideographic spaces become spaces. Folding is strictly one character for
//! one character, so a character offset means the same place in both forms.

/// Fold one character. Never changes the number of characters.
#[inline]
/// Is `c` a CJK unified ideograph (the basic block and extension A)?
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

pub fn fold_char(c: char) -> char {
    let u = c as usize;
    // Nearly every char folds to itself: one bitmap load says so (ASCII never folds).
    if u < 0x10000 && MAY_FOLD[u / 64] & (1 << (u % 64)) == 0 {
        return c;
    }
    fold_rare(c)
}

/// `fold_char` for the chars the bitmap cannot rule out.
fn fold_rare(c: char) -> char {
    match c {
        // Full-width ASCII block (！ … ～) maps onto ASCII by a fixed offset.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' => ' ',
        // Dashes used in ranges (20—30个, 2017－2020年) fold to one hyphen.
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
        '\u{2236}' => ':', // ∶ ratio colon
        _ => traditional_to_simplified(c),
    }
}

/// The traditional forms of the characters the grammar keys on (units 萬/億/噸/輛, verbs
/// 達到/增長, nouns 產業/總產值/規模…), folded to simplified so Big5 texts read the same.
/// One character for one character, like every fold here. Sorted by the traditional form.
const TRADITIONAL: [(char, char); 163] = [
    ('並', '并'),
    ('來', '来'),
    ('個', '个'),
    ('們', '们'),
    ('傳', '传'),
    ('價', '价'),
    ('儀', '仪'),
    ('億', '亿'),
    ('優', '优'),
    ('儲', '储'),
    ('內', '内'),
    ('兩', '两'),
    ('則', '则'),
    ('創', '创'),
    ('劃', '划'),
    ('動', '动'),
    ('務', '务'),
    ('勢', '势'),
    ('區', '区'),
    ('協', '协'),
    ('吳', '吴'),
    ('單', '单'),
    ('噸', '吨'),
    ('國', '国'),
    ('圍', '围'),
    ('園', '园'),
    ('團', '团'),
    ('壯', '壮'),
    ('學', '学'),
    ('實', '实'),
    ('審', '审'),
    ('寬', '宽'),
    ('將', '将'),
    ('專', '专'),
    ('對', '对'),
    ('導', '导'),
    ('層', '层'),
    ('幣', '币'),
    ('庫', '库'),
    ('廠', '厂'),
    ('廣', '广'),
    ('張', '张'),
    ('從', '从'),
    ('態', '态'),
    ('應', '应'),
    ('戶', '户'),
    ('據', '据'),
    ('擴', '扩'),
    ('數', '数'),
    ('時', '时'),
    ('書', '书'),
    ('會', '会'),
    ('東', '东'),
    ('業', '业'),
    ('構', '构'),
    ('標', '标'),
    ('樣', '样'),
    ('機', '机'),
    ('檢', '检'),
    ('權', '权'),
    ('歲', '岁'),
    ('歷', '历'),
    ('氣', '气'),
    ('減', '减'),
    ('測', '测'),
    ('準', '准'),
    ('濟', '济'),
    ('濱', '滨'),
    ('為', '为'),
    ('煉', '炼'),
    ('熱', '热'),
    ('營', '营'),
    ('爭', '争'),
    ('現', '现'),
    ('環', '环'),
    ('產', '产'),
    ('當', '当'),
    ('療', '疗'),
    ('發', '发'),
    ('盡', '尽'),
    ('礦', '矿'),
    ('種', '种'),
    ('積', '积'),
    ('競', '竞'),
    ('節', '节'),
    ('範', '范'),
    ('紀', '纪'),
    ('約', '约'),
    ('級', '级'),
    ('紡', '纺'),
    ('結', '结'),
    ('絡', '络'),
    ('統', '统'),
    ('經', '经'),
    ('網', '网'),
    ('線', '线'),
    ('縣', '县'),
    ('總', '总'),
    ('織', '织'),
    ('續', '续'),
    ('聯', '联'),
    ('聽', '听'),
    ('與', '与'),
    ('華', '华'),
    ('萬', '万'),
    ('藥', '药'),
    ('處', '处'),
    ('號', '号'),
    ('術', '术'),
    ('規', '规'),
    ('視', '视'),
    ('計', '计'),
    ('訊', '讯'),
    ('設', '设'),
    ('調', '调'),
    ('證', '证'),
    ('護', '护'),
    ('變', '变'),
    ('負', '负'),
    ('貨', '货'),
    ('責', '责'),
    ('費', '费'),
    ('貿', '贸'),
    ('資', '资'),
    ('質', '质'),
    ('車', '车'),
    ('較', '较'),
    ('輕', '轻'),
    ('輛', '辆'),
    ('輸', '输'),
    ('辦', '办'),
    ('農', '农'),
    ('這', '这'),
    ('進', '进'),
    ('運', '运'),
    ('達', '达'),
    ('遠', '远'),
    ('邊', '边'),
    ('醫', '医'),
    ('銷', '销'),
    ('鋁', '铝'),
    ('鋼', '钢'),
    ('錄', '录'),
    ('鐵', '铁'),
    ('長', '长'),
    ('開', '开'),
    ('關', '关'),
    ('陳', '陈'),
    ('隊', '队'),
    ('階', '阶'),
    ('際', '际'),
    ('險', '险'),
    ('雜', '杂'),
    ('難', '难'),
    ('電', '电'),
    ('項', '项'),
    ('頭', '头'),
    ('額', '额'),
    ('驗', '验'),
    ('體', '体'),
    ('點', '点'),
    ('齊', '齐'),
    ('龍', '龙'),
];

/// One bit per character of the Basic Multilingual Plane, set for every char that
/// `fold_rare` may change (the ranges it matches and the traditional forms). Nearly every
/// char of a text is not one of them, and this answers that with one load; the match costs
/// several hard-to-predict branches per char, which made folding the slowest part of
/// reading a text. A test checks the bitmap against `fold_rare` for every char of the plane.
static MAY_FOLD: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let ranges: [(u32, u32); 8] = [
        (0xFF01, 0xFF5E),
        (0x3000, 0x3000),
        (0x00A0, 0x00A0),
        (0x2002, 0x200A),
        (0x2010, 0x2015),
        (0x2212, 0x2212),
        (0xFE63, 0xFE63),
        (0x2236, 0x2236),
    ];
    let mut r = 0;
    while r < ranges.len() {
        let mut c = ranges[r].0 as usize;
        while c <= ranges[r].1 as usize {
            bits[c / 64] |= 1 << (c % 64);
            c += 1;
        }
        r += 1;
    }
    let mut i = 0;
    while i < TRADITIONAL.len() {
        let c = TRADITIONAL[i].0 as usize;
        bits[c / 64] |= 1 << (c % 64);
        i += 1;
    }
    bits
};

fn traditional_to_simplified(c: char) -> char {
    match TRADITIONAL.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => TRADITIONAL[i].1,
        Err(_) => c,
    }
}

/// A decoded document with its normalised twin and index tables between bytes and chars.
///
/// The tables hold `u32` offsets, so a text is at most 4 GiB: half the memory of `usize`
/// tables, and filling fresh memory was most of the cost of building a `Text`.
#[derive(Debug, Clone)]
pub struct Text {
    original: String,
    norm: String,
    /// Byte offset in `norm` of each char, plus one entry for the end.
    norm_char_bytes: Vec<u32>,
    /// Byte offset in `original` of each char, plus one entry for the end.
    orig_char_bytes: Vec<u32>,
    /// The chars of `norm`, decoded once: the readers that walk a text char by char (the
    /// quantity scan, the sentence and clause splits, the gazetteers) index this instead of
    /// each decoding the UTF-8 again.
    norm_chars: Vec<char>,
}

impl Text {
    pub fn new(original: String) -> Text {
        // Folding never makes a char longer in UTF-8, so `norm` is no longer than `original`.
        assert!(u32::try_from(original.len()).is_ok(), "a text of more than 4 GiB");
        // One pass over the characters builds the folded copy and both offset tables. The
        // tables are sized so they never reallocate: for the worst case (one char per byte),
        // which for Chinese text reserves three times what is used, but pages never written
        // are never backed by memory and it saves a counting pass over the text. Past 64 MiB
        // the reservation would crowd the address space, so the chars are counted first.
        let chars = if original.len() <= 1 << 26 { original.len() } else { original.chars().count() };
        let mut norm = String::with_capacity(original.len());
        let mut norm_char_bytes = Vec::with_capacity(chars + 1);
        let mut orig_char_bytes = Vec::with_capacity(chars + 1);
        let mut norm_chars = Vec::with_capacity(chars);
        // Stretches that fold to themselves (nearly all of a text) are copied whole when the
        // next folded char, or the end, is reached; `copied_to` is where the copy stands.
        let mut copied_to = 0;
        for (b, c) in original.char_indices() {
            orig_char_bytes.push(b as u32);
            norm_char_bytes.push((norm.len() + b - copied_to) as u32);
            let folded = fold_char(c);
            norm_chars.push(folded);
            if folded != c {
                norm.push_str(&original[copied_to..b]);
                norm.push(folded);
                copied_to = b + c.len_utf8();
            }
        }
        norm.push_str(&original[copied_to..]);
        orig_char_bytes.push(original.len() as u32);
        norm_char_bytes.push(norm.len() as u32);
        Text { norm_char_bytes, orig_char_bytes, norm_chars, original, norm }
    }

    /// The text as decoded, giving up the folded copy and the tables.
    pub fn into_original(self) -> String {
        self.original
    }

    pub fn norm_str(&self) -> &str {
        &self.norm
    }

    /// The chars of the normalised text between two char offsets (clamped to the end).
    #[inline]
    pub fn norm_chars(&self, start: usize, end: usize) -> &[char] {
        let n = self.norm_chars.len();
        &self.norm_chars[start.min(n)..end.max(start).min(n)]
    }

    /// Number of characters (Unicode scalar values).
    #[inline]
    pub fn char_len(&self) -> usize {
        self.norm_char_bytes.len() - 1
    }

    /// The char offset of a byte offset in the normalised text (must be a char boundary).
    pub fn char_at_norm_byte(&self, byte: usize) -> usize {
        let Ok(byte) = u32::try_from(byte) else {
            return self.char_len() + 1; // past any text, like a binary search's insertion point
        };
        match self.norm_char_bytes.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i, // not a boundary: the next char
        }
    }

    #[inline]
    pub fn norm_byte(&self, ch: usize) -> usize {
        self.norm_char_bytes[ch.min(self.char_len())] as usize
    }

    /// The normalised text between two char offsets.
    #[inline]
    pub fn norm_slice(&self, start: usize, end: usize) -> &str {
        &self.norm[self.norm_byte(start)..self.norm_byte(end.max(start))]
    }

    /// The original text between two char offsets: what quotes are made of.
    pub fn original_slice(&self, start: usize, end: usize) -> &str {
        slice_by_chars(&self.original, &self.orig_char_bytes, start, end)
    }
}

/// The byte offset of each char of `s`, plus one entry for the end: the table that
/// `slice_by_chars` reads.
pub fn char_byte_offsets(s: &str) -> Vec<u32> {
    assert!(u32::try_from(s.len()).is_ok(), "a text of more than 4 GiB");
    let mut offsets: Vec<u32> = s.char_indices().map(|(b, _)| b as u32).collect();
    offsets.push(s.len() as u32);
    offsets
}

/// `s` between two char offsets, given its table of char byte offsets. Offsets past the end
/// are clamped to it, and an end before the start gives an empty string.
pub fn slice_by_chars<'a>(s: &'a str, char_bytes: &[u32], start: usize, end: usize) -> &'a str {
    let n = char_bytes.len() - 1;
    let (a, e) = (start.min(n), end.max(start).min(n));
    &s[char_bytes[a] as usize..char_bytes[e] as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_fold_bitmap_covers_every_char_that_folds() {
        for u in 0..0x10000u32 {
            if let Some(c) = char::from_u32(u) {
                let set = MAY_FOLD[u as usize / 64] & (1 << (u % 64)) != 0;
                assert!(set || fold_rare(c) == c, "U+{u:04X} folds but is not in MAY_FOLD");
            }
        }
    }

    #[test]
    fn folds_full_width() {
        let t = Text::new("到２０１７年达到５０００亿元，增长１１％（一）　".to_string());
        assert_eq!(t.norm_str(), "到2017年达到5000亿元,增长11%(一) ");
        assert_eq!(t.original_slice(8, 12), "５０００");
        assert_eq!(t.norm_slice(8, 12), "5000");
    }

    #[test]
    fn traditional_table_is_sorted() {
        assert!(TRADITIONAL.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(fold_char('產'), '产');
        assert_eq!(fold_char('产'), '产');
    }

    #[test]
    fn folds_range_dashes() {
        assert_eq!(Text::new("20—30个".into()).norm_str(), "20-30个");
        assert_eq!(Text::new("2017－2020年".into()).norm_str(), "2017-2020年");
    }

    proptest! {
        /// The text, its folded copy and both offset tables are what folding char by char
        /// gives, on strings mixing plain, full-width, traditional and multi-byte chars.
        #[test]
        fn copying_stretches_equals_folding_each_char(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["吉林", "２０１７", "％", "，", "達到", "　", "a", "é", "\u{A0}", "—", "𠀀", "。"]),
                0..40,
            )
        ) {
            let s = parts.concat();
            let t = Text::new(s.clone());
            let folded: String = s.chars().map(fold_char).collect();
            prop_assert_eq!(t.norm_str(), folded.as_str());
            let mut norm_at = 0;
            for (i, (c, f)) in s.chars().zip(folded.chars()).enumerate() {
                prop_assert_eq!(t.norm_byte(i), norm_at);
                prop_assert_eq!(t.original_slice(i, i + 1), c.to_string());
                norm_at += f.len_utf8();
            }
            prop_assert_eq!(t.norm_byte(t.char_len()), folded.len());
        }

        #[test]
        fn folding_keeps_char_count(s in "\\PC{0,64}") {
            let t = Text::new(s.clone());
            prop_assert_eq!(t.char_len(), s.chars().count());
            prop_assert_eq!(t.norm_str().chars().count(), s.chars().count());
            prop_assert_eq!(t.original_slice(0, t.char_len()), s.as_str());
        }
    }
}
