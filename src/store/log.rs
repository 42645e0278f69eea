//! The audit log: who changed what and when, per unit.

use super::{Result, Store, db, log_in};

impl Store {
    /// The audit log of one unit, newest first.
    pub fn log(&self, id: &str) -> Result<Vec<(String, String, String, String)>> {
        let conn = self.reader();
        let mut st = conn
            .prepare("SELECT at, who, action, detail FROM log WHERE unit_id = ?1 ORDER BY id DESC")
            .map_err(db)?;
        st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(db)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db)
    }
    /// An entry of the audit log that changes nothing else.
    pub fn note(&self, id: &str, who: &str, action: &str, detail: &str) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(db)?;
        log_in(&tx, who, Some(id), action, detail)?;
        tx.commit().map_err(db)
    }
}
