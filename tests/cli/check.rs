//! `tonghop check` on one workbook.
