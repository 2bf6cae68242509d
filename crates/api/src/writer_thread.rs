//! The thread the organisations' writers work on (see [`crate::together`]).
//!
//! A group's write is a chain of statements, each sent when the database has answered the one
//! before. On an HTTP worker the next statement would wait behind that worker's requests, and a
//! group's answers release dozens of them at once. The writers therefore work on a thread of
//! their own, with database connections of their own (`Store::with_own_connections`): between two
//! statements that thread has nothing else to do, and the database's answer reaches the writer as
//! soon as it arrives.

use std::future::Future;

use futures_util::future::LocalBoxFuture;
use tokio::sync::{mpsc, oneshot};

type Job = Box<dyn FnOnce() -> LocalBoxFuture<'static, ()> + Send>;

#[derive(Debug)]
pub struct WriterThread {
    jobs: mpsc::UnboundedSender<Job>,
}

impl WriterThread {
    /// Starts the thread. It ends when the last handle to it is gone; writers still at work then
    /// are dropped, and each answers what waits for it with `None` (nothing of theirs written).
    pub fn start() -> std::io::Result<WriterThread> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let (jobs, mut waiting) = mpsc::unbounded_channel::<Job>();
        std::thread::Builder::new().name("mitra-writers".into()).spawn(move || {
            // Inside the runtime until the end: what the writers drop (a pooled connection, say)
            // may hand work to it on the way out.
            let _inside = runtime.enter();
            let writers = tokio::task::LocalSet::new();
            writers.block_on(&runtime, async move {
                while let Some(job) = waiting.recv().await {
                    tokio::task::spawn_local(job());
                }
            });
            drop(writers);
        })?;
        Ok(WriterThread { jobs })
    }

    /// Starts `job` on the thread, without waiting for it. A job that panics ends alone.
    pub fn spawn<F, Fut>(&self, job: F)
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + 'static,
    {
        // The thread listens for as long as a handle exists: `self` is one.
        let _ = self.jobs.send(Box::new(move || Box::pin(job())));
    }

    /// Runs `job` on the thread and returns what it returned; `None` if it panicked.
    pub async fn run<F, Fut, T>(&self, job: F) -> Option<T>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = T> + 'static,
        T: Send + 'static,
    {
        let (sender, answer) = oneshot::channel();
        self.spawn(move || async move {
            let _ = sender.send(job().await);
        });
        answer.await.ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn jobs_run_on_the_writer_thread_and_one_that_panics_ends_alone() {
        let thread = WriterThread::start().unwrap();
        let name = || std::thread::current().name().map(str::to_owned);
        assert_eq!(thread.run(move || async move { name() }).await, Some(Some("mitra-writers".into())));
        let failed = thread.run(move || async move { assert!(name().is_none(), "a bug in a job") }).await;
        assert_eq!(failed, None);
        assert_eq!(thread.run(|| async { 2 + 2 }).await, Some(4), "the thread goes on");
    }
}
