//! Requests of one organisation that meet on the same rows, written together.
//!
//! Every order of an organisation takes the organisation's yearly order number, and every
//! audited write its audit chain head: under load such writes pass one at a time, each waiting
//! for the one before it to commit. A [`Together`] queues them per organisation instead, and one
//! writer per organisation writes them: it takes every request then waiting (at most [`MOST`])
//! and hands them to its `work`, which writes them in one transaction through a command that
//! decides them one by one in the order they came (`orders::issue_many`,
//! `idempotency::claim_many`). Requests arriving meanwhile go into its next group. It stops when
//! nothing waits; the next request starts it again. A request alone is a group of one and goes at
//! once.
//!
//! Under load, the clients a group answers send their next requests while the next group is
//! already being written: they would wait for the one after, and the clients would settle into
//! two halves taking turns, each group half as large as the load allows. A group's statements
//! cost most of its write whatever its size, so halves cost nearly twice as much per request.
//! The writer therefore gathers before it begins the next group: having answered a group of
//! several, it waits for as many requests to join the ones waiting as that group answered, for
//! at most half as long as that group took to write, and never more than [`GATHERING_AT_MOST`]
//! ([`gathering`]).
//!
//! The writer is a task of its own, on the writers' thread ([`WriterThread`]), so a client that
//! goes away mid-write cancels nobody else's request; its own is written and kept like the
//! others. A client that goes away before its request was taken into a group takes it back.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::future::LocalBoxFuture;
use mitra_persistence::OrgScope;
use tokio::sync::{Notify, oneshot};

use crate::writer_thread::WriterThread;

/// The most requests written in one transaction: a group stays short, and the statements stay
/// far below the databases' limits on bound values.
pub const MOST: usize = 128;

/// What writes a group: one answer per request, in the requests' order.
type Work<Req, Out> = dyn Fn(OrgScope, Vec<Req>) -> LocalBoxFuture<'static, Vec<Out>> + Send + Sync;

/// The longest a writer gathers: a write slowed by something else (a lock waited on, a disk
/// flush) says nothing about when its clients come back.
pub const GATHERING_AT_MOST: Duration = Duration::from_millis(20);

pub struct Together<Req, Out> {
    thread: Arc<WriterThread>,
    work: Arc<Work<Req, Out>>,
    queues: Mutex<HashMap<OrgScope, Arc<Queue<Req, Out>>>>,
    gathering_at_most: Duration,
}

/// One organisation's waiting requests (each with its ticket), and whether its writer is at work.
struct Queue<Req, Out> {
    state: Mutex<Waiting<Req, Out>>,
    tickets: AtomicU64,
    /// Told of every request joining the queue, for a writer gathering its next group.
    arrived: Notify,
}

struct Waiting<Req, Out> {
    requests: Vec<(u64, Req, oneshot::Sender<Out>)>,
    writing: bool,
}

/// Takes a request out of the queue if its client goes away before a group took it: the writer
/// would otherwise write a request nobody waits for.
struct Withdraw<'a, Req, Out> {
    queue: &'a Queue<Req, Out>,
    ticket: u64,
}

impl<Req, Out> Drop for Withdraw<'_, Req, Out> {
    fn drop(&mut self) {
        lock(&self.queue.state).requests.retain(|(ticket, _, _)| *ticket != self.ticket);
    }
}

impl<Req: Send + 'static, Out: Send + 'static> Together<Req, Out> {
    /// A queue whose writers work on `thread`; `work` runs there, so the store it writes through
    /// is one opened there.
    pub fn new(
        thread: Arc<WriterThread>,
        work: impl Fn(OrgScope, Vec<Req>) -> LocalBoxFuture<'static, Vec<Out>> + Send + Sync + 'static,
    ) -> Self {
        Together {
            thread,
            work: Arc::new(work),
            queues: Mutex::new(HashMap::new()),
            gathering_at_most: GATHERING_AT_MOST,
        }
    }

