//! Keeping the database file sound: a consistent copy while the server
//! runs, the WAL folded back at shutdown, the integrity check.

use std::path::Path;

use super::{Result, Store, db};

impl Store {
    /// A consistent copy of the database at `path` (which must not exist),
    /// taken while the server runs: restore by starting on the copy.
    pub fn backup(&self, path: &Path) -> Result<()> {
        let target = path
            .to_str()
            .ok_or_else(|| format!("备份文件名 {} 不是 UTF-8", path.display()))?;
        self.conn()
            .execute("VACUUM INTO ?1", [target])
            .map_err(|e| format!("无法备份到 {}：{e}", path.display()))?;
        Ok(())
    }
    /// Writes the WAL into the main file; called at shutdown so the database
    /// is one file again.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(db)
    }
    /// `PRAGMA integrity_check`: "ok" for a sound database.
    pub fn integrity(&self) -> Result<String> {
        self.reader()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(db)
    }
}
