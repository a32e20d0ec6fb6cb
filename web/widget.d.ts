// Types for widget.js: the JS API and the <article-structurer> element.
// The Article JSON is schema 1 (src/core/article.rs); tests/types.rs checks that these interfaces
// name exactly the fields the core writes and the options it reads.

/** Input lines `[first, last]`, 1-based and inclusive. */
export type Lines = [number, number];

/** A piece of text and the input lines it came from. */
export interface Span {
  text: string;
  lines: Lines;
  /** For `published`: the day it names, ISO 8601 (`YYYY-MM-DD`), when it names one. */
  date?: string;
}

/** A labelled list the article carries itself: its key points or its takeaways. */
export interface Callout {
  label: Span | null;
  items: Span[];
}

export type BlockKind = 'paragraph' | 'list' | 'caption' | 'quote' | 'code' | 'table';

/** One block of body text inside a section. */
export interface Block {
  kind: BlockKind;
  /** For lists and tables, the items joined by newlines. */
  text: string;
  /** List items or table rows; empty for other kinds. */
  items: string[];
  lines: Lines;
}

/** A heading and the blocks it names; the first section may have no heading (the lead). */
export interface Section {
  heading: Span | null;
  /** 2 to 6 (the title is level 1). */
  level: number;
  blocks: Block[];
}

/** One sentence of the extractive summary. */
export interface SummarySentence {
  text: string;
  /** Index into `Article.sections`. */
  section: number;
  /** Index into that section's `blocks`. */
  block: number;
  /** Byte range `[start, end)` of the sentence in the block's UTF-8 text. */
  range: [number, number];
  lines: Lines;
}

export interface Summary {
  /** Summary sentences, in reading order. */
  sentences: SummarySentence[];
  /** Keyphrases, best first. */
  keywords: string[];
  /** One sentence per section that has prose. */
  gists: SummarySentence[];
}

export type RemovedReason =
  | 'duplicate'
  | 'near-duplicate'
  | 'misplaced-heading'
  | 'boilerplate'
  | 'page-furniture'
  | 'related'
  | 'comments';

/** A piece of the input left out of the article, and why. */
export interface Removed {
  reason: RemovedReason;
  text: string;
  lines: Lines;
  /** For duplicates: the lines of the copy that was kept. */
  duplicate_of: Lines | null;
}

export interface Stats {
  words: number;
  sentences: number;
  reading_minutes: number;
  duplicates_removed: number;
  boilerplate_removed: number;
}

export interface Diagnostic {
  /** A stable code, such as `input-truncated`. */
  code: string;
  message: string;
  /** The input lines it is about (for `little-kept`, the largest run of removed lines). */
  lines?: Lines;
}

/** The structured article: Article JSON, schema 1. Fields may be added later; none is removed. */
export interface Article {
  schema: 1;
  /** BCP 47 code of the main language ("en", "ja"), or "und". */
  language: string;
  title: Span | null;
  byline: Span | null;
  published: Span | null;
  key_points: Callout | null;
  sections: Section[];
  takeaways: Callout | null;
  summary: Summary;
  removed: Removed[];
  stats: Stats;
  diagnostics: Diagnostic[];
  /** What kind of page the text was pasted from, when it was read as a page. */
  page_type?: 'article' | 'service' | 'product' | 'collection' | 'forum' | 'listing' | 'documentation';
}

/** Options for `structure()`; every field is optional and has a documented default. */
export interface Options {
  /** How to read the input. Default "text". */
  input?: 'text' | 'html';
  /** Summary sentences (1 to 10); null chooses from the article's length. Default null. */
  summary_sentences?: number | null;
  /** Keyphrases to return (1 to 20). Default 8. */
  keyphrases?: number;
  /** Leave out navigation, share lines, advertisements. Default true. */
  remove_boilerplate?: boolean;
  /** Leave out exact and near-duplicate copies. Default true. */
  remove_duplicates?: boolean;
  /** Shingle overlap for near-duplicates (0.5 to 1.0). Default 0.8. */
  near_duplicate_threshold?: number;
  /** Reading speed in words per minute. Default 230. */
  words_per_minute?: number;
  /** Reading speed for Chinese, Japanese and Korean in characters per minute. Default 500. */
  cjk_chars_per_minute?: number;
  /** Longer inputs are cut at a line boundary, with a diagnostic. Default 16 MiB. */
  max_input_bytes?: number;
}

export type RenderFormat = 'markdown' | 'html' | 'text' | 'json';

/**
 * Structures `text` and returns the Article JSON (schema 1) as a plain object.
 * Throws a TypeError when `text` is not a string or an option is unknown or invalid, and a RangeError
 * when `text` is over `max_input_bytes` (UTF-8 bytes, default 16 MiB): "the input is N bytes, over the
 * limit of M bytes; raise the limit with the max_input_bytes option".
 */
export function structure(text: string, options?: Options): Article;

/**
 * Renders an article as Markdown, a standalone HTML document (all text escaped), plain text or JSON.
 * Throws a TypeError for anything that is not Article JSON schema 1, or an unknown format.
 */
export function render(article: Article, format: RenderFormat): string;

/** The `<article-structurer>` element. */
export interface ArticleStructurerElement extends HTMLElement {
  /** The input text (reflects the `text` attribute). */
  text: string;
  /** What it shows (reflects the `mode` attribute): "full" (default), "article" or "summary". */
  mode: 'full' | 'article' | 'summary';
  /** Colours (reflects the `theme` attribute): "auto" (default, follows the system), "light", "dark". */
  theme: 'auto' | 'light' | 'dark';
  /** The article on show, or null before the element is connected. Set it to show another. */
  article: Article | null;
  addEventListener(
    type: 'structured',
    listener: (this: ArticleStructurerElement, event: CustomEvent<Article>) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'article-structurer': ArticleStructurerElement;
  }
}
