//! Layout helpers shared by the writers that place text themselves (txt, pdf).

pub mod linebreak;
pub mod table;
