//! Requests of one organisation that meet on the same rows, written together.
//!
//! Every order of an organisation takes the organisation's yearly order number, and every
//! audited write its audit chain head: under load such writes pass one at a time, each waiting
//! for the one before it to commit. A [`Together`] queues them per organisation instead. Whoever's
//! turn comes takes every request then waiting (at most [`MOST`]) and hands them to its `work`,
//! which writes them in one transaction through a command that decides them one by one in the
//! order they came (`orders::issue_many`, `idempotency::claim_many`). A request arriving
//! meanwhile waits for the next turn, which it may lead. Nothing waits for a timer: a request
//! alone is a group of one and goes at once.
//!
//! The group is written in a task of its own, so a client that goes away mid-write cancels
//! nobody else's request; its own is written and kept like the others. A client that goes away
//! before its request was taken into a group takes it back.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use futures_util::future::LocalBoxFuture;
use mitra_persistence::OrgScope;
use tokio::sync::oneshot::{self, error::TryRecvError};

/// The most requests written in one transaction: a turn stays short, and the statements stay
/// far below the databases' limits on bound values.
pub const MOST: usize = 128;

/// What writes a group: one answer per request, in the requests' order.
type Work<Req, Out> = Box<dyn Fn(OrgScope, Vec<Req>) -> LocalBoxFuture<'static, Vec<Out>> + Send + Sync>;

pub struct Together<Req, Out> {
    work: Work<Req, Out>,
    queues: Mutex<HashMap<OrgScope, Arc<Queue<Req, Out>>>>,
}

/// One organisation's waiting requests (each with its ticket), and its turn: held while a
/// group is written.
struct Queue<Req, Out> {
    waiting: Mutex<Vec<Waiting<Req, Out>>>,
    turn: Arc<tokio::sync::Mutex<()>>,
    tickets: AtomicU64,
}

type Waiting<Req, Out> = (u64, Req, oneshot::Sender<Out>);

/// Takes a request out of the queue if its client goes away before a group took it: nobody
/// would write it until the organisation's next request, maybe hours later.
struct Withdraw<'a, Req, Out> {
    waiting: &'a Mutex<Vec<Waiting<Req, Out>>>,
    ticket: u64,
}

impl<Req, Out> Drop for Withdraw<'_, Req, Out> {
    fn drop(&mut self) {
        lock(self.waiting).retain(|(ticket, _, _)| *ticket != self.ticket);
    }
}

impl<Req: 'static, Out: 'static> Together<Req, Out> {
    pub fn new(work: impl Fn(OrgScope, Vec<Req>) -> LocalBoxFuture<'static, Vec<Out>> + Send + Sync + 'static) -> Self {
        Together { work: Box::new(work), queues: Mutex::new(HashMap::new()) }
    }

    /// Writes `request` with whatever else of the organisation is waiting, and answers it;
    /// `None` only if the task writing its group failed before answering.
    pub async fn submit(&self, scope: OrgScope, request: Req) -> Option<Out> {
        let queue = self.queue(scope);
        let (sender, mut answer) = oneshot::channel();
        let ticket = queue.tickets.fetch_add(1, Ordering::Relaxed);
        lock(&queue.waiting).push((ticket, request, sender));
        let _withdraw = Withdraw { waiting: &queue.waiting, ticket };
        loop {
            // Answered by a group another request led, this request never takes a turn: a
            // turn passes straight to one still waiting.
            let turn = tokio::select! {
                biased;
                out = &mut answer => return out.ok(),
                turn = queue.turn.clone().lock_owned() => turn,
            };
            match answer.try_recv() {
                Ok(out) => return Some(out),
                Err(TryRecvError::Closed) => return None,
                Err(TryRecvError::Empty) => {}
            }
            // Requests that arrived in the same instant (the answers of the group before, each
            // keeping its key) are ready to run on this thread: let them join rather than go
            // alone and make the rest wait a whole turn.
            tokio::task::yield_now().await;
            // This request is still waiting (a turn ends only after its group is answered), so
            // the group is never empty; it may not hold this request when more than MOST wait.
            let group: Vec<_> = {
                let mut waiting = lock(&queue.waiting);
                let taken = waiting.len().min(MOST);
                waiting.drain(..taken).collect()
            };
            let (requests, senders): (Vec<Req>, Vec<oneshot::Sender<Out>>) =
                group.into_iter().map(|(_, request, sender)| (request, sender)).unzip();
            let written = (self.work)(scope, requests);
            actix_web::rt::spawn(async move {
                for (sender, out) in senders.into_iter().zip(written.await) {
                    // A client that went away no longer listens; its request was written anyway.
                    let _ = sender.send(out);
                }
                drop(turn);
            });
        }
    }

    fn queue(&self, scope: OrgScope) -> Arc<Queue<Req, Out>> {
        lock(&self.queues)
            .entry(scope)
            .or_insert_with(|| {
                Arc::new(Queue {
                    waiting: Mutex::new(Vec::new()),
                    turn: Arc::new(tokio::sync::Mutex::new(())),
                    tickets: AtomicU64::new(0),
                })
            })
            .clone()
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

    use super::*;

    type Groups = Arc<Mutex<Vec<Vec<&'static str>>>>;

    /// A queue whose work notes each group it is given and holds its turn for a moment.
    fn noting() -> (Arc<Together<&'static str, &'static str>>, Groups) {
        let groups = Arc::new(Mutex::new(Vec::new()));
        let seen = groups.clone();
        let together = Together::new(move |_, requests: Vec<&'static str>| {
            let seen = seen.clone();
            Box::pin(async move {
                lock(&seen).push(requests.clone());
                tokio::time::sleep(Duration::from_millis(50)).await;
                requests
            }) as LocalBoxFuture<'static, Vec<&'static str>>
        });
        (Arc::new(together), groups)
    }

    #[allow(clippy::disallowed_methods, reason = "a queue's test names its organisation")]
    fn organisation() -> OrgScope {
        OrgScope::console(uuid::Uuid::now_v7())
    }

    #[actix_web::test]
    async fn requests_arriving_during_a_turn_go_together_in_their_order_and_each_gets_its_answer() {
        let (together, groups) = noting();
        let scope = organisation();
        let first = actix_web::rt::spawn({
            let together = together.clone();
            async move { together.submit(scope, "a").await }
        });
        tokio::time::sleep(Duration::from_millis(10)).await;
        let (b, c) = tokio::join!(together.submit(scope, "b"), together.submit(scope, "c"));
        assert_eq!(first.await.unwrap(), Some("a"));
        assert_eq!((b, c), (Some("b"), Some("c")));
        assert_eq!(*lock(&groups), vec![vec!["a"], vec!["b", "c"]]);
    }

    #[actix_web::test]
    async fn a_request_whose_client_went_away_before_its_turn_is_never_written() {
        let (together, groups) = noting();
        let scope = organisation();
        let first = actix_web::rt::spawn({
            let together = together.clone();
            async move { together.submit(scope, "a").await }
        });
        tokio::time::sleep(Duration::from_millis(10)).await;
        let gone = tokio::time::timeout(Duration::from_millis(10), together.submit(scope, "gone")).await;
        assert!(gone.is_err(), "the client stopped waiting");
        assert_eq!(first.await.unwrap(), Some("a"));
        assert_eq!(together.submit(scope, "later").await, Some("later"));
        assert_eq!(*lock(&groups), vec![vec!["a"], vec!["later"]]);
    }
}
