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

/// Writes `text` to `path` through a temporary file in the same folder, synced and then
/// renamed over the target (`tempfile`'s persist), so a failure never leaves half a file
/// behind and an existing file stays as it was until the new one is whole.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), AppError> {
    write_bytes_atomically(path, text.as_bytes())
}

/// [`write_atomically`] for bytes (a PNG, a PDF).
pub fn write_bytes_atomically(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let io = |e: std::io::Error| AppError::Io(format!("{}: cannot write ({e})", path.display()));
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if path.file_name().is_none() {
        return Err(AppError::Io(format!("{}: not a file name", path.display())));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".journeymap-")
        .suffix(".partial")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}
