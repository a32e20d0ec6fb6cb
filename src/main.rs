//! The page's entry point: mounts the Leptos app. Built for wasm32 by Trunk.

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic logs itself and shows an error with "Reload"; the draft is already saved (app::crash).
    std::panic::set_hook(Box::new(article_structurer::app::crash::hook));
    leptos::mount::mount_to_body(article_structurer::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The page runs in the browser: build it with `trunk build --release` (see README.md).");
}
