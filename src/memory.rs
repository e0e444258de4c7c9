//! Giving freed memory back to the system between the stages of a run.
//!
//! The allocator keeps memory a stage has freed for the next allocations.
//! A consolidation's stages are unlike each other (reading workbooks on
//! several threads, polars frames, the output workbook), so what one stage
//! frees the next one rarely fits into: the freed pages stay resident and
//! add up, and a run over thousands of files would look as if it kept
//! every file. Handing them back at the end of each stage (and every few
//! hundred files while reading) keeps the resident size at what the
//! current stage really holds.
//!
//! With glibc (Linux) this is `malloc_trim(0)`, which returns every whole
//! free page of every arena; elsewhere the allocators return memory on
//! their own and this does nothing.

/// Returns the allocator's free pages to the system (see the module).
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: malloc_trim only walks and trims the allocator's own free
        // lists under its locks; it takes no pointer and touches no live
        // allocation.
        unsafe {
            libc::malloc_trim(0);
        }
    }
}
