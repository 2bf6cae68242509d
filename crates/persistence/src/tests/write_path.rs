//! One write path: commands compose in one transaction, every change is audited, failures undo
//! everything.

use mitra_domain::audit::AuditAction;

use super::{fixture, head, new_unit, unit_row};
use crate::audit::{self, AuditFilter};
use crate::page::PageRequest;
use crate::{Conflict, Exempt, StoreError, sessions, units};

#[tokio::test]
async fn commands_compose_in_one_write_and_each_event_is_chained() {
    let (store, _db, alpha, _) = fixture().await;
    let before = head(&store, &alpha).await;
    let (first, second) = store
        .write(&alpha.admin(), async |tx| {
            let first = units::create(tx, new_unit("SETWAN")).await?;
            let second = units::create(tx, new_unit("PROKOPIM")).await?;
            Ok((first, second))
        })
        .await
        .unwrap();
    assert_eq!(head(&store, &alpha).await, before + 2);
    let events = audit::list(&store, alpha.scope(), &AuditFilter::default(), PageRequest { limit: 2, after: None })
        .await
        .unwrap()
        .items;
    let recorded: Vec<(i64, AuditAction, String)> =
        events.iter().map(|event| (event.sequence, event.action, event.entity_id.clone())).collect();
    assert_eq!(
        recorded,
        [
            (before + 2, AuditAction::UnitCreated, second.id.to_string()),
            (before + 1, AuditAction::UnitCreated, first.id.to_string()),
        ]
    );
    assert_eq!(events[0].actor_id, Some(alpha.admin_id));
    assert_eq!(events[0].request_id.as_deref(), Some("test"));
    assert!(audit::verify(&store, alpha.scope()).await.unwrap().is_valid());
}

#[tokio::test]
async fn a_failing_command_undoes_the_whole_write() {
    let (store, _db, alpha, _) = fixture().await;
    let before = head(&store, &alpha).await;
    let outcome = store
        .write(&alpha.admin(), async |tx| {
            units::create(tx, new_unit("SETWAN")).await?;
            units::create(tx, new_unit("DISKOMINFO")).await
        })
        .await;
    assert!(matches!(outcome, Err(StoreError::Conflict(Conflict::UnitCodeTaken))), "{outcome:?}");
    let listed = units::list(&store, alpha.scope(), PageRequest { limit: 10, after: None }).await.unwrap();
    assert_eq!(listed.items.len(), 1, "SETWAN was rolled back with the rest");
    assert_eq!(head(&store, &alpha).await, before, "no event of the undone write remains");
}

#[tokio::test]
async fn a_change_without_an_audit_event_is_refused_and_undone() {
    let (store, _db, alpha, _) = fixture().await;
    let before = head(&store, &alpha).await;
    let outcome = store.write(&alpha.admin(), async |tx| tx.insert(unit_row("SILENT", 1)).await).await;
    assert!(matches!(outcome, Err(StoreError::Unaudited)), "{outcome:?}");
    let listed = units::list(&store, alpha.scope(), PageRequest { limit: 10, after: None }).await.unwrap();
    assert!(listed.items.iter().all(|unit| unit.code != "SILENT"));
    assert_eq!(head(&store, &alpha).await, before);
}

#[tokio::test]
async fn a_write_that_changes_nothing_needs_no_event() {
    let (store, _db, alpha, beta) = fixture().await;
    let before = head(&store, &alpha).await;
    let user = store.write(&alpha.admin(), async |tx| crate::users::set_active(tx, beta.admin_id, true).await).await;
    assert!(matches!(user, Err(StoreError::NotFound)), "another organisation's user is not found: {user:?}");
    let user = store.write(&alpha.admin(), async |tx| crate::users::set_active(tx, alpha.admin_id, true).await).await;
    assert!(user.is_ok_and(|user| user.active), "enabling an active user is a no-op");
    assert_eq!(head(&store, &alpha).await, before);
}

#[tokio::test]
async fn exempt_writes_may_change_without_events() {
    let (store, _db, alpha, _) = fixture().await;
    let before = head(&store, &alpha).await;
    let now = chrono::Utc::now();
    sessions::record_failure(&store, &["user:someone".to_owned()], now, now - chrono::Duration::hours(1))
        .await
        .unwrap();
    let failures = sessions::failures_since(&store, "user:someone", now - chrono::Duration::minutes(1)).await.unwrap();
    assert_eq!(failures.len(), 1);
    assert_eq!(head(&store, &alpha).await, before);
    let outcome =
        store.write_exempt(Exempt::LoginThrottle, None, async |tx| units::create(tx, new_unit("X1")).await).await;
    assert!(matches!(outcome, Err(StoreError::Unscoped)), "an exempt write acts for no organisation: {outcome:?}");
}

