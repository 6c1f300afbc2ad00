//! The values that cross [`super::Db`]: SQLite's five storage classes, written once and bound
//! on either database.

use rusqlite::types::{ToSqlOutput, ValueRef};

/// A parameter, borrowed.
#[derive(Debug, Clone, Copy)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

/// A column read, owned.
#[derive(Debug, Clone, PartialEq)]
pub enum Owned {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl From<ValueRef<'_>> for Owned {
    fn from(value: ValueRef<'_>) -> Self {
        match value {
            ValueRef::Null => Self::Null,
            ValueRef::Integer(i) => Self::Int(i),
            ValueRef::Real(r) => Self::Real(r),
            ValueRef::Text(t) => Self::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Self::Blob(b.to_vec()),
        }
    }
}

impl rusqlite::ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match *self {
            Self::Null => ValueRef::Null,
            Self::Int(i) => ValueRef::Integer(i),
            Self::Real(r) => ValueRef::Real(r),
            Self::Text(t) => ValueRef::Text(t.as_bytes()),
            Self::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

/// A Rust value bound as a parameter.
pub trait ToValue {
    fn to_value(&self) -> Value<'_>;
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value<'_> {
        (**self).to_value()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value<'_> {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}

macro_rules! int_to_value {
    ($($t:ty)*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value<'_> {
                Value::Int(i64::from(*self))
            }
        }
    )*};
}
int_to_value!(i64 i32 u32 u16 u8 bool);

impl ToValue for f64 {
    fn to_value(&self) -> Value<'_> {
        Value::Real(*self)
    }
}

impl ToValue for str {
    fn to_value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl ToValue for String {
    fn to_value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl ToValue for [u8] {
    fn to_value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl ToValue for Vec<u8> {
    fn to_value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl<const N: usize> ToValue for [u8; N] {
    fn to_value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl ToValue for Value<'_> {
    fn to_value(&self) -> Value<'_> {
        *self
    }
}

/// A Rust value read from a column; the error says what did not fit.
pub trait FromValue: Sized {
    fn from_value(value: Owned) -> Result<Self, String>;
}

impl FromValue for Owned {
    fn from_value(value: Owned) -> Result<Self, String> {
        Ok(value)
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: Owned) -> Result<Self, String> {
        match value {
            Owned::Null => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}

fn wrong(value: &Owned, want: &str) -> String {
    let got = match value {
        Owned::Null => "NULL",
        Owned::Int(_) => "an integer",
        Owned::Real(_) => "a real",
        Owned::Text(_) => "text",
        Owned::Blob(_) => "bytes",
    };
    format!("{got} where {want} was expected")
}

macro_rules! int_from_value {
    ($($t:ty)*) => {$(
        impl FromValue for $t {
            fn from_value(value: Owned) -> Result<Self, String> {
                match value {
                    Owned::Int(i) => <$t>::try_from(i)
                        .map_err(|_| format!("{i} is out of range for {}", stringify!($t))),
                    other => Err(wrong(&other, "an integer")),
                }
            }
        }
    )*};
}
int_from_value!(i64 i32 u32 u64 usize u16 u8);

impl FromValue for bool {
    fn from_value(value: Owned) -> Result<Self, String> {
        match value {
            Owned::Int(i) => Ok(i != 0),
            other => Err(wrong(&other, "a boolean")),
        }
    }
}

impl FromValue for f64 {
    fn from_value(value: Owned) -> Result<Self, String> {
        match value {
            Owned::Real(r) => Ok(r),
            #[expect(
                clippy::cast_precision_loss,
                reason = "as SQLite reads an integer as a real"
            )]
            Owned::Int(i) => Ok(i as f64),
            other => Err(wrong(&other, "a real")),
        }
    }
}

impl FromValue for String {
    fn from_value(value: Owned) -> Result<Self, String> {
        match value {
            Owned::Text(t) => Ok(t),
            other => Err(wrong(&other, "text")),
        }
    }
}

impl FromValue for Vec<u8> {
    fn from_value(value: Owned) -> Result<Self, String> {
        match value {
            Owned::Blob(b) => Ok(b),
            other => Err(wrong(&other, "bytes")),
        }
    }
}

impl<const N: usize> FromValue for [u8; N] {
    fn from_value(value: Owned) -> Result<Self, String> {
        match value {
            Owned::Blob(b) => {
                let len = b.len();
                b.try_into()
                    .map_err(|_| format!("{len} bytes where {N} were expected"))
            }
            other => Err(wrong(&other, "bytes")),
        }
    }
}
