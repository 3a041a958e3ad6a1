//! The four stages. Each reads only the previous stage's files in the work folder
//! (`store::layout`) and the curated layer, so any stage can be rerun alone; no stage
//! imports another.

pub mod extract;
pub mod normalize;
pub mod publish;
pub mod validate;
