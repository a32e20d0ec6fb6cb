//! The JavaScript shell: the JS API (`structure`, `render`) and the `<article-structurer>` custom
//! element. Compiled only for wasm32; built into its own wasm (bin `widget-core`, `src/widget.rs`)
//! and loaded by the fixed-name `widget.js` that `scripts/post-build.mjs` writes into the build.
//!
//! Like the page, this is a thin shell: it converts between JavaScript values and the core's types
//! and calls [`crate::structure`] and [`crate::render`]; pasted text reaches the DOM only as text
//! nodes (the article view is the page's own [`crate::app::ArticleView`], rendered through Leptos).

pub mod api;
pub mod element;
mod view;
