//! Row files: the tables the later stages pass on, as JSON Lines (one record per line),
//! written and read one record at a time so that no stage holds a whole table in memory.
//! A stage writes its row files into a [`crate::store::staging::Staging`] folder, so a reader
//! never sees a half-written stage output.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::PipelineError;

/// Appends records to a JSON Lines file.
pub struct RowWriter {
    path: PathBuf,
    out: BufWriter<File>,
}

impl RowWriter {
    pub fn create(path: &Path) -> Result<RowWriter, PipelineError> {
        let file = File::create(path).map_err(|e| PipelineError::io(path, e))?;
        Ok(RowWriter { path: path.to_path_buf(), out: BufWriter::with_capacity(1 << 20, file) })
    }

    pub fn write<T: Serialize>(&mut self, record: &T) -> Result<(), PipelineError> {
        serde_json::to_writer(&mut self.out, record).map_err(|e| PipelineError::io(&self.path, e))?;
        self.out.write_all(b"\n").map_err(|e| PipelineError::io(&self.path, e))
    }

    /// Append records encoded by [`encode`].
    pub fn append(&mut self, bytes: &[u8]) -> Result<(), PipelineError> {
        self.out.write_all(bytes).map_err(|e| PipelineError::io(&self.path, e))
    }

    /// Flush to disk.
    pub fn finish(mut self) -> Result<(), PipelineError> {
        self.out.flush().map_err(|e| PipelineError::io(&self.path, e))
    }
}

/// Records encoded as JSON Lines, for [`RowWriter::append`] (so that encoding can run in
/// parallel and only the appending is serial). `origin` names the input in errors.
pub fn encode<T: Serialize>(records: &[T], origin: &Path) -> Result<Vec<u8>, PipelineError> {
    let mut bytes = Vec::new();
    for r in records {
        serde_json::to_writer(&mut bytes, r).map_err(|e| PipelineError::io(origin, e))?;
        bytes.push(b'\n');
    }
    Ok(bytes)
}

/// The records of a JSON Lines file, one at a time. A missing file has no records (a
/// table no document produced rows for); an unreadable line is an error naming file and
/// line, telling which stage to rerun.
pub fn read<T: DeserializeOwned>(
    path: &Path,
    rerun: &'static str,
) -> Result<impl Iterator<Item = Result<T, PipelineError>>, PipelineError> {
    read_with(path, rerun, |line, _| serde_json::from_str(line).map_err(|e| e.to_string()))
}

/// The lines of a JSON Lines file, each read by `parse` (given the line and its index from
/// 0), with [`read`]'s errors.
pub fn read_with<T>(
    path: &Path,
    rerun: &'static str,
    mut parse: impl FnMut(&str, usize) -> Result<T, String>,
) -> Result<impl Iterator<Item = Result<T, PipelineError>>, PipelineError> {
    let lines = match File::open(path) {
        Ok(f) => Some(BufReader::with_capacity(1 << 20, f).lines()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(PipelineError::io(path, e)),
    };
    let path = path.to_path_buf();
    Ok(lines.into_iter().flatten().enumerate().map(move |(i, line)| {
        let line = line.map_err(|e| PipelineError::io(&path, e))?;
        parse(&line, i).map_err(|e| PipelineError::io(&path, format!("line {}: {e}: rerun `{rerun}`", i + 1)))
    }))
}

/// The number of records in a JSON Lines file (0 when it is missing), read in blocks.
pub fn count(path: &Path) -> Result<usize, PipelineError> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(PipelineError::io(path, e)),
    };
    let (mut buf, mut n) = (vec![0u8; 1 << 20], 0);
    loop {
        let got = std::io::Read::read(&mut file, &mut buf).map_err(|e| PipelineError::io(path, e))?;
        if got == 0 {
            return Ok(n);
        }
        n += buf[..got].iter().filter(|&&b| b == b'\n').count();
    }
}

/// A token that names one run of a stage, so the next stage can tell whether its own
/// input is still current (validate ran on this normalize output, not an older one).
pub fn new_run_id() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    format!("{nanos:x}-{}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};
    use std::fs;

    #[test]
    fn round_trip_and_errors_name_the_line() {
        let dir = std::env::temp_dir().join(format!("rowfile-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.jsonl");
        let mut w = RowWriter::create(&path).unwrap();
        w.write(&json!({"a": 1})).unwrap();
        w.write(&json!({"a": "二"})).unwrap();
        w.finish().unwrap();
        let rows: Vec<Value> = read(&path, "x").unwrap().collect::<Result<_, _>>().unwrap();
        assert_eq!(rows, vec![json!({"a": 1}), json!({"a": "二"})]);
        assert_eq!(count(&path).unwrap(), 2);
        // A missing file has no rows; a broken line names its number.
        assert_eq!(read::<Value>(&dir.join("none.jsonl"), "x").unwrap().count(), 0);
        fs::write(&path, "{\"a\":1}\n{broken\n").unwrap();
        let err = read::<Value>(&path, "normalize").unwrap().nth(1).unwrap().unwrap_err().to_string();
        assert!(err.contains("line 2") && err.contains("rerun `normalize`"), "{err}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
