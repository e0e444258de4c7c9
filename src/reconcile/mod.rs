//! reconcile stage.
