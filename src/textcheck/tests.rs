//! Tests of the whole text check on invented prose.