    /// A queue whose writers gather for as long as `at_most` allows: a test's group takes as
    /// long as the test holds it.
    #[cfg(test)]
    fn gathering_at_most(mut self, at_most: Duration) -> Self {
        self.gathering_at_most = at_most;
        self
    }

    /// Writes `request` with whatever else of the organisation is waiting, and answers it;
    /// `None` only if the writer failed before answering.
    pub async fn submit(&self, scope: OrgScope, request: Req) -> Option<Out> {
        let queue = self.queue(scope);
        let (sender, answer) = oneshot::channel();
        let ticket = queue.tickets.fetch_add(1, Ordering::Relaxed);
        let idle = {
            let mut waiting = lock(&queue.state);
            waiting.requests.push((ticket, request, sender));
            !std::mem::replace(&mut waiting.writing, true)
        };
        queue.arrived.notify_one();
        let _withdraw = Withdraw { queue: &queue, ticket };
        if idle {
            let writer = Writer {
                work: self.work.clone(),
                queue: queue.clone(),
                scope,
                gathering_at_most: self.gathering_at_most,
                answering: Vec::new(),
                done: false,
            };
            self.thread.spawn(move || writer.write());
        }
        answer.await.ok()
    }

    fn queue(&self, scope: OrgScope) -> Arc<Queue<Req, Out>> {
        lock(&self.queues)
            .entry(scope)
            .or_insert_with(|| {
                Arc::new(Queue {
                    state: Mutex::new(Waiting { requests: Vec::new(), writing: false }),
                    tickets: AtomicU64::new(0),
                    arrived: Notify::new(),
                })
            })
            .clone()
    }
}

/// An organisation's writer: group after group while requests wait.
struct Writer<Req: 'static, Out: 'static> {
    work: Arc<Work<Req, Out>>,
    queue: Arc<Queue<Req, Out>>,
    scope: OrgScope,
    gathering_at_most: Duration,
    /// The group being written's answers. A field, not a local: if the writer stops mid-write,
    /// fields drop after `Drop::drop` has freed the queue, so a client told `None` and retrying
    /// at once starts a new writer instead of queueing behind this one.
    answering: Vec<oneshot::Sender<Out>>,
    done: bool,
}

impl<Req: 'static, Out: 'static> Writer<Req, Out> {
    async fn write(mut self) {
        loop {
            let group: Vec<_> = {
                let mut waiting = lock(&self.queue.state);
                if waiting.requests.is_empty() {
                    waiting.writing = false;
                    self.done = true;
                    return;
                }
                let taken = waiting.requests.len().min(MOST);
                waiting.requests.drain(..taken).collect()
            };
            let requests: Vec<Req>;
            (requests, self.answering) = group.into_iter().map(|(_, request, sender)| (request, sender)).unzip();
            let began = Instant::now();
            let outs = (self.work)(self.scope, requests).await;
            let took = began.elapsed();
            let answered = outs.len();
            for (sender, out) in std::mem::take(&mut self.answering).into_iter().zip(outs) {
                // A client that went away no longer listens; its request was written anyway.
                let _ = sender.send(out);
            }
            if let Some((count, within)) = gathering(answered, took, self.gathering_at_most) {
                self.gather(count, within).await;
            }
        }
    }

    /// Waits until `count` more requests than now wait (at most a group's worth), or `within`.
    async fn gather(&self, count: usize, within: Duration) {
        let enough = (lock(&self.queue.state).requests.len() + count).min(MOST);
        let _ = tokio::time::timeout(within, async {
            while lock(&self.queue.state).requests.len() < enough {
                self.queue.arrived.notified().await;
            }
        })
        .await;
    }
}

/// How a writer that answered `answered` requests, written in `took`, gathers its next group: for
/// as many requests again, within half that time and `at_most`. A group of one gathers nothing: a
/// request alone is never kept waiting for others.
fn gathering(answered: usize, took: Duration, at_most: Duration) -> Option<(usize, Duration)> {
    (answered > 1).then_some((answered, (took / 2).min(at_most)))
}

