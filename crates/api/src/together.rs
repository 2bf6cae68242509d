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
//! nobody else's request; its own is written and kept like the others.

use std::collections::HashMap;
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

/// One organisation's waiting requests, and its turn: held while a group is written.
struct Queue<Req, Out> {
    waiting: Mutex<Vec<(Req, oneshot::Sender<Out>)>>,
    turn: Arc<tokio::sync::Mutex<()>>,
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
        lock(&queue.waiting).push((request, sender));
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
            let (requests, senders): (Vec<Req>, Vec<oneshot::Sender<Out>>) = group.into_iter().unzip();
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
                Arc::new(Queue { waiting: Mutex::new(Vec::new()), turn: Arc::new(tokio::sync::Mutex::new(())) })
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
