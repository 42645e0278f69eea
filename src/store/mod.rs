//! The report server's database: one SQLite file (WAL) holding the units,
//! every saved version of every report, browser sessions and the audit log.
//! The schema migrates forward by itself (`migrate`), in order, recorded in
//! `PRAGMA user_version`.
//!
//! One connection behind a mutex: SQLite serialises writers anyway, and the
//! work the server does per request (check, render) happens outside the lock.
//! `synchronous = NORMAL` in WAL mode keeps every committed transaction
//! across a killed process (the WAL is written before the commit returns);
//! only a power cut may lose the last ones.

mod log;
mod session;
pub mod time;
mod upkeep;

pub use session::{Role, Session};

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension, params};

/// The migrations, in order; the database's `user_version` says how many ran.
const MIGRATIONS: &[&str] = &[
    // 1: units, versions, sessions, log, meta.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
     CREATE TABLE units (
       id TEXT PRIMARY KEY,
       name TEXT NOT NULL,
       level TEXT NOT NULL,
       year INTEGER NOT NULL,
       contact TEXT NOT NULL DEFAULT '',
       token_hash TEXT NOT NULL UNIQUE,
       status TEXT NOT NULL DEFAULT 'empty',
       comment TEXT NOT NULL DEFAULT '',
       version INTEGER NOT NULL DEFAULT 0,
       errors INTEGER NOT NULL DEFAULT 0,
       warnings INTEGER NOT NULL DEFAULT 0,
       created_at TEXT NOT NULL,
       updated_at TEXT,
       submitted_at TEXT
     );
     CREATE INDEX units_name ON units(name, year);
     CREATE TABLE versions (
       unit_id TEXT NOT NULL REFERENCES units(id),
       version INTEGER NOT NULL,
       at TEXT NOT NULL,
       by TEXT NOT NULL,
       status TEXT NOT NULL,
       errors INTEGER NOT NULL,
       warnings INTEGER NOT NULL,
       text TEXT NOT NULL,
       PRIMARY KEY (unit_id, version)
     );
     CREATE TABLE sessions (
       id_hash TEXT PRIMARY KEY,
       role TEXT NOT NULL,
       unit_id TEXT,
       csrf TEXT NOT NULL,
       created_at TEXT NOT NULL
     );
     CREATE TABLE log (
       id INTEGER PRIMARY KEY,
       at TEXT NOT NULL,
       who TEXT NOT NULL,
       unit_id TEXT,
       action TEXT NOT NULL,
       detail TEXT NOT NULL DEFAULT ''
     );",
    // 2: a page's autosaves, so a run of them can be kept as one version.
    "ALTER TABLE versions ADD COLUMN autosave INTEGER NOT NULL DEFAULT 0;",
];

/// A page's autosave replaces the version before it when that one was an
/// autosave of the same unit, still a draft, made less than this long ago:
/// typing a report is then tens of versions, not thousands.
const SQUASH_SECONDS: i64 = 600;

/// The database.
pub struct Store {
    conn: Mutex<Connection>,
    /// A second connection for reads: in WAL mode readers never wait for
    /// the writer, so signing in and reading never queue behind a save.
    /// `None` for an in-memory database (a second connection would be
    /// another database).
    read: Option<Mutex<Connection>>,
}

/// A unit as the office sees it in a list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub level: String,
    pub year: i32,
    pub contact: String,
    pub status: String,
    pub comment: String,
    /// The current version; 0 before the first save.
    pub version: i64,
    pub errors: i64,
    pub warnings: i64,
    pub created_at: String,
    pub updated_at: Option<String>,
    pub submitted_at: Option<String>,
}

/// One saved version, for the history.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VersionInfo {
    pub version: String,
    pub at: String,
    pub by: String,
    pub status: String,
    pub errors: i64,
    pub warnings: i64,
}

/// A unit to create (in bulk).
pub struct NewUnit {
    pub id: String,
    pub name: String,
    pub level: String,
    pub year: i32,
    pub contact: String,
    pub token_hash: String,
}