/// A writer stopped before it was done (it panicked, or the server is stopping) answers every
/// request still waiting `None`: none of them was written, and a retry with its key runs it. The
/// next request starts a new writer, so the organisation's queue never stays stuck.
impl<Req: 'static, Out: 'static> Drop for Writer<Req, Out> {
    fn drop(&mut self) {
        if !self.done {
            let mut waiting = lock(&self.queue.state);
            waiting.writing = false;
            waiting.requests.clear();
        }
    }
}

/// The lists are only pushed to and drained, so one left by a panicking thread is still whole.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<Req, Out> std::fmt::Debug for Together<Req, Out> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Together").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use actix_web::rt::task::JoinHandle;
    use tokio::sync::{Semaphore, mpsc};

    use super::*;

    type Groups = Arc<Mutex<Vec<Vec<&'static str>>>>;

    /// A queue whose work notes each group it is given, says it has taken it, and holds its turn
    /// until the test lets one group go: no test depends on how fast a thread is scheduled.
    struct Noting {
        together: Arc<Together<&'static str, &'static str>>,
        groups: Groups,
        taken: mpsc::UnboundedReceiver<()>,
        gate: Arc<Semaphore>,
    }

    fn noting() -> Noting {
        let groups = Groups::default();
        let (took, taken) = mpsc::unbounded_channel();
        let gate = Arc::new(Semaphore::new(0));
        let (seen, held) = (groups.clone(), gate.clone());
        let together = Together::new(thread(), move |_, requests: Vec<&'static str>| {
            let (seen, took, held) = (seen.clone(), took.clone(), held.clone());
            Box::pin(async move {
                lock(&seen).push(requests.clone());
                let _ = took.send(());
                held.acquire().await.expect("the gate stays open").forget();
                requests
            }) as LocalBoxFuture<'static, Vec<&'static str>>
        });
        // Long enough for a test's held group: the writer gathers as in production, for half of it.
        let together = together.gathering_at_most(Duration::from_secs(5));
        Noting { together: Arc::new(together), groups, taken, gate }
    }

    impl Noting {
        /// Submits `request` in a task of its own.
        fn submitting(&self, scope: OrgScope, request: &'static str) -> JoinHandle<Option<&'static str>> {
            let together = self.together.clone();
            actix_web::rt::spawn(async move { together.submit(scope, request).await })
        }

        /// Waits until the writer has taken its next group.
        async fn group_taken(&mut self) {
            within(self.taken.recv()).await.expect("the writer notes each group");
        }

        /// Waits until `count` requests wait in the organisation's queue.
        async fn waiting(&self, scope: OrgScope, count: usize) {
            within(async {
                while lock(&self.together.queue(scope).state).requests.len() < count {
                    tokio::task::yield_now().await;
                }
            })
            .await;
        }

        fn let_one_group_go(&self) {
            self.gate.add_permits(1);
        }
    }

    /// What a test waits for, bounded: a queue that broke fails its test instead of hanging it.
    async fn within<T>(waited: impl Future<Output = T>) -> T {
        tokio::time::timeout(Duration::from_secs(10), waited).await.expect("the queue answers")
    }

    fn thread() -> Arc<WriterThread> {
        Arc::new(WriterThread::start().unwrap())
    }

    #[allow(clippy::disallowed_methods, reason = "a queue's test names its organisation")]
    fn organisation() -> OrgScope {
        OrgScope::console(uuid::Uuid::now_v7())
    }

    #[actix_web::test]
    async fn requests_arriving_during_a_turn_go_together_in_their_order_and_each_gets_its_answer() {
        let mut noting = noting();
        let scope = organisation();
        let first = noting.submitting(scope, "a");
        noting.group_taken().await;
        let b = noting.submitting(scope, "b");
        noting.waiting(scope, 1).await;
        let c = noting.submitting(scope, "c");
        noting.waiting(scope, 2).await;
        noting.let_one_group_go();
        assert_eq!(within(first).await.unwrap(), Some("a"));
        noting.group_taken().await;
        noting.let_one_group_go();
        assert_eq!((within(b).await.unwrap(), within(c).await.unwrap()), (Some("b"), Some("c")));
        assert_eq!(*lock(&noting.groups), vec![vec!["a"], vec!["b", "c"]]);
    }

    #[actix_web::test]
    async fn a_writer_that_answered_several_gathers_their_next_requests_into_one_group() {
        let mut noting = noting();
        let scope = organisation();
        let a = noting.submitting(scope, "a");
        noting.group_taken().await;
        let (b, c) = (noting.submitting(scope, "b"), noting.submitting(scope, "c"));
        noting.waiting(scope, 2).await;
        noting.let_one_group_go();
        assert_eq!(within(a).await.unwrap(), Some("a"));
        noting.group_taken().await;
        let d = noting.submitting(scope, "d");
        noting.waiting(scope, 1).await;
        // A long write: its clients come back well inside half of it.
        tokio::time::sleep(Duration::from_secs(1)).await;
        noting.let_one_group_go();
        assert_eq!(within(b).await.unwrap(), Some("b"));
        let e = noting.submitting(scope, "e");
        assert_eq!(within(c).await.unwrap(), Some("c"));
        let f = noting.submitting(scope, "f");
        noting.group_taken().await;
        noting.let_one_group_go();
        for (answer, request) in [(d, "d"), (e, "e"), (f, "f")] {
            assert_eq!(within(answer).await.unwrap(), Some(request));
        }
        assert_eq!(
            *lock(&noting.groups),
            vec![vec!["a"], vec!["b", "c"], vec!["d", "e", "f"]],
            "the group of one went at once; the next group waited for the two it answered"
        );
    }

    #[test]
    fn a_group_of_one_gathers_nothing_and_a_larger_one_as_many_within_half_its_time() {
        let (took, at_most) = (Duration::from_millis(10), GATHERING_AT_MOST);
        assert_eq!(gathering(0, took, at_most), None);
        assert_eq!(gathering(1, took, at_most), None, "a request alone is never kept waiting for others");
        assert_eq!(gathering(32, took, at_most), Some((32, Duration::from_millis(5))));
        assert_eq!(
            gathering(32, Duration::from_secs(3), at_most),
            Some((32, at_most)),
            "a slow write gathers no longer"
        );
    }

    #[actix_web::test]
    async fn a_request_whose_client_went_away_before_its_turn_is_never_written() {
        let mut noting = noting();
        let scope = organisation();
        let first = noting.submitting(scope, "a");
        noting.group_taken().await;
        let gone = tokio::time::timeout(Duration::from_millis(10), noting.together.submit(scope, "gone")).await;
        assert!(gone.is_err(), "the client stopped waiting");
        noting.let_one_group_go();
        assert_eq!(within(first).await.unwrap(), Some("a"));
        noting.let_one_group_go();
        assert_eq!(within(noting.together.submit(scope, "later")).await, Some("later"));
        assert_eq!(*lock(&noting.groups), vec![vec!["a"], vec!["later"]]);
    }

    #[actix_web::test]
    async fn a_writer_that_failed_answers_none_and_the_next_request_is_written() {
        let together = Together::new(thread(), |_, requests: Vec<&'static str>| {
            Box::pin(async move {
                assert!(!requests.contains(&"boom"), "a bug in the write");
                requests
            }) as LocalBoxFuture<'static, Vec<&'static str>>
        });
        let scope = organisation();
        // Round after round, since a retry that raced the failed writer's unwinding was once
        // queued behind it and dropped.
        for _ in 0..500 {
            assert_eq!(within(together.submit(scope, "boom")).await, None, "its group was not written");
            assert_eq!(within(together.submit(scope, "later")).await, Some("later"), "the queue goes on");
        }
    }
}
