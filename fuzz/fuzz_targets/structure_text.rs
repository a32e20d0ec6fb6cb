//! `structure()` on plain text with arbitrary options: no panic, valid spans, nothing lost.
#![no_main]

use article_structurer::InputFormat;
use article_structurer_fuzz::{run, Case};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|case: Case| {
    run(&case, InputFormat::Text);
});
