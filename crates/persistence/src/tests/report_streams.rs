//! Reports stream from the database while their clients read, each holding a connection: however
//! many are downloading slowly, writes still get one, and every report asked is delivered whole.

use futures_util::StreamExt;
use futures_util::future::join_all;
use sea_orm::QueryTrait;

use super::{fixture, new_unit};
use crate::entities::unit;
use crate::reports::stream_rows;
use crate::{StoreError, scope, units};

/// The organisation's units (the fixture's and those made here): more rows than a stream buffers,
/// so that an unread stream keeps its query (and connection) open.
const UNITS: usize = 200;
/// More streams than either database's pool has connections (SQLite 4, PostgreSQL 16).
const STREAMS: usize = 16;

#[tokio::test]
async fn streams_left_unread_never_take_the_connections_writes_need() {
    let (store, _db, alpha, _beta) = fixture().await;
    store
        .write(&alpha.admin(), async |tx| {
            for n in 1..UNITS {
                units::create(tx, new_unit(&format!("U{n:03}"))).await?;
            }
            Ok::<_, StoreError>(())
        })
        .await
        .unwrap();

    // Sixteen reports asked and not read: each one that runs fills its buffer and waits, holding
    // its connection, for a client that does not come.
    let codes = || scope::select::<unit::Entity>(alpha.scope()).into_query();
    let mut streams: Vec<_> =
        (0..STREAMS).map(|_| Box::pin(stream_rows(&store, codes(), |row| row.try_get::<String>("", "code")))).collect();
    let mut taken = Vec::new();
    for stream in &mut streams {
        // The first row of a stream that got its turn, or the wait of one that did not: either way
        // its task is under way.
        taken.push(tokio::select! {
            first = stream.next() => usize::from(first.is_some_and(|row| row.is_ok())),
            () = tokio::time::sleep(std::time::Duration::from_millis(50)) => 0,
        });
    }
    assert!(taken.contains(&1), "some reports are under way");

    // A write still finds a connection (without a cap on streams it waited for the pool's
    // timeout and failed).
    store
        .write(&alpha.admin(), async |tx| units::create(tx, new_unit("LATE")).await)
        .await
        .expect("a write while reports wait for their readers");

    // Read at last, every report arrives whole, those that waited for their turn included.
    let reports = join_all(streams.into_iter().map(|stream| stream.collect::<Vec<_>>())).await;
    for (rows, taken) in reports.into_iter().zip(taken) {
        assert!(rows.iter().all(Result::is_ok));
        assert!(taken + rows.len() >= UNITS, "{taken} + {} rows", rows.len());
    }
}
