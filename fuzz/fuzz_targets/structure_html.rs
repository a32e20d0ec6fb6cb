//! `structure()` on HTML with arbitrary options: no panic, valid spans (lines of the HTML source).
#![no_main]

use article_structurer::InputFormat;
use article_structurer_fuzz::{run, Case};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|case: Case| {
    run(&case, InputFormat::Html);
});
