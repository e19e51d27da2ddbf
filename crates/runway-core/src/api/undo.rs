//! Undo and redo of ordinary edits (D10), as the Edit menu offers them. The stack and the restore
//! of each entity are runway-store's ([`crate::store::undo`]).

use crate::Planner;
use crate::dto::UndoState;
use crate::error::Result;
use crate::store::undo;

impl Planner {
    /// What undo and redo would do now.
    pub fn undo_state(&self) -> Result<UndoState> {
        let (undo, redo) = undo::labels(&self.conn)?;
        Ok(UndoState { undo, redo })
    }

    /// Undoes the latest edit not yet undone; answers the message for the status line and the key of
    /// the release it touched.
    pub fn undo(&mut self) -> Result<(String, String)> {
        self.write(|w| undo::step(w, false))?
    }

    /// Redoes the edit undone last.
    pub fn redo(&mut self) -> Result<(String, String)> {
        self.write(|w| undo::step(w, true))?
    }
}
