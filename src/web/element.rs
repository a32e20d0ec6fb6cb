//! The `<article-structurer>` custom element.
//!
//! wasm-bindgen cannot subclass `HTMLElement`, so a few lines of JavaScript (`inline_js` below) define
//! the class and hand its life-cycle callbacks to Rust. Each connected element gets an
//! [`Instance`]: its signals and a Leptos view mounted into the element's shadow root. Removing the
//! element drops the instance, which unmounts the view and frees its reactive graph.
//!
//! Styles live in one constructed stylesheet shared by every instance (`adoptedStyleSheets`), so the
//! element needs no inline `<style>` and works under a host's strict `style-src`.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

use super::api::{article_from_js, to_js};
use super::view::widget_view;
use crate::{structure, Article, Options};

/// The element's tag name.
pub const TAG: &str = "article-structurer";

/// The element's stylesheet (shadow DOM only: nothing in it can reach the host page).
pub const CSS: &str = include_str!("widget.css");

/// What the element shows: the `mode` attribute.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// The summary card, then the article (the default).
    #[default]
    Full,
    /// The article only.
    Article,
    /// The title and the summary card only.
    Summary,
}

impl Mode {
    /// Reads the attribute; anything unknown is the default.
    pub fn parse(value: Option<&str>) -> Mode {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            Some("article") => Mode::Article,
            Some("summary") => Mode::Summary,
            _ => Mode::Full,
        }
    }
}

/// Colours: the `theme` attribute.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follows the reader's system setting (the default).
    #[default]
    Auto,
    /// Dark text on light.
    Light,
    /// Light text on dark.
    Dark,
}

impl Theme {
    /// Reads the attribute; anything unknown is the default.
    pub fn parse(value: Option<&str>) -> Theme {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    /// The class name the stylesheet knows.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

#[wasm_bindgen(inline_js = r##"
export function defineElement(tag, css, connect, disconnect, changed, setArticle) {
  if (customElements.get(tag)) return false;
  let sheet = null;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  } catch {
    sheet = null;
  }
  class ArticleStructurerElement extends HTMLElement {
    static observedAttributes = ['text', 'mode', 'theme'];
    #id = 0;
    #pending = null;
    #article = null;
    connectedCallback() {
      let root = this.shadowRoot;
      if (!root) {
        root = this.attachShadow({ mode: 'open' });
        // In-article links ("#section-2" in a table of contents) scroll inside the widget instead of
        // changing the host page's address (fragments do not reach into a shadow root anyway).
        root.addEventListener('click', (event) => {
          const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
          if (!link) return;
          event.preventDefault();
          root.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)))?.scrollIntoView({ block: 'start' });
        });
      }
      if (sheet) {
        root.adoptedStyleSheets = [sheet];
      } else {
        const style = document.createElement('style');
        style.textContent = css;
        root.replaceChildren(style);
      }
      const container = document.createElement('div');
      container.className = 'mount';
      root.append(container);
      this.#id = connect(this, container);
      this.#fire();
      if (this.#pending !== null) {
        setArticle(this.#id, this.#pending);
        this.#pending = null;
      }
    }
    disconnectedCallback() {
      const id = this.#id;
      this.#id = 0;
      this.#article = null;
      if (id) disconnect(id);
      this.shadowRoot?.replaceChildren();
    }
    attributeChangedCallback(name, before, after) {
      if (this.#id && before !== after) changed(this.#id, name, after);
    }
    /** The Article JSON (schema 1) on show, or null before the element is connected. */
    get article() {
      return this.#id ? this.#article : this.#pending;
    }
    /** Shows an Article JSON object (for instance one from structure() with other options). */
    set article(value) {
      const article = setArticle(this.#id, value);
      if (!this.#id) this.#pending = article;
    }
    get text() { return this.getAttribute('text') ?? ''; }
    set text(value) { this.setAttribute('text', String(value)); }
    get mode() { return this.getAttribute('mode') ?? 'full'; }
    set mode(value) { this.setAttribute('mode', String(value)); }
    get theme() { return this.getAttribute('theme') ?? 'auto'; }
    set theme(value) { this.setAttribute('theme', String(value)); }
    #fire() {
      this.dispatchEvent(new CustomEvent('structured', { detail: this.#article, bubbles: true, composed: true }));
    }
    /** Called from Rust whenever the element shows another article; `structured` when it is
        connected and has just structured its text (connect() fires once it has its id). */
    static show(element, article, structured) {
      element.#article = article;
      if (structured && element.#id) element.#fire();
    }
  }
  shows.set(tag, ArticleStructurerElement.show);
  customElements.define(tag, ArticleStructurerElement);
  return true;
}

const shows = new Map();

export function showArticle(tag, element, article, structured) {
  shows.get(tag)?.(element, article, structured);
}
"##)]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element_js(
        tag: &str,
        css: &str,
        connect: &Closure<dyn FnMut(Element, HtmlElement) -> u32>,
        disconnect: &Closure<dyn FnMut(u32)>,
        changed: &Closure<dyn FnMut(u32, String, Option<String>)>,
        set_article: &Closure<dyn FnMut(u32, JsValue) -> Result<JsValue, JsValue>>,
    ) -> bool;

    #[wasm_bindgen(js_name = showArticle)]
    fn show_article_js(tag: &str, element: &Element, article: &JsValue, structured: bool);
}

/// One connected element.
struct Instance {
    host: Element,
    article: ArcRwSignal<Article>,
    mode: ArcRwSignal<Mode>,
    theme: ArcRwSignal<Theme>,
    /// The mounted view; dropping it unmounts the view and disposes of its reactive owner.
    _view: Box<dyn Any>,
}

thread_local! {
    static INSTANCES: RefCell<HashMap<u32, Instance>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// How many elements are connected (and hold a mounted view) right now.
pub fn live_instances() -> usize {
    INSTANCES.with(|m| m.borrow().len())
}

/// The article for `text` and its plain-object form.
fn structured(text: &str) -> (Article, JsValue) {
    let article = structure(text, &Options::default());
    let js = to_js(&article).unwrap_or(JsValue::NULL);
    (article, js)
}

/// Structures `text`, shows the result on the element and fires `structured` with it.
fn show_structured(id: u32, text: &str) {
    let (article, js) = structured(text);
    // Release the borrow before calling into JavaScript: a `structured` listener may change or
    // remove this element (or others) at once.
    let host = INSTANCES.with(|m| {
        let map = m.borrow();
        let instance = map.get(&id)?;
        instance.article.set(article);
        Some(instance.host.clone())
    });
    if let Some(host) = host {
        show_article_js(TAG, &host, &js, true);
    }
}

fn connect(host: Element, container: HtmlElement) -> u32 {
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1).max(1));
        id
    });
    // Structured before mounting, so that the first render already shows it (synchronously).
    let (first, js) = structured(&host.get_attribute("text").unwrap_or_default());
    let article = ArcRwSignal::new(first);
    let mode = ArcRwSignal::new(Mode::parse(host.get_attribute("mode").as_deref()));
    let theme = ArcRwSignal::new(Theme::parse(host.get_attribute("theme").as_deref()));
    let view = {
        let (article, mode, theme) = (article.clone(), mode.clone(), theme.clone());
        leptos::mount::mount_to(container, move || widget_view(article, mode, theme))
    };
    let instance = Instance { host: host.clone(), article, mode, theme, _view: Box::new(view) };
    INSTANCES.with(|m| m.borrow_mut().insert(id, instance));
    // The element fires `structured` itself once it knows its id.
    show_article_js(TAG, &host, &js, false);
    id
}