/// What a save is given besides the text.
pub struct NewVersion<'a> {
    pub text: &'a str,
    pub by: &'a str,
    pub errors: i64,
    pub warnings: i64,
    /// Saved by the page as the user types (may replace the version
    /// before it, see `SQUASH_SECONDS`).
    pub autosave: bool,
}

/// Why a save was not taken.
#[derive(Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The version the client edited is not the current one.
    Stale {
        current: i64,
    },
    /// An approved report is final.
    Approved,
    NoUnit,
    Db(String),
}

impl From<rusqlite::Error> for SaveError {
    fn from(e: rusqlite::Error) -> Self {
        SaveError::Db(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, String>;

fn db(e: rusqlite::Error) -> String {
    format!("数据库错误：{e}")
}

const UNIT_COLUMNS: &str = "id, name, level, year, contact, status, comment, version, errors, warnings, created_at, updated_at, submitted_at";

fn unit_row(r: &rusqlite::Row) -> rusqlite::Result<Unit> {
    Ok(Unit {
        id: r.get(0)?,
        name: r.get(1)?,
        level: r.get(2)?,
        year: r.get(3)?,
        contact: r.get(4)?,
        status: r.get(5)?,
        comment: r.get(6)?,
        version: r.get(7)?,
        errors: r.get(8)?,
        warnings: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
        submitted_at: r.get(12)?,
    })
}

impl Store {
    /// Opens (creating if missing) and migrates the database.
    pub fn open(path: &Path) -> Result<Store> {
        let open = || {
            Connection::open(path).map_err(|e| format!("无法打开数据库 {}：{e}", path.display()))
        };
        let mut store = Self::setup(open()?)?;
        let read = open()?;
        read.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(db)?;
        read.execute_batch("PRAGMA query_only = ON;").map_err(db)?;
        store.read = Some(Mutex::new(read));
        Ok(store)
    }

    /// An in-memory database, for unit tests.
    pub fn memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory().map_err(db)?)
    }

    fn setup(conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(db)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
        )
        .map_err(db)?;
        let store = Store {
            conn: Mutex::new(conn),
            read: None,
        };
        store.migrate()?;
        Ok(store)
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (the
        // transaction rolls back when dropped): keep serving.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The connection for reads.
    fn reader(&self) -> MutexGuard<'_, Connection> {
        match &self.read {
            Some(r) => r.lock().unwrap_or_else(|e| e.into_inner()),
            None => self.conn(),
        }
    }

    fn migrate(&self) -> Result<()> {
        let mut conn = self.conn();
        let done: usize = conn
            .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .map_err(db)? as usize;
        if done > MIGRATIONS.len() {
            return Err(format!(
                "数据库由更新版本的 govreport 创建（结构版本 {done}，本程序只认识到 {}）；请升级 govreport",
                MIGRATIONS.len()
            ));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
            let tx = conn.transaction().map_err(db)?;
            tx.execute_batch(sql).map_err(db)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)
                .map_err(db)?;
            tx.commit().map_err(db)?;
        }
        Ok(())
    }

    /// The schema version (number of migrations applied).
    pub fn schema_version(&self) -> Result<i64> {
        self.reader()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(db)
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        self.reader()
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(db)
    }

