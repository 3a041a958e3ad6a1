//! Root package of the workspace: it holds no code of its own, only the end-to-end tests
//! in `tests/` that run the whole pipeline (crate `pipeline`) on the real corpus and on
//! broken inputs.
