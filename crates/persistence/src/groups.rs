//! Requests of one organisation written together, whose trouble stays each one's own.

use crate::StoreError;

/// Writes `requests` with `write`, together (one result per request, in their order). If that
/// write fails as a whole (a request broke a rule no check foresaw, the database gave up on a
/// lock), each request is written alone: one request's trouble fails no other.
pub async fn each_alone_on_failure<R: Clone, T>(
    requests: Vec<R>,
    write: impl AsyncFn(Vec<R>) -> Result<Vec<T>, StoreError>,
) -> Vec<Result<T, StoreError>> {
    let count = requests.len();
    match write(requests.clone()).await {
        Ok(done) => done.into_iter().map(Ok).collect(),
        Err(err) if count == 1 => vec![Err(err)],
        Err(_) => {
            let mut done = Vec::with_capacity(count);
            for request in requests {
                done.push(write(vec![request]).await.and_then(|mut one| one.pop().ok_or(StoreError::NotFound)));
            }
            done
        }
    }
}
