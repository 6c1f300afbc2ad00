//! [`PgConn`]: one PostgreSQL connection for [`super::Db`], with its prepared statements, and
//! the two conversions between [`Value`]/[`Owned`] and PostgreSQL's types.

use std::error::Error as StdError;

use bytes::BytesMut;
use postgres::types::{IsNull, ToSql, Type};
use postgres::{Client, NoTls};

use super::{Error, Owned, Result, StatementCache, Value, postgres_placeholders};

/// See the module docs.
pub struct PgConn {
    client: Client,
    statements: StatementCache,
}

impl std::fmt::Debug for PgConn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgConn").finish_non_exhaustive()
    }
}

impl PgConn {
    /// Connects to `url` (libpq's URL form). No TLS: the database is expected on the same
    /// host or a private network.
    pub fn connect(url: &str) -> Result<Self> {
        Ok(Self {
            client: Client::connect(url, NoTls)?,
            statements: StatementCache::new(),
        })
    }

    /// The client itself, for the sync store's own queries (`store/postgres.rs`).
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    /// The client alone, its statement cache dropped.
    pub fn into_client(self) -> Client {
        self.client
    }

    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    fn statement(&mut self, sql: &str) -> Result<postgres::Statement> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(&postgres_placeholders(sql))?;
        self.statements.insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    pub(super) fn execute(&mut self, sql: &str, values: &[Value<'_>]) -> Result<usize> {
        let statement = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> =
            values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let changed = self.client.execute(&statement, &params)?;
        Ok(usize::try_from(changed).unwrap_or(usize::MAX))
    }

    pub(super) fn query(&mut self, sql: &str, values: &[Value<'_>]) -> Result<Vec<postgres::Row>> {
        let statement = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> =
            values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        Ok(self.client.query(&statement, &params)?)
    }

    pub(super) fn batch_execute(&mut self, sql: &str) -> Result<()> {
        // A schema change may leave cached statements describing old columns.
        if !matches!(sql, "BEGIN" | "COMMIT" | "ROLLBACK") {
            self.statements.clear();
        }
        Ok(self.client.batch_execute(sql)?)
    }
}

/// Column `idx` of `row` as the value model; `NUMERIC` and other types no statement here
/// returns are refused with their name.
pub(super) fn read(row: &postgres::Row, idx: usize) -> Result<Owned> {
    let ty = row
        .columns()
        .get(idx)
        .ok_or(Error::Invalid("no such column"))?
        .type_()
        .clone();
    let got = |e: postgres::Error| Error::Postgres(e);
    let value = if ty == Type::INT8 {
        row.try_get::<_, Option<i64>>(idx)
            .map_err(got)?
            .map(Owned::Int)
    } else if ty == Type::INT4 {
        row.try_get::<_, Option<i32>>(idx)
            .map_err(got)?
            .map(|i| Owned::Int(i64::from(i)))
    } else if ty == Type::INT2 {
        row.try_get::<_, Option<i16>>(idx)
            .map_err(got)?
            .map(|i| Owned::Int(i64::from(i)))
    } else if ty == Type::BOOL {
        row.try_get::<_, Option<bool>>(idx)
            .map_err(got)?
            .map(|b| Owned::Int(i64::from(b)))
    } else if ty == Type::FLOAT8 {
        row.try_get::<_, Option<f64>>(idx)
            .map_err(got)?
            .map(Owned::Real)
    } else if ty == Type::FLOAT4 {
        row.try_get::<_, Option<f32>>(idx)
            .map_err(got)?
            .map(|r| Owned::Real(f64::from(r)))
    } else if ty == Type::BYTEA {
        row.try_get::<_, Option<Vec<u8>>>(idx)
            .map_err(got)?
            .map(Owned::Blob)
    } else if [Type::TEXT, Type::VARCHAR, Type::BPCHAR, Type::NAME].contains(&ty) {
        row.try_get::<_, Option<String>>(idx)
            .map_err(got)?
            .map(Owned::Text)
    } else {
        return Err(Error::Conversion(
            idx,
            format!("PostgreSQL type {ty} is not read (cast it in the statement)"),
        ));
    };
    Ok(value.unwrap_or(Owned::Null))
}

type BoxError = Box<dyn StdError + Sync + Send>;

impl ToSql for Value<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> std::result::Result<IsNull, BoxError> {
        match *self {
            Self::Null => Ok(IsNull::Yes),
            Self::Int(i) => {
                if *ty == Type::INT8 {
                    i.to_sql(ty, out)
                } else if *ty == Type::INT4 {
                    i32::try_from(i)?.to_sql(ty, out)
                } else if *ty == Type::INT2 {
                    i16::try_from(i)?.to_sql(ty, out)
                } else if *ty == Type::BOOL {
                    (i != 0).to_sql(ty, out)
                } else if *ty == Type::FLOAT8 {
                    #[expect(clippy::cast_precision_loss, reason = "as SQLite would")]
                    (i as f64).to_sql(ty, out)
                } else {
                    Err(format!("an integer cannot be bound to a {ty} parameter").into())
                }
            }
            Self::Real(r) => {
                if *ty == Type::FLOAT4 {
                    #[expect(clippy::cast_possible_truncation, reason = "a FLOAT4 column")]
                    (r as f32).to_sql(ty, out)
                } else {
                    r.to_sql(ty, out)
                }
            }
            Self::Text(t) => t.to_sql(ty, out),
            Self::Blob(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_ty: &Type) -> bool {
        // Checked per value in `to_sql`, which says what did not fit.
        true
    }

    postgres::types::to_sql_checked!();
}
