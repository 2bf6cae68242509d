//! Where handed-in files (documents, proofs) live: one interface over the storage, a local folder
//! by default.
//!
//! A file is stored under the SHA-256 of its content: the same file handed in twice is kept once,
//! a stored file never changes, and no name a user chose ever becomes a path. Its type is judged
//! from its content while it streams in, and it is only ever read back through the API, which
//! checks who asks; nothing serves the storage directly.

use std::io;
use std::path::PathBuf;
use std::pin::pin;

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use mitra_domain::files::FileType;
use sha2::{Digest, Sha256};
use tempfile::{NamedTempFile, TempPath};
use tokio::fs::File;
use tokio::io::{AsyncRead, AsyncWriteExt};

/// A file kept in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// The SHA-256 of the content in 64 lower-case hex digits: the file's address.
    pub sha256: String,
    pub size: i64,
    pub file_type: FileType,
}

/// Why a file was refused; each is the sender's to fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FileRefusal {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {max_size} bytes")]
    TooLarge { max_size: u64 },
    /// `found` is the content's type when it is one Mitra knows but the caller does not allow.
    #[error("the file's content is not of an allowed type")]
    TypeNotAllowed { found: Option<FileType> },
    #[error("the {0} file is incomplete")]
    Truncated(FileType),
}

/// Why a file was not stored. `E` is the error of the caller's stream of chunks.
#[derive(Debug, thiserror::Error)]
pub enum PutError<E> {
    #[error("file refused: {0}")]
    Refused(#[from] FileRefusal),
    /// The stream of chunks failed: the sender went away or sent a malformed body.
    #[error("the upload could not be read: {0}")]
    Read(#[source] E),
    #[error("the file store failed: {0}")]
    Io(#[from] io::Error),
}

/// Why a stored file could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Not 64 lower-case hex digits: refused before it comes near a path.
    #[error("not a SHA-256 hex digest")]
    InvalidHash,
    #[error("no stored file has that hash")]
    NotFound,
    #[error("the file store failed: {0}")]
    Io(io::Error),
}

/// The store the server keeps files in, chosen once at start.
///
/// A struct over a private enum of backends rather than a trait: `put` is generic over the
/// caller's stream of chunks, which a trait object cannot offer, and the price of a trait would be
/// a generic app state or a boxed stream per upload. Each backend (this local folder, and
/// S3-compatible object storage for production) is one variant that callers never see.
#[derive(Debug, Clone)]
pub struct FileStore {
    backend: Backend,
}

#[derive(Debug, Clone)]
enum Backend {
    Local(LocalFolder),
}

impl FileStore {
    /// A store in the folder `root`, created if missing, holding `sha256/` (the files) and `tmp/`
    /// (uploads in progress: inside the root, so that storing one is a rename on one file system).
    pub async fn local(root: impl Into<PathBuf>) -> io::Result<FileStore> {
        let folder = LocalFolder { root: root.into() };
        tokio::fs::create_dir_all(folder.files()).await?;
        tokio::fs::create_dir_all(folder.temporary()).await?;
        Ok(FileStore { backend: Backend::Local(folder) })
    }

    /// Receives a file of one of the `allowed` types and at most `max_size` bytes, and stores it.
    pub async fn put<S, E>(&self, chunks: S, allowed: &[FileType], max_size: u64) -> Result<StoredFile, PutError<E>>
    where
        S: Stream<Item = Result<Bytes, E>>,
    {
        Ok(self.stage(chunks, allowed, max_size).await?.commit().await?)
    }

    /// Receives and checks a file like [`FileStore::put`], and keeps it aside until
    /// [`StagedFile::commit`], for callers that read more of the request after the file and may
    /// still refuse it.
    ///
    /// The chunks are read as a stream and written as they come; only the first and last bytes
    /// are kept in memory. The type is decided from the first bytes, before anything is written,
    /// and reading stops as soon as the size passes `max_size`. A refused, failed or abandoned
    /// upload leaves nothing behind.
    pub async fn stage<S, E>(&self, chunks: S, allowed: &[FileType], max_size: u64) -> Result<StagedFile, PutError<E>>
    where
        S: Stream<Item = Result<Bytes, E>>,
    {
        match &self.backend {
            Backend::Local(folder) => folder.stage(chunks, allowed, max_size).await,
        }
    }

    /// Opens the file stored under `sha256` for reading.
    pub async fn open(&self, sha256: &str) -> Result<StoredContent, OpenError> {
        if !is_sha256_hex(sha256) {
            return Err(OpenError::InvalidHash);
        }
        match &self.backend {
            Backend::Local(folder) => folder.open(sha256).await,
        }
    }
}

/// A file that passed every check, waiting in the store's temporary folder. Committed, it is
/// stored; dropped, it is deleted.
#[derive(Debug)]
#[must_use = "a staged file is deleted unless committed"]
pub struct StagedFile {
    file: StoredFile,
    temp: TempPath,
    destination: PathBuf,
}

impl StagedFile {
    pub fn file(&self) -> &StoredFile {
        &self.file
    }

    /// Moves the file to its address. Content already stored there is the same content, so it is
    /// kept and this copy deleted: storing a file twice is storing it once.
    pub async fn commit(self) -> io::Result<StoredFile> {
        if let Some(folder) = self.destination.parent() {
            tokio::fs::create_dir_all(folder).await?;
        }
        // Atomic and never replacing: two uploads of the same content racing both succeed.
        match self.temp.persist_noclobber(&self.destination) {
            Ok(()) => Ok(self.file),
            Err(err) if err.error.kind() == io::ErrorKind::AlreadyExists => Ok(self.file),
            Err(err) => Err(err.error),
        }
    }
}

/// A stored file opened for reading.
#[derive(Debug)]
pub struct StoredContent {
    size: u64,
    file: File,
}

impl StoredContent {
    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn into_reader(self) -> impl AsyncRead + Send + Unpin + 'static {
        self.file
    }
}

/// Files as `<root>/sha256/ab/cd/<hex>`: two levels of fan-out keep folders small.
#[derive(Debug, Clone)]
struct LocalFolder {
    root: PathBuf,
}

impl LocalFolder {
    fn files(&self) -> PathBuf {
        self.root.join("sha256")
    }

