//! Changes of one write that need nothing from each other, sent to the database at once.
//!
//! A write that decides several requests together (orders issued together, see
//! `orders::issue_many`) ends with a handful of changes: counters moved, rows inserted, the audit
//! chain appended and its head moved. None of them needs an answer from another, only the number
//! of rows it touched. On PostgreSQL each is a data-modifying part of one `WITH` query, so they
//! cost one round trip to the server instead of one each, and the write holds its locks that
//! much shorter. SQLite answers in-process, where a round trip costs nothing; there they run one
//! after another.
//!
//! PostgreSQL runs the parts of one query on one snapshot: a change must not touch a row another
//! change of the same query touches, nor read what another one writes. The changes here move
//! rows the write already locked and read, or insert rows nothing else in the query reads.

use sea_orm::sea_query::{
    Alias, Asterisk, CommonTableExpression, Expr, ExprTrait, InsertStatement, OnConflict, Query, SubQueryStatement,
    UpdateStatement, WithClause, WithQuery,
};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbBackend, DbErr, EntityName, EntityTrait, InsertMany, QueryTrait, UpdateMany,
};

/// A change to make at once with others, and how many rows it must touch.
pub(crate) struct Change {
    table: String,
    statement: Statement,
    /// Rows the change must touch; any other count means the write went wrong.
    pub(crate) rows: u64,
}

enum Statement {
    Update(UpdateStatement),
    Insert(InsertStatement),
}

impl Change {
    pub(crate) fn update<E: EntityTrait>(update: UpdateMany<E>, rows: u64) -> Self {
        Change { table: E::default().table_name().to_owned(), statement: Statement::Update(update.into_query()), rows }
    }

    pub(crate) fn insert<A: ActiveModelTrait>(insert: InsertMany<A>, rows: u64) -> Self {
        Change {
            table: A::Entity::default().table_name().to_owned(),
            statement: Statement::Insert(insert.into_query()),
            rows,
        }
    }

    /// The insert, where a row meets one with the same `conflict` columns, applying `conflict`'s
    /// update instead; a row the update's condition leaves alone is not touched.
    pub(crate) fn on_conflict(mut self, conflict: OnConflict) -> Self {
        if let Statement::Insert(insert) = &mut self.statement {
            insert.on_conflict(conflict);
        }
        self
    }

    /// The table the change writes, to name the rule a failed change broke.
    pub(crate) fn table(&self) -> &str {
        &self.table
    }
}

/// Makes `changes`: how many rows each touched, in their order. The statements are moved into
/// the one sent, not copied: an insert of a group's orders holds some two thousand values.
pub(crate) async fn run(conn: &impl ConnectionTrait, changes: Vec<Change>) -> Result<Vec<u64>, DbErr> {
    if conn.get_database_backend() == DbBackend::Postgres && changes.len() > 1 {
        return in_one_statement(conn, changes).await;
    }
    let mut touched = Vec::with_capacity(changes.len());
    for change in changes {
        let done = match &change.statement {
            Statement::Update(update) => conn.execute(update).await?,
            Statement::Insert(insert) => conn.execute(insert).await?,
        };
        touched.push(done.rows_affected());
    }
    Ok(touched)
}

/// `WITH change_0 AS (UPDATE ... RETURNING 1), change_1 AS (INSERT ... RETURNING 1), ...
/// SELECT (SELECT COUNT(*) FROM change_0), (SELECT COUNT(*) FROM change_1), ...`
async fn in_one_statement(conn: &impl ConnectionTrait, changes: Vec<Change>) -> Result<Vec<u64>, DbErr> {
    let count = changes.len();
    let mut with = WithClause::new();
    let mut touched = Query::select();
    for (index, change) in changes.into_iter().enumerate() {
        let name = Alias::new(format!("change_{index}"));
        let one = Query::returning().expr(Expr::cust("1"));
        let statement: SubQueryStatement = match change.statement {
            Statement::Update(mut update) => {
                update.returning(one);
                update.into()
            }
            Statement::Insert(mut insert) => {
                insert.returning(one);
                insert.into()
            }
        };
        let mut cte = CommonTableExpression::new();
        cte.table_name(name.clone()).query(statement);
        with.cte(cte);
        let mut rows = Query::select();
        rows.expr(Expr::col(Asterisk).count()).from(name.clone());
        touched.expr_as(Expr::SubQuery(None, Box::new(rows.into())), name);
    }
    let mut query = WithQuery::new();
    query.with_clause(with).query(touched);
    let row = conn
        .query_one(&query)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("the counts of changes made at once".into()))?;
    (0..count)
        .map(|index| {
            let rows: i64 = row.try_get_by_index(index)?;
            u64::try_from(rows).map_err(|err| DbErr::Type(err.to_string()))
        })
        .collect()
}
