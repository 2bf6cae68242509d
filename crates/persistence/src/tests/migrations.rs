//! The migrations, on a real database: each one can be rolled back and applied again, so an
//! operator who must step back from a release can.

use sea_orm_migration::MigratorTrait;

use crate::Store;
use crate::migration::Migrator;
use crate::testing::TestDatabase;

#[tokio::test]
async fn every_migration_rolls_back_and_applies_again() {
    let db = TestDatabase::empty().await;
    let store = Store::connect(&db.url).await.unwrap();
    store.migrate().await.unwrap();
    let count = Migrator::migrations().len() as u32;
    Migrator::down(store.db(), Some(count)).await.unwrap();
    assert_eq!(store.pending_migrations().await.unwrap(), count as usize, "every migration rolled back");
    store.migrate().await.unwrap();
    assert_eq!(store.pending_migrations().await.unwrap(), 0);
    store.close().await.unwrap();
}
