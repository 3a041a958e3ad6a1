//! The extract stage's per-document files in the work folder, which extract writes and
//! normalize reads one document at a time, so each stage can be rerun alone.
//!
//! They are MessagePack (<https://msgpack.org>): strings are stored as they are instead of
//! escaped, floats as their exact 8 bytes, and records as arrays in field order, so field
//! names are not repeated in every record. Any msgpack library can still inspect them
//! (`python3 -c "import msgpack,sys; print(msgpack.unpack(open(sys.argv[1],'rb')))" FILE`).
//! Writing JSON was 6–7 % of the extract stage's time; MessagePack is about 1 %.
//!
//! Because arrays carry no field names, each file starts with `FORMAT`, and a file written
//! with another one is refused ("rerun `extract`") instead of being misread.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::Path;

use crate::error::PipelineError;

/// The extension of the extract stage's files.
pub const EXTENSION: &str = "msgpack";

/// The layout of the files: change it whenever a record type gains, loses or reorders a
/// field.
pub const FORMAT: u32 = 2;

/// Write a stage's output.
pub fn save<T: Serialize>(path: &Path, value: &T) -> Result<(), PipelineError> {
    let file = std::fs::File::create(path).map_err(|e| PipelineError::io(path, e))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    rmp_serde::encode::write(&mut out, &(FORMAT, value)).map_err(|e| PipelineError::io(path, e))?;
    std::io::Write::flush(&mut out).map_err(|e| PipelineError::io(path, e))
}

/// Read the output of stage `previous` for stage `stage`, with an error that says which
/// stage to run when it is missing, unreadable or written in another format.
pub fn load<T: DeserializeOwned>(path: &Path, stage: &'static str, previous: &'static str) -> Result<T, PipelineError> {
    if !path.exists() {
        return Err(PipelineError::MissingStage { stage, previous, path: path.to_path_buf() });
    }
    let bytes = std::fs::read(path).map_err(|e| PipelineError::io(path, e))?;
    let unreadable = |why: String| PipelineError::io(path, format!("{why}: rerun `{previous}`"));
    let mut de = rmp_serde::Deserializer::from_read_ref(&bytes);
    let (format, value): (u32, T) = serde::Deserialize::deserialize(&mut de).map_err(|e| {
        unreadable(format!("not a `{previous}` file of this version of the pipeline (format {FORMAT}): {e}"))
    })?;
    if format != FORMAT {
        return Err(unreadable(format!("written in format {format}, this version reads format {FORMAT}")));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_other_formats() {
        let dir = std::env::temp_dir().join(format!("workfile-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("doc.msgpack");
        save(&path, &("吉林", 5000.5_f64, vec![1u32, 2])).unwrap();
        let back: (String, f64, Vec<u32>) = load(&path, "normalize", "extract").unwrap();
        assert_eq!(back, ("吉林".to_string(), 5000.5, vec![1, 2]));

        std::fs::write(&path, rmp_serde::to_vec(&(FORMAT + 1, ("吉林", 1.0_f64, vec![1u32]))).unwrap()).unwrap();
        let err = load::<(String, f64, Vec<u32>)>(&path, "normalize", "extract").unwrap_err().to_string();
        assert!(
            err.contains("doc.msgpack")
                && err.contains(&format!("format {}", FORMAT + 1))
                && err.contains("rerun `extract`"),
            "{err}"
        );

        std::fs::write(&path, b"{\"rel\": \"a JSON file of an older version\"}").unwrap();
        let err = load::<(String, f64, Vec<u32>)>(&path, "normalize", "extract").unwrap_err().to_string();
        assert!(err.contains("rerun `extract`"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
