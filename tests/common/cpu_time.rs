//! Thread CPU time, shared by the linear-time test (`tests/linear.rs`) and the structure benchmark
//! (`benches/structure.rs`), each of which includes this file with `#[path]`.

use std::time::{Duration, Instant};

/// CPU time this thread has used: `clock_gettime(CLOCK_THREAD_CPUTIME_ID)` on 64-bit Linux (std does
/// not expose it; libc is linked anyway), wall time elsewhere. Time other processes take from the
/// machine is not counted, which wall time on a shared machine would.
pub fn cpu_time() -> Duration {
    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    {
        #[repr(C)]
        struct Timespec {
            sec: i64,
            nsec: i64,
        }
        extern "C" {
            fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
        }
        const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
        let mut ts = Timespec { sec: 0, nsec: 0 };
        // SAFETY: `ts` is a valid, writable timespec (two 64-bit fields on 64-bit Linux).
        if unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return Duration::new(ts.sec as u64, ts.nsec as u32);
        }
    }
    use std::sync::OnceLock;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}