    fn temporary(&self) -> PathBuf {
        self.root.join("tmp")
    }

    fn path_of(&self, sha256: &str) -> PathBuf {
        self.files().join(&sha256[..2]).join(&sha256[2..4]).join(sha256)
    }

    async fn stage<S, E>(&self, chunks: S, allowed: &[FileType], max_size: u64) -> Result<StagedFile, PutError<E>>
    where
        S: Stream<Item = Result<Bytes, E>>,
    {
        let mut chunks = pin!(chunks);
        let mut received = Received::new(max_size);

        let mut start = Vec::with_capacity(FileType::HEAD_LEN);
        while start.len() < FileType::HEAD_LEN {
            let Some(chunk) = chunks.next().await else { break };
            start.extend_from_slice(&received.take(chunk.map_err(PutError::Read)?)?);
        }
        if start.is_empty() {
            return Err(FileRefusal::Empty.into());
        }
        let found = FileType::sniff(&start);
        let file_type =
            found.filter(|file_type| allowed.contains(file_type)).ok_or(FileRefusal::TypeNotAllowed { found })?;

        // Created with owner-only permissions, and deleted when `temp` drops: on a refusal, an
        // error, or the request being abandoned mid-stream.
        let (file, temp) = NamedTempFile::new_in(self.temporary())?.into_parts();
        let mut file = File::from_std(file);
        file.write_all(&start).await?;
        while let Some(chunk) = chunks.next().await {
            file.write_all(&received.take(chunk.map_err(PutError::Read)?)?).await?;
        }
        let stored = received.finish(file_type)?;
        // On disk before it is renamed into place, so that a crash never leaves a short file at
        // an address.
        file.sync_all().await?;
        let destination = self.path_of(&stored.sha256);
        Ok(StagedFile { file: stored, temp, destination })
    }

    async fn open(&self, sha256: &str) -> Result<StoredContent, OpenError> {
        let file = File::open(self.path_of(sha256)).await.map_err(|err| match err.kind() {
            io::ErrorKind::NotFound => OpenError::NotFound,
            _ => OpenError::Io(err),
        })?;
        let size = file.metadata().await.map_err(OpenError::Io)?.len();
        Ok(StoredContent { size, file })
    }
}

/// What an upload has delivered so far: its size against the limit, its hash, and its last bytes.
struct Received {
    max_size: u64,
    size: u64,
    hasher: Sha256,
    tail: Vec<u8>,
}

impl Received {
    fn new(max_size: u64) -> Self {
        Received { max_size, size: 0, hasher: Sha256::new(), tail: Vec::with_capacity(2 * FileType::TAIL_LEN) }
    }

