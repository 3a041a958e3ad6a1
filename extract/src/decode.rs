//! Decoding source bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, and
//! GB18030/GBK, which Chinese government sites still serve. Binary files are refused.

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

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
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            return Err(DecodeError::Binary { offset });
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_owned(), "UTF-8"),
            Err(e) => {
                let (cow, had_errors) = GB18030.decode_without_bom_handling(bytes);
                if had_errors {
                    return Err(DecodeError::UnknownEncoding { offset: e.valid_up_to() });
                }
                (cow.into_owned(), "GB18030")
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
    std::str::from_utf8(bytes)
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
