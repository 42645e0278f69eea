//! Browser sessions: made by signing in with a token, each with the CSRF
//! token its page's changes must carry.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, db, time};

/// Who a session belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Office,
    Unit(String),
}

/// A browser session: whose, and the token its changes must carry.
#[derive(Debug, Clone)]
pub struct Session {
    pub role: Role,
    pub csrf: String,
}

impl Store {
    pub fn create_session(&self, id_hash: &str, role: &Role, csrf: &str) -> Result<()> {
        let (role, unit) = match role {
            Role::Office => ("office", None),
            Role::Unit(u) => ("unit", Some(u.as_str())),
        };
        self.conn()
            .execute(
                "INSERT INTO sessions (id_hash, role, unit_id, csrf, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id_hash, role, unit, csrf, time::now()],
            )
            .map_err(db)?;
        Ok(())
    }
    pub fn session(&self, id_hash: &str) -> Result<Option<Session>> {
        self.reader()
            .query_row(
                "SELECT role, unit_id, csrf FROM sessions WHERE id_hash = ?1",
                [id_hash],
                |r| {
                    let role: String = r.get(0)?;
                    let unit: Option<String> = r.get(1)?;
                    Ok(Session {
                        role: match (role.as_str(), unit) {
                            ("unit", Some(u)) => Role::Unit(u),
                            _ => Role::Office,
                        },
                        csrf: r.get(2)?,
                    })
                },
            )
            .optional()
            .map_err(db)
    }
}