    /// Counts, hashes and remembers the end of one more chunk, refusing it when the file grows
    /// past the limit.
    fn take(&mut self, chunk: Bytes) -> Result<Bytes, FileRefusal> {
        self.size = self.size.saturating_add(chunk.len() as u64);
        if self.size > self.max_size {
            return Err(FileRefusal::TooLarge { max_size: self.max_size });
        }
        self.hasher.update(&chunk);
        keep_tail(&mut self.tail, &chunk);
        Ok(chunk)
    }

    /// The stored file's description, once the whole file is in and proves complete.
    fn finish(self, file_type: FileType) -> Result<StoredFile, FileRefusal> {
        if !file_type.is_complete(&self.tail) {
            return Err(FileRefusal::Truncated(file_type));
        }
        let size = i64::try_from(self.size).map_err(|_| FileRefusal::TooLarge { max_size: self.max_size })?;
        Ok(StoredFile { sha256: hex::encode(self.hasher.finalize()), size, file_type })
    }
}

/// Appends `chunk` to `tail`, keeping only the last [`FileType::TAIL_LEN`] bytes.
fn keep_tail(tail: &mut Vec<u8>, chunk: &[u8]) {
    let keep = FileType::TAIL_LEN;
    if chunk.len() >= keep {
        tail.clear();
        tail.extend_from_slice(&chunk[chunk.len() - keep..]);
    } else {
        tail.extend_from_slice(chunk);
        let excess = tail.len().saturating_sub(keep);
        tail.drain(..excess);
    }
}

fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::convert::Infallible;
    use std::path::Path;
    use std::time::Duration;

    use futures_util::stream;
    use tempfile::TempDir;
    use tokio::io::AsyncReadExt;

    use super::*;

    const PDF_ONLY: &[FileType] = &[FileType::Pdf];
    const ANY: &[FileType] = &FileType::ALL;
    const MIB: u64 = 1024 * 1024;

