//! Reading and writing the user's files: size-limited reads, and writes that never leave
//! half a file behind.

use std::io::{Read, Write};
use std::path::Path;

use journey_core::interchange::Limits;

use crate::AppError;

/// Reads a file (or stdin for "-"), refusing one larger than the import limit before
/// reading it.
pub fn read_input(path: &Path) -> Result<Vec<u8>, AppError> {
    let max = Limits::default().max_bytes;
    let io = |e: std::io::Error| AppError::Io(format!("{}: cannot read ({e})", path.display()));
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .take(max as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    } else {
        let file = std::fs::File::open(path).map_err(io)?;
        if file.metadata().map_err(io)?.is_dir() {
            return Err(AppError::Io(format!(
                "{}: is a folder, not a file",
                path.display()
            )));
        }
        file.take(max as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    }
    if bytes.len() > max {
        return Err(AppError::Invalid(format!(
            "{}: the file is larger than {} MiB, the most an import reads",
            path.display(),
            max / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

/// Writes `text` to `path` through a temporary file in the same folder, so a failure never
/// leaves half a file behind.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), AppError> {
    let io = |e: std::io::Error| AppError::Io(format!("{}: cannot write ({e})", path.display()));
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| AppError::Io(format!("{}: not a file name", path.display())))?;
    let tmp = dir.join(format!(".{}.partial", name.to_string_lossy()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}
