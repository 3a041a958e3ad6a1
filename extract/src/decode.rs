//! Decoding source bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM,
//! GB18030/GBK (which mainland government sites still serve) and Big5 (traditional
//! script), told apart by which reading gives common characters. Binary files are refused.

use encoding_rs::{BIG5, GB18030, UTF_16BE, UTF_16LE};

/// Frequent characters of policy texts in simplified and traditional script. Bytes that
/// decode without error as both GB18030 and Big5 are read in the script where more of
/// the text is made of these.
const FREQUENT: &str = "的一是在不了有和人中大为上个国我以要时来用们生到作地于出就分对成会可主发年动同工也能下过子产种面而方后多定行法所民得经十三之进等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又利比或但质第向道此变条只结解问意建月公无系很情者最立代想已通并提直题程展五果料员位入常文总次品式活设及管特件长求基资边流路级少统接知较将组见计别期根论运指九区强放决被做必先回则任取据处给光即保治北造百规七海口东导器世金增济油思术极交受联认六共权收证改清美再采转更单风打白教速带安场身车例真务具万每目至达走积示议报完类八离华名确才科张信马节话整空元今集传土许步群广石记需段研界林律且观越织装影算低持音众布复容际商非验连断深难近矿千委素技备半办青省列约支般感便团往市何除消构府称太准精值号率族维划选标存候快效院查江型王按格养易置层片始专状育厂京识适属包住调满县局照参细引该铁价严龙飞這為個們時來對會發動過產種後實體機當從業應開還關義間樣與數點現統總設長資邊級圖將組計別區強決處給進規導濟術極聯認權證轉單場車務萬積議報類離華確張馬話整傳許廣記觀織裝質環境經費銷創協調護險儲運輸";

fn frequent_share(s: &str) -> usize {
    s.chars().filter(|c| FREQUENT.contains(*c)).count()
}

/// The decoded text and the encoding it was read as.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// Text with any byte-order mark removed. Line endings are kept as stored, so
    /// offsets agree with any reader that decodes the same bytes.
    pub text: String,
    pub encoding: &'static str,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DecodeError {
    #[error("the file is empty: add the document's text or remove the file")]
    Empty,
    #[error("the file looks binary (NUL byte at byte {offset}); a source must be plain text — convert PDFs or images to text first")]
    Binary { offset: usize },
    #[error("the file is neither valid UTF-8 nor GB18030 (first bad byte at {offset}); re-save it as UTF-8")]
    UnknownEncoding { offset: usize },
    #[error("the file has no readable text (only punctuation or whitespace)")]
    NoText,
}

/// Decode a source file's bytes. Order of trial: BOMs, strict UTF-8, then GB18030 (a
/// superset of GBK and GB2312) without replacement characters.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (strict_utf8(rest)?, "UTF-8 (BOM)")
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF { UTF_16LE } else { UTF_16BE };
        let (cow, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        if had_errors {
            return Err(DecodeError::UnknownEncoding { offset: 2 });
        }
        (cow.into_owned(), enc.name())
    } else {
        if let Some(offset) = memchr::memchr(0, bytes) {
            return Err(DecodeError::Binary { offset });
        }
        match simdutf8::compat::from_utf8(bytes) {
            Ok(s) => (s.to_owned(), "UTF-8"),
            Err(e) => {
                let (gb, gb_errors) = GB18030.decode_without_bom_handling(bytes);
                let (big5, big5_errors) = BIG5.decode_without_bom_handling(bytes);
                match (gb_errors, big5_errors) {
                    (true, true) => return Err(DecodeError::UnknownEncoding { offset: e.valid_up_to() }),
                    (false, false) if frequent_share(&big5) > frequent_share(&gb) => (big5.into_owned(), "Big5"),
                    (false, _) => (gb.into_owned(), "GB18030"),
                    (true, false) => (big5.into_owned(), "Big5"),
                }
            }
        }
    };
    if let Some(offset) = text.find('\0') {
        return Err(DecodeError::Binary { offset });
    }
    if !text.chars().any(|c| c.is_alphanumeric()) {
        return Err(DecodeError::NoText);
    }
    Ok(Decoded { text, encoding })
}

fn strict_utf8(bytes: &[u8]) -> Result<String, DecodeError> {
    simdutf8::compat::from_utf8(bytes)
        .map(str::to_owned)
        .map_err(|e| DecodeError::UnknownEncoding { offset: e.valid_up_to() + 3 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("到2017年".as_bytes()).unwrap().encoding, "UTF-8");
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice("到2017年".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!(d.text, "到2017年");
        assert_eq!(d.encoding, "UTF-8 (BOM)");
    }

    #[test]
    fn gb18030_round_trip() {
        let (bytes, _, _) = GB18030.encode("吉林省工业转型升级行动计划（2017－2020年）");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "吉林省工业转型升级行动计划（2017－2020年）");
        assert_eq!(d.encoding, "GB18030");
    }

    #[test]
    fn big5_traditional_text() {
        let text = "吉林省工業轉型升級行動計劃，到2020年全省規模以上工業總產值達到3000億元。";
        let (bytes, _, _) = BIG5.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "Big5"));
        // The same sentence in simplified script stays GB18030.
        let (bytes, _, _) = GB18030.encode("吉林省工业转型升级行动计划，到2020年全省规模以上工业总产值达到3000亿元。");
        assert_eq!(decode(&bytes).unwrap().encoding, "GB18030");
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "年均增长11％".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b).unwrap().text, "年均增长11％");
    }

    #[test]
    fn refuses_binary_empty_and_punctuation() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"%PDF-1.4\0\x01"), Err(DecodeError::Binary { offset: 8 }));
        assert_eq!(decode("。，、；".as_bytes()), Err(DecodeError::NoText));
    }

    #[test]
    fn truncated_utf8_that_is_not_gb18030() {
        // A lone continuation byte is neither UTF-8 nor GB18030.
        let mut b = "工业".as_bytes().to_vec();
        b.push(0xFF);
        assert!(matches!(decode(&b), Err(DecodeError::UnknownEncoding { .. })));
    }
}
