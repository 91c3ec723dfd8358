//! cjm: customer journey maps as canonical RON, with a terminal editor and the
//! commands that keep maps healthy in git.

pub mod cli;
pub mod diff;
pub mod edit;
pub mod export;
pub mod files;
pub mod format;
pub mod git;
pub mod import;
pub mod live;
pub mod model;
pub mod outline;
pub mod recovery;
pub mod report;
pub mod store;
pub mod text;
pub mod tui;