    /// Sets `key` only if it is not set; true when it was set now.
    pub fn meta_init(&self, key: &str, value: &str) -> Result<bool> {
        let n = self
            .conn()
            .execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)",
                params![key, value],
            )
            .map_err(db)?;
        Ok(n == 1)
    }

    pub fn meta_set(&self, key: &str, value: &str) -> Result<()> {
        self.conn()
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map_err(db)?;
        Ok(())
    }

    pub fn create_unit(
        &self,
        id: &str,
        name: &str,
        level: &str,
        year: i32,
        contact: &str,
        token_hash: &str,
    ) -> Result<Unit> {
        let now = time::now();
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(db)?;
        tx.execute(
            "INSERT INTO units (id, name, level, year, contact, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, name, level, year, contact, token_hash, now],
        )
        .map_err(db)?;
        log_in(
            &tx,
            "office",
            Some(id),
            "create",
            &format!("{name}（{year}年度）"),
        )?;
        let unit = tx
            .query_row(
                &format!("SELECT {UNIT_COLUMNS} FROM units WHERE id = ?1"),
                [id],
                unit_row,
            )
            .map_err(db)?;
        tx.commit().map_err(db)?;
        Ok(unit)
    }

    /// Creates every unit of a list in one transaction: all or none.
    pub fn create_units(&self, units: &[NewUnit]) -> Result<()> {
        let now = time::now();
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(db)?;
        for u in units {
            tx.execute(
                "INSERT INTO units (id, name, level, year, contact, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![u.id, u.name, u.level, u.year, u.contact, u.token_hash, now],
            )
            .map_err(db)?;
            log_in(
                &tx,
                "office",
                Some(&u.id),
                "create",
                &format!("{}（{}年度）", u.name, u.year),
            )?;
        }
        tx.commit().map_err(db)
    }

    pub fn unit(&self, id: &str) -> Result<Option<Unit>> {
        self.reader()
            .query_row(
                &format!("SELECT {UNIT_COLUMNS} FROM units WHERE id = ?1"),
                [id],
                unit_row,
            )
            .optional()
            .map_err(db)
    }

    pub fn units(&self) -> Result<Vec<Unit>> {
        let conn = self.reader();
        let mut st = conn
            .prepare(&format!(
                "SELECT {UNIT_COLUMNS} FROM units ORDER BY created_at, rowid"
            ))
            .map_err(db)?;
        st.query_map([], unit_row)
            .map_err(db)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db)
    }

    /// The unit whose token hashes to `hash`.
    pub fn unit_by_token(&self, hash: &str) -> Result<Option<String>> {
        self.reader()
            .query_row("SELECT id FROM units WHERE token_hash = ?1", [hash], |r| {
                r.get(0)
            })
            .optional()
            .map_err(db)
    }

    /// Replaces a unit's token and ends its sessions.
    pub fn reissue_token(&self, id: &str, token_hash: &str) -> Result<bool> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(db)?;
        let n = tx
            .execute(
                "UPDATE units SET token_hash = ?2 WHERE id = ?1",
                params![id, token_hash],
            )
            .map_err(db)?;
        if n == 1 {
            tx.execute("DELETE FROM sessions WHERE unit_id = ?1", [id])
                .map_err(db)?;
            log_in(&tx, "office", Some(id), "token", "重新签发访问链接")?;
        }
        tx.commit().map_err(db)?;
        Ok(n == 1)
    }

    /// The text of a version (the current one when `version` is `None`).
    pub fn text(&self, id: &str, version: Option<i64>) -> Result<Option<(i64, String)>> {
        let conn = self.reader();
        let q = match version {
            Some(v) => conn.query_row(
                "SELECT version, text FROM versions WHERE unit_id = ?1 AND version = ?2",
                params![id, v],
                |r| Ok((r.get(0)?, r.get(1)?)),
            ),
            None => conn.query_row(
                "SELECT v.version, v.text FROM versions v JOIN units u ON u.id = v.unit_id AND u.version = v.version WHERE u.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            ),
        };
        q.optional().map_err(db)
    }

    /// Saves a new version if `expected` is the current one (`None`: any, for
    /// a first save only when nothing is saved yet). The unit goes back to
    /// `draft`; an approved report is refused.
    pub fn save(
        &self,
        id: &str,
        expected: Option<i64>,
        v: &NewVersion,
    ) -> std::result::Result<i64, SaveError> {
        let now = time::now();
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let (current, status): (i64, String) = tx
            .query_row(
                "SELECT version, status FROM units WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(SaveError::NoUnit)?;
        if status == "approved" {
            return Err(SaveError::Approved);
        }
        let fresh = match expected {
            Some(e) => e == current,
            None => current == 0,
        };
        if !fresh {
            return Err(SaveError::Stale { current });
        }
        let next = current + 1;
        if v.autosave && current > 0 {
            // The previous autosave of this run of typing gives way.
            let (prev_auto, prev_by, prev_status, prev_at): (bool, String, String, String) = tx.query_row(
                "SELECT autosave, by, status, at FROM versions WHERE unit_id = ?1 AND version = ?2",
                params![id, current],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
            let recent = time::seconds(&prev_at)
                .is_some_and(|t| time::seconds(&now).unwrap_or(0) - t < SQUASH_SECONDS);
            if prev_auto && prev_by == v.by && prev_status == "draft" && recent {
                tx.execute(
                    "DELETE FROM versions WHERE unit_id = ?1 AND version = ?2",
                    params![id, current],
                )?;
            }
        }
        tx.execute(
            "INSERT INTO versions (unit_id, version, at, by, status, errors, warnings, text, autosave) VALUES (?1, ?2, ?3, ?4, 'draft', ?5, ?6, ?7, ?8)",
            params![id, next, now, v.by, v.errors, v.warnings, v.text, v.autosave],
        )?;
        tx.execute(
            "UPDATE units SET version = ?2, status = 'draft', errors = ?3, warnings = ?4, updated_at = ?5 WHERE id = ?1",
            params![id, next, v.errors, v.warnings, now],
        )?;
        log_in(
            &tx,
            v.by,
            Some(id),
            "save",
            &format!("第 {next} 版：{} 个错误，{} 个警告", v.errors, v.warnings),
        )
        .map_err(SaveError::Db)?;
        tx.commit()?;
        Ok(next)
    }

    /// Moves a unit from one of `from` to `to` (with the comment for a
    /// return); false when its status is not one of `from`.
    pub fn transition(
        &self,
        id: &str,
        from: &[&str],
        to: &str,
        who: &str,
        comment: Option<&str>,
    ) -> Result<std::result::Result<(), String>> {
        let now = time::now();
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(db)?;
        let status: Option<String> = tx
            .query_row("SELECT status FROM units WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(db)?;
        let Some(status) = status else {
            return Ok(Err("empty".into()));
        };
        if !from.contains(&status.as_str()) {
            return Ok(Err(status));
        }
        tx.execute(
            "UPDATE units SET status = ?2,
               comment = CASE WHEN ?3 IS NULL THEN comment ELSE ?3 END,
               submitted_at = CASE WHEN ?2 = 'submitted' THEN ?4 ELSE submitted_at END,
               updated_at = ?4
             WHERE id = ?1",
            params![id, to, comment, now],
        )
        .map_err(db)?;
        tx.execute(
            "UPDATE versions SET status = ?2 WHERE unit_id = ?1 AND version = (SELECT version FROM units WHERE id = ?1)",
            params![id, to],
        )
        .map_err(db)?;
        log_in(&tx, who, Some(id), to, comment.unwrap_or(""))?;
        tx.commit().map_err(db)?;
        Ok(Ok(()))
    }

    pub fn history(&self, id: &str) -> Result<Vec<VersionInfo>> {
        let conn = self.reader();
        let mut st = conn
            .prepare(
                "SELECT version, at, by, status, errors, warnings FROM versions WHERE unit_id = ?1 ORDER BY version",
            )
            .map_err(db)?;
        st.query_map([id], |r| {
            Ok(VersionInfo {
                version: r.get::<_, i64>(0)?.to_string(),
                at: r.get(1)?,
                by: r.get(2)?,
                status: r.get(3)?,
                errors: r.get(4)?,
                warnings: r.get(5)?,
            })
        })
        .map_err(db)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db)
    }

    /// Last year's approved report of a unit of the same name, for prefill.
    pub fn approved_text(&self, name: &str, year: i32) -> Result<Option<String>> {
        self.reader()
            .query_row(
                "SELECT v.text FROM units u JOIN versions v ON v.unit_id = u.id AND v.version = u.version
                 WHERE u.name = ?1 AND u.year = ?2 AND u.status = 'approved'
                 ORDER BY u.updated_at DESC LIMIT 1",
                params![name, year],
                |r| r.get(0),
            )
            .optional()
            .map_err(db)
    }
}

fn log_in(
    tx: &rusqlite::Transaction,
    who: &str,
    unit: Option<&str>,
    action: &str,
    detail: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO log (at, who, unit_id, action, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![time::now(), who, unit, action, detail],
    )
    .map_err(db)?;
    Ok(())
}

#[cfg(test)]
mod tests;
