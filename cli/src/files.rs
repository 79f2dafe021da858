//! Key files written safely: through a new file beside the target, created with its final mode
//! (0600 for a private key, so that it is never readable by others, not even for an instant),
//! written and synced, then moved into place in one step. Without `--force` the move is a hard
//! link, which fails if the target exists, however late it appeared: there is no window between
//! a check and the write.

use std::fs::{self, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// Whether a file may replace one that is there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Existing {
    /// Fail with `AlreadyExists`, leaving it as it was.
    Keep,
    /// Replace it in one step.
    Replace,
}

/// Who may read the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Readers {
    /// Its owner only (mode 0600): a private key.
    Owner,
    /// Anyone the umask allows: a public key.
    Anyone,
}

/// Writes `contents` to `path` in one step; see the module's documentation.
pub(crate) fn write_file(
    path: &Path,
    contents: &[u8],
    readers: Readers,
    existing: Existing,
) -> io::Result<()> {
    let (temporary, mut file) = create_beside(path, readers)?;
    let written = file
        .write_all(contents)
        .and_then(|()| file.sync_all())
        .and_then(|()| match existing {
            Existing::Replace => fs::rename(&temporary, path),
            Existing::Keep => fs::hard_link(&temporary, path),
        });
    // After a rename there is nothing left to remove; after a link, or a failure, the
    // temporary name goes.
    if existing == Existing::Keep || written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// A new file with a name of its own in `path`'s folder, created with the final mode.
fn create_beside(path: &Path, readers: Readers) -> io::Result<(PathBuf, fs::File)> {
    let folder = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "key".into(), |name| name.to_string_lossy());
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(match readers {
            Readers::Owner => 0o600,
            Readers::Anyone => 0o644,
        });
    }
    #[cfg(not(unix))]
    let _ = readers;
    let mut attempt = 0u32;
    loop {
        let temporary = folder.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        match options.open(&temporary) {
            Ok(file) => return Ok((temporary, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("lwicontext-files-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn keep_never_overwrites_and_leaves_no_temporary_file() {
        let dir = scratch("keep");
        let path = dir.join("private.pem");
        write_file(&path, b"first", Readers::Owner, Existing::Keep).unwrap();
        let error = write_file(&path, b"second", Readers::Owner, Existing::Keep).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"first");
        write_file(&path, b"third", Readers::Owner, Existing::Replace).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"third");
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["private.pem"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_private_file_is_0600_even_where_a_wider_one_was() {
        use std::os::unix::fs::PermissionsExt as _;

        let dir = scratch("mode");
        let path = dir.join("private.pem");
        fs::write(&path, b"old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        write_file(&path, b"new", Readers::Owner, Existing::Replace).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