fn disconnect(id: u32) {
    // Taken out first, dropped after the borrow ends: unmounting runs Leptos clean-ups.
    let instance = INSTANCES.with(|m| m.borrow_mut().remove(&id));
    drop(instance);
}

fn changed(id: u32, name: String, value: Option<String>) {
    match name.as_str() {
        "text" => show_structured(id, &value.unwrap_or_default()),
        "mode" => INSTANCES.with(|m| {
            if let Some(i) = m.borrow().get(&id) {
                i.mode.set(Mode::parse(value.as_deref()));
            }
        }),
        "theme" => INSTANCES.with(|m| {
            if let Some(i) = m.borrow().get(&id) {
                i.theme.set(Theme::parse(value.as_deref()));
            }
        }),
        _ => {}
    }
}

/// The `article` setter: checks the value, shows it when the element is connected, and returns
/// it as a plain object (the element keeps it until it connects otherwise).
fn set_article(id: u32, value: JsValue) -> Result<JsValue, JsValue> {
    let article = article_from_js(&value, "<article-structurer>.article")?;
    let js = to_js(&article)?;
    let host = INSTANCES.with(|m| {
        let map = m.borrow();
        let instance = map.get(&id)?;
        instance.article.set(article);
        Some(instance.host.clone())
    });
    if let Some(host) = host {
        show_article_js(TAG, &host, &js, false);
    }
    Ok(js)
}

/// Defines `<article-structurer>` unless this page already has it (from this module or another
/// copy of the widget), so loading the widget twice is harmless. Returns whether it defined it.
pub fn define() -> bool {
    let connect = Closure::<dyn FnMut(Element, HtmlElement) -> u32>::new(connect);
    let disconnect = Closure::<dyn FnMut(u32)>::new(disconnect);
    let changed = Closure::<dyn FnMut(u32, String, Option<String>)>::new(changed);
    let set_article = Closure::<dyn FnMut(u32, JsValue) -> Result<JsValue, JsValue>>::new(set_article);
    let defined = define_element_js(TAG, CSS, &connect, &disconnect, &changed, &set_article);
    if defined {
        // The class holds these for the life of the page.
        connect.forget();
        disconnect.forget();
        changed.forget();
        set_article.forget();
    }
    defined
}
