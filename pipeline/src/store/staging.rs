//! Folders written under a temporary name beside their destination and swapped into place
//! only when complete: the published dataset and each stage's output in the work folder.
//! A run that fails or is killed leaves the previous folder as it was; the next run clears
//! what a killed one left behind.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::PipelineError;

/// A folder being written for `dest`: `.<name>.tmp-<pid>` beside it. [`Staging::commit`]
/// swaps it into place; dropped uncommitted, it is removed and `dest` stays as it was.
pub struct Staging {
    pub tmp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

impl Staging {
    /// Start writing a replacement for `dest` (whose parent must exist), after cleaning up
    /// after killed runs. One writer per destination at a time is assumed.
    pub fn create(dest: &Path) -> Result<Staging, PipelineError> {
        let name = dest.file_name().and_then(|n| n.to_str()).unwrap_or("output");
        let parent = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        recover_interrupted(parent, dest)?;
        let tmp = dest.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        fs::create_dir_all(&tmp).map_err(|e| PipelineError::io(&tmp, e))?;
        Ok(Staging { tmp, dest: dest.to_path_buf(), committed: false })
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.tmp.join(file)
    }

    pub fn commit(mut self) -> Result<(), PipelineError> {
        swap_into_place(&self.tmp, &self.dest)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Move a finished folder into place: `out` is replaced only once `staging` is complete.
pub fn swap_into_place(staging: &Path, out: &Path) -> Result<(), PipelineError> {
    let old: PathBuf = out.with_file_name(format!(
        "{}.old-{}",
        out.file_name().and_then(|n| n.to_str()).unwrap_or("output"),
        std::process::id()
    ));
    if out.exists() {
        fs::rename(out, &old).map_err(|e| PipelineError::io(out, e))?;
    }
    if let Err(e) = fs::rename(staging, out) {
        // Put the previous output back before reporting.
        if old.exists() {
            let _ = fs::rename(&old, out);
        }
        return Err(PipelineError::io(out, e));
    }
    if old.exists() {
        fs::remove_dir_all(&old).map_err(|e| PipelineError::io(&old, e))?;
    }
    Ok(())
}

/// Clean up after a run that was killed: a half-written staging folder is removed, and an
/// output that was moved aside but not replaced (killed between the two renames) is put
/// back. One publisher per output folder at a time is assumed.
pub fn recover_interrupted(parent: &Path, out: &Path) -> Result<(), PipelineError> {
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("output");
    let (staging, moved) = (format!(".{name}.tmp-"), format!("{name}.old-"));
    let mut old: Vec<PathBuf> = Vec::new();
    for e in fs::read_dir(parent).map_err(|e| PipelineError::io(parent, e))? {
        let p = e.map_err(|e| PipelineError::io(parent, e))?.path();
        let file = p.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if file.starts_with(&staging) {
            fs::remove_dir_all(&p).map_err(|e| PipelineError::io(&p, e))?;
        } else if file.starts_with(&moved) {
            old.push(p);
        }
    }
    old.sort();
    if let Some(last) = old.pop() {
        if !out.exists() {
            fs::rename(&last, out).map_err(|e| PipelineError::io(&last, e))?;
        } else {
            fs::remove_dir_all(&last).map_err(|e| PipelineError::io(&last, e))?;
        }
    }
    for p in old {
        fs::remove_dir_all(&p).map_err(|e| PipelineError::io(&p, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncommitted_staging_leaves_previous_output_and_killed_runs_are_cleaned_up() {
        let dir = std::env::temp_dir().join(format!("stagedir-test-{}", std::process::id()));
        let dest = dir.join("normalize");
        fs::create_dir_all(&dest).unwrap();
        fs::write(dest.join("old"), "x").unwrap();
        {
            let s = Staging::create(&dest).unwrap();
            fs::write(s.path("new"), "y").unwrap();
        }
        assert!(dest.join("old").exists() && !dest.join("new").exists());
        // A folder a killed run left behind goes with the next run.
        fs::create_dir_all(dir.join(".normalize.tmp-999999999")).unwrap();
        let s = Staging::create(&dest).unwrap();
        fs::write(s.path("new"), "y").unwrap();
        s.commit().unwrap();
        assert!(!dest.join("old").exists() && dest.join("new").exists());
        assert!(!dir.join(".normalize.tmp-999999999").exists());
        // Killed between the two renames of a commit: the moved-aside folder comes back.
        fs::rename(&dest, dir.join("normalize.old-999999999")).unwrap();
        drop(Staging::create(&dest).unwrap());
        assert!(dest.join("new").exists() && !dir.join("normalize.old-999999999").exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