    /// A PDF of exactly `size` bytes.
    fn pdf(size: usize) -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n".to_vec();
        pdf.resize(size - 7, b'x');
        pdf.extend_from_slice(b"\n%%EOF\n");
        pdf
    }

    fn png() -> Vec<u8> {
        [b"\x89PNG\r\n\x1a\n".as_slice(), b"\0\0\0\0IDAT\x35\xaf\x06\x1e", b"\0\0\0\0IEND\xae\x42\x60\x82"].concat()
    }

    fn jpeg() -> Vec<u8> {
        [[0xFF, 0xD8, 0xFF, 0xE0].as_slice(), b"\0\x10JFIF\0", &[0xFF, 0xD9]].concat()
    }

    /// `content` as a stream of `size`-byte chunks.
    fn chunked(content: &[u8], size: usize) -> impl Stream<Item = Result<Bytes, Infallible>> + use<> {
        let chunks: Vec<_> = content.chunks(size).map(|chunk| Ok(Bytes::copy_from_slice(chunk))).collect();
        stream::iter(chunks)
    }

    /// An endless stream of `chunk`, counting how many were taken: collecting it would never end.
    fn endless<'a>(chunk: &'static [u8], taken: &'a Cell<usize>) -> impl Stream<Item = Result<Bytes, Infallible>> + 'a {
        stream::iter(std::iter::repeat_with(move || {
            taken.set(taken.get() + 1);
            Ok(Bytes::from_static(chunk))
        }))
    }

    async fn store() -> (TempDir, FileStore) {
        let root = TempDir::new().unwrap();
        let store = FileStore::local(root.path()).await.unwrap();
        (root, store)
    }

    /// Every file under `folder`, folders left out.
    fn files_under(folder: &Path) -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut folders = vec![folder.to_owned()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() { folders.push(path) } else { files.push(path) }
            }
        }
        files
    }

    fn assert_refused<E: std::fmt::Debug>(
        result: Result<StoredFile, PutError<E>>,
        expected: FileRefusal,
        root: &TempDir,
    ) {
        match result {
            Err(PutError::Refused(refusal)) => assert_eq!(refusal, expected),
            other => panic!("expected {expected:?}, got {other:?}"),
        }
        assert_eq!(files_under(root.path()), Vec::<PathBuf>::new(), "a refusal leaves nothing behind");
    }

    #[tokio::test]
    async fn a_file_is_stored_under_its_hash_and_read_back() {
        let (root, store) = store().await;
        let content = pdf(10_000);
        let stored = store.put(chunked(&content, 1000), PDF_ONLY, MIB).await.unwrap();

        let sha256 = hex::encode(Sha256::digest(&content));
        assert_eq!(stored, StoredFile { sha256: sha256.clone(), size: 10_000, file_type: FileType::Pdf });
        let path = root.path().join("sha256").join(&sha256[..2]).join(&sha256[2..4]).join(&sha256);
        assert_eq!(files_under(root.path()), [path]);

        let opened = store.open(&sha256).await.unwrap();
        assert_eq!(opened.size(), 10_000);
        let mut read = Vec::new();
        opened.into_reader().read_to_end(&mut read).await.unwrap();
        assert_eq!(read, content);
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn stored_files_are_readable_by_their_owner_only() {
        use std::os::unix::fs::PermissionsExt;

        let (root, store) = store().await;
        store.put(chunked(&jpeg(), 4), ANY, MIB).await.unwrap();
        for file in files_under(root.path()) {
            assert_eq!(file.metadata().unwrap().permissions().mode() & 0o077, 0, "{file:?}");
        }
    }

    #[tokio::test]
    async fn the_same_content_twice_is_stored_once() {
        let (root, store) = store().await;
        let content = pdf(3000);
        let first = store.put(chunked(&content, 100), PDF_ONLY, MIB).await.unwrap();
        let second = store.put(chunked(&content, 7), PDF_ONLY, MIB).await.unwrap();
        assert_eq!(first, second);
        assert_eq!(files_under(root.path()).len(), 1);
    }

    #[tokio::test]
    async fn a_staged_file_is_stored_only_when_committed() {
        let (root, store) = store().await;
        let staged = store.stage(chunked(&png(), 5), ANY, MIB).await.unwrap();
        assert_eq!(staged.file().file_type, FileType::Png);
        drop(staged);
        assert_eq!(files_under(root.path()), Vec::<PathBuf>::new());

        let staged = store.stage(chunked(&png(), 5), ANY, MIB).await.unwrap();
        let stored = staged.commit().await.unwrap();
        assert!(store.open(&stored.sha256).await.is_ok());
    }

    #[tokio::test]
    async fn an_empty_file_is_refused() {
        let (root, store) = store().await;
        let nothing: Vec<Result<Bytes, Infallible>> = Vec::new();
        assert_refused(store.put(stream::iter(nothing), ANY, MIB).await, FileRefusal::Empty, &root);
        let empty_chunks: Vec<Result<Bytes, Infallible>> = vec![Ok(Bytes::new()), Ok(Bytes::new())];
        assert_refused(store.put(stream::iter(empty_chunks), ANY, MIB).await, FileRefusal::Empty, &root);
    }

    #[tokio::test]
    async fn reading_stops_at_the_first_chunk_past_the_limit() {
        let (root, store) = store().await;
        let taken = Cell::new(0);
        let result = store.put(endless(b"%PDF-1.7 and a thousand bytes", &taken), PDF_ONLY, 1000).await;
        assert_refused(result, FileRefusal::TooLarge { max_size: 1000 }, &root);
        assert_eq!(taken.get(), 1000 / 29 + 1, "not one chunk more than needed to pass the limit");
    }

    #[tokio::test]
    async fn a_file_of_exactly_the_limit_is_accepted() {
        let (_root, store) = store().await;
        let stored = store.put(chunked(&pdf(4096), 1000), PDF_ONLY, 4096).await.unwrap();
        assert_eq!(stored.size, 4096);
    }

    #[tokio::test]
    async fn the_type_is_decided_from_the_first_bytes_before_more_is_read() {
        let (root, store) = store().await;
        let taken = Cell::new(0);
        let result = store.put(endless(b"MZ\x90\0 an executable", &taken), ANY, u64::MAX).await;
        assert_refused(result, FileRefusal::TypeNotAllowed { found: None }, &root);
        assert_eq!(taken.get(), 1);

        let result = store.put(chunked(&png(), 3), PDF_ONLY, MIB).await;
        assert_refused(result, FileRefusal::TypeNotAllowed { found: Some(FileType::Png) }, &root);
    }

    #[tokio::test]
    async fn a_signature_split_over_tiny_chunks_is_still_recognised() {
        let (_root, store) = store().await;
        assert_eq!(store.put(chunked(&png(), 1), ANY, MIB).await.unwrap().file_type, FileType::Png);
        assert_eq!(store.put(chunked(&jpeg(), 1), ANY, MIB).await.unwrap().file_type, FileType::Jpeg);
    }

    #[tokio::test]
    async fn truncated_files_are_refused() {
        let (root, store) = store().await;
        let pdf = pdf(5000);
        assert_refused(
            store.put(chunked(&pdf[..4000], 512), ANY, MIB).await,
            FileRefusal::Truncated(FileType::Pdf),
            &root,
        );
        let png = png();
        let result = store.put(chunked(&png[..png.len() - 1], 512), ANY, MIB).await;
        assert_refused(result, FileRefusal::Truncated(FileType::Png), &root);
        let jpeg = jpeg();
        let result = store.put(chunked(&jpeg[..jpeg.len() - 2], 512), ANY, MIB).await;
        assert_refused(result, FileRefusal::Truncated(FileType::Jpeg), &root);
    }

    #[tokio::test]
    async fn a_failing_stream_leaves_nothing_behind() {
        let (root, store) = store().await;
        let chunks = stream::iter([Ok(Bytes::from(pdf(3000))), Err(io::Error::other("connection reset"))]);
        let result = store.put(chunks, ANY, MIB).await;
        assert!(matches!(result, Err(PutError::Read(_))), "{result:?}");
        assert_eq!(files_under(root.path()), Vec::<PathBuf>::new());
    }

    #[tokio::test]
    async fn an_abandoned_upload_leaves_nothing_behind() {
        let (root, store) = store().await;
        let stalled = chunked(&pdf(3000), 1000).chain(stream::pending());
        let mut upload = Box::pin(store.put(stalled, ANY, MIB));
        assert!(tokio::time::timeout(Duration::from_millis(50), &mut upload).await.is_err());
        assert_eq!(files_under(&root.path().join("tmp")).len(), 1, "the upload was on its way to disk");
        drop(upload);
        assert_eq!(files_under(root.path()), Vec::<PathBuf>::new());
    }

    #[tokio::test]
    async fn a_large_file_is_written_as_it_streams_in() {
        const CHUNK: usize = 64 * 1024;
        let (root, store) = store().await;
        let content = pdf(5_000_000);
        let temporary = root.path().join("tmp");
        let delivered = Cell::new(0);
        let chunks = stream::iter(content.chunks(CHUNK)).map(|chunk| {
            // Whenever another chunk is asked for, all but the last one or two are on disk already.
            let on_disk: u64 = files_under(&temporary).iter().map(|file| file.metadata().unwrap().len()).sum();
            assert!(delivered.get() <= on_disk + 2 * CHUNK as u64, "{} delivered, {on_disk} on disk", delivered.get());
            delivered.set(delivered.get() + chunk.len() as u64);
            Ok::<_, Infallible>(Bytes::copy_from_slice(chunk))
        });
        let stored = store.put(chunks, PDF_ONLY, 10 * MIB).await.unwrap();
        assert_eq!(stored.size, 5_000_000);
        assert_eq!(delivered.get(), 5_000_000);
        assert_eq!(store.open(&stored.sha256).await.unwrap().size(), 5_000_000);
    }

    #[tokio::test]
    async fn only_a_sha256_hex_digest_is_opened() {
        let (_root, store) = store().await;
        let upper = "A".repeat(64);
        let not_hex = "g".repeat(64);
        let short = "a".repeat(63);
        let long = "a".repeat(65);
        let climbing = format!("../../{}", "a".repeat(58));
        for bad in ["", "../../etc/passwd", &upper, &not_hex, &short, &long, &climbing] {
            assert!(matches!(store.open(bad).await, Err(OpenError::InvalidHash)), "{bad:?}");
        }
        assert!(matches!(store.open(&"a".repeat(64)).await, Err(OpenError::NotFound)));
    }

    #[test]
    fn the_tail_keeps_only_the_last_bytes() {
        let content: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        for size in [1, 100, 1023, 1024, 3000] {
            let mut tail = Vec::new();
            for chunk in content.chunks(size) {
                keep_tail(&mut tail, chunk);
            }
            assert_eq!(tail, content[content.len() - FileType::TAIL_LEN..], "chunks of {size}");
        }
    }
}