#[tokio::test]
async fn concurrent_writers_queue_on_the_chain_head() {
    let (store, _db, alpha, _) = fixture().await;
    let before = head(&store, &alpha).await;
    let writes = (0..8).map(|i| {
        let (store, ctx) = (store.clone(), alpha.admin());
        async move { store.write(&ctx, async |tx| units::create(tx, new_unit(&format!("U-{i}"))).await).await }
    });
    let outcomes = futures_join(writes).await;
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    assert_eq!(head(&store, &alpha).await, before + 8);
    assert!(audit::verify(&store, alpha.scope()).await.unwrap().is_valid());
}

/// Runs futures concurrently on this task (the write futures are not `Send`).
async fn futures_join<F: std::future::Future>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    let mut pending: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut done = true;
        for (future, output) in pending.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(value) => *output = Some(value),
                    std::task::Poll::Pending => done = false,
                }
            }
        }
        if done { std::task::Poll::Ready(()) } else { std::task::Poll::Pending }
    })
    .await;
    outputs.into_iter().flatten().collect()
}

/// Changes made at once (one statement on PostgreSQL, one after another on SQLite) are each
/// checked for the rows they touch; one that misses undoes the whole write, what was made at once
/// with it included.
#[tokio::test]
async fn changes_made_at_once_are_all_kept_or_none() {
    use crate::entities::unit;

    let (store, _db, alpha, _) = fixture().await;
    let before = head(&store, &alpha).await;
    let codes = async || {
        let listed = units::list(&store, alpha.scope(), PageRequest { limit: 50, after: None }).await.unwrap();
        let mut codes: Vec<String> =
            listed.items.into_iter().map(|unit| unit.code).filter(|c| c.starts_with("AT-")).collect();
        codes.sort();
        codes
    };

    store
        .write(&alpha.admin(), async |tx| {
            units::create(tx, new_unit("AT-1")).await?;
            let two = tx.inserting_many(vec![unit_row("AT-2", 1), unit_row("AT-3", 1)])?;
            let one = tx.inserting_many(vec![unit_row("AT-4", 1)])?;
            let none = tx.inserting_many(Vec::<unit::ActiveModel>::new())?;
            assert!(none.is_none(), "no rows, no change");
            tx.at_once(vec![two, none, one]).await
        })
        .await
        .unwrap();
    assert_eq!(codes().await, ["AT-1", "AT-2", "AT-3", "AT-4"]);
    assert_eq!(head(&store, &alpha).await, before + 1);

    let missing = store
        .write(&alpha.admin(), async |tx| {
            units::create(tx, new_unit("AT-5")).await?;
            let inserted = tx.inserting_many(vec![unit_row("AT-6", 1)])?;
            tx.at_once(vec![inserted, Some(an_update_of_no_row(tx)?)]).await
        })
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    assert_eq!(codes().await, ["AT-1", "AT-2", "AT-3", "AT-4"], "AT-5 and AT-6 were undone with the miss");
    assert_eq!(head(&store, &alpha).await, before + 1);
}

/// A change left for the commit that touches other rows than it says fails the write with its
/// own error, and nothing of the write is kept: neither its rows nor its events.
#[tokio::test]
async fn a_change_at_commit_that_misses_fails_the_write_whole() {
    let (store, _db, alpha, _) = fixture().await;
    let before = head(&store, &alpha).await;
    let outcome = store
        .write(&alpha.admin(), async |tx| {
            units::create(tx, new_unit("AT-COMMIT")).await?;
            let nothing = an_update_of_no_row(tx)?;
            tx.at_commit(Exempt::IdempotencyKey, nothing, || {
                StoreError::Conflict(Conflict::IdempotencyKeyTakenMeanwhile)
            });
            Ok(())
        })
        .await;
    assert!(matches!(outcome, Err(StoreError::Conflict(Conflict::IdempotencyKeyTakenMeanwhile))), "{outcome:?}");
    let listed = units::list(&store, alpha.scope(), PageRequest { limit: 50, after: None }).await.unwrap();
    assert!(listed.items.iter().all(|unit| unit.code != "AT-COMMIT"));
    assert_eq!(head(&store, &alpha).await, before, "no event of the failed write was appended");
}

/// A change updating a unit that is not there, which says it touches one row.
fn an_update_of_no_row(tx: &crate::Tx) -> Result<crate::at_once::Change, StoreError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    use sea_orm::{ColumnTrait, QueryFilter};

    use crate::entities::unit;

    let nothing = crate::scope::update::<unit::Entity>(tx.scope()?)
        .col_expr(unit::Column::Version, Expr::col(unit::Column::Version).add(1))
        .filter(unit::Column::Id.eq(uuid::Uuid::now_v7()));
    Ok(crate::at_once::Change::update(nothing, 1))
}
